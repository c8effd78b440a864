"""Previewed imports kept server-side until the teacher confirms them (issue 16, item 5).

The preview stores the set it showed (as Chronoquiz JSON) under a random token; confirming takes it back,
deleting the row in the transaction that creates the set, so a file of any size accepted by the preview can
be confirmed, and a double submission imports once. When a teacher previews, their previews older than a day,
and all but their latest few, are dropped: a teacher cannot fill the database by previewing again and again.
"""

from __future__ import annotations

import datetime as dt
import secrets

from ..extensions import db
from ..models.pending_import import PendingImport
from ..models.user import User

KEEP_FOR = dt.timedelta(days=1)
KEEP_LATEST = 5


def keep_preview(owner: User, payload: str, now: dt.datetime) -> str:
    """Store the previewed set; the token the confirm form carries."""
    db.session.execute(db.delete(PendingImport).where(PendingImport.owner_id == owner.id,
                                                      PendingImport.created_at < now - KEEP_FOR))
    token = secrets.token_urlsafe(24)
    db.session.add(PendingImport(token=token, owner_id=owner.id, payload=payload, created_at=now))
    db.session.flush()
    older = db.session.execute(db.select(PendingImport.id).filter_by(owner_id=owner.id)
                               .order_by(PendingImport.id.desc()).offset(KEEP_LATEST)).scalars().all()
    if older:
        db.session.execute(db.delete(PendingImport).where(PendingImport.id.in_(older)))
    return token


def take_preview(owner: User, token: str) -> str | None:
    """The previewed set's JSON, removed from the store (in the caller's transaction); None when the token is
    unknown, someone else's, or already taken (a double submission: only the first delete finds the row)."""
    pending = db.session.execute(
        db.select(PendingImport).filter_by(token=token[:64], owner_id=owner.id)).scalar_one_or_none()
    if pending is None:
        return None
    payload = pending.payload
    taken = db.session.execute(db.delete(PendingImport).where(PendingImport.id == pending.id)).rowcount
    return payload if taken == 1 else None
