"""Accounts: learners sign up openly; teachers are made by a CLI command or an invitation."""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db

ROLES = ("learner", "teacher")


class User(UserMixin, db.Model):
    __tablename__ = "user"
    __table_args__ = (CheckConstraint("role IN ('learner', 'teacher')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so "Sara" and "sara" are one account (see services.accounts.normalise_username).
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="learner")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    def set_password(self, password: str) -> None:
        # Werkzeug's default is scrypt with a per-password salt.
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        # Students who joined a class with a code have no password ("!"): they come back with a resume code.
        if not self.password_hash or "$" not in self.password_hash:
            return False
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login: a deactivated account cannot log in
        return self.active

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher"

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class TeacherInvitation(db.Model):
    """A one-use link by which an existing teacher lets a colleague create a teacher account."""

    __tablename__ = "teacher_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
