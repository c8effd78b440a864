"""Read and validate chronology files (YAML) into the plain model.

The file format is described by pydantic models below, so the schema lives in one place and every error
names the file, the event and the field. Cross-references (actors in the registry, eras, source documents,
unique ids) are checked after the shape is known to be right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Callable, Literal, Mapping

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from .figures import claim_figure
from .model import (
    WHO_RELATIONS,
    Chronology,
    Claim,
    Conflict,
    Entity,
    Era,
    Event,
    EventKind,
    InvalidDate,
    Link,
    Number,
    PartialDate,
    Qualifier,
    Source,
    SourceRef,
    Storyline,
    Who,
)

SCHEMA_VERSION = 1

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
# A chronology's own title is stored in a String(300) column (models/chronology.py).
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class ChronologyError(ValueError):
    """A chronology or registry file that cannot be used, with where the problem is."""

    def __init__(self, file: str | Path, message: str, *, event: str | None = None, field: str | None = None):
        self.file = str(file)
        self.event = event
        self.field = field
        self.message = message
        where = [self.file]
        if event:
            where.append(f"event {event!r}")
        if field:
            where.append(f"field {field!r}")
        super().__init__(f"{': '.join([', '.join(where), message])}")


# -- the file format ---------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceSpec(_Strict):
    id: Slug
    file: str
    title_ar: Text
    title_en: Text
    short_ar: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    short_en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    publisher: str | None = None


class SourceRefSpec(_Strict):
    doc: Slug
    note: str | None = None


class ClaimSpec(_Strict):
    value: Text
    sources: list[Slug] = Field(min_length=1)
    says_ar: Text
    says_en: Text
    inferred: bool = False


class ConflictSpec(_Strict):
    field: Annotated[str, StringConstraints(pattern=r"^(date|detail|numbers\.[a-z0-9_-]+)$")]
    topic_ar: Text
    topic_en: Text
    claims: list[ClaimSpec] = Field(min_length=2)


class NumberSpec(_Strict):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]+$")]
    value: float = Field(gt=0)
    unit: Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]
    label_ar: Text
    label_en: Text
    approx: Literal["exactly", "about", "more_than", "at_least", "up_to"] = "exactly"
    # The articles that state the figure: required, so no figure of our own making passes as a source's.
    sources: list[Slug] = Field(min_length=1)
    other_readings: list[Annotated[float, Field(gt=0)]] = []


class LinkSpec(_Strict):
    event: Slug
    sources: list[Slug] = Field(min_length=1)


class WhoSpec(_Strict):
    person: Slug
    relation: Literal[WHO_RELATIONS]  # type: ignore[valid-type]
    does_ar: Text
    does_en: Text
    sources: list[Slug] = Field(min_length=1)


class StorylineSpec(_Strict):
    id: Slug
    title_ar: Title
    title_en: Title


class EraSpec(_Strict):
    id: Slug
    title_ar: Text
    title_en: Text
    start_year: int
    end_year: int


class EventSpec(_Strict):
    id: Slug
    kind: EventKind = EventKind.MOMENT
    date: str
    qualifier: Qualifier | None = None
    end: str | None = None
    end_qualifier: Qualifier | None = None
    minor: bool = False
    date_inferred: bool = False
    counted_until: bool = False
    storylines: list[Slug] = []
    led_to: list[LinkSpec] = []
    who: WhoSpec | None = None
    title_ar: Text
    title_en: Text
    summary_ar: Text
    summary_en: Text
    era: Slug
    actors: list[Slug] = []
    places: list[Slug] = []
    numbers: list[NumberSpec] = []
    importance: int = Field(default=2, ge=1, le=3)
    sources: list[SourceRefSpec] = Field(min_length=1)
    conflicts: list[ConflictSpec] = []

    @field_validator("date", "end", mode="before")
    @classmethod
    def _date_is_text(cls, value: Any) -> str | None:
        # YAML reads an unquoted 2003-03-20 as a date and 2003 as an int; accept both, store text.
        if value is None:
            return None
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    def partial_date(self) -> PartialDate:
        return PartialDate.parse(self.date, self.qualifier)

    def end_date(self) -> PartialDate | None:
        return None if self.end is None else PartialDate.parse(self.end, self.end_qualifier)


class ChronologySpec(_Strict):
    schema_version: Literal[1]
    id: Slug
    title_ar: Title
    title_en: Title
    sources: list[SourceSpec] = Field(min_length=1)
    eras: list[EraSpec] = Field(min_length=1)
    storylines: list[StorylineSpec] = []
    events: list[EventSpec] = Field(min_length=1)


class EntitySpec(_Strict):
    id: Slug
    kind: Literal["person", "organisation", "armed_group", "state", "place"]
    name_ar: Text
    name_en: Text
    roles: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]] = []
    aliases_ar: list[Text] = []
    aliases_en: list[Text] = []
    active: tuple[int | None, int | None] | None = None  # [from, to] years; null for an open end
    affiliations: list[Slug] = []


class RegistrySpec(_Strict):
    schema_version: Literal[1]
    entities: list[EntitySpec] = Field(min_length=1)


# -- reading ------------------------------------------------------------------------------------------


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ChronologyError(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ChronologyError(path, f"not UTF-8 text (byte {exc.start})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ChronologyError(path, f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None


def _first_error(path: Path, raw: Any, error: ValidationError, list_key: str) -> ChronologyError:
    """Translate pydantic's first error into one that names the item by its id, not its index."""
    first = error.errors()[0]
    loc = list(first["loc"])
    item_id = None
    if len(loc) >= 2 and loc[0] == list_key and isinstance(loc[1], int):
        index = loc[1]
        items = raw.get(list_key) if isinstance(raw, dict) else None
        item = items[index] if isinstance(items, list) and index < len(items) else None
        item_id = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"#{index + 1}"
        loc = loc[2:]
    field = ".".join(str(part) for part in loc) or None
    return ChronologyError(path, first["msg"], event=item_id, field=field)


def parse_registry(raw: Any, path: str | Path = "<registry>") -> dict[str, Entity]:
    path = Path(path)
    try:
        spec = RegistrySpec.model_validate(raw)
    except ValidationError as exc:
        raise _first_error(path, raw, exc, "entities") from None
    registry: dict[str, Entity] = {}
    for item in spec.entities:
        if item.id in registry:
            raise ChronologyError(path, "duplicate id", event=item.id, field="id")
        active_from, active_to = item.active or (None, None)
        if active_from is not None and active_to is not None and active_to < active_from:
            raise ChronologyError(path, "the end of the active years precedes their start", event=item.id,
                                  field="active")
        registry[item.id] = Entity(
            id=item.id, kind=item.kind, name_ar=item.name_ar, name_en=item.name_en,
            roles=tuple(item.roles), aliases_ar=tuple(item.aliases_ar), aliases_en=tuple(item.aliases_en),
            active_from=active_from, active_to=active_to, affiliations=tuple(item.affiliations),
        )
    for entity in registry.values():
        for index, other in enumerate(entity.affiliations):
            if other not in registry or other == entity.id:
                raise ChronologyError(path, f"{other!r} is not another entry of the registry", event=entity.id,
                                      field=f"affiliations.{index}")
    return registry


def load_registry(path: str | Path) -> dict[str, Entity]:
    path = Path(path)
    return parse_registry(read_yaml(path), path)


def parse_chronology(raw: Any, registry: Mapping[str, Entity], path: str | Path = "<chronology>") -> Chronology:
    """Validate already-parsed data (YAML or JSON) into a Chronology, cross-checking the registry."""
    path = Path(path)
    try:
        spec = ChronologySpec.model_validate(raw)
    except ValidationError as exc:
        raise _first_error(path, raw, exc, "events") from None

    source_ids = {s.id for s in spec.sources}
    era_ids = {e.id for e in spec.eras}
    if len(source_ids) != len(spec.sources):
        raise ChronologyError(path, "two sources share an id", field="sources")
    if len(era_ids) != len(spec.eras):
        raise ChronologyError(path, "two eras share an id", field="eras")

    storyline_ids = {st.id for st in spec.storylines}
    if len(storyline_ids) != len(spec.storylines):
        raise ChronologyError(path, "two storylines share an id", field="storylines")

    events: list[Event] = []
    seen: set[str] = set()
    for item in spec.events:
        def fail(field: str, message: str) -> ChronologyError:
            return ChronologyError(path, message, event=item.id, field=field)

        if item.id in seen:
            raise fail("id", "duplicate id")
        seen.add(item.id)
        date, end = _dates(item, fail)
        if item.era not in era_ids:
            raise fail("era", f"unknown era {item.era!r}")
        era = next(e for e in spec.eras if e.id == item.era)
        if not era.start_year <= date.year <= era.end_year:
            raise fail("era", f"{date.year} is outside era {era.id!r} ({era.start_year}-{era.end_year})")
        event_docs = {ref.doc for ref in item.sources}
        for index, ref in enumerate(item.sources):
            if ref.doc not in source_ids:
                raise fail(f"sources.{index}.doc", f"unknown source {ref.doc!r}")
        for name, ids in (("actors", item.actors), ("places", item.places)):
            for index, entity_id in enumerate(ids):
                if entity_id not in registry:
                    raise fail(f"{name}.{index}", f"{entity_id!r} is not in the registry")
                if name == "places" and registry[entity_id].kind != "place":
                    raise fail(f"{name}.{index}", f"{entity_id!r} is not a place")
                if name == "actors" and registry[entity_id].kind == "place":
                    raise fail(f"{name}.{index}", f"{entity_id!r} is a place, not an actor")
        for index, storyline in enumerate(item.storylines):
            if storyline not in storyline_ids:
                raise fail(f"storylines.{index}", f"unknown storyline {storyline!r}")
        _check_numbers(item, event_docs, fail)
        _check_conflicts(item, event_docs, fail)
        for index, link in enumerate(item.led_to):
            _check_docs(link.sources, event_docs, fail, f"led_to.{index}.sources")
        if item.who is not None:
            person = registry.get(item.who.person)
            if person is None or person.kind != "person" or not person.roles:
                raise fail("who.person", f"{item.who.person!r} is not a person with a role in the registry")
            _check_docs(item.who.sources, event_docs, fail, "who.sources")
        events.append(
            Event(
                id=item.id, date=date, title_ar=item.title_ar, title_en=item.title_en,
                summary_ar=item.summary_ar, summary_en=item.summary_en, era=item.era,
                sources=tuple(SourceRef(r.doc, r.note) for r in item.sources),
                actors=tuple(item.actors), places=tuple(item.places),
                numbers=tuple(
                    Number(n.key, n.value, n.unit, n.label_ar, n.label_en, n.approx, tuple(n.sources),
                           tuple(n.other_readings))
                    for n in item.numbers
                ),
                conflicts=tuple(
                    Conflict(
                        c.field, c.topic_ar, c.topic_en,
                        tuple(Claim(cl.value, tuple(cl.sources), cl.says_ar, cl.says_en, cl.inferred)
                              for cl in c.claims),
                    )
                    for c in item.conflicts
                ),
                importance=item.importance, kind=item.kind, end=end, minor=item.minor,
                date_inferred=item.date_inferred, counted_until=item.counted_until,
                storylines=tuple(item.storylines),
                led_to=tuple(Link(link.event, tuple(link.sources)) for link in item.led_to),
                who=None if item.who is None else Who(
                    item.who.person, item.who.relation, item.who.does_ar, item.who.does_en,
                    tuple(item.who.sources),
                ),
            )
        )

    by_id = {e.id: e for e in events}
    for event in events:
        for index, cause_link in enumerate(event.led_to):
            target = by_id.get(cause_link.event)
            if target is None or target.id == event.id:
                raise ChronologyError(path, f"{cause_link.event!r} is not another event of this chronology",
                                      event=event.id, field=f"led_to.{index}.event")
            if target.latest < event.earliest:
                raise ChronologyError(path, f"{cause_link.event!r} is certainly earlier than its cause",
                                      event=event.id, field=f"led_to.{index}.event")

    return Chronology(
        id=spec.id, title_ar=spec.title_ar, title_en=spec.title_en, events=tuple(events),
        eras=tuple(Era(e.id, e.title_ar, e.title_en, e.start_year, e.end_year) for e in spec.eras),
        sources=tuple(
            Source(s.id, s.file, s.title_ar, s.title_en, s.short_ar, s.short_en, s.publisher) for s in spec.sources
        ),
        registry=dict(registry),
        storylines=tuple(Storyline(st.id, st.title_ar, st.title_en) for st in spec.storylines),
    )


Fail = Callable[[str, str], ChronologyError]


def _dates(item: EventSpec, fail: Fail) -> tuple[PartialDate, PartialDate | None]:
    """The event's date and end, checked against what its kind needs."""
    try:
        date = item.partial_date()
    except (InvalidDate, ValueError) as exc:
        raise fail("date", str(exc)) from None
    try:
        end = item.end_date()
    except (InvalidDate, ValueError) as exc:
        raise fail("end", str(exc)) from None
    if item.end_qualifier is not None and end is None:
        raise fail("end_qualifier", "an end qualifier needs an end")
    if item.kind is EventKind.PERIOD and end is None:
        raise fail("end", "a period needs an end")
    if item.kind is EventKind.MOMENT and end is not None:
        raise fail("end", "a moment has no end: make it a period or a figure")
    if item.counted_until and (item.kind is not EventKind.FIGURE or end is not None):
        raise fail("counted_until", "only a figure without an end can be counted up to its date")
    if end is not None and end.latest < date.earliest:
        raise fail("end", f"the end {end} precedes the start {date}")
    return date, end


def _check_docs(docs: list[str], event_docs: set[str], fail: Fail, field: str) -> None:
    for doc in docs:
        if doc not in event_docs:
            raise fail(field, f"{doc!r} is not one of the event's sources")


def _check_numbers(item: EventSpec, event_docs: set[str], fail: Fail) -> None:
    keys = [n.key for n in item.numbers]
    if len(set(keys)) != len(keys):
        raise fail("numbers", "two numbers share a key")
    for index, number in enumerate(item.numbers):
        _check_docs(number.sources, event_docs, fail, f"numbers.{index}.sources")


def _check_conflicts(item: EventSpec, event_docs: set[str], fail: Fail) -> None:
    """A conflict is two articles disagreeing: claims from two sources or more, each among the event's,
    and a disputed figure that is one of the claims (never a value of our own)."""
    numbers = {n.key: n for n in item.numbers}
    for c_index, conflict in enumerate(item.conflicts):
        field = f"conflicts.{c_index}"
        for claim in conflict.claims:
            _check_docs(claim.sources, event_docs, fail, f"{field}.claims")
        sides = [frozenset(claim.sources) for claim in conflict.claims]
        if len(set().union(*sides)) < 2 or len(set(sides)) < 2:
            raise fail(f"{field}.claims", "a conflict needs claims from at least two different sources")
        for i, side in enumerate(sides):
            if any(side & other for other in sides[i + 1:]):
                raise fail(f"{field}.claims", "one article backs two sides: that is not a disagreement between "
                                              "sources (record what it says instead)")
        if conflict.field.startswith("numbers."):
            number = numbers.get(conflict.field.split(".", 1)[1])
            if number is None:
                raise fail(f"{field}.field", f"{conflict.field!r} names no number of this event")
            stated = [claim_figure(claim.value) for claim in conflict.claims]
            if any(value is None for value in stated):
                raise fail(f"{field}.claims", "a claim on a figure must state one figure")
            if not any(value == number.value for value in stated):
                raise fail(f"{field}.field",
                           f"the figure {number.value:g} is none of the claims: a value no source states")


def load_chronology(path: str | Path, registry_path: str | Path) -> Chronology:
    """Read a chronology file and the registry it refers to; ChronologyError names what is wrong."""
    registry = load_registry(registry_path)
    path = Path(path)
    return parse_chronology(read_yaml(path), registry, path)
