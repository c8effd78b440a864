"""Storing and reading chronologies.

The shipped chronology is curated as YAML in `questions/`; `import_shipped` validates it and stores it, so
every app process (and every app server sharing one PostgreSQL) serves the same version. Reading parses the
stored content once per process and content hash: the timeline costs one small query per request.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from .. import paths
from ..chronology.load import parse_chronology, parse_registry, read_yaml
from ..chronology.model import Chronology
from ..extensions import db
from ..models import ChronologyDocument


class ChronologyNotLoaded(LookupError):
    """The requested chronology is not in the database (run `flask --app quiz chronology load`)."""


def content_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_shipped(slug: str) -> tuple[dict[str, Any], Chronology]:
    """The shipped files for `slug`, validated: (content to store, parsed chronology)."""
    registry_file = paths.registry_path()
    chronology_file = paths.shipped_chronology_path(slug)
    registry_raw = read_yaml(registry_file)
    registry = parse_registry(registry_raw, registry_file)
    raw = read_yaml(chronology_file)
    chronology = parse_chronology(raw, registry, chronology_file)
    # Round-trip through JSON so that YAML dates (read as datetime.date) are stored as plain text.
    content = json.loads(json.dumps({"chronology": raw, "registry": registry_raw}, default=str))
    return content, chronology


def import_shipped(slug: str) -> tuple[ChronologyDocument, bool]:
    """Insert or update the stored copy of a shipped chronology; returns (document, changed).

    Flushes but does not commit: the caller (a CLI command) commits once.
    """
    content, chronology = read_shipped(slug)
    digest = content_hash(content)
    document = db.session.execute(
        db.select(ChronologyDocument).filter_by(slug=slug)
    ).scalar_one_or_none()
    if document is not None and document.content_hash == digest:
        return document, False
    if document is None:
        document = ChronologyDocument(slug=slug, origin="shipped")
        db.session.add(document)
    document.title_ar = chronology.title_ar
    document.title_en = chronology.title_en
    document.content = content
    document.content_hash = digest
    db.session.flush()
    forget_checked(slug)
    return document, True


def get_chronology(slug: str) -> Chronology:
    """The stored chronology `slug`, parsed; ChronologyNotLoaded if it has not been imported.

    Every page needs it, so a worker asks the database for its content hash at most once every
    RECHECK_SECONDS (a chronology changes when it is loaded or saved, which forgets the answer in this
    process; another worker sees the change within those seconds).
    """
    key = (str(db.engine.url), slug)
    recent = _recently_checked.get(key)
    if recent is not None and time.monotonic() - recent[0] < RECHECK_SECONDS:
        return recent[1]
    row = db.session.execute(
        db.select(ChronologyDocument.content_hash).filter_by(slug=slug)
    ).first()
    if row is None:
        raise ChronologyNotLoaded(slug)
    digest = row[0]
    chronology = _cached_by_digest.get(digest)
    if chronology is None:
        content = db.session.execute(
            db.select(ChronologyDocument.content).filter_by(slug=slug)
        ).scalar_one()
        registry = parse_registry(content["registry"], f"<database: {slug} registry>")
        chronology = parse_chronology(content["chronology"], registry, f"<database: {slug}>")
        _cached_by_digest[digest] = chronology
    _recently_checked[key] = (time.monotonic(), chronology)
    return chronology


def forget_checked(slug: str) -> None:
    """After this process changed the chronology `slug`: the next get_chronology asks the database."""
    for key in [k for k in _recently_checked if k[1] == slug]:
        del _recently_checked[key]


RECHECK_SECONDS = 2.0
_recently_checked: dict[tuple[str, str], tuple[float, Chronology]] = {}


# Parsed chronologies by content hash: content never changes under a given hash, so this cannot go stale.
_cached_by_digest: dict[str, Chronology] = {}


def list_documents() -> list[ChronologyDocument]:
    return list(db.session.execute(db.select(ChronologyDocument).order_by(ChronologyDocument.slug)).scalars())
