"""Accounts: sign-up, log-in checks, teachers and their invitations."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata

from werkzeug.security import check_password_hash, generate_password_hash

from ..clock import as_utc
from ..extensions import db
from ..models.user import TeacherInvitation, User

USERNAME_RE = re.compile(r"^[\w.-]{3,40}$")  # \w includes Arabic letters: an Arabic user name is fine
INVITATION_LIFETIME = dt.timedelta(days=14)
# Checked against when a user name does not exist, so response times do not reveal which names exist.
_DUMMY_HASH = generate_password_hash("chronoquiz-timing-equaliser")


class AccountError(ValueError):
    """A sign-up or invitation that cannot go ahead; the message is safe to show."""


def normalise_username(username: str) -> str:
    return unicodedata.normalize("NFKC", username).strip().casefold()


def find_user(username: str) -> User | None:
    return db.session.execute(
        db.select(User).filter_by(username=normalise_username(username))
    ).scalar_one_or_none()


def create_user(username: str, password: str, display_name: str | None = None, *, role: str = "learner") -> User:
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise AccountError("username")
    if find_user(name) is not None:
        raise AccountError("taken")
    user = User(username=name, display_name=(display_name or username).strip()[:80], role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(username: str, password: str) -> User | None:
    """The user if the password is right and the account active; None otherwise (never says which)."""
    user = find_user(username)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def invite_teacher(inviter: User, now: dt.datetime) -> TeacherInvitation:
    if not inviter.is_teacher:
        raise AccountError("only teachers can invite teachers")
    invitation = TeacherInvitation(
        token=secrets.token_urlsafe(24), created_by_id=inviter.id, created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation


def open_invitation(token: str, now: dt.datetime) -> TeacherInvitation | None:
    """The invitation if it exists, is unused and has not expired."""
    invitation = db.session.execute(db.select(TeacherInvitation).filter_by(token=token)).scalar_one_or_none()
    if invitation is None or invitation.used_at is not None:
        return None
    return invitation if as_utc(invitation.expires_at) > now else None


def accept_invitation(token: str, username: str, password: str, display_name: str, now: dt.datetime) -> User:
    invitation = open_invitation(token, now)
    if invitation is None:
        raise AccountError("invitation")
    user = create_user(username, password, display_name, role="teacher")
    invitation.used_by_id = user.id
    invitation.used_at = now
    db.session.flush()
    return user
