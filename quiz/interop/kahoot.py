"""Kahoot! spreadsheets (.xlsx): the official KahootQuizTemplate.xlsx layout, import and export.

Layout (the template's own): instructions in B2–B6, the header on row 8 (B "Question - max 120 characters",
C–F "Answer 1 - max 75 characters" … "Answer 4 …", G "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240
secs" with an EN DASH, H "Correct answer(s) - choose at least one"), one question per row from row 9, column
A a running number. Correct answers are answer numbers, several separated by commas.

Import: the header is looked for in the first rows (exporters differ by a row), matching the start of each
header and either dash; a sheet without it is refused ("not a Kahoot template: row 8 should hold …").
Numbered rows with nothing else are skipped silently. A row with several correct answers ("1,3") is a
several-answer question whose shares are `default_fractions` (Kahoot says only which answers are right; no
partial credit), with a warning saying so. The time limit is not kept. Texts with an Arabic letter make the
question Arabic, else English or the language detected (a mixed set when they differ). A Quizizz/Wayground
sheet (its header on row 1) is read too.

Export: the same instruction rows, header and columns; time limit 20 s. Several answers are written as
their right answers' numbers ("1,3"; the shares and negative marks are lost, reported); true/false as a
two-answer question صواب / خطأ (True / False in English; reported). Ordering questions and questions with
more than 4 options cannot be written and are returned in `not_exported`; a set with nothing writable is an
InteropError naming why for each question;
texts over Kahoot's 120 (question) / 75 (answer) characters are written but reported in `warnings`. Kahoot
holds one language: a bilingual set is written in Arabic unless `language="en"`. Lost: explanations,
sources, event ids, categories, the other language of a bilingual set.
"""

from __future__ import annotations

import io
import warnings as python_warnings
import zipfile
from dataclasses import replace

from ..authoring import SetData, SetOption, SetQuestion
from ..messages import N_, Message, Nn_
from ..scoring.answer_types import TRUE_FALSE, default_fractions
from . import limits
from .assemble import Entry, assemble_set, title_from
from .cells import formula_like, printable
from .csv_format import cell_text, is_quizizz_header, quizizz_entries
from .decode import check_size
from .markup import has_arabic
from .media import ImageBin
from .results import ExportResult, ImportIssue, ImportResult, InteropError

HEADER = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
INSTRUCTIONS = (
    "Quiz template",
    "Exported from Chronoquiz. Each question has 2 to 4 answers, a time limit and exactly one correct answer.",
    "Remember: questions have a limit of 120 characters and answers can have 75 characters max.",
    "One question per row, from row 9. The correct answer is the number of the right answer (1 to 4).",
    "Upload this file to Kahoot! as it is (.xlsx).",
)
HEADER_ROW, FIRST_ROW = 8, 9
MAX_QUESTION, MAX_ANSWER, MAX_ANSWERS = 120, 75, 4
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
# Kahoot only says which answers are right: what a several-answer row becomes, said where it is imported.
NO_PARTIAL_CREDIT = N_("several correct answers: Kahoot says only which answers are right, with no partial credit; "
                       "Chronoquiz gives each right answer an equal share of the mark and takes an equal share away "
                       "for each wrong one (change the shares in the set editor)")
_HEADER_STARTS = ("question", "answer 1", "answer 2", "answer 3", "answer 4", "time limit", "correct answer")


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2013", "-").replace("\u2014", "-").lower().split())


def _is_header(cells: list[str]) -> bool:
    return len(cells) >= 8 and all(_normal(cells[1 + i]).startswith(start) for i, start in enumerate(_HEADER_STARTS))


def _rows(data: bytes) -> list[list[str]]:
    with limits.allowing_media():  # the archive's parts are limited below, pictures apart from the sheets' text
        check_size(data)
    if not data.startswith(b"PK\x03\x04"):
        raise InteropError(N_("not an .xlsx file (an .xlsx file is a ZIP archive; save the sheet as .xlsx)"))
    # openpyxl is imported where it is used: it costs each server worker 15 MB, and only spreadsheets need it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_xlsx_archive(archive)  # before openpyxl inflates anything
            limits.check_text_size(len(data) - sum(member.compress_size for member in archive.infolist()
                                                   if member.filename.startswith("xl/media/")))
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _sheet_rows(workbook.worksheets[0])
        finally:
            workbook.close()
    except InteropError:
        raise  # a limit, already named (InteropError is a ValueError)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, EOFError, IndexError) as exc:
        raise InteropError(N_("not a readable .xlsx file (%(detail)s)",
                              detail=f"{type(exc).__name__}: {exc}")) from None


def _sheet_rows(sheet) -> list[list[str]]:
    """The sheet's rows as texts, streamed: stops at the row limit, a too long cell or the time budget."""
    rows: list[list[str]] = []
    for number, row in enumerate(sheet.iter_rows(max_col=12, values_only=True), start=1):
        limits.check_rows(number)
        limits.tick()
        cells = [cell_text(value) for value in row]
        for column, text in enumerate(cells, start=1):
            limits.check_cell(text, number, column)
        rows.append(cells)
    return rows


def _correct_numbers(raw: str) -> list[int] | None:
    try:
        return [int(float(part)) for part in raw.replace(";", ",").split(",") if part.strip()]
    except ValueError:
        return None


def _entry(row_no: int, cells: list[str]) -> Entry | None:
    cells = cells + [""] * (8 - len(cells))
    prompt, answers, correct_raw = cells[1], cells[2:6], cells[7]
    where = N_("row %(row)s", row=row_no)
    if not prompt and not any(answers) and not correct_raw:
        return None
    numbers = _correct_numbers(correct_raw)
    if numbers is None:
        return Entry(where, skip_reason=N_('column %(column)s: "%(value)s" is not a list of answer numbers',
                                           column="H", value=correct_raw))
    if not numbers:
        return Entry(where, skip_reason=N_("column %(column)s: no correct answer given", column="H"))
    wrong = [number for number in numbers if not 1 <= number <= 4 or not answers[number - 1]]
    if wrong:
        return Entry(where, skip_reason=N_(
            "column %(column)s: the correct answer %(answer)s is not one of the answers given", column="H",
            answer=wrong[0]))
    kept = [(index, text) for index, text in enumerate(answers, start=1) if text]
    language = "ar" if has_arabic(prompt) else "en"
    options = tuple(SetOption(text_ar=text) if language == "ar" else SetOption(text_en=text) for _, text in kept)
    positions = [index for index, _ in kept]
    right = sorted({positions.index(number) for number in numbers})
    notes: tuple[Message, ...] = ()
    if len(right) > 1:
        options = tuple(replace(option, fraction=fraction)
                        for option, fraction in zip(options, default_fractions(len(options), right)))
        notes = (NO_PARTIAL_CREDIT,)
    question = SetQuestion(
        type="multi" if len(right) > 1 else "mcq",
        prompt_ar=prompt if language == "ar" else None,
        prompt_en=prompt if language == "en" else None,
        options=options,
        correct=None if len(right) > 1 else right[0],
        origin="imported",
    )
    return Entry(where, question, warnings=notes)


def _row_pictures(data: bytes) -> dict[int, list[tuple[Message, bytes]]]:
    """The pictures of the first sheet by the row their top-left corner is anchored on (1-based), with a name a
    teacher can find ("the picture at B9"). Only read when the archive has pictures: openpyxl reads drawings
    only when it loads the whole workbook, which costs more than the streamed rows."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(name.startswith("xl/media/") for name in archive.namelist()):
            return {}
    with python_warnings.catch_warnings():
        python_warnings.simplefilter("ignore")
        workbook = load_workbook(io.BytesIO(data))
    found: dict[int, list[tuple[Message, bytes]]] = {}
    for picture in getattr(workbook.worksheets[0], "_images", []):
        start = getattr(picture.anchor, "_from", None)
        if start is None:  # an absolute anchor is on no row
            continue
        cell = f"{get_column_letter(start.col + 1)}{start.row + 1}"
        found.setdefault(start.row + 1, []).append((N_("in cell %(cell)s", cell=cell), picture._data()))
    return found


def _with_picture(entry: Entry, pictures: list[tuple[Message, bytes]], images: ImageBin) -> Entry:
    """A question row's pictures: the first one kept as the question's image, the others reported."""
    if entry.question is None or not pictures:
        return entry
    notes: list[Message] = []
    image: str | None = None
    for name, data in pictures:
        if image is not None:
            notes.append(N_("image %(name)s not kept: a question or an option shows one image, the first one",
                            name=name))
            continue
        image, warning = images.add(name, data)
        notes.extend([warning] if warning else [])
    return replace(entry, question=replace(entry.question, image=image), warnings=entry.warnings + tuple(notes))


def import_kahoot(data: bytes, *, filename: str = "") -> ImportResult:
    rows = _rows(data)
    if rows and is_quizizz_header(rows[0]):
        entries, warnings = quizizz_entries(rows[0], list(enumerate(rows[1:], start=2)))
        return assemble_set(entries, title=title_from(filename=filename), warnings=warnings)
    header_at = next((index for index, cells in enumerate(rows[:20]) if _is_header(cells)), None)
    if header_at is None:
        raise InteropError(N_("not a Kahoot template: row %(row)s should hold the headers %(headers)s", row=8,
                              headers=" | ".join(f'{column}8 "{text}"' for column, text in zip("BCDEFGH", HEADER))))
    # Pictures count only on question rows: the template's own logo sits in the instruction rows above the header.
    pictures, images = _row_pictures(data), ImageBin()
    entries = [
        _with_picture(entry, pictures.get(row_no, []), images)
        for row_no, cells in enumerate(rows[header_at + 1:], start=header_at + 2)
        if (entry := _entry(row_no, cells)) is not None
    ]
    return assemble_set(entries, title=title_from(filename=filename), warnings=[], media=images.media)


def _texts(question: SetQuestion, language: str) -> tuple[str, list[str]]:
    own = question.prompt_ar if language == "ar" else question.prompt_en
    prompt = own or question.prompt_en or question.prompt_ar or ""
    return prompt, [option.text(language) for option in question.options]


def _kahoot_row(question: SetQuestion, language: str) -> tuple[str, list[str], str, tuple[Message, ...]] | Message:
    """A question as Kahoot's columns: the prompt, the answers, the correct answer numbers ("1,3") and what
    was lost on the way; or why Kahoot cannot hold it."""
    prompt, answers = _texts(question, language)
    if question.type == "ordering":
        return N_("an ordering question: Kahoot spreadsheets hold multiple choice only")
    if question.type == "truefalse":
        words = [pair[0] if language == "ar" else pair[1] for pair in TRUE_FALSE]
        return prompt, words, str((question.correct or 0) + 1), (N_(
            "a true/false question is written as a two-answer question (%(true)s / %(false)s): Kahoot's "
            "spreadsheet has no true/false type", true=words[0], false=words[1]),)
    if len(question.options) > MAX_ANSWERS:
        return N_("%(num)s options: Kahoot allows at most %(max)s", num=len(question.options), max=MAX_ANSWERS)
    if question.type == "multi":
        right = [str(number) for number, option in enumerate(question.options, start=1) if (option.fraction or 0) > 0]
        return prompt, answers, ",".join(right), (N_(
            "several correct answers: Kahoot keeps which answers are right (%(answers)s) but not the shares of the "
            "mark or the marks taken away for wrong answers (no partial credit)", answers=",".join(right)),)
    return prompt, answers, str((question.correct or 0) + 1), ()


def _over_limits(prompt: str, answers: list[str]) -> list[Message]:
    """Texts longer than Kahoot takes: written, but said."""
    notes: list[Message] = []
    if len(prompt) > MAX_QUESTION:
        notes.append(N_("the question has %(num)s characters; Kahoot allows %(max)s", num=len(prompt),
                        max=MAX_QUESTION))
    for index, answer in enumerate(answers, start=1):
        if len(answer) > MAX_ANSWER:
            notes.append(N_("answer %(answer)s has %(num)s characters; Kahoot allows %(max)s", answer=index,
                            num=len(answer), max=MAX_ANSWER))
    return notes


def nothing_exportable(not_exported: list[ImportIssue]) -> InteropError:
    """No question fits Kahoot's spreadsheet: an error that names why for each, instead of an empty template."""
    listed = [Message("%(where)s: %(problem)s", {"where": issue.where, "problem": issue.message})
              for issue in not_exported[:8]]
    if len(not_exported) > 8:
        listed.append(Nn_("and %(num)s more", "and %(num)s more", len(not_exported) - 8))
    return InteropError(N_("nothing to export to Kahoot: no question of this set fits a Kahoot spreadsheet "
                           "(multiple choice with 2 to 4 answers, or true/false): %(issues)s; export it as "
                           "Moodle XML or GIFT instead", issues=listed or [N_("the set has no questions")]),
                        not_exported)


def _write(cell, value: object) -> None:  # noqa: ANN001 (an openpyxl cell)
    cell.value = printable(value) if isinstance(value, str) else value
    if isinstance(value, str) and formula_like(value):
        cell.data_type = "s"  # text, never a formula (Kahoot reads the cell's text: no apostrophe added)


def export_kahoot_report(data: SetData, *, language: str | None = None) -> ExportResult:
    """The workbook and what could not be written (ordering, more than 4 options) or was written with a loss
    (true/false as two answers, several answers without their shares, texts over Kahoot's limits).
    InteropError when no question can be written: an empty template would import as nothing in Kahoot."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    language = language or ("en" if data.language == "en" else "ar")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for row, text in enumerate(INSTRUCTIONS, start=2):
        sheet.cell(row=row, column=2, value=text)
    sheet["B2"].font = Font(bold=True, size=14)
    for column, text in enumerate(HEADER, start=2):
        sheet.cell(row=HEADER_ROW, column=column, value=text).font = Font(bold=True)
    not_exported: list[ImportIssue] = []
    warnings: list[ImportIssue] = []
    if data.language == "both":
        warnings.append(ImportIssue(N_("set"), N_("Kahoot holds one language: the English texts are not exported")
                                    if language == "ar" else
                                    N_("Kahoot holds one language: the Arabic texts are not exported")))
    row = FIRST_ROW
    for number, question in enumerate(data.questions, start=1):
        where = N_("question %(num)s", num=number)
        written = _kahoot_row(question, language)
        if isinstance(written, Message):
            not_exported.append(ImportIssue(where, written))
            continue
        prompt, answers, correct, notes = written
        warnings.extend(ImportIssue(where, note) for note in (*notes, *_over_limits(prompt, answers)))
        values: list[object] = [row - FIRST_ROW + 1, prompt, *answers, *[None] * (MAX_ANSWERS - len(answers)), 20,
                                correct]
        for column, value in enumerate(values, start=1):
            _write(sheet.cell(row=row, column=column), value)
        row += 1
    if row == FIRST_ROW:
        raise nothing_exportable(not_exported)
    validation = DataValidation(type="list", formula1='"' + ",".join(map(str, TIME_LIMITS)) + '"', allow_blank=True)
    sheet.add_data_validation(validation)
    validation.add(f"G{FIRST_ROW}:G{max(row, FIRST_ROW + 99)}")
    for letter, width in zip("ABCDEFGH", (4, 60, 30, 30, 30, 30, 14, 14)):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return ExportResult(buffer.getvalue(), not_exported, warnings)


def export_kahoot(data: SetData, *, language: str | None = None) -> bytes:
    return export_kahoot_report(data, language=language).data
