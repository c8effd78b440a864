"""Build small chronologies in code for the generator tests (factory helpers, not fixtures).

Every helper has defaults for everything a test does not care about, so a test names only what matters:
`make_event("e1", "2014-06", qualifier="early", actors=("obama",))`.

`chronologies()` is the hypothesis strategy of random chronologies shared by the property tests: crowded
on purpose (few years, same-day events, year-only and month-only dates, early/mid/late qualifiers), with
moments, periods and figures, minor events, storylines, `led_to` links, `who` specs, registry people with
active years and affiliations, and real two-source conflicts. Every chronology it draws is one the loader
accepts (`to_raw` writes it back in the file format; test_generate_properties checks that).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence

from quiz.chronology.figures import claim_figure
from quiz.chronology.model import (
    WHO_RELATIONS,
    Chronology,
    Claim,
    Conflict,
    Entity,
    Era,
    Event,
    EventKind,
    Link,
    Number,
    PartialDate,
    Qualifier,
    Source,
    SourceRef,
    Storyline,
    Who,
)

SOURCES = tuple(
    Source(id=f"doc-{letter}", file=f"{letter}.txt", title_ar=f"المقال {ar}", title_en=f"{en} article",
           short_ar=f"المقال {ar}", short_en=f"{en} article")
    for letter, ar, en in (("a", "الأول", "First"), ("b", "الثاني", "Second"), ("c", "الثالث", "Third"),
                           ("d", "الرابع", "Fourth"))
)
SOURCE_IDS = tuple(s.id for s in SOURCES)
ERAS = (
    Era("early", "المرحلة الأولى", "Early era", 1990, 2005),
    Era("middle", "المرحلة الثانية", "Middle era", 2006, 2010),
    Era("late", "المرحلة الثالثة", "Late era", 2011, 2016),
    Era("recent", "المرحلة الرابعة", "Recent era", 2017, 2030),
)
STORYLINES = (
    Storyline("withdrawal", "الانسحاب", "The withdrawal"),
    Storyline("mosul", "معركة الموصل", "The battle of Mosul"),
    Storyline("elections", "الانتخابات", "The elections"),
)


def era_for(year: int, eras: Sequence[Era] = ERAS) -> str:
    for era in eras:
        if era.start_year <= year <= era.end_year:
            return era.id
    raise ValueError(f"no era holds {year}")


def make_number(
    key: str, value: float, approx: str = "exactly", *, unit: str = "people",
    label_en: str | None = None, label_ar: str | None = None, sources: Sequence[str] = ("doc-a",),
    other_readings: Sequence[float] = (),
) -> Number:
    return Number(key, float(value), unit, label_ar or f"عدد {key}", label_en or f"number of {key}", approx,
                  tuple(sources), tuple(float(v) for v in other_readings))


def make_claim(value: str, *sources: str) -> Claim:
    return Claim(value, tuple(sources) or ("doc-a",), f"يقول المصدر {value}", f"The source says {value}")


def make_conflict(field: str, *claims: Claim | tuple[str, str]) -> Conflict:
    """A conflict on "date", "numbers.<key>" or "detail"; claims as Claim or (value, source doc).

    With fewer than two claims, two claims from two different sources (doc-a and doc-b)."""
    built = tuple(c if isinstance(c, Claim) else make_claim(c[0], c[1]) for c in claims)
    if len(built) < 2:
        built = (make_claim("x", "doc-a"), make_claim("y", "doc-b"))
    return Conflict(field, f"خلاف حول {field}", f"dispute about {field}", built)


def make_who(person: str, relation: str = "announced", *, does_en: str | None = None, does_ar: str | None = None,
             sources: Sequence[str] = ("doc-a",)) -> Who:
    return Who(person, relation, does_ar or f"قام بالفعل {relation}", does_en or f"did the deed ({relation})",
               tuple(sources))


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
    sources: Sequence[str] | None = None,
    places: Sequence[str] = (),
    kind: str | EventKind = EventKind.MOMENT,
    end: str | None = None,
    end_qualifier: str | None = None,
    minor: bool = False,
    storylines: Sequence[str] = (),
    led_to: Iterable[str | Link] = (),
    who: Who | str | None = None,
) -> Event:
    """An event; numbers may be Number objects or (key, value[, approx]) tuples, led_to event ids or Links,
    who a Who or a person id.

    Without `sources`, the event's sources are doc-a and every document its figures, claims, links and
    `who` name (so the event is one the loader accepts)."""
    parsed = PartialDate.parse(date, qualifier)
    built_numbers = tuple(n if isinstance(n, Number) else make_number(*n) for n in numbers)
    built_links = tuple(link if isinstance(link, Link) else Link(link, ("doc-a",)) for link in led_to)
    built_who = make_who(who) if isinstance(who, str) else who
    conflicts = tuple(conflicts)
    if sources is None:
        named = ["doc-a", *(d for n in built_numbers for d in n.sources),
                 *(d for c in conflicts for cl in c.claims for d in cl.sources),
                 *(d for link in built_links for d in link.sources), *(built_who.sources if built_who else ())]
        sources = tuple(dict.fromkeys(named))
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
        conflicts=conflicts,
        importance=importance,
        kind=EventKind(kind),
        end=None if end is None else PartialDate.parse(end, end_qualifier),
        minor=minor,
        storylines=tuple(storylines),
        led_to=built_links,
        who=built_who,
    )


def make_person(
    id: str, *roles: str, name_en: str | None = None, name_ar: str | None = None,
    active: tuple[int | None, int | None] = (None, None), affiliations: Sequence[str] = (),
    aliases_en: Sequence[str] = (),
) -> Entity:
    return Entity(id, "person", name_ar or f"شخص {id}", name_en or f"Person {id}", tuple(roles),
                  aliases_en=tuple(aliases_en), active_from=active[0], active_to=active[1],
                  affiliations=tuple(affiliations))


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
    storylines: Sequence[Storyline] = STORYLINES,
    id: str = "test",
) -> Chronology:
    """A chronology; actors and affiliations missing from the registry become organisations."""
    events = tuple(events)
    full = dict(registry or {})
    used = {a for e in events for a in e.actors} | {a for p in full.values() for a in p.affiliations}
    for actor in sorted(used - set(full)):
        full[actor] = Entity(actor, "organisation", f"جهة {actor}", f"Body {actor}")
    return Chronology(id, "تسلسل تجريبي", "Test chronology", events, tuple(eras), tuple(sources), full,
                      tuple(storylines))


def yearly(first: int = 2003, last: int = 2023, **kwargs) -> list[Event]:  # type: ignore[no-untyped-def]
    """One event per year, dated to the day (so every pair is orderable)."""
    return [make_event(f"y{year}", f"{year}-03-15", **kwargs) for year in range(first, last + 1)]


# -- back to the file format ----------------------------------------------------------------------------


def _date_fields(date: PartialDate, prefix: str) -> dict:
    qualifier_key = "qualifier" if prefix == "date" else "end_qualifier"
    return {prefix: date.iso(), qualifier_key: date.qualifier.value if date.qualifier else None}


def to_raw(chronology: Chronology) -> tuple[dict, dict]:
    """(chronology file data, registry file data), as the loader reads them."""
    events = []
    for event in chronology.events:
        data = event.to_contract()
        raw = {
            "id": event.id, "kind": event.kind.value, **_date_fields(event.date, "date"),
            "title_ar": event.title_ar, "title_en": event.title_en, "summary_ar": event.summary_ar,
            "summary_en": event.summary_en, "era": event.era, "actors": list(event.actors),
            "places": list(event.places), "importance": event.importance, "minor": event.minor,
            "storylines": list(event.storylines), "led_to": data["led_to"], "who": data["who"],
            "numbers": [{k: v for k, v in n.items()} for n in data["numbers"]],
            "sources": data["sources"], "conflicts": data["conflicts"],
        }
        if event.end is not None:
            raw.update(_date_fields(event.end, "end"))
        events.append({k: v for k, v in raw.items() if v is not None})
    chronology_data = {
        "schema_version": 1, "id": chronology.id, "title_ar": chronology.title_ar, "title_en": chronology.title_en,
        "sources": [
            {"id": s.id, "file": s.file, "title_ar": s.title_ar, "title_en": s.title_en,
             "short_ar": s.short_ar or s.title_ar, "short_en": s.short_en or s.title_en}
            for s in chronology.sources
        ],
        "eras": [{"id": e.id, "title_ar": e.title_ar, "title_en": e.title_en, "start_year": e.start_year,
                  "end_year": e.end_year} for e in chronology.eras],
        "storylines": [{"id": s.id, "title_ar": s.title_ar, "title_en": s.title_en} for s in chronology.storylines],
        "events": events,
    }
    registry_data = {
        "schema_version": 1,
        "entities": [
            {"id": e.id, "kind": e.kind, "name_ar": e.name_ar, "name_en": e.name_en, "roles": list(e.roles),
             "aliases_ar": list(e.aliases_ar), "aliases_en": list(e.aliases_en),
             "active": [e.active_from, e.active_to] if (e.active_from, e.active_to) != (None, None) else None,
             "affiliations": list(e.affiliations)}
            for e in chronology.registry.values()
        ],
    }
    return chronology_data, registry_data


# -- random chronologies (hypothesis) -----------------------------------------------------------------------

ROLES = ("us-president", "iraqi-prime-minister")
FIGURES = (1, 2, 3, 7, 16, 30, 150, 560, 4487, 26374, 150_000, 2_500_000)
UNITS = ("people", "soldiers", "air_strikes", "usd", "percent")
GROUPS = ("group-a", "group-b", "state-x")
RANDOM_ERAS = (
    Era("invasion", "الغزو", "The invasion", 2003, 2004),
    Era("insurgency", "التمرد", "The insurgency", 2005, 2006),
    Era("surge", "زيادة القوات", "The surge", 2007, 2008),
    Era("drawdown", "الانسحاب", "The drawdown", 2009, 2012),
)


def random_chronology(seed: int) -> Chronology:
    """A random chronology, the same for the same seed (see the module docstring for what it holds).

    Built from one `random.Random` rather than from many hypothesis draws: drawing is then cheap enough
    for the property tests to see hundreds of chronologies in a few seconds."""
    rng = random.Random(seed)

    def some(items: Sequence, low: int, high: int) -> list:  # type: ignore[type-arg]
        return rng.sample(list(items), min(len(items), rng.randint(low, high)))

    def date_of(earlier: list[tuple[str, str | None]]) -> tuple[str, str | None]:
        """Often one already used, so same-day and overlapping events abound."""
        if earlier and rng.randrange(5) == 0:
            return rng.choice(earlier)
        year = rng.randint(2003, 2008)
        precision = rng.choice(["day", "day", "month", "year"])
        qualifier = None if precision == "day" else rng.choice([None, None, "early", "mid", "late"])
        if precision == "year":
            return str(year), qualifier
        month = rng.randint(1, 12)
        if precision == "month":
            return f"{year}-{month:02d}", qualifier
        return f"{year}-{month:02d}-{rng.randint(1, 28):02d}", None

    def end_after(start: PartialDate) -> PartialDate:
        """An end date not before the start (a period may end in a later era)."""
        for _ in range(4):
            year = start.year + rng.randint(0, 2)
            precision = rng.choice(["day", "month", "year"])
            if precision == "year":
                end = PartialDate(year, qualifier=rng.choice([None, Qualifier.LATE]))
            elif precision == "month":
                end = PartialDate(year, rng.randint(1, 12))
            else:
                end = PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
            if end.latest >= start.earliest:
                return end
        return PartialDate(start.year + 1)

    groups = [Entity(g, "state" if g.startswith("state") else "armed_group", f"جماعة {g}", f"Group {g}")
              for g in GROUPS]
    people: list[Entity] = []
    for role in ROLES:
        for i in range(rng.randint(0, 6)):
            first = rng.choice([None, *range(1995, 2009)])
            last = rng.choice([None, *range(first or 2000, 2013)])
            people.append(make_person(
                f"{role[:4]}{i}", role, name_en=f"{role} {i}", name_ar=f"{role[:4]} رقم {i}",
                active=(first, last), affiliations=some(GROUPS, 0, 2),
            ))
    registry = {e.id: e for e in [*groups, *people]}
    person_ids = [p.id for p in people]
    used: list[tuple[str, str | None]] = []
    specs = []
    for i in range(rng.randint(1, 16)):
        date, qualifier = date_of(used)
        used.append((date, qualifier))
        start = PartialDate.parse(date, qualifier)
        kind = rng.choice([EventKind.MOMENT] * 5 + [EventKind.PERIOD, EventKind.FIGURE])
        end = None
        if kind is EventKind.PERIOD or (kind is EventKind.FIGURE and rng.random() < 0.5):
            end = end_after(start)
        docs = some(SOURCE_IDS, 1, 3)
        actors = some([*person_ids, *GROUPS], 0, 2)
        numbers = []
        conflicts = []
        for key in some(["troops", "killed"], 1 if kind is EventKind.FIGURE else 0, 2):
            value = rng.choice(FIGURES)
            unit = rng.choice(UNITS)
            if unit == "percent" and value > 100:
                unit = "people"
            readings = [rng.choice(FIGURES)] if rng.randrange(4) == 0 else []
            approx = rng.choice(["exactly", "about", "more_than", "at_least", "up_to"])
            numbers.append(make_number(key, value, approx, unit=unit, sources=some(docs, 1, 2),
                                       other_readings=readings))
            if len(docs) >= 2 and rng.randrange(3) == 0:
                other = rng.choice([f for f in FIGURES if f != value])
                first_doc, second_doc = rng.sample(docs, 2)
                conflicts.append(make_conflict(f"numbers.{key}", make_claim(f"{value:,}", first_doc),
                                               make_claim(f"{other:,}", second_doc)))
        if len(docs) >= 2 and rng.randrange(6) == 0:
            first_doc, second_doc = rng.sample(docs, 2)
            conflicts.append(make_conflict("date", make_claim(start.iso(), first_doc),
                                           make_claim(f"a day other than {start.iso()}", second_doc)))
        if len(docs) >= 2 and rng.randrange(6) == 0:
            first_doc, second_doc = rng.sample(docs, 2)
            conflicts.append(make_conflict("detail", make_claim("one version", first_doc),
                                           make_claim("another version", second_doc)))
        who = None
        active = [p.id for p in people if p.active_in(start.year, (end or start).year)]
        if kind is not EventKind.FIGURE and active and rng.randrange(2) == 0:
            person = rng.choice(active)
            who = make_who(person, rng.choice(WHO_RELATIONS), sources=some(docs, 1, 2))
            if rng.random() < 0.5 and person not in actors:
                actors = [*actors, person]
        named = rng.choice([None, None, *person_ids]) if person_ids else None
        summary_en = f"Summary of e{i}." + (f" {registry[named].name_en} spoke." if named else "")
        specs.append(dict(
            id=f"e{i}", date=date, qualifier=qualifier, kind=kind,
            end=end.iso() if end else None, end_qualifier=end.qualifier.value if end and end.qualifier else None,
            actors=actors, numbers=numbers, conflicts=conflicts, importance=rng.randint(1, 3),
            sources=docs, minor=rng.randrange(5) == 0, storylines=some([s.id for s in STORYLINES], 0, 2),
            who=who, summary_en=summary_en, era=era_for(start.year, RANDOM_ERAS),
            span=(start.earliest, (end or start).latest),
        ))
    # Links a source states: only to an event that is not certainly earlier than the cause.
    for spec in specs:
        spec["led_to"] = []
        if rng.randrange(3) == 0:
            targets = [o["id"] for o in specs if o is not spec and o["span"][1] >= spec["span"][0]]
            spec["led_to"] = [Link(target, (rng.choice(spec["sources"]),)) for target in some(targets, 1, 2)]
    events = []
    for spec in specs:
        spec.pop("span")
        events.append(make_event(spec.pop("id"), spec.pop("date"), spec.pop("qualifier"), **spec))
    return make_chronology(events, registry, eras=RANDOM_ERAS)


def chronologies():  # type: ignore[no-untyped-def]
    """The hypothesis strategy of random chronologies: one seed per chronology (see random_chronology)."""
    from hypothesis import (
        strategies as st,  # a test-only dependency, imported where it is used
    )

    return st.integers(0, 2**32).map(random_chronology)


def claim_value(claim: Claim) -> float | None:
    """The figure a claim states (the loader's reading)."""
    return claim_figure(claim.value)
