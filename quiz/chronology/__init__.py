"""The pure domain of dated events: no Flask, no database. See model.py for the central types."""

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
    Precision,
    Qualifier,
    Source,
    SourceRef,
)

__all__ = [
    "Chronology", "Claim", "Conflict", "Entity", "Era", "Event", "InvalidDate", "Number", "PartialDate",
    "Precision", "Qualifier", "Source", "SourceRef",
]
