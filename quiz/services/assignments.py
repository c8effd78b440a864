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

from flask import current_app
from sqlalchemy import bindparam, or_
from sqlalchemy.orm import contains_eager, defer

from ..authoring.serve import serve_set
from ..clock import as_utc
from ..extensions import db
from ..models.assignment import Assignment
from ..models.attempt import Attempt
from ..models.classroom import Classroom, Membership
from ..models.question_set import SetVersion
from ..models.user import User
from ..scoring.accommodations import EffectiveRules, fewer_options
from . import accommodations
from .attempts import attempt_by_start_key, close_if_overdue, insert_attempt
from .question_sets import content_of


class AssignmentError(ValueError):
    """Why a student cannot start or continue (a key the view translates): not_open, closed, no_attempts_left,
    not_member, live (a live lesson's record: joined in the lesson, not started alone)."""



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


def create_assignment(classroom: Classroom, version: SetVersion, settings: AssignmentSettings,
                      now: dt.datetime) -> Assignment:
    if settings.closes_at <= settings.opens_at:
        raise AssignmentError("window")
    assignment = Assignment(
        classroom_id=classroom.id, set_version_id=version.id, title=settings.title.strip()[:200],
        opens_at=settings.opens_at, closes_at=settings.closes_at, time_limit_minutes=settings.time_limit_minutes,
        max_attempts=settings.max_attempts, shuffle_questions=settings.shuffle_questions,
        shuffle_options=settings.shuffle_options, grading_type=settings.grading_type,
        show_answers=settings.show_answers, created_at=now,
    )
    db.session.add(assignment)
    db.session.flush()
    return assignment


def assignments_of_class(classroom_id: int) -> list[Assignment]:
    return list(db.session.execute(
        db.select(Assignment).filter_by(classroom_id=classroom_id).order_by(Assignment.opens_at.desc())
    ).scalars())


def assignment_for_teacher(assignment_id: int, teacher_id: int) -> Assignment | None:
    return db.session.execute(
        db.select(Assignment).join(Classroom).where(Assignment.id == assignment_id, Classroom.teacher_id == teacher_id)
    ).scalar_one_or_none()


def assignment_for_student(assignment_id: int, user_id: int) -> Assignment | None:
    return db.session.execute(
        db.select(Assignment).join(Classroom).join(Membership, Membership.classroom_id == Classroom.id).where(
            Assignment.id == assignment_id, Membership.user_id == user_id, Classroom.archived_at.is_(None))
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
    def best(self) -> float | None:
        scores = [a.score for a in self.attempts if a.is_finished and a.score is not None]
        return max(scores) if scores else None


# Built once: the student's home runs these on every visit. Attempts are read without their questions and
# settings (the home page shows scores and states; closing an overdue one loads what it needs).
_STUDENT_ASSIGNMENTS = (
    db.select(Assignment).join(Assignment.classroom).join(Membership, Membership.classroom_id == Classroom.id)
    .where(Membership.user_id == bindparam("user_id"), Classroom.archived_at.is_(None),
           Assignment.opens_at <= bindparam("now"),
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
