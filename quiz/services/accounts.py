"""Accounts: sign-up, log-in checks, teachers and their invitations."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..authoring.text_rules import text_problem
from ..clock import as_utc
from ..extensions import db
from ..models.user import EndedLogin, TeacherInvitation, User
from .transactions import insert_once

USERNAME_RE = re.compile(r"^[\w.-]{3,40}$")  # \w includes Arabic letters: an Arabic user name is fine
INVITATION_LIFETIME = dt.timedelta(days=14)
# Checked against when a user name does not exist, so response times do not reveal which names exist.
_DUMMY_HASH = generate_password_hash("chronoquiz-timing-equaliser")


class AccountError(ValueError):
    """A sign-up or invitation that cannot go ahead; the message is safe to show."""


# The sign-up form's rules (quiz/web/forms.SignupForm), for the accounts made elsewhere (the command line).
DISPLAY_NAME_MAX = 80
PASSWORD_MIN, PASSWORD_MAX = 8, 200


def check_new_account(username: str, display_name: str, password: str) -> None:
    """AccountError "username", "name" or "password" unless the three would pass the sign-up form."""
    if not USERNAME_RE.match(normalise_username(username)):
        raise AccountError("username")
    if not display_name.strip() or len(display_name.strip()) > DISPLAY_NAME_MAX or text_problem(display_name):
        raise AccountError("name")
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise AccountError("password")


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


# -- sessions (the web side is quiz/web/sessions.py) ------------------------------------------------------


def end_sessions(user_id: int) -> None:
    """End every session of the account, on every device: its session version goes up by one (one UPDATE, so
    two at once both count), and cookies that carry the old version no longer sign anyone in."""
    db.session.execute(update(User).where(User.id == user_id)
                       .values(session_version=User.session_version + 1)
                       .execution_options(synchronize_session=False))
    for held in db.session.identity_map.values():
        if isinstance(held, User) and held.id == user_id:  # a view that logs in again reads the new version
            db.session.expire(held, ["session_version"])


def end_login(user_id: int, login_key: str, expires_at: dt.datetime, now: dt.datetime) -> None:
    """Record that one log-in was ended ("Log out" on its device), until it would have expired anyway; and
    forget the records of log-ins past that point. Ending it twice (a double click) records it once."""
    db.session.execute(db.delete(EndedLogin).where(EndedLogin.expires_at < now))
    insert_once(EndedLogin.__table__, {"login_key": login_key, "user_id": user_id, "expires_at": expires_at},
                unique=["login_key"])


def change_password(user: User, current: str, new: str) -> None:
    """AccountError "current" if `current` is not the account's password, "password" if `new` breaks the
    sign-up form's rules; else sets it and ends the account's sessions (a thief's included)."""
    if not user.check_password(current):
        raise AccountError("current")
    if not PASSWORD_MIN <= len(new) <= PASSWORD_MAX:
        raise AccountError("password")
    user.set_password(new)
    db.session.flush()
    end_sessions(user.id)


def has_password(user: User) -> bool:
    """Students who joined with a class code have none: they come back with their personal code."""
    return "$" in (user.password_hash or "")


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


def invitation_status(token: str, now: dt.datetime) -> str | None:
    """"open", "used" (whenever it was used), or None: no such invitation, or it expired unused."""
    invitation = db.session.execute(db.select(TeacherInvitation).filter_by(token=token)).scalar_one_or_none()
    if invitation is None:
        return None
    if invitation.used_at is not None:
        return "used"
    return "open" if as_utc(invitation.expires_at) > now else None


def open_invitation(token: str, now: dt.datetime) -> TeacherInvitation | None:
    """The invitation if it exists, is unused and has not expired."""
    invitation = db.session.execute(db.select(TeacherInvitation).filter_by(token=token)).scalar_one_or_none()
    if invitation is None or invitation.used_at is not None:
        return None
    return invitation if as_utc(invitation.expires_at) > now else None


def accept_invitation(token: str, username: str, password: str, display_name: str, now: dt.datetime) -> User:
    """The teacher account an invitation makes, once: of requests accepting it at the same moment, exactly
    one gets an account; the others get AccountError("invitation") ("used"), never a second teacher.

    The invitation is claimed by a conditional UPDATE (... WHERE used_at IS NULL) in the same transaction as
    the account's INSERT: the database lets one claim through (PostgreSQL locks the row until the winner
    commits, then re-reads used_at; SQLite lets one writer at a time). Must be the first write of its
    transaction: a refusal rolls the session back."""
    invitation = open_invitation(token, now)
    if invitation is None:
        raise AccountError("invitation")
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise AccountError("username")
    user = User(username=name, display_name=(display_name or username).strip()[:80], role="teacher")
    user.set_password(password)  # the slow hash, before any lock is held
    claimed = db.session.execute(
        update(TeacherInvitation)
        .where(TeacherInvitation.id == invitation.id, TeacherInvitation.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise AccountError("invitation")
    # Only the claim's holder gets here: whether the name is taken is asked after the claim, so that a
    # double click is told "invitation used", not "name taken" by its own first click.
    if find_user(name) is not None:
        db.session.rollback()  # gives the invitation back
        raise AccountError("taken")
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:  # the user name was taken by a sign-up that committed after the check above
        db.session.rollback()
        raise AccountError("taken") from None
    invitation.used_by_id = user.id
    invitation.used_at = now
    db.session.flush()
    return user
