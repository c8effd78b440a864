"""The registry of question kinds: one line per kind (STYLE.md 7, after CTFd's CHALLENGE_CLASSES)."""

from __future__ import annotations

from .kind import QuestionKind
from .mcq import AfterKind, BeforeKind, FirstKind, HowManyKind, LastKind, WhatHappenedKind, WhenKind, WhoKind
from .ordering import OrderKind
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
}


def check(question: Question, answer: object) -> bool:
    """Whether `answer` is right for `question` (a choice id, or item ids oldest first for ordering)."""
    return KINDS[question.kind].check(question, answer)
