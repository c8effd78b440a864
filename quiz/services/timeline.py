"""What the timeline page shows: filtered events grouped by era, and the era strip above it."""

from __future__ import annotations

from dataclasses import dataclass

from ..chronology.model import Chronology, Era, Event


@dataclass(frozen=True)
class TimelineView:
    groups: list[tuple[Era, list[Event]]]
    total: int
    disputed: int
    filtered: bool


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
        groups=chronology.by_era(events),
        total=len(events),
        disputed=sum(1 for e in events if e.conflicts),
        filtered=any(v is not None for v in (era, year_from, year_to, person)),
    )


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
