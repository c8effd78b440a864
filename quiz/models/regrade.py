"""Regrades: an assignment's answers scored again against a newer version of its set, and what that changed.

One row per regrade (who, when, from which version to which), unique per assignment and target version, so a
double-click or a retry can never record it twice; one row per attempt it touched, with the score before and
after (the score over all the attempt's questions, whether or not the attempt was finished), which is what the
student's note and the teacher's record show.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, Float, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .question_set import SetVersion
from .user import User


class Regrade(db.Model):
    __tablename__ = "regrade"
    __table_args__ = (
        UniqueConstraint("assignment_id", "to_version_id"),
        CheckConstraint("from_version_id <> to_version_id", name="versions"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    # Who regraded; kept (as unknown) if that account is ever deleted, since the scores it changed stay.
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)
    from_version_id: Mapped[int] = mapped_column(ForeignKey("set_version.id", ondelete="RESTRICT"))
    to_version_id: Mapped[int] = mapped_column(ForeignKey("set_version.id", ondelete="RESTRICT"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    from_version: Mapped[SetVersion] = relationship(foreign_keys=[from_version_id])
    to_version: Mapped[SetVersion] = relationship(foreign_keys=[to_version_id])
    teacher: Mapped[User | None] = relationship()
    attempts: Mapped[list["RegradedAttempt"]] = relationship(
        back_populates="regrade", order_by="RegradedAttempt.id", cascade="all, delete-orphan"
    )


class RegradedAttempt(db.Model):
    __tablename__ = "regraded_attempt"
    __table_args__ = (
        UniqueConstraint("regrade_id", "attempt_id"),
        CheckConstraint("old_score >= 0 AND old_score <= 1 AND new_score >= 0 AND new_score <= 1", name="scores"),
        CheckConstraint("changed_answers >= 0", name="changed_answers"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    regrade_id: Mapped[int] = mapped_column(ForeignKey("regrade.id", ondelete="CASCADE"))
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"), index=True)
    old_score: Mapped[float] = mapped_column(Float)
    new_score: Mapped[float] = mapped_column(Float)
    changed_answers: Mapped[int] = mapped_column(Integer)

    regrade: Mapped[Regrade] = relationship(back_populates="attempts")
