"""Live lessons: a game the teacher paces on the projector, and the players who join it from their phones.

The game's whole state is in its row (quiz.live.game.GameState's fields plus `version`), so any number of app
processes serve one game and a restart loses nothing; phones compare the version (an ETag) to learn of a change.
Each player answers into an ordinary attempt through the one answer path: a class student's attempt belongs to
the lesson's assignment (so the class's results, item analysis, exports, history and spaced review see it); a
player who joined with a nickname only answers as a guest account made for the game.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .user import User

PHASES = ("lobby", "question", "reveal", "ended")


class LiveGame(db.Model):
    __tablename__ = "live_game"
    __table_args__ = (
        CheckConstraint("phase IN ('lobby', 'question', 'reveal', 'ended')", name="phase"),
        CheckConstraint("version >= 1", name="version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # What players type (six digits, unique for ever: an old code names an ended game, never another one).
    code: Mapped[str] = mapped_column(String(12), unique=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    classroom_id: Mapped[int | None] = mapped_column(ForeignKey("classroom.id", ondelete="SET NULL"), nullable=True)
    # A class's lesson records into an assignment of its own (Assignment.live), where results are looked for.
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment.id", ondelete="SET NULL"), nullable=True, unique=True)
    set_version_id: Mapped[int] = mapped_column(ForeignKey("set_version.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    # The served questions, keys included (quiz.scoring.served), the same for every player: the projector shows
    # one order of options and counts answers per option.
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    grading_type: Mapped[str] = mapped_column(String(40))
    # limits (seconds per question, null: no timer), auto_advance, speed_bonus, leaderboard ("all"/"top5"/"hidden")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    # -- the state (quiz.live.game.GameState) --
    phase: Mapped[str] = mapped_column(String(12), default="lobby")
    question_index: Mapped[int] = mapped_column(Integer, default=-1)
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    deadline: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_left_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    host: Mapped[User] = relationship()


class LivePlayer(db.Model):
    """One player of one game. Found again by the token kept on the device (only its hash is stored) or, for a
    signed-in student, by the account: a refresh, a sleeping phone or a new network finds the same player."""

    __tablename__ = "live_player"
    __table_args__ = (
        UniqueConstraint("game_id", "name_key"),
        UniqueConstraint("game_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("live_game.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    nickname: Mapped[str] = mapped_column(String(80))
    # The nickname as compared for duplicates (quiz.live.nicknames.same_name_key).
    name_key: Mapped[str] = mapped_column(String(160))
    # sha256 of the device's player token; also the join form's one-time token, so a double-tapped "Join" is one
    # player. NULL for a student who joined as their signed-in self.
    token_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    guest: Mapped[bool] = mapped_column(Boolean, default=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
