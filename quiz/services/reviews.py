"""Spaced review: each event a learner answers about gets an fsrs card; due cards make a review session."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from sqlalchemy import bindparam, func

from ..extensions import db
from ..models.attempt import ReviewCard
from ..scoring.review import new_card
from ..scoring.review import review as review_card
from .transactions import insert_all_once

REVIEW_SESSION_SIZE = 10


def learn_from(user_id: int, slug: str, outcomes: Iterable[tuple[str, bool]], now: dt.datetime) -> None:
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
        changes = dict(card=result.card_json, due=result.due, last_review_at=now)
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
    _CARDS.c.user_id == bindparam("user_id"), _CARDS.c.chronology_slug == bindparam("slug"),
    _CARDS.c.due <= bindparam("now"))


def due_count(user_id: int, slug: str, now: dt.datetime) -> int:
    return db.session.execute(_DUE_COUNT, {"user_id": user_id, "slug": slug, "now": now}).scalar_one()


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
