"""Read and validate chronology files (YAML) into the plain model.

The file format is described by pydantic models below, so the schema lives in one place and every error
names the file, the event and the field. Cross-references (actors in the registry, eras, source documents,
unique ids) are checked after the shape is known to be right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, Mapping

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from .model import (
    Chronology,
    Claim,
    Conflict,
    Entity,
    Era,
    Event,
    InvalidDate,
    Number,
    PartialDate,
    Qualifier,
    Source,
    SourceRef,
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


class EraSpec(_Strict):
    id: Slug
    title_ar: Text
    title_en: Text
    start_year: int
    end_year: int


class EventSpec(_Strict):
    id: Slug
    date: str
    qualifier: Qualifier | None = None
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

    @field_validator("date", mode="before")
    @classmethod
    def _date_is_text(cls, value: Any) -> str:
        # YAML reads an unquoted 2003-03-20 as a date and 2003 as an int; accept both, store text.
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    def partial_date(self) -> PartialDate:
        return PartialDate.parse(self.date, self.qualifier)


class ChronologySpec(_Strict):
    schema_version: Literal[1]
    id: Slug
    title_ar: Title
    title_en: Title
    sources: list[SourceSpec] = Field(min_length=1)
    eras: list[EraSpec] = Field(min_length=1)
    events: list[EventSpec] = Field(min_length=1)


class EntitySpec(_Strict):
    id: Slug
    kind: Literal["person", "organisation", "armed_group", "state", "place"]
    name_ar: Text
    name_en: Text
    roles: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]] = []
    aliases_ar: list[Text] = []
    aliases_en: list[Text] = []


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
        registry[item.id] = Entity(
            id=item.id, kind=item.kind, name_ar=item.name_ar, name_en=item.name_en,
            roles=tuple(item.roles), aliases_ar=tuple(item.aliases_ar), aliases_en=tuple(item.aliases_en),
        )
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

    events: list[Event] = []
    seen: set[str] = set()
    for item in spec.events:
        def fail(field: str, message: str) -> ChronologyError:
            return ChronologyError(path, message, event=item.id, field=field)

        if item.id in seen:
            raise fail("id", "duplicate id")
        seen.add(item.id)
        try:
            date = item.partial_date()
        except (InvalidDate, ValueError) as exc:
            raise fail("date", str(exc)) from None
        if item.era not in era_ids:
            raise fail("era", f"unknown era {item.era!r}")
        era = next(e for e in spec.eras if e.id == item.era)
        if not era.start_year <= date.year <= era.end_year:
            raise fail("era", f"{date.year} is outside era {era.id!r} ({era.start_year}-{era.end_year})")
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
        number_keys = [n.key for n in item.numbers]
        if len(set(number_keys)) != len(number_keys):
            raise fail("numbers", "two numbers share a key")
        for c_index, conflict in enumerate(item.conflicts):
            if conflict.field.startswith("numbers.") and conflict.field.split(".", 1)[1] not in number_keys:
                raise fail(f"conflicts.{c_index}.field", f"{conflict.field!r} names no number of this event")
            for claim in conflict.claims:
                for doc in claim.sources:
                    if doc not in source_ids:
                        raise fail(f"conflicts.{c_index}.claims", f"unknown source {doc!r}")
        events.append(
            Event(
                id=item.id, date=date, title_ar=item.title_ar, title_en=item.title_en,
                summary_ar=item.summary_ar, summary_en=item.summary_en, era=item.era,
                sources=tuple(SourceRef(r.doc, r.note) for r in item.sources),
                actors=tuple(item.actors), places=tuple(item.places),
                numbers=tuple(
                    Number(n.key, n.value, n.unit, n.label_ar, n.label_en, n.approx) for n in item.numbers
                ),
                conflicts=tuple(
                    Conflict(
                        c.field, c.topic_ar, c.topic_en,
                        tuple(Claim(cl.value, tuple(cl.sources), cl.says_ar, cl.says_en) for cl in c.claims),
                    )
                    for c in item.conflicts
                ),
                importance=item.importance,
            )
        )

    return Chronology(
        id=spec.id, title_ar=spec.title_ar, title_en=spec.title_en, events=tuple(events),
        eras=tuple(Era(e.id, e.title_ar, e.title_en, e.start_year, e.end_year) for e in spec.eras),
        sources=tuple(
            Source(s.id, s.file, s.title_ar, s.title_en, s.short_ar, s.short_en, s.publisher) for s in spec.sources
        ),
        registry=dict(registry),
    )


def load_chronology(path: str | Path, registry_path: str | Path) -> Chronology:
    """Read a chronology file and the registry it refers to; ChronologyError names what is wrong."""
    registry = load_registry(registry_path)
    path = Path(path)
    return parse_chronology(read_yaml(path), registry, path)
