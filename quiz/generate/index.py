"""Facts about a chronology that every generator asks again and again, computed once per chronology.

Generating a 20-question quiz must take a few milliseconds, so the date spans of all events (as day
ordinals, compared as plain ints), the people of each role and the dates at which each person acted are
computed once and cached for the life of the Chronology object (held by a weak reference, so a reloaded
chronology gets a fresh index and the old one is freed).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from quiz.chronology.model import Chronology, Entity, Event, PartialDate, Source

from .difficulty import W_CLOSENESS, W_OBSCURITY, closeness_from_gap

_YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def span(date: PartialDate) -> tuple[int, int]:
    """(first, last) day ordinal the date may mean."""
    return date.earliest.toordinal(), date.latest.toordinal()


def years_named(*texts: str) -> frozenset[int]:
    """Four-digit years written in the texts (Western or Eastern Arabic digits)."""
    found: set[int] = set()
    for text in texts:
        found.update(int(y) for y in _YEAR_IN_TEXT.findall(text.translate(_ARABIC_INDIC)))
    return frozenset(found)


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str]:
    # a whole word: "سلامي" (Hossein Salami's surname) is not in «الإسلامية»; an Arabic name may carry a one-letter
    # proclitic («وبايدن», «لترامب»)
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in name)
    return re.compile(rf"(?<![^\W\d_]){'[وفبلك]?' if arabic else ''}{re.escape(name)}(?![^\W\d_])")


def names_in(text: str, names: Iterable[str]) -> bool:
    """Whether the (lower-cased) text names one of the names, as a whole word."""
    return any(name in text and _name_pattern(name).search(text) is not None for name in names)


def _names_of(entity: Entity) -> tuple[str, ...]:
    """Lower-cased names by which a text could mention the entity: names, aliases and a long surname."""
    names = [entity.name_en, entity.name_ar, *entity.aliases_en, *entity.aliases_ar]
    for full in (entity.name_en, entity.name_ar):
        parts = full.split()
        if len(parts) > 1 and len(parts[-1]) >= 4:
            names.append(parts[-1])
    return tuple(dict.fromkeys(n.strip().lower() for n in names if n.strip()))


@dataclass(frozen=True)
class EventFacts:
    """An event with its span as ints and the flags the generators filter on."""

    event: Event
    position: int
    lo: int
    hi: int
    mid: float
    date_disputed: bool
    detail_disputed: bool
    years_in_title: frozenset[int]
    text_lower: str  # titles and summaries, lower-cased: for "does this text name that person?"
    title_lower: str
    moment: bool = True  # happened at one time: may be asked "when"
    dated: bool = True  # a moment or a period (not a total): may take part in date and ordering questions
    causes: frozenset[str] = frozenset()  # events a source says led to this one
    effects: frozenset[str] = frozenset()  # events a source says this one led to

    @property
    def linked(self) -> frozenset[str]:
        """Events a source links to this one, as cause or as consequence."""
        return self.causes | self.effects

    @property
    def orderable_date(self) -> bool:
        """May stand in a date or ordering question: dated, and the sources agree on the date."""
        return self.dated and not self.date_disputed


class ChronologyIndex:
    """Precomputed lookups over one chronology (see the module docstring for why).

    It keeps no reference to the chronology itself, so the cache entry dies with the chronology.
    """

    def __init__(self, chronology: Chronology) -> None:
        facts: list[EventFacts] = []
        causes: dict[str, set[str]] = {}
        for event in chronology.events:
            for link in event.led_to:
                causes.setdefault(link.event, set()).add(event.id)
        for position, event in enumerate(chronology.events):
            # A period spans from its start to its end: it is before another event only if all of it is.
            lo, hi = event.earliest.toordinal(), event.latest.toordinal()
            facts.append(
                EventFacts(
                    event=event,
                    position=position,
                    lo=lo,
                    hi=hi,
                    mid=(lo + hi) / 2.0,
                    # A date no article states in full is as unsafe to ask as one they disagree on.
                    date_disputed=event.is_disputed("date") or event.date_inferred,
                    detail_disputed=event.is_disputed("detail"),
                    years_in_title=years_named(event.title_ar, event.title_en),
                    text_lower=" ".join(
                        (event.title_ar, event.title_en, event.summary_ar, event.summary_en)
                    ).lower(),
                    title_lower=f"{event.title_ar} {event.title_en}".lower(),
                    moment=event.is_moment,
                    dated=event.is_dated,
                    causes=frozenset(causes.get(event.id, ())),
                    effects=frozenset(link.event for link in event.led_to),
                )
            )
        self.facts: tuple[EventFacts, ...] = tuple(facts)
        self.by_id: dict[str, EventFacts] = {f.event.id: f for f in facts}
        self._pools: dict[tuple[str, ...], tuple[EventFacts, ...]] = {}
        self._nearness: dict[tuple[int, bool], list[float]] = {}
        self.memo: dict[object, object] = {}  # small results worth keeping (explanations, eligibility)
        self.sources: dict[str, Source] = {s.id: s for s in chronology.sources}
        self.registry = dict(chronology.registry)
        self.storylines = {st.id: st for st in chronology.storylines}
        self.eras = tuple(chronology.eras)
        years = [f.event.date.year for f in facts]
        self.first_year = min(years) if years else 2000
        self.last_year = max(years) if years else 2000

        self.entity_names: dict[str, tuple[str, ...]] = {
            e.id: _names_of(e) for e in chronology.registry.values()
        }
        people = [e for e in chronology.registry.values() if e.kind == "person"]
        self.person_names: dict[str, tuple[str, ...]] = {p.id: _names_of(p) for p in people}
        self._roles: dict[str, tuple[str, ...]] = {p.id: p.roles for p in people}
        roles: dict[str, list[Entity]] = {}
        for person in people:
            for role in person.roles:
                roles.setdefault(role, []).append(person)
        self.people_by_role: dict[str, tuple[Entity, ...]] = {r: tuple(ps) for r, ps in roles.items()}
        acted: dict[str, list[float]] = {}
        for f in facts:
            for actor in f.event.actors:
                acted.setdefault(actor, []).append(f.mid)
        self.acted_at: dict[str, tuple[float, ...]] = {a: tuple(sorted(ms)) for a, ms in acted.items()}

    def pool(self, ids: tuple[str, ...] | None) -> tuple[EventFacts, ...]:
        """The facts of these events in chronology order (all events for None); cached per id tuple."""
        if ids is None:
            return self.facts
        cached = self._pools.get(ids)
        if cached is None:
            wanted = set(ids)
            cached = tuple(f for f in self.facts if f.event.id in wanted)
            if len(self._pools) > 256:
                self._pools.clear()
            self._pools[ids] = cached
        return cached

    def nearness(self, anchor: EventFacts, prominence: bool) -> list[float]:
        """How hard each event (by position) is as a companion of `anchor`, 0 to 1.

        Closeness in time (difficulty.closeness_from_gap of the gap between the spans' middles), mixed
        with the event's obscurity when `prominence` (kinds whose difficulty counts every option's
        importance). Computed once per anchor: choosing distractors is then a list lookup.
        """
        key = (anchor.position, prominence)
        row = self._nearness.get(key)
        if row is None:
            mid = anchor.mid
            if prominence:
                weight = W_CLOSENESS + W_OBSCURITY
                row = [
                    (W_CLOSENESS * closeness_from_gap(abs(f.mid - mid)) + W_OBSCURITY * (f.event.importance - 1) / 2)
                    / weight
                    for f in self.facts
                ]
            else:
                row = [closeness_from_gap(abs(f.mid - mid)) for f in self.facts]
            self._nearness[key] = row
        return row

    def remember(self, key: object, value: object) -> None:
        """Keep a computed value in `memo`, forgetting everything once it grows large (bounded memory)."""
        if len(self.memo) > 50_000:
            self.memo.clear()
        self.memo[key] = value

    def facts_of(self, events: Sequence[Event]) -> list[EventFacts]:
        return [self.by_id[e.id] for e in events]

    def source_title(self, doc: str, lang: str) -> str:
        source = self.sources.get(doc)
        if source is None:
            return doc
        # The short label reads better inside a prompt ("according to …"); the full title is the fallback.
        if lang == "ar":
            return source.short_ar or source.title_ar
        return source.short_en or source.title_en

    def mentions_in_title(self, facts: EventFacts, person_id: str) -> bool:
        return names_in(facts.title_lower, self.person_names.get(person_id, ()))

    def roles_of(self, person_id: str) -> tuple[str, ...]:
        return self._roles.get(person_id, ())

    def named_entities(self, facts: EventFacts) -> frozenset[str]:
        """Registry entries (people, groups, states...) that the event's titles or summaries name."""
        key = ("named", facts.event.id)
        found = self.memo.get(key)
        if found is None:
            found = frozenset(
                entity_id for entity_id, names in self.entity_names.items()
                if names_in(facts.text_lower, (name for name in names if len(name) >= 3))
            )
            self.remember(key, found)
        return found  # type: ignore[return-value]

    def mentions(self, facts: EventFacts, person_id: str) -> bool:
        """Whether the event's titles or summaries name the person (by name, alias or surname)."""
        return names_in(facts.text_lower, self.person_names.get(person_id, ()))


_CACHE: dict[int, tuple[weakref.ref, ChronologyIndex]] = {}


def index_for(chronology: Chronology) -> ChronologyIndex:
    """The (cached) index of this chronology object."""
    key = id(chronology)
    entry = _CACHE.get(key)
    if entry is not None and entry[0]() is chronology:
        return entry[1]
    index = ChronologyIndex(chronology)

    def forget(ref: weakref.ref, key: int = key) -> None:
        if key in _CACHE and _CACHE[key][0] is ref:
            del _CACHE[key]

    _CACHE[key] = (weakref.ref(chronology, forget), index)
    return index
