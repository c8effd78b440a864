"""The grading method: which of a student's attempts make the grade (highest, average, first, last)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.scoring.grading_method import GRADING_METHODS, ScoredAttempt, grade

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)


def attempt(attempt_id: int, minutes: int, score: float | None) -> ScoredAttempt:
    return ScoredAttempt(attempt_id, T0 + dt.timedelta(minutes=minutes), score)


ATTEMPTS = st.lists(
    st.builds(attempt, st.integers(1, 10_000), st.integers(0, 10_000),
              st.one_of(st.none(), st.floats(0, 1, allow_nan=False))),
    max_size=8, unique_by=lambda a: a.started_at,  # one student's attempts start one after another
)


def test_each_method_on_a_known_history():
    # Started in this order: 0.4, (unfinished), 0.9, 0.5 -- listed out of order on purpose.
    history = [attempt(3, 30, 0.9), attempt(1, 0, 0.4), attempt(4, 45, 0.5), attempt(2, 10, None)]
    assert grade(history, "highest").score == 0.9 and grade(history, "highest").attempt_id == 3
    assert grade(history, "first").attempt_id == 1 and grade(history, "first").score == 0.4
    assert grade(history, "last").attempt_id == 4 and grade(history, "last").score == 0.5
    assert grade(history, "average").score == pytest.approx(0.6)


def test_no_finished_attempt_no_grade():
    assert all(grade([], m) is None for m in GRADING_METHODS)
    assert all(grade([attempt(1, 0, None)], m) is None for m in GRADING_METHODS)


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError):
        grade([attempt(1, 0, 0.5)], "median")


@given(ATTEMPTS, st.sampled_from(GRADING_METHODS))
def test_the_grade_lies_between_the_lowest_and_highest_finished_score(attempts, method):
    finished = [a.score for a in attempts if a.score is not None]
    result = grade(attempts, method)
    if not finished:
        assert result is None
    else:
        assert min(finished) - 1e-9 <= result.score <= max(finished) + 1e-9
        assert result.attempt_id in {a.attempt_id for a in attempts if a.score is not None}


@given(ATTEMPTS, st.sampled_from(GRADING_METHODS))
def test_unfinished_attempts_change_nothing(attempts, method):
    finished_only = [a for a in attempts if a.score is not None]
    assert grade(attempts, method) == grade(finished_only, method)


@given(ATTEMPTS)
def test_first_and_last_follow_the_start_time_whatever_the_order_given(attempts):
    finished = [a for a in attempts if a.score is not None]
    if not finished:
        return
    assert grade(attempts, "first").score == min(finished, key=lambda a: a.started_at).score
    assert grade(list(reversed(attempts)), "last").score == max(finished, key=lambda a: a.started_at).score


@given(ATTEMPTS)
def test_highest_is_the_maximum_and_never_below_the_average(attempts):
    finished = [a.score for a in attempts if a.score is not None]
    if not finished:
        return
    assert grade(attempts, "highest").score == max(finished)
    assert grade(attempts, "highest").score >= grade(attempts, "average").score - 1e-9
