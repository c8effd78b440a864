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
        back_populates="classroom", cascade="all, delete-orphan",
        order_by="[Membership.joined_at, Membership.id]"
    )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Membership(db.Model):
    """A student in a class. The resume code lets the student continue on another device; only its hash
    is kept (it is shown once, and the teacher can issue a new one).

    Two unique keys make joining idempotent when requests race (services.classes.join_class): the join
    form's one-time token (its hash), so that a double click, a second tab or a retry of one submission
    is one student; and the name a student joined with, compared loosely (services.classes.name_key), so
    that two students cannot both be «ليلى» in one class. Both are NULL where they do not apply (a learner
    with an account joins under the account's name; memberships made before they existed)."""

    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("classroom_id", "user_id"),
        UniqueConstraint("classroom_id", "join_token_hash"),
        UniqueConstraint("classroom_id", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # sha256 of the resume code: the code is random and long enough that a fast hash is safe, and a hash
    # lets the code itself be the lookup key.
    resume_code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # sha256 of the join form's one-time token (a request replaying it gets this membership back).
    join_token_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The joining name as compared for duplicates: NFKC, case-folded, Arabic marks and letter variants
    # folded (services.classes.name_key).
    name_key: Mapped[str | None] = mapped_column(String(160), nullable=True)

    classroom: Mapped[Classroom] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()
