"""Spaced review of what a learner got wrong, scheduled by FSRS (the `fsrs` package, as in Anki).

Why FSRS: it schedules each item from the learner's own history, which is what "spaced review of what a learner
got wrong" needs, and it is the algorithm teachers and learners already meet in Anki (ANCHORS.md).

Our answers are right or wrong, not Anki's four buttons, so we map right → Rating.Good and wrong →
Rating.Again, as ANCHORS.md says: "Hard" and "Easy" would need a self-assessment we do not ask for.

Cards travel as plain JSON-able dicts (fsrs's own `Card.to_dict()` format), so the database stores one JSON
column and this module stays pure: no Flask, no database, and no clock. Every function takes the current
time as an argument, and it must be timezone-aware, because a naive datetime is ambiguous and fsrs compares
due dates in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from fsrs import Card, Rating, Scheduler

# One scheduler for the whole app, with fsrs's defaults (desired retention 0.9, learning steps 1 and 10
# minutes) except fuzzing. fsrs normally adds a random "fuzz" of a few days to longer intervals so that cards
# learnt together do not all fall due on the same day. For us that randomness would make schedules
# irreproducible: tests could not assert a due date and two identical histories would disagree. Our review
# queues are small, so the clumping that fuzz prevents does not matter here.
_SCHEDULER = Scheduler(enable_fuzzing=False)


@dataclass(frozen=True)
class ReviewResult:
    """A card after one review: the dict to store, when it is due next, and its FSRS state.

    `state` is "learning", "review" or "relearning" (fsrs's State, in lower case), for teachers' reports.
    """

    card_json: dict[str, Any]
    due: datetime
    state: str


def _utc(now: datetime) -> datetime:
    """Refuse a naive datetime; express an aware one in UTC (fsrs accepts only `timezone.utc` itself)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime (UTC), not a naive one")
    return now.astimezone(timezone.utc)


def _card(card_json: dict[str, Any]) -> Card:
    """Rebuild a Card from its stored dict, with a ValueError that says what was wrong if it is not one."""
    try:
        return Card.from_dict(card_json)  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"not a review card: {error!r}") from error


def new_card(now: datetime) -> dict[str, Any]:
    """A fresh card, due at once, as a JSON-able dict.

    The card id is taken from `now` (epoch milliseconds, as fsrs would) rather than letting fsrs read the
    wall clock, so the core stays free of hidden time; our database row, not this id, identifies the card.
    """
    now = _utc(now)
    card = Card(card_id=int(now.timestamp() * 1000), due=now)
    return dict(card.to_dict())


def review(card_json: dict[str, Any], correct: bool, now: datetime) -> ReviewResult:
    """Record one answer: right → Good, wrong → Again. Returns the new card; the given dict is unchanged."""
    rating = Rating.Good if correct else Rating.Again
    card, _log = _SCHEDULER.review_card(_card(card_json), rating, review_datetime=_utc(now))
    return ReviewResult(card_json=dict(card.to_dict()), due=card.due, state=card.state.name.lower())


def due_at(card_json: dict[str, Any]) -> datetime:
    """When the card is next due, in UTC."""
    return _utc(_card(card_json).due)


def is_due(card_json: dict[str, Any], now: datetime) -> bool:
    """Whether the card should be offered for review at `now` (due at or before it)."""
    return due_at(card_json) <= _utc(now)
