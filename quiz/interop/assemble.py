"""From the questions an importer found to a valid set, or an error saying why nothing could be imported.

Every importer walks its file in order and produces `Entry`s: a question (with the place it came from) or
the reason a question was skipped. `assemble_set` then decides the set's language when the format does not
say it (each question's language recorded when its fields do not say it; a file in several languages makes
a "mixed" set, see quiz.authoring.model), checks every question against the model's rules
(`authoring.question_problems`), skips the ones that break them with their problems listed (a question
broken whatever its language is skipped for what is really wrong with it; nothing is silently fixed), and
validates the set.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Mapping

from ..authoring import SetData, SetQuestion, SetValidationError, validate_set
from ..authoring.languages import language_counts, question_language
from ..authoring.media import Media
from ..authoring.model import MIXED, question_problems
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


def infer_language(questions: list[SetQuestion]) -> str:
    """The language a set of imported questions can promise.

    Both, Arabic or English when every question has it (and, for English, is in English: a French question
    also lives in the English fields); otherwise "mixed", each question in its own language. A file that
    mixes languages is a bank, not a mistake: no question is dropped for its language, only for having no
    text at all or for breaking another rule, which is then the reason given.
    """
    if not questions:
        return "ar"
    for language in ("both", "ar"):
        if all(not question_problems(q, language) for q in questions):
            return language
    if all(not question_problems(q, "en") and question_language(q) in ("en", None) for q in questions):
        return "en"
    return MIXED


def with_language(question: SetQuestion) -> SetQuestion:
    """The question with its language recorded when its fields do not say it: a French or Spanish question
    in the English fields. (An Arabic question in the Arabic fields, or an English one in the English
    fields, is left as it is, so files that round-trip today still do.)"""
    if question.lang is not None:
        return question
    language = question_language(question)
    return question if language in (None, "ar", "en") else replace(question, lang=language)


def nothing_importable(skipped: list[ImportIssue]) -> InteropError:
    if not skipped:
        return InteropError(N_("nothing importable: the file holds no questions (check that it is the file you "
                               "exported, and not an empty template or a list of categories only)"))
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
    if language is None:
        entries = [replace(entry, question=with_language(entry.question)) if entry.question else entry
                   for entry in entries]
        language = infer_language([entry.question for entry in entries
                                   if entry.question is not None and not question_problems(entry.question, MIXED)])
    kept: list[SetQuestion] = []
    skipped: list[ImportIssue] = []
    for entry in entries:
        limits.tick()
        if entry.question is None:
            skipped.append(ImportIssue(entry.where, entry.skip_reason or N_("not importable")))
            continue
        # A question broken whatever the language is skipped for what is really wrong with it, never for a
        # language (a question with 7 options: "a multiple-choice question has 2 to 6 options").
        problems = question_problems(entry.question, MIXED) or question_problems(entry.question, language)
        if problems:
            skipped.append(ImportIssue(entry.where, joined(problems)))
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
    return ImportResult(set=data, warnings=warnings, skipped=skipped, languages=language_counts(kept))


def common_grading_type(grading_types: list[tuple[Message, str]], warnings: list[ImportIssue]) -> str | None:
    """A set has one grading type for its ordering questions: the first one found. When a file's ordering
    questions disagree, say so (where the first one is) rather than choose silently."""
    grading_type = grading_types[0][1] if grading_types else None
    if len({grading for _, grading in grading_types}) > 1:
        warnings.append(ImportIssue(
            grading_types[0][0],
            N_("ordering questions use different grading types; the set grades all of them as %(grading)s "
               "(change it in the set's settings after the import)", grading=grading_type),
        ))
    return grading_type
