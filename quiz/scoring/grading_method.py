"""An assignment's grading method: which of a student's attempts make their grade. Pure functions.

Moodle's four methods, with its default (highest). Only finished attempts count: an attempt in progress has no
score yet, and counting it as zero would punish a student for starting a retake. "First" and "last" are by the
time an attempt started (ties: in the order given), so a retake that started later but finished sooner is still
the later attempt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

HIGHEST, AVERAGE, FIRST, LAST = "highest", "average", "first", "last"
GRADING_METHODS = (HIGHEST, AVERAGE, FIRST, LAST)
DEFAULT_METHOD = HIGHEST


@dataclass(frozen=True)
class ScoredAttempt:
    """One attempt as the rule sees it: an id, when it started, its score 0..1 (None while unfinished)."""

    attempt_id: int
    started_at: dt.datetime
    score: float | None


@dataclass(frozen=True)
class Grade:
    score: float  # 0..1
    attempt_id: int  # the attempt that gives the grade (for the average: the latest finished one)


def grade(attempts: Sequence[ScoredAttempt], method: str) -> Grade | None:
    """The student's grade by `method`, or None when no attempt is finished."""
    if method not in GRADING_METHODS:
        raise ValueError(f"unknown grading method: {method!r}")
    finished = sorted((a for a in attempts if a.score is not None), key=lambda a: a.started_at)
    if not finished:
        return None
    if method == FIRST:
        chosen = finished[0]
    elif method == LAST:
        chosen = finished[-1]
    elif method == HIGHEST:
        chosen = max(finished, key=lambda a: a.score or 0.0)  # the first of equal bests, as before
    else:
        mean = sum(a.score or 0.0 for a in finished) / len(finished)
        return Grade(min(1.0, max(0.0, mean)), finished[-1].attempt_id)
    return Grade(chosen.score or 0.0, chosen.attempt_id)
