"""Per-student accommodations and the rules they make for one student and one assignment. Pure: no Flask, no
database.

An accommodation is set for a student in a class (it follows them into every assignment of the class) or for a
student and one assignment (it overrides the class-level one there, field by field: a field left empty keeps the
class's). Accommodations only ever give more: more time, more attempts, a later close, fewer options to read,
the question read aloud. `effective_rules` is the one place that combines them; `fewer_options` is the one place
that removes options from a served question.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, fields, replace
from typing import Sequence

from .served import ServedQuestion

MIN_MULTIPLIER, MAX_MULTIPLIER = 1.0, 4.0
MAX_EXTRA_MINUTES = 600
MAX_EXTRA_ATTEMPTS = 20
MIN_OPTIONS = 2  # the key and one distractor: fewer is no longer a question
MAX_OPTIONS = 6  # the most options a set question may have (quiz.authoring.model)
# Answer types whose options are alternatives of which one is right: the ones fewer options applies to.
# Not true/false (two options already). Not several correct answers: dropping a wrong option there changes the
# marks, not only the reading (the wrong options' negative shares no longer add up to minus the whole mark, so
# "tick everything" would start to score), and keeping every right option may leave nothing to drop; such a
# question is served whole, which is the accommodation's "only ever give more" rule at its safest.
REDUCIBLE_TYPES = ("mcq",)


class AccommodationError(ValueError):
    """Why an accommodation cannot be set (a key the view translates): multiplier, extra_minutes,
    extra_attempts, max_options, closes_at."""


@dataclass(frozen=True)
class Accommodation:
    """What a teacher set for one student; None means "not set here" (inherit, or no accommodation)."""

    time_multiplier: float | None = None
    extra_minutes: int | None = None
    extra_attempts: int | None = None
    closes_at: dt.datetime | None = None  # only for one assignment: a later close date for this student
    max_options: int | None = None
    # True: on; False: off here even if the class has it (only an assignment's override says False).
    read_aloud: bool | None = None

    def over(self, base: Accommodation | None) -> Accommodation:
        """This accommodation with the fields it leaves empty taken from `base` (an override over the class's)."""
        if base is None:
            return self
        return Accommodation(**{f.name: getattr(self, f.name) if getattr(self, f.name) is not None
                                else getattr(base, f.name) for f in fields(self)})

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


def check(accommodation: Accommodation, *, closes_after: dt.datetime | None = None) -> None:
    """Raise AccommodationError for the first value out of range. `closes_after`: the assignment's own closing
    time, which a later close date must pass (None: no close date may be set, as for a whole class)."""
    a = accommodation
    if a.time_multiplier is not None and not MIN_MULTIPLIER <= a.time_multiplier <= MAX_MULTIPLIER:
        raise AccommodationError("multiplier")
    if a.extra_minutes is not None and not 0 <= a.extra_minutes <= MAX_EXTRA_MINUTES:
        raise AccommodationError("extra_minutes")
    if a.extra_attempts is not None and not 0 <= a.extra_attempts <= MAX_EXTRA_ATTEMPTS:
        raise AccommodationError("extra_attempts")
    if a.max_options is not None and not MIN_OPTIONS <= a.max_options <= MAX_OPTIONS:
        raise AccommodationError("max_options")
    if a.closes_at is not None and (closes_after is None or a.closes_at <= closes_after):
        raise AccommodationError("closes_at")


@dataclass(frozen=True)
class AssignmentRules:
    """An assignment's own rules, as the teacher set them for everyone."""

    opens_at: dt.datetime
    closes_at: dt.datetime
    time_limit_minutes: int | None
    max_attempts: int


@dataclass(frozen=True)
class EffectiveRules:
    """The rules one student works under."""

    opens_at: dt.datetime
    closes_at: dt.datetime
    time_limit: dt.timedelta | None  # None: no limit
    max_attempts: int
    max_options: int | None  # None: every option
    read_aloud: bool

    def deadline(self, started_at: dt.datetime) -> dt.datetime:
        """When an attempt started at `started_at` ends: its time limit, or the close if that comes first."""
        if self.time_limit is None:
            return self.closes_at
        return min(self.closes_at, started_at + self.time_limit)

    def is_open(self, now: dt.datetime) -> bool:
        return self.opens_at <= now < self.closes_at


def effective_rules(rules: AssignmentRules, in_class: Accommodation | None = None,
                    for_assignment: Accommodation | None = None) -> EffectiveRules:
    """The assignment's rules with the student's accommodations: the one for this assignment over the class's.

    Never less than without them: a multiplier below 1, negative minutes or attempts, or a close date before
    the assignment's own (all refused by `check`, but possibly stored before a rule changed) count as none.
    """
    a = (for_assignment or Accommodation()).over(in_class)
    time_limit = None
    if rules.time_limit_minutes:
        base = dt.timedelta(minutes=rules.time_limit_minutes)
        # Whole seconds: a deadline is shown to the second.
        scaled = dt.timedelta(seconds=round(base.total_seconds() * max(MIN_MULTIPLIER, a.time_multiplier or 1.0)))
        time_limit = scaled + dt.timedelta(minutes=max(0, a.extra_minutes or 0))
    closes_at = max(rules.closes_at, a.closes_at) if a.closes_at is not None else rules.closes_at
    max_options = a.max_options if a.max_options is not None and a.max_options >= MIN_OPTIONS else None
    return EffectiveRules(opens_at=rules.opens_at, closes_at=closes_at, time_limit=time_limit,
                          max_attempts=rules.max_attempts + max(0, a.extra_attempts or 0),
                          max_options=max_options, read_aloud=bool(a.read_aloud))


def fewer_options(question: ServedQuestion, keep: int | None, seed: str,
                  ranked: Sequence[str] = ()) -> ServedQuestion:
    """The question with at most `keep` options: the key always stays, and the options left keep the order they
    were shown in. Which distractors stay: the first of `ranked` (a generated question's distractor_rank, the
    generator's own preference), else a choice seeded with `seed` and the question's id (a teacher's question:
    the same attempt always drops the same ones, another attempt others). Questions whose options are not
    alternatives (ordering) are returned as they are."""
    if keep is None or question.type not in REDUCIBLE_TYPES or len(question.options) <= max(keep, MIN_OPTIONS):
        return question
    wanted = max(keep, MIN_OPTIONS) - 1
    distractors = [o.id for o in question.options if o.id != question.key]
    if ranked and sorted(ranked) == sorted(distractors):
        chosen = list(ranked[:wanted])
    else:
        digest = hashlib.sha256(f"{seed}|{question.id}".encode()).digest()
        chosen = random.Random(digest).sample(distractors, wanted)
    kept = {str(question.key), *chosen}
    return replace(question, options=tuple(o for o in question.options if o.id in kept))
