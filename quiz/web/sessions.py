"""Sessions that can be ended: what Flask-Login stores for a log-in, and the checks on every request.

A log-in's identity, in the session cookie and in the remember cookie alike (Flask-Login stores whatever
`get_id()` returns and hands it back to the loader), is "<user id>:<session version>:<login key>:<issued>":

- the session version is the account's (`user.session_version`): raising it ends every log-in of the account
  at once (log out everywhere, a new personal code, removal from a class, a new password);
- the login key is random per log-in: "Log out" records it in `ended_login`, so the cookies of that one log-in,
  copied and replayed, no longer work, while the account's other devices stay logged in (a student logging out
  of a classroom computer keeps their phone). Only log-outs are written down, not log-ins: joining a class
  costs no extra write, and the table holds only the log-outs of the last REMEMBER_COOKIE_DURATION;
- issued (Unix seconds, the app's clock) bounds every log-in to REMEMBER_COOKIE_DURATION on the server too:
  a remember cookie is only an HMAC of the identity, which the browser alone would expire.

The loader reads the account and the ended flag in one statement, cached for a few seconds per worker like the
account itself (access.signed_in); a change made by this worker is seen at once (forget_signed_in).

Teachers' sessions are bound to the network and browser they logged in from (as Flask-Login's "strong"
protection did); learners' and students' are not, since a phone changes networks all day and a student has no
password to log in again with: a stolen student cookie is what "log out everywhere" and a new personal code end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, replace

from flask import current_app, request, session
from flask_login import current_user, login_user, logout_user

from ..clock import now as _now
from ..extensions import db
from ..models.user import User
from ..services import accounts
from .access import SignedIn, forget_signed_in, signed_in

# Where a teacher's session keeps the network and browser it is bound to.
NETWORK_KEY = "cq_network"
# Flask-Login's own keys, dropped when a teacher's session is refused on a new network.
_LOGIN_KEYS = ("_user_id", "_fresh", "_id", "_remember_seconds", NETWORK_KEY)


@dataclass(frozen=True)
class Identity:
    user_id: int
    version: int
    login_key: str | None  # None: a log-in made before session versions existed (a bare user id)
    issued: int | None


def parse_identity(text: str) -> Identity | None:
    if not text.isascii():  # int() reads other scripts' digits too
        return None
    parts = text.split(":")
    if len(parts) == 1 and text.isdigit() and len(text) <= 10:
        return Identity(int(text), 0, None, None)
    if len(parts) != 4 or not all(part.isalnum() and len(part) <= 32 for part in parts):
        return None
    user_id, version, login_key, issued = parts
    if not (user_id.isdigit() and version.isdigit() and issued.isdigit()) or len(user_id) > 10:
        return None
    return Identity(int(user_id), int(version), login_key, int(issued))


def login_lifetime() -> dt.timedelta:
    """REMEMBER_COOKIE_DURATION as a timedelta (the setting may be seconds, as Flask-Login allows)."""
    duration = current_app.config["REMEMBER_COOKIE_DURATION"]
    return duration if isinstance(duration, dt.timedelta) else dt.timedelta(seconds=float(duration))


def _expires_at(identity: Identity) -> dt.datetime | None:
    if identity.issued is None:
        return None
    return dt.datetime.fromtimestamp(identity.issued, dt.timezone.utc) + login_lifetime()


def load_user(text: str) -> SignedIn | None:
    """Flask-Login's user loader: the signed-in user, or None if this log-in was ended or has expired."""
    identity = parse_identity(text)
    if identity is None:
        return None
    user, ended = signed_in(identity.user_id, identity.login_key or "")
    if user is None or ended or user.session_version != identity.version:
        return None
    expires_at = _expires_at(identity)
    if expires_at is not None and expires_at <= _now():
        return None
    if not _same_network(user):
        return None
    return replace(user, login_id=text)


def _network() -> str:
    """The client's address and browser, hashed (request.remote_addr: the app's proxy settings decide it)."""
    seen = f"{request.remote_addr}|{request.headers.get('User-Agent', '')}"
    return hashlib.sha256(seen.encode()).hexdigest()[:32]


def _same_network(user: SignedIn) -> bool:
    """A teacher's session from another network or browser is dropped, remember cookie included, and the
    teacher logs in again; a session restored from the remember cookie binds to where it was restored."""
    if not user.is_teacher:
        return True
    bound = session.get(NETWORK_KEY)
    if bound is None:
        session[NETWORK_KEY] = _network()
        return True
    if bound == _network():
        return True
    for key in _LOGIN_KEYS:
        session.pop(key, None)
    session["_remember"] = "clear"  # and Flask-Login does not try the remember cookie in this request
    return False


def start_session(user: User | SignedIn, *, remember: bool = False) -> None:
    """Log `user` in on this device: a new log-in with its own key, at the account's current version."""
    issued = int(_now().timestamp())
    login_id = f"{user.id}:{user.session_version}:{secrets.token_hex(12)}:{issued}"
    leave_this_device()  # whoever was logged in here before
    if user.role == "teacher":
        session[NETWORK_KEY] = _network()
    login_user(SignedIn(user.id, user.username, user.display_name, user.role, user.active, user.session_version,
                        login_id=login_id), remember=remember)


def end_this_session() -> None:
    """"Log out": this log-in ends for good, its cookies with it; the account's other devices stay logged in."""
    identity = parse_identity(session.get("_user_id") or "")
    if identity is not None and current_user.is_authenticated:
        if identity.login_key is None:
            # A log-in from before session versions: only the account's version can end it.
            accounts.end_sessions(identity.user_id)
        else:
            accounts.end_login(identity.user_id, identity.login_key, _expires_at(identity), _now())  # type: ignore[arg-type]
        db.session.commit()
        forget_signed_in(identity.user_id)
    leave_this_device()


def leave_this_device() -> None:
    """Flask-Login's log-out (this session's keys, the remember cookie), and the network a teacher's was bound to."""
    logout_user()
    session.pop(NETWORK_KEY, None)


def keeps_remember_cookie() -> bool:
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
