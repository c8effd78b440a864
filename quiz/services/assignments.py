"""Assignments: a set version given to a class, with a window, a time limit, attempts and a review policy.

The time limit is the server's: an attempt gets a deadline when it starts (the limit, or the closing time if
that comes first); answers after it are refused and the attempt closes itself at its deadline. A student's
accommodations (quiz.services.accommodations) make their own rules: more time, attempts, a later close, fewer
options; they are fixed into the attempt when it starts, like the questions.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, bindparam, delete, func, or_, update
from sqlalchemy.orm import contains_eager, defer

from ..authoring.serve import serve_set
from ..clock import as_utc
from ..extensions import db
from ..models.assignment import Assignment
from ..models.attempt import Attempt, Response
from ..models.classroom import Classroom, Membership
from ..models.question_set import SetVersion
from ..models.user import User
from ..scoring.accommodations import EffectiveRules, fewer_options
from ..scoring.grading_method import DEFAULT_METHOD, Grade, ScoredAttempt, grade
from . import accommodations
from .attempts import attempt_by_start_key, close_if_overdue, insert_attempt
from .question_sets import content_of


class AssignmentError(ValueError):
    """Why a student cannot start or continue, or a teacher's change is refused (a key the view translates, with
    its details in `values`): not_open, closed, no_attempts_left, not_member, live (a live lesson's record:
    joined in the lesson, not started alone); window, time_limit, attempts, attempts_used, close_in_past,
    close_earlier."""

    def __init__(self, key: str, **values: int) -> None:
        super().__init__(key)
        self.values = values


# The bounds a teacher's numbers must keep (the forms say the same; the service holds them whatever calls it).
TIME_LIMIT_RANGE = (1, 600)  # minutes
ATTEMPTS_RANGE = (1, 20)


@dataclass(frozen=True)
class AssignmentSettings:
    title: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    time_limit_minutes: int | None = None
    max_attempts: int = 1
    shuffle_questions: bool = True
    shuffle_options: bool = True
    grading_type: str = "relative_all_previous_and_next"
    show_answers: str = "after_submit"
    grading_method: str = DEFAULT_METHOD


def _check_settings(opens_at: dt.datetime, closes_at: dt.datetime, time_limit_minutes: int | None,
                    max_attempts: int) -> None:
    if closes_at <= opens_at:
        raise AssignmentError("window")
    if time_limit_minutes is not None and not TIME_LIMIT_RANGE[0] <= time_limit_minutes <= TIME_LIMIT_RANGE[1]:
        raise AssignmentError("time_limit", low=TIME_LIMIT_RANGE[0], high=TIME_LIMIT_RANGE[1])
    if not ATTEMPTS_RANGE[0] <= max_attempts <= ATTEMPTS_RANGE[1]:
        raise AssignmentError("attempts", low=ATTEMPTS_RANGE[0], high=ATTEMPTS_RANGE[1])


def create_assignment(classroom: Classroom, version: SetVersion, settings: AssignmentSettings,
                      now: dt.datetime) -> Assignment:
    _check_settings(settings.opens_at, settings.closes_at, settings.time_limit_minutes,
                    settings.max_attempts)
    assignment = Assignment(
        classroom_id=classroom.id, set_version_id=version.id, title=settings.title.strip()[:200],
        opens_at=settings.opens_at, closes_at=settings.closes_at, time_limit_minutes=settings.time_limit_minutes,
        max_attempts=settings.max_attempts, shuffle_questions=settings.shuffle_questions,
        shuffle_options=settings.shuffle_options, grading_type=settings.grading_type,
        show_answers=settings.show_answers, grading_method=settings.grading_method, created_at=now,
    )
    db.session.add(assignment)
    db.session.flush()
    return assignment


def assignments_of_class(classroom_id: int) -> list[Assignment]:
    return list(db.session.execute(
        db.select(Assignment).filter_by(classroom_id=classroom_id, deleted_at=None)
        .order_by(Assignment.opens_at.desc())
    ).scalars())


def assignment_for_teacher(assignment_id: int, teacher_id: int, *, deleted: bool = False) -> Assignment | None:
    """One of the teacher's assignments; a deleted one only with deleted=True (to undo or to see it is gone)."""
    query = db.select(Assignment).join(Classroom).where(Assignment.id == assignment_id,
                                                         Classroom.teacher_id == teacher_id)
    if not deleted:
        query = query.where(Assignment.deleted_at.is_(None))
    return db.session.execute(query).scalar_one_or_none()


def assignment_for_student(assignment_id: int, user_id: int) -> Assignment | None:
    return db.session.execute(
        db.select(Assignment).join(Classroom).join(Membership, Membership.classroom_id == Classroom.id).where(
            Assignment.id == assignment_id, Membership.user_id == user_id, Classroom.archived_at.is_(None),
            Assignment.deleted_at.is_(None))
    ).scalar_one_or_none()


def is_open(assignment: Assignment, now: dt.datetime) -> bool:
    return as_utc(assignment.opens_at) <= now < as_utc(assignment.closes_at)  # type: ignore[operator]


def attempts_by(assignment_id: int, user_id: int) -> list[Attempt]:
    return list(db.session.execute(
        db.select(Attempt).filter_by(assignment_id=assignment_id, user_id=user_id).order_by(Attempt.started_at)
    ).scalars())


@dataclass(frozen=True)
class StudentAssignment:
    assignment: Assignment
    attempts: list[Attempt]
    open: bool
    rules: EffectiveRules  # the assignment's rules with this student's accommodations

    @property
    def in_progress(self) -> Attempt | None:
        return next((a for a in self.attempts if not a.is_finished), None)

    @property
    def attempts_left(self) -> int:
        return max(0, self.rules.max_attempts - len(self.attempts))

    @property
    def grade(self) -> float | None:
        """The student's score by the assignment's grading method (None: no finished attempt)."""
        graded = student_grade(self.assignment, self.attempts)
        return graded.score if graded else None


def student_grade(assignment: Assignment, attempts: list[Attempt]) -> Grade | None:
    """A student's grade at an assignment by its grading method: the one rule every page and export uses."""
    return grade([ScoredAttempt(a.id, as_utc(a.started_at), a.score if a.is_finished else None)  # type: ignore
                  for a in attempts], assignment.grading_method)


# Built once: the student's home runs these on every visit. Attempts are read without their questions and
# settings (the home page shows scores and states; closing an overdue one loads what it needs).
_STUDENT_ASSIGNMENTS = (
    db.select(Assignment).join(Assignment.classroom).join(Membership, Membership.classroom_id == Classroom.id)
    .where(Membership.user_id == bindparam("user_id"), Classroom.archived_at.is_(None),
           Assignment.deleted_at.is_(None), Assignment.opens_at <= bindparam("now"),
           # closed recently, or extended for this student until recently
           or_(Assignment.closes_at > bindparam("since"),
               Assignment.id.in_(accommodations.extended_since(bindparam("user_id"), bindparam("since")))))
    .options(contains_eager(Assignment.classroom))
    .order_by(Assignment.closes_at)
)
_THEIR_ATTEMPTS = (
    db.select(Attempt)
    .where(Attempt.assignment_id.in_(bindparam("assignment_ids", expanding=True)),
           Attempt.user_id == bindparam("user_id"))
    .options(defer(Attempt.questions), defer(Attempt.settings))
    .order_by(Attempt.started_at)
)


def open_assignments_for_student(user_id: int, now: dt.datetime) -> list[StudentAssignment]:
    """The student's assignments in their classes that are open now (for them: a later close date counts) or
    closed recently (last 30 days), each with the student's attempts and rules."""
    assignments = list(db.session.execute(
        _STUDENT_ASSIGNMENTS, {"user_id": user_id, "now": now, "since": now - dt.timedelta(days=30)}
    ).scalars())
    if not assignments:
        return []
    rules = accommodations.rules_for_each(assignments, user_id)
    attempts: dict[int, list[Attempt]] = {a.id: [] for a in assignments}
    for attempt in db.session.execute(
        _THEIR_ATTEMPTS, {"assignment_ids": list(attempts), "user_id": user_id}
    ).scalars():
        close_if_overdue(attempt, now)  # changes these same objects: no need to read them again
        attempts[attempt.assignment_id].append(attempt)
    return [StudentAssignment(a, attempts[a.id], rules[a.id].is_open(now), rules[a.id]) for a in assignments]


# -- a teacher changes an assignment --------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentChanges:
    """What a teacher may change while an assignment runs. Not the set, the shuffling or the ordering scoring:
    they shaped the questions students already have."""

    title: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    time_limit_minutes: int | None
    max_attempts: int
    show_answers: str
    grading_method: str


def most_attempts_used(assignment: Assignment) -> int:
    """The most attempts any one student has made (the lowest the limit may go)."""
    counts = db.session.execute(
        db.select(func.count(Attempt.id)).filter_by(assignment_id=assignment.id).group_by(Attempt.user_id)
    ).scalars()
    return max(counts, default=0)


def update_assignment(assignment: Assignment, changes: AssignmentChanges, now: dt.datetime) -> None:
    """Apply a teacher's edit; refused whole (AssignmentError) if it breaks a rule. Running attempts keep their
    deadline or get a later one (a longer time limit, a later close), never an earlier one."""
    _check_settings(changes.opens_at, changes.closes_at, changes.time_limit_minutes, changes.max_attempts)
    used = most_attempts_used(assignment)
    if changes.max_attempts < used:
        raise AssignmentError("attempts_used", used=used)
    assignment.title = changes.title.strip()[:200]
    assignment.opens_at, assignment.closes_at = changes.opens_at, changes.closes_at
    assignment.time_limit_minutes = changes.time_limit_minutes
    assignment.max_attempts = changes.max_attempts
    assignment.show_answers, assignment.grading_method = changes.show_answers, changes.grading_method
    _extend_running_attempts(assignment, now)


def set_closing_time(assignment: Assignment, closes_at: dt.datetime, now: dt.datetime) -> None:
    """Extend for everyone, or reopen a closed assignment: a new closing time in the future and not before the
    current one (to bring it forward, edit the assignment). The same time again (a form sent twice) changes
    nothing."""
    if closes_at <= now or closes_at <= as_utc(assignment.opens_at):  # type: ignore[operator]
        raise AssignmentError("close_in_past")
    if closes_at < as_utc(assignment.closes_at):  # type: ignore[operator]
        raise AssignmentError("close_earlier")
    assignment.closes_at = closes_at
    _extend_running_attempts(assignment, now)


def close_now(assignment: Assignment, now: dt.datetime) -> bool:
    """Close an open assignment at once: nobody can start an attempt after this. Attempts already running keep
    the deadline they started with (never less time). False (nothing done) if it is not open."""
    if not is_open(assignment, now):
        return False
    # (a window must be longer than nothing: closed in the very second it opened, it lasts that second)
    assignment.closes_at = max(now, as_utc(assignment.opens_at) + dt.timedelta(seconds=1))  # type: ignore[operator]
    db.session.flush()
    return True


def _extend_running_attempts(assignment: Assignment, now: dt.datetime) -> None:
    for attempt in db.session.execute(
        db.select(Attempt).filter_by(assignment_id=assignment.id, finished_at=None)
    ).scalars():
        if close_if_overdue(attempt, now):
            continue  # its time was up before this change: it ends as it would have
        new = deadline_for(assignment, attempt.user_id, attempt.started_at)
        if as_utc(attempt.deadline_at) is None or new > as_utc(attempt.deadline_at):  # type: ignore[operator]
            attempt.deadline_at = new
    db.session.flush()


def results_at_stake(assignment: Assignment) -> tuple[int, int]:
    """(students with a finished attempt, attempts in progress): what deleting the assignment would hide."""
    finished = db.session.execute(
        db.select(func.count(func.distinct(Attempt.user_id)))
        .where(Attempt.assignment_id == assignment.id, Attempt.finished_at.is_not(None))
    ).scalar_one()
    running = db.session.execute(
        db.select(func.count(Attempt.id)).where(Attempt.assignment_id == assignment.id, Attempt.finished_at.is_(None))
    ).scalar_one()
    return finished, running


def delete_assignment(assignment: Assignment, now: dt.datetime) -> bool:
    """Soft-delete: gone from the teacher's and the students' lists, attempts kept (an undo restores it; a purge
    removes it for good). False if it was already deleted (a form sent twice)."""
    # One conditional UPDATE: of two requests at once, one deletes and the other finds it done.
    deleted = cast("CursorResult[Any]", db.session.execute(
        update(Assignment).where(Assignment.id == assignment.id, Assignment.deleted_at.is_(None))
        .values(deleted_at=now).execution_options(synchronize_session=False)
    )).rowcount == 1
    db.session.refresh(assignment, ["deleted_at"])
    return deleted


def restore_assignment(assignment: Assignment) -> None:
    assignment.deleted_at = None
    db.session.flush()


def purge_deleted_assignments(before: dt.datetime) -> int:
    """Remove for good the assignments deleted before `before`, their attempts and answers with them.
    Statements rather than ORM deletes: the database's own cascades and the ORM's would race for the rows."""
    doomed = list(db.session.execute(
        db.select(Assignment.id).where(Assignment.deleted_at.is_not(None), Assignment.deleted_at < before)
    ).scalars())
    if doomed:
        attempts = db.select(Attempt.id).where(Attempt.assignment_id.in_(doomed))
        db.session.execute(delete(Response).where(Response.attempt_id.in_(attempts)))
        db.session.execute(delete(Attempt).where(Attempt.assignment_id.in_(doomed)))
        db.session.execute(delete(Assignment).where(Assignment.id.in_(doomed)))
        db.session.expire_all()
    return len(doomed)


# -- attempts ----------------------------------------------------------------------------------------


def start_attempt(user: User, assignment: Assignment, now: dt.datetime) -> Attempt:
    """The student's attempt in progress, or a new one if the window, the attempts and membership allow.

    Race-free by construction: the n-th attempt has the start key "assignment:<id>:<n>", unique per student, so
    two concurrent "Start"s make one attempt and max_attempts holds whatever the timing.
    """
    if assignment_for_student(assignment.id, user.id) is None:
        raise AssignmentError("not_member")
    if assignment.live:
        raise AssignmentError("live")  # its attempts are made by joining the live lesson (services.live)
    existing = attempts_by(assignment.id, user.id)
    for attempt in existing:
        close_if_overdue(attempt, now)
    current = next((a for a in existing if not a.is_finished), None)
    if current is not None:
        return current
    rules = accommodations.rules_for(assignment, user.id)
    if now < rules.opens_at:
        raise AssignmentError("not_open")
    if now >= rules.closes_at:
        raise AssignmentError("closed")
    if len(existing) >= rules.max_attempts:
        raise AssignmentError("no_attempts_left")
    seed = random.SystemRandom().randrange(2**31)
    # A new seed per attempt: a retake gets a new question and option order and new option ids, so the key
    # shown after the last attempt says nothing about this one's page.
    questions = serve_set(content_of(assignment.set_version), assignment.set_version_id, random.Random(seed),
                          shuffle_questions=assignment.shuffle_questions, shuffle_options=assignment.shuffle_options,
                          secret=current_app.config["SECRET_KEY"], salt=str(seed))
    # Fewer options are fixed into the stored questions: scoring and review read what the student was shown.
    questions = [fewer_options(q, rules.max_options, str(seed)) for q in questions]
    deadline = rules.deadline(now)
    return insert_attempt(dict(
        user_id=user.id, kind="assignment", assignment_id=assignment.id, chronology_slug="",
        settings={"assignment_id": assignment.id, "set_version_id": assignment.set_version_id}, seed=seed,
        grading_type=assignment.grading_type, questions=[q.to_json() for q in questions], started_at=now,
        shown_at=now, deadline_at=deadline, start_key=attempt_key(assignment.id, len(existing) + 1),
    ))


def deadline_for(assignment: Assignment, user_id: int, started_at: dt.datetime) -> dt.datetime:
    """When a student's attempt started at `started_at` must end under the assignment's rules now, with the
    student's accommodations (extra time, a later close): the time limit, or the closing time if sooner.

    For running attempts when the teacher changes the rules; a new attempt takes the same rules (start_attempt).
    """
    return accommodations.rules_for(assignment, user_id).deadline(as_utc(started_at))  # type: ignore[arg-type]


def attempt_key(assignment_id: int, number: int) -> str:
    """The start key of a student's n-th attempt at an assignment (unique per student: see start_attempt)."""
    return f"assignment:{assignment_id}:{number}"


# -- the start page of a timed assignment -------------------------------------------------------------
# A timed attempt's clock starts only when the student presses Start on a page that states the rules. The
# page names the attempt it starts (its number), so a second tab or a late double click of a page already
# used finds that attempt instead of starting the next one.


@dataclass(frozen=True)
class StartPage:
    """What a student is told before the clock starts, and whether they may start now: under their own rules
    (accommodations included: the minutes stated are the minutes they get)."""

    assignment: Assignment
    rules: EffectiveRules
    question_count: int
    attempts_used: int
    in_progress: Attempt | None
    blocked: str | None  # an AssignmentError key (not_open, closed, no_attempts_left), or None: may start
    minutes_available: int | None  # the time limit, or fewer minutes when the assignment closes sooner

    @property
    def number(self) -> int:
        """The number of the attempt that Start would begin."""
        return self.attempts_used + 1

    @property
    def max_attempts(self) -> int:
        return self.rules.max_attempts

    @property
    def attempts_left(self) -> int:
        return max(0, self.rules.max_attempts - self.attempts_used)

    @property
    def time_limit_minutes(self) -> int | None:
        limit = self.rules.time_limit
        return None if limit is None else int(limit.total_seconds() // 60)

    @property
    def cut_by_closing(self) -> bool:
        return self.minutes_available is not None and self.minutes_available < (self.time_limit_minutes or 0)


def needs_start_page(assignment: Assignment) -> bool:
    """A timed assignment is started from its start page only (its clock is the student's to start)."""
    return bool(assignment.time_limit_minutes) and not assignment.live


def start_page(assignment: Assignment, user_id: int, now: dt.datetime) -> StartPage:
    """The start page's facts for this student now (closing, on the way, an attempt whose time ran out)."""
    existing = attempts_by(assignment.id, user_id)
    for attempt in existing:
        close_if_overdue(attempt, now)
    rules = accommodations.rules_for(assignment, user_id)
    blocked = None
    if now < rules.opens_at:
        blocked = "not_open"
    elif now >= rules.closes_at:
        blocked = "closed"
    elif len(existing) >= rules.max_attempts:
        blocked = "no_attempts_left"
    minutes = None
    if rules.time_limit is not None and blocked is None:
        minutes = int((rules.deadline(now) - now).total_seconds() // 60)
    return StartPage(assignment, rules, len(content_of(assignment.set_version).questions), len(existing),
                     next((a for a in existing if not a.is_finished), None), blocked, minutes)


def numbered_attempt(assignment: Assignment, user_id: int, number: int) -> Attempt | None:
    """The student's n-th attempt at the assignment, if it was started (by this page or another tab)."""
    return attempt_by_start_key(user_id, attempt_key(assignment.id, number))


def seconds_left(attempt: Attempt, now: dt.datetime) -> int | None:
    deadline = as_utc(attempt.deadline_at)
    if deadline is None:
        return None
    return max(0, int((deadline - now).total_seconds()))


def answers_visible(assignment: Assignment, attempt: Attempt, now: dt.datetime) -> bool:
    """Whether this student may now see right answers and explanations for this attempt."""
    policy = assignment.show_answers
    if policy == "immediately":
        return True
    if policy == "after_submit":
        return attempt.is_finished
    if policy == "after_close":  # everyone's: a student given a later close must not be sent the key before it
        return now >= accommodations.last_close(assignment)
    return False


def feedback_per_question(assignment: Assignment) -> bool:
    return assignment.show_answers == "immediately"
