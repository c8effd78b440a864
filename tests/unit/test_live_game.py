"""A live lesson's flow (quiz.live.game): what the host can do when, how the clock closes a question without a
background timer, and that every process reading the game at any moment computes the same state."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.live import game
from quiz.live.game import GRACE, GameRuleError, GameState, Phase

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def seconds(n: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=n)


def test_a_game_runs_from_the_lobby_through_each_question_and_its_answer_to_the_end():
    state = GameState(limits=(20, 20))
    assert (state.phase, state.index) == (Phase.LOBBY, -1)
    state = game.start(state, seconds(0))
    assert (state.phase, state.index, state.deadline) == (Phase.QUESTION, 0, seconds(20))
    state = game.close(state, seconds(8))
    assert state.phase is Phase.REVEAL and not state.takes_answers(seconds(8))
    state = game.next_question(state, seconds(30))
    assert (state.phase, state.index, state.opened_at, state.deadline) == (Phase.QUESTION, 1, seconds(30), seconds(50))
    state = game.next_question(game.close(state, seconds(40)), seconds(45))
    assert state.phase is Phase.ENDED


def test_every_change_gets_a_new_version_and_a_repeated_click_changes_nothing():
    state = game.start(GameState(limits=(20,)), seconds(0))
    paused = game.pause(state, seconds(5))
    assert paused.version == state.version + 1
    assert game.pause(paused, seconds(6)) is paused
    ended = game.end(paused, seconds(7))
    assert game.end(ended, seconds(8)) is ended


def test_answers_count_until_the_deadline_and_a_moment_of_grace_for_the_network():
    state = game.start(GameState(limits=(10,)), seconds(0))
    assert state.takes_answers(seconds(10))
    assert state.takes_answers(seconds(10) + GRACE)
    assert not state.takes_answers(seconds(10) + GRACE + dt.timedelta(milliseconds=1))


def test_a_question_without_a_timer_stays_open_until_the_host_closes_it():
    state = game.start(GameState(limits=(None,)), seconds(0))
    assert state.time_left(seconds(9999)) is None and state.takes_answers(seconds(9999))
    assert game.settle(state, seconds(9999)) == state


def test_the_first_reader_after_the_deadline_closes_the_question_as_of_its_deadline():
    state = game.start(GameState(limits=(10, 10)), seconds(0))
    settled = game.settle(state, seconds(11))
    assert settled.phase is Phase.REVEAL and settled.version == state.version + 1
    assert game.settle(state, seconds(10)) == state  # still inside the grace


def test_auto_advance_moves_on_by_itself_and_a_late_reader_catches_up_on_every_step():
    state = game.start(GameState(limits=(10, 10, 10), auto_advance=5), seconds(0))
    # Nobody read the game for a minute: question 1 closed at 10 s, question 2 opened at 15 s and closed at
    # 25 s, question 3 opened at 30 s and closed at 40 s, the game ended at 45 s.
    assert game.settle(state, seconds(33)).index == 2
    assert game.settle(state, seconds(33)).opened_at == seconds(30)
    assert game.settle(state, seconds(60)).phase is Phase.ENDED


def test_pause_keeps_the_time_left_for_resume():
    state = game.start(GameState(limits=(30,)), seconds(0))
    paused = game.pause(state, seconds(12))
    assert paused.time_left(seconds(500)) == dt.timedelta(seconds=18)
    assert not paused.takes_answers(seconds(13))
    assert game.settle(paused, seconds(500)) == paused  # the clock is stopped
    resumed = game.resume(paused, seconds(500))
    assert resumed.deadline == seconds(518) and resumed.takes_answers(seconds(517))


def test_skip_goes_to_the_next_question_without_a_reveal_and_ends_after_the_last():
    state = game.start(GameState(limits=(10, 10)), seconds(0))
    state = game.skip(state, seconds(3))
    assert (state.phase, state.index) == (Phase.QUESTION, 1)
    assert game.skip(state, seconds(4)).phase is Phase.ENDED


@pytest.mark.parametrize("action, state, code", [
    (game.start, game.start(GameState(limits=(10,)), T0), "already_started"),
    (game.close, GameState(limits=(10,)), "no_open_question"),
    (game.next_question, game.start(GameState(limits=(10,)), T0), "question_still_open"),
    (game.pause, GameState(limits=(10,)), "nothing_to_pause"),
    (game.skip, GameState(limits=(10,)), "nothing_to_skip"),
])
def test_an_action_the_state_does_not_allow_is_refused_with_the_rule_it_breaks(action, state, code):
    with pytest.raises(GameRuleError) as refused:
        action(state, seconds(1))
    assert refused.value.code == code


@pytest.mark.parametrize("limits, auto_advance", [((), None), ((4,), None), ((601,), None), ((10,), 2)])
def test_a_game_with_no_questions_or_absurd_times_cannot_be_made(limits, auto_advance):
    with pytest.raises(GameRuleError):
        GameState(limits=limits, auto_advance=auto_advance)


# -- properties over any game -----------------------------------------------------------------------------

ACTIONS = [game.start, game.close, game.next_question, game.skip, game.pause, game.resume, game.end]
limits_strategy = st.lists(st.one_of(st.none(), st.integers(5, 60)), min_size=1, max_size=6).map(tuple)
steps_strategy = st.lists(st.tuples(st.sampled_from(ACTIONS), st.floats(0, 90)), max_size=25)


def play(state: GameState, steps) -> list[tuple[GameState, dt.datetime]]:
    """The host's clicks at increasing times, each after the game was settled, as the service does."""
    seen, now = [], T0
    for action, wait in steps:
        now += dt.timedelta(seconds=wait)
        state = game.settle(state, now)
        try:
            state = action(state, now)
        except GameRuleError:
            pass
        seen.append((state, now))
    return seen


@settings(max_examples=300, deadline=None)
@given(limits_strategy, st.one_of(st.none(), st.integers(5, 30)), steps_strategy)
def test_any_game_keeps_its_invariants(limits, auto_advance, steps):
    versions = [0]
    for state, now in play(GameState(limits=limits, auto_advance=auto_advance), steps):
        assert -1 <= state.index < len(limits)
        if state.phase is Phase.LOBBY or state.index == -1:  # a game may end in its lobby
            assert state.index == -1 and state.phase in (Phase.LOBBY, Phase.ENDED)
        assert state.version >= versions[-1]
        versions.append(state.version)
        if state.takes_answers(now):
            assert state.phase is Phase.QUESTION and not state.paused
        if state.phase is not Phase.QUESTION:
            assert not state.paused and state.time_left(now) is None
        left = state.time_left(now)
        assert left is None or left >= dt.timedelta(0)


@settings(max_examples=300, deadline=None)
@given(limits_strategy, st.one_of(st.none(), st.integers(5, 30)), steps_strategy, st.floats(0, 300),
       st.floats(0, 300))
def test_reading_the_game_in_between_never_changes_what_a_later_reader_sees(limits, auto_advance, steps, a, b):
    """Two app processes read the same row at different moments: settling at t1 and then t2 gives what settling
    at t2 directly gives, versions included, so every phone agrees."""
    states = play(GameState(limits=limits, auto_advance=auto_advance), steps)
    state, now = states[-1] if states else (GameState(limits=limits, auto_advance=auto_advance), T0)
    first, later = sorted((now + dt.timedelta(seconds=a), now + dt.timedelta(seconds=b)))
    assert game.settle(game.settle(state, first), later) == game.settle(state, later)
