"""A live lesson's flow as plain data: which question is on the projector, whether answers are taken, and for how
long. Pure (no Flask, no database, the time always passed in), so every process that serves the game computes the
same state from the row it reads, and a restart loses nothing.

    LOBBY --start--> QUESTION --close (host, or the timer ran out)--> REVEAL --next--> QUESTION ... --> ENDED
                       |  ^                                             ^
                     pause resume                          skip (from QUESTION: no reveal, answers kept)

There is no background timer: a question whose time is up is closed by whoever reads the game next (`settle`),
and every change bumps `version`, which phones compare (an ETag) to learn that something happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import Enum

from ..messages import N_, Message

# An answer sent in the last instant before the deadline is still on its way when the clock runs out; this much
# lateness is forgiven (network and a phone's clock, not thinking time).
GRACE = dt.timedelta(milliseconds=750)
MIN_TIME_LIMIT = 5  # seconds: less is not time to read a question
MAX_TIME_LIMIT = 600  # seconds: a question open for longer than ten minutes is not a game any more


class Phase(str, Enum):
    LOBBY = "lobby"
    QUESTION = "question"
    REVEAL = "reveal"
    ENDED = "ended"


class GameRuleError(ValueError):
    """A host action that the game's state does not allow: `code` names the rule (tests, logs), `message` says
    it to the host (translated at the edge)."""

    def __init__(self, code: str, message: Message) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


# What each refused action tells the host.
_RULES = {
    "already_started": N_("The game has already started."),
    "no_open_question": N_("No question is open."),
    "question_still_open": N_("Show the answer to this question first."),
    "nothing_to_skip": N_("There is no question to skip."),
    "nothing_to_pause": N_("There is no open question to pause."),
    "nothing_to_resume": N_("There is no paused question to go on with."),
}


@dataclass(frozen=True)
class GameState:
    limits: tuple[int | None, ...]  # seconds to answer, per question (None: no timer)
    auto_advance: int | None = None  # seconds the answer stays on screen before the next question; None: host
    phase: Phase = Phase.LOBBY
    index: int = -1  # the question on the screen (0-based); -1 in the lobby
    opened_at: dt.datetime | None = None  # when the current question was shown
    deadline: dt.datetime | None = None  # QUESTION: when it closes by itself (None: no timer, or paused);
    #                                       REVEAL: when the next question comes by itself (auto-advance)
    paused: bool = False
    paused_left: dt.timedelta | None = None  # while paused: the time that was left (None: no timer)
    version: int = 1

    def __post_init__(self) -> None:
        if not self.limits:
            raise GameRuleError("no_questions", N_("A live lesson needs at least one question."))
        for seconds in (*self.limits, self.auto_advance):
            if seconds is not None and not MIN_TIME_LIMIT <= seconds <= MAX_TIME_LIMIT:
                raise GameRuleError("bad_time_limit", N_("A time is %(min)s to %(max)s seconds.",
                                                         min=MIN_TIME_LIMIT, max=MAX_TIME_LIMIT))
        if not -1 <= self.index < self.question_count:
            raise ValueError(f"question {self.index} of {self.question_count}: a bug, not a host's action")

    @property
    def question_count(self) -> int:
        return len(self.limits)

    @property
    def is_last(self) -> bool:
        return self.index == self.question_count - 1

    def time_left(self, now: dt.datetime) -> dt.timedelta | None:
        """What the countdown shows; None when the question has no timer."""
        if self.phase is not Phase.QUESTION:
            return None
        if self.paused:
            return self.paused_left
        if self.deadline is None:
            return None
        return max(self.deadline - now, dt.timedelta(0))

    def takes_answers(self, now: dt.datetime) -> bool:
        """Whether an answer arriving at `now` to the current question counts."""
        if self.phase is not Phase.QUESTION or self.paused:
            return False
        return self.deadline is None or now <= self.deadline + GRACE


def _require(state: GameState, *phases: Phase, code: str) -> None:
    if state.phase not in phases:
        raise GameRuleError(code, _RULES[code])


def _changed(state: GameState, **changes: object) -> GameState:
    return replace(state, version=state.version + 1, **changes)  # type: ignore[arg-type]


def _after(moment: dt.datetime, seconds: int | None) -> dt.datetime | None:
    return None if seconds is None else moment + dt.timedelta(seconds=seconds)


def _open(state: GameState, index: int, now: dt.datetime) -> GameState:
    return _changed(state, phase=Phase.QUESTION, index=index, opened_at=now,
                    deadline=_after(now, state.limits[index]), paused=False, paused_left=None)


def _finish(state: GameState) -> GameState:
    return _changed(state, phase=Phase.ENDED, deadline=None, paused=False, paused_left=None)


def start(state: GameState, now: dt.datetime) -> GameState:
    """The host starts the game: the first question."""
    _require(state, Phase.LOBBY, code="already_started")
    return _open(state, 0, now)


def close(state: GameState, now: dt.datetime) -> GameState:
    """The question stops taking answers and its answer is shown (the host ended it early, or time ran out)."""
    _require(state, Phase.QUESTION, code="no_open_question")
    return _changed(state, phase=Phase.REVEAL, deadline=_after(now, state.auto_advance), paused=False,
                    paused_left=None)


def next_question(state: GameState, now: dt.datetime) -> GameState:
    """After the reveal: the next question, or the end after the last."""
    _require(state, Phase.REVEAL, code="question_still_open")
    return _finish(state) if state.is_last else _open(state, state.index + 1, now)


def skip(state: GameState, now: dt.datetime) -> GameState:
    """Straight to the next question without a reveal (answers already given still count), or to the end."""
    _require(state, Phase.QUESTION, Phase.REVEAL, code="nothing_to_skip")
    return _finish(state) if state.is_last else _open(state, state.index + 1, now)


def pause(state: GameState, now: dt.datetime) -> GameState:
    """The clock stops and answers wait; the time left is kept for `resume`."""
    _require(state, Phase.QUESTION, code="nothing_to_pause")
    if state.paused:
        return state  # a second click on "pause" changes nothing
    return _changed(state, deadline=None, paused=True, paused_left=state.time_left(now))


def resume(state: GameState, now: dt.datetime) -> GameState:
    _require(state, Phase.QUESTION, code="nothing_to_resume")
    if not state.paused:
        return state
    left = state.paused_left
    return _changed(state, paused=False, paused_left=None, deadline=None if left is None else now + left)


def end(state: GameState, now: dt.datetime) -> GameState:
    """The host ends the game at any point; ending twice changes nothing."""
    return state if state.phase is Phase.ENDED else _finish(state)


def settle(state: GameState, now: dt.datetime) -> GameState:
    """The state as of `now`: a question whose time ran out (and its grace) is closed at its deadline; with
    auto-advance, a reveal whose time is up moves on. Several steps may have passed since the last read."""
    while (deadline := state.deadline) is not None:
        if state.phase is Phase.QUESTION and now > deadline + GRACE:
            state = close(state, deadline)
        elif state.phase is Phase.REVEAL and now >= deadline:
            state = next_question(state, deadline)
        else:
            break
    return state
