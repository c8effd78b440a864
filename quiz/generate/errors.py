"""Small domain exceptions of the generator, translated into HTTP or CLI errors at the edge.

A generator that cannot make a sound question must say so and why, never fall back on a question with two
defensible answers or none. These exceptions carry that "why" as a `quiz.messages.Message`: English text for
the CLI and the log, a msgid with parameters that the web shows in the teacher's language.
"""

from __future__ import annotations

from ..messages import Message, as_message


class CannotGenerate(Exception):
    """This kind cannot make a sound question from this event (the reason says what is missing)."""

    def __init__(self, reason: str) -> None:
        self.reason: Message = as_message(reason)
        super().__init__(self.reason)


class NotEnoughEvents(CannotGenerate):
    """Too few suitable events: for one question (no distractors) or for the quiz that was asked for.

    `made` and `requested` are set when a whole quiz could not be filled, so the caller can offer the
    smaller quiz or ask for wider filters.
    """

    def __init__(self, reason: str, *, made: int | None = None, requested: int | None = None) -> None:
        self.made = made
        self.requested = requested
        super().__init__(reason)


class InvalidRequest(ValueError):
    """A quiz request that makes no sense (unknown kind, negative count, bad difficulty mix)."""

    def __init__(self, reason: str) -> None:
        self.reason: Message = as_message(reason)
        super().__init__(self.reason)
