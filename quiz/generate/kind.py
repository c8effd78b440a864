"""The interface every question kind implements, and the settings a generator receives.

A kind is one class with `generate` and `check` (STYLE.md 7): a new kind is one class and one line in
kinds.KINDS. `generate` either returns a sound question or raises CannotGenerate saying why: a kind never
"tries its best" with a doubtful question.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Sequence

from quiz.chronology.model import Chronology, Event

from ..messages import N_
from .errors import CannotGenerate
from .explain import TextStyle
from .index import ChronologyIndex, EventFacts, index_for
from .question import MCQ, Choice, Question, choice_ids, question_id


@dataclass(frozen=True)
class GenerationSettings:
    """What a kind needs besides the event: the seed (for ids), the difficulty to aim at, the events it may
    draw distractors and companions from, and how to write dates.

    `pool` holds event ids (None: the whole chronology). Options are drawn from the pool so a quiz about
    one era or one person stays within it.
    """

    seed: int | str = 0
    target: str | None = None
    pool: tuple[str, ...] | None = None
    choices: int = 4
    min_items: int = 3
    max_items: int = 6
    style: TextStyle = TextStyle()


@dataclass(frozen=True)
class OptionSpec:
    """An option before it has an id and a place: `key` names it uniquely within the question."""

    key: str
    text_ar: str
    text_en: str
    event_id: str | None = None


class QuestionKind(ABC):
    """One kind of question. Subclasses set `name` and `type` and implement `generate`."""

    name: ClassVar[str]
    type: ClassVar[str] = MCQ

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        """A cheap first test: could this event be the subject of this kind at all? (default: yes)"""
        return True

    def score_bounds(self, facts: EventFacts, index: ChronologyIndex) -> tuple[float, float]:
        """The lowest and highest difficulty score a question about this event could get (default: any).

        Only a speed-up: a quiz skips events that cannot reach the level it needs; it must never be
        narrower than the truth.
        """
        return (0.0, 1.0)

    @abstractmethod
    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        """A sound question about `event`, or CannotGenerate / NotEnoughEvents saying why not."""

    def check(self, question: Question, answer: object) -> bool:
        """Whether `answer` (a choice id) is the right one. Ordering kinds compare the whole order."""
        return isinstance(answer, str) and answer == question.answer

    # -- helpers for subclasses ----------------------------------------------------------------------
    @staticmethod
    def index(chronology: Chronology) -> ChronologyIndex:
        return index_for(chronology)

    def build_mcq(
        self,
        *,
        rng: random.Random,
        settings: GenerationSettings,
        lead_event_ids: Sequence[str],
        subject_ids: Sequence[str],
        prompt: tuple[str, str],
        correct: OptionSpec,
        wrong: Sequence[OptionSpec],
        explanation: tuple[str, str, tuple[str, ...]],
        difficulty: str,
    ) -> Question:
        """Shuffle the options with the question's rng, give them ids and check that they are distinct.

        `event_ids` of the question are `lead_event_ids` (events the prompt names) followed by the options'
        events in the order shown, so the list never reveals which option is right.
        """
        options = [correct, *wrong]
        for attribute in ("key", "text_ar", "text_en"):
            values = [getattr(o, attribute) for o in options]
            if len(set(values)) != len(values):
                raise CannotGenerate(N_("two options would share the same %(attribute)s",
                                        attribute=attribute.replace("_", " ")))
        rng.shuffle(options)
        event_ids = list(dict.fromkeys([*lead_event_ids, *(o.event_id for o in options if o.event_id)]))
        qid = question_id(self.name, sorted(event_ids), settings.seed, sorted(o.key for o in options))
        ids = choice_ids(qid, [o.key for o in options])
        choices = tuple(Choice(ids[o.key], o.text_ar, o.text_en, o.event_id) for o in options)
        answer = choices[options.index(correct)].id
        explanation_ar, explanation_en, sources = explanation
        return Question(
            id=qid, type=MCQ, kind=self.name, prompt_ar=prompt[0], prompt_en=prompt[1], options=choices,
            answer=answer, event_ids=tuple(event_ids), explanation_ar=explanation_ar,
            explanation_en=explanation_en, sources=sources, difficulty=difficulty,
            subject_ids=tuple(subject_ids), option_keys=tuple(o.key for o in options),
            distractor_rank=tuple(ids[o.key] for o in wrong),
        )

