"""The benchmark's classroom, written into the app's database through the app's own services (fast, no HTTP):
a teacher, a class of students who joined with its code, an assignment every student has started, and as
many practice attempts as the answer runs need.

Every benchmarked answer must be a new one (the app answers a repeat from what it stored), so attempts are
made ahead of each run, sized to it, and their questions handed to the request builder (pools.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
from dataclasses import dataclass
from typing import TypeVar

from quiz import create_app
from quiz.authoring.from_generated import to_set_question
from quiz.authoring.model import SetData
from quiz.clock import now
from quiz.extensions import db
from quiz.generate import QuizRequest, generate_quiz
from quiz.models import Attempt, Response, User
from quiz.models import Classroom as ClassroomRow
from quiz.services import accounts, assignments, classes, question_sets
from quiz.services import attempts as attempt_service
from quiz.services.chronologies import get_chronology
from quiz.services.transactions import begin_write

Row = TypeVar("Row")

QUESTIONS_PER_ATTEMPT = 10  # the practice default and a typical assignment
BATCH = 100  # attempts per commit: short write transactions, the server may be running


@dataclass(frozen=True)
class Student:
    user_id: int
    resume_code: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # "mcq" | "ordering"
    options: tuple[str, ...]  # choice ids, or item ids in the order shown


@dataclass(frozen=True)
class AttemptRef:
    id: int
    student: int  # index into the class's students
    questions: tuple[Question, ...]


def _questions(attempt: Attempt) -> tuple[Question, ...]:
    return tuple(
        Question(q["id"], q["type"], tuple(o["id"] for o in (q["choices"] if q["type"] == "mcq" else q["items"])))
        for q in attempt.questions
    )


def _row(model: type[Row], key: int | None) -> Row:
    row = db.session.get(model, key)
    if row is None:
        raise LookupError(f"no {model.__name__} {key}")
    return row


class Classroom:
    def __init__(self, database_url: str, secret_key: str):
        # The same database and secret as the served app (assignment option ids are keyed with the secret).
        self.app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secret_key})
        self.slug = self.app.config["DEFAULT_CHRONOLOGY"]
        self.students: list[Student] = []
        self._seeds = itertools.count(10_000)
        self._next_student = itertools.count()
        self._class_id: int | None = None
        self._teacher_id: int | None = None

    def run_command(self, args: list[str]) -> str:
        """A `flask --app quiz …` command, here (e.g. `setup`); its output, or RuntimeError when it fails."""
        result = self.app.test_cli_runner().invoke(args=args)
        if result.exit_code != 0:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.output[-3000:]}") from result.exception
        return result.output

    def enrol(self, count: int) -> list[Student]:
        """A teacher's class, and `count` students who joined it with its code (no passwords: as in a lesson)."""
        with self.app.app_context():
            teacher = accounts.create_user(f"bench-{secrets.token_hex(4)}", secrets.token_urlsafe(16),
                                           "معلّم القياس", role="teacher")
            classroom = classes.create_class(teacher, "صف القياس", now())
            for n in range(count):
                membership, code = classes.join_class(classroom.join_code, f"طالب {n + 1}", now())
                self.students.append(Student(membership.user_id, code or ""))
            db.session.commit()
            self._class_id = classroom.id
            self._teacher_id = teacher.id
        return self.students

    def start_assignment(self) -> list[AttemptRef]:
        """An open assignment of 10 generated questions (60-minute limit, feedback after each answer, the
        demo's settings), started by every student: the attempts a class burst answers."""
        with self.app.app_context():
            teacher = _row(User, self._teacher_id)
            generated = generate_quiz(get_chronology(self.slug), QuizRequest(count=QUESTIONS_PER_ATTEMPT, seed=7))
            question_set = question_sets.create_set(teacher, SetData(
                title="واجب القياس", language="both", description="",
                questions=tuple(to_set_question(q) for q in generated)), now())
            start = now()
            assignment = assignments.create_assignment(
                _row(ClassroomRow, self._class_id), question_set.latest, assignments.AssignmentSettings(
                    title="واجب القياس", opens_at=start - dt.timedelta(hours=1),
                    closes_at=start + dt.timedelta(days=1), time_limit_minutes=60), start)
            refs = []
            for index, student in enumerate(self.students):
                attempt = assignments.start_attempt(_row(User, student.user_id), assignment, now())
                refs.append(AttemptRef(attempt.id, index, _questions(attempt)))
            db.session.commit()
        return refs

    def start_practice(self, count: int) -> list[AttemptRef]:
        """`count` new 10-question practice attempts (the default classroom mix), handed out to the students in
        turn, each with its own seed: what POST /practice makes."""
        refs = []
        with self.app.app_context():
            chronology = get_chronology(self.slug)
            for first in range(0, count, BATCH):
                begin_write()  # the servers are answering meanwhile: take SQLite's write lock before reading
                for _ in range(min(BATCH, count - first)):
                    index = next(self._next_student) % len(self.students)
                    user = _row(User, self.students[index].user_id)
                    attempt = attempt_service.start_attempt(
                        user, chronology, self.slug, attempt_service.QuizSettings(count=QUESTIONS_PER_ATTEMPT),
                        next(self._seeds), now())
                    refs.append(AttemptRef(attempt.id, index, _questions(attempt)))
                db.session.commit()
        return refs

    def count_answers(self) -> int:
        with self.app.app_context():
            return int(db.session.scalar(db.select(db.func.count()).select_from(Response)) or 0)

    def close(self) -> None:
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()
