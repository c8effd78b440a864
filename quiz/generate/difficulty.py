"""How hard a generated question is: easy, medium or hard, from three things a teacher would name.

The model
---------
Every question gets a score between 0 and 1, a weighted mean of up to three features, each 0 (easy) to 1
(hard):

* **closeness** (weight 0.45): how close the options are, so how finely the student must know the fact.
  For dated options (``when``, ``what_happened``, ``first``/``last``, ``before``/``after``, ``order``) it is the
  smallest time gap, in days between the middles of the two dates' spans, between the answer and the nearest
  other option (for ``order``, between two neighbouring items), on a log scale:
  ``closeness = 1 - ln(gap / 7) / ln(3650 / 7)``, clipped to [0, 1]: a week apart or less is 1, ten years
  apart or more is 0, a month ≈ 0.77, a year ≈ 0.37. For ``who`` the gap is the one between the event and
  the nearest event the distractor person took part in (a contemporary is a harder distractor than someone
  from another decade). For ``how_many`` it is the ratio between the answer and the nearest distractor:
  ``1 - ln(ratio) / ln(4)``: ×1.25 ≈ 0.84, ×2 = 0.5, ×4 or more = 0.
* **precision** (weight 0.2): how exact the fact to recall is: a date known to the day is 1, to the month
  0.5, to the year only 0, and a qualifier ("early 2007", "late June 2014") adds 0.25. Several events: the
  mean; an ordering adds 0.1 per item above three (six items are harder to place than three), up to 1.
  For ``how_many`` an exact, non-round figure (4,487) is 1, a round one (4,000) 0.5, an approximate one
  ("about 150,000") 0. ``who`` has no precision feature; its weight is shared out.
* **obscurity** (weight 0.35): the mean ``Event.importance`` of the events the question is about, mapped
  1 (landmark) → 0, 2 → 0.5, 3 (detail) → 1.

Levels: score < 0.35 is easy, < 0.6 medium, otherwise hard. The weights make the event's prominence and the
closeness of the options matter most, as they do for a student; precision refines. Kinds steer the score
towards the requested level by choosing near distractors (hard) or far ones (easy), and, where every
option's prominence counts (first/last/before/after/order), obscure companions (hard) or landmarks (easy);
an ordering also has more items when hard (5-6) than when easy (3-4). But the level recorded on the
question is always computed from the question actually made, never copied from the request.

A quiz asking for a level skips events whose questions cannot reach it whatever the options
(`single_event_bounds`: a landmark known to the year cannot make a hard "when"), and keeps questions that
came out at another level for later slots of that level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Mapping

from quiz.chronology.model import PartialDate, Precision

from ..messages import N_
from .errors import InvalidRequest

EASY, MEDIUM, HARD = "easy", "medium", "hard"
LEVELS: tuple[str, ...] = (EASY, MEDIUM, HARD)

W_CLOSENESS = 0.45
W_PRECISION = 0.2
W_OBSCURITY = 0.35
EASY_BELOW = 0.35
MEDIUM_BELOW = 0.6

_WEEK = 7.0
_DECADE = 3650.0
_LOG_SPAN = math.log(_DECADE / _WEEK)
_LOG_RATIO_SPAN = math.log(4.0)


def closeness_from_gap(gap_days: float) -> float:
    """1 for options a week apart or less, 0 for ten years or more, log-scaled between."""
    if gap_days <= _WEEK:
        return 1.0
    value = 1.0 - math.log(gap_days / _WEEK) / _LOG_SPAN
    return 0.0 if value < 0.0 else value


def closeness_from_ratio(ratio: float) -> float:
    """1 for equal figures, 0.5 for a factor of two, 0 for a factor of four or more."""
    if ratio < 1.0:
        ratio = 1.0 / ratio
    value = 1.0 - math.log(ratio) / _LOG_RATIO_SPAN
    return 0.0 if value < 0.0 else value


def date_precision(date: PartialDate) -> float:
    """Day 1, month 0.5, year 0; a qualifier ("early 2007", "late June 2014") adds 0.25."""
    base = {Precision.DAY: 1.0, Precision.MONTH: 0.5, Precision.YEAR: 0.0}[date.precision]
    return base + 0.25 if date.qualifier is not None else base


def obscurity(importances: Iterable[int]) -> float:
    """Mean of importance 1 → 0, 2 → 0.5, 3 → 1."""
    values = [min(max(i, 1), 3) for i in importances]
    if not values:
        return 0.5
    return (sum(values) / len(values) - 1.0) / 2.0


@dataclass(frozen=True)
class Features:
    """What the level is computed from; precision None means the kind has no such feature."""

    closeness: float
    precision: float | None
    obscurity: float

    def score(self) -> float:
        if self.precision is None:
            weight = W_CLOSENESS + W_OBSCURITY
            return (W_CLOSENESS * self.closeness + W_OBSCURITY * self.obscurity) / weight
        return W_CLOSENESS * self.closeness + W_PRECISION * self.precision + W_OBSCURITY * self.obscurity

    def level(self) -> str:
        return level_of(self.score())


def level_of(score: float) -> str:
    if score < EASY_BELOW:
        return EASY
    if score < MEDIUM_BELOW:
        return MEDIUM
    return HARD


def reachable(bounds: tuple[float, float], level: str) -> bool:
    """Whether a score somewhere in [low, high] falls in the level's band."""
    low, high = bounds
    if level == EASY:
        return low < EASY_BELOW
    if level == MEDIUM:
        return low < MEDIUM_BELOW and high >= EASY_BELOW
    return high >= MEDIUM_BELOW


def single_event_bounds(precision: float | None, importance: int, max_closeness: float = 1.0) -> tuple[float, float]:
    """The lowest and highest score a question about one event can get, whatever its options.

    Lets a quiz skip, for a "hard" slot, a landmark event whose question could never be hard.
    """
    hidden = obscurity([importance])
    if precision is None:
        weight = W_CLOSENESS + W_OBSCURITY
        return W_OBSCURITY * hidden / weight, (W_CLOSENESS * max_closeness + W_OBSCURITY * hidden) / weight
    base = W_PRECISION * precision + W_OBSCURITY * hidden
    return base, base + W_CLOSENESS * max_closeness


def parse_mix(difficulty: None | str | Mapping[str, float]) -> dict[str, float] | None:
    """A request's difficulty as {level: share} summing to 1, or None for "any level"."""
    if difficulty is None:
        return None
    if isinstance(difficulty, str):
        if difficulty not in LEVELS:
            raise InvalidRequest(N_("unknown difficulty %(difficulty)s; use one of %(levels)s",
                                    difficulty=repr(difficulty), levels=", ".join(LEVELS)))
        return {difficulty: 1.0}
    unknown = sorted(set(difficulty) - set(LEVELS))
    if unknown:
        raise InvalidRequest(N_("unknown difficulty level(s) %(levels)s", levels=", ".join(map(repr, unknown))))
    shares = {level: float(difficulty.get(level, 0.0)) for level in LEVELS}
    if any(share < 0 or math.isnan(share) for share in shares.values()):
        raise InvalidRequest(N_("difficulty shares must not be negative"))
    total = sum(shares.values())
    if total <= 0:
        raise InvalidRequest(N_("difficulty shares must add up to more than zero"))
    return {level: share / total for level, share in shares.items() if share > 0}


def allocate(mix: Mapping[str, float] | None, count: int) -> list[str | None]:
    """How many questions of each level, by largest remainder (ties go to the easier level).

    Returns the levels in LEVELS order, e.g. ["easy", "easy", "medium", ...]; [None] * count for "any".
    """
    if mix is None:
        return [None] * count
    exact = {level: mix.get(level, 0.0) * count for level in LEVELS}
    counts = {level: int(math.floor(value)) for level, value in exact.items()}
    left = count - sum(counts.values())
    by_remainder = sorted(LEVELS, key=lambda level: (-(exact[level] - counts[level]), LEVELS.index(level)))
    for level in by_remainder[:left]:
        counts[level] += 1
    return [level for level in LEVELS for _ in range(counts[level])]
