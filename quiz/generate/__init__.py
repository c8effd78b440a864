"""Chronology → questions: the pure core that turns a sourced chronology into sound quiz questions.

No Flask, no database: plain dataclasses in, plain dataclasses out, randomness injected as a seeded
`random.Random`. The one rule above all: a question has exactly one defensible answer. Every kind enforces
it with certainly-before/after date spans, role-matched people, banded figures and the sources' disputes.

Public API:
    generate_quiz(chronology, QuizRequest(...)) -> list[Question]
    KINDS[name].generate(event, chronology, rng, GenerationSettings(...)) -> Question
    check(question, answer) -> bool
    format_text(questions, lang="ar") -> str
    Question.to_contract() -> dict (ARCHITECTURE.md, "Contracts")
"""

from .difficulty import LEVELS
from .errors import CannotGenerate, InvalidRequest, NotEnoughEvents
from .explain import TextStyle
from .kind import GenerationSettings, QuestionKind
from .kinds import KINDS, check
from .question import MCQ, ORDERING, Choice, Question
from .quiz import QuizRequest, generate_quiz
from .text import format_text

__all__ = [
    "CannotGenerate",
    "Choice",
    "GenerationSettings",
    "InvalidRequest",
    "KINDS",
    "LEVELS",
    "MCQ",
    "NotEnoughEvents",
    "ORDERING",
    "Question",
    "QuestionKind",
    "QuizRequest",
    "TextStyle",
    "check",
    "format_text",
    "generate_quiz",
]
