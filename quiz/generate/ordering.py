"""The ordering kind: put 3 to 6 events in chronological order, oldest first.

Every pair of items must be certainly ordered given the dates' precision ("early 2007" never stands beside
"2007-01-15", two events of the same day never stand together), and no item may have a disputed date, so
the correct order is the only defensible one. The items are never shown in the correct order.
"""

from __future__ import annotations

import random

from quiz.chronology.model import Chronology, Event

from ..messages import N_
from .difficulty import (
    EASY,
    HARD,
    MEDIUM,
    Features,
    closeness_from_gap,
    date_precision,
    obscurity,
)
from .distractors import choose_events, orderable
from .errors import CannotGenerate, NotEnoughEvents
from .explain import ar_text, explain
from .index import ChronologyIndex, EventFacts
from .kind import GenerationSettings, QuestionKind
from .question import ORDERING, Choice, Question, choice_ids, question_id

# How many items to aim for at each difficulty (more items are harder to place); None: any size.
_SIZES = {EASY: (3, 4), MEDIUM: (4, 5), HARD: (5, 6), None: (3, 6)}


class OrderKind(QuestionKind):
    """"Put these events in order, oldest first." The event is one of the items; the others are drawn from
    the pool, near it for "hard" and far from it for "easy"."""

    name = "order"
    type = ORDERING

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return facts.orderable_date

    def companions(self, facts: EventFacts, index: ChronologyIndex, settings: GenerationSettings
                   ) -> tuple[list[EventFacts], tuple[str, str]]:
        """The events that may stand beside this one, and the prompt."""
        return (
            [c for c in index.pool(settings.pool) if c is not facts and c.orderable_date and orderable(c, facts)],
            ("رتّب هذه الأحداث ترتيباً زمنياً من الأقدم إلى الأحدث.",
             "Put these events in chronological order, oldest first."),
        )

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = index.by_id.get(event.id)
        if facts is None:
            raise CannotGenerate(N_("event %(event)s is not in this chronology", event=repr(event.id)))
        if not facts.orderable_date:
            raise CannotGenerate(N_("%(event)s has no date that can be ordered (a total, or disputed)",
                                    event=repr(event.id)))
        low, high = _SIZES.get(settings.target, _SIZES[None])
        low, high = max(low, settings.min_items), min(high, settings.max_items)
        if low > high:
            low, high = settings.min_items, settings.max_items
        size = rng.randint(low, high)
        candidates, prompt = self.companions(facts, index, settings)
        picked = None
        # Fall back to fewer items (never fewer than min_items) before giving up.
        for n in range(size, settings.min_items - 1, -1):
            picked = choose_events(index, candidates, [facts], n - 1, settings.target, rng,
                                   pairwise_orderable=True)
            if picked is not None:
                break
        if picked is None:
            raise NotEnoughEvents(N_("fewer than %(num)s events can stand beside %(event)s in a certain order",
                                     num=settings.min_items - 1, event=repr(event.id)))
        ordered = sorted([facts, *picked], key=lambda f: f.lo)
        keys = sorted(f.event.id for f in ordered)
        qid = question_id(self.name, keys, settings.seed, keys)
        ids = choice_ids(qid, keys)
        correct = [
            Choice(ids[f.event.id], ar_text(f.event.title_ar, settings.style), f.event.title_en, f.event.id)
            for f in ordered
        ]
        shown = list(correct)
        rng.shuffle(shown)
        if shown == correct:
            # Shown in the right order the question answers itself: rotate, which always changes it.
            turn = rng.randrange(1, len(shown))
            shown = shown[turn:] + shown[:turn]
        gap = min(b.mid - a.mid for a, b in zip(ordered, ordered[1:]))
        precision = sum(date_precision(f.event.date) for f in ordered) / len(ordered)
        precision = min(1.0, precision + 0.1 * (len(ordered) - 3))
        features = Features(closeness_from_gap(gap), precision, obscurity(f.event.importance for f in ordered))
        explanation_ar, explanation_en, docs = explain(index, [f.event for f in ordered], settings.style)
        return Question(
            id=qid, type=ORDERING, kind=self.name,
            prompt_ar=prompt[0],
            prompt_en=prompt[1],
            options=tuple(shown), answer=tuple(c.id for c in correct),
            event_ids=tuple(c.event_id for c in shown if c.event_id), explanation_ar=explanation_ar,
            explanation_en=explanation_en, sources=docs, difficulty=features.level(),
            # The anchor first: a quiz balancing eras reads a question's era from its first subject.
            subject_ids=(facts.event.id, *(f.event.id for f in ordered if f is not facts)),
            option_keys=tuple(c.event_id for c in shown if c.event_id),
        )

    def check(self, question: Question, answer: object) -> bool:
        """All or nothing: the exact order (partial credit is quiz.scoring's business)."""
        if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
            return False
        return tuple(answer) == tuple(question.answer)  # type: ignore[arg-type]


class StorylineOrderKind(OrderKind):
    """"Put these steps of the battle of Mosul in order": the items are all events of one storyline (the
    event's first storyline that has enough orderable events), so the question follows one thread of the
    story instead of mixing unrelated events."""

    name = "storyline_order"

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return facts.orderable_date and bool(facts.event.storylines)

    def companions(self, facts: EventFacts, index: ChronologyIndex, settings: GenerationSettings
                   ) -> tuple[list[EventFacts], tuple[str, str]]:
        pool = index.pool(settings.pool)
        for storyline_id in facts.event.storylines:
            members = [
                c for c in pool
                if c is not facts and storyline_id in c.event.storylines and c.orderable_date and orderable(c, facts)
            ]
            storyline = index.storylines.get(storyline_id)
            if storyline is None or len(members) < settings.min_items - 1:
                continue
            return members, (
                f"رتّب محطات «{storyline.title_ar}» هذه ترتيباً زمنياً من الأقدم إلى الأحدث.",
                f"Put these steps of “{storyline.title_en}” in chronological order, oldest first.",
            )
        raise NotEnoughEvents(N_("no storyline of %(event)s has %(num)s orderable events", event=repr(facts.event.id),
                                 num=settings.min_items))
