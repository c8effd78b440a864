"""Who may see what: the login manager's loaders and the role decorators used by every blueprint.

Where the existence of an object would leak (another learner's attempt), views answer 404, not 403.
"""

from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_required

from ..extensions import db
from ..models.user import User

F = TypeVar("F", bound=Callable)


def init_login(manager: LoginManager) -> None:
    manager.login_view = "auth.login"
    manager.login_message = _l("Please log in to see this page.")
    manager.login_message_category = "info"
    manager.session_protection = "strong"

    @manager.user_loader
    def load_user(user_id: str) -> User | None:
        if not user_id.isdigit():
            return None
        return db.session.get(User, int(user_id))


def teacher_required(view: F) -> F:
    """Teachers only; everyone else gets a 404, so students cannot even learn that the page exists."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        # getattr: login_required lets OPTIONS through without a user, whose anonymous stand-in has no role.
        if not getattr(current_user, "is_teacher", False):
            abort(404)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def owned_or_404(obj, user_id_attr: str = "user_id"):
    """Load → check ownership → act: the object if it belongs to the current user, else 404."""
    if obj is None or not current_user.is_authenticated or getattr(obj, user_id_attr) != current_user.id:
        abort(404)
    return obj
