"""The current time, injectable: tests set `app.config["CLOCK"]` to a callable returning an aware datetime."""

from __future__ import annotations

import datetime as dt

from flask import current_app


def now() -> dt.datetime:
    clock = current_app.config.get("CLOCK")
    moment = clock() if clock else dt.datetime.now(dt.timezone.utc)
    if moment.tzinfo is None:
        raise ValueError("the clock must give timezone-aware datetimes")
    return moment


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored datetime as aware UTC: SQLite hands back naive datetimes (they were stored in UTC)."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment
