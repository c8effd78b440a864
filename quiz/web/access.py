"""Who may see what: the login manager's loaders and the role decorators used by every blueprint.

Where the existence of an object would leak (another learner's attempt), views answer 404, not 403.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import wraps
from typing import Callable, TypeVar

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, UserMixin, current_user, login_required
from sqlalchemy import bindparam, literal

from ..extensions import db
from ..models.user import EndedLogin, User

F = TypeVar("F", bound=Callable)


def init_login(manager: LoginManager) -> None:
    manager.login_view = "auth.login"
    manager.login_message = _l("Please log in to see this page.")
    manager.login_message_category = "info"
    # Flask-Login's own protection ("strong") dropped a student's session whenever the phone changed networks,
    # and a student has no password to log in again with. Sessions are checked by the loader instead
    # (quiz/web/sessions.py): revocable for everyone, bound to the network only for teachers.
    manager.session_protection = None
    from .sessions import load_user  # it imports this module

    manager.user_loader(load_user)


@dataclass(frozen=True, eq=False)  # eq=False: UserMixin compares users by id
class SignedIn(UserMixin):
    """Who is making this request, as `current_user`: the account's columns, not an ORM object.

    Every request of a signed-in user loads it, and the ORM's identity map and loading machinery cost more
    than the query (a sixth of a question page's time). Views pass it to services, which only read its id;
    a view that needs the account row itself loads it (`account_row()`).
    """

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    session_version: int
    # This log-in's identity as stored in the session and the remember cookie (quiz/web/sessions.py); set by
    # the loader for the request, empty in the cached copy shared by the user's log-ins.
    login_id: str = ""

    def get_id(self) -> str:  # Flask-Login stores this, and hands it back to the loader on each request
        return self.login_id or str(self.id)

    @property
    def is_active(self) -> bool:  # Flask-Login: a deactivated account is treated as signed out
        return self.active

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher"


_USERS = User.__table__
_ENDED = db.select(literal(1)).where(EndedLogin.__table__.c.login_key == bindparam("login_key")).exists()
# One statement: the account, and whether this log-in was ended by "Log out".
_SIGNED_IN = (db.select(_USERS.c.id, _USERS.c.username, _USERS.c.display_name, _USERS.c.role, _USERS.c.active,
                        _USERS.c.session_version, _ENDED.label("login_ended"))
              .where(_USERS.c.id == bindparam("id")))


# The signed-in user as last read, per database and user, for at most RECHECK_SECONDS: every request of a
# signed-in user needs it, and reading it was a statement (and on an answer, a transaction of its own before
# the write lock) per request. Nothing in the app changes a user's name, role or state today; whatever comes
# to (deactivating an account, ending its sessions) calls forget_signed_in, and other workers see the change
# within those seconds, as they do a chronology's (services/chronologies.py). Keyed by log-in too, as whether
# that log-in was ended is read with the account.
RECHECK_SECONDS = 2.0
_recently_read: dict[tuple[str, int, str], tuple[float, SignedIn | None, bool]] = {}
_REMEMBERED_LIMIT = 10_000


def signed_in(user_id: int, login_key: str = "") -> tuple[SignedIn | None, bool]:
    """The account (None if there is none) and whether the log-in `login_key` was ended."""
    key = (str(db.engine.url), user_id, login_key)
    recent = _recently_read.get(key)
    moment = time.monotonic()
    if recent is not None and moment - recent[0] < RECHECK_SECONDS:
        return recent[1], recent[2]
    row = db.session.execute(_SIGNED_IN, {"id": user_id, "login_key": login_key}).one_or_none()
    user = SignedIn(*row[:-1]) if row is not None else None
    ended = bool(row is not None and row[-1])
    if len(_recently_read) >= _REMEMBERED_LIMIT:
        _recently_read.clear()
    _recently_read[key] = (moment, user, ended)
    return user, ended


def forget_signed_in(user_id: int | None = None) -> None:
    """After this process changed a user (or, with no id, any user): the next request reads them again."""
    for key in [k for k in _recently_read if user_id is None or k[1] == user_id]:
        del _recently_read[key]


def account_row() -> User:
    """The signed-in user's row, for the few views that change the account or hand it to the ORM."""
    user = db.session.get(User, current_user.id)
    if user is None:
        abort(404)
    return user


def teacher_required(view: F) -> F:
    """Teachers only. A visitor goes to the log-in page; a signed-in learner or student gets a page (403) that
    says these pages are for teachers and how to get access (teacher_access.teachers_only_response): that the
    teachers' pages exist is no secret (the README lists them), and a bare 404 left people stuck. The guard
    runs before any object is loaded, so the page says nothing about whether a given class or set exists."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        # login_required lets OPTIONS through without a user: not a page anyone reads.
        if not current_user.is_authenticated:
            abort(404)
        if not current_user.is_teacher:
            from .teacher_access import teachers_only_response  # it imports this module

            abort(teachers_only_response())
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def owned_or_404(obj, user_id_attr: str = "user_id"):
    """Load → check ownership → act: the object if it belongs to the current user, else 404."""
    if obj is None or not current_user.is_authenticated or getattr(obj, user_id_attr) != current_user.id:
        abort(404)
    return obj
