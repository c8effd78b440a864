"""Regrades: an assignment's existing answers scored again against the fixed version of its set.

A version that students answered is never changed (services.question_sets): fixing a question makes a newer
version, and the assignment keeps pointing at the one answered. Here a teacher sees which of their assignments
use an older version, previews what the newest would change (quiz.authoring.regrade, per attempt), and applies
it, or leaves the scores as they were (nothing to do: not applying is leaving).

Applying is all or nothing, and once only:
- every answer of every attempt must be gradable by the new version, or nothing changes (`RegradeRefused`);
- the assignment row is locked and must still be on the version previewed, and the set's newest version must
  still be the one previewed: a second click (or a retry) finds the assignment already moved and changes
  nothing; a preview made stale by a later edit is refused rather than applied blindly;
- each attempt's responses get their new points and correctness, its stored questions the fixed keys (under
  the new version's question ids, so that results compare like with like across attempts started before and
  after), and a finished attempt its new score;
- the assignment moves to the new version: attempts started afterwards are served the fixed questions.
  Attempts in progress are regraded too (their remaining questions become the fixed ones; their score is
  computed when they finish, from the regraded answers);
- the regrade is recorded (who, when, from which version to which, and each attempt's score before and after).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Iterable

from sqlalchemy.orm import selectinload

from ..authoring.regrade import AttemptRegrade, Refusal, StoredAnswer, regrade_attempt
from ..authoring.serve import option_id
from ..extensions import db
from ..models.assignment import Assignment
from ..models.attempt import Attempt
from ..models.classroom import Classroom
from ..models.question_set import SetVersion
from ..models.regrade import Regrade, RegradedAttempt
from ..models.user import User
from .attempts import served_questions
from .question_sets import content_of
from .transactions import begin_write


class RegradeRefused(Exception):
    """Why nothing was changed: `unreadable` (answers the new version cannot grade; `plan` lists them), or
    `stale` (the assignment or the set changed since the preview)."""

    def __init__(self, code: str, plan: RegradePlan | None = None):
        super().__init__(code)
        self.code = code
        self.plan = plan


# -- which assignments are behind ------------------------------------------------------------------------


def newer_version(assignment: Assignment) -> SetVersion | None:
    """The newest version of the assignment's set when it is newer than the assignment's; None otherwise, and
    for a live lesson's record (its points are the lesson's, with their speed bonus: not regraded here)."""
    if assignment.live:
        return None
    latest = assignment.set_version.question_set.latest
    return latest if latest.number > assignment.set_version.number else None


def assignments_behind(set_id: int, teacher_id: int) -> list[Assignment]:
    """This teacher's assignments that use an older version of the set than its newest (live records aside)."""
    newest = db.select(db.func.max(SetVersion.number)).where(SetVersion.set_id == set_id).scalar_subquery()
    return list(db.session.execute(
        db.select(Assignment).join(Assignment.set_version).join(Assignment.classroom)
        .where(SetVersion.set_id == set_id, SetVersion.number < newest, Classroom.teacher_id == teacher_id,
               Assignment.live.is_(False))
        .order_by(Assignment.opens_at.desc(), Assignment.id)
    ).scalars())


# -- the preview ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptPlan:
    attempt: Attempt
    student: str
    number: int  # the student's first, second… attempt at the assignment
    result: AttemptRegrade

    @property
    def score_before(self) -> float:
        """The stored score of a finished attempt; the score so far of one in progress."""
        return self.attempt.score if self.attempt.score is not None else self.result.score_before()


@dataclass(frozen=True)
class RegradePlan:
    assignment: Assignment
    from_version: SetVersion
    to_version: SetVersion
    attempts: list[AttemptPlan]

    @property
    def changed(self) -> list[AttemptPlan]:
        return [a for a in self.attempts if a.result.changes]

    @property
    def refusals(self) -> list[tuple[AttemptPlan, Refusal]]:
        return [(a, r) for a in self.attempts for r in a.result.refusals]

    @property
    def answers(self) -> int:
        """The answers the new version grades (the refused ones are listed apart)."""
        return sum(len(a.result.graded) for a in self.attempts)

    @property
    def average_before(self) -> float:
        return _average([a.score_before for a in self.attempts])

    @property
    def average_after(self) -> float:
        return _average([a.result.score_after() for a in self.attempts])


def _average(scores: list[float]) -> float:
    return sum(scores) / len(scores) if scores else 0.0


def _attempts(assignment_id: int, *, lock: bool) -> list[Attempt]:
    query = (db.select(Attempt).where(Attempt.assignment_id == assignment_id, Attempt.kind == "assignment")
             .options(selectinload(Attempt.responses)).order_by(Attempt.user_id, Attempt.started_at, Attempt.id))
    if lock:  # against an answer being recorded meanwhile (answering.open_attempt takes the same lock)
        query = query.with_for_update()
    return list(db.session.execute(query).scalars())


def plan_regrade(assignment: Assignment, to_version: SetVersion, secret: str, *, lock: bool = False) -> RegradePlan:
    """What regrading the assignment's attempts against `to_version` would change; changes nothing."""
    questions = content_of(to_version).questions
    names: dict[int, str] = {user_id: name for user_id, name in db.session.execute(
        db.select(User.id, User.display_name).join(Attempt, Attempt.user_id == User.id)
        .where(Attempt.assignment_id == assignment.id))}
    plans: list[AttemptPlan] = []
    numbers: dict[int, int] = {}
    for attempt in _attempts(assignment.id, lock=lock):
        numbers[attempt.user_id] = numbers.get(attempt.user_id, 0) + 1
        answers = {r.question_id: StoredAnswer(r.answer, r.points, r.max_points, r.correct) for r in attempt.responses}
        # An option the new version adds gets an id as opaque as the served ones (authoring.serve.option_id).
        new_id = partial(_added_option_id, secret, to_version.id, f"regrade|{attempt.seed}")
        result = regrade_attempt(list(served_questions(attempt)), answers, questions, to_version.id,
                                 attempt.grading_type, new_id)
        plans.append(AttemptPlan(attempt, names.get(attempt.user_id, ""), numbers[attempt.user_id], result))
    plans.sort(key=lambda p: (p.student, p.number))
    return RegradePlan(assignment, assignment.set_version, to_version, plans)


def _added_option_id(secret: str, version_id: int, salt: str, question_index: int, option_index: int) -> str:
    return option_id(secret, version_id, question_index, option_index, salt)


# -- applying ---------------------------------------------------------------------------------------------


def apply_regrade(assignment_id: int, teacher: User, from_version_id: int, to_version_id: int, now: dt.datetime,
                  secret: str) -> Regrade | None:
    """Regrade the assignment from the version previewed to the one previewed; None when that was done
    already (a second click). RegradeRefused, with nothing changed, when it cannot be done as previewed."""
    begin_write()
    assignment = db.session.execute(
        db.select(Assignment).where(Assignment.id == assignment_id).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    if assignment.set_version_id == to_version_id:
        return None
    to_version = newer_version(assignment)
    if assignment.set_version_id != from_version_id or to_version is None or to_version.id != to_version_id:
        raise RegradeRefused("stale")
    plan = plan_regrade(assignment, to_version, secret, lock=True)
    if plan.refusals:
        raise RegradeRefused("unreadable", plan)
    regrade = Regrade(assignment_id=assignment.id, teacher_id=teacher.id, from_version_id=from_version_id,
                      to_version_id=to_version.id, created_at=now)
    db.session.add(regrade)
    for attempt_plan in plan.attempts:
        regrade.attempts.append(RegradedAttempt(
            attempt_id=attempt_plan.attempt.id, old_score=attempt_plan.score_before,
            new_score=attempt_plan.result.score_after(), changed_answers=len(attempt_plan.result.changes)))
        _apply_to_attempt(attempt_plan, to_version.id)  # after: it changes the score read just above
    assignment.set_version = to_version
    db.session.flush()
    return regrade


def _apply_to_attempt(plan: AttemptPlan, version_id: int) -> None:
    attempt, result = plan.attempt, plan.result
    responses = {r.question_id: r for r in attempt.responses}
    for graded in result.graded:
        response = responses[graded.old_id]
        response.question_id = graded.new_id
        response.points, response.max_points = graded.after.points, graded.after.max_points
        response.correct = graded.after.correct
    attempt.questions = [q.to_json() for q in result.questions]
    attempt.settings = {**attempt.settings, "set_version_id": version_id}
    if attempt.is_finished:
        attempt.score = result.score_after()


# -- what students see --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegradeNote:
    regraded_at: dt.datetime
    old_score: float
    new_score: float

    @property
    def changed(self) -> bool:
        return round(self.old_score, 6) != round(self.new_score, 6)


def notes_for(attempt_ids: Iterable[int]) -> dict[int, list[RegradeNote]]:
    """Each attempt's regrades, oldest first ("this assignment was regraded on …: your score changed …")."""
    ids = list(attempt_ids)
    if not ids:
        return {}
    notes: dict[int, list[RegradeNote]] = {}
    for attempt_id, at, old, new in db.session.execute(
        db.select(RegradedAttempt.attempt_id, Regrade.created_at, RegradedAttempt.old_score, RegradedAttempt.new_score)
        .join(Regrade).where(RegradedAttempt.attempt_id.in_(ids)).order_by(Regrade.created_at, Regrade.id)
    ):
        notes.setdefault(attempt_id, []).append(RegradeNote(at, old, new))
    return notes


def regrades_of(assignment_id: int) -> list[Regrade]:
    """The assignment's regrades, newest first, for the teacher's record."""
    return list(db.session.execute(
        db.select(Regrade).where(Regrade.assignment_id == assignment_id)
        .order_by(Regrade.created_at.desc(), Regrade.id.desc())
    ).scalars())
