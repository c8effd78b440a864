"""Build small chronologies in code for the generator tests (factory helpers, not fixtures).

Every helper has defaults for everything a test does not care about, so a test names only what matters:
`make_event("e1", "2014-06", qualifier="early", actors=("obama",))`.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from quiz.chronology.model import (
    Chronology,
    Claim,
    Conflict,
    Entity,
    Era,
    Event,
    Number,
    PartialDate,
    Source,
    SourceRef,
)

SOURCES = (
    Source(id="doc-a", file="a.txt", title_ar="المقال الأول", title_en="First article"),
    Source(id="doc-b", file="b.txt", title_ar="المقال الثاني", title_en="Second article"),
    Source(id="doc-c", file="c.txt", title_ar="المقال الثالث", title_en="Third article"),
)
ERAS = (
    Era("early", "المرحلة الأولى", "Early era", 1990, 2010),
    Era("late", "المرحلة الثانية", "Late era", 2011, 2030),
)


def era_for(year: int) -> str:
    return "early" if year <= 2010 else "late"


def make_number(
    key: str, value: float, approx: str = "exactly", *, unit: str = "people",
    label_en: str | None = None, label_ar: str | None = None,
) -> Number:
    return Number(key, float(value), unit, label_ar or f"عدد {key}", label_en or f"number of {key}", approx)


def make_claim(value: str, *sources: str) -> Claim:
    return Claim(value, tuple(sources) or ("doc-a",), f"يقول المصدر {value}", f"The source says {value}")


def make_conflict(field: str, *claims: Claim | tuple[str, str]) -> Conflict:
    """A conflict on "date", "numbers.<key>" or "detail"; claims as Claim or (value, source doc)."""
    built = tuple(c if isinstance(c, Claim) else make_claim(c[0], c[1]) for c in claims)
    if len(built) < 2:
        built = (make_claim("x", "doc-a"), make_claim("y", "doc-b"))
    return Conflict(field, f"خلاف حول {field}", f"dispute about {field}", built)


def make_event(
    id: str,
    date: str = "2014-06",
    qualifier: str | None = None,
    *,
    actors: Sequence[str] = (),
    numbers: Iterable[Number | tuple] = (),
    conflicts: Iterable[Conflict] = (),
    importance: int = 2,
    title_en: str | None = None,
    title_ar: str | None = None,
    summary_en: str | None = None,
    summary_ar: str | None = None,
    era: str | None = None,
    sources: Sequence[str] = ("doc-a",),
    places: Sequence[str] = (),
) -> Event:
    """An event; numbers may be Number objects or (key, value[, approx]) tuples."""
    parsed = PartialDate.parse(date, qualifier)
    built_numbers = tuple(n if isinstance(n, Number) else make_number(*n) for n in numbers)
    return Event(
        id=id,
        date=parsed,
        title_ar=title_ar or f"حدث {id}",
        title_en=title_en or f"Event {id}",
        summary_ar=summary_ar or f"ملخص {id}.",
        summary_en=summary_en or f"Summary of {id}.",
        era=era or era_for(parsed.year),
        sources=tuple(SourceRef(doc) for doc in sources),
        actors=tuple(actors),
        places=tuple(places),
        numbers=built_numbers,
        conflicts=tuple(conflicts),
        importance=importance,
    )


def make_person(id: str, *roles: str, name_en: str | None = None, name_ar: str | None = None) -> Entity:
    return Entity(id, "person", name_ar or f"شخص {id}", name_en or f"Person {id}", tuple(roles))


def make_registry(*entities: Entity) -> dict[str, Entity]:
    return {e.id: e for e in entities}


def presidents() -> dict[str, Entity]:
    """Four US presidents and five Iraqi prime ministers: enough for "who" in either role."""
    return make_registry(
        *(make_person(p, "us-president", name_en=p.title()) for p in ("bush", "obama", "trump", "biden")),
        *(make_person(p, "iraqi-prime-minister", name_en=p.title())
          for p in ("allawi", "jaafari", "maliki", "abadi", "kadhimi")),
    )


def make_chronology(
    events: Iterable[Event],
    registry: Mapping[str, Entity] | None = None,
    *,
    eras: Sequence[Era] = ERAS,
    sources: Sequence[Source] = SOURCES,
    id: str = "test",
) -> Chronology:
    events = tuple(events)
    used = {a for e in events for a in e.actors}
    full = dict(registry or {})
    for actor in sorted(used - set(full)):
        full[actor] = Entity(actor, "organisation", f"جهة {actor}", f"Body {actor}")
    return Chronology(id, "تسلسل تجريبي", "Test chronology", events, tuple(eras), tuple(sources), full)


def yearly(first: int = 2003, last: int = 2023, **kwargs) -> list[Event]:  # type: ignore[no-untyped-def]
    """One event per year, dated to the day (so every pair is orderable)."""
    return [make_event(f"y{year}", f"{year}-03-15", **kwargs) for year in range(first, last + 1)]
