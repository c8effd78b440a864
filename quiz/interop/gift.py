r"""GIFT (Moodle's plain-text question format): import and export.

Supported, as Moodle's qformat_gift and qtype_ordering read them:
- multiple choice `{=right ~wrong ~wrong}`, with `#feedback` after an answer (dropped with a warning) and
  `%50%` weights (a question where several answers earn marks is multi-response and skipped);
- true/false `{T}` `{TRUE}` `{F}` `{FALSE}`, with `#wrong feedback#right feedback` (dropped with a warning),
  imported as a two-option question True/False (صح / خطأ for an Arabic question);
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

Export: a `$CATEGORY:` line, then `::name::text{…}` per question, answers one per line, `####` explanation.
A bilingual set writes every text as `[html]<p lang="ar" dir="rtl">…</p><p lang="en" dir="ltr">…</p>` (our
importer splits it back); a one-language set writes plain text, marked `[plain]` when it contains `<` or `&`.
Ordering items are written as Moodle's exporter writes them, one per line and not GIFT-escaped (only
`\\ \{ \}`), as Moodle text: `<` `&` and a leading `/` as HTML entities; a line break inside an item of a
one-language question becomes a space. Lost: sources, event ids, origin.
"""

from __future__ import annotations

import html
import re

from ..authoring import SetData, SetOption, SetQuestion
from ..messages import N_, Message, Nn_
from . import limits
from .assemble import Entry, assemble_set, common_grading_type, title_from
from .decode import decode_utf8
from .markup import Reduced, paragraphs_html, reduce_text
from .moodle_terms import (
    GRADING_NAMES,
    category_from_path,
    category_leaf,
    category_path,
    grading_from_moodle,
    grading_to_moodle,
    pick,
    question_name,
    true_false_options,
    unsupported,
    written_languages,
)
from .results import ImportIssue, ImportResult, InteropError

_ESCAPABLE = "\\:#={}~n"
_PLACEHOLDER = {ch: chr(0xE000 + index) for index, ch in enumerate(_ESCAPABLE)}
_RESTORE = {placeholder: ("\n" if ch == "n" else ch) for ch, placeholder in _PLACEHOLDER.items()}
_FORMATS = ("html", "moodle", "plain", "markdown")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d+)?)%")
_SELECT = {"ALL", "EXACT", "RANDOM", "REL", "CONTIGUOUS", "CONTIG"}
_LAYOUT = {"HORIZONTAL", "HORI", "H", "1", "VERTICAL", "VERT", "V", "0"}
_SHOW = {"SHOW", "TRUE", "YES", "1", "HIDE", "FALSE", "NO", "0"}
_NUMBERING = {"NONE", "ABC", "ABCD", "123", "III", "IIII"}


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(ch, ch) for ch in text)


class _Block:
    """One question's text with GIFT escapes replaced by placeholders, and where each character came from."""

    def __init__(self, lines: list[tuple[int, str]]):
        chars: list[str] = []
        self.positions: list[tuple[int, int]] = []
        for number, (line_no, raw) in enumerate(lines):
            stripped = raw.strip()
            indent = len(raw) - len(raw.lstrip())
            if number:
                previous_no, previous = lines[number - 1]
                chars.append("\n")
                self.positions.append((previous_no, len(previous.rstrip()) + 1))
            index = 0
            while index < len(stripped):
                ch = stripped[index]
                if ch == "\\" and index + 1 < len(stripped) and stripped[index + 1] in _ESCAPABLE:
                    chars.append(_PLACEHOLDER[stripped[index + 1]])
                    index += 2
                    self.positions.append((line_no, indent + index - 1))
                    continue
                chars.append(ch)
                index += 1
                self.positions.append((line_no, indent + index))
        self.text = "".join(chars)
        self.line = lines[0][0]
        self.raw = lines[0][1].strip()  # the first line as written (a $CATEGORY line is not GIFT-escaped)

    def at(self, offset: int) -> Message:
        line, column = self.positions[min(offset, len(self.positions) - 1)]
        return N_("line %(line)s, column %(column)s", line=line, column=column)


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
    def __init__(self, block: _Block):
        self.block = block
        self.name = ""
        self.warnings: list[Message] = []
        self.files: dict[str, None] = {}
        self.grading_type: str | None = None

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
            body = self._truefalse(inner, text_format, language)
        else:
            return unsupported(kind)
        if isinstance(body, Message):
            return body
        options, correct = body
        prompt_ar, prompt_en = prompt.placed(language)
        explanation_ar, explanation_en = explanation.placed(language)
        return SetQuestion(
            type="ordering" if kind == "ordering" else "mcq",
            prompt_ar=prompt_ar,
            prompt_en=prompt_en,
            options=options,
            correct=correct,
            explanation_ar=explanation_ar,
            explanation_en=explanation_en,
            origin="imported",
            category=category,
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
        return SetOption(text_ar=text_ar, text_en=text_en)

    def _multichoice(self, inner: str, text_format: str, language: str) -> tuple[tuple[SetOption, ...], int] | Message:
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
        earning = [weight for weight in weights if weight > 0]
        if len(earning) > 1:
            return N_("a multiple-response question (%(num)s answers earn marks): "
                      "Chronoquiz questions have exactly one right answer", num=len(earning))
        if not earning or earning[0] < 100:
            return N_("no answer is marked right with '='")
        if "=" not in inner:
            self.warnings.append(N_("Moodle would let learners tick several answers; only one is right, so it is "
                                    "imported as single-answer"))
        if has_feedback:
            self.warnings.append(N_("feedback on single answers is not kept (Chronoquiz shows one explanation)"))
        if any(weight < 0 for weight in weights):
            self.warnings.append(N_("negative marks for wrong answers are not kept"))
        return tuple(options), weights.index(earning[0])

    def _truefalse(self, inner: str, text_format: str, language: str) -> tuple[tuple[SetOption, ...], int]:
        answer, *feedbacks = inner.split("#", 2)
        if any(_reduce(feedback, text_format)[0].whole for feedback in feedbacks):
            self.warnings.append(N_("feedback on single answers is not kept (Chronoquiz shows one explanation)"))
        return true_false_options(language), 0 if answer.strip() in ("T", "TRUE") else 1

    def _ordering(self, inner: str, text_format: str, language: str) -> tuple[tuple[SetOption, ...], None] | Message:
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
        return tuple(self._option(item, item_format, language) for item in items), None


def import_gift(data: bytes, *, filename: str = "") -> ImportResult:
    text = decode_utf8(data).replace("\r\n", "\n")
    entries: list[Entry] = []
    warnings: list[ImportIssue] = []
    category: str | None = None
    first_category: str | None = None
    grading_types: list[tuple[Message, str]] = []
    for block in _blocks(text):
        limits.tick()
        limits.check_questions(len(entries))  # before parsing the next one: a file far over stops early
        if block.raw.startswith("$CATEGORY:"):
            category = category_from_path(block.raw[len("$CATEGORY:"):])
            first_category = first_category or category
            continue
        parser = _QuestionParser(block)
        outcome = parser.parse(category)
        if isinstance(outcome, Message):
            entries.append(Entry(parser.where, skip_reason=outcome))
            continue
        notes = tuple(N_("embedded file %(name)s dropped", name=name) for name in parser.files) + tuple(parser.warnings)
        entries.append(Entry(parser.where, outcome, warnings=notes))
        if parser.grading_type:
            grading_types.append((parser.where, parser.grading_type))
    grading_type = common_grading_type(grading_types, warnings)
    return assemble_set(
        entries,
        title=title_from(category_leaf(first_category), filename=filename),
        warnings=warnings,
        grading_type=grading_type,
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


def _question_gift(question: SetQuestion, grading: str) -> str:
    write_ar, write_en = written_languages(question)
    bilingual = write_ar and write_en

    def text(ar: str | None, en: str | None) -> str:
        return _gift_text(*pick(question, ar, en), bilingual)

    name = question_name(question.prompt_ar or question.prompt_en or "")
    lines = ["::" + _escape(name) + "::" + text(question.prompt_ar, question.prompt_en)]
    if question.type == "mcq":
        lines[0] += "{"
        for index, option in enumerate(question.options):
            mark = "=" if index == question.correct else "~"
            lines.append("\t" + mark + text(option.text_ar, option.text_en))
    else:
        lines[0] += f"{{>{len(question.options)} ALL VERTICAL {grading} SHOW none"
        lines.extend(_item_line(*pick(question, option.text_ar, option.text_en), bilingual) for option in question.options)
    explanation = text(question.explanation_ar, question.explanation_en)
    if explanation:
        lines.append("\t####" + explanation)
    lines.append("}")
    return "\n".join(lines) + "\n"


def export_gift(data: SetData) -> bytes:
    grading = grading_to_moodle(data.grading_type)
    parts = [f"// Chronoquiz set: {' '.join(data.title.split())}\n"]
    current: str | None = None
    for question in data.questions:
        path = category_path(question.category, data.title)
        if path != current:
            parts.append(f"\n$CATEGORY: {' '.join(path.split())}\n")
            current = path
        parts.append("\n" + _question_gift(question, grading))
    return "".join(parts).encode("utf-8")


def looks_like_gift(text: str) -> bool:
    """A cheap content test for format detection: a `{…}` answer block or a `$CATEGORY:` line."""
    return "$CATEGORY:" in text or ("{" in text and "}" in text and text.find("{") < text.rfind("}"))


__all__ = ["export_gift", "import_gift", "looks_like_gift"]
