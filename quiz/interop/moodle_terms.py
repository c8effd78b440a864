"""What Moodle XML and GIFT share: ordering grading-type names, category paths, question names, true/false,
the grades Moodle accepts for an answer.

Grading types: Moodle's qtype_ordering writes names such as RELATIVE_ALL_PREVIOUS_AND_NEXT and accepts
short forms on import (ABS, REL, ABSOLUTE); we store the ids of `scoring.GradingType`. Moodle's
RELATIVE_ONE_PREVIOUS_AND_NEXT is our relative_to_siblings.
"""

from __future__ import annotations

import re
from typing import Literal

from ..authoring import SetOption, SetQuestion
from ..messages import N_, Message
from ..scoring.ordering import GradingType

# What a question type's reader (Moodle XML, GIFT) found: our type, the options, the index of the right one (mcq,
# truefalse) or None.
Body = tuple[Literal["mcq", "multi", "truefalse", "ordering"], tuple[SetOption, ...], int | None]

_FROM_MOODLE = {grading.name: grading.value for grading in GradingType} | {
    "RELATIVE_ONE_PREVIOUS_AND_NEXT": GradingType.RELATIVE_TO_SIBLINGS.value,
    "ABS": GradingType.ABSOLUTE_POSITION.value,
    "ABSOLUTE": GradingType.ABSOLUTE_POSITION.value,
    "REL": GradingType.RELATIVE_NEXT_EXCLUDE_LAST.value,
    "RELATIVE": GradingType.RELATIVE_NEXT_EXCLUDE_LAST.value,
}
_FROM_MOODLE.pop("RELATIVE_TO_SIBLINGS")
GRADING_NAMES = frozenset(_FROM_MOODLE)

UNSUPPORTED = {
    "essay": N_("an essay question"),
    "cloze": N_("a cloze question (embedded answers)"),
    "multianswer": N_("a cloze question (embedded answers)"),
    "match": N_("a matching question"),
    "matching": N_("a matching question"),
    "numerical": N_("a numerical question"),
    "shortanswer": N_("a short-answer question"),
    "description": N_("a description, not a question"),
    "calculated": N_("a calculated question"),
    "calculatedsimple": N_("a calculated question"),
    "calculatedmulti": N_("a calculated question"),
    "ddwtos": N_("a drag-and-drop question"),
    "ddimageortext": N_("a drag-and-drop question"),
    "ddmarker": N_("a drag-and-drop question"),
    "gapselect": N_("a gap-select question"),
    "randomsamatch": N_("a random matching question"),
}

# Moodle refuses an imported answer whose grade is not one of its own (question_bank::fraction_options_full,
# lib/questionlib.php; qformat_default::importprocess calls match_grade_options with 'error', which accepts a
# grade within 0.00001 of one of these): 100%, the p/q for q <= 6, the p/10, 1/q for q <= 10, 1/20, 0, and the
# same below 0. https://github.com/moodle/moodle/blob/main/lib/questionlib.php
_POSITIVE_GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
MOODLE_GRADES = (*_POSITIVE_GRADES, 0.0, *(-grade for grade in reversed(_POSITIVE_GRADES)))
_GRADE_MATCH = 0.00001


def fraction_from_percent(percent: float) -> float:
    """A Moodle grade in percent (50, 33.33333, -100) as our fraction, to 7 places like Moodle's own list, so that
    1/3 read back is the 0.3333333 `default_fractions` writes."""
    return round(percent / 100, 7)


def moodle_grade(fraction: float) -> tuple[float, bool]:
    """The grade Moodle accepts for a fraction: (itself or the nearest of Moodle's grades, whether it is exact)."""
    nearest = min(MOODLE_GRADES, key=lambda grade: abs(grade - fraction))
    return nearest, abs(nearest - fraction) < _GRADE_MATCH


def percent_text(fraction: float) -> str:
    """A fraction as Moodle writes a grade: percent with at most 5 decimals and no trailing zeros (50, 33.33333)."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def moodle_fractions(question: SetQuestion) -> tuple[list[float], list[Message]]:
    """The grades to write for a several-answer question's options, and a note for each that Moodle would
    refuse as it is (written as Moodle's nearest grade instead)."""
    grades: list[float] = []
    notes: list[Message] = []
    for number, option in enumerate(question.options, start=1):
        grade, exact = moodle_grade(option.fraction or 0.0)
        if not exact:
            notes.append(N_("option %(num)s's share of the mark (%(share)s%%) is not one of Moodle's grades: "
                            "written as %(grade)s%%; check the question in Moodle", num=number,
                            share=percent_text(option.fraction or 0.0), grade=percent_text(grade)))
        grades.append(grade)
    return grades, notes


def grading_from_moodle(name: str) -> str | None:
    return _FROM_MOODLE.get(name.strip().upper())


def grading_to_moodle(grading_type: str) -> str:
    if grading_type == GradingType.RELATIVE_TO_SIBLINGS.value:
        return "RELATIVE_ONE_PREVIOUS_AND_NEXT"
    return GradingType(grading_type).name


def unsupported(qtype: str) -> Message:
    kind = UNSUPPORTED.get(qtype) or N_('a Moodle "%(type)s" question', type=qtype)
    return N_("%(kind)s: Chronoquiz imports multiple-choice, true/false and ordering questions only", kind=kind)


_SEPARATOR = re.compile(r"(?<!/)/(?!/)")  # Moodle writes a "/" inside a category name as "//"


def category_from_path(path: str) -> str | None:
    """ "$course$/top/History/Iraq" -> "History/Iraq": the path without its context and "top"."""
    parts = _SEPARATOR.split(path.strip())
    if parts and re.fullmatch(r"\$\w+\$", parts[0]):
        parts = parts[1:]
    if parts and parts[0] == "top":  # Moodle 4 exports start with "$course$/top", the context's root
        parts = parts[1:]
    category = "/".join(part.strip() for part in parts if part.strip())
    return category or None


def category_leaf(category: str | None) -> str | None:
    """The last name of a category path, with Moodle's "//" turned back into "/"."""
    if not category:
        return None
    return _SEPARATOR.split(category)[-1].replace("//", "/").strip() or None


def category_path(category: str | None, title: str) -> str:
    """ "$course$/<category>" for export; a question without a category goes under the set's title."""
    return "$course$/" + (category or title.replace("/", "//"))


def written_languages(question: SetQuestion) -> tuple[bool, bool]:
    """Which languages an export writes for a question: those of its prompt (both when it has both).

    Texts in a language the prompt lacks (an optional English option in an Arabic question) are not
    written: the importer decides a question's language from its prompt, so they would come back merged.
    """
    has_ar, has_en = bool(question.prompt_ar), bool(question.prompt_en)
    return (has_ar, has_en) if has_ar or not has_en else (False, True)


def pick(question: SetQuestion, text_ar: str | None, text_en: str | None) -> tuple[str | None, str | None]:
    write_ar, write_en = written_languages(question)
    return (text_ar if write_ar else None), (text_en if write_en else None)


def question_name(prompt: str, limit: int = 42) -> str:
    """A Moodle question name from the prompt: its first line, cut at a word near `limit` like Moodle does."""
    first = " ".join(prompt.strip().split("\n", 1)[0].split())
    if len(first) <= limit:
        return first or "Question"
    cut = first[:limit]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + " ..."
