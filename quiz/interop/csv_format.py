"""CSV for spreadsheets: Chronoquiz's own layout (import and export) and the Quizizz/Wayground layout (import).

Chronoquiz layout: one question per row, a header row naming the columns (any order; matched without regard
to case):

    type, question_ar, question_en, option_1_ar, option_1_en, ..., option_8_ar, option_8_en, correct,
    explanation_ar, explanation_en, category

- `type`: `mcq` (multiple choice), `multi` (several correct answers), `truefalse` or `ordering`.
- `question_ar` / `question_en`: the question in Arabic and/or English (or another language written left
  to right, such as French). Fill the languages you use; rows in different languages make a mixed set,
  each question in its own language (quiz.authoring.model).
- `option_N_ar` / `option_N_en` (N = 1..8): mcq: 2 to 6 choices; multi: 2 to 8; truefalse: none; ordering:
  3 to 8 items, listed in their CORRECT order (Chronoquiz shuffles them for the learner). Empty options in
  between are closed up.
- `correct`: mcq: the number of the right option (its N); multi: the numbers of the right ones ("1,3"), each
  then an equal share of the mark and each wrong one an equal share taken away; truefalse: `true` or `false`
  (also صواب / خطأ); ordering: empty.
- `marks` (multi, optional): each filled option's share in percent, `;`-separated ("50;50;-100;0"); when
  given it decides the shares (Moodle's rules: the right ones add up to 100).
- `explanation_ar` / `explanation_en`, `category`: optional.
A cell may hold several lines (quoted, as Excel writes it). Empty rows are ignored; other columns are ignored
with a warning. The set's title is the file's name.

Files: any encoding quiz.interop.decode reads (UTF-8 with or without BOM, UTF-16 with or without BOM as
Excel's "Unicode text", Windows-1256 as an Arabic Excel's plain "CSV", other single-byte encodings), any line ends.
The delimiter is `,`, `;` (Excel in countries that write decimal commas) or tab, taken from the header row.
Export writes UTF-8 with a BOM (so Excel shows Arabic), commas, CRLF line ends, every column; a text that
starts with = + - or @ (and is not a number) is written with a leading apostrophe so a spreadsheet does not
run it as a formula, and that apostrophe is removed again on import (a text already starting `'=` gets a
second one, so every text comes back unchanged).

Quizizz/Wayground layout (import only), recognised by its header
`Question Text,Question Type,Option 1,…,Option 5,Correct Answer,Time in seconds,Image Link,Answer
explanation`: the instruction row under the header (its cells say "(required)") is skipped; "Multiple
Choice" rows (or an empty type) are imported; "Checkbox" rows ("1,2,3") as several correct answers with
equal shares (warned); Wayground has no true/false type, so a True/False row is a two-option multiple choice
and stays one; Fill-in-the-Blank, Open-Ended, Poll and Draw rows are skipped with a report. Image links are dropped
with a warning; the time is not kept. A question with an Arabic letter is Arabic, else English.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime

from ..authoring import MAX_ITEMS, SetData, SetOption, SetQuestion
from ..messages import N_, Message, Nn_
from ..scoring.answer_types import default_fractions
from . import limits
from .assemble import Entry, assemble_set, title_from
from .cells import safe_cell, unprotect
from .decode import decode_text, sniff_separator
from .markup import has_arabic
from .moodle_terms import fraction_from_percent, percent_text
from .results import ImportIssue, ImportResult, InteropError

OPTION_COLUMNS = tuple(f"option_{n}_{lang}" for n in range(1, MAX_ITEMS + 1) for lang in ("ar", "en"))
COLUMNS = ("type", "question_ar", "question_en", *OPTION_COLUMNS, "correct", "marks", "explanation_ar",
           "explanation_en", "category")
KINDS = ("mcq", "multi", "truefalse", "ordering")
_TRUE, _FALSE = ("true", "t", "1", "صواب", "صح"), ("false", "f", "2", "خطأ")
QUIZIZZ_HEADER = ("Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4", "Option 5",
                  "Correct Answer", "Time in seconds", "Image Link", "Answer explanation")


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: numbers without a spurious ".0", dates as ISO dates, None as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def _records(data: bytes) -> list[tuple[int, list[str]]]:
    text = decode_text(data)
    delimiter = sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for row_no, row in enumerate(reader, start=1):
            limits.check_rows(row_no)
            limits.tick()
            records.append((row_no, [cell.replace("\r\n", "\n").strip() for cell in row]))
    except csv.Error as exc:
        raise InteropError(N_("row %(row)s (line %(line)s): not valid CSV: %(detail)s", row=len(records) + 1,
                              line=reader.line_num, detail=str(exc))) from None
    return records


def _row(number: int) -> Message:
    return N_("row %(row)s", row=number)


def _unknown_column(index: int, name: str) -> ImportIssue:
    return ImportIssue(N_("row %(row)s, column %(column)s", row=1, column=index + 1),
                       N_('unknown column "%(name)s" ignored', name=name))


def _none(text: str) -> str | None:
    return text or None


def _chronoquiz_entry(row_no: int, cells: dict[str, str], warnings: list[ImportIssue]) -> Entry | None:
    if not any(cells.values()):
        return None
    where = _row(row_no)
    kind = cells.get("type", "").lower()
    if kind not in KINDS:
        return Entry(where, skip_reason=N_('column %(column)s: "%(value)s" is not one of %(kinds)s',
                                           column="type", value=cells.get("type", ""), kinds=", ".join(KINDS)))
    options: list[SetOption] = []
    numbers: list[int] = []
    for number in range(1, MAX_ITEMS + 1):
        text_ar, text_en = cells.get(f"option_{number}_ar", ""), cells.get(f"option_{number}_en", "")
        if text_ar or text_en:
            options.append(SetOption(text_ar=_none(text_ar), text_en=_none(text_en)))
            numbers.append(number)
    answer = _answer(kind, cells, numbers, options, where, warnings)
    if isinstance(answer, Message):
        return Entry(where, skip_reason=answer)
    correct, options = answer
    return Entry(where, SetQuestion(
        type=kind,  # type: ignore[arg-type]
        prompt_ar=_none(cells.get("question_ar", "")),
        prompt_en=_none(cells.get("question_en", "")),
        options=tuple(options),
        correct=correct,
        explanation_ar=_none(cells.get("explanation_ar", "")),
        explanation_en=_none(cells.get("explanation_en", "")),
        origin="imported",
        category=_none(cells.get("category", "")),
    ))


def _answer(kind: str, cells: dict[str, str], numbers: list[int], options: list[SetOption], where: Message,
            warnings: list[ImportIssue]) -> tuple[int | None, list[SetOption]] | Message:
    """The `correct` index and the options (with their marks for several answers) a row's type asks for, or why
    the row cannot be imported (the column and what to write there)."""
    raw = cells.get("correct", "")
    if kind == "mcq":
        if not raw:
            return N_("column %(column)s: give the number of the right option", column="correct")
        if not raw.isdecimal() or len(raw) > 3 or int(raw) not in numbers:
            return N_('column %(column)s: "%(value)s" is not the number of a filled option', column="correct",
                      value=raw)
        return numbers.index(int(raw)), options
    if kind == "truefalse":
        said = raw.strip().lower()
        if said not in _TRUE + _FALSE:
            return N_('column %(column)s: "%(value)s": write %(true)s or %(false)s', column="correct", value=raw,
                      true="true", false="false")
        return (0 if said in _TRUE else 1), options
    if kind == "multi":
        fractions = _multi_fractions(raw, cells.get("marks", ""), numbers)
        if isinstance(fractions, Message):
            return fractions
        return None, [replace(option, fraction=fraction) for option, fraction in zip(options, fractions)]
    if raw:
        warnings.append(ImportIssue(where, N_(
            'column %(column)s ("%(value)s") ignored: an ordering question lists its items in order',
            column="correct", value=raw)))
    return None, options


def _multi_fractions(raw: str, marks: str, numbers: list[int]) -> list[float] | Message:
    """Several correct answers: `marks` gives each filled option's share in percent ("50;50;-100;0"), else
    `correct` lists the right options ("1,3") and each gets an equal share (`default_fractions`)."""
    if marks.strip():
        parts = [part.strip().rstrip("%") for part in marks.replace(",", ";").split(";")]
        try:
            shares = [fraction_from_percent(float(part)) for part in parts if len(part) <= 12]
        except ValueError:
            shares = []
        if len(shares) != len(parts) or len(shares) != len(numbers):
            return N_('column %(column)s: "%(value)s": give one mark in percent per filled option (%(num)s), '
                      'separated by ";", such as %(example)s', column="marks", value=marks, num=len(numbers),
                      example="50;50;-100")
        return shares
    chosen = [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]
    if not chosen or any(not part.isdecimal() or len(part) > 3 or int(part) not in numbers for part in chosen):
        return N_('column %(column)s: "%(value)s": list the numbers of the right options, such as %(example)s',
                  column="correct", value=raw, example="1,3")
    return default_fractions(len(numbers), [numbers.index(int(part)) for part in chosen])


def _import_chronoquiz(records: list[tuple[int, list[str]]], header: list[str], filename: str) -> ImportResult:
    names = [name.strip().lower() for name in header]
    warnings = [_unknown_column(index, header[index])
                for index, name in enumerate(names) if name and name not in COLUMNS]
    entries: list[Entry] = []
    for row_no, row in records[1:]:
        extra = [cell for cell in row[len(names):] if cell]
        if extra:
            warnings.append(ImportIssue(_row(row_no), Nn_("%(num)s cell beyond the last column ignored",
                                                          "%(num)s cells beyond the last column ignored", len(extra))))
        cells = {name: unprotect(row[index]) if index < len(row) else ""
                 for index, name in enumerate(names) if name in COLUMNS}
        entry = _chronoquiz_entry(row_no, cells, warnings)
        if entry is not None:
            entries.append(entry)
    return assemble_set(entries, title=title_from(filename=filename), warnings=warnings)


def quizizz_entries(header: list[str], rows: list[tuple[int, list[str]]]) -> tuple[list[Entry], list[ImportIssue]]:
    """Entries from Quizizz/Wayground rows, columns found by their header names (some exporters write only
    four options, or no image and explanation columns); shared by the CSV and .xlsx importers."""
    position = {" ".join(name.lower().split()): index for index, name in enumerate(header)}
    columns = {name: position.get(name.lower()) for name in QUIZIZZ_HEADER}
    warnings = [_unknown_column(index, header[index])
                for name, index in position.items() if name and name not in {h.lower() for h in QUIZIZZ_HEADER}]
    entries: list[Entry] = []
    for row_no, row in rows:
        cells = {name: row[index] if index is not None and index < len(row) else "" for name, index in columns.items()}
        if not any(cells.values()) or "(required)" in cells["Question Text"]:
            continue
        where = _row(row_no)
        entries.append(_quizizz_entry(where, cells))
    return entries, warnings


def _quizizz_entry(where: Message, cells: dict[str, str]) -> Entry:
    """One Quizizz/Wayground row: "Multiple Choice" (one right answer) or "Checkbox" (several, "1,3"). Wayground
    has no true/false type: a True/False row is a two-option Multiple Choice and stays one."""
    kind = (cells["Question Type"] or "Multiple Choice").lower()
    if kind not in ("multiple choice", "checkbox"):
        return Entry(where, skip_reason=N_(
            'question type "%(type)s": Chronoquiz imports %(supported)s only', type=cells["Question Type"],
            supported="Multiple Choice, Checkbox"))
    prompt = cells["Question Text"]
    numbers = [n for n in range(1, 6) if cells[f"Option {n}"]]
    raw = cells["Correct Answer"].replace(" ", "")
    chosen = [part for part in raw.replace(";", ",").split(",") if part]
    if kind == "multiple choice" and len(chosen) > 1:
        return Entry(where, skip_reason=N_(
            'several correct answers (%(answers)s) in a "%(type)s" row: make the row %(checkbox)s so that learners '
            "tick several", answers=raw, type="Multiple Choice", checkbox="Checkbox"))
    if not chosen or any(not part.isdecimal() or len(part) > 3 or int(part) not in numbers for part in chosen):
        return Entry(where, skip_reason=N_(
            'column %(column)s: "%(value)s" is not the number of a filled option', column="Correct Answer",
            value=raw))
    right = sorted({numbers.index(int(part)) for part in chosen})
    arabic = has_arabic(prompt)
    explanation = cells["Answer explanation"] or None
    options = tuple(SetOption(text_ar=cells[f"Option {n}"]) if arabic else SetOption(text_en=cells[f"Option {n}"])
                    for n in numbers)
    notes: tuple[Message, ...] = ()
    if kind == "checkbox":
        options = tuple(replace(option, fraction=fraction)
                        for option, fraction in zip(options, default_fractions(len(options), right)))
        notes = (N_("several correct answers: Wayground says only which answers are right; Chronoquiz gives each "
                    "right answer an equal share of the mark and takes an equal share away for each wrong one"),)
    if cells["Image Link"]:
        notes += (N_("image link dropped: %(link)s", link=cells["Image Link"]),)
    return Entry(where, warnings=notes, question=SetQuestion(
        type="multi" if kind == "checkbox" else "mcq",
        prompt_ar=prompt if arabic else None,
        prompt_en=None if arabic else prompt,
        options=options,
        correct=None if kind == "checkbox" else right[0],
        explanation_ar=explanation if arabic else None,
        explanation_en=None if arabic else explanation,
        origin="imported",
    ))


def is_quizizz_header(header: list[str]) -> bool:
    names = [" ".join(cell.lower().split()) for cell in header[:3]]
    return names == ["question text", "question type", "option 1"]


def import_csv(data: bytes, *, filename: str = "") -> ImportResult:
    records = _records(data)
    if not records:
        raise InteropError(N_("row %(row)s: the file is empty", row=1))
    header = records[0][1]
    if is_quizizz_header(header):
        entries, warnings = quizizz_entries(header, records[1:])
        return assemble_set(entries, title=title_from(filename=filename), warnings=warnings)
    names = {cell.strip().lower() for cell in header}
    if "type" not in names or not names & {"question_ar", "question_en"}:
        raise InteropError(N_(
            "row %(row)s: not a Chronoquiz or Quizizz CSV header: expected columns %(chronoquiz)s (see %(doc)s) or "
            "%(quizizz)s", row=1, doc="CSV.md", chronoquiz="type, question_ar, question_en, option_1_ar, …",
            quizizz="Question Text, Question Type, Option 1, …"))
    return _import_chronoquiz(records, header, filename)


def _correct_cell(question: SetQuestion) -> str:
    if question.type == "truefalse":
        return "true" if question.correct == 0 else "false"
    if question.type == "multi":
        return ",".join(str(number) for number, o in enumerate(question.options, start=1) if (o.fraction or 0) > 0)
    return str(question.correct + 1) if question.type == "mcq" and question.correct is not None else ""


def export_csv(data: SetData) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for question in data.questions:
        cells = {
            "type": question.type,
            "question_ar": question.prompt_ar or "",
            "question_en": question.prompt_en or "",
            "correct": _correct_cell(question),
            "marks": ";".join(percent_text(o.fraction or 0.0) for o in question.options) if question.type == "multi"
            else "",
            "explanation_ar": question.explanation_ar or "",
            "explanation_en": question.explanation_en or "",
            "category": question.category or "",
        }
        for number, option in enumerate(question.options, start=1):
            cells[f"option_{number}_ar"] = option.text_ar or ""
            cells[f"option_{number}_en"] = option.text_en or ""
        writer.writerow([safe_cell(cells.get(column, "")) for column in COLUMNS])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
