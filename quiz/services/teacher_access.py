"""How people become teachers, besides the command line and colleagues' invitations (services.accounts):

- the school's first teacher, on a fresh install, from the one-time setup page. Whoever opens it proves that
  they run the server with the setup token, which the server makes when no teacher exists, prints to its log and
  keeps in a file of the instance folder (mode 0600) that only the server's account can read;
- a learner's request for teacher access, which any teacher approves (the learner becomes a teacher) or declines.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import secrets
from pathlib import Path

from flask import current_app
from sqlalchemy import update
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models.user import FirstTeacherSetup, TeacherRequest, User
from . import accounts
from .accounts import AccountError
from .transactions import insert_once

SETUP_TOKEN_FILE = "setup_token"
MESSAGE_MAX = 500


# -- the first teacher ----------------------------------------------------------------------------------------


def teacher_exists() -> bool:
    return db.session.execute(db.select(User.id).where(User.role == "teacher").limit(1)).first() is not None


def setup_open() -> bool:
    """Whether the setup page may still make a first teacher: no teacher at all, and setup never used."""
    return not teacher_exists() and db.session.get(FirstTeacherSetup, 1) is None


def setup_token_path() -> Path:
    """instance/setup_token, unless the configuration names another file (tests do)."""
    configured = current_app.config.get("SETUP_TOKEN_FILE")
    return Path(configured) if configured else Path(current_app.instance_path) / SETUP_TOKEN_FILE


def announce_setup_token(path: Path, *, echo=None) -> str:
    """Make the setup token if there is none, and say where it is: in the server's log (or through `echo`, the
    command line's) when it was just made, so that whoever runs the server can read it there."""
    token, made = ensure_setup_token(path)
    if made:
        message = (f"No teacher account exists yet. To create the first one, open /setup and enter this setup "
                   f"token: {token} (also in {path}; or run: flask --app quiz users create-teacher NAME)")
        (echo or current_app.logger.warning)(message)
    return token


def ensure_setup_token(path: Path) -> tuple[str, bool]:
    """The setup token kept at `path`, made now if there is none; and whether it was made by this call.

    Written to a private temporary file, then linked into place: link() fails when the file exists, so of two
    server processes making one at the same moment, one wins and the other reads the winner's, complete."""
    existing = read_setup_token(path)
    if existing:
        return existing, False
    token = secrets.token_urlsafe(24)
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(token)
    try:
        os.link(draft, path)
    except FileExistsError:
        return read_setup_token(path) or token, False
    finally:
        draft.unlink()
    return token, True


def read_setup_token(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip() or None
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def setup_token_matches(path: Path, given: str) -> bool:
    token = read_setup_token(path)
    return token is not None and hmac.compare_digest(token.encode(), given.strip().encode("utf-8", "replace"))


def discard_setup_token(path: Path) -> None:
    """Once a teacher exists the token opens nothing; the file goes too, so nobody mistakes it for a secret."""
    path.unlink(missing_ok=True)


def create_first_teacher(username: str, password: str, display_name: str, now: dt.datetime) -> User:
    """The school's first teacher, once: of setup forms sent at the same moment, exactly one makes a teacher,
    the others get AccountError("setup done"), as does any form sent once a teacher exists (made here, by the
    command line, an invitation or the demo data).

    The claim is the INSERT of first_teacher_setup's single row (ON CONFLICT DO NOTHING: PostgreSQL makes a
    second insert wait for the first's commit, SQLite has one writer at a time). Must be the first write of
    its transaction: a refusal rolls the session back."""
    accounts.check_new_account(username, display_name, password)
    name = accounts.normalise_username(username)
    user = User(username=name, display_name=display_name.strip(), role="teacher")
    user.set_password(password)  # the slow hash, before the claim holds any lock
    claimed = insert_once(FirstTeacherSetup.__table__, {"id": 1, "completed_at": now, "teacher_id": None}, ["id"])
    if not claimed or teacher_exists():
        db.session.rollback()
        raise AccountError("setup done")
    if accounts.find_user(name) is not None:  # a learner's name: the claim goes back with the rollback
        db.session.rollback()
        raise AccountError("taken")
    db.session.add(user)
    db.session.flush()
    db.session.execute(update(FirstTeacherSetup).where(FirstTeacherSetup.id == 1).values(teacher_id=user.id)
                       .execution_options(synchronize_session=False))
    return user


# -- requests for teacher access ----------------------------------------------------------------------------


def joined_with_a_code(user: User) -> bool:
    """A student who joined a class with its code has no password, so no account of their own to promote."""
    return user.password_hash == "!"


def request_of(user_id: int) -> TeacherRequest | None:
    return db.session.execute(db.select(TeacherRequest).filter_by(user_id=user_id)).scalar_one_or_none()


def request_teacher_access(user: User, message: str, now: dt.datetime) -> tuple[TeacherRequest, bool]:
    """The learner's request and whether this call changed anything: a request that waits stays as it was (a
    second submission, a double click), a declined one waits again with the new message. Refused
    (AccountError "teacher", "student") to teachers and to students who joined with a class code."""
    if user.is_teacher:
        raise AccountError("teacher")
    if joined_with_a_code(user):
        raise AccountError("student")
    values = {"user_id": user.id, "message": message.strip()[:MESSAGE_MAX], "status": "pending", "created_at": now}
    changed = insert_once(TeacherRequest.__table__, values, ["user_id"])
    if not changed:
        reopened = db.session.execute(
            update(TeacherRequest)
            .where(TeacherRequest.user_id == user.id, TeacherRequest.status == "declined")
            .values(message=values["message"], status="pending", created_at=now, decided_at=None, decided_by_id=None)
            .execution_options(synchronize_session=False)
        )
        changed = reopened.rowcount == 1
    request = request_of(user.id)
    assert request is not None
    db.session.refresh(request)
    return request, changed


def pending_requests() -> list[TeacherRequest]:
    return list(db.session.scalars(
        db.select(TeacherRequest).where(TeacherRequest.status == "pending")
        .options(selectinload(TeacherRequest.user))
        .order_by(TeacherRequest.created_at, TeacherRequest.id)
    ))


def pending_count() -> int:
    return db.session.execute(
        db.select(db.func.count()).select_from(TeacherRequest).where(TeacherRequest.status == "pending")
    ).scalar_one()


def recent_decisions(limit: int = 10) -> list[TeacherRequest]:
    return list(db.session.scalars(
        db.select(TeacherRequest).where(TeacherRequest.status != "pending")
        .options(selectinload(TeacherRequest.user), selectinload(TeacherRequest.decided_by))
        .order_by(TeacherRequest.decided_at.desc(), TeacherRequest.id.desc()).limit(limit)
    ))


def decide_request(request_id: int, teacher_id: int, approve: bool, now: dt.datetime) -> TeacherRequest | None:
    """Approve (the learner becomes a teacher) or decline a waiting request; None if there is no such request.

    The decision is a conditional UPDATE (... WHERE status = 'pending'): of two teachers deciding at once, or a
    double click, one decides and the other gets AccountError("decided"), with nothing changed. The decider's
    role is checked in the same transaction, so a learner can never decide (the views check it first)."""
    decider = db.session.get(User, teacher_id)
    if decider is None or not decider.is_teacher:
        raise AccountError("teacher only")
    request = db.session.get(TeacherRequest, request_id)
    if request is None:
        return None
    decided = db.session.execute(
        update(TeacherRequest)
        .where(TeacherRequest.id == request_id, TeacherRequest.status == "pending")
        .values(status="approved" if approve else "declined", decided_at=now, decided_by_id=teacher_id)
        .execution_options(synchronize_session=False)
    )
    if decided.rowcount != 1:
        db.session.rollback()
        raise AccountError("decided")
    if approve:
        db.session.execute(update(User).where(User.id == request.user_id, User.role == "learner")
                           .values(role="teacher").execution_options(synchronize_session=False))
    db.session.refresh(request)
    return request
