"""Teacher-authored question sets, versioned: a version that has been answered is never changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class QuestionSet(db.Model):
    __tablename__ = "question_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    versions: Mapped[list["SetVersion"]] = relationship(
        back_populates="question_set", order_by="SetVersion.number", cascade="all, delete-orphan"
    )

    @property
    def latest(self) -> "SetVersion":
        return self.versions[-1]


class SetVersion(db.Model):
    """The content of a set at one moment: the native set document (see quiz.interop.native)."""

    __tablename__ = "set_version"
    __table_args__ = (UniqueConstraint("set_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    question_set: Mapped[QuestionSet] = relationship(back_populates="versions")
