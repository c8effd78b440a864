"""A learner's progress: score over time and mastery per era, from stored attempts and responses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..chronology.model import Chronology, Era
from ..extensions import db
from ..models.attempt import Attempt, Response
from ..scoring.served import ServedQuestion


@dataclass(frozen=True)
class ScorePoint:
    attempt_id: int
    finished_at: dt.datetime
    score: float  # 0..1
    kind: str


@dataclass(frozen=True)
class EraMastery:
    era: Era
    answered: int
    fraction: float  # mean score of the answers about this era's events; 0 when none


@dataclass(frozen=True)
class ProgressReport:
    scores: list[ScorePoint]
    eras: list[EraMastery]
    answered: int
    correct: int


def progress_report(user_id: int, chronology: Chronology) -> ProgressReport:
    """Everything the learner answered counts, wherever they answered it: practice and review, class
    assignments (which have no chronology), live lessons. Mastery per era counts the answers about the
    chronology's events (a set question about no event counts in the totals only)."""
    attempts = list(db.session.execute(
        db.select(Attempt).where(Attempt.user_id == user_id, Attempt.finished_at.is_not(None))
        .order_by(Attempt.finished_at)
    ).scalars())
    scores = [ScorePoint(a.id, a.finished_at, a.score or 0.0, a.kind) for a in attempts]  # type: ignore[arg-type]

    # The questions JSON is decoded once per attempt, not once per response (it is the costly part).
    questions_of = dict(db.session.execute(
        db.select(Attempt.id, Attempt.questions).where(Attempt.user_id == user_id)
    ).all())
    rows = list(db.session.execute(
        db.select(Response).join(Attempt).where(Attempt.user_id == user_id)
    ).scalars())
    per_era: dict[str, list[float]] = {era.id: [] for era in chronology.eras}
    correct = 0
    for response in rows:
        correct += int(response.correct)
        question = ServedQuestion.from_json(questions_of[response.attempt_id][response.question_index])
        eras = {chronology.event(e).era for e in question.review_events if chronology.has_event(e)}
        for era_id in eras:
            per_era.setdefault(era_id, []).append(response.fraction)
    mastery = [
        EraMastery(era, len(per_era[era.id]), sum(per_era[era.id]) / len(per_era[era.id]) if per_era[era.id] else 0.0)
        for era in chronology.eras
    ]
    return ProgressReport(scores=scores, eras=mastery, answered=len(rows), correct=correct)
