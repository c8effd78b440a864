"""A student's accommodations in a class (assignment_id NULL: every assignment of the class), or for one assignment
(overriding the class's, field by field). The rules they make are computed in quiz.scoring.accommodations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, DateTime, Float, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Accommodation(db.Model):
    __tablename__ = "accommodation"
    __table_args__ = (
        # One class-level row per student and class, one per student and assignment: partial unique indexes
        # (both SQLite and PostgreSQL have them), because a NULL assignment is never equal to another.
        Index("ix_accommodation_class_level", "classroom_id", "user_id", unique=True,
              sqlite_where=db.text("assignment_id IS NULL"), postgresql_where=db.text("assignment_id IS NULL")),
        Index("ix_accommodation_assignment_level", "assignment_id", "user_id", unique=True,
              sqlite_where=db.text("assignment_id IS NOT NULL"),
              postgresql_where=db.text("assignment_id IS NOT NULL")),
        CheckConstraint("time_multiplier IS NULL OR (time_multiplier >= 1 AND time_multiplier <= 4)",
                        name="time_multiplier"),
        CheckConstraint("extra_minutes IS NULL OR (extra_minutes >= 0 AND extra_minutes <= 600)",
                        name="extra_minutes"),
        CheckConstraint("extra_attempts IS NULL OR (extra_attempts >= 0 AND extra_attempts <= 20)",
                        name="extra_attempts"),
        CheckConstraint("max_options IS NULL OR (max_options >= 2 AND max_options <= 6)", name="max_options"),
        CheckConstraint("assignment_id IS NOT NULL OR closes_at IS NULL", name="closes_at_per_assignment"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"),
                                                      nullable=True)
    time_multiplier: Mapped[float | None] = mapped_column(Float, nullable=True)
    extra_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    extra_attempts: Mapped[int | None] = mapped_column(Integer, nullable=True)
    closes_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    max_options: Mapped[int | None] = mapped_column(Integer, nullable=True)
    read_aloud: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
