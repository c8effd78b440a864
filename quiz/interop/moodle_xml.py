"""Moodle XML: import multiple-choice, true/false and ordering questions; export multiple-choice and ordering.

Parsing uses defusedxml with DTDs refused, so entity expansion ("billion laughs") and external entities
fail with an error instead of being expanded or fetched. Both Moodle's `<quiz>` root and a bare `<question>`
root (qtype_ordering's own fixtures) are read.

Import:
- multichoice: the answer with fraction 100 is correct. Several answers earning marks (a multiple-answer
  question, `<single>false</single>` with 50/50) is skipped with a report; `<single>false</single>` with
  exactly one 100 answer is imported as single-answer with a warning.
- truefalse: a two-option question "True"/"False" (صح / خطأ when the text is Arabic).
- ordering (qtype_ordering): each answer's fraction is its position; items are sorted by it. The first
  `<gradingtype>` found becomes the set's grading type.
- `<question type="category">` sets the `category` of the questions after it (without "$course$/" and
  "top/"); the first category's last name is the set's title and its `<info>` the set's description.
- Texts are HTML: sanitised with nh3 and reduced to plain text (see markup.py). Images, `@@PLUGINFILE@@`
  links and `<file>` elements are dropped with a warning per question naming each file; so are feedback
  on single answers and hints. `<generalfeedback>` becomes the explanation.
- Language: per question, from the question text: `lang`-tagged Arabic and English paragraphs (our own
  bilingual export) and multilang spans are split; Word's inline `lang` spans are not (markup.py); otherwise
  any Arabic letter makes the whole question Arabic, else it goes in the English fields with its language
  detected (French, Spanish…; quiz.authoring.languages). A file in several languages is a mixed set.
- Everything else (essay, cloze, matching, numerical, short answer, ...) is skipped with a report.

Export: a `<quiz>` with a category question first, then each question as Moodle writes it: `<questiontext
format="html"><text><![CDATA[…]]></text>`, multichoice with `<single>true</single>`, `<shuffleanswers>`,
`<answer fraction="100">`; ordering with layouttype VERTICAL, selecttype ALL, the set's grading type and
answer fractions 1, 2, 3… (the positions, as Moodle's exporter writes them). Each text is written as
`<p lang="ar" dir="rtl">Arabic</p><p lang="en" dir="ltr">English</p>` (the languages of the question's
prompt), which Moodle shows as two paragraphs, Arabic first, and which our importer splits back into the
two languages. Lost on export: sources, event ids, origin, option texts in a language the prompt lacks; a
question with no category goes under the set's title, and the set's language is inferred again on import.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser

from ..authoring import SetData, SetOption, SetQuestion
from ..messages import N_, Message, Nn_
from . import limits
from .assemble import Entry, assemble_set, common_grading_type, title_from
from .decode import decode_utf8
from .markup import Reduced, paragraphs_html, reduce_text
from .moodle_terms import (
    category_from_path,
    category_leaf,
    category_path,
    grading_from_moodle,
    grading_to_moodle,
    pick,
    question_name,
    true_false_options,
    unsupported,
)
from .results import ImportIssue, ImportResult, InteropError

_FORMATS = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain", "markdown": "markdown"}


class _LineTreeBuilder(ET.TreeBuilder):
    """A tree builder that remembers the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: XMLParser | None = None
        self.lines: dict[int, int] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:  # type: ignore[override]
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element


def _parse(text: str) -> tuple[ET.Element, dict[int, int]]:
    builder = _LineTreeBuilder()
    parser = XMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(text)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise InteropError(N_("line %(line)s, column %(column)s: not well-formed XML (%(detail)s)", line=line,
                              column=column + 1, detail=reason)) from None
    except DefusedXmlException as exc:
        line = parser.parser.CurrentLineNumber
        raise InteropError(N_(
            "line %(line)s: refused: the file declares a DTD or entities (%(detail)s); Moodle files never do, and "
            "such declarations can expand without limit or read other files", line=line, detail=type(exc).__name__,
        )) from None
    return root, builder.lines


def _text_of(element: ET.Element | None) -> str:
    if element is None:
        return ""
    inner = element.find("text")
    return (inner.text if inner is not None else element.text) or ""


def _reduced(element: ET.Element | None, default: str = "html") -> Reduced:
    if element is None:
        return Reduced(whole="")
    return reduce_text(_text_of(element), _FORMATS.get(element.get("format", default), "html"))


class _QuestionReader:
    """Reads one `<question>` element into a SetQuestion, or the reason it is skipped; collects warnings."""

    def __init__(self, element: ET.Element, where: Message, category: str | None):
        self.element = element
        self.where = where
        self.category = category
        self.warnings: list[Message] = []
        self.files: dict[str, None] = {}
        self.grading_type: str | None = None

    def _note_files(self, reduced: Reduced) -> Reduced:
        self.files.update(dict.fromkeys(reduced.files))
        return reduced

    def read(self) -> SetQuestion | Message:
        qtype = self.element.get("type", "")
        prompt = self._note_files(_reduced(self.element.find("questiontext")))
        language = prompt.language
        prompt_ar, prompt_en = prompt.placed(language)
        explanation = self._note_files(_reduced(self.element.find("generalfeedback")))
        explanation_ar, explanation_en = explanation.placed(language)
        if qtype == "multichoice":
            body = self._multichoice(language)
        elif qtype == "truefalse":
            body = self._truefalse(language)
        elif qtype == "ordering":
            body = self._ordering(language)
        else:
            return unsupported(qtype or "(no type)")
        if isinstance(body, Message):
            return body
        options, correct = body
        self._dropped_extras()
        return SetQuestion(
            type="ordering" if qtype == "ordering" else "mcq",
            prompt_ar=prompt_ar,
            prompt_en=prompt_en,
            options=options,
            correct=correct,
            explanation_ar=explanation_ar,
            explanation_en=explanation_en,
            origin="imported",
            category=self.category,
            lang=prompt.declared,  # a language the file declares (`<p lang="fr">`); else detected on assembly
        )

    def _answers(self) -> list[tuple[float, ET.Element]] | Message:
        answers = []
        for number, answer in enumerate(self.element.findall("answer"), start=1):
            raw = answer.get("fraction", "0")
            try:
                answers.append((float(raw), answer))
            except ValueError:
                return N_('answer %(num)s has fraction "%(value)s", which is not a number', num=number, value=raw)
        return answers

    def _option(self, answer: ET.Element, language: str) -> SetOption:
        reduced = self._note_files(_reduced(answer))
        text_ar, text_en = reduced.placed(language)
        return SetOption(text_ar=text_ar, text_en=text_en)

    def _multichoice(self, language: str) -> tuple[tuple[SetOption, ...], int] | Message:
        answers = self._answers()
        if isinstance(answers, Message):
            return answers
        single = (self.element.findtext("single") or "true").strip().lower() not in ("false", "0")
        earning = [index for index, (fraction, _) in enumerate(answers) if fraction > 0]
        full = [index for index, (fraction, _) in enumerate(answers) if fraction >= 100]
        if len(earning) > 1:
            return N_("a multiple-answer question (%(num)s answers earn marks): "
                      "Chronoquiz questions have exactly one right answer", num=len(earning))
        if not full:
            return N_("no answer earns full marks (%(code)s)", code="fraction 100")
        if not single:
            self.warnings.append(N_("Moodle let learners tick several answers; only one is right, so it is imported "
                                    "as single-answer"))
        if any(fraction < 0 for fraction, _ in answers):
            self.warnings.append(N_("negative marks for wrong answers are not kept"))
        return tuple(self._option(answer, language) for _, answer in answers), full[0]

    def _truefalse(self, language: str) -> tuple[tuple[SetOption, ...], int] | Message:
        answers = self._answers()
        if isinstance(answers, Message):
            return answers
        true_is_right: bool | None = None
        for position, (fraction, answer) in enumerate(answers):
            said = _text_of(answer).strip().lower()
            is_true = said == "true" if said in ("true", "false") else position == 0
            if fraction >= 100:
                true_is_right = is_true
            self._note_files(_reduced(answer.find("feedback")))
        if true_is_right is None:
            return N_("neither true nor false is marked right")
        return true_false_options(language), 0 if true_is_right else 1

    def _ordering(self, language: str) -> tuple[tuple[SetOption, ...], None] | Message:
        answers = self._answers()
        if isinstance(answers, Message):
            return answers
        ordered = [answer for _, answer in sorted(answers, key=lambda pair: pair[0])]  # stable for ties
        grading = (self.element.findtext("gradingtype") or "").strip()
        if grading:
            self.grading_type = grading_from_moodle(grading)
            if self.grading_type is None:
                self.warnings.append(N_('unknown grading type "%(grading)s" ignored', grading=grading))
        select = (self.element.findtext("selecttype") or "").strip().upper()
        count = (self.element.findtext("selectcount") or "").strip()
        shown = int(count) if count.isdecimal() and len(count) <= 4 else 0  # not int() of a 5,000-digit count
        if select in ("RANDOM", "CONTIGUOUS") and 0 < shown < len(ordered):
            self.warnings.append(Nn_(
                "Moodle showed %(shown)s of the %(num)s item (%(select)s); Chronoquiz asks for all of them",
                "Moodle showed %(shown)s of the %(num)s items (%(select)s); Chronoquiz asks for all of them",
                len(ordered), shown=shown, select=select.lower()))
        return tuple(self._option(answer, language) for answer in ordered), None

    def _dropped_extras(self) -> None:
        for answer in self.element.findall("answer"):
            feedback = self._note_files(_reduced(answer.find("feedback")))
            if feedback.whole.strip():
                self.warnings.append(N_("feedback on single answers is not kept (Chronoquiz shows one explanation)"))
                break
        hints = self.element.findall("hint")
        if hints:
            self.warnings.append(Nn_("%(num)s hint dropped", "%(num)s hints dropped", len(hints)))
        for file in self.element.iter("file"):
            self.files[file.get("name") or "(unnamed)"] = None
        for image in self.element.iter("image"):
            if (image.text or "").strip():
                self.files[image.text.strip()] = None


def import_moodle_xml(data: bytes, *, filename: str = "") -> ImportResult:
    root, lines = _parse(decode_utf8(data))
    if root.tag == "quiz":
        elements = [child for child in root if child.tag == "question"]
    elif root.tag == "question":
        elements = [root]
    else:
        raise InteropError(N_("line %(line)s: the root element is %(found)s; a Moodle XML file has %(expected)s",
                              line=lines.get(id(root), 1), found=f"<{root.tag}>", expected="<quiz>"))
    entries: list[Entry] = []
    warnings: list[ImportIssue] = []
    category: str | None = None
    first_category: str | None = None
    description: str | None = None
    grading_types: list[tuple[Message, str]] = []
    number = 0
    limits.check_questions(len(elements) - sum(element.get("type") == "category" for element in elements))
    for element in elements:
        limits.tick()
        line = lines.get(id(element), 0)
        if element.get("type") == "category":
            category = category_from_path(_text_of(element.find("category")))
            if first_category is None and category:
                first_category = category
                description = _reduced(element.find("info")).whole or None
            continue
        number += 1
        name = " ".join(_text_of(element.find("name")).split())
        if name:
            where = N_('question %(num)s "%(name)s" (line %(line)s)', num=number, name=name, line=line)
        else:
            where = N_("question %(num)s (line %(line)s)", num=number, line=line)
        reader = _QuestionReader(element, where, category)
        outcome = reader.read()
        if isinstance(outcome, Message):
            entries.append(Entry(where, skip_reason=outcome))
            continue
        notes = (tuple(N_("embedded file %(name)s dropped", name=file_name) for file_name in reader.files)
                 + tuple(reader.warnings))
        entries.append(Entry(where, outcome, warnings=notes))
        if reader.grading_type:
            grading_types.append((where, reader.grading_type))
    grading_type = common_grading_type(grading_types, warnings)
    return assemble_set(
        entries,
        title=title_from(category_leaf(first_category), filename=filename),
        warnings=warnings,
        description=description,
        grading_type=grading_type,
    )


# --- export ------------------------------------------------------------------------------------------------


def _cdata(markup: str) -> str:
    return "<![CDATA[" + markup.replace("]]>", "]]]]><![CDATA[>") + "]]>" if markup else ""


def _html_block(tag: str, markup: str, indent: str = "    ") -> str:
    return f'{indent}<{tag} format="html">\n{indent}  <text>{_cdata(markup)}</text>\n{indent}</{tag}>\n'


def _combined_feedback() -> str:
    return "".join(_html_block(tag, "") for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"))


def _paragraphs(question: SetQuestion, text_ar: str | None, text_en: str | None) -> str:
    """A question's text as language-tagged paragraphs, a French question's tagged French."""
    return paragraphs_html(*pick(question, text_ar, text_en), other_lang=question.lang or "en")


def _question_xml(number: int, question: SetQuestion, grading: str) -> str:
    name = question_name(question.prompt_ar or question.prompt_en or "")
    out = [
        f"<!-- question: {number}  -->\n",
        f"  <question type={quoteattr(question.type if question.type == 'ordering' else 'multichoice')}>\n",
        f"    <name>\n      <text>{escape(name)}</text>\n    </name>\n",
        _html_block("questiontext", _paragraphs(question, question.prompt_ar, question.prompt_en)),
        _html_block("generalfeedback", _paragraphs(question, question.explanation_ar, question.explanation_en)),
        "    <defaultgrade>1.0000000</defaultgrade>\n",
        f"    <penalty>{'0.3333333' if question.type == 'mcq' else '0.0000000'}</penalty>\n",
        "    <hidden>0</hidden>\n",
        "    <idnumber></idnumber>\n",
    ]
    if question.type == "mcq":
        out += [
            "    <single>true</single>\n",
            "    <shuffleanswers>true</shuffleanswers>\n",
            "    <answernumbering>abc</answernumbering>\n",
            "    <showstandardinstruction>0</showstandardinstruction>\n",
            _combined_feedback(),
            "    <shownumcorrect/>\n",
        ]
    else:
        out += [
            "    <layouttype>VERTICAL</layouttype>\n",
            "    <selecttype>ALL</selecttype>\n",
            "    <selectcount>0</selectcount>\n",
            f"    <gradingtype>{grading}</gradingtype>\n",
            "    <showgrading>SHOW</showgrading>\n",
            "    <numberingstyle>none</numberingstyle>\n",
            _combined_feedback(),
            "    <shownumcorrect>1</shownumcorrect>\n",
        ]
    for index, option in enumerate(question.options):
        if question.type == "mcq":
            fraction = "100" if index == question.correct else "0"
        else:
            fraction = str(index + 1)
        out += [
            f'    <answer fraction="{fraction}" format="html">\n',
            f"      <text>{_cdata(_paragraphs(question, option.text_ar, option.text_en))}</text>\n",
            '      <feedback format="html">\n        <text></text>\n      </feedback>\n',
            "    </answer>\n",
        ]
    out.append("  </question>\n\n")
    return "".join(out)


def _category_xml(path: str, info: str | None = None) -> str:
    info_xml = _html_block("info", "<p>" + escape(info) + "</p>" if info else "") if info is not None else ""
    return (
        "<!-- question: 0  -->\n"
        '  <question type="category">\n'
        f"    <category>\n      <text>{escape(path)}</text>\n    </category>\n"
        f"{info_xml}"
        "  </question>\n\n"
    )


def export_moodle_xml(data: SetData) -> bytes:
    grading = grading_to_moodle(data.grading_type)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    current: str | None = None
    for number, question in enumerate(data.questions, start=1):
        path = category_path(question.category, data.title)
        if path != current:
            parts.append(_category_xml(path, data.description if current is None else None))
            current = path
        parts.append(_question_xml(number, question, grading))
    if current is None:
        parts.append(_category_xml(category_path(None, data.title), data.description))
    parts.append("</quiz>\n")
    return "".join(parts).encode("utf-8")
