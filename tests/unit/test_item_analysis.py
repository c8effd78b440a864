"""Item analysis checked against figures computed by hand."""

from __future__ import annotations

import pytest

from quiz.scoring.analysis import AttemptScores, item_statistics, pearson, trend


def attempts():
    # Four students, three questions. q1 separates strong from weak students; q3 everybody gets right.
    return [
        AttemptScores({"q1": 1, "q2": 1, "q3": 1}, {"q1": "a", "q2": ["x", "y", "z"], "q3": "c"}),
        AttemptScores({"q1": 1, "q2": 0.5, "q3": 1}, {"q1": "a", "q2": ["y", "x", "z"], "q3": "c"}),
        AttemptScores({"q1": 0, "q2": 0.5, "q3": 1}, {"q1": "b", "q2": ["y", "x", "z"], "q3": "c"}),
        AttemptScores({"q1": 0, "q2": 0, "q3": 1}, {"q1": "d", "q3": "c"}),
    ]


def test_facility_is_the_mean_score_in_percent():
    stats = {s.question_id: s for s in item_statistics(["q1", "q2", "q3"], {"q2": ["x", "y", "z"]}, attempts())}
    assert stats["q1"].facility == 50.0  # (1 + 1 + 0 + 0) / 4
    assert stats["q2"].facility == 50.0  # (1 + .5 + .5 + 0) / 4
    assert stats["q3"].facility == 100.0


def test_discrimination_by_hand():
    # q1 item scores 1,1,0,0; rest-of-test (q2 + q3) = 2, 1.5, 1.5, 1. Means .5 and 1.5.
    # sxy = (.5)(.5) + (.5)(0) + (-.5)(0) + (-.5)(-.5) = .5; sxx = 1; syy = .25 + 0 + 0 + .25 = .5
    # r = .5 / sqrt(1 × .5) = .7071
    stats = item_statistics(["q1", "q2", "q3"], {}, attempts())
    assert stats[0].discrimination == pytest.approx(70.71, abs=0.01)
    assert stats[2].discrimination is None  # everybody right: no variance, no figure


def test_option_counts_unanswered_and_wrong_orders():
    stats = {s.question_id: s for s in item_statistics(["q1", "q2"], {"q2": ["x", "y", "z"]}, attempts())}
    assert stats["q1"].option_counts == {"a": 2, "b": 1, "d": 1}
    assert stats["q2"].unanswered == 1
    assert stats["q2"].wrong_orders == [(("y", "x", "z"), 2)]


def test_pearson_needs_three_points_and_variance():
    assert pearson([1, 0], [1, 0]) is None
    assert pearson([1, 1, 1], [0, 1, 2]) is None
    assert pearson([0, 1, 2], [0, 2, 4]) == pytest.approx(1.0)


def test_trend_is_the_slope():
    assert trend([0.2, 0.4, 0.6]) == pytest.approx(0.2)
    assert trend([0.5]) is None
