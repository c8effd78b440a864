"""Accounts: learners sign up openly; teachers are made by a CLI command, the one-time setup page, an
invitation, or a request that a teacher approves."""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship
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
    # Part of every session's and remember cookie's identity (quiz/web/sessions.py): raising it ends every
    # session of the account at once (log out everywhere, a new personal code, removal from a class, a new
    # password).
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

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


REQUEST_STATES = ("pending", "approved", "declined")


class TeacherRequest(db.Model):
    """A learner's request for teacher access, which any teacher may approve (the learner becomes a teacher) or
    decline. One per learner (unique user_id): asking again while it waits changes nothing, and asking again
    after a decline opens the same row again."""

    __tablename__ = "teacher_request"
    __table_args__ = (CheckConstraint("status IN ('pending', 'approved', 'declined')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    message: Mapped[str] = mapped_column(String(500), default="", server_default="")
    status: Mapped[str] = mapped_column(String(12), default="pending")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class FirstTeacherSetup(db.Model):
    """The one row that says the setup page made the school's first teacher. Its fixed primary key is the
    claim: of setup forms sent at the same moment, one inserts it and the others find it there, so a fresh
    install never gets two "first" teachers."""

    __tablename__ = "first_teacher_setup"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)
    completed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class EndedLogin(db.Model):
    """One log-in ended by "Log out" (quiz/web/sessions.py): its cookies, replayed, no longer sign anyone in.
    Kept until the log-in would have expired anyway (expires_at), then pruned."""

    __tablename__ = "ended_login"

    login_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
