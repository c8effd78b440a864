"""The scoring core: grading of answers and scheduling of spaced review.

Pure by design (STYLE.md, item 6): no Flask and no database, plain data in and frozen dataclasses out, the
current time always passed in. The web layer calls these functions and stores what they return; a test imports
them without an app.
"""

from __future__ import annotations

from .errors import InvalidAnswer
from .ordering import (
    GRADERS,
    Grade,
    GradingType,
    grade_absolute_position,
    grade_all_or_nothing,
    grade_choice,
    grade_longest_contiguous_subset,
    grade_longest_ordered_subset,
    grade_ordering,
    grade_relative_all_previous_and_next,
    grade_relative_next_exclude_last,
    grade_relative_next_include_last,
    grade_relative_to_correct,
    grade_relative_to_siblings,
    items_in_place,
)
from .review import ReviewResult, due_at, is_due, new_card, review

__all__ = [
    "GRADERS",
    "Grade",
    "GradingType",
    "InvalidAnswer",
    "ReviewResult",
    "due_at",
    "grade_absolute_position",
    "grade_all_or_nothing",
    "grade_choice",
    "grade_longest_contiguous_subset",
    "grade_longest_ordered_subset",
    "grade_ordering",
    "grade_relative_all_previous_and_next",
    "grade_relative_next_exclude_last",
    "grade_relative_next_include_last",
    "grade_relative_to_correct",
    "grade_relative_to_siblings",
    "is_due",
    "items_in_place",
    "new_card",
    "review",
]
