"""Assignments: a set version given to a class, with a window, a time limit, attempts and a review policy.

The time limit is the server's: an attempt gets a deadline when it starts (the limit, or the closing time if
that comes first); answers after it are refused and the attempt closes itself at its deadline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import random
from dataclasses import dataclass
from typing import Any

from flask import current_app

from ..authoring.model import SetData, SetQuestion
from ..clock import as_utc
from ..extensions import db
from ..models.assignment import Assignment
from ..models.attempt import Attempt
from ..models.classroom import Classroom, Membership
from ..models.question_set import SetVersion
from ..models.user import User
from . import attempts as attempt_service
from .question_sets import content_of


class AssignmentError(ValueError):
    """Why a student cannot start or continue (a key the view translates): not_open, closed, no_attempts_left,
    not_member."""



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

    @property
    def in_progress(self) -> Attempt | None:
        return next((a for a in self.attempts if not a.is_finished), None)

    @property
    def attempts_left(self) -> int:
        return max(0, self.assignment.max_attempts - len(self.attempts))

    @property
    def best(self) -> float | None:
        scores = [a.score for a in self.attempts if a.is_finished and a.score is not None]
        return max(scores) if scores else None


def open_assignments_for_student(user_id: int, now: dt.datetime) -> list[StudentAssignment]:
    """The student's assignments in their classes that are open now or closed recently (last 30 days)."""
    rows = db.session.execute(
        db.select(Assignment).join(Classroom).join(Membership, Membership.classroom_id == Classroom.id).where(
            Membership.user_id == user_id, Classroom.archived_at.is_(None),
            Assignment.opens_at <= now, Assignment.closes_at > now - dt.timedelta(days=30),
        ).order_by(Assignment.closes_at)
    ).scalars()
    result = []
    for assignment in rows:
        for attempt in attempts_by(assignment.id, user_id):
            close_if_overdue(attempt, now)
        result.append(StudentAssignment(assignment, attempts_by(assignment.id, user_id), is_open(assignment, now)))
    return result


# -- questions of an assignment attempt ---------------------------------------------------------------


def question_key(version_id: int, index: int, question: SetQuestion) -> str:
    """A question's id within a set version: the same for every student, so results can be compared."""
    digest = hashlib.sha1(f"{version_id}|{index}|{question.prompt_ar}|{question.prompt_en}".encode()).hexdigest()
    return f"q{index + 1}-{digest[:8]}"


def option_id(secret: str, version_id: int, question_index: int, option_index: int) -> str:
    """The same id for one option for every student, but opaque: a teacher often writes the right answer
    first, so an id that followed the set's order ("o1") would give the answer away in the page source."""
    digest = hmac.new(secret.encode(), f"{version_id}|{question_index}|{option_index}".encode(), "sha256")
    return "o" + digest.hexdigest()[:10]


def snapshot(data: SetData, version_id: int, rng: random.Random, *, shuffle_questions: bool,
             shuffle_options: bool, secret: str) -> list[dict[str, Any]]:
    """The attempt's questions in the shape the quiz pages use, shuffled for this student.

    An option has the same (opaque) id for every student whatever order they saw it in: that is what lets item
    analysis count how often each was picked.
    An ordering question is never shown in its correct order.
    """
    questions = []
    for index, question in enumerate(data.questions):
        qid = question_key(version_id, index, question)
        options = [
            {"id": option_id(secret, version_id, index, i), "text_ar": o.text_ar or o.text_en or "", "text_en": o.text_en or o.text_ar or "",
             "event_id": o.event_id, "set_index": i}
            for i, o in enumerate(question.options)
        ]
        common = {
            "id": qid, "kind": "authored", "prompt_ar": question.prompt_ar or question.prompt_en or "",
            "prompt_en": question.prompt_en or question.prompt_ar or "",
            "explanation_ar": question.explanation_ar or question.explanation_en or "",
            "explanation_en": question.explanation_en or question.explanation_ar or "",
            "sources": list(question.sources), "event_ids": list(question.event_ids),
            "subject_ids": list(question.event_ids), "difficulty": None, "set_index": index,
        }
        if question.type == "mcq":
            answer = options[question.correct or 0]["id"]
            shown = options[:]
            if shuffle_options:
                rng.shuffle(shown)
            questions.append({**common, "type": "mcq", "choices": shown, "answer": answer})
        else:
            key = [o["id"] for o in options]
            shown = options[:]
            while [o["id"] for o in shown] == key:  # at least 3 items: a different order always exists
                rng.shuffle(shown)
            questions.append({**common, "type": "ordering", "items": shown, "answer": key})
    if shuffle_questions:
        rng.shuffle(questions)
    return questions


def start_attempt(user: User, assignment: Assignment, now: dt.datetime) -> Attempt:
    """The student's attempt in progress, or a new one if the window, the attempts and membership allow."""
    if assignment_for_student(assignment.id, user.id) is None:
        raise AssignmentError("not_member")
    existing = attempts_by(assignment.id, user.id)
    for attempt in existing:
        close_if_overdue(attempt, now)
    current = next((a for a in existing if not a.is_finished), None)
    if current is not None:
        return current
    if now < as_utc(assignment.opens_at):  # type: ignore[operator]
        raise AssignmentError("not_open")
    if now >= as_utc(assignment.closes_at):  # type: ignore[operator]
        raise AssignmentError("closed")
    if len(existing) >= assignment.max_attempts:
        raise AssignmentError("no_attempts_left")
    seed = random.SystemRandom().randrange(2**31)
    data = content_of(assignment.set_version)
    questions = snapshot(data, assignment.set_version_id, random.Random(seed),
                         shuffle_questions=assignment.shuffle_questions, shuffle_options=assignment.shuffle_options,
                         secret=current_app.config["SECRET_KEY"])
    deadline = as_utc(assignment.closes_at)
    if assignment.time_limit_minutes:
        deadline = min(deadline, now + dt.timedelta(minutes=assignment.time_limit_minutes))  # type: ignore[type-var]
    attempt = Attempt(
        user_id=user.id, kind="assignment", assignment_id=assignment.id, chronology_slug="",
        settings={"assignment_id": assignment.id, "set_version_id": assignment.set_version_id}, seed=seed,
        grading_type=assignment.grading_type, questions=questions, started_at=now, shown_at=now,
        deadline_at=deadline,
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def close_if_overdue(attempt: Attempt, now: dt.datetime) -> bool:
    """Finish an attempt whose deadline has passed, at its deadline; True if it was closed now."""
    deadline = as_utc(attempt.deadline_at)
    if attempt.is_finished or deadline is None or now < deadline:
        return False
    attempt_service.finish_attempt(attempt, deadline)
    return True


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
    if policy == "after_close":
        return now >= as_utc(assignment.closes_at)  # type: ignore[operator]
    return False


def feedback_per_question(assignment: Assignment) -> bool:
    return assignment.show_answers == "immediately"
