"""Chronoquiz's own file format: one schema, written as YAML or JSON, that holds everything a set has.

    format: chronoquiz-set        # required, exactly this
    version: 1                    # required; a later version will say what changed
    title: Gulf War, 1990-91      # required, at most 200 characters
    language: both                # ar | en | both: the languages every question must have (default ar);
                                  # mixed: each question in its own language (see quiz.authoring.model)
    description: ...              # optional
    grading_type: relative_all_previous_and_next   # how ordering questions are graded (scoring.GradingType)
    questions:
      - type: mcq                 # mcq | multi | truefalse | ordering
        prompt_ar: ...            # the question text, in Arabic and/or English
        prompt_en: ...
        options:                  # mcq: 2-6 choices; multi: 2-8 choices; ordering: 3-8 items listed in their
          - text_ar: ...          # CORRECT order; truefalse: none
            text_en: ...
            event_id: iraq-invades-kuwait   # optional: the chronology event the option stands for
            correct: true         # mcq: exactly one option is correct; omitted means false
          - text_en: ...
        explanation_ar: ...       # optional, shown after the answer
        explanation_en: ...
        sources: [...]            # optional: source ids or free text such as a URL
        event_ids: [...]          # optional
        origin: authored          # authored | generated | imported (default authored)
        category: ...             # optional, e.g. the Moodle category it came from
        image: 3f2a….png          # optional: the name of an entry of `media` shown with the prompt
        image_alt: ...            # optional: what the image shows, for screen readers (options have both too)
        lang: fr                  # optional: the language of a question's text when its fields do not
                                  # say it (a French question in the _en fields); written by exports
    media:                        # optional: the images the questions name, their bytes in base64
      - name: 3f2a….png
        data: iVBORw0KGgo…

Several correct answers (`type: multi`) give each option its `fraction` of the mark, -1 to 1 (Moodle's grade:
the right options' fractions add up to 1, a wrong one may take marks away); an option without one is worth 0.
A file written by hand may instead mark the right options `correct: true`: each then shares the mark and each
wrong option takes an equal share away (ticking every option scores 0):

      - type: multi
        prompt_en: Which of these were Abbasid caliphs?
        options:
          - {text_en: Harun al-Rashid, fraction: 0.5}
          - {text_en: Muawiya, fraction: -1}
          - {text_en: al-Ma'mun, fraction: 0.5}

True/false (`type: truefalse`) is a statement with no options and `correct: true` or `correct: false` on the
question itself:

      - type: truefalse
        prompt_en: Baghdad fell in April 2003.
        correct: true

Unknown keys are errors (a typo should not vanish silently), and every error names its field path, e.g.
`questions.3.options.1.text_en`. Numbers written where text is expected (an option `1990`) are read as text.
YAML anchors and aliases are refused (they serve no purpose here and allow "billion laughs" files).
Questions that break the model's rules (two correct options, one option) are skipped with their problems
listed, like in every other importer. Images are checked like every import's (quiz.interop.media): one
over a limit, or not a PNG, JPEG, GIF or WebP picture, is dropped with a warning and its question kept; the
file may be larger than 5 MB by its images (`limits.MAX_UPLOAD_BYTES`), not by its text.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..authoring import SetData, SetOption, SetQuestion
from ..messages import N_, Message, Nn_
from ..scoring.answer_types import answer_type, default_fractions
from ..scoring.ordering import GradingType
from . import limits
from .assemble import Entry, assemble_set
from .decode import decode_text
from .media import PLUGINFILE, ImageBin, ImageRef, export_name, picture_of, used_images
from .results import ImportResult, InteropError

FORMAT_NAME = "chronoquiz-set"
VERSION = 1
_GradingId = Literal[tuple(grading.value for grading in GradingType)]  # type: ignore[valid-type]
_CONFIG = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class OptionSchema(BaseModel):
    model_config = _CONFIG
    text_ar: str | None = None
    text_en: str | None = None
    event_id: str | None = None
    correct: bool = False
    fraction: float | None = None  # multi only: the option's share of the mark, -1..1
    image: str | None = None
    image_alt: str | None = None


class QuestionSchema(BaseModel):
    model_config = _CONFIG
    type: Literal["mcq", "multi", "truefalse", "ordering"]
    prompt_ar: str | None = None
    prompt_en: str | None = None
    options: list[OptionSchema] = Field(default_factory=list)
    correct: bool | None = None  # truefalse only: whether the statement is true
    explanation_ar: str | None = None
    explanation_en: str | None = None
    sources: list[str] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    origin: Literal["authored", "generated", "imported"] = "authored"
    category: str | None = None
    image: str | None = None
    image_alt: str | None = None
    lang: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")


class MediaSchema(BaseModel):
    model_config = _CONFIG
    name: str
    data: str  # base64


class SetSchema(BaseModel):
    model_config = _CONFIG
    format: Literal["chronoquiz-set"]
    version: Literal[1]
    title: str
    language: Literal["ar", "en", "both", "mixed"] = "ar"
    description: str | None = None
    grading_type: _GradingId = GradingType.RELATIVE_ALL_PREVIOUS_AND_NEXT.value  # type: ignore[valid-type]
    questions: list[QuestionSchema] = Field(default_factory=list)
    media: list[MediaSchema] = Field(default_factory=list)


try:
    from yaml._yaml import CParser as _Parser  # libyaml
except ImportError:  # pragma: no cover (PyYAML built without libyaml: the pure parser, slower)
    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, stream: Any) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


class _NoAliasLoader(yaml.composer.Composer, _Parser, yaml.constructor.SafeConstructor,  # type: ignore[misc]
                     yaml.resolver.Resolver):
    """PyYAML's safe loader without anchors and aliases, nesting at most limits.MAX_DEPTH deep, with numbers of
    at most limits.MAX_DIGITS digits (checked as the document is composed, before any value is built), within
    the import's time budget.

    libyaml's parser when PyYAML has it (five times faster: a 5 MB file parses in a few seconds, not half a
    minute), under PyYAML's own composer (its methods come first), which is where the checks are."""

    def __init__(self, stream: Any) -> None:
        _Parser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[union-attr]  # check_event saw one, so it is there
            assert mark is not None  # the parser marks every event it reads
            raise InteropError(N_("line %(line)s, column %(column)s: YAML aliases (%(code)s) are not allowed: "
                                  "write the value out in full", line=mark.line + 1, column=mark.column + 1,
                                  code="*name"))
        self._depth += 1
        limits.check_depth(self._depth)
        limits.tick()
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node: Any) -> Any:
        limits.check_number(node.value)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: Any) -> Any:
        limits.check_number(node.value)
        return super().construct_yaml_float(node)


# types-PyYAML lists PyYAML's own loaders as the only ones; this one is assembled from the same parts.
_NoAliasLoader.add_constructor("tag:yaml.org,2002:int", _NoAliasLoader.construct_yaml_int)  # type: ignore[type-var]
_NoAliasLoader.add_constructor("tag:yaml.org,2002:float", _NoAliasLoader.construct_yaml_float)  # type: ignore[type-var]


def _json_number(text: str) -> Any:
    limits.check_number(text)
    return float(text) if any(ch in text for ch in ".eE") else int(text)


def _fractions(schema: QuestionSchema) -> list[float | None]:
    """The options' shares of the mark: as written, or for a several-answer question marked only with
    `correct: true`, the default shares (quiz.scoring.answer_types.default_fractions)."""
    written = [option.fraction for option in schema.options]
    if schema.type != "multi" or any(fraction is not None for fraction in written):
        return [(fraction or 0.0) if schema.type == "multi" else fraction for fraction in written]
    return list(default_fractions(len(schema.options),
                                  [index for index, option in enumerate(schema.options) if option.correct]))


def _correct(schema: QuestionSchema) -> int | None:
    if schema.type == "truefalse":
        return None if schema.correct is None else (0 if schema.correct else 1)
    marked = [index for index, option in enumerate(schema.options) if option.correct]
    # ordering: any mark is an error the model reports; mcq: exactly one mark gives the correct index
    return marked[0] if len(marked) == 1 and schema.type != "multi" else None


class _Pictures:
    """The file's `media` entries, checked when a question first names one."""

    def __init__(self, media: list[MediaSchema]):
        self.encoded = {item.name: item.data for item in media}
        self.images = ImageBin()

    def get(self, name: str | None, alt: str | None, warnings: list[Message]) -> tuple[str | None, str | None]:
        if not name:
            return None, None
        sha, _ = picture_of([ImageRef(PLUGINFILE + name, alt or "")], self.encoded, self.images, warnings, set())
        return sha, (alt or None) if sha else None


def _question_from_schema(schema: QuestionSchema, pictures: _Pictures, warnings: list[Message]) -> SetQuestion:
    options = []
    for o, fraction in zip(schema.options, _fractions(schema)):
        image, image_alt = pictures.get(o.image, o.image_alt, warnings)
        options.append(SetOption(o.text_ar, o.text_en, o.event_id, fraction=fraction, image=image,
                                 image_alt=image_alt))
    image, image_alt = pictures.get(schema.image, schema.image_alt, warnings)
    return SetQuestion(
        type=schema.type,
        prompt_ar=schema.prompt_ar,
        prompt_en=schema.prompt_en,
        options=tuple(options),
        correct=_correct(schema),
        explanation_ar=schema.explanation_ar,
        explanation_en=schema.explanation_en,
        sources=tuple(schema.sources),
        event_ids=tuple(schema.event_ids),
        origin=schema.origin,
        category=schema.category,
        image=image,
        image_alt=image_alt,
        lang=schema.lang,
    )


def _mcq_marks(schema: QuestionSchema) -> Message | None:
    marked = sum(option.correct for option in schema.options)
    if schema.type == "mcq" and marked != 1:
        return Nn_("%(num)s option is marked correct: mark exactly one with %(code)s",
                   "%(num)s options are marked correct: mark exactly one with %(code)s", marked, code="`correct: true`")
    if schema.type == "ordering" and marked:
        return N_("an ordering question marks no option correct: list the items in their correct order")
    if schema.type == "multi" and not marked and all(option.fraction is None for option in schema.options):
        return N_("mark the right options with %(code)s or give each option its %(field)s",
                  code="`correct: true`", field="`fraction`")
    if schema.correct is not None and schema.type != "truefalse":
        return N_("only a true/false question says %(code)s on the question itself: mark the options",
                  code="`correct`")
    return None


def _validated(document: Any) -> SetSchema:
    if not isinstance(document, dict):
        raise InteropError(N_("the file should hold a mapping with %(code)s at the top",
                              code=f"`format: {FORMAT_NAME}`"))
    if document.get("format") != FORMAT_NAME:
        raise InteropError(N_("%(field)s: not a Chronoquiz set (expected %(code)s)", field="format",
                              code=f"`format: {FORMAT_NAME}`"))
    try:
        return SetSchema.model_validate(document)
    except ValidationError as exc:
        lines: list[Message] = [
            Message("%(path)s: %(problem)s", {"path": ".".join(str(part) for part in error["loc"]) or "(top)",
                                              "problem": _schema_problem(error)})
            for error in exc.errors()[:10]
        ]
        if exc.error_count() > 10:
            lines.append(Nn_("and %(num)s more", "and %(num)s more", exc.error_count() - 10))
        raise InteropError(N_("the set does not match the schema: %(problems)s", problems=lines)) from None


# What a field of the wrong type should hold, by pydantic's error type.
_TRUE_FALSE = N_("%(true)s or %(false)s", true="true", false="false")
_EXPECTED = {
    "string_type": N_("text"), "int_type": N_("a whole number"), "bool_type": _TRUE_FALSE,
    "bool_parsing": _TRUE_FALSE, "list_type": N_("a list"), "model_type": N_("a mapping (name: value)"),
    "dict_type": N_("a mapping (name: value)"),
}


def _schema_problem(error: Any) -> Message:
    """Pydantic's reason for one field, in words the catalogue has for the common ones (pydantic's English
    otherwise, as a detail)."""
    kind = error.get("type")
    if kind == "missing":
        return N_("this field is required")
    if kind == "extra_forbidden":
        return N_("unknown field (check the spelling)")
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        return N_("must be one of %(values)s", values=expected.replace(" or ", ", "))
    if kind in _EXPECTED:
        return N_("a value of the wrong type: write %(expected)s", expected=_EXPECTED[kind])
    if kind == "string_pattern_mismatch":
        return N_("not a language code: write a code such as %(codes)s", codes="ar, en, fr")
    return Message("%(text)s", {"text": error["msg"]})


def _import_document(document: Any, size: int) -> ImportResult:
    schema = _validated(document)
    limits.check_text_size(size - sum(len(item.data) for item in schema.media))
    pictures = _Pictures(schema.media)
    entries = []
    for number, question in enumerate(schema.questions, start=1):
        problem = _mcq_marks(question)
        where = N_("question %(num)s (%(path)s)", num=number, path=f"questions.{number - 1}")
        if problem:
            entries.append(Entry(where, skip_reason=problem))
            continue
        notes: list[Message] = []
        entries.append(Entry(where, _question_from_schema(question, pictures, notes), warnings=tuple(notes)))
    return assemble_set(
        entries,
        title=schema.title,
        warnings=[],
        language=schema.language,
        description=schema.description,
        grading_type=schema.grading_type,
        media=pictures.images.media,
    )


def import_native_yaml(data: bytes, *, filename: str = "") -> ImportResult:
    with limits.allowing_media():  # the text alone is held to 5 MB once the images are counted out
        text = decode_text(data)
    try:
        document = yaml.load(text, Loader=_NoAliasLoader)  # type: ignore[arg-type]  # noqa: S506 (built on SafeConstructor)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or ""
        if "nesting depth" in detail:  # libyaml's own stop, far beyond ours
            limits.check_depth(limits.MAX_DEPTH + 1)
        if mark:
            raise InteropError(N_("line %(line)s, column %(column)s: not valid YAML: %(detail)s",
                                  line=mark.line + 1, column=mark.column + 1, detail=detail)) from None
        raise InteropError(N_("not valid YAML: %(detail)s", detail=detail)) from None
    except yaml.YAMLError as exc:
        raise InteropError(N_("not valid YAML: %(detail)s", detail=str(exc))) from None
    return _import_document(document, len(data))


def import_native_json(data: bytes, *, filename: str = "") -> ImportResult:
    with limits.allowing_media():
        text = decode_text(data)
    try:
        document = json.loads(text, parse_int=_json_number, parse_float=_json_number)
    except json.JSONDecodeError as exc:
        raise InteropError(N_("line %(line)s, column %(column)s: not valid JSON: %(detail)s",
                              line=exc.lineno, column=exc.colno, detail=exc.msg)) from None
    except RecursionError:
        limits.check_depth(limits.MAX_DEPTH + 1)  # deeper than the stack: far over the limit
    limits.check_depth(limits.json_depth(document))
    return _import_document(document, len(data))


def import_native(data: bytes, *, filename: str = "") -> ImportResult:
    """YAML or JSON, by the file name, else by the first character (JSON is also YAML, but errors read better)."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    named = filename.lower()
    if named.endswith(".json") or (not named.endswith((".yaml", ".yml")) and stripped[:1] == b"{"):
        return import_native_json(data, filename=filename)
    return import_native_yaml(data, filename=filename)


def _pair(target: dict[str, Any], name: str, ar: str | None, en: str | None) -> None:
    if ar is not None:
        target[f"{name}_ar"] = ar
    if en is not None:
        target[f"{name}_en"] = en


def set_document(data: SetData) -> dict[str, Any]:
    """The set as the plain mapping both YAML and JSON exports write."""
    document: dict[str, Any] = {"format": FORMAT_NAME, "version": VERSION, "title": data.title,
                                "language": data.language}
    if data.description is not None:
        document["description"] = data.description
    document["grading_type"] = data.grading_type
    questions = []
    for question in data.questions:
        item: dict[str, Any] = {"type": question.type}
        _pair(item, "prompt", question.prompt_ar, question.prompt_en)
        options = []
        for index, option in enumerate(question.options):
            entry: dict[str, Any] = {}
            _pair(entry, "text", option.text_ar, option.text_en)
            if option.event_id is not None:
                entry["event_id"] = option.event_id
            _image(entry, option.image, option.image_alt, data)
            if question.type == "mcq" and index == question.correct:
                entry["correct"] = True
            if option.fraction is not None:
                entry["fraction"] = option.fraction
            options.append(entry)
        if options or not answer_type(question.type).fixed_options:
            item["options"] = options
        if answer_type(question.type).fixed_options:  # true/false: the question itself says which
            item["correct"] = question.correct == 0
        _pair(item, "explanation", question.explanation_ar, question.explanation_en)
        if question.sources:
            item["sources"] = list(question.sources)
        if question.event_ids:
            item["event_ids"] = list(question.event_ids)
        item["origin"] = question.origin
        if question.category is not None:
            item["category"] = question.category
        _image(item, question.image, question.image_alt, data)
        if question.lang is not None:
            item["lang"] = question.lang
        questions.append(item)
    document["questions"] = questions
    used = sorted(used_images(data.questions) & data.media.keys())
    if used:
        document["media"] = [{"name": export_name(sha, data.media[sha]),
                              "data": base64.b64encode(data.media[sha].data).decode("ascii")} for sha in used]
    return document


def _image(target: dict[str, Any], sha: str | None, alt: str | None, data: SetData) -> None:
    """The image a question or option names, when its bytes are at hand to be written in `media`."""
    if sha and sha in data.media:
        target["image"] = export_name(sha, data.media[sha])
        if alt:
            target["image_alt"] = alt


class _BlockDumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks (`|`), which a teacher can read and edit."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # Line separators other than \n (NEL, U+2028, \r) would be normalised by a YAML reader: quote and escape them.
    if any(not ch.isprintable() and ch not in "\n\t" for ch in text):
        style: str | None = '"'
    else:
        style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_BlockDumper.add_representer(str, _represent_text)


def export_native(data: SetData, fmt: Literal["yaml", "json"] = "yaml") -> bytes:
    document = set_document(data)
    if fmt == "json":
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt != "yaml":
        raise ValueError(f"unknown native format {fmt!r}")
    return yaml.dump(document, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=100).encode("utf-8")
