"""Demo data, so a newcomer sees a populated dashboard at once: a teacher, a class with students, a set
generated from the chronology, an assignment with some finished attempts, and a learner with history.

Idempotent: when the demo teacher exists, nothing is added. Answers are chosen by a seeded generator, so the
demo looks the same on every machine.

The demo's passwords are published (README, "Demo logins"), so demo data is never loaded unless asked for
(`flask setup --demo`, `flask demo`, `make run`), and a database that holds it is marked as a demo install
(models.install.DemoInstall): every page then says so, and a real school's install never does.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..authoring.from_generated import to_set_question
from ..authoring.model import SetData
from ..extensions import db
from ..generate import QuizRequest, generate_quiz
from ..models.install import DemoInstall
from ..scoring.answer_types import answer_type
from ..scoring.served import ServedQuestion
from . import accounts, answering, assignments, attempts, classes, question_sets
from .chronologies import get_chronology
from .transactions import insert_once

TEACHER = ("teacher", "chronoquiz-teacher", "الأستاذة سلمى")
LEARNER = ("learner", "chronoquiz-learner", "يوسف")
STUDENTS = ("ليلى", "عمر", "زينب", "كريم", "نور")


@dataclass(frozen=True)
class DemoLogins:
    created: bool
    teacher: tuple[str, str]
    learner: tuple[str, str]
    class_code: str | None
    student_codes: list[tuple[str, str]]


def _wrong_answer(question: ServedQuestion, rng: random.Random) -> str | list[str]:
    """A plausible mistake: another option, or the key with two neighbours swapped."""
    if isinstance(question.key, str):
        return rng.choice([o.id for o in question.options if o.id != question.key])
    answer = list(question.key)
    i = rng.randrange(len(answer) - 1)
    answer[i], answer[i + 1] = answer[i + 1], answer[i]
    return answer


def _answer_all(attempt, rng: random.Random, skill: float, now: dt.datetime) -> None:
    """Answer every question through the one answer path (so spaced review learns too): right with
    probability `skill`, otherwise a plausible mistake."""
    store = answering.AttemptStore(attempt)
    for question in store.questions:
        answer = question.key if rng.random() < skill else _wrong_answer(question, rng)
        now += dt.timedelta(seconds=rng.randint(8, 40))
        fields = answer_type(question.type).form_fields(question, answer)
        answering.submit_answer(store, question.id, fields, now)


def is_demo_install() -> bool:
    """Whether demo data, with its published passwords, was ever loaded into this database."""
    return db.session.get(DemoInstall, 1) is not None


def mark_demo_install(now: dt.datetime) -> None:
    """Mark this database as a demo install (once: a second call, or a concurrent one, changes nothing)."""
    insert_once(DemoInstall.__table__, {"id": 1, "loaded_at": now}, ["id"])


def load_demo(slug: str, now: dt.datetime) -> DemoLogins:
    """The demo data (unless the demo teacher exists), and the mark that makes every page say this is a demo."""
    mark_demo_install(now)
    if accounts.find_user(TEACHER[0]) is not None:
        return DemoLogins(False, TEACHER[:2], LEARNER[:2], None, [])
    rng = random.Random(2003)
    chronology = get_chronology(slug)
    teacher = accounts.create_user(TEACHER[0], TEACHER[1], TEACHER[2], role="teacher")
    learner = accounts.create_user(LEARNER[0], LEARNER[1], LEARNER[2])

    generated = generate_quiz(chronology, QuizRequest(count=8, seed=11, eras=("war-on-isis",)))
    question_set = question_sets.create_set(teacher, SetData(
        title="الحرب على داعش 2014–2017", language="both",
        description="أسئلة مولَّدة من التسلسل الزمني، راجعتها المعلمة.",
        questions=tuple(to_set_question(q) for q in generated)), now - dt.timedelta(days=10))
    question_set.shared = True

    classroom = classes.create_class(teacher, "الصف العاشر - أ", now - dt.timedelta(days=10))
    codes = []
    members = []
    for name in STUDENTS:
        membership, code = classes.join_class(classroom.join_code, name, now - dt.timedelta(days=9))
        members.append(membership)
        codes.append((name, code or ""))
    assignment = assignments.create_assignment(classroom, question_set.latest, assignments.AssignmentSettings(
        title="واجب: الحرب على داعش", opens_at=now - dt.timedelta(days=7), closes_at=now + dt.timedelta(days=7),
        time_limit_minutes=20, max_attempts=2, show_answers="after_submit"), now - dt.timedelta(days=7))
    for membership, skill in zip(members[:4], (0.9, 0.7, 0.5, 0.3)):
        start = now - dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
        attempt = assignments.start_attempt(membership.user, assignment, start)
        _answer_all(attempt, rng, skill, start)

    for days_ago, skill in ((20, 0.4), (12, 0.55), (5, 0.7), (1, 0.85)):
        start = now - dt.timedelta(days=days_ago)
        settings = attempts.QuizSettings(count=5)
        attempt = attempts.start_attempt(learner, chronology, slug, settings, 100 + days_ago, start)
        _answer_all(attempt, rng, skill, start)
    db.session.flush()
    return DemoLogins(True, TEACHER[:2], LEARNER[:2], classroom.join_code, codes)
