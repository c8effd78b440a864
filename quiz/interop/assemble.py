"""From the questions an importer found to a valid set, or an error saying why nothing could be imported.

Every importer walks its file in order and produces `Entry`s: a question (with the place it came from) or
the reason a question was skipped. `assemble_set` then decides the set's language when the format does not
say it, checks every question against the model's rules (`authoring.question_problems`), skips the ones
that break them with their problems listed (nothing is silently fixed), and validates the set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Mapping

from ..authoring import SetData, SetQuestion, SetValidationError, validate_set
from ..authoring.media import Media
from ..authoring.model import question_problems
from ..messages import N_, Message, Nn_, joined
from . import limits
from .media import used_media
from .results import ImportIssue, ImportResult, InteropError

DEFAULT_TITLE = "Imported questions"
MAX_TITLE = 200
_LISTED = 8


@dataclass(frozen=True)
class Entry:
    where: Message
    question: SetQuestion | None = None
    skip_reason: Message | None = None
    warnings: tuple[Message, ...] = ()  # reported only when the question is kept


def title_from(*candidates: str | None, filename: str = "") -> str:
    """The first usable candidate, else the file name without its extension, else a default title."""
    for text in (*candidates, PurePath(filename).stem if filename else None):
        cleaned = " ".join((text or "").split())
        if cleaned:
            return cleaned[: MAX_TITLE - 1] + "…" if len(cleaned) > MAX_TITLE else cleaned
    return DEFAULT_TITLE


_MIXED = {
    "ar": N_("the file mixes languages: the set is in Arabic, which fits most of its questions"),
    "en": N_("the file mixes languages: the set is in English, which fits most of its questions"),
    "both": N_("the file mixes languages: the set is in Arabic and English, which fits most of its questions"),
}


def infer_language(questions: list[SetQuestion]) -> tuple[str, Message | None]:
    """The language a set of imported questions can promise, and a note for the questions that lack it.

    The first of both, Arabic, English under which every question is valid; when none fits all (a file that
    mixes Arabic and English questions), the one that keeps the most questions.
    """
    fits = {language: sum(not question_problems(q, language) for q in questions) for language in ("both", "ar", "en")}
    for language in ("both", "ar", "en"):
        if fits[language] == len(questions):
            return language, None
    language = max(("ar", "en", "both"), key=lambda candidate: fits[candidate])
    return language, _MIXED[language]


def nothing_importable(skipped: list[ImportIssue]) -> InteropError:
    if not skipped:
        return InteropError(N_("nothing importable: the file holds no questions"))
    listed = [Message("%(where)s: %(problem)s", {"where": issue.where, "problem": issue.message})
              for issue in skipped[:_LISTED]]
    if len(skipped) > _LISTED:
        listed.append(Nn_("and %(num)s more", "and %(num)s more", len(skipped) - _LISTED))
    return InteropError(N_("nothing importable remains in this file: %(issues)s", issues=listed), skipped)


def assemble_set(
    entries: list[Entry],
    *,
    title: str,
    warnings: list[ImportIssue] | None = None,
    language: str | None = None,
    description: str | None = None,
    grading_type: str | None = None,
    media: Mapping[str, Media] | None = None,
) -> ImportResult:
    warnings = list(warnings or [])
    limits.check_questions(len(entries))
    found = [entry.question for entry in entries if entry.question is not None]
    note: Message | None = None
    if language is None:
        language, note = infer_language(found) if found else ("ar", None)
    kept: list[SetQuestion] = []
    skipped: list[ImportIssue] = []
    for entry in entries:
        limits.tick()
        if entry.question is None:
            skipped.append(ImportIssue(entry.where, entry.skip_reason or N_("not importable")))
            continue
        problems = question_problems(entry.question, language)
        if problems:
            fits_another = any(not question_problems(entry.question, other) for other in ("both", "ar", "en"))
            reason = joined(problems)
            if note is not None and fits_another:
                reason = Message("%(problems)s (%(note)s)", {"problems": problems, "note": note})
            skipped.append(ImportIssue(entry.where, reason))
        else:
            kept.append(entry.question)
            warnings.extend(ImportIssue(entry.where, message) for message in entry.warnings)
    if not kept:
        raise nothing_importable(skipped)
    data = SetData(
        title=title,
        language=language,  # type: ignore[arg-type]
        description=description,
        questions=tuple(kept),
        media=used_media(tuple(kept), media or {}),
        **({"grading_type": grading_type} if grading_type else {}),
    )
    try:
        validate_set(data)
    except SetValidationError as exc:
        raise InteropError(N_("the set is not valid: %(problems)s", problems=exc.messages)) from None
    return ImportResult(set=data, warnings=warnings, skipped=skipped)


def common_grading_type(grading_types: list[tuple[Message, str]], warnings: list[ImportIssue]) -> str | None:
    """A set has one grading type for its ordering questions: the first one found. When a file's ordering
    questions disagree, say so (where the first one is) rather than choose silently."""
    grading_type = grading_types[0][1] if grading_types else None
    if len({grading for _, grading in grading_types}) > 1:
        warnings.append(ImportIssue(
            grading_types[0][0],
            N_("ordering questions use different grading types; the set grades all of them as %(grading)s",
               grading=grading_type),
        ))
    return grading_type
