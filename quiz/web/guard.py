"""Limits on guessing at the doors: log-in, class code, resume code, invitation, live-lesson code.

Failures are counted per account, per device and per network (services.rate_limits, in the database so every
process agrees), never per network alone: a whole class behind one school address shares a network key whose
limit is set for a class, while each phone has its own device key (a random cookie set with the form). A
request over a limit is answered 429 with Retry-After and a page in the reader's language, before any costly
work (a password hash costs ~100 ms of CPU).
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g, make_response, render_template, request

from ..extensions import db
from ..services.rate_limits import Guard
from ..services.transactions import begin_write

DEVICE_COOKIE = "cq_device"
DEVICE_AGE = 365 * 24 * 3600

# Failures allowed per key and window. "network" is a whole school's address: set for a class of 30 mistyping.
DEFAULT_LIMITS: dict[str, dict[str, str]] = {
    "login": {"account": "10 per 15 minutes", "device": "20 per 15 minutes", "network": "300 per 15 minutes"},
    "join": {"device": "20 per 10 minutes", "network": "300 per 10 minutes"},
    "resume": {"device": "10 per 10 minutes", "network": "300 per 10 minutes"},
    "invitation": {"device": "20 per 10 minutes", "network": "300 per 10 minutes"},
    "live_code": {"device": "30 per 10 minutes", "network": "300 per 10 minutes"},
}


def _guard(name: str) -> Guard:
    rules = {**DEFAULT_LIMITS[name], **current_app.config.get("RATE_LIMITS", {}).get(name, {})}
    return Guard(name, tuple((kind, rule) for kind, rule in rules.items() if rule))


def _device() -> str:
    """This browser's device key: its cookie, or one made now (sent back with this response)."""
    device = request.cookies.get(DEVICE_COOKIE, "")
    if not (16 <= len(device) <= 64 and device.replace("-", "").replace("_", "").isalnum()):
        device = g.setdefault("new_device", secrets.token_urlsafe(18))
    return device


def _keys(account: str | None) -> dict[str, str]:
    keys = {"device": _device(), "network": request.remote_addr or "unknown"}
    if account:
        keys["account"] = account.strip().casefold()[:80]
    return keys


def refused(name: str, *, account: str | None = None) -> Response | None:
    """The 429 answer when this request's keys are over the limits of `name`; None when it may go on."""
    if not current_app.config.get("RATE_LIMITS_ENABLED", True):
        return None
    wait = _guard(name).blocked_for(_keys(account))
    if not wait:
        return None
    minutes = max(1, (wait + 59) // 60)
    response = make_response(render_template("errors/too_many.html", minutes=minutes), 429)
    response.headers["Retry-After"] = str(wait)
    return response


def failed(name: str, *, account: str | None = None) -> None:
    """Count a failure (a wrong password, an unknown code) and keep the count whatever the request does next."""
    if not current_app.config.get("RATE_LIMITS_ENABLED", True):
        return
    keys = _keys(account)
    begin_write()  # a GET (an invitation link) reads in a transaction that may not write on SQLite
    _guard(name).failed(keys)
    db.session.commit()


def succeeded(name: str, *, account: str) -> None:
    """The account's failures are forgotten once its owner gets in (the device's and network's are not)."""
    if current_app.config.get("RATE_LIMITS_ENABLED", True):
        _guard(name).forget(_keys(account), "account")  # in the log-in's transaction, which commits


def _give_device_cookie(response: Response) -> Response:
    new = g.pop("new_device", None)
    if new is not None:
        response.set_cookie(DEVICE_COOKIE, new, max_age=DEVICE_AGE, httponly=True, samesite="Lax",
                            secure=request.is_secure)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_give_device_cookie)
