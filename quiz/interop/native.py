"""Chronoquiz's own file format: one schema, written as YAML or JSON, that holds everything a set has.

    format: chronoquiz-set        # required, exactly this
    version: 1                    # required; a later version will say what changed
    title: Gulf War, 1990-91      # required, at most 200 characters
    language: both                # ar | en | both: the languages every question must have (default ar);
                                  # mixed: each question in its own language (see quiz.authoring.model)
    description: ...              # optional
    grading_type: relative_all_previous_and_next   # how ordering questions are graded (scoring.GradingType)
    questions:
      - type: mcq                 # mcq | ordering
        prompt_ar: ...            # the question text, in Arabic and/or English
        prompt_en: ...
        options:                  # mcq: 2-6 choices; ordering: 3-8 items listed in their CORRECT order
          - text_ar: ...
            text_en: ...
            event_id: iraq-invades-kuwait   # optional: the chronology event the option stands for
            correct: true         # mcq only: exactly one option is correct; omitted means false
          - text_en: ...
        explanation_ar: ...       # optional, shown after the answer
        explanation_en: ...
        sources: [...]            # optional: source ids or free text such as a URL
        event_ids: [...]          # optional
        origin: authored          # authored | generated | imported (default authored)
        category: ...             # optional, e.g. the Moodle category it came from
        lang: fr                  # optional: the language of a question's text when its fields do not
                                  # say it (a French question in the _en fields); written by exports

Unknown keys are errors (a typo should not vanish silently), and every error names its field path, e.g.
`questions.3.options.1.text_en`. Numbers written where text is expected (an option `1990`) are read as text.
YAML anchors and aliases are refused (they serve no purpose here and allow "billion laughs" files).
Questions that break the model's rules (two correct options, one option) are skipped with their problems
listed, like in every other importer.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..authoring import SetData, SetOption, SetQuestion
from ..messages import N_, Message, Nn_
from ..scoring.ordering import GradingType
from . import limits
from .assemble import Entry, assemble_set
from .decode import decode_utf8
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


class QuestionSchema(BaseModel):
    model_config = _CONFIG
    type: Literal["mcq", "ordering"]
    prompt_ar: str | None = None
    prompt_en: str | None = None
    options: list[OptionSchema] = Field(default_factory=list)
    explanation_ar: str | None = None
    explanation_en: str | None = None
    sources: list[str] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    origin: Literal["authored", "generated", "imported"] = "authored"
    category: str | None = None
    lang: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")


class SetSchema(BaseModel):
    model_config = _CONFIG
    format: Literal["chronoquiz-set"]
    version: Literal[1]
    title: str
    language: Literal["ar", "en", "both", "mixed"] = "ar"
    description: str | None = None
    grading_type: _GradingId = GradingType.RELATIVE_ALL_PREVIOUS_AND_NEXT.value  # type: ignore[valid-type]
    questions: list[QuestionSchema] = Field(default_factory=list)


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
            mark = self.peek_event().start_mark
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


_NoAliasLoader.add_constructor("tag:yaml.org,2002:int", _NoAliasLoader.construct_yaml_int)
_NoAliasLoader.add_constructor("tag:yaml.org,2002:float", _NoAliasLoader.construct_yaml_float)


def _json_number(text: str) -> Any:
    limits.check_number(text)
    return float(text) if any(ch in text for ch in ".eE") else int(text)


def _question_from_schema(schema: QuestionSchema) -> SetQuestion:
    marked = [index for index, option in enumerate(schema.options) if option.correct]
    return SetQuestion(
        type=schema.type,
        prompt_ar=schema.prompt_ar,
        prompt_en=schema.prompt_en,
        options=tuple(SetOption(o.text_ar, o.text_en, o.event_id) for o in schema.options),
        # ordering: any mark is an error the model reports; mcq: exactly one mark gives the correct index
        correct=marked[0] if len(marked) == 1 else None,
        explanation_ar=schema.explanation_ar,
        explanation_en=schema.explanation_en,
        sources=tuple(schema.sources),
        event_ids=tuple(schema.event_ids),
        origin=schema.origin,
        category=schema.category,
        lang=schema.lang,
    )


def _mcq_marks(schema: QuestionSchema) -> Message | None:
    marked = sum(option.correct for option in schema.options)
    if schema.type == "mcq" and marked != 1:
        return Nn_("%(num)s option is marked correct: mark exactly one with %(code)s",
                   "%(num)s options are marked correct: mark exactly one with %(code)s", marked, code="`correct: true`")
    if schema.type == "ordering" and marked:
        return N_("an ordering question marks no option correct: list the items in their correct order")
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


def _import_document(document: Any) -> ImportResult:
    schema = _validated(document)
    entries = []
    for number, question in enumerate(schema.questions, start=1):
        problem = _mcq_marks(question)
        where = N_("question %(num)s (%(path)s)", num=number, path=f"questions.{number - 1}")
        entries.append(Entry(where, skip_reason=problem) if problem else Entry(where, _question_from_schema(question)))
    return assemble_set(
        entries,
        title=schema.title,
        warnings=[],
        language=schema.language,
        description=schema.description,
        grading_type=schema.grading_type,
    )


def import_native_yaml(data: bytes, *, filename: str = "") -> ImportResult:
    text = decode_utf8(data)
    try:
        document = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 (a SafeLoader subclass)
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
    return _import_document(document)


def import_native_json(data: bytes, *, filename: str = "") -> ImportResult:
    text = decode_utf8(data)
    try:
        document = json.loads(text, parse_int=_json_number, parse_float=_json_number)
    except json.JSONDecodeError as exc:
        raise InteropError(N_("line %(line)s, column %(column)s: not valid JSON: %(detail)s",
                              line=exc.lineno, column=exc.colno, detail=exc.msg)) from None
    except RecursionError:
        limits.check_depth(limits.MAX_DEPTH + 1)  # deeper than the stack: far over the limit
    limits.check_depth(limits.json_depth(document))
    return _import_document(document)


def import_native(data: bytes, *, filename: str = "") -> ImportResult:
    """YAML or JSON, by the file name, else by the first character (JSON is also YAML, but errors read better)."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if filename.lower().endswith(".json") or (not filename.lower().endswith((".yaml", ".yml")) and stripped[:1] == b"{"):
        return import_native_json(data, filename=filename)
    return import_native_yaml(data, filename=filename)


def _pair(target: dict[str, Any], name: str, ar: str | None, en: str | None) -> None:
    if ar is not None:
        target[f"{name}_ar"] = ar
    if en is not None:
        target[f"{name}_en"] = en


def set_document(data: SetData) -> dict[str, Any]:
    """The set as the plain mapping both YAML and JSON exports write."""
    document: dict[str, Any] = {"format": FORMAT_NAME, "version": VERSION, "title": data.title, "language": data.language}
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
            if question.type == "mcq" and index == question.correct:
                entry["correct"] = True
            options.append(entry)
        item["options"] = options
        _pair(item, "explanation", question.explanation_ar, question.explanation_en)
        if question.sources:
            item["sources"] = list(question.sources)
        if question.event_ids:
            item["event_ids"] = list(question.event_ids)
        item["origin"] = question.origin
        if question.category is not None:
            item["category"] = question.category
        if question.lang is not None:
            item["lang"] = question.lang
        questions.append(item)
    document["questions"] = questions
    return document


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
