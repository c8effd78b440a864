"""Attempts at a quiz and the responses given, stored as they are given.

An attempt keeps its served questions (quiz.scoring.served, as JSON, keys included), so that a later change to
the chronology, the generator or a set can never change what a learner was asked or how it was scored. The keys
never leave the server before a question is answered.

Concurrency is settled in the schema: an attempt's `start_key` is unique per learner (the same "Start" sent twice
is one attempt; an assignment's n-th attempt has key "assignment:<id>:<n>", so two attempts can never both be the
n-th), and a response is unique per (attempt, question).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

ATTEMPT_KINDS = ("practice", "review", "assignment", "live")


class Attempt(db.Model):
    __tablename__ = "attempt"
    __table_args__ = (
        CheckConstraint("kind IN ('practice', 'review', 'assignment', 'live')", name="kind"),
        # A live lesson's attempt has an assignment when the lesson is a class's (services.live), else none.
        CheckConstraint("kind = 'live' OR (kind = 'assignment') = (assignment_id IS NOT NULL)", name="assignment_kind"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 1)", name="score_range"),
        UniqueConstraint("user_id", "start_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    chronology_slug: Mapped[str] = mapped_column(String(80))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    seed: Mapped[int] = mapped_column(Integer)
    grading_type: Mapped[str] = mapped_column(String(40))
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # When the first question was shown (the attempt's start); a later question's answer time starts at the
    # answer before it (quiz/services/answering.py).
    shown_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)  # fraction 0..1, set when finished
    # Assignment attempts: which assignment, and when the time limit (or the closing time) ends the attempt.
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment.id", ondelete="CASCADE"), nullable=True, index=True
    )
    deadline_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # What made this attempt: the start form's one-time token, or "assignment:<id>:<n>" (see the docstring).
    start_key: Mapped[str | None] = mapped_column(String(80), nullable=True)

    responses: Mapped[list["Response"]] = relationship(
        back_populates="attempt", order_by="Response.question_index", cascade="all, delete-orphan"
    )

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class Response(db.Model):
    """One answer to one question of an attempt; unique per (attempt, question), so a retry never counts twice."""

    __tablename__ = "response"
    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id"),
        UniqueConstraint("attempt_id", "question_index"),
        CheckConstraint("points >= 0 AND points <= max_points", name="points_range"),
        CheckConstraint("time_spent_ms >= 0", name="time_spent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    question_index: Mapped[int] = mapped_column(Integer)
    answer: Mapped[Any] = mapped_column(JSON)
    points: Mapped[float] = mapped_column(Float)
    max_points: Mapped[float] = mapped_column(Float)
    correct: Mapped[bool] = mapped_column(Boolean)
    time_spent_ms: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    attempt: Mapped[Attempt] = relationship(back_populates="responses")

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


class ReviewCard(db.Model):
    """A learner's spaced-review state (an fsrs card) for one event of one chronology."""

    __tablename__ = "review_card"
    __table_args__ = (UniqueConstraint("user_id", "chronology_slug", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    chronology_slug: Mapped[str] = mapped_column(String(80))
    event_id: Mapped[str] = mapped_column(String(80))
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    due: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    last_review_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
