"""Teacher-authored question sets as plain data (no Flask, no database): the shape every import, export,
editor and generator wizard agrees on. See model.py."""

from .model import (
    LANGUAGES,
    MAX_ITEMS,
    MAX_OPTIONS,
    MIN_ITEMS,
    MIN_OPTIONS,
    SetData,
    SetOption,
    SetQuestion,
    SetValidationError,
    validate_set,
)

__all__ = ["LANGUAGES", "MAX_ITEMS", "MAX_OPTIONS", "MIN_ITEMS", "MIN_OPTIONS", "SetData", "SetOption",
           "SetQuestion", "SetValidationError", "validate_set"]
