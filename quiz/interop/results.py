"""What every importer and exporter hands back, and the one error they raise.

An import is all-or-nothing at the level of the data: an importer returns an `ImportResult` whose `set` is a
valid `SetData` (it has passed `authoring.validate_set`), or raises `InteropError`. Questions that cannot be
imported (an unsupported type, a rule of the model broken) are left out and listed in `skipped`, one
`ImportIssue` each; things kept but changed on the way (an image dropped, feedback per answer dropped) are
listed in `warnings`. `where` always names a place a teacher can find in the file: a line, a row, a question
number and name. Both are `quiz.messages.Message`s: English as text (the CLI, logs), and translated by the web.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..authoring import SetData
from ..messages import Message, as_message

MAX_BYTES = 5 * 1024 * 1024
"""Inputs larger than this (5 MB) are refused before they are parsed."""


@dataclass(frozen=True)
class ImportIssue:
    where: Message  # "line 12", "row 9", 'question 2 "Greeting" (line 11)', "question 4 (questions.3)"
    message: Message

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ImportResult:
    set: SetData | None  # importers always return a valid set or raise; None is for callers that merge
    warnings: list[ImportIssue] = field(default_factory=list)
    skipped: list[ImportIssue] = field(default_factory=list)
    encoding: str | None = None  # the codec a text file was read with (decode.CANDIDATES), None for .xlsx
    encoding_guessed: bool = False  # chosen from statistics: the preview asks the teacher to confirm it
    # How many kept questions are in each language ("ar", "en", "fr"…; "ar+en" for bilingual questions),
    # most first: what the preview reports ("42 questions in Arabic, 8 in English, 3 in French").
    languages: dict[str, int] = field(default_factory=dict)


@dataclass
class ExportResult:
    """The bytes of an export, the questions a format could not hold, and what it kept only in part."""

    data: bytes
    not_exported: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)


class InteropError(ValueError):
    """A file that cannot be imported at all: malformed, too big, not UTF-8, or nothing importable in it.

    The message says where (line and column, row and column, or field path). `issues` lists the per-question
    reasons when the error is "nothing importable remains".
    """

    def __init__(self, message: str, issues: list[ImportIssue] | tuple[ImportIssue, ...] = ()):
        super().__init__(message)
        self.message = as_message(message)
        self.issues = list(issues)
