"""Quizzes in progress: start an attempt, look at it, finish it. Answers go through quiz/services/answering.py.

Two stores share one set of rules:
- `Attempt` rows for learners with an account: every answer is written the moment it is given, unique per
  (attempt, question), so a closed tab loses nothing and a double-click or a retry never counts twice;
- `SessionQuiz` for visitors without an account: the questions are regenerated from the seed (generation is
  deterministic), the answers live in the signed session cookie, and nothing reaches the database.

Scores are computed on the server, from the stored served questions; the browser only sends choices.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Mapping, MutableMapping, Protocol, Sequence

from sqlalchemy import bindparam

from ..authoring.serve import serve_all_generated, serve_generated
from ..chronology.model import Chronology
from ..clock import as_utc
from ..extensions import db
from ..generate import QuizRequest, generate_quiz
from ..models.attempt import Attempt, Response
from ..models.user import User
from ..scoring import GradingType
from ..scoring.accommodations import fewer_options
from ..scoring.answer_types import Outcome, grade
from ..scoring.served import ServedQuestion, ServedQuestions, index_of, question_ids
from . import accommodations
from .transactions import insert_once

DEFAULT_GRADING = GradingType.RELATIVE_ALL_PREVIOUS_AND_NEXT.value
MAX_QUESTIONS = 30
# An answer may take long (a learner thinks, or leaves the tab); longer than this is not "time spent".
MAX_COUNTED_TIME = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class QuizSettings:
    """What a learner asked for. Stored with the attempt; also all an anonymous quiz keeps besides answers."""

    count: int = 10
    eras: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    difficulty: str | None = None  # easy | medium | hard | None (a mix)
    year_from: int | None = None
    year_to: int | None = None
    grading_type: str = DEFAULT_GRADING
    event_ids: tuple[str, ...] = ()  # a review session: only these events

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "QuizSettings":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("eras", "kinds", "event_ids"):
            known[key] = tuple(known.get(key) or ())
        return cls(**known)


def build_questions(chronology: Chronology, settings: QuizSettings, seed: int,
                    max_options: int | None = None) -> list[ServedQuestion]:
    """The quiz's questions as served, in the order asked; with at most `max_options` options each (an
    accommodation), keeping the distractors the generator ranked best."""
    request = QuizRequest(
        count=settings.count, seed=seed, kinds=settings.kinds or None, eras=settings.eras or None,
        year_from=settings.year_from, year_to=settings.year_to, difficulty=settings.difficulty,
        event_ids=settings.event_ids or None,
    )
    generated = generate_quiz(chronology, request)
    if max_options is None:
        return serve_all_generated(generated)
    return [fewer_options(serve_generated(q), max_options, str(seed), ranked=q.distractor_rank) for q in generated]


# -- the common view of a quiz in progress -----------------------------------------------------------


class QuizState(Protocol):
    questions: Sequence[ServedQuestion]
    grading_type: str

    def answer_of(self, question_id: str) -> Any | None: ...
    def outcome_of(self, question_id: str) -> Outcome | None: ...


def next_unanswered(state: QuizState) -> int | None:
    for index, question_id in enumerate(question_ids(state.questions)):
        if state.answer_of(question_id) is None:
            return index
    return None


def question_index(questions: Sequence[ServedQuestion], question_id: str) -> int | None:
    return index_of(questions, question_id)


def total_score(state: QuizState) -> tuple[float, int]:
    """(mean fraction over all questions, number answered); an unanswered question counts 0."""
    fractions = []
    answered = 0
    for question in state.questions:
        outcome = state.outcome_of(question.id)
        if outcome is not None:
            answered += 1
        fractions.append(outcome.fraction if outcome else 0.0)
    return (sum(fractions) / len(fractions) if fractions else 0.0), answered


# -- stored attempts (learners with an account) ------------------------------------------------------


def served_questions(attempt: Attempt) -> ServedQuestions:
    return ServedQuestions(attempt.questions)


@dataclass(frozen=True)
class GivenAnswer:
    """A stored response as the answer path reads it: the columns, without an ORM object's upkeep."""

    question_id: str
    question_index: int
    answer: Any
    points: float
    max_points: float
    time_spent_ms: int
    answered_at: dt.datetime

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


_GIVEN = db.select(Response.question_id, Response.question_index, Response.answer, Response.points,
                   Response.max_points, Response.time_spent_ms, Response.answered_at,
                   ).where(Response.attempt_id == bindparam("attempt_id"))


def given_answers(attempt_id: int) -> list[GivenAnswer]:
    return [GivenAnswer(*row) for row in db.session.execute(_GIVEN, {"attempt_id": attempt_id})]


class StoredQuiz:
    """An `Attempt` row seen through the QuizState interface."""

    def __init__(self, attempt: Attempt, responses: Iterable[Response | GivenAnswer] | None = None):
        self.attempt = attempt
        self.questions = served_questions(attempt)
        self.grading_type = attempt.grading_type
        self._responses = {r.question_id: r for r in (attempt.responses if responses is None else responses)}

    def answer_of(self, question_id: str) -> Any | None:
        response = self._responses.get(question_id)
        return response.answer if response else None

    def outcome_of(self, question_id: str) -> Outcome | None:
        response = self._responses.get(question_id)
        if response is None:
            return None
        # Per-item feedback is recomputed from the stored answer: it is derived, not stored.
        return grade(self.questions[response.question_index], response.answer, self.grading_type)

    def response_of(self, question_id: str) -> Response | GivenAnswer | None:
        return self._responses.get(question_id)


def start_attempt(
    user: User, chronology: Chronology, chronology_slug: str, settings: QuizSettings, seed: int,
    now: dt.datetime, *, kind: str = "practice", start_key: str | None = None,
) -> Attempt:
    """A new attempt with its questions fixed now; the one already made when `start_key` was seen before (a
    double-click on "Start"). NotEnoughEvents propagates (the filters are too narrow). A student whose class
    gives them fewer options gets them here too (fixed into the stored questions, which scoring reads)."""
    if start_key is not None:
        earlier = attempt_by_start_key(user.id, start_key)
        if earlier is not None:
            return earlier
    accommodation = accommodations.self_study(user.id)
    questions = build_questions(chronology, settings, seed, accommodation.max_options if accommodation else None)
    return insert_attempt(dict(
        user_id=user.id, kind=kind, chronology_slug=chronology_slug, settings=settings.to_json(), seed=seed,
        grading_type=settings.grading_type, questions=[q.to_json() for q in questions], started_at=now,
        shown_at=now, start_key=start_key,
    ))


def insert_attempt(values: dict[str, Any]) -> Attempt:
    """Insert an attempt, or find the one with the same start key that a concurrent request inserted first."""
    if values.get("start_key") is None:
        attempt = Attempt(**values)
        db.session.add(attempt)
        db.session.flush()
        return attempt
    insert_once(Attempt.__table__, values, unique=("user_id", "start_key"))
    attempt = attempt_by_start_key(values["user_id"], values["start_key"])
    assert attempt is not None  # inserted now, or by the request it raced with
    return attempt


def attempt_by_start_key(user_id: int, start_key: str) -> Attempt | None:
    return db.session.execute(
        db.select(Attempt).filter_by(user_id=user_id, start_key=start_key)
    ).scalar_one_or_none()


def time_spent_ms(shown_at: dt.datetime | None, now: dt.datetime) -> int:
    """How long the question was on screen; longer than MAX_COUNTED_TIME is not "time spent" but a left tab."""
    if shown_at is None:
        return 0
    spent = now - as_utc(shown_at)  # type: ignore[operator]
    spent = max(dt.timedelta(0), min(spent, MAX_COUNTED_TIME))
    return int(spent.total_seconds() * 1000)


def finish_attempt(attempt: Attempt, now: dt.datetime,
                   responses: Iterable[Response | GivenAnswer] | None = None) -> Attempt:
    """Close the attempt and store its score (the mean of the stored answers' fractions, unanswered 0);
    finishing twice changes nothing. Callers that may race with an answer hold the attempt's lock."""
    if attempt.finished_at is None:
        attempt.score = score_of(attempt.responses if responses is None else responses, len(attempt.questions))
        attempt.finished_at = now
    return attempt


def score_of(responses: Iterable[Response | GivenAnswer], question_count: int) -> float:
    """An attempt's score: the mean of its answers' fractions over all its questions (unanswered count 0)."""
    return round(sum(r.fraction for r in responses) / question_count, 6) if question_count else 0.0


def overdue_at(attempt: Any, now: dt.datetime) -> dt.datetime | None:
    """The deadline of an unfinished attempt whose time is up (it closes at that moment); None otherwise.
    `attempt` is an Attempt or a row with its columns."""
    deadline = as_utc(attempt.deadline_at)
    if attempt.finished_at is not None or deadline is None or now < deadline:
        return None
    return deadline


def ended_by_time(attempt: Any) -> bool:
    """Whether the attempt was closed by its deadline (its time limit, or the assignment's closing), not by its
    last answer or by "Stop here" before it. `attempt` is an Attempt or a row with its columns."""
    deadline, finished = as_utc(attempt.deadline_at), as_utc(attempt.finished_at)
    return deadline is not None and finished is not None and finished >= deadline


def close_if_overdue(attempt: Attempt, now: dt.datetime) -> bool:
    """Finish an attempt whose deadline has passed, at its deadline; True if it was closed now."""
    deadline = overdue_at(attempt, now)
    if deadline is not None:
        finish_attempt(attempt, deadline)
    return deadline is not None


def attempt_for_user(attempt_id: int, user_id: int) -> Attempt | None:
    return db.session.execute(
        db.select(Attempt).filter_by(id=attempt_id, user_id=user_id)
    ).scalar_one_or_none()


def unfinished_attempt(user_id: int) -> Attempt | None:
    """The learner's latest attempt still in progress, to offer "continue where you left off"."""
    return db.session.execute(
        db.select(Attempt).filter_by(user_id=user_id, finished_at=None).order_by(Attempt.started_at.desc()).limit(1)
    ).scalar_one_or_none()


def attempts_of(user_id: int) -> list[Attempt]:
    return list(db.session.execute(
        db.select(Attempt).filter_by(user_id=user_id).order_by(Attempt.started_at.desc())
    ).scalars())


# -- anonymous quizzes (no account: nothing saved) ---------------------------------------------------

SESSION_KEY = "anon_quiz"


def private_seed(public_seed: int, secret: str) -> int:
    """The seed questions are generated from, derived from the one kept in the cookie with the server's secret.

    The session cookie is signed, not encrypted: anyone can read it. Were the generation seed in it, the key
    could be rebuilt by running the (open-source) generator; without the secret, it cannot.
    """
    digest = hmac.new(secret.encode(), f"anon-quiz|{public_seed}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


@dataclass
class SessionQuiz:
    """A quiz for a visitor without an account, kept in the signed session cookie.

    Only the settings, the public seed and the answers are kept (a few hundred bytes): the questions are
    rebuilt on each request, which generation's determinism makes exact. It is an answer store
    (quiz/services/answering.py) like a stored attempt, so both follow the same rules.
    """

    withdrawn = False  # nobody can take a visitor's own practice away

    settings: QuizSettings
    seed: int  # public: the generation seed is private_seed(seed, secret)
    chronology_slug: str
    answers: dict[str, Any] = field(default_factory=dict)
    finished: bool = False
    questions: list[ServedQuestion] = field(default_factory=list)

    @property
    def grading_type(self) -> str:
        return self.settings.grading_type

    def answer_of(self, question_id: str) -> Any | None:
        return self.answers.get(question_id)

    def outcome_of(self, question_id: str) -> Outcome | None:
        answer = self.answers.get(question_id)
        index = question_index(self.questions, question_id)
        if answer is None or index is None:
            return None
        return grade(self.questions[index], answer, self.grading_type)

    # -- the answer store --------------------------------------------------------------------------
    @property
    def is_finished(self) -> bool:
        return self.finished

    def close_if_overdue(self, now: dt.datetime) -> bool:
        return False  # practice has no time limit

    def recorded(self, question_id: str) -> Outcome | None:
        return self.outcome_of(question_id)

    def record(self, index: int, question: ServedQuestion, answer: Any, outcome: Outcome, now: dt.datetime) -> bool:
        self.answers[question.id] = answer
        return True

    def answered(self) -> int:
        return len(self.answers)

    def learn(self, question: ServedQuestion, outcome: Outcome, now: dt.datetime) -> None:
        pass  # nothing is remembered about a visitor

    def finish(self, now: dt.datetime) -> None:
        self.finished = True

    # -- session storage -----------------------------------------------------------------------------
    @classmethod
    def start(cls, chronology: Chronology, slug: str, settings: QuizSettings, seed: int, secret: str) -> SessionQuiz:
        return cls(settings=settings, seed=seed, chronology_slug=slug,
                   questions=build_questions(chronology, settings, private_seed(seed, secret)))

    @classmethod
    def load(cls, session: Mapping[str, Any], chronology_for: Any, secret: str) -> SessionQuiz | None:
        data = session.get(SESSION_KEY)
        if not isinstance(data, dict):
            return None
        try:
            settings = QuizSettings.from_json(data["settings"])
            quiz = cls(settings=settings, seed=int(data["seed"]), chronology_slug=str(data["slug"]),
                       answers=dict(data.get("answers") or {}), finished=bool(data.get("finished")))
            quiz.questions = build_questions(chronology_for(quiz.chronology_slug), settings,
                                             private_seed(quiz.seed, secret))
        except Exception:  # a cookie from an older version or a chronology since changed: start afresh
            return None
        return quiz

    def save(self, session: MutableMapping[str, Any]) -> None:
        session[SESSION_KEY] = {"settings": self.settings.to_json(), "seed": self.seed,
                                "slug": self.chronology_slug, "answers": self.answers,
                                "finished": self.finished}

    @staticmethod
    def discard(session: MutableMapping[str, Any]) -> None:
        session.pop(SESSION_KEY, None)
