r"""GIFT (Moodle's plain-text question format): import and export.

Supported, as Moodle's qformat_gift and qtype_ordering read them:
- multiple choice `{=right ~wrong ~wrong}`, with `#feedback` after an answer (dropped with a warning); with
  "=" Moodle lets learners choose one answer, so other answers earning marks make it skipped with the reason;
- several correct answers: an answer block without "=" (Moodle's rule for single = 0), each answer's `%50%`
  `%-100%` weight kept as its share of the mark ("multi");
- true/false `{T}` `{TRUE}` `{F}` `{FALSE}`, with `#wrong feedback#right feedback` (dropped with a warning),
  as "truefalse";
- ordering, qtype_ordering's extension: `{>N SELECTTYPE LAYOUT GRADINGTYPE SHOWGRADING NUMBERING` on the
  first line, then one item per line in the correct order; the first grading type becomes the set's;
- `####general feedback` before the closing brace becomes the explanation;
- `::title::` (used only to name the question in reports), `$CATEGORY: path`, `//` comment lines, the
  escapes `\\ \= \~ \# \{ \} \: \n`, and the text-format markers `[html]` `[moodle]` `[plain]` `[markdown]`
  (html and moodle are sanitised and reduced to text like Moodle XML; plain and markdown are kept as written).
As in Moodle, a blank line ends a question, and text after the closing brace makes a "missing word"
question (the blank is written _____); text after it with no letters or digits (a stray `";`) is ignored
with a warning.
Skipped with a report naming the question's line: essay `{}`, matching `->`, numerical `{#…}`, short answer
`{=a =b}`, multi-response, descriptions (no braces). A brace that is never closed is an error (line, column).

Export: a `$CATEGORY:` line, then `::name::text{…}` per question, answers one per line, `####` explanation;
several answers as `~%50%` weights from Moodle's grades and no "="; true/false `{TRUE}`/`{FALSE}` on one line;
the ordering header `>N ALL VERTICAL GRADING SHOW` that qtype_ordering's reader takes as options (see
`ordering_header`: no numbering style, and no LONGEST_ORDERED_SUBSET, which that reader cannot match: that
grading type is kept for our own importer in a `// ordering grading type (Chronoquiz):` comment).
A bilingual set writes every text as `[html]<p lang="ar" dir="rtl">…</p><p lang="en" dir="ltr">…</p>` (our
importer splits it back); a one-language set writes plain text, marked `[plain]` when it contains `<` or `&`.
Ordering items are written as Moodle's exporter writes them, one per line and not GIFT-escaped (only
`\\ \{ \}`), as Moodle text: `<` `&` and a leading `/` as HTML entities; a line break inside an item of a
one-language question becomes a space. Lost: sources, event ids, origin.
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import replace
from itertools import repeat
from typing import Callable

from ..authoring import SetData, SetOption, SetQuestion
from ..messages import N_, Message, Nn_
from . import limits
from .assemble import Entry, assemble_set, common_grading_type, title_from
from .decode import decode_text
from .markup import Reduced, paragraphs_html, reduce_text
from .media import ImageBin, data_url_size, images_in, picture_of
from .moodle_terms import (
    GRADING_NAMES,
    Body,
    category_from_path,
    category_leaf,
    category_path,
    fraction_from_percent,
    grading_from_moodle,
    grading_to_moodle,
    moodle_fractions,
    percent_text,
    pick,
    question_name,
    unsupported,
    written_languages,
)
from .results import ExportResult, ImportIssue, ImportResult, InteropError

_ESCAPABLE = "\\:#={}~n"
_PLACEHOLDER = {ch: chr(0xE000 + index) for index, ch in enumerate(_ESCAPABLE)}
_RESTORE = {placeholder: ("\n" if ch == "n" else ch) for ch, placeholder in _PLACEHOLDER.items()}
_FORMATS = ("html", "moodle", "plain", "markdown")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d+)?)%")
_SELECT = {"ALL", "EXACT", "RANDOM", "REL", "CONTIGUOUS", "CONTIG"}
_LAYOUT = {"HORIZONTAL", "HORI", "H", "1", "VERTICAL", "VERT", "V", "0"}
_SHOW = {"SHOW", "TRUE", "YES", "1", "HIDE", "FALSE", "NO", "0"}
_NUMBERING = {"NONE", "ABC", "ABCD", "123", "III", "IIII"}


_RESTORE_TABLE = str.maketrans(_RESTORE)


def _restore(text: str) -> str:
    return text.translate(_RESTORE_TABLE)


class _Block:
    """One question's text with GIFT escapes replaced by placeholders, and where each character came from."""

    def __init__(self, lines: list[tuple[int, str]]):
        chars: list[str] = []
        # Where each character came from, as two arrays of (line, column): a list of tuples took 60 bytes a
        # character, 110 MB for a bank of 2,000 questions (bench/interop_import.py).
        self.lines, self.columns = array("I"), array("I")
        for number, (line_no, raw) in enumerate(lines):
            stripped = raw.strip()
            indent = len(raw) - len(raw.lstrip())
            if number:
                previous_no, previous = lines[number - 1]
                chars.append("\n")
                self._mark(previous_no, len(previous.rstrip()) + 1)
            if "\\" not in stripped:  # no escape: the line as it is, in one step (most lines)
                chars.append(stripped)
                self.lines.extend(repeat(line_no, len(stripped)))
                self.columns.extend(range(indent + 1, indent + len(stripped) + 1))
                continue
            index = 0
            while index < len(stripped):
                ch = stripped[index]
                if ch == "\\" and index + 1 < len(stripped) and stripped[index + 1] in _ESCAPABLE:
                    chars.append(_PLACEHOLDER[stripped[index + 1]])
                    index += 2
                    self._mark(line_no, indent + index - 1)
                    continue
                chars.append(ch)
                index += 1
                self._mark(line_no, indent + index)
        self.text = "".join(chars)
        self.line = lines[0][0]
        self.raw = lines[0][1].strip()  # the first line as written (a $CATEGORY line is not GIFT-escaped)

    def at(self, offset: int) -> Message:
        index = min(offset, len(self.lines) - 1)
        return N_("line %(line)s, column %(column)s", line=self.lines[index], column=self.columns[index])

    def _mark(self, line: int, column: int) -> None:
        self.lines.append(line)
        self.columns.append(column)


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[tuple[int, str]] = []
    for line_no, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            if current:
                blocks.append(_Block(current))
            current = []
        elif not stripped.startswith("//"):
            current.append((line_no, raw.rstrip("\r")))
    if current:
        blocks.append(_Block(current))
    return blocks


def _with_format(text: str, default: str) -> tuple[str, str]:
    stripped = text.strip()
    if stripped.startswith("["):
        end = stripped.find("]")
        if end > 0 and stripped[1:end] in _FORMATS:
            return stripped[1:end], stripped[end + 1:]
    return default, stripped


def _reduce(text: str, default: str) -> tuple[Reduced, str]:
    text_format, body = _with_format(text, default)
    return reduce_text(_restore(body).strip(), text_format), text_format


class _QuestionParser:
    def __init__(self, block: _Block, images: ImageBin):
        self.block = block
        self.name = ""
        self.warnings: list[Message] = []
        self.files: dict[str, None] = {}
        self.grading_type: str | None = None
        self.images = images
        self.handled: set[str] = set()  # images kept or reported with their own reason

    def _picture(self, text: str) -> tuple[str | None, str | None]:
        """The image of a text: only a data: URL carries bytes in GIFT (an address is reported, never fetched)."""
        return picture_of(images_in(_restore(_with_format(text, "moodle")[1])), {}, self.images, self.warnings,
                          self.handled)

    @property
    def where(self) -> Message:
        if self.name:
            return N_('line %(line)s "%(name)s"', line=self.block.line, name=self.name)
        return N_("line %(line)s", line=self.block.line)

    def _note(self, reduced: Reduced) -> Reduced:
        self.files.update(dict.fromkeys(reduced.files))
        return reduced

    def parse(self, category: str | None) -> SetQuestion | Message:
        text = self.block.text
        start = 0
        if text.startswith("::"):
            end = text.find("::", 2)
            if end >= 0:
                self.name = " ".join(_restore(text[2:end]).split())
                start = end + 2
        opening, closing = text.find("{", start), text.find("}", start)
        if opening < 0 and closing < 0:
            return N_("no answers in braces: a description, not a question")
        if closing < 0:
            raise InteropError(N_("%(where)s: '{' is never closed by '}' (in GIFT a blank line ends a question)",
                                  where=self.block.at(opening)))
        if opening < 0 or closing < opening:
            raise InteropError(N_("%(where)s: '}' without an opening '{' (write \\} for a brace inside a text)",
                                  where=self.block.at(closing)))
        before, inner, after = text[start:opening], text[opening + 1:closing].strip(), text[closing + 1:]
        if "{" in after:
            return N_("more than one answer block {…}: a GIFT question has one (split it into several questions, "
                      "or write \\{ and \\} for braces inside the text)")
        if any(ch.isalnum() for ch in after):
            before = before + "_____" + after
            self.warnings.append(N_("text after the answers: imported as a missing-word question (the blank is _____)"))
        elif after.strip():
            self.warnings.append(N_("characters after the closing brace ignored: %(text)s",
                                    text=_restore(after.strip())))
        feedback_at = inner.rfind("####")
        general = ""
        if feedback_at >= 0:
            inner, general = inner[:feedback_at].strip(), inner[feedback_at + 4:]
        prompt, text_format = _reduce(before, "moodle")
        self._note(prompt)
        language = prompt.language
        explanation = self._note(_reduce(general, text_format)[0])
        kind = self._kind(inner)
        if kind == "ordering":
            body = self._ordering(inner, text_format, language)
        elif kind == "multichoice":
            body = self._multichoice(inner, text_format, language)
        elif kind == "truefalse":
            body = self._truefalse(inner, text_format)
        else:
            return unsupported(kind)
        if isinstance(body, Message):
            return body
        question_type, options, correct = body
        prompt_ar, prompt_en = prompt.placed(language)
        explanation_ar, explanation_en = explanation.placed(language)
        image, image_alt = self._picture(before)
        return SetQuestion(
            type=question_type,
            prompt_ar=prompt_ar,
            prompt_en=prompt_en,
            options=options,
            correct=correct,
            explanation_ar=explanation_ar,
            explanation_en=explanation_en,
            origin="imported",
            category=category,
            image=image,
            image_alt=image_alt,
            lang=prompt.declared,  # a language the file declares (`<p lang="fr">`); else detected on assembly
        )

    @staticmethod
    def _kind(inner: str) -> str:
        if inner.startswith(">"):
            return "ordering"
        if not inner:
            return "essay"
        if inner.startswith("#"):
            return "numerical"
        if "~" in inner:
            return "multichoice"
        if "=" in inner and "->" in inner:
            return "match"
        if inner.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
            return "truefalse"
        return "shortanswer"

    def _option(self, text: str, text_format: str, language: str) -> SetOption:
        reduced = self._note(_reduce(text, text_format)[0])
        text_ar, text_en = reduced.placed(language)
        image, image_alt = self._picture(text)
        return SetOption(text_ar=text_ar, text_en=text_en, image=image, image_alt=image_alt)

    def _multichoice(self, inner: str, text_format: str, language: str) -> Body | Message:
        # Moodle's rule (qformat_gift::readquestion): an answer block without "=" is a several-answer question
        # (single = 0) whose answers carry their %weight%; with "=", learners choose one answer.
        several = "=" not in inner
        pieces = [piece.strip() for piece in inner.replace("=", "~=").split("~")]
        if pieces and not pieces[0]:
            pieces.pop(0)
        weights: list[float] = []
        options: list[SetOption] = []
        has_feedback = False
        for piece in pieces:
            weight = 0.0
            if piece.startswith("="):
                weight, piece = 100.0, piece[1:]
            elif match := _WEIGHT.match(piece):
                weight, piece = float(match.group(1)), piece[match.end():]
            answer, _, feedback = piece.partition("#")
            has_feedback = has_feedback or bool(feedback.strip())
            weights.append(weight)
            options.append(self._option(answer, text_format, language))
        if has_feedback:
            self.warnings.append(N_("feedback on single answers is not kept (Chronoquiz shows one explanation)"))
        if several:
            return self._several(options, weights)
        earning = [number for number, weight in enumerate(weights, start=1) if weight > 0]
        if len(earning) > 1:
            return N_("answers %(answers)s earn marks, but the question has a '=' answer, so Moodle lets learners "
                      "choose only one: mark one answer '=' and the others '~', or give every answer a %%weight%% "
                      "(no '=') so that learners tick several", answers=", ".join(map(str, earning)))
        if any(weight < 0 for weight in weights):
            self.warnings.append(N_("negative marks for wrong answers are not kept"))
        return "mcq", tuple(options), weights.index(100.0)

    @staticmethod
    def _several(options: list[SetOption], weights: list[float]) -> Body | Message:
        if not any(weight > 0 for weight in weights):
            return N_("no answer earns marks: mark the right answer with '=', or give the right answers a "
                      "positive %%weight%% such as %(example)s", example="~%50%")
        marked = tuple(replace(option, fraction=fraction_from_percent(weight))
                       for option, weight in zip(options, weights))
        return "multi", marked, None

    def _truefalse(self, inner: str, text_format: str) -> Body:
        answer, *feedbacks = inner.split("#", 2)
        if any(_reduce(feedback, text_format)[0].whole for feedback in feedbacks):
            self.warnings.append(N_("feedback on single answers is not kept (Chronoquiz shows one explanation)"))
        return "truefalse", (), 0 if answer.strip() in ("T", "TRUE") else 1

    def _ordering(self, inner: str, text_format: str, language: str) -> Body | Message:
        header, _, rest = inner[1:].partition("\n")
        tokens = header.split()
        count = tokens.pop(0) if tokens and tokens[0].isdecimal() and len(tokens[0]) <= 4 else ""
        found: dict[str, str] = {}
        for slot, names in (("select", _SELECT), ("layout", _LAYOUT), ("grading", GRADING_NAMES), ("show", _SHOW),
                            ("numbering", _NUMBERING)):
            if tokens and tokens[0].upper() in names:
                found[slot] = tokens.pop(0).upper()
        if tokens:
            self.warnings.append(N_("unrecognised ordering options ignored: %(options)s", options=" ".join(tokens)))
        if "grading" in found:
            self.grading_type = grading_from_moodle(found["grading"])
        items = [line for line in (raw.strip() for raw in rest.split("\n")) if line]
        select = found.get("select", "")
        if select in ("RANDOM", "REL", "CONTIGUOUS", "CONTIG") and count and 0 < int(count) < len(items):
            self.warnings.append(Nn_(
                "Moodle showed %(shown)s of the %(num)s item (%(select)s); Chronoquiz asks for all of them",
                "Moodle showed %(shown)s of the %(num)s items (%(select)s); Chronoquiz asks for all of them",
                len(items), shown=int(count), select=select.lower()))
        item_format = "html" if text_format == "html" else "moodle"  # qtype_ordering reads items as Moodle text
        return "ordering", tuple(self._option(item, item_format, language) for item in items), None


def _commented_grading(text: str) -> str | None:
    """The grading type our export writes as a comment when Moodle's reader cannot read it in the header."""
    for line in text.split("\n", 3)[:3]:
        if line.startswith(_GRADING_COMMENT):
            return grading_from_moodle(line[len(_GRADING_COMMENT):])
    return None


def import_gift(data: bytes, *, filename: str = "") -> ImportResult:
    with limits.allowing_media():  # pictures in data: addresses are checked one by one; the text is held to 5 MB
        text = decode_text(data)
    limits.check_text_size(len(data) - data_url_size(text))
    entries: list[Entry] = []
    warnings: list[ImportIssue] = []
    category: str | None = None
    first_category: str | None = None
    grading_types: list[tuple[Message, str]] = []
    images = ImageBin()
    for block in _blocks(text):
        limits.tick()
        limits.check_questions(len(entries))  # before parsing the next one: a file far over stops early
        if block.raw.startswith("$CATEGORY:"):
            category = category_from_path(block.raw[len("$CATEGORY:"):])
            first_category = first_category or category
            continue
        parser = _QuestionParser(block, images)
        outcome = parser.parse(category)
        if isinstance(outcome, Message):
            entries.append(Entry(parser.where, skip_reason=outcome))
            continue
        notes = tuple(N_("embedded file %(name)s dropped", name=name) for name in parser.files
                      if name not in parser.handled) + tuple(parser.warnings)
        entries.append(Entry(parser.where, outcome, warnings=notes))
        if parser.grading_type:
            grading_types.append((parser.where, parser.grading_type))
    grading_type = common_grading_type(grading_types, warnings) or _commented_grading(text)
    return assemble_set(
        entries,
        title=title_from(category_leaf(first_category), filename=filename),
        warnings=warnings,
        grading_type=grading_type,
        media=images.media,
    )


# --- export ------------------------------------------------------------------------------------------------

_RESERVED = str.maketrans({"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}", ":": "\\:",
                           "\n": "\\n", "\r": ""})
_ITEM_RESERVED = str.maketrans({"\\": "\\\\", "{": "\\{", "}": "\\}", "\r": ""})


def _escape(text: str) -> str:
    return text.translate(_RESERVED)


def _gift_text(text_ar: str | None, text_en: str | None, bilingual: bool) -> str:
    if bilingual:
        return "[html]" + _escape(paragraphs_html(text_ar, text_en)) if (text_ar or text_en) else ""
    text = text_ar or text_en or ""
    marker = "[plain]" if ("<" in text or "&" in text or text.startswith(("[", "%"))) else ""
    return marker + _escape(text)


def _item_line(text_ar: str | None, text_en: str | None, bilingual: bool) -> str:
    """An ordering item on its own line, as Moodle's ordering exporter writes it: HTML-safe, not GIFT-escaped."""
    if bilingual:
        markup = paragraphs_html(text_ar, text_en)
    else:
        markup = html.escape(" ".join((text_ar or text_en or "").split("\n")), quote=False)
        if markup.startswith("/"):
            markup = "&#47;" + markup[1:]  # a line starting with // would be a comment
    return markup.replace("####", "&#35;###").translate(_ITEM_RESERVED).strip()  # #### starts the feedback


# qtype_ordering's GIFT reader (question/type/ordering/questiontype.php, import_from_gift) reads the header
# `>count selecttype layout gradingtype showgrading [numbering]` with one case-sensitive regex whose
# grading-type alternatives lack a "|" between 'RELATIVE|REL' and 'LONGEST_ORDERED_SUBSET': it can never match
# LONGEST_ORDERED_SUBSET, so that word and everything after it on the line become the first item. Moodle 4.5
# (moodle/moodle as copied in paulkennethsq1/hrsq1 331a074) and moodle/moodle c40caa6 both have it; the older
# reader has no numbering group either, so a trailing "none" would become an item there. So: the grading type
# only when Moodle can read it, never a numbering style (Moodle then uses its default numbering).
GIFT_UNREADABLE_GRADING = frozenset({"LONGEST_ORDERED_SUBSET"})
_GRADING_COMMENT = "// ordering grading type (Chronoquiz): "


def ordering_header(count: int, grading: str) -> str:
    words = ["ALL", "VERTICAL"] + ([] if grading in GIFT_UNREADABLE_GRADING else [grading]) + ["SHOW"]
    return f">{count} " + " ".join(words)


def _choices(question: SetQuestion, text: Callable[[str | None, str | None], str]) -> list[str]:
    """The answers, one per line: "=" for the right one of a multiple-choice question; "~%50%" weights (Moodle's
    grades, no "=" anywhere, which is how Moodle's reader knows learners tick several) for several answers."""
    if question.type == "mcq":
        return ["\t" + ("=" if index == question.correct else "~") + text(option.text_ar, option.text_en)
                for index, option in enumerate(question.options)]
    grades = moodle_fractions(question)[0]
    return ["\t~" + (f"%{percent_text(grade)}%" if grade else "") + text(option.text_ar, option.text_en)
            for grade, option in zip(grades, question.options)]


def _question_gift(question: SetQuestion, grading: str) -> str:
    write_ar, write_en = written_languages(question)
    bilingual = write_ar and write_en

    def text(ar: str | None, en: str | None) -> str:
        return _gift_text(*pick(question, ar, en), bilingual)

    name = question_name(question.prompt_ar or question.prompt_en or "")
    lines = ["::" + _escape(name) + "::" + text(question.prompt_ar, question.prompt_en)]
    explanation = text(question.explanation_ar, question.explanation_en)
    if question.type == "truefalse":
        # On one line, as Moodle writes it: its reader compares the whole answer text with TRUE/FALSE.
        return lines[0] + "{" + ("TRUE" if question.correct == 0 else "FALSE") + (
            "####" + explanation if explanation else "") + "}\n"
    if question.type in ("mcq", "multi"):
        lines[0] += "{"
        lines.extend(_choices(question, text))
    else:
        lines[0] += "{" + ordering_header(len(question.options), grading)
        lines.extend(_item_line(*pick(question, option.text_ar, option.text_en), bilingual)
                     for option in question.options)
    if explanation:
        lines.append("\t####" + explanation)
    lines.append("}")
    return "\n".join(lines) + "\n"


def export_gift(data: SetData) -> bytes:
    grading = grading_to_moodle(data.grading_type)
    parts = [f"// Chronoquiz set: {' '.join(data.title.split())}\n"]
    if grading in GIFT_UNREADABLE_GRADING and any(q.type == "ordering" for q in data.questions):
        parts.append(f"{_GRADING_COMMENT}{grading}\n")  # a comment to Moodle; our importer reads it back
    current: str | None = None
    for question in data.questions:
        path = category_path(question.category, data.title)
        if path != current:
            parts.append(f"\n$CATEGORY: {' '.join(path.split())}\n")
            current = path
        parts.append("\n" + _question_gift(question, grading))
    return "".join(parts).encode("utf-8")


def export_gift_report(data: SetData) -> ExportResult:
    """The file, with what Moodle's GIFT readers cannot take as it is: a grading type its ordering reader
    cannot read, shares of the mark that are not Moodle grades."""
    warnings = [ImportIssue(N_("question %(num)s", num=number), note)
                for number, question in enumerate(data.questions, start=1) if question.type == "multi"
                for note in moodle_fractions(question)[1]]
    grading = grading_to_moodle(data.grading_type)
    if grading in GIFT_UNREADABLE_GRADING and any(q.type == "ordering" for q in data.questions):
        warnings.append(ImportIssue(N_("set"), N_(
            "Moodle's GIFT reader cannot read the grading type %(grading)s: Moodle will grade the ordering "
            "questions %(default)s; choose the grading type again in Moodle after importing, or export as "
            "Moodle XML, which keeps it", grading=grading, default="RELATIVE_NEXT_EXCLUDE_LAST")))
    return ExportResult(export_gift(data), warnings=warnings)


def looks_like_gift(text: str) -> bool:
    """A cheap content test for format detection: a `{…}` answer block or a `$CATEGORY:` line."""
    return "$CATEGORY:" in text or ("{" in text and "}" in text and text.find("{") < text.rfind("}"))


__all__ = ["export_gift", "export_gift_report", "import_gift", "looks_like_gift", "ordering_header"]
