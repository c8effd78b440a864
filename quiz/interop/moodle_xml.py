"""Moodle XML: multiple-choice (one or several correct answers), true/false and ordering questions, both ways.

Parsing uses defusedxml with DTDs refused, so entity expansion ("billion laughs") and external entities
fail with an error instead of being expanded or fetched. Both Moodle's `<quiz>` root and a bare `<question>`
root (qtype_ordering's own fixtures) are read.

Import:
- multichoice `<single>true</single>`: the answer with fraction 100 is correct ("mcq"). Several answers at
  100 mean "any one of them is right", which neither one correct option nor shares of the mark can keep: skipped,
  saying so; so is a partial mark on another answer.
- multichoice `<single>false</single>` (learners tick several): "multi", every answer's fraction kept
  (percent / 100, negative marks included); skipped when no answer earns marks.
- truefalse: "truefalse" (no options; the answer "true" or "false" at 100 says which).
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
`<answer fraction="100">`; several answers as multichoice `<single>false</single>` with each option's grade
from Moodle's own list (a share that is not one is written as the nearest and reported: Moodle refuses other
grades on import); true/false as `<question type="truefalse">` with the answers `true` and `false`
(moodle_auto_format, penalty 1) as Moodle's writer puts them; ordering with layouttype VERTICAL, selecttype
ALL, the set's grading type and answer fractions 1, 2, 3… (the positions, as Moodle's exporter writes them).
Each text is written as `<p lang="ar" dir="rtl">Arabic</p><p lang="en" dir="ltr">English</p>` (the languages
of the question's prompt), which Moodle shows as two paragraphs, Arabic first, and which our importer splits
back into the two languages. Lost on export: sources, event ids, origin, option texts in a language the prompt
lacks; a question with no category goes under the set's title, and the set's language is inferred again on
import.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser

from ..authoring import SetData, SetOption, SetQuestion
from ..messages import N_, Message, Nn_
from . import limits
from .assemble import Entry, assemble_set, common_grading_type, title_from
from .decode import decode_text
from .markup import Reduced, paragraphs_html, reduce_text
from .media import (
    PLUGINFILE,
    ImageBin,
    ImageRef,
    images_in,
    media_size_in_xml,
    moodle_files,
    moodle_picture,
    moodle_picture_xml,
)
from .moodle_terms import (
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
)
from .results import ExportResult, ImportIssue, ImportResult, InteropError

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

    def __init__(self, element: ET.Element, where: Message, category: str | None, images: ImageBin):
        self.element = element
        self.where = where
        self.category = category
        self.warnings: list[Message] = []
        self.files: dict[str, None] = {}
        self.grading_type: str | None = None
        self.images = images
        self.embedded = moodle_files(element)  # name -> bytes of the question's <file> elements
        self.handled: set[str] = set()  # image names kept, or reported with their own reason

    def _picture(self, element: ET.Element | None) -> tuple[str | None, str | None]:
        """The image of a text (the question's or an option's): (sha256, alt) or (None, None)."""
        refs = images_in(_text_of(element)) if element is not None else []
        return moodle_picture(refs, self.embedded, self.images, self.warnings, self.handled)

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
            body = self._truefalse()
        elif qtype == "ordering":
            body = self._ordering(language)
        else:
            return unsupported(qtype or "(no type)")
        if isinstance(body, Message):
            return body
        kind, options, correct = body
        image, image_alt = self._picture(self.element.find("questiontext"))
        if image is None:
            image, image_alt = self._old_image()
        self._dropped_extras()
        return SetQuestion(
            type=kind,
            prompt_ar=prompt_ar,
            prompt_en=prompt_en,
            options=options,
            correct=correct,
            explanation_ar=explanation_ar,
            explanation_en=explanation_en,
            origin="imported",
            category=self.category,
            image=image,
            image_alt=image_alt,
            lang=prompt.declared,  # a language the file declares (`<p lang="fr">`); else detected on assembly
        )

    def _old_image(self) -> tuple[str | None, str | None]:
        """Moodle 1.x's <image>name</image> with its bytes in <image_base64>."""
        name = (self.element.findtext("image") or "").strip()
        encoded = self.element.findtext("image_base64") or ""
        if not name or not encoded.strip():
            return None, None
        ref = ImageRef(PLUGINFILE + name, "")
        self.embedded.setdefault(ref.name, encoded)
        return moodle_picture([ref], self.embedded, self.images, self.warnings, self.handled)

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
        image, image_alt = self._picture(answer)
        return SetOption(text_ar=text_ar, text_en=text_en, image=image, image_alt=image_alt)

    def _multichoice(self, language: str) -> Body | Message:
        answers = self._answers()
        if isinstance(answers, Message):
            return answers
        single = (self.element.findtext("single") or "true").strip().lower() not in ("false", "0")
        if not single:
            return self._several(answers, language)
        earning = [index for index, (fraction, _) in enumerate(answers) if fraction > 0]
        full = [index for index, (fraction, _) in enumerate(answers) if fraction >= 100]
        if len(full) > 1:
            # Moodle gives full marks for any ONE of them (a radio button each): ticking boxes worth a share
            # each would halve the mark of a learner who chose one right answer, so the meaning cannot be kept.
            return N_("Moodle gives full marks for any one of %(num)s answers; Chronoquiz cannot keep that: in Moodle "
                      "keep one answer at 100%% and export again, or let learners tick several answers (the right "
                      "ones sharing the mark)", num=len(full))
        if len(earning) > 1:
            return N_("answers %(answers)s earn part of the mark when chosen alone; a Chronoquiz multiple-choice "
                      "question has one right answer: in Moodle give the others 0%% and export again",
                      answers=", ".join(str(index + 1) for index in earning if index not in full))
        if not full:
            return N_("no answer earns full marks (%(code)s)", code="fraction 100")
        if any(fraction < 0 for fraction, _ in answers):
            self.warnings.append(N_("negative marks for wrong answers are not kept"))
        return "mcq", tuple(self._option(answer, language) for _, answer in answers), full[0]

    def _several(self, answers: list[tuple[float, ET.Element]], language: str) -> Body | Message:
        """`<single>false</single>`: learners tick any number of answers; each keeps its grade, as a fraction."""
        if not any(fraction > 0 for fraction, _ in answers):
            return N_("no answer earns marks (every %(code)s is 0 or below)", code="fraction")
        options = tuple(replace(self._option(answer, language), fraction=fraction_from_percent(fraction))
                        for fraction, answer in answers)
        return "multi", options, None

    def _truefalse(self) -> Body | Message:
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
        return "truefalse", (), 0 if true_is_right else 1

    def _ordering(self, language: str) -> Body | Message:
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
        return "ordering", tuple(self._option(answer, language) for answer in ordered), None

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
            if name := (image.text or "").strip():
                self.files[name] = None


def import_moodle_xml(data: bytes, *, filename: str = "") -> ImportResult:
    with limits.allowing_media():  # its images are checked one by one below, and its text alone held to 5 MB
        root, lines = _parse(decode_text(data, xml=True))
    limits.check_text_size(len(data) - media_size_in_xml(root))
    images = ImageBin()
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
        reader = _QuestionReader(element, where, category, images)
        outcome = reader.read()
        if isinstance(outcome, Message):
            entries.append(Entry(where, skip_reason=outcome))
            continue
        notes = (tuple(N_("embedded file %(name)s dropped", name=file_name) for file_name in reader.files
                       if file_name not in reader.handled)
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
        media=images.media,
    )


# --- export ------------------------------------------------------------------------------------------------


def _cdata(markup: str) -> str:
    return "<![CDATA[" + markup.replace("]]>", "]]]]><![CDATA[>") + "]]>" if markup else ""


def _html_block(tag: str, markup: str, indent: str = "    ", files: tuple[str, str] = ("", "")) -> str:
    """A Moodle text; `files` is an image's (<img> markup, <file> element) to put in it, as Moodle does."""
    img, file = files
    return (f'{indent}<{tag} format="html">\n{indent}  <text>{_cdata(markup + img)}</text>\n{file}'
            f'{indent}</{tag}>\n')


def _answer_text(question: SetQuestion, option: SetOption, data: SetData) -> str:
    img, file = moodle_picture_xml(option.image, option.image_alt, data.media)
    markup = _paragraphs(question, option.text_ar, option.text_en) + img
    return f"      <text>{_cdata(markup)}</text>\n{file}"


def _combined_feedback() -> str:
    return "".join(_html_block(tag, "") for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"))


_MOODLE_TYPE = {"mcq": "multichoice", "multi": "multichoice", "truefalse": "truefalse", "ordering": "ordering"}
_PENALTY = {"mcq": "0.3333333", "multi": "0.3333333", "truefalse": "1.0000000", "ordering": "0.0000000"}


def _answer_xml(fraction: str, text: str, text_format: str = "html") -> str:
    """One `<answer>`; `text` is its `<text>` element (and any `<file>` after it), as _answer_text writes it."""
    return "".join([
        f'    <answer fraction="{fraction}" format="{text_format}">\n',
        text,
        '      <feedback format="html">\n        <text></text>\n      </feedback>\n',
        "    </answer>\n",
    ])


def _multichoice_options(single: bool) -> list[str]:
    return [
        f"    <single>{'true' if single else 'false'}</single>\n",
        "    <shuffleanswers>true</shuffleanswers>\n",
        "    <answernumbering>abc</answernumbering>\n",
        "    <showstandardinstruction>0</showstandardinstruction>\n",
        _combined_feedback(),
        "    <shownumcorrect/>\n",
    ]


def _ordering_options(grading: str) -> list[str]:
    return [
        "    <layouttype>VERTICAL</layouttype>\n",
        "    <selecttype>ALL</selecttype>\n",
        "    <selectcount>0</selectcount>\n",
        f"    <gradingtype>{grading}</gradingtype>\n",
        "    <showgrading>SHOW</showgrading>\n",
        "    <numberingstyle>none</numberingstyle>\n",
        _combined_feedback(),
        "    <shownumcorrect>1</shownumcorrect>\n",
    ]


def _answers_xml(question: SetQuestion, data: SetData) -> list[str]:
    """The `<answer>`s as Moodle writes them: true/false as its two answers "true" and "false" (Moodle's own
    words, in moodle_auto_format), several answers with their grades, one answer at 100, ordering positions."""
    if question.type == "truefalse":
        return [_answer_xml("100" if question.correct == index else "0", f"      <text>{word}</text>\n",
                            "moodle_auto_format")
                for index, word in enumerate(("true", "false"))]
    if question.type == "multi":
        fractions = [percent_text(grade) for grade in moodle_fractions(question)[0]]
    elif question.type == "mcq":
        fractions = ["100" if index == question.correct else "0" for index in range(len(question.options))]
    else:
        fractions = [str(index + 1) for index in range(len(question.options))]
    return [_answer_xml(fraction, _answer_text(question, option, data))
            for fraction, option in zip(fractions, question.options)]


def _paragraphs(question: SetQuestion, text_ar: str | None, text_en: str | None) -> str:
    """A question's text as language-tagged paragraphs, a French question's tagged French."""
    return paragraphs_html(*pick(question, text_ar, text_en), other_lang=question.lang or "en")


def _question_xml(number: int, question: SetQuestion, grading: str, data: SetData) -> str:
    name = question_name(question.prompt_ar or question.prompt_en or "")
    out = [
        f"<!-- question: {number}  -->\n",
        f"  <question type={quoteattr(_MOODLE_TYPE[question.type])}>\n",
        f"    <name>\n      <text>{escape(name)}</text>\n    </name>\n",
        _html_block("questiontext", _paragraphs(question, question.prompt_ar, question.prompt_en),
                    files=moodle_picture_xml(question.image, question.image_alt, data.media)),
        _html_block("generalfeedback", _paragraphs(question, question.explanation_ar, question.explanation_en)),
        "    <defaultgrade>1.0000000</defaultgrade>\n",
        f"    <penalty>{_PENALTY[question.type]}</penalty>\n",
        "    <hidden>0</hidden>\n",
        "    <idnumber></idnumber>\n",
    ]
    if question.type in ("mcq", "multi"):
        out += _multichoice_options(single=question.type == "mcq")
    elif question.type == "ordering":
        out += _ordering_options(grading)
    out += _answers_xml(question, data)
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


def export_moodle_xml_report(data: SetData) -> ExportResult:
    """The file, and a warning for each several-answer option whose share Moodle would refuse (written as
    Moodle's nearest grade)."""
    warnings = [ImportIssue(N_("question %(num)s", num=number), note)
                for number, question in enumerate(data.questions, start=1) if question.type == "multi"
                for note in moodle_fractions(question)[1]]
    return ExportResult(export_moodle_xml(data), warnings=warnings)


def export_moodle_xml(data: SetData) -> bytes:
    grading = grading_to_moodle(data.grading_type)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    current: str | None = None
    for number, question in enumerate(data.questions, start=1):
        path = category_path(question.category, data.title)
        if path != current:
            parts.append(_category_xml(path, data.description if current is None else None))
            current = path
        parts.append(_question_xml(number, question, grading, data))
    if current is None:
        parts.append(_category_xml(category_path(None, data.title), data.description))
    parts.append("</quiz>\n")
    return "".join(parts).encode("utf-8")
