"""The pure domain of dated events: no Flask, no database. See model.py for the central types."""

from .model import (
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
    Precision,
    Qualifier,
    Source,
    SourceRef,
    Storyline,
    Who,
)

__all__ = [
    "Chronology", "Claim", "Conflict", "Entity", "Era", "Event", "EventKind", "InvalidDate", "Link", "Number",
    "PartialDate",
    "Precision", "Qualifier", "Source", "SourceRef", "Storyline", "Who",
]
