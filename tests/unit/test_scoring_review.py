"""Spaced review: a wrong answer comes back sooner, right answers push it out, cards survive JSON."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.scoring import ReviewResult, due_at, is_due, new_card, review

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)


def answer_on_time(
    card: dict, answers: list[bool], start: datetime = NOW
) -> tuple[dict, list[timedelta], datetime]:
    """Answer a card at each due time in turn; return the card, the gaps until each next due, the last time."""
    now, gaps = start, []
    for correct in answers:
        result = review(card, correct, now)
        gaps.append(result.due - now)
        card, now = result.card_json, result.due
    return card, gaps, now


def test_a_new_card_is_due_at_once() -> None:
    card = new_card(NOW)
    assert due_at(card) == NOW
    assert is_due(card, NOW)
    assert not is_due(card, NOW - timedelta(seconds=1))
    json.dumps(card)  # storable as it is


def test_a_wrong_answer_comes_back_sooner_than_a_right_one() -> None:
    card = new_card(NOW)
    right, wrong = review(card, True, NOW), review(card, False, NOW)
    assert NOW < wrong.due < right.due
    # Also for a card the learner has known for a while.
    known, _, then = answer_on_time(new_card(NOW), [True] * 4)
    right, wrong = review(known, True, then), review(known, False, then)
    assert then < wrong.due < right.due
    assert (right.state, wrong.state) == ("review", "relearning")


def test_repeated_right_answers_push_the_due_date_further_out() -> None:
    _, gaps, _ = answer_on_time(new_card(NOW), [True] * 6)
    assert all(earlier < later for earlier, later in zip(gaps, gaps[1:]))
    assert gaps[-1] > timedelta(days=30)


def test_states_follow_fsrs() -> None:
    result = review(new_card(NOW), True, NOW)
    assert isinstance(result, ReviewResult)
    assert result.state == "learning"
    card, _, then = answer_on_time(new_card(NOW), [True, True])
    assert review(card, True, then).state == "review"
    assert review(card, False, then).state == "relearning"


def test_a_card_survives_a_json_round_trip() -> None:
    card, _, then = answer_on_time(new_card(NOW), [True, True, False, True])
    stored = json.loads(json.dumps(card))
    assert stored == card
    assert due_at(stored) == due_at(card)
    for correct in (True, False):
        assert review(stored, correct, then) == review(card, correct, then)
    assert json.loads(json.dumps(review(stored, True, then).card_json)) == review(card, True, then).card_json


def test_schedules_are_reproducible() -> None:
    # Fuzzing is off, so the long intervals (where fsrs would add random days) are the same every time.
    first = answer_on_time(new_card(NOW), [True] * 6)
    second = answer_on_time(new_card(NOW), [True] * 6)
    assert first == second


def test_the_given_card_is_not_changed() -> None:
    card = new_card(NOW)
    before = copy.deepcopy(card)
    review(card, True, NOW)
    assert card == before


@pytest.mark.parametrize("call", ["new_card", "review", "is_due"])
def test_naive_datetimes_are_refused(call: str) -> None:
    naive = datetime(2025, 3, 1, 9, 30)
    with pytest.raises(ValueError, match="timezone-aware"):
        if call == "new_card":
            new_card(naive)
        elif call == "review":
            review(new_card(NOW), True, naive)
        else:
            is_due(new_card(NOW), naive)


def test_an_aware_non_utc_time_means_the_same_instant() -> None:
    riyadh = NOW.astimezone(timezone(timedelta(hours=3)))
    assert review(new_card(riyadh), True, riyadh) == review(new_card(NOW), True, NOW)
    assert due_at(new_card(riyadh)).tzinfo == timezone.utc


def test_something_that_is_not_a_card_is_refused() -> None:
    with pytest.raises(ValueError, match="not a review card"):
        review({"due": "tomorrow"}, True, NOW)


@settings(max_examples=30, deadline=None, database=None)
@given(
    answers=st.lists(st.booleans(), min_size=1, max_size=12),
    delays=st.lists(st.integers(0, 400 * 24 * 60), min_size=12, max_size=12),
)
def test_any_history_schedules_the_next_review_in_the_future(answers: list[bool], delays: list[int]) -> None:
    # Learners answer early or late (minutes to a year after the last answer), not only on the due date; the
    # card must stay usable whatever happens.
    card, now = new_card(NOW), NOW
    for correct, minutes in zip(answers, delays):
        now += timedelta(minutes=minutes)
        result = review(json.loads(json.dumps(card)), correct, now)
        assert result.due > now
        assert not is_due(result.card_json, now)
        assert result.state in {"learning", "review", "relearning"}
        card = result.card_json
