"""Spaced review: each event a learner answers about gets an fsrs card; due cards make a review session."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from sqlalchemy import func

from ..extensions import db
from ..models.attempt import ReviewCard
from ..scoring.review import new_card
from ..scoring.review import review as review_card

REVIEW_SESSION_SIZE = 10


def learn_from(user_id: int, slug: str, outcomes: Iterable[tuple[str, bool]], now: dt.datetime) -> None:
    """Update (or create) the learner's card for each (event, answered right) pair.

    An event asked about twice in one answer (an ordering question) is reviewed once, wrong if any was
    wrong: one answer is one review.
    """
    merged: dict[str, bool] = {}
    for event_id, correct in outcomes:
        merged[event_id] = merged.get(event_id, True) and correct
    if not merged:
        return
    cards = {
        card.event_id: card
        for card in db.session.execute(
            db.select(ReviewCard).where(
                ReviewCard.user_id == user_id, ReviewCard.chronology_slug == slug,
                ReviewCard.event_id.in_(sorted(merged)),
            )
        ).scalars()
    }
    for event_id in sorted(merged):
        correct = merged[event_id]
        card = cards.get(event_id)
        state = card.card if card else new_card(now)
        result = review_card(state, correct, now)
        if card is None:
            card = ReviewCard(user_id=user_id, chronology_slug=slug, event_id=event_id, reviews=0, lapses=0)
            db.session.add(card)
        card.card = result.card_json
        card.due = result.due
        card.last_review_at = now
        card.reviews = (card.reviews or 0) + 1
        card.lapses = (card.lapses or 0) + (0 if correct else 1)
    db.session.flush()


def due_count(user_id: int, slug: str, now: dt.datetime) -> int:
    return db.session.execute(
        db.select(func.count()).select_from(ReviewCard).where(
            ReviewCard.user_id == user_id, ReviewCard.chronology_slug == slug, ReviewCard.due <= now
        )
    ).scalar_one()


def due_events(user_id: int, slug: str, now: dt.datetime, limit: int = REVIEW_SESSION_SIZE) -> list[str]:
    """The most overdue events first."""
    return list(db.session.execute(
        db.select(ReviewCard.event_id).where(
            ReviewCard.user_id == user_id, ReviewCard.chronology_slug == slug, ReviewCard.due <= now
        ).order_by(ReviewCard.due, ReviewCard.event_id).limit(limit)
    ).scalars())


def next_due(user_id: int, slug: str) -> dt.datetime | None:
    return db.session.execute(
        db.select(func.min(ReviewCard.due)).where(ReviewCard.user_id == user_id, ReviewCard.chronology_slug == slug)
    ).scalar_one()
