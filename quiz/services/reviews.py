"""Spaced review: what a learner answers about gets an fsrs card; due cards make a review session.

Two kinds of card, in one table:
- a chronology's *events* (chronology_slug = the chronology): a generated question is about events, and the
  review asks a fresh question about them, made by the generator;
- a teacher's *set questions* (chronology_slug = QUESTION_DECK, event_id = the served question's id): a set
  question carries its own text and key, and class assignments have no chronology, so such a question is
  reviewed as itself. The attempt that asked it keeps it exactly as served (quiz/models/attempt.py), so the
  review asks that stored question again: no set, version or chronology needs to exist any more. A set
  question about events asked where the chronology is known (a live lesson) feeds its events' cards instead,
  like a generated question: one card per answer, not two.

A set question is never reviewed before its assignment lets the student see its right answer (a review shows
the key): its card comes due no sooner than that, and not at all for an assignment whose answers are never
shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Iterable

from sqlalchemy import bindparam, func

from ..chronology.model import Chronology
from ..extensions import db
from ..generate import NotEnoughEvents
from ..models.attempt import Attempt, Response, ReviewCard
from ..models.user import User
from ..scoring.review import new_card
from ..scoring.review import review as review_card
from ..scoring.served import ServedQuestion
from .attempts import QuizSettings, attempt_by_start_key, build_questions, insert_attempt
from .transactions import insert_all_once

REVIEW_SESSION_SIZE = 10
# The "chronology" of the cards of set questions reviewed as themselves (no chronology slug starts with "@").
QUESTION_DECK = "@questions"


def learn_question(user_id: int, slug: str, question: ServedQuestion, correct: bool, now: dt.datetime, *,
                   not_before: dt.datetime | None = None, keep_question: bool = True) -> None:
    """What one answer teaches spaced review (see the module docstring). `not_before`: when the student may
    see the question's right answer (its card is not due sooner); `keep_question=False`: never (no card)."""
    if slug and question.review_events:
        learn_from(user_id, slug, [(event_id, correct) for event_id in question.review_events], now)
    elif question.set_index is not None and keep_question:
        learn_from(user_id, QUESTION_DECK, [(question.id, correct)], now, not_before=not_before)


def learn_from(user_id: int, slug: str, outcomes: Iterable[tuple[str, bool]], now: dt.datetime, *,
               not_before: dt.datetime | None = None) -> None:
    """Update (or create) the learner's card for each (event, answered right) pair.

    An event asked about twice in one answer (an ordering question) is reviewed once, wrong if any was
    wrong: one answer is one review. Plain statements on the table, not ORM objects: this runs on every
    answer, and the ORM's bookkeeping was the larger part of its cost (bench/README.md).
    """
    merged: dict[str, bool] = {}
    for event_id, correct in outcomes:
        merged[event_id] = merged.get(event_id, True) and correct
    if not merged:
        return
    existing = {row.event_id: row for row in db.session.execute(
        _CARDS_OF, {"user_id": user_id, "slug": slug, "events": sorted(merged)})}
    inserts, updates = [], []
    for event_id in sorted(merged):
        correct = merged[event_id]
        row = existing.get(event_id)
        result = review_card(row.card if row else new_card(now), correct, now)
        due = result.due if not_before is None else max(result.due, not_before)
        changes = dict(card=result.card_json, due=due, last_review_at=now)
        if row is None:
            inserts.append(dict(user_id=user_id, chronology_slug=slug, event_id=event_id, reviews=1,
                                lapses=0 if correct else 1, **changes))
        else:
            updates.append(dict(card_id=row.id, reviews=(row.reviews or 0) + 1,
                                lapses=(row.lapses or 0) + (0 if correct else 1), **changes))
    # One statement each, however many events an ordering question has. A learner answering in two tabs at
    # once may create the same card twice: the second is one review fewer, not an error (ON CONFLICT).
    if inserts:
        insert_all_once(_CARDS, inserts, unique=("user_id", "chronology_slug", "event_id"))
    if updates:
        db.session.execute(_UPDATE_CARD, updates)


_CARDS = ReviewCard.__table__
_CARDS_OF = db.select(_CARDS.c.id, _CARDS.c.event_id, _CARDS.c.card, _CARDS.c.reviews, _CARDS.c.lapses).where(
    _CARDS.c.user_id == bindparam("user_id"), _CARDS.c.chronology_slug == bindparam("slug"),
    _CARDS.c.event_id.in_(bindparam("events", expanding=True)))
_UPDATE_CARD = _CARDS.update().where(_CARDS.c.id == bindparam("card_id"))


_DUE_COUNT = db.select(func.count()).select_from(_CARDS).where(
    _CARDS.c.user_id == bindparam("user_id"), _CARDS.c.chronology_slug.in_(bindparam("decks", expanding=True)),
    _CARDS.c.due <= bindparam("now"))


def _decks(slug: str) -> list[str]:
    """The cards a learner reviews with this chronology: its events, and the set questions they answered."""
    return [slug, QUESTION_DECK]


def due_count(user_id: int, slug: str, now: dt.datetime) -> int:
    """How many cards are due: events of the chronology and set questions."""
    return db.session.execute(_DUE_COUNT, {"user_id": user_id, "decks": _decks(slug), "now": now}).scalar_one()


@dataclass(frozen=True)
class Due:
    """The cards of one review session, most overdue first: events of the chronology, and set questions."""

    events: list[str]
    questions: list[str]

    def __len__(self) -> int:
        return len(self.events) + len(self.questions)


def due_cards(user_id: int, slug: str, now: dt.datetime, limit: int = REVIEW_SESSION_SIZE) -> Due:
    """The most overdue cards first, events and set questions together."""
    rows = db.session.execute(
        db.select(ReviewCard.chronology_slug, ReviewCard.event_id).where(
            ReviewCard.user_id == user_id, ReviewCard.chronology_slug.in_(_decks(slug)), ReviewCard.due <= now
        ).order_by(ReviewCard.due, ReviewCard.chronology_slug, ReviewCard.event_id).limit(limit)
    ).all()
    return Due(events=[key for deck, key in rows if deck == slug],
               questions=[key for deck, key in rows if deck == QUESTION_DECK])


def next_due(user_id: int, slug: str) -> dt.datetime | None:
    return db.session.execute(
        db.select(func.min(ReviewCard.due)).where(ReviewCard.user_id == user_id,
                                                  ReviewCard.chronology_slug.in_(_decks(slug)))
    ).scalar_one()


# -- set questions asked again -------------------------------------------------------------------------------


def stored_questions(user_id: int, question_ids: list[str]) -> list[ServedQuestion]:
    """The learner's set questions as their latest attempt served them, in the order asked for. A question
    no attempt keeps any more (its attempt was deleted) cannot be asked: its card is dropped."""
    if not question_ids:
        return []
    found: dict[str, ServedQuestion] = {}
    rows = db.session.execute(
        db.select(Response.question_id, Response.question_index, Attempt.questions)
        .join(Attempt, Response.attempt_id == Attempt.id)
        .where(Attempt.user_id == user_id, Response.question_id.in_(question_ids))
        .order_by(Response.answered_at.desc(), Response.id.desc())
    )
    for question_id, index, questions in rows:
        if question_id not in found:
            # Asked as itself: without its events, its answer in the review (which has a chronology) updates
            # its own card, the one that came due, not its events' cards.
            found[question_id] = replace(ServedQuestion.from_json(questions[index]), event_ids=(), subject_ids=())
    lost = [q for q in question_ids if q not in found]
    if lost:
        db.session.execute(_CARDS.delete().where(_CARDS.c.user_id == user_id,
                                                 _CARDS.c.chronology_slug == QUESTION_DECK,
                                                 _CARDS.c.event_id.in_(lost)))
    return [found[q] for q in question_ids if q in found]


# -- a review session ------------------------------------------------------------------------------------------


def start_review(user: User, chronology: Chronology, slug: str, due: Due, seed: int, now: dt.datetime, *,
                 start_key: str) -> Attempt | None:
    """A review attempt for the due cards: fresh questions about the due events, then the due set questions
    as they were served. The one already made when `start_key` was seen before (a double click); None when
    nothing can be asked."""
    earlier = attempt_by_start_key(user.id, start_key)
    if earlier is not None:
        return earlier
    questions = _event_questions(chronology, due.events, seed) + stored_questions(user.id, due.questions)
    if not questions:
        return None
    settings = QuizSettings(count=len(questions), event_ids=tuple(due.events))
    return insert_attempt(dict(
        user_id=user.id, kind="review", chronology_slug=slug,
        settings={**settings.to_json(), "question_ids": list(due.questions)}, seed=seed,
        grading_type=settings.grading_type, questions=[q.to_json() for q in questions], started_at=now,
        shown_at=now, start_key=start_key,
    ))


def _event_questions(chronology: Chronology, events: list[str], seed: int) -> list[ServedQuestion]:
    """Questions about the due events: one each, or as many as the generator can make about them."""
    if not events:
        return []
    try:
        return build_questions(chronology, QuizSettings(count=len(events), event_ids=tuple(events)), seed)
    except NotEnoughEvents as exc:
        if not exc.made:
            return []
        return build_questions(chronology, QuizSettings(count=exc.made, event_ids=tuple(events)), seed)
