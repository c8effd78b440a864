"""What the timeline page shows: filtered events on a time axis (eras, then years, then events in date order),
and the era strip above it."""

from __future__ import annotations

from dataclasses import dataclass

from ..chronology.model import Chronology, Era, Event


@dataclass(frozen=True)
class AxisYear:
    """One tick of the axis: a year and the events placed on it (by their start date), in date order. A year
    with no event stays on the axis, so gaps in time look like gaps."""

    year: int
    events: list[Event]


@dataclass(frozen=True)
class AxisEra:
    """One band of the axis: an era, its place among the chronology's eras (from 1, for its colour) and its
    years from the first to the last shown."""

    era: Era
    number: int
    years: list[AxisYear]
    count: int


@dataclass(frozen=True)
class TimelineView:
    total: int
    disputed: int
    filtered: bool
    axis: list[AxisEra]


@dataclass(frozen=True)
class StripSegment:
    era: Era
    count: int
    share: float  # of the whole span of years, for the segment's width


def timeline_view(
    chronology: Chronology,
    *,
    era: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    person: str | None = None,
) -> TimelineView:
    events = chronology.filter(
        eras=[era] if era else None, year_from=year_from, year_to=year_to, actors=[person] if person else None
    )
    return TimelineView(
        total=len(events),
        disputed=sum(1 for e in events if e.conflicts),
        filtered=any(v is not None for v in (era, year_from, year_to, person)),
        axis=time_axis(chronology, chronology.by_era(events), year_from=year_from, year_to=year_to),
    )


def time_axis(
    chronology: Chronology,
    groups: list[tuple[Era, list[Event]]],
    *,
    year_from: int | None = None,
    year_to: int | None = None,
) -> list[AxisEra]:
    """The era bands of the axis. Each band runs over its era's years, cut to the years asked for, and widened
    to any event that starts outside them (a period that began before the years asked for, say)."""
    numbers = {era.id: n for n, era in enumerate(chronology.eras, start=1)}
    bands = []
    for era, events in groups:
        first = max(era.start_year, year_from) if year_from is not None else era.start_year
        last = min(era.end_year, year_to) if year_to is not None else era.end_year
        starts = [e.date.year for e in events]
        first, last = min([first, *starts]), max([last, *starts])
        by_year: dict[int, list[Event]] = {year: [] for year in range(first, last + 1)}
        for event in events:  # already in date order
            by_year[event.date.year].append(event)
        years = [AxisYear(year, members) for year, members in by_year.items()]
        bands.append(AxisEra(era=era, number=numbers[era.id], years=years, count=len(events)))
    return bands


def era_strip(chronology: Chronology) -> list[StripSegment]:
    """One segment per era, as wide as its share of the years covered."""
    spans = [max(1, era.end_year - era.start_year + 1) for era in chronology.eras]
    total = sum(spans) or 1
    counts = {era.id: 0 for era in chronology.eras}
    for event in chronology.events:
        counts[event.era] = counts.get(event.era, 0) + 1
    return [
        StripSegment(era=era, count=counts[era.id], share=span / total)
        for era, span in zip(chronology.eras, spans)
    ]
