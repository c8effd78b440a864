"""Points and the leaderboard of a live lesson: accuracy first.

A right answer is worth 1000 points whoever gives it, a partly right order its share of them (the grading type the
teacher chose). Speed is an optional bonus, counted and shown apart, so a slow reader who is right is never behind
a fast guesser who is wrong, and a teacher can rank by accuracy alone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

ACCURACY_POINTS = 1000
SPEED_POINTS = 500  # at most, for a wholly right answer given the instant the question opened
TOP = 5

Shown = Literal["all", "top5", "hidden"]


def _whole(value: float) -> int:
    """Rounded half up (a half point is a point), after dropping float noise below 1e-9 (0.7 * 1000 is
    699.9999999999999). Only for values >= 0, which points are."""
    return math.floor(round(value, 9) + 0.5)


@dataclass(frozen=True)
class Points:
    accuracy: int
    speed: int = 0


def points_for(fraction: float, *, correct: bool, speed_bonus: bool, took: dt.timedelta | None = None,
               limit: dt.timedelta | None = None) -> Points:
    """The points for one answer: `fraction` of the answer that is right (0..1, from the answer type's outcome);
    with the speed bonus on, a wholly right answer also earns up to SPEED_POINTS, falling evenly to none at the
    time limit. A question without a time limit has no speed bonus: there is no pace to beat."""
    if not 0 <= fraction <= 1:
        raise ValueError(f"a fraction of an answer is 0 to 1, not {fraction}")
    accuracy = _whole(fraction * ACCURACY_POINTS)
    if not (speed_bonus and correct and took is not None and limit):
        return Points(accuracy)
    left = max(0.0, 1 - max(took, dt.timedelta(0)) / limit)
    return Points(accuracy, _whole(left * SPEED_POINTS))


@dataclass(frozen=True)
class Tally:
    """One player's game so far."""

    player_id: int
    nickname: str
    accuracy: int = 0
    speed: int = 0
    right: int = 0  # questions answered wholly right
    answered: int = 0


@dataclass(frozen=True)
class Standing:
    tally: Tally
    rank: int  # 1 for the best; players with equal points share a rank ("1, 2, 2, 4")
    score: int  # what the rank is by: accuracy, plus speed when the game counts it


def leaderboard(tallies: Iterable[Tally], *, count_speed: bool) -> list[Standing]:
    """Every player in rank order. Ties share a rank and are listed by nickname, so the order does not depend on
    who joined first."""
    def score(t: Tally) -> int:
        return t.accuracy + (t.speed if count_speed else 0)

    ordered = sorted(tallies, key=lambda t: (-score(t), t.nickname.casefold(), t.player_id))
    standings: list[Standing] = []
    for position, tally in enumerate(ordered, start=1):
        tied = bool(standings) and standings[-1].score == score(tally)
        standings.append(Standing(tally, standings[-1].rank if tied else position, score(tally)))
    return standings


def shown_on_projector(standings: list[Standing], shown: Shown) -> list[Standing]:
    """What the class sees: every player, the top five (all who tie for a place in it), or nobody. Each player
    always sees their own place on their phone."""
    if shown == "hidden":
        return []
    if shown == "top5":
        return [s for s in standings if s.rank <= TOP]
    return list(standings)
