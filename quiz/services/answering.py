"""The one answer path: every answer, from every entry point, goes through `submit_answer`.

Stored attempts (practice, review, assignments), anonymous practice, the demo loader and live lessons all hand
it an *answer store* and the submitted form fields. It closes an overdue attempt, finds the question, lets the
question's answer type parse and grade the answer, records it once, feeds spaced review, and finishes the
attempt after its last question. The rules live here once; a store only says where answers are kept.

Concurrency: a stored attempt is read locked (`open_attempt`), so two answers, or an answer and "finish", run
one after the other; the response's unique key makes a retry of the same question count once. The caller
commits once at the end of the request, and rolls back on any exception: no half-done answer is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping, Protocol, Sequence

from sqlalchemy import and_, bindparam, exists
from sqlalchemy.orm.attributes import set_committed_value

from ..clock import as_utc
from ..extensions import db
from ..models.assignment import Assignment
from ..models.attempt import Attempt, Response
from ..models.classroom import Membership
from ..scoring.answer_types import Outcome, answer_type
from ..scoring.served import ServedQuestion
from . import reviews
from .attempts import (
    GivenAnswer,
    StoredQuiz,
    given_answers,
    overdue_at,
    question_index,
    score_of,
    time_spent_ms,
)
from .transactions import begin_write, insert_once


class AnswerRefused(Exception):
    """An answer that cannot be taken, whatever it says. `code`: unknown_question, finished, time_up,
    withdrawn (an assignment's attempt after the teacher deleted the assignment or removed the student)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Submitted:
    index: int  # the question's place in the quiz
    outcome: Outcome
    created: bool  # False: the question had been answered before (a retry); the first answer stands
    finished: bool  # the quiz is finished now


class AnswerStore(Protocol):
    """Where one quiz's answers are kept (a stored attempt, a session cookie, a live game's player)."""

    grading_type: str
    withdrawn: bool  # the quiz was taken away from the learner (AnswerRefused "withdrawn")

    @property
    def questions(self) -> Sequence[ServedQuestion]: ...  # read-only: a store may keep its own Sequence type
    @property
    def is_finished(self) -> bool: ...
    def close_if_overdue(self, now: dt.datetime) -> bool: ...
    def recorded(self, question_id: str) -> Outcome | None: ...
    def record(self, index: int, question: ServedQuestion, answer: Any, outcome: Outcome,
               now: dt.datetime) -> bool: ...
    def answered(self) -> int: ...
    def learn(self, question: ServedQuestion, outcome: Outcome, now: dt.datetime) -> None: ...
    def finish(self, now: dt.datetime) -> None: ...


def submit_answer(store: AnswerStore, question_id: str, fields: Mapping[str, str], now: dt.datetime) -> Submitted:
    """Take one answer. Raises AnswerRefused (nothing stored) or InvalidAnswer (not an answer to the question)."""
    index = question_index(store.questions, question_id)
    if index is None:
        raise AnswerRefused("unknown_question")
    question = store.questions[index]
    timed_out = store.close_if_overdue(now)
    earlier = store.recorded(question_id)
    if earlier is not None:
        return Submitted(index, earlier, created=False, finished=store.is_finished)
    if store.withdrawn:
        raise AnswerRefused("withdrawn")
    if store.is_finished:
        raise AnswerRefused("time_up" if timed_out else "finished")
    kind = answer_type(question.type)
    answer = kind.parse_form(question, fields)
    outcome = kind.grade(question, answer, store.grading_type)
    if not store.record(index, question, answer, outcome, now):
        # Another request recorded this question first (possible only where the store holds no lock).
        return Submitted(index, store.recorded(question_id) or outcome, created=False, finished=store.is_finished)
    store.learn(question, outcome, now)
    finished = store.answered() >= len(store.questions)
    if finished:
        store.finish(now)
    return Submitted(index, outcome, created=True, finished=finished)


class AttemptStore(StoredQuiz):
    """A stored attempt as an answer store (and as a quiz state, for the pages). Open it with `open_attempt`
    in a request that will write.

    `attempt` is the row as `open_attempt` read it (its columns, not an ORM object: this runs on every answer,
    and the ORM's bookkeeping cost more than the statements), or an `Attempt` object (the demo loader).
    Changes are written with plain statements either way.
    """

    def __init__(self, attempt: Any):
        super().__init__(attempt, given_answers(attempt.id))
        self._finished_at: dt.datetime | None = attempt.finished_at
        # Read with the attempt (`_WITHDRAWN`); an ORM Attempt (the demo loader) is never withdrawn.
        self.withdrawn = bool(getattr(attempt, "withdrawn", False))

    @property
    def is_finished(self) -> bool:
        return self._finished_at is not None

    def close_if_overdue(self, now: dt.datetime) -> bool:
        """Finish at its deadline an attempt whose time is up; True if it was closed now."""
        deadline = None if self.is_finished else overdue_at(self.attempt, now)
        if deadline is not None:
            self.finish(deadline)
        return deadline is not None

    def recorded(self, question_id: str) -> Outcome | None:
        return self.outcome_of(question_id)

    def record(self, index: int, question: ServedQuestion, answer: Any, outcome: Outcome, now: dt.datetime) -> bool:
        values = dict(attempt_id=self.attempt.id, question_id=question.id, question_index=index, answer=answer,
                      points=outcome.points, max_points=outcome.max_points, correct=outcome.correct,
                      time_spent_ms=time_spent_ms(self._question_shown_at(), now), answered_at=now)
        if not insert_once(Response.__table__, values, unique=("attempt_id", "question_id")):
            self._responses.update((r.question_id, r) for r in given_answers(self.attempt.id))
            return False
        self._responses[question.id] = GivenAnswer(question.id, index, answer, outcome.points, outcome.max_points,
                                                   values["time_spent_ms"], now)
        return True

    def _question_shown_at(self) -> dt.datetime | None:
        """When the question being answered came on screen: when the last answer was given, or the attempt
        started. (Read from the answers, not kept up to date on the attempt: that cost a write per answer.)"""
        moments = [as_utc(self.attempt.shown_at)] + [as_utc(r.answered_at) for r in self._responses.values()]
        known = [m for m in moments if m is not None]
        return max(known) if known else None

    def answered(self) -> int:
        return len(self._responses)

    def learn(self, question: ServedQuestion, outcome: Outcome, now: dt.datetime) -> None:
        keep, not_before = self._key_shown_from() if question.set_index is not None else (True, None)
        reviews.learn_question(self.attempt.user_id, self.attempt.chronology_slug, question, outcome.correct, now,
                               not_before=not_before, keep_question=keep)

    def _key_shown_from(self) -> tuple[bool, dt.datetime | None]:
        """Whether and from when this attempt's student may see its questions' right answers (which a review
        shows): (False, None) for an assignment that never shows them; (True, None) outside assignments."""
        if self.attempt.assignment_id is None:
            return True, None
        policy = db.session.execute(_POLICY, {"assignment_id": self.attempt.assignment_id}).one()
        if policy.show_answers == "never":
            return False, None
        if policy.show_answers == "after_close":
            return True, as_utc(policy.closes_at)
        if policy.show_answers == "after_submit":
            return True, as_utc(self.attempt.deadline_at)  # at the latest: the attempt ends by its deadline
        return True, None

    def finish(self, now: dt.datetime) -> None:
        if self.is_finished:
            return
        self._finished_at = now
        self._update(finished_at=now, score=score_of(self._responses.values(), len(self.questions)))

    def _update(self, **values: Any) -> None:
        db.session.execute(_ATTEMPTS.update().where(_ATTEMPTS.c.id == self.attempt.id).values(**values))
        if isinstance(self.attempt, Attempt):  # keep an ORM object that callers hold in step
            for name, value in values.items():
                set_committed_value(self.attempt, name, value)


_ATTEMPTS = Attempt.__table__
# An assignment's attempt whose assignment was deleted, or whose student is no longer in the class: its page
# and its answers are refused (a URL kept from before must not reach it). Live lessons' attempts are the
# game's, answered by guests too, and are left to the game's own rules.
_WITHDRAWN = and_(
    _ATTEMPTS.c.assignment_id.is_not(None), _ATTEMPTS.c.kind != "live",
    ~exists().where(Assignment.id == _ATTEMPTS.c.assignment_id, Assignment.deleted_at.is_(None),
                    Membership.classroom_id == Assignment.classroom_id, Membership.user_id == _ATTEMPTS.c.user_id),
).label("withdrawn")
_READ = (db.select(_ATTEMPTS.c.id, _ATTEMPTS.c.user_id, _ATTEMPTS.c.kind, _ATTEMPTS.c.chronology_slug,
                   _ATTEMPTS.c.grading_type,
                   _ATTEMPTS.c.questions, _ATTEMPTS.c.shown_at, _ATTEMPTS.c.finished_at, _ATTEMPTS.c.deadline_at,
                   _ATTEMPTS.c.assignment_id, _WITHDRAWN)
         .where(_ATTEMPTS.c.id == bindparam("attempt_id"), _ATTEMPTS.c.user_id == bindparam("user_id")))
_OPEN = _READ.with_for_update()
_POLICY = db.select(Assignment.show_answers, Assignment.closes_at).where(Assignment.id == bindparam("assignment_id"))


def read_attempt(attempt_id: int, user_id: int) -> AttemptStore | None:
    """The learner's attempt for a page that only shows it: no lock, no write transaction (a question page
    must not queue behind a class's answers). None when it is not theirs. To change it, `open_attempt`."""
    row = db.session.execute(_READ, {"attempt_id": attempt_id, "user_id": user_id}).one_or_none()
    return AttemptStore(row) if row is not None else None


def open_attempt(attempt_id: int, user_id: int) -> AttemptStore | None:
    """The learner's attempt, locked for this request's transaction (FOR UPDATE; on SQLite the writing
    transaction is the lock); None when it is not theirs."""
    begin_write()
    row = db.session.execute(_OPEN, {"attempt_id": attempt_id, "user_id": user_id}).one_or_none()
    return AttemptStore(row) if row is not None else None


def finish_now(store: AttemptStore, now: dt.datetime) -> None:
    """Stop early ("Finish"): unanswered questions count zero. Under the attempt's lock, so an answer that
    raced with it is either in the score or refused, never stored and left out."""
    if not store.close_if_overdue(now):
        store.finish(now)
