"""From an article a teacher brings to a chronology of their own: read, extract, review, save.

The saved chronology has the same shape as the shipped one and goes through the same validating loader,
so questions are generated from it exactly as from the shipped chronology.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import paths
from ..authoring.model import SetData
from ..authoring.text_rules import text_problem
from ..chronology.arabic_dates import normalise_arabic
from ..chronology.load import ChronologyError, parse_chronology, parse_registry, read_yaml
from ..chronology.model import WHO_RELATIONS, Entity, InvalidDate, PartialDate, Qualifier
from ..chronology.unread import REFERENCE_RE
from ..extensions import db
from ..generate import NotEnoughEvents, QuizRequest
from ..i18n import in_arabic_script
from ..models.article import ArticleDraft
from ..models.attempt import ReviewCard
from ..models.chronology import ChronologyDocument, ChronologyVersion
from ..models.question_set import QuestionSet
from ..models.user import User
from .chronologies import content_hash, forget_checked
from .question_sets import add_generated, create_set

if TYPE_CHECKING:
    from ..chronology.extract import Candidate

MAX_ARTICLE_BYTES = 200_000
MAX_TITLE = 200


class ArticleError(ValueError):
    """Why an article cannot be used; `str()` is a key the view translates: empty, binary, encoding, size,
    no_dates, nothing_accepted, invalid, quote (a quoted passage the article does not contain), stale (an edit of
    a version that is no longer the latest)."""

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


def shipped_registry() -> dict[str, Entity]:
    """The registry a new chronology is checked against (its people and places are what events may name)."""
    return _registry()[1]


def quiz_from_chronology(owner: User, document: ChronologyDocument, count: int, now: dt.datetime
                         ) -> tuple[QuestionSet, int]:
    """A new set with up to `count` questions generated from the teacher's chronology (fewer when it has too
    few events for more; none when it has too few for any): (the set, how many questions)."""
    chronology = _validated(document.content, f"chronology {document.slug}")
    question_set = create_set(owner, SetData(title=document.title_ar[:200], language="ar"), now)
    try:
        made = add_generated(question_set, chronology, QuizRequest(count=count), now)
    except NotEnoughEvents as exc:
        made = add_generated(question_set, chronology, QuizRequest(count=exc.made), now) if exc.made else 0
    return question_set, made


def candidates_in(draft: ArticleDraft) -> list[Candidate]:
    """The draft's candidates: those kept with it, else (a draft from before they were kept) found now and set
    on the draft, kept when the request commits."""
    # Imported here: the extractor's compiled patterns cost every server worker memory, and only the
    # article pages, used by few, need them.
    from ..chronology.extract import Candidate, extract_events

    if draft.candidates is not None:
        return [Candidate.from_contract(item) for item in draft.candidates]
    unread: list[tuple[int, int, int]] = []
    found = extract_events(draft.text, doc=draft.title, registry=_registry()[1], default_year=draft.default_year,
                           unread=unread)
    # Each with what the review proposes for it (default_fields), worked out once with the candidates.
    draft.candidates = [dict(candidate.to_contract(), proposal=_proposal(candidate, draft.text)) for candidate in found]
    draft.unread = [list(span) for span in unread]
    return found


def unread_marks(draft: ArticleDraft) -> list[tuple[int, int, int]]:
    """What the extractor left unread in the draft's article, (start, end, year) each: a year, or (year 0) words
    that point back to a date. Checked against the text: a stored value is data, and a span outside the text, or
    not on a number or such words, is dropped, never shown."""
    marks = []
    for item in draft.unread or []:
        if not (isinstance(item, list) and len(item) == 3 and all(type(x) is int for x in item)
                and 0 <= item[0] < item[1] <= len(draft.text)):
            continue
        words = draft.text[item[0]:item[1]]
        if (item[2] > 0 and words.strip().isdigit()) or (item[2] == 0 and REFERENCE_RE.fullmatch(words)):
            marks.append((item[0], item[1], item[2]))
    return marks


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


MAX_TITLE_CHARS = 200  # an event's title: short, so a question can quote it
MAX_SUMMARY_CHARS = 600  # the loader's limit for any text of the chronology
LOW_CONFIDENCE = 0.7  # candidates below this are flagged for a careful look
TITLE_WORDS_CHARS = 80  # a default title is the clause cut at a word boundary near this length


@dataclass(frozen=True)
class ReviewedWho:
    """The person a "who" question about the event asks for, as the teacher confirmed it."""

    person: str  # a registry id among the event's actors
    relation: str  # one of WHO_RELATIONS (from the proposal: quiz.chronology.who_verbs)
    does_ar: str  # what they did, without their name: «أعلن فوزه في الانتخابات»
    does_en: str = ""  # empty: the Arabic, as for titles and summaries


@dataclass(frozen=True)
class ReviewedEvent:
    """A candidate (or a saved event) as the teacher accepted and perhaps corrected it."""

    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    qualifier: str | None
    title_ar: str
    summary_ar: str
    title_en: str = ""
    summary_en: str = ""
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    note: str | None = None
    event_id: str | None = None  # the saved event this is, kept across versions (spaced review keys on it)
    end: str | None = None  # the last date of a range: the event is then a period
    era: str = ""  # the era's name as the teacher wrote it; empty: the chronology's one era
    who: ReviewedWho | None = None  # only when the teacher confirmed one: the event then gets "who" questions


def default_fields(candidate: Candidate, draft: ArticleDraft, index: int) -> dict[str, Any]:
    """What the review screen proposes for a candidate: title_ar, title_en, actors, places and proposed (new
    people or places for the teacher to confirm, each {"kind", "name_ar", "name_en", "role"}).

    From quiz.chronology.titles: a short title in our own words where a verb template fits, never holding the
    date it will be asked about; actors linked with evidence in the clause. Worked out once, when the draft's
    candidates are found, and kept beside each (`candidates_in`); a draft kept before that works it out here.
    `index`: the candidate's place in `candidates_in(draft)`, which keeps the stored order."""
    stored = draft.candidates or []
    item = stored[index] if 0 <= index < len(stored) else {}
    if item.get("start") == candidate.start and item.get("end") == candidate.end and "proposal" in item:
        return dict(item["proposal"])
    return _proposal(candidate, draft.text)


# The registry's kinds for a new entity the titles module proposes ("group": an organisation).
_REGISTRY_KIND = {"person": "person", "place": "place", "group": "organisation"}


def _proposal(candidate: Candidate, text: str) -> dict[str, Any]:
    from ..chronology.titles import NO_TITLE, propose  # with the extractor: only the article pages need it

    found = propose(candidate, text, _registry()[1])
    title = found.title_ar
    if title == NO_TITLE:  # nothing but a date and particles: the clause itself, for the teacher to shorten
        title = cut_at_word(_without_loose_words(candidate.text_ar) or candidate.text_ar.strip(), TITLE_WORDS_CHARS)
    proposed = [{"kind": _REGISTRY_KIND.get(str(p.kind), "organisation"), "name_ar": p.name_ar, "name_en": "",
                 "role": ""} for p in found.proposed]
    return {"title_ar": title, "title_en": found.title_en or "", "actors": list(found.actor_ids),
            "places": list(found.place_ids), "proposed": proposed,
            "who": None if found.who is None else found.who.to_dict()}


# Words left hanging where the date was cut out ("في ... فاز" → "فاز"): connectors and the words that introduce a
# date. Only at the ends of the title: inside it they belong to the sentence.
_LOOSE_WORDS = frozenset({"في", "وفي", "و", "ف", "ثم", "عام", "سنة", "يوم", "بتاريخ", "منذ", "خلال", "حتى", "من",
                          "وفى", "فى", "العام", "شهر", "مطلع", "أواخر", "أوائل", "منتصف"})
_PUNCTUATION = " ،,.؛:-–—"


def _without_loose_words(text: str) -> str:
    words = [w for w in text.split() if w.strip(_PUNCTUATION)]
    while words and words[0].strip(_PUNCTUATION) in _LOOSE_WORDS:
        words.pop(0)
    while words and words[-1].strip(_PUNCTUATION) in _LOOSE_WORDS:
        words.pop()
    return " ".join(words).strip(_PUNCTUATION)


def cut_at_word(text: str, limit: int) -> str:
    """`text` if short enough, else its words up to `limit` characters and an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ،,.؛:") + "…"


def review_problems(event: ReviewedEvent, registry: Mapping[str, Entity] | None = None) -> list[str]:
    """What is wrong with one reviewed event: keys the view translates ("date", "end", "title", "summary",
    "long", and for its "who": "who_person", "who_relation", "who_does", "who_name"), and the message
    (quiz.messages.Message) of a hidden character in a text (quiz.authoring.text_rules)."""
    problems: list[str] = []
    who_texts = ((event.who.does_ar, False), (event.who.does_en, False)) if event.who else ()
    for text, multiline in ((event.title_ar, False), (event.title_en, False), (event.summary_ar, True),
                            (event.summary_en, True), (event.era, False), *who_texts):
        hidden = text_problem(text or "", multiline=multiline)
        if hidden is not None and hidden.code != "empty":
            problems.append(hidden.message)
            break
    date = _parsed_date(event.date, event.qualifier)
    if date is None:
        problems.append("date")
    if event.end:
        end = _parsed_date(event.end, None)
        if end is None or (date is not None and end.latest <= date.earliest):
            problems.append("end")
    if not event.title_ar.strip():
        problems.append("title")
    if not event.summary_ar.strip():
        problems.append("summary")
    if len(event.title_ar) > MAX_TITLE_CHARS or len(event.title_en) > MAX_TITLE_CHARS \
            or len(event.summary_ar) > MAX_SUMMARY_CHARS or len(event.summary_en) > MAX_SUMMARY_CHARS \
            or len(event.era) > MAX_TITLE_CHARS:
        problems.append("long")
    if event.who is not None:
        problems += who_problems(event.who, event.actors, registry)
    return problems


def who_problems(who: ReviewedWho, actors: Sequence[str], registry: Mapping[str, Entity] | None) -> list[str]:
    """A confirmed "who" names one of the event's people (a registry person with a role, whom the other options
    share) and says what they did without their name (else the question gives its answer away)."""
    problems: list[str] = []
    person = registry.get(who.person) if registry is not None else None
    if who.person not in actors or (registry is not None and (person is None or person.kind != "person"
                                                               or not person.roles)):
        problems.append("who_person")
    if who.relation not in WHO_RELATIONS:
        problems.append("who_relation")
    if not who.does_ar.strip():
        problems.append("who_does")
    elif len(who.does_ar) > MAX_TITLE_CHARS or len(who.does_en) > MAX_TITLE_CHARS:
        problems.append("long")
    if person is not None:
        phrase = normalise_arabic(who.does_ar)
        english = who.does_en.casefold()
        if any(normalise_arabic(n) in phrase for n in person.all_names_ar() if n.strip()) or any(
                n.casefold() in english for n in (person.name_en, *person.aliases_en) if n.strip()):
            problems.append("who_name")
    return problems


def _parsed_date(text: str, qualifier: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(text, Qualifier(qualifier) if qualifier else None)
    except (InvalidDate, ValueError):
        return None


def merged(kept: ReviewedEvent, other: ReviewedEvent) -> ReviewedEvent:
    """Two reviewed events that are one event: `kept` stays, with the other's text, people, places and source
    note added (nothing the teacher wrote is lost)."""
    summary = kept.summary_ar if other.summary_ar.strip() in kept.summary_ar else \
        f"{kept.summary_ar.rstrip()} {other.summary_ar.strip()}"
    notes = [n for n in (kept.note, other.note) if n]
    return replace(kept, summary_ar=summary,
                   summary_en=kept.summary_en or other.summary_en,
                   actors=tuple(dict.fromkeys(kept.actors + other.actors)),
                   places=tuple(dict.fromkeys(kept.places + other.places)),
                   note=_join_notes(notes), who=kept.who or other.who)


def _join_notes(notes: list[str]) -> str | None:
    """Two source notes in one: joined with the Arabic semicolon when they are Arabic (the notes an article's
    review saves are), else with the Latin one."""
    unique = list(dict.fromkeys(notes))
    if not unique:
        return None
    return ("؛ " if all(in_arabic_script(n) for n in unique) else "; ").join(unique)


def locate_quote(article: str, quote: str, start: int | None, end: int | None) -> tuple[int, int]:
    """Where a quoted passage is in the article: the offsets a selection gave, when they hold exactly that
    text, else its first occurrence; ArticleError("quote") when the article does not contain it."""
    quote = quote.strip()
    if not quote:
        raise ArticleError("quote")
    if start is not None and end is not None and 0 <= start < end <= len(article) \
            and article[start:end].strip() == quote:
        return start, end
    found = article.find(quote)
    if found < 0:
        raise ArticleError("quote")
    return found, found + len(quote)


def _era_ids(events: list[ReviewedEvent], previous: list[dict[str, Any]], default_name: str) -> dict[str, str]:
    """Era name → id: an era keeps its id across versions while its name stays; new names get new ids."""
    by_name = {era["title_ar"]: era["id"] for era in previous}
    used = set(by_name.values())
    ids: dict[str, str] = {}
    for event in events:
        name = event.era.strip() or default_name
        if name in ids:
            continue
        era_id = by_name.get(name)
        if era_id is None:
            era_id = "article" if "article" not in used else f"era-{secrets.token_hex(3)}"
            used.add(era_id)
        ids[name] = era_id
    return ids


def _new_event_id() -> str:
    # Random rather than numbered: an id is never reused, so a deleted event's review cards (or a restored
    # old version) can never attach to a different event.
    return f"e-{secrets.token_hex(4)}"


def new_entities(proposals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Registry entries for the people and places the teacher confirmed (they become options of "who" questions
    about the roles they are given)."""
    entries = []
    for proposal in proposals:
        entry: dict[str, Any] = {"id": proposal.get("id") or f"new-{secrets.token_hex(4)}",
                                 "kind": proposal["kind"], "name_ar": proposal["name_ar"].strip(),
                                 "name_en": (proposal.get("name_en") or proposal["name_ar"]).strip()}
        if proposal.get("role"):
            entry["roles"] = [proposal["role"]]
        entries.append(entry)
    return entries


def build_content(title: str, slug: str, events: list[ReviewedEvent], *, registry: dict[str, Any] | None = None,
                  previous_eras: Sequence[dict[str, Any]] = (), added: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """The chronology document, in the shipped file's schema (English falls back to the Arabic text).

    `registry` is the registry the chronology was checked against (the shipped one for a new chronology);
    `added` are entries the teacher confirmed, appended to it."""
    registry_raw = dict(registry if registry is not None else _registry()[0])
    if added:
        registry_raw["entities"] = list(registry_raw["entities"]) + list(added)
    eras = _era_ids(events, list(previous_eras), title[:300])
    raw_events = []
    # In date order (stable): an event added from the article, or redated, takes its place on the timeline.
    for event in sorted(events, key=_earliest):
        raw: dict[str, Any] = {
            "id": event.event_id or _new_event_id(), "date": event.date, "qualifier": event.qualifier or None,
            "title_ar": event.title_ar.strip(), "title_en": (event.title_en or event.title_ar).strip(),
            "summary_ar": event.summary_ar.strip(), "summary_en": (event.summary_en or event.summary_ar).strip(),
            "era": eras[event.era.strip() or title[:300]], "actors": list(event.actors),
            "places": list(event.places), "importance": 2, "sources": [{"doc": "article", "note": event.note}],
        }
        if event.end:
            raw.update(kind="period", end=event.end)
        if event.who is not None:
            raw["who"] = {"person": event.who.person, "relation": event.who.relation,
                          "does_ar": event.who.does_ar.strip(),
                          "does_en": (event.who.does_en or event.who.does_ar).strip(), "sources": ["article"]}
        raw_events.append(raw)
    era_list = []
    for name, era_id in eras.items():
        years = [int(e.date[:4]) for e in events if (e.era.strip() or title[:300]) == name]
        years += [int(e.end[:4]) for e in events if e.end and (e.era.strip() or title[:300]) == name]
        era_list.append({"id": era_id, "title_ar": name, "title_en": name, "start_year": min(years),
                         "end_year": max(years)})
    chronology = {
        "schema_version": 1, "id": slug, "title_ar": title[:300], "title_en": title[:300],
        "sources": [{"id": "article", "file": title[:200], "title_ar": title, "title_en": title,
                     "short_ar": title[:60], "short_en": title[:60]}],
        "eras": era_list,
        "events": raw_events,
    }
    return {"chronology": chronology, "registry": registry_raw}


def _earliest(event: ReviewedEvent) -> tuple[int, int, int]:
    date = _parsed_date(event.date, event.qualifier)
    return (date.earliest.year, date.earliest.month, date.earliest.day) if date else (0, 0, 0)


def _validated(content: dict[str, Any], where: str) -> Any:
    try:
        registry = parse_registry(content["registry"], f"<{where} registry>")
        return parse_chronology(content["chronology"], registry, f"<{where}>")
    except ChronologyError as error:
        raise ArticleError("invalid", str(error)) from None


def save_chronology(owner: User, draft: ArticleDraft, events: list[ReviewedEvent], now: dt.datetime, *,
                    added: Sequence[dict[str, Any]] = ()) -> ChronologyDocument:
    """Validate the reviewed events as a chronology and store it as the teacher's own (version 1, with the
    article kept to add events from later); the draft goes."""
    if not events:
        raise ArticleError("nothing_accepted")
    slug = f"t{owner.id}-{secrets.token_hex(4)}"
    content = build_content(draft.title, slug, events, added=added)
    chronology = _validated(content, f"article {draft.title}")
    document = ChronologyDocument(slug=slug, origin="teacher", owner_id=owner.id, title_ar=chronology.title_ar,
                                  title_en=chronology.title_en, content=content, content_hash=content_hash(content),
                                  article=draft.text, from_draft=draft.id)
    db.session.add(document)
    db.session.flush()
    db.session.add(ChronologyVersion(chronology_id=document.id, number=1, content=content,
                                     content_hash=document.content_hash, created_at=now))
    db.session.delete(draft)
    db.session.flush()
    return document


def saved_from_draft(draft_id: int, owner_id: int) -> ChronologyDocument | None:
    """The chronology this teacher already saved from the draft (a review sent twice finds it)."""
    return db.session.execute(
        db.select(ChronologyDocument).filter_by(from_draft=draft_id, owner_id=owner_id)
    ).scalar_one_or_none()


def latest_number(document: ChronologyDocument) -> int:
    """The number of the chronology's current version (0 for one saved before chronologies had versions)."""
    return document.versions[-1].number if document.versions else 0


def update_chronology(document: ChronologyDocument, events: list[ReviewedEvent], now: dt.datetime, *,
                      seen_version: int, added: Sequence[dict[str, Any]] = ()) -> ChronologyVersion | None:
    """Save an edit as the chronology's next version; None when it changes nothing (the same edit sent twice).

    `seen_version` is the version the teacher edited: an edit of an older one (another tab saved since) is
    refused with ArticleError("stale") rather than silently undoing that save. Events keep their ids; the
    review cards of events the edit deletes are dropped, so no learner is asked about an event that is gone."""
    if not events:
        raise ArticleError("nothing_accepted")
    old = document.content["chronology"]
    content = build_content(old["title_ar"], document.slug, events, registry=document.content["registry"],
                            previous_eras=old["eras"], added=added)
    if content_hash(content) == document.content_hash:
        return None  # nothing changed, or this very edit was saved a moment ago (a double click)
    if seen_version != latest_number(document):
        raise ArticleError("stale")
    _validated(content, f"chronology {document.slug}")
    return _store_version(document, content, now)


def _store_version(document: ChronologyDocument, content: dict[str, Any], now: dt.datetime
                   ) -> ChronologyVersion | None:
    digest = content_hash(content)
    if digest == document.content_hash:
        return None
    if not document.versions:  # saved before versions: its content becomes version 1
        db.session.add(ChronologyVersion(chronology_id=document.id, number=1, content=document.content,
                                         content_hash=document.content_hash, created_at=now))
        db.session.flush()
        db.session.refresh(document, ["versions"])
    gone = {e["id"] for e in document.content["chronology"]["events"]} - \
        {e["id"] for e in content["chronology"]["events"]}
    version = ChronologyVersion(chronology_id=document.id, number=latest_number(document) + 1, content=content,
                                content_hash=digest, created_at=now)
    db.session.add(version)
    document.content, document.content_hash = content, digest
    if gone:
        db.session.execute(db.delete(ReviewCard).where(ReviewCard.chronology_slug == document.slug,
                                                       ReviewCard.event_id.in_(sorted(gone))))
    db.session.flush()
    db.session.refresh(document, ["versions"])
    forget_checked(document.slug)
    return version


def restore_version(document: ChronologyDocument, number: int, now: dt.datetime) -> ChronologyVersion | None:
    """Make an earlier version's content the current one, as a new version (history is never rewritten)."""
    old = next((v for v in document.versions if v.number == number), None)
    if old is None:
        raise ArticleError("invalid", str(number))
    return _store_version(document, old.content, now)


def chronologies_of(owner_id: int) -> list[ChronologyDocument]:
    return list(db.session.execute(
        db.select(ChronologyDocument).filter_by(owner_id=owner_id).order_by(ChronologyDocument.id.desc())
    ).scalars())


def chronology_for_teacher(slug: str, owner_id: int) -> ChronologyDocument | None:
    return db.session.execute(
        db.select(ChronologyDocument).filter_by(slug=slug, owner_id=owner_id)
    ).scalar_one_or_none()
