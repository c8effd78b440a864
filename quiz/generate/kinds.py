"""The registry of question kinds: one line per kind (STYLE.md 7, after CTFd's CHALLENGE_CLASSES)."""

from __future__ import annotations

from .history import CauseKind, ConsequenceKind, EraKind, SourceSaysKind
from .kind import QuestionKind
from .mcq import (
    AfterKind,
    BeforeKind,
    FirstKind,
    HowManyKind,
    LastKind,
    WhatHappenedKind,
    WhenKind,
    WhoKind,
)
from .ordering import OrderKind, StorylineOrderKind
from .question import Question

KINDS: dict[str, QuestionKind] = {
    "when": WhenKind(),
    "what_happened": WhatHappenedKind(),
    "who": WhoKind(),
    "how_many": HowManyKind(),
    "first": FirstKind(),
    "last": LastKind(),
    "before": BeforeKind(),
    "after": AfterKind(),
    "order": OrderKind(),
    "storyline_order": StorylineOrderKind(),
    "era": EraKind(),
    "cause": CauseKind(),
    "consequence": ConsequenceKind(),
    "source_says": SourceSaysKind(),
}

# The kinds whose questions are orderings (a quiz's share of them is counted together).
ORDERING_KINDS = tuple(name for name, kind in KINDS.items() if kind.type == "ordering")


def check(question: Question, answer: object) -> bool:
    """Whether `answer` is right for `question` (a choice id, or item ids oldest first for ordering)."""
    return KINDS[question.kind].check(question, answer)
