"""The question objects every kind returns, and their JSON contract (ARCHITECTURE.md, "Contracts").

Questions are frozen dataclasses of plain strings so they can be compared, serialised and stored without
the chronology they came from. Ids are derived from content (kind, events, seed, option keys), never from
counters, so the same request always names the same question the same way and a stored response can be
matched to its question and choice after a restart.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Sequence

MCQ = "mcq"
ORDERING = "ordering"


def short_hash(*parts: object, length: int = 10) -> str:
    """A stable hex digest of the parts (sha1 of their joined text; not for security, only for naming)."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def question_id(kind: str, event_ids: Sequence[str], seed: int | str, option_keys: Sequence[str] = ()) -> str:
    """"<kind>-<hash>" from the kind, the events, the seed and what the options are.

    The option keys are part of the hash so that two questions with the same events but different options
    (a different difficulty target, say) can never share an id.
    """
    return f"{kind}-{short_hash(kind, ','.join(event_ids), seed, '|'.join(option_keys))}"


def choice_id(qid: str, key: str) -> str:
    """A choice's id: stable for the same question and option, and saying nothing about which is right."""
    return f"c{short_hash(qid, key, length=8)}"


def choice_ids(qid: str, keys: Sequence[str]) -> dict[str, str]:
    """{key: choice id} for all options at once: one sha512 instead of one hash per option.

    The id of a key is a slice of the digest at the key's place in *sorted* order, so it says nothing
    about the shown order or the answer. Falls back to choice_id in the (astronomically unlikely) case of
    a clash, and for more than 16 options.
    """
    ordered = sorted(keys)
    if len(ordered) <= 16:
        digest = hashlib.sha512("\x1f".join([qid, *ordered]).encode("utf-8")).hexdigest()
        ids = {key: f"c{digest[8 * i:8 * i + 8]}" for i, key in enumerate(ordered)}
        if len(set(ids.values())) == len(ids):
            return ids
    return {key: choice_id(qid, key) for key in ordered}


@dataclass(frozen=True)
class Choice:
    """One option of a multiple-choice question, or one item of an ordering question."""

    id: str
    text_ar: str
    text_en: str
    event_id: str | None = None

    def text(self, lang: str) -> str:
        return self.text_ar if lang == "ar" else self.text_en

    def to_contract(self) -> dict:
        return {"id": self.id, "text_ar": self.text_ar, "text_en": self.text_en, "event_id": self.event_id}


@dataclass(frozen=True)
class Question:
    """A generated question with its answer, explanation and sources.

    `options` are the choices of an mcq or the items of an ordering question, in the order they are shown.
    `answer` is the id of the right choice (mcq) or the item ids oldest first (ordering).
    `subject_ids` are the events the question is *about* (not its distractors); a quiz never asks the same
    kind twice about one of them. `option_keys` say what each option is, aligned with `options` (a date
    as str(PartialDate), an event or person id, a figure): for checks, reviews and storage. Neither is part
    of the contract.
    """

    id: str
    type: str
    kind: str
    prompt_ar: str
    prompt_en: str
    options: tuple[Choice, ...]
    answer: str | tuple[str, ...]
    event_ids: tuple[str, ...]
    explanation_ar: str
    explanation_en: str
    sources: tuple[str, ...]
    difficulty: str
    subject_ids: tuple[str, ...] = field(default=(), compare=False)
    option_keys: tuple[str, ...] = field(default=(), compare=False)
    # The wrong options' choice ids in the order the distractor rules chose them (distractors.choose: the best
    # for the asked difficulty first), before the options were shuffled: what "fewer options" keeps first
    # (quiz.scoring.accommodations). Like option_keys, not part of the contract: it would point at the answer.
    distractor_rank: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        # Cheap invariants that protect the product's worst bug: duplicate or ambiguous options.
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"question {self.id}: two options share an id")
        if self.option_keys and len(self.option_keys) != len(self.options):
            raise ValueError(f"question {self.id}: option_keys do not match the options")
        if self.type == MCQ:
            if not isinstance(self.answer, str) or self.answer not in ids:
                raise ValueError(f"question {self.id}: the answer is not one of the choices")
        elif self.type == ORDERING:
            if not isinstance(self.answer, tuple) or sorted(self.answer) != sorted(ids):
                raise ValueError(f"question {self.id}: the answer is not an order of the items")
        else:
            raise ValueError(f"question {self.id}: unknown type {self.type!r}")

    @property
    def choices(self) -> tuple[Choice, ...]:
        return self.options if self.type == MCQ else ()

    @property
    def items(self) -> tuple[Choice, ...]:
        return self.options if self.type == ORDERING else ()

    def prompt(self, lang: str) -> str:
        return self.prompt_ar if lang == "ar" else self.prompt_en

    def explanation(self, lang: str) -> str:
        return self.explanation_ar if lang == "ar" else self.explanation_en

    def to_contract(self) -> dict:
        """The JSON shape of `flask questions generate --format json` (plain lists and strings)."""
        data: dict = {
            "id": self.id,
            "type": self.type,
            "kind": self.kind,
            "prompt_ar": self.prompt_ar,
            "prompt_en": self.prompt_en,
        }
        data["choices" if self.type == MCQ else "items"] = [o.to_contract() for o in self.options]
        data["answer"] = self.answer if isinstance(self.answer, str) else list(self.answer)
        data.update(
            event_ids=list(self.event_ids),
            explanation_ar=self.explanation_ar,
            explanation_en=self.explanation_en,
            sources=list(self.sources),
            difficulty=self.difficulty,
        )
        return data
