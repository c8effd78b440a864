"""A question set as plain data: what a teacher writes, generates, imports and exports.

Multiple choice: 2 to 6 options, exactly one correct. Several correct answers: 2 to 8 options, each with its
`fraction` of the mark (Moodle's rule: the right ones add up to 100%, wrong ones may take marks away).
True/false: no options, `correct` 0 for true and 1 for false. Ordering: 3 to 8 items, listed in their correct
order (presentation order is decided when the quiz is served, never stored as the key). Each answer type states
its own rules (quiz.scoring.answer_types `set_problems`). Text may be Arabic,
English or both; a set declares which languages it promises, and every question must have them.

Languages. A set is "ar", "en" or "both" (every question has those texts), or "mixed": each question is in
its own language, as a bank imported from Moodle or Kahoot often is (42 questions in Arabic, 8 in English, 3
in French). A mixed set promises no language, so a question needs only some text; pages and exports show
each question in the language it has (the served question falls back to the other text). Why not a third
pair of text fields for other languages: every page, export and answer type reads `*_ar` / `*_en`, and a
question is in one language, so the pair is enough once the question says which language its text is in:
`SetQuestion.lang` records it (a BCP 47 primary subtag: "ar", "en", "fr", "es"…; None for generated and
authored questions, whose slots say it). Arabic-script text lives in the `_ar` fields, every other language
in the `_en` fields (the left-to-right slot), so a French question shows in both interfaces and its `lang`
puts the right `lang`/`dir` on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

from ..messages import N_, Message
from ..scoring.answer_types import ANSWER_TYPES, answer_type
from .media import Media

MIN_OPTIONS, MAX_OPTIONS = ANSWER_TYPES["mcq"].min_options, ANSWER_TYPES["mcq"].max_options
MIN_ITEMS, MAX_ITEMS = ANSWER_TYPES["ordering"].min_options, ANSWER_TYPES["ordering"].max_options
LANGUAGES = ("ar", "en", "both", "mixed")
MIXED = "mixed"  # each question in its own language (see the module)
MAX_TEXT = 2000


@dataclass(frozen=True)
class SetOption:
    text_ar: str | None = None
    text_en: str | None = None
    event_id: str | None = None  # when the option stands for an event of a chronology
    # Several-answer questions only: the share of the mark this option gives when ticked, -1..1 (Moodle's
    # fraction); None everywhere else.
    fraction: float | None = None
    image: str | None = None  # the sha256 of an image (quiz.authoring.media); an option may be only an image
    image_alt: str | None = None

    def text(self, lang: str) -> str:
        return (self.text_ar if lang == "ar" else self.text_en) or self.text_en or self.text_ar or ""


@dataclass(frozen=True)
class SetQuestion:
    type: Literal["mcq", "multi", "truefalse", "ordering"]
    prompt_ar: str | None = None
    prompt_en: str | None = None
    # mcq: the choices, `correct` the index of the right one; multi: the choices with their fractions;
    # truefalse: no options, `correct` 0 (true) or 1 (false); ordering: the items in correct order.
    options: tuple[SetOption, ...] = ()
    correct: int | None = None
    explanation_ar: str | None = None
    explanation_en: str | None = None
    sources: tuple[str, ...] = ()  # source documents (chronology sources or free text such as a URL)
    event_ids: tuple[str, ...] = ()
    origin: Literal["authored", "generated", "imported"] = "authored"
    category: str | None = None  # from an import (Moodle/GIFT category), kept for the teacher's reference
    image: str | None = None  # the sha256 of an image shown with the prompt (quiz.authoring.media)
    image_alt: str | None = None
    # The language its text is in, when known (imports detect it): see the module. None: as its slots say.
    lang: str | None = None


@dataclass(frozen=True)
class SetData:
    title: str
    language: Literal["ar", "en", "both", "mixed"] = "ar"
    description: str | None = None
    grading_type: str = "relative_all_previous_and_next"
    questions: tuple[SetQuestion, ...] = field(default_factory=tuple)
    # The images the questions refer to, by sha256: filled by imports and for exports; the database keeps them
    # in `set_media`, not in a version's content.
    media: Mapping[str, Media] = field(default_factory=dict, compare=False)


class SetValidationError(ValueError):
    """A set that breaks the rules; `problems` lists (question number or None, message) pairs, `messages` the
    same as one message each ("question 2: option 3 has no text"), for the reader's language at the edge."""

    def __init__(self, problems: list[tuple[int | None, Message]]):
        self.problems = problems
        self.messages = [N_("question %(num)s: %(problem)s", num=n, problem=m) if n else m for n, m in problems]
        super().__init__("; ".join(self.messages))


def _needs(lang: str) -> tuple[str, ...]:
    """The texts every question of a set in `lang` must have: none in a mixed set (only some text)."""
    if lang == MIXED:
        return ()
    return ("ar", "en") if lang == "both" else (lang,)


_PROMPT_MISSING = {"ar": N_("the question text in Arabic is missing"),
                   "en": N_("the question text in English is missing")}


def _option_missing(number: int, lang: str) -> Message:
    if lang == "ar":
        return N_("option %(num)s has no Arabic text", num=number)
    return N_("option %(num)s has no English text", num=number)


def _lang_problems(question: SetQuestion) -> list[Message]:
    """A recorded language is a language code (two or three lowercase letters), nothing else."""
    if question.lang is None or (question.lang.isascii() and question.lang.isalpha() and question.lang.islower()
                                 and 2 <= len(question.lang) <= 3):
        return []
    return [N_("unknown language code %(code)s (use a code such as %(codes)s)", code=repr(question.lang),
               codes="ar, en, fr")]


def question_problems(question: SetQuestion, language: str = "both") -> list[Message]:
    """What is wrong with one question, as messages (English as text, translated at the edge); empty when
    it is fine."""
    problems: list[Message] = _lang_problems(question)
    needed = _needs(language) if language in LANGUAGES else ("ar", "en")
    has_any_prompt = bool((question.prompt_ar or "").strip() or (question.prompt_en or "").strip())
    if not has_any_prompt:
        problems.append(N_("the question has no text"))
    for lang in needed:
        if has_any_prompt and not (getattr(question, f"prompt_{lang}") or "").strip():
            problems.append(_PROMPT_MISSING[lang])
    for text in (question.prompt_ar, question.prompt_en, question.explanation_ar, question.explanation_en):
        if text and len(text) > MAX_TEXT:
            problems.append(N_("a text is longer than %(max)s characters", max=MAX_TEXT))
    try:
        kind = answer_type(question.type)
    except ValueError:
        problems.append(N_("unknown question type %(type)s", type=repr(question.type)))
    else:
        problems.extend(kind.set_problems(len(question.options), question.correct,
                                          [option.fraction for option in question.options]))
    seen: set[tuple[str, str, str]] = set()
    for number, option in enumerate(question.options, start=1):
        has_text = bool((option.text_ar or "").strip() or (option.text_en or "").strip())
        if not has_text and not option.image:
            problems.append(N_("option %(num)s has no text", num=number))
            continue
        for lang in needed if has_text else ():  # an option that is only an image needs no text

            if not (getattr(option, f"text_{lang}") or "").strip():
                problems.append(_option_missing(number, lang))
        key = ((option.text_ar or "").strip(), (option.text_en or "").strip(), option.image or "")
        if key in seen:
            problems.append(N_("option %(num)s repeats another option", num=number))
        seen.add(key)
    return problems


def validate_set(data: SetData) -> SetData:
    """The set itself if every rule holds; SetValidationError listing every problem otherwise."""
    problems: list[tuple[int | None, Message]] = []
    if not data.title.strip():
        problems.append((None, N_("the set needs a title")))
    if len(data.title) > 200:
        problems.append((None, N_("the title is longer than %(max)s characters", max=200)))
    if data.language not in LANGUAGES:
        problems.append((None, N_("unknown language %(language)s", language=repr(data.language))))
    for number, question in enumerate(data.questions, start=1):
        problems.extend((number, message) for message in question_problems(question, data.language))
    if problems:
        raise SetValidationError(problems)
    return data


# -- storage form (the database's JSON; the native file format wraps the same shape) -----------------


def set_to_dict(data: SetData) -> dict[str, Any]:
    return {
        "title": data.title,
        "language": data.language,
        "description": data.description,
        "grading_type": data.grading_type,
        "questions": [question_to_dict(q) for q in data.questions],
    }


def question_to_dict(question: SetQuestion) -> dict[str, Any]:
    return {
        "type": question.type,
        "prompt_ar": question.prompt_ar,
        "prompt_en": question.prompt_en,
        "options": [_option_to_dict(o) for o in question.options],
        "correct": question.correct,
        "explanation_ar": question.explanation_ar,
        "explanation_en": question.explanation_en,
        "sources": list(question.sources),
        "event_ids": list(question.event_ids),
        "origin": question.origin,
        "category": question.category,
        **_image_dict(question),
        **({"lang": question.lang} if question.lang else {}),  # absent for generated and authored questions
    }


def _option_to_dict(option: SetOption) -> dict[str, Any]:
    data: dict[str, Any] = {"text_ar": option.text_ar, "text_en": option.text_en, "event_id": option.event_id,
                            **_image_dict(option)}
    if option.fraction is not None:  # only several-answer questions: other rows keep their old shape
        data["fraction"] = option.fraction
    return data


def _image_dict(item: SetQuestion | SetOption) -> dict[str, Any]:
    """The image keys, only when there is an image: rows stored before images existed look the same."""
    return {"image": item.image, "image_alt": item.image_alt} if item.image else {}


def _option_from_dict(raw: dict[str, Any]) -> SetOption:
    fraction = raw.get("fraction")
    return SetOption(raw.get("text_ar"), raw.get("text_en"), raw.get("event_id"),
                     fraction=None if fraction is None else float(fraction), image=raw.get("image"),
                     image_alt=raw.get("image_alt"))


def question_from_dict(raw: dict[str, Any]) -> SetQuestion:
    return SetQuestion(
        type=raw["type"], prompt_ar=raw.get("prompt_ar"), prompt_en=raw.get("prompt_en"),
        options=tuple(_option_from_dict(o) for o in raw.get("options", [])),
        correct=raw.get("correct"), explanation_ar=raw.get("explanation_ar"), explanation_en=raw.get("explanation_en"),
        sources=tuple(raw.get("sources") or ()), event_ids=tuple(raw.get("event_ids") or ()),
        origin=raw.get("origin") or "authored", category=raw.get("category"), lang=raw.get("lang"),
        image=raw.get("image"), image_alt=raw.get("image_alt"),
    )


def set_from_dict(raw: dict[str, Any]) -> SetData:
    return SetData(
        title=raw["title"], language=raw.get("language", "ar"), description=raw.get("description"),
        grading_type=raw.get("grading_type") or "relative_all_previous_and_next",
        questions=tuple(question_from_dict(q) for q in raw.get("questions", [])),
    )
