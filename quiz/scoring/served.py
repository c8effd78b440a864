"""The question as served to one learner: one typed shape for every entry point.

A generated question (quiz.generate), a teacher's set question (quiz.authoring) and, later, a live lesson's
question all become a `ServedQuestion` when a quiz starts. An attempt stores its served questions as JSON, so
a later change to the chronology, the generator or the set can never change what a learner was asked or how
it was scored.

The JSON shape is the one attempts have always stored (the generator's contract plus `subject_ids`, and
`set_index` for set questions): `choices` for a multiple-choice question, `items` for an ordering question,
`answer` for the key. `from_json` reads every attempt already in a database, so no migration is needed.

`key` is the answer key in the form the question's answer type grades against (an option id, or item ids
oldest first). It never leaves the server before the question is answered: templates show it only on review
pages, after the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence, overload

from .answer_types import answer_type


@dataclass(frozen=True)
class ServedOption:
    """One option of a multiple-choice question or one item of an ordering question."""

    id: str
    text_ar: str
    text_en: str
    event_id: str | None = None
    # Where the option sits in the teacher's set (None for generated questions): item analysis counts
    # picks by it, since option ids differ between attempts.
    set_index: int | None = None
    image: str | None = None  # the sha256 of the option's image (quiz.authoring.media), shown with its alt text
    image_alt: str | None = None

    def text(self, lang: str) -> str:
        return (self.text_ar if lang == "ar" else self.text_en) or self.text_en or self.text_ar

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text_ar": self.text_ar, "text_en": self.text_en,
                                "event_id": self.event_id}
        if self.set_index is not None:
            data["set_index"] = self.set_index
        data.update(image_json(self.image, self.image_alt))
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ServedOption:
        set_index = data.get("set_index")
        return cls(id=str(data["id"]), text_ar=str(data.get("text_ar") or ""), text_en=str(data.get("text_en") or ""),
                   event_id=data.get("event_id"), set_index=None if set_index is None else int(set_index),
                   image=data.get("image"), image_alt=data.get("image_alt"))


def image_json(image: str | None, alt: str | None) -> dict[str, Any]:
    """The image fields of a stored question or option, only when it has an image: older attempts, and
    questions without one, keep the shape they always had."""
    return {"image": image, "image_alt": alt} if image else {}


# An option id (one correct option), item ids in order (ordering), or {option id: fraction} (several answers).
Key = str | tuple[str, ...] | Mapping[str, float]


@dataclass(frozen=True)
class ServedQuestion:
    """A question as one learner sees it: options in the order shown, and the key kept on the server."""

    id: str
    type: str  # an answer type's name (quiz.scoring.answer_types)
    kind: str  # what the question asks ("when", "before", "authored"…), for reports
    prompt_ar: str
    prompt_en: str
    options: tuple[ServedOption, ...]
    key: Key
    explanation_ar: str = ""
    explanation_en: str = ""
    sources: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    # The events the question is about (not its distractors): what spaced review learns from.
    subject_ids: tuple[str, ...] = ()
    difficulty: str | None = None
    set_index: int | None = None  # the question's place in its set, for set questions
    image: str | None = None  # the sha256 of an image shown with the prompt (quiz.authoring.media)
    image_alt: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)  # unknown stored fields, kept

    # -- what templates read -----------------------------------------------------------------------
    @property
    def answer(self) -> Key:
        """The key under its stored name (review templates and exports read `question.answer`)."""
        return self.key

    @property
    def review_events(self) -> tuple[str, ...]:
        return self.subject_ids or self.event_ids

    @property
    def lang(self) -> str | None:
        """The language of a set question's text when the set recorded it (a French question in a mixed set,
        quiz.authoring.model), so pages can mark it; stored under "lang" with the other extra fields, so
        attempts stored before it read the same."""
        value = self.extra.get("lang")
        return value if isinstance(value, str) else None

    def option(self, option_id: str) -> ServedOption | None:
        return next((o for o in self.options if o.id == option_id), None)

    def prompt(self, lang: str) -> str:
        return (self.prompt_ar if lang == "ar" else self.prompt_en) or self.prompt_en or self.prompt_ar

    def explanation(self, lang: str) -> str:
        text = self.explanation_ar if lang == "ar" else self.explanation_en
        return text or self.explanation_en or self.explanation_ar

    # -- storage -----------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        data.update(id=self.id, type=self.type, kind=self.kind, prompt_ar=self.prompt_ar, prompt_en=self.prompt_en)
        data[answer_type(self.type).options_field] = [o.to_json() for o in self.options]
        key = self.key
        data["answer"] = key if isinstance(key, str) else dict(key) if isinstance(key, Mapping) else list(key)
        data.update(event_ids=list(self.event_ids), subject_ids=list(self.subject_ids),
                    explanation_ar=self.explanation_ar, explanation_en=self.explanation_en,
                    sources=list(self.sources), difficulty=self.difficulty)
        if self.set_index is not None:
            data["set_index"] = self.set_index
        data.update(image_json(self.image, self.image_alt))
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ServedQuestion:
        """Read a stored question (today's shape and every earlier one); KeyError/ValueError if it is not one."""
        qtype = str(data["type"])
        options_field = answer_type(qtype).options_field
        raw_key = data["answer"]
        key: Key
        if isinstance(raw_key, str):
            key = raw_key
        elif isinstance(raw_key, Mapping):
            key = {str(option): float(fraction) for option, fraction in raw_key.items()}
        else:
            key = tuple(str(k) for k in raw_key)
        known = {"id", "type", "kind", "prompt_ar", "prompt_en", options_field, "answer", "event_ids", "subject_ids",
                 "explanation_ar", "explanation_en", "sources", "difficulty", "set_index", "image", "image_alt"}
        set_index = data.get("set_index")
        return cls(
            id=str(data["id"]), type=qtype, kind=str(data.get("kind") or ""),
            prompt_ar=str(data.get("prompt_ar") or ""), prompt_en=str(data.get("prompt_en") or ""),
            options=tuple(ServedOption.from_json(o) for o in data[options_field]), key=key,
            explanation_ar=str(data.get("explanation_ar") or ""), explanation_en=str(data.get("explanation_en") or ""),
            sources=tuple(data.get("sources") or ()), event_ids=tuple(data.get("event_ids") or ()),
            subject_ids=tuple(data.get("subject_ids") or ()), difficulty=data.get("difficulty"),
            set_index=None if set_index is None else int(set_index),
            image=data.get("image"), image_alt=data.get("image_alt"),
            extra={k: v for k, v in data.items() if k not in known},
        )


class ServedQuestions(Sequence[ServedQuestion]):
    """An attempt's stored questions, read one at a time as they are needed.

    Answering one question of twenty needs that question only; reading all twenty on every answer was a
    measurable share of the answer request (bench/README.md).
    """

    def __init__(self, stored: Sequence[Mapping[str, Any]]):
        self._stored = stored
        self._read: dict[int, ServedQuestion] = {}

    def __len__(self) -> int:
        return len(self._stored)

    @overload
    def __getitem__(self, index: int) -> ServedQuestion: ...
    @overload
    def __getitem__(self, index: slice) -> list[ServedQuestion]: ...
    def __getitem__(self, index: int | slice) -> ServedQuestion | list[ServedQuestion]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if index not in self._read:
            self._read[index] = ServedQuestion.from_json(self._stored[index])
        return self._read[index]

    @property
    def ids(self) -> list[str]:
        return [str(q["id"]) for q in self._stored]

    def index_of(self, question_id: str) -> int | None:
        return next((i for i, q in enumerate(self._stored) if q["id"] == question_id), None)


def question_ids(questions: Sequence[ServedQuestion]) -> list[str]:
    return questions.ids if isinstance(questions, ServedQuestions) else [q.id for q in questions]


def index_of(questions: Sequence[ServedQuestion], question_id: str) -> int | None:
    """Where a question is in a quiz; None when it is not in it."""
    if isinstance(questions, ServedQuestions):
        return questions.index_of(question_id)
    return next((i for i, q in enumerate(questions) if q.id == question_id), None)
