"""From an article a teacher brings to a chronology of their own: read, extract, review, save.

The saved chronology has the same shape as the shipped one and goes through the same validating loader,
so questions are generated from it exactly as from the shipped chronology.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import paths
from ..authoring.text_rules import text_problem
from ..chronology.load import ChronologyError, parse_chronology, parse_registry, read_yaml
from ..chronology.model import Entity, InvalidDate, PartialDate, Qualifier
from ..extensions import db
from ..models.article import ArticleDraft
from ..models.chronology import ChronologyDocument
from ..models.user import User
from .chronologies import content_hash

if TYPE_CHECKING:
    from ..chronology.extract import Candidate

MAX_ARTICLE_BYTES = 200_000
MAX_TITLE = 200


class ArticleError(ValueError):
    """Why an article cannot be used; `str()` is a key the view translates: empty, binary, encoding, size,
    no_dates, nothing_accepted, invalid."""

    def __init__(self, key: str, detail: str = ""):
        self.key = key
        self.detail = detail
        super().__init__(key)


def decode_upload(data: bytes) -> str:
    """The text of an uploaded .txt file: UTF-8 (a BOM is fine), not binary, not too large."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError("size")
    if b"\x00" in data:
        raise ArticleError("binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError("encoding", str(error.start)) from None  # the first bad byte, for the message


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, Any], dict[str, Entity]]:
    raw = read_yaml(paths.registry_path())
    return raw, parse_registry(raw, paths.registry_path())


def candidates_in(draft: ArticleDraft) -> list[Candidate]:
    """The draft's candidates: those kept with it, else (a draft from before they were kept) found now and set
    on the draft, kept when the request commits."""
    # Imported here: the extractor's compiled patterns cost every server worker memory, and only the
    # article pages, used by few, need them.
    from ..chronology.extract import Candidate, extract_events

    if draft.candidates is not None:
        return [Candidate.from_contract(item) for item in draft.candidates]
    found = extract_events(draft.text, doc=draft.title, registry=_registry()[1], default_year=draft.default_year)
    draft.candidates = [candidate.to_contract() for candidate in found]
    return found


def create_draft(owner: User, title: str, text: str, default_year: int | None, now: dt.datetime) -> ArticleDraft:
    """Keep the article for review, unless it is empty, too long or states no date at all."""
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise ArticleError("empty")
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise ArticleError("size")
    draft = ArticleDraft(owner_id=owner.id, title=(title.strip() or text.strip().splitlines()[0])[:MAX_TITLE],
                         text=text, default_year=default_year, created_at=now)
    if not candidates_in(draft):
        raise ArticleError("no_dates")
    db.session.add(draft)
    db.session.flush()
    return draft


def draft_for(draft_id: int, owner_id: int) -> ArticleDraft | None:
    return db.session.execute(db.select(ArticleDraft).filter_by(id=draft_id, owner_id=owner_id)).scalar_one_or_none()


@dataclass(frozen=True)
class ReviewedEvent:
    """A candidate as the teacher accepted (and perhaps corrected) it."""

    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    qualifier: str | None
    title_ar: str
    summary_ar: str
    title_en: str = ""
    summary_en: str = ""
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    note: str | None = None


def review_problems(event: ReviewedEvent) -> list[str]:
    """What is wrong with one reviewed event: keys the view translates ("date", "title", "summary"), and the
    message (quiz.messages.Message) of a hidden character in a title or a summary (quiz.authoring.text_rules)."""
    problems: list[str] = []
    for text, multiline in ((event.title_ar, False), (event.title_en, False), (event.summary_ar, True),
                            (event.summary_en, True)):
        hidden = text_problem(text or "", multiline=multiline)
        if hidden is not None and hidden.code != "empty":
            problems.append(hidden.message)
            break
    try:
        PartialDate.parse(event.date, Qualifier(event.qualifier) if event.qualifier else None)
    except (InvalidDate, ValueError):
        problems.append("date")
    if not event.title_ar.strip():
        problems.append("title")
    if not event.summary_ar.strip():
        problems.append("summary")
    return problems


def build_content(draft: ArticleDraft, slug: str, events: list[ReviewedEvent]) -> dict[str, Any]:
    """The chronology document, in the shipped file's schema (English falls back to the Arabic text)."""
    years = [int(e.date[:4]) for e in events]
    registry_raw, _ = _registry()
    raw_events = []
    for number, event in enumerate(events, start=1):
        raw_events.append({
            "id": f"event-{number}", "date": event.date, "qualifier": event.qualifier or None,
            "title_ar": event.title_ar.strip(), "title_en": (event.title_en or event.title_ar).strip(),
            "summary_ar": event.summary_ar.strip(), "summary_en": (event.summary_en or event.summary_ar).strip(),
            "era": "article", "actors": list(event.actors), "places": list(event.places), "importance": 2,
            "sources": [{"doc": "article", "note": event.note}],
        })
    chronology = {
        "schema_version": 1, "id": slug, "title_ar": draft.title[:300], "title_en": draft.title[:300],
        "sources": [{"id": "article", "file": draft.title[:200], "title_ar": draft.title, "title_en": draft.title,
                     "short_ar": draft.title[:60], "short_en": draft.title[:60]}],
        "eras": [{"id": "article", "title_ar": draft.title[:300], "title_en": draft.title[:300],
                  "start_year": min(years), "end_year": max(years)}],
        "events": raw_events,
    }
    return {"chronology": chronology, "registry": registry_raw}


def save_chronology(owner: User, draft: ArticleDraft, events: list[ReviewedEvent]) -> ChronologyDocument:
    """Validate the reviewed events as a chronology and store it as the teacher's own; the draft goes."""
    if not events:
        raise ArticleError("nothing_accepted")
    slug = f"t{owner.id}-{secrets.token_hex(4)}"
    content = build_content(draft, slug, events)
    try:
        chronology = parse_chronology(content["chronology"], _registry()[1], f"<article {draft.title}>")
    except ChronologyError as error:
        raise ArticleError("invalid", str(error)) from None
    document = ChronologyDocument(slug=slug, origin="teacher", owner_id=owner.id, title_ar=chronology.title_ar,
                                  title_en=chronology.title_en, content=content, content_hash=content_hash(content))
    db.session.add(document)
    db.session.delete(draft)
    db.session.flush()
    return document


def chronologies_of(owner_id: int) -> list[ChronologyDocument]:
    return list(db.session.execute(
        db.select(ChronologyDocument).filter_by(owner_id=owner_id).order_by(ChronologyDocument.id.desc())
    ).scalars())


def chronology_for_teacher(slug: str, owner_id: int) -> ChronologyDocument | None:
    return db.session.execute(
        db.select(ChronologyDocument).filter_by(slug=slug, owner_id=owner_id)
    ).scalar_one_or_none()
