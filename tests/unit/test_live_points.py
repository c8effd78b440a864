"""Points and the leaderboard of a live lesson (quiz.live.points): accuracy first, speed only as a bonus apart."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.live.points import ACCURACY_POINTS, SPEED_POINTS, Points, Tally, leaderboard, points_for, shown_on_projector

S = dt.timedelta(seconds=1)


def test_a_right_answer_is_worth_the_same_however_long_it_took():
    assert points_for(1, correct=True, speed_bonus=False, took=2 * S, limit=20 * S) == Points(1000)
    assert points_for(1, correct=True, speed_bonus=False, took=19 * S, limit=20 * S) == Points(1000)


def test_a_partly_right_order_earns_its_share_rounded_as_by_hand():
    assert points_for(0.5, correct=False, speed_bonus=True, took=1 * S, limit=20 * S) == Points(500)
    assert points_for(0.0005, correct=False, speed_bonus=False) == Points(1)


def test_the_speed_bonus_falls_evenly_to_nothing_at_the_limit_and_only_for_a_wholly_right_answer():
    assert points_for(1, correct=True, speed_bonus=True, took=0 * S, limit=20 * S) == Points(1000, 500)
    assert points_for(1, correct=True, speed_bonus=True, took=5 * S, limit=20 * S) == Points(1000, 375)
    assert points_for(1, correct=True, speed_bonus=True, took=25 * S, limit=20 * S) == Points(1000, 0)
    assert points_for(0, correct=False, speed_bonus=True, took=0 * S, limit=20 * S) == Points(0, 0)


def test_no_timer_means_no_speed_bonus():
    assert points_for(1, correct=True, speed_bonus=True, took=1 * S, limit=None) == Points(1000)


@pytest.mark.parametrize("fraction", [-0.1, 1.01])
def test_a_fraction_outside_zero_to_one_is_a_bug_not_a_score(fraction):
    with pytest.raises(ValueError):
        points_for(fraction, correct=False, speed_bonus=False)


@given(st.floats(0, 1), st.booleans(), st.floats(0, 120), st.one_of(st.none(), st.integers(5, 600)))
def test_points_stay_in_their_bounds_and_speed_never_outweighs_being_right(fraction, bonus, took, limit):
    points = points_for(fraction, correct=fraction == 1, speed_bonus=bonus, took=took * S,
                        limit=None if limit is None else limit * S)
    assert 0 <= points.accuracy <= ACCURACY_POINTS and 0 <= points.speed <= SPEED_POINTS
    assert points.speed == 0 or points.accuracy == ACCURACY_POINTS


def test_ties_share_a_rank_and_are_listed_by_nickname():
    board = leaderboard([Tally(1, "Zaid", 2000), Tally(2, "Amal", 3000), Tally(3, "Badr", 2000),
                         Tally(4, "Huda", 1000)], count_speed=False)
    assert [(s.tally.nickname, s.rank) for s in board] == [("Amal", 1), ("Badr", 2), ("Zaid", 2), ("Huda", 4)]


def test_ranking_by_accuracy_alone_ignores_speed():
    fast_guesser = Tally(1, "fast", accuracy=1000, speed=500)
    careful = Tally(2, "careful", accuracy=2000)
    assert leaderboard([fast_guesser, careful], count_speed=False)[0].tally is careful
    assert leaderboard([fast_guesser, Tally(3, "slow", accuracy=1000)], count_speed=True)[0].tally is fast_guesser


def test_the_projector_shows_everyone_the_top_five_with_ties_or_nobody():
    scores = [5000, 4000, 4000, 3000, 2000, 2000, 1000]  # ranks 1, 2, 2, 4, 5, 5, 7
    board = leaderboard([Tally(i, f"p{i}", score) for i, score in enumerate(scores)], count_speed=False)
    assert len(shown_on_projector(board, "all")) == 7
    assert [s.rank for s in shown_on_projector(board, "top5")] == [1, 2, 2, 4, 5, 5]  # both fifths
    assert shown_on_projector(board, "hidden") == []


@given(st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 2500)), max_size=40))
def test_a_leaderboard_ranks_everyone_once_in_order(scores):
    tallies = [Tally(i, f"n{i}", a, s) for i, (a, s) in enumerate(scores)]
    board = leaderboard(tallies, count_speed=True)
    assert sorted(s.tally.player_id for s in board) == list(range(len(scores)))
    assert [s.score for s in board] == sorted((s.score for s in board), reverse=True)
    for before, after in zip(board, board[1:]):
        assert after.rank == (before.rank if after.score == before.score else board.index(after) + 1)
