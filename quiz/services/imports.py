"""Previewed imports kept server-side until the teacher confirms them (issue 16, item 5).

The preview stores the set it showed (as Chronoquiz JSON) under a random token; confirming takes it back,
deleting the row in the transaction that creates the set, so a file of any size accepted by the preview can
be confirmed, and a double submission imports once. When a teacher previews, their previews older than a day,
and all but their latest few, are dropped: a teacher cannot fill the database by previewing again and again.

A text file's bytes are kept beside its preview (a second row, token + SOURCE, base64 in JSON), so the teacher
can have it read again with another encoding (issue 17) without uploading it again; the set is what is
confirmed, never these bytes. They go with their preview: confirmed, dropped or re-read.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets

from ..extensions import db
from ..models.pending_import import PendingImport
from ..models.user import User

KEEP_FOR = dt.timedelta(days=1)
KEEP_LATEST = 5


SOURCE = ":source"
"""The suffix of the token of a kept file's bytes (a preview's token never holds a colon)."""


def keep_preview(owner: User, payload: str, now: dt.datetime, source: tuple[str, bytes] | None = None) -> str:
    """Store the previewed set, and the file it was read from (name, bytes) when given; the token the confirm
    form carries."""
    db.session.execute(db.delete(PendingImport).where(PendingImport.owner_id == owner.id,
                                                      PendingImport.created_at < now - KEEP_FOR))
    token = secrets.token_urlsafe(24)
    db.session.add(PendingImport(token=token, owner_id=owner.id, payload=payload, created_at=now))
    if source is not None:
        kept = json.dumps({"filename": source[0], "data": base64.b64encode(source[1]).decode("ascii")})
        db.session.add(PendingImport(token=token + SOURCE, owner_id=owner.id, payload=kept, created_at=now))
    db.session.flush()
    older = db.session.execute(db.select(PendingImport.token)
                               .filter_by(owner_id=owner.id).where(PendingImport.token.not_like(f"%{SOURCE}"))
                               .order_by(PendingImport.id.desc()).offset(KEEP_LATEST)).scalars().all()
    if older:
        db.session.execute(db.delete(PendingImport).where(
            PendingImport.owner_id == owner.id,
            PendingImport.token.in_([*older, *(token + SOURCE for token in older)])))
    return token


def source_of(owner: User, token: str) -> tuple[str, bytes] | None:
    """The name and bytes of the file a preview was read from, left in place; None when not kept, unknown,
    someone else's, or gone with its preview."""
    kept = db.session.execute(db.select(PendingImport.payload)
                              .filter_by(token=token[:48] + SOURCE, owner_id=owner.id)).scalar_one_or_none()
    if kept is None:
        return None
    document = json.loads(kept)
    return document["filename"], base64.b64decode(document["data"])


def drop_preview(owner: User, token: str) -> None:
    """A preview and its file's bytes removed (the file was read again under a new token)."""
    db.session.execute(db.delete(PendingImport).where(PendingImport.owner_id == owner.id,
                                                      PendingImport.token.in_([token[:48], token[:48] + SOURCE])))


def take_preview(owner: User, token: str) -> str | None:
    """The previewed set's JSON, removed from the store (in the caller's transaction); None when the token is
    unknown, someone else's, or already taken (a double submission: only the first delete finds the row)."""
    if SOURCE in token:  # a file's bytes are never confirmed as a set
        return None
    pending = db.session.execute(
        db.select(PendingImport).filter_by(token=token[:64], owner_id=owner.id)).scalar_one_or_none()
    if pending is None:
        return None
    payload = pending.payload
    taken = db.session.execute(db.delete(PendingImport).where(PendingImport.id == pending.id)).rowcount
    db.session.execute(db.delete(PendingImport).where(PendingImport.owner_id == owner.id,
                                                      PendingImport.token == pending.token + SOURCE))
    return payload if taken == 1 else None
