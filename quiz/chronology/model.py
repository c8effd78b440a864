"""The domain of dated events: plain dataclasses, no Flask, no database.

A history article rarely gives every date to the day. "Early 2007", "June 2014" and "2014-08-08" are
different facts, and a quiz that treats them as the same produces questions with two defensible answers.
So every date here carries its precision (day, month or year) and an optional qualifier (early, mid, late),
and answers the one question the generators need: can these two dates be ordered without doubt?
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Iterable, Mapping, Sequence


class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Qualifier(str, Enum):
    """Where in a month or a year an event fell, when the text says only "early/mid/late/end of"."""

    EARLY = "early"
    MID = "mid"
    LATE = "late"


_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


class InvalidDate(ValueError):
    """A date string or combination of parts that cannot name a real (partial) date."""


# Qualifier windows are deliberately wide and overlapping. "Early 2007" may reach into May in one
# writer's mind and only February in another's; a window too narrow would let the generator order
# "early 2007" before "2007-05-02" with false confidence. Wide windows only make fewer pairs orderable,
# which costs some questions but never correctness.
_YEAR_WINDOWS: Mapping[Qualifier, tuple[int, int]] = {
    Qualifier.EARLY: (1, 6),   # January to June
    Qualifier.MID: (4, 9),     # April to September
    Qualifier.LATE: (7, 12),   # July to December
}
_MONTH_WINDOWS: Mapping[Qualifier, tuple[int, int]] = {
    Qualifier.EARLY: (1, 15),
    Qualifier.MID: (8, 23),
    Qualifier.LATE: (16, 31),  # clipped to the month's length
}


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to the day, the month or only the year, maybe narrowed by a qualifier."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: Qualifier | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise InvalidDate(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise InvalidDate("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidDate(f"month {self.month} is out of range")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month or 1)[1]
            if not 1 <= self.day <= last:
                raise InvalidDate(f"day {self.day} does not exist in {self.year}-{self.month:02d}")
            if self.qualifier is not None:
                raise InvalidDate("a date known to the day cannot carry early/mid/late")
        if self.qualifier is not None and not isinstance(self.qualifier, Qualifier):
            object.__setattr__(self, "qualifier", Qualifier(self.qualifier))

    # -- construction -------------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str, qualifier: Qualifier | str | None = None) -> "PartialDate":
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the chronology file's and the JSON contract's form)."""
        match = _ISO.match(str(text).strip())
        if not match:
            raise InvalidDate(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.group("y", "m", "d"))
        return cls(year, month, day, Qualifier(qualifier) if qualifier else None)  # type: ignore[arg-type]

    # -- what it is ---------------------------------------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def iso(self) -> str:
        """"YYYY", "YYYY-MM" or "YYYY-MM-DD": the qualifier is carried separately, as in the contract."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso() if self.qualifier is None else f"{self.qualifier.value} {self.iso()}"

    # -- the span of days it may mean ----------------------------------------------------------------
    @property
    def earliest(self) -> dt.date:
        return self._span[0]

    @property
    def latest(self) -> dt.date:
        return self._span[1]

    @cached_property
    def _span(self) -> tuple[dt.date, dt.date]:
        # Cached: the generators compare spans in tight loops. (cached_property writes the instance
        # __dict__ directly, which a frozen dataclass allows; equality and hashing ignore it.)
        if self.day is not None:
            day = dt.date(self.year, self.month or 1, self.day)
            return day, day
        if self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            first_day, last_day = _MONTH_WINDOWS.get(self.qualifier, (1, 31)) if self.qualifier else (1, last)
            return dt.date(self.year, self.month, first_day), dt.date(self.year, self.month, min(last_day, last))
        first_month, last_month = _YEAR_WINDOWS[self.qualifier] if self.qualifier else (1, 12)
        return (
            dt.date(self.year, first_month, 1),
            dt.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1]),
        )

    # -- comparisons the generators rely on ----------------------------------------------------------
    def certainly_before(self, other: "PartialDate") -> bool:
        """True only when every day this date may mean falls before every day the other may mean."""
        return self.latest < other.earliest

    def can_be_ordered_with(self, other: "PartialDate") -> bool:
        """Two dates can stand together in an ordering question only if one is certainly first."""
        return self.certainly_before(other) or other.certainly_before(self)

    def may_be_same_time(self, other: "PartialDate") -> bool:
        return not self.can_be_ordered_with(other)

    def contains(self, day: dt.date) -> bool:
        return self.earliest <= day <= self.latest

    def sort_key(self) -> tuple[dt.date, dt.date, int]:
        """Timeline order: by first possible day, then the narrower date first, day before month before year."""
        rank = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}[self.precision]
        return (self.earliest, self.latest, rank)


# -- the chronology ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One article of the chronology's sources."""

    id: str
    file: str
    title_ar: str
    title_en: str
    short_ar: str = ""  # a few words, for the source line under each event (the file requires them)
    short_en: str = ""
    publisher: str | None = None


@dataclass(frozen=True)
class SourceRef:
    """An event's reference to a source, with what that source says or how the date was read."""

    doc: str
    note: str | None = None


@dataclass(frozen=True)
class Claim:
    """One source's version of a disputed fact."""

    value: str
    sources: tuple[str, ...]
    says_ar: str
    says_en: str
    # True when this side is our reading of what the article says elsewhere (it has Kadhimi in office only
    # from 2020), not its words about this event: shown, but never asked "which article says this?".
    inferred: bool = False


@dataclass(frozen=True)
class Conflict:
    """Where the sources disagree about one field of an event (the date, a number, a detail)."""

    field: str  # "date", "numbers.<key>" or "detail"
    topic_ar: str
    topic_en: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Number:
    """A key figure of an event: troops, casualties, air strikes, money.

    `sources` are the articles that state the figure (a value no article states is never a figure);
    `other_readings` are values a careful reader could also defend (an article whose parts do not add up to
    its total): no wrong option may come near them.
    """

    key: str
    value: float
    unit: str
    label_ar: str
    label_en: str
    approx: str = "exactly"  # exactly | about | more_than | at_least | up_to
    sources: tuple[str, ...] = ()
    other_readings: tuple[float, ...] = ()


class EventKind(str, Enum):
    """What kind of fact an event is: it decides which questions may be asked about it."""

    MOMENT = "moment"  # happened at one time: every question kind
    PERIOD = "period"  # a process from `date` to `end`: ordered only by its whole span, never "when"
    FIGURE = "figure"  # a total over a span: only "how many", never dated or ordered


# How an event's "who" question names what the person did; the prompt uses the relation itself.
WHO_RELATIONS = (
    "announced", "decided", "led", "founded", "visited", "met", "signed", "tasked", "survived", "killed",
    "was_killed", "won", "said", "elected",
)


@dataclass(frozen=True)
class Who:
    """The one person a "who" question about an event asks for, and what they did (without their name)."""

    person: str
    relation: str
    does_ar: str
    does_en: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """A cause-to-consequence link that a source states explicitly ("in response to", "as a result")."""

    event: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Storyline:
    """A thread of the story (the withdrawal agreements, the battle of Mosul) that events belong to."""

    id: str
    title_ar: str
    title_en: str


@dataclass(frozen=True)
class Era:
    id: str
    title_ar: str
    title_en: str
    start_year: int
    end_year: int


@dataclass(frozen=True)
class Entity:
    """A person, organisation, armed group, state or place from the registry."""

    id: str
    kind: str  # person | organisation | armed_group | state | place
    name_ar: str
    name_en: str
    roles: tuple[str, ...] = ()
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    # Years in which a person could take part in events (None: open), and what they lead or belong to.
    active_from: int | None = None
    active_to: int | None = None
    affiliations: tuple[str, ...] = ()

    def active_in(self, year_from: int, year_to: int) -> bool:
        """Whether the person was active at some time in [year_from, year_to]."""
        if self.active_from is not None and year_to < self.active_from:
            return False
        if self.active_to is not None and year_from > self.active_to:
            return False
        return True

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None

    def all_names_ar(self) -> tuple[str, ...]:
        return (self.name_ar, *self.aliases_ar)


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    title_ar: str
    title_en: str
    summary_ar: str
    summary_en: str
    era: str
    sources: tuple[SourceRef, ...]
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    numbers: tuple[Number, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    importance: int = 2  # 1 = landmark every student should know, 3 = detail
    kind: EventKind = EventKind.MOMENT
    end: PartialDate | None = None  # a period's (or a figure's) last date
    minor: bool = False  # on the timeline, but not worth class time: the classroom mix leaves it out
    date_inferred: bool = False  # no article states the date in full (we worked it out): never asked or ordered
    # A figure without an end: False, the count runs from `date` on («منذ 2003»); True, `date` is when the count
    # stood, a total up to it («حتى 28 يونيو 2016»), which is how tallies reported on a day read.
    counted_until: bool = False
    storylines: tuple[str, ...] = ()
    led_to: tuple[Link, ...] = ()
    who: Who | None = None

    @property
    def precision(self) -> Precision:
        return self.date.precision

    @property
    def earliest(self) -> dt.date:
        return self.date.earliest

    @property
    def latest(self) -> dt.date:
        """The last day the event may mean: a period's end, else its date's last day."""
        return (self.end or self.date).latest

    @property
    def is_moment(self) -> bool:
        return self.kind is EventKind.MOMENT

    @property
    def is_dated(self) -> bool:
        """Whether the event may take part in date and ordering questions (moments and periods, not totals)."""
        return self.kind is not EventKind.FIGURE

    @property
    def source_docs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ref.doc for ref in self.sources))

    def is_disputed(self, field_name: str) -> bool:
        """Whether the sources disagree on this field ("date", "numbers.troops", ...)."""
        return any(c.field == field_name for c in self.conflicts)

    def to_contract(self) -> dict:
        """The JSON shape promised by `flask chronology dump` (ARCHITECTURE.md, "Contracts")."""
        return {
            "id": self.id,
            "date": self.date.iso(),
            "precision": self.precision.value,
            "qualifier": self.date.qualifier.value if self.date.qualifier else None,
            "title_ar": self.title_ar,
            "title_en": self.title_en,
            "summary_ar": self.summary_ar,
            "summary_en": self.summary_en,
            "actors": list(self.actors),
            "places": list(self.places),
            "numbers": [
                {"key": n.key, "value": n.value, "unit": n.unit, "approx": n.approx,
                 "label_ar": n.label_ar, "label_en": n.label_en, "sources": list(n.sources),
                 "other_readings": list(n.other_readings)}
                for n in self.numbers
            ],
            "era": self.era,
            "kind": self.kind.value,
            "end": self.end.iso() if self.end else None,
            "end_qualifier": self.end.qualifier.value if self.end and self.end.qualifier else None,
            "minor": self.minor,
            "date_inferred": self.date_inferred,
            "counted_until": self.counted_until,
            "storylines": list(self.storylines),
            "led_to": [{"event": link.event, "sources": list(link.sources)} for link in self.led_to],
            "who": None if self.who is None else {
                "person": self.who.person, "relation": self.who.relation, "does_ar": self.who.does_ar,
                "does_en": self.who.does_en, "sources": list(self.who.sources),
            },
            "sources": [{"doc": s.doc, "note": s.note} for s in self.sources],
            "conflicts": [
                {
                    "field": c.field, "topic_ar": c.topic_ar, "topic_en": c.topic_en,
                    "claims": [
                        {"value": cl.value, "sources": list(cl.sources), "says_ar": cl.says_ar,
                         "says_en": cl.says_en, "inferred": cl.inferred}
                        for cl in c.claims
                    ],
                }
                for c in self.conflicts
            ],
        }


@dataclass(frozen=True)
class Chronology:
    """A validated, date-ordered set of events with the sources, eras and registry they refer to."""

    id: str
    title_ar: str
    title_en: str
    events: tuple[Event, ...]
    eras: tuple[Era, ...] = ()
    sources: tuple[Source, ...] = ()
    registry: Mapping[str, Entity] = field(default_factory=dict)
    storylines: tuple[Storyline, ...] = ()

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.events, key=lambda e: (e.date.sort_key(), e.id)))
        object.__setattr__(self, "events", ordered)
        object.__setattr__(self, "_by_id", {e.id: e for e in ordered})

    def event(self, event_id: str) -> Event:
        """The event with this id; KeyError if there is none."""
        return self._by_id[event_id]  # type: ignore[attr-defined]

    def has_event(self, event_id: str) -> bool:
        return event_id in self._by_id  # type: ignore[attr-defined]

    def era(self, era_id: str) -> Era:
        for era in self.eras:
            if era.id == era_id:
                return era
        raise KeyError(era_id)

    def storyline(self, storyline_id: str) -> Storyline:
        for storyline in self.storylines:
            if storyline.id == storyline_id:
                return storyline
        raise KeyError(storyline_id)

    def source(self, doc: str) -> Source:
        for source in self.sources:
            if source.id == doc:
                return source
        raise KeyError(doc)

    def entity(self, entity_id: str) -> Entity:
        return self.registry[entity_id]

    def people(self) -> list[Entity]:
        """Every registry entry that some event names as an actor, in registry order."""
        used = {a for e in self.events for a in e.actors}
        return [entity for key, entity in self.registry.items() if key in used]

    def filter(
        self,
        *,
        eras: Iterable[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        actors: Iterable[str] | None = None,
    ) -> list[Event]:
        """Events matching every given filter. A date counts as in a year range if it may fall in it."""
        era_set = set(eras) if eras else None
        actor_set = set(actors) if actors else None
        chosen: list[Event] = []
        for event in self.events:
            if era_set is not None and event.era not in era_set:
                continue
            if year_from is not None and event.latest.year < year_from:
                continue
            if year_to is not None and event.date.earliest.year > year_to:
                continue
            if actor_set is not None and not actor_set.intersection(event.actors):
                continue
            chosen.append(event)
        return chosen

    def events_between(self, start: PartialDate, end: PartialDate) -> list[Event]:
        """Events that certainly fall within [start, end]."""
        return [e for e in self.events if e.earliest >= start.earliest and e.latest <= end.latest]

    def by_era(self, events: Sequence[Event] | None = None) -> list[tuple[Era, list[Event]]]:
        """Events grouped by era in era order (an era with no matching events is left out)."""
        chosen = self.events if events is None else events
        groups = []
        for era in self.eras:
            members = [e for e in chosen if e.era == era.id]
            if members:
                groups.append((era, members))
        return groups
