"""Classes: a teacher's group of students, joined with a short code, no e-mail needed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .user import User


class Classroom(db.Model):
    __tablename__ = "classroom"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="classroom", cascade="all, delete-orphan", order_by="Membership.joined_at"
    )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Membership(db.Model):
    """A student in a class. The resume code lets the student continue on another device; only its hash
    is kept (it is shown once, and the teacher can issue a new one)."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("classroom_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # sha256 of the resume code: the code is random and long enough that a fast hash is safe, and a hash
    # lets the code itself be the lookup key.
    resume_code_hash: Mapped[str] = mapped_column(String(64), unique=True)

    classroom: Mapped[Classroom] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()
