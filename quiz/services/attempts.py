"""Taking a quiz: start an attempt, record each answer as it is given, finish and score.

Two stores share one set of rules:
- `Attempt` rows for learners with an account: every answer is written the moment it is given, unique per
  (attempt, question), so a closed tab loses nothing and a double-click or a retry never counts twice;
- `SessionQuiz` for visitors without an account: the questions are regenerated from the seed (generation is
  deterministic), the answers live in the signed session cookie, and nothing reaches the database.

Scores are computed here, on the server, from the stored question snapshot; the browser only sends choices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Mapping, MutableMapping, Protocol

from sqlalchemy.exc import IntegrityError

from ..chronology.model import Chronology
from ..clock import as_utc
from ..extensions import db
from ..generate import QuizRequest, generate_quiz
from ..models.attempt import Attempt, Response
from ..models.user import User
from ..scoring import GradingType, InvalidAnswer, grade_choice, grade_ordering

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


@dataclass(frozen=True)
class Outcome:
    """How one answer was scored."""

    points: float
    max_points: float
    correct: bool
    per_item: tuple[Any, ...] = ()

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


def build_questions(chronology: Chronology, settings: QuizSettings, seed: int) -> list[dict[str, Any]]:
    """The quiz's questions as stored snapshots (the JSON contract plus the events each is about)."""
    request = QuizRequest(
        count=settings.count, seed=seed, kinds=settings.kinds or None, eras=settings.eras or None,
        year_from=settings.year_from, year_to=settings.year_to, difficulty=settings.difficulty,
        event_ids=settings.event_ids or None,
    )
    snapshots = []
    for question in generate_quiz(chronology, request):
        snapshot = question.to_contract()
        snapshot["subject_ids"] = list(question.subject_ids or question.event_ids)
        snapshots.append(snapshot)
    return snapshots


def score_answer(question: Mapping[str, Any], answer: Any, grading_type: str) -> Outcome:
    """Validate an answer against its question and score it; InvalidAnswer says what is wrong."""
    if question["type"] == "mcq":
        if not isinstance(answer, str):
            raise InvalidAnswer("choose one option")
        grade = grade_choice(question["answer"], answer, [c["id"] for c in question["choices"]])
    else:
        if not isinstance(answer, (list, tuple)) or not all(isinstance(a, str) for a in answer):
            raise InvalidAnswer("give an order of the items")
        grade = grade_ordering(question["answer"], list(answer), grading_type)
    return Outcome(points=float(grade.points), max_points=float(grade.maximum),
                   correct=grade.fraction >= 1.0, per_item=tuple(grade.per_item))


def parse_ordering_positions(question: Mapping[str, Any], form: Mapping[str, str]) -> list[str]:
    """The order a learner gave with position selects ("pos-<item id>" = 1..n), as item ids.

    This is the path that works without JavaScript; the script keeps the same selects in step with drag and
    drop and the move buttons, so one parser serves both.
    """
    items = [item["id"] for item in question["items"]]
    positions: dict[int, str] = {}
    for item_id in items:
        raw = form.get(f"pos-{item_id}", "")
        if not raw.isdigit() or not 1 <= int(raw) <= len(items):
            raise InvalidAnswer("every item needs a position")
        position = int(raw)
        if position in positions:
            raise InvalidAnswer("two items cannot share a position")
        positions[position] = item_id
    return [positions[p] for p in sorted(positions)]



def _time_spent_ms(shown_at: dt.datetime | None, now: dt.datetime) -> int:
    if shown_at is None:
        return 0
    spent = now - as_utc(shown_at)  # type: ignore[operator]
    spent = max(dt.timedelta(0), min(spent, MAX_COUNTED_TIME))
    return int(spent.total_seconds() * 1000)


# -- the common view of a quiz in progress -----------------------------------------------------------


class QuizState(Protocol):
    questions: list[dict[str, Any]]
    grading_type: str

    def answer_of(self, question_id: str) -> Any | None: ...
    def outcome_of(self, question_id: str) -> Outcome | None: ...


def next_unanswered(state: QuizState) -> int | None:
    for index, question in enumerate(state.questions):
        if state.answer_of(question["id"]) is None:
            return index
    return None


def question_index(state: QuizState, question_id: str) -> int | None:
    for index, question in enumerate(state.questions):
        if question["id"] == question_id:
            return index
    return None


def total_score(state: QuizState) -> tuple[float, int]:
    """(mean fraction over all questions, number answered); an unanswered question counts 0."""
    fractions = []
    answered = 0
    for question in state.questions:
        outcome = state.outcome_of(question["id"])
        if outcome is not None:
            answered += 1
        fractions.append(outcome.fraction if outcome else 0.0)
    return (sum(fractions) / len(fractions) if fractions else 0.0), answered


# -- stored attempts (learners with an account) ------------------------------------------------------


class StoredQuiz:
    """An `Attempt` row seen through the QuizState interface."""

    def __init__(self, attempt: Attempt):
        self.attempt = attempt
        self.questions = attempt.questions
        self.grading_type = attempt.grading_type
        self._responses = {r.question_id: r for r in attempt.responses}

    def answer_of(self, question_id: str) -> Any | None:
        response = self._responses.get(question_id)
        return response.answer if response else None

    def outcome_of(self, question_id: str) -> Outcome | None:
        response = self._responses.get(question_id)
        if response is None:
            return None
        question = self.questions[response.question_index]
        # Per-item feedback is recomputed from the stored answer: it is derived, not stored.
        return score_answer(question, response.answer, self.grading_type) if question else None

    def response_of(self, question_id: str) -> Response | None:
        return self._responses.get(question_id)


def start_attempt(
    user: User, chronology: Chronology, chronology_slug: str, settings: QuizSettings, seed: int,
    now: dt.datetime, *, kind: str = "practice",
) -> Attempt:
    """A new attempt with its questions fixed now. NotEnoughEvents propagates (the filters are too narrow)."""
    questions = build_questions(chronology, settings, seed)
    attempt = Attempt(
        user_id=user.id, kind=kind, chronology_slug=chronology_slug, settings=settings.to_json(), seed=seed,
        grading_type=settings.grading_type, questions=questions, started_at=now, shown_at=now,
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def record_answer(attempt: Attempt, question_id: str, answer: Any, now: dt.datetime) -> tuple[Response, bool]:
    """Store an answer once; returns (response, created). A repeat of the same question returns the first.

    Raises InvalidAnswer for an answer that does not fit the question, and LookupError for a question that
    is not in this attempt. A finished attempt accepts nothing new.
    """
    index = next((i for i, q in enumerate(attempt.questions) if q["id"] == question_id), None)
    if index is None:
        raise LookupError(question_id)
    existing = db.session.execute(
        db.select(Response).filter_by(attempt_id=attempt.id, question_id=question_id)
    ).scalar_one_or_none()
    if existing is not None:
        return existing, False
    if attempt.finished_at is not None:
        raise InvalidAnswer("this attempt is finished")
    outcome = score_answer(attempt.questions[index], answer, attempt.grading_type)
    response = Response(
        attempt_id=attempt.id, question_id=question_id, question_index=index,
        answer=list(answer) if isinstance(answer, (list, tuple)) else answer,
        points=outcome.points, max_points=outcome.max_points, correct=outcome.correct,
        time_spent_ms=_time_spent_ms(attempt.shown_at, now), answered_at=now,
    )
    # A savepoint: when two requests race (a double-click reaching two workers), the unique constraint
    # stops the second insert, and only that insert is undone.
    try:
        with db.session.begin_nested():
            db.session.add(response)
    except IntegrityError:
        winner = db.session.execute(
            db.select(Response).filter_by(attempt_id=attempt.id, question_id=question_id)
        ).scalar_one()
        return winner, False
    attempt.shown_at = now
    db.session.flush()
    db.session.refresh(attempt, ["responses"])
    return response, True


def mark_shown(attempt: Attempt, now: dt.datetime) -> None:
    """Start the clock for the question now on screen, unless it is already running."""
    if attempt.shown_at is None:
        attempt.shown_at = now


def finish_attempt(attempt: Attempt, now: dt.datetime) -> Attempt:
    """Close the attempt and store its score; finishing twice changes nothing."""
    if attempt.finished_at is None:
        score, _ = total_score(StoredQuiz(attempt))
        attempt.score = round(score, 6)
        attempt.finished_at = now
        db.session.flush()
    return attempt


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


@dataclass
class SessionQuiz:
    """A quiz for a visitor without an account, kept in the signed session cookie.

    Only the settings, the seed and the answers are kept (a few hundred bytes): the questions are rebuilt
    from the seed on each request, which generation's determinism makes exact.
    """

    settings: QuizSettings
    seed: int
    chronology_slug: str
    answers: dict[str, Any] = field(default_factory=dict)
    finished: bool = False
    questions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def grading_type(self) -> str:
        return self.settings.grading_type

    def answer_of(self, question_id: str) -> Any | None:
        return self.answers.get(question_id)

    def outcome_of(self, question_id: str) -> Outcome | None:
        answer = self.answers.get(question_id)
        if answer is None:
            return None
        index = question_index(self, question_id)
        return score_answer(self.questions[index], answer, self.grading_type) if index is not None else None

    def record(self, question_id: str, answer: Any) -> bool:
        """Store an answer unless the question was answered already; True when it was new."""
        index = question_index(self, question_id)
        if index is None:
            raise LookupError(question_id)
        if question_id in self.answers:
            return False
        if self.finished:
            raise InvalidAnswer("this quiz is finished")
        score_answer(self.questions[index], answer, self.grading_type)  # validates
        self.answers[question_id] = list(answer) if isinstance(answer, (list, tuple)) else answer
        return True

    # -- session storage -----------------------------------------------------------------------------
    @classmethod
    def start(cls, chronology: Chronology, slug: str, settings: QuizSettings, seed: int) -> "SessionQuiz":
        return cls(settings=settings, seed=seed, chronology_slug=slug,
                   questions=build_questions(chronology, settings, seed))

    @classmethod
    def load(cls, session: Mapping[str, Any], chronology_for: Any) -> "SessionQuiz | None":
        data = session.get(SESSION_KEY)
        if not isinstance(data, dict):
            return None
        try:
            settings = QuizSettings.from_json(data["settings"])
            quiz = cls(settings=settings, seed=int(data["seed"]), chronology_slug=str(data["slug"]),
                       answers=dict(data.get("answers") or {}), finished=bool(data.get("finished")))
            quiz.questions = build_questions(chronology_for(quiz.chronology_slug), settings, quiz.seed)
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


def event_outcomes(state: QuizState) -> Iterable[tuple[str, bool]]:
    """(event id, answered right) for every answered question's subject events: what spaced review learns."""
    for question in state.questions:
        outcome = state.outcome_of(question["id"])
        if outcome is None:
            continue
        for event_id in question.get("subject_ids") or question["event_ids"]:
            yield event_id, outcome.correct
