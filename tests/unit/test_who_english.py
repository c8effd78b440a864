"""A "who" question in English when the teacher typed no English for what the person did.

A teacher's chronology stores the Arabic in the English slot of a text left empty (quiz.services.articles), so
the English prompt used to read "Which US president أعلن خطة … on 27 February 2009?". An English reader never
gets an English sentence with an Arabic clause in it: the question names the event by its English title when
it has one that does not give the answer away, and otherwise is the Arabic question, whole (as an event without
English shows its Arabic title whole among English options).
"""

from __future__ import annotations

import random

import pytest

from quiz.authoring.languages import is_arabic_text
from quiz.generate import KINDS, GenerationSettings, Question
from quiz.generate.mcq import english_text
from tests.unit.chronology_factory import make_chronology, make_event, make_who, presidents, yearly

DEED_AR = "أعلن خطة لسحب القوات"
TITLE_AR = "خطة لسحب القوات من العراق"


def who_question(*, does_en: str, title_en: str, seed: int = 1) -> Question:
    """The "who" question about Obama's plan (27 February 2009), with the given English texts."""
    event = make_event("x", "2009-02-27", actors=("obama",), title_ar=TITLE_AR, title_en=title_en,
                       who=make_who("obama", "announced", does_ar=DEED_AR, does_en=does_en))
    chronology = make_chronology([event, *yearly()], presidents())
    return KINDS["who"].generate(chronology.event("x"), chronology, random.Random(seed), GenerationSettings(seed=seed))


def lead_en(question: Question) -> str:
    """The English explanation's first line: the "who" kind's own sentence."""
    return question.explanation_en.split("\n")[0]


@pytest.mark.parametrize(("text_en", "text_ar", "english"), [
    ("announced a plan", DEED_AR, "announced a plan"),
    ("  announced a plan ", DEED_AR, "announced a plan"),
    (DEED_AR, DEED_AR, None),  # what a teacher's chronology stores when no English was typed
    ("", DEED_AR, None),
    ("announced خطة", DEED_AR, None),  # English with an Arabic word pasted in is not English
])
def test_english_text_is_none_when_the_english_slot_holds_no_english(text_en, text_ar, english):
    assert english_text(text_en, text_ar) == english


def test_an_english_deed_makes_the_english_prompt():
    question = who_question(does_en="announced a plan to pull the troops out", title_en="A withdrawal plan")
    assert question.prompt_en == "Which US president announced a plan to pull the troops out on 27 February 2009?"
    assert lead_en(question) == "Obama announced a plan to pull the troops out."


def test_without_an_english_deed_the_event_is_named_by_its_english_title():
    question = who_question(does_en=DEED_AR, title_en="A plan to pull the troops out of Iraq")
    assert question.prompt_en == ("Which US president is this event about: “A plan to pull the troops out of Iraq”, "
                                  "on 27 February 2009?")
    assert lead_en(question) == "It was Obama."
    assert question.prompt_ar == f"أيّ رئيس أميركي {DEED_AR} في 27 فبراير 2009؟"  # the Arabic is unchanged


@pytest.mark.parametrize("title_en", [
    TITLE_AR,  # no English title either: stored as the Arabic
    "Obama's withdrawal plan",  # an English title naming the answer would give it away
    "Plan by OBAMA",
])
def test_without_english_to_ask_it_the_question_is_the_arabic_one_whole(title_en):
    question = who_question(does_en=DEED_AR, title_en=title_en)
    assert question.prompt_en == question.prompt_ar
    assert lead_en(question) == "It was Obama."


@pytest.mark.parametrize(("does_en", "title_en"), [
    ("announced a plan", "A plan"), (DEED_AR, "A plan"), (DEED_AR, TITLE_AR), ("", "Obama's plan"),
    ("announced خطة", "خطة plan"),
])
def test_an_english_prompt_is_english_or_wholly_the_arabic_one(does_en, title_en):
    for seed in range(5):
        question = who_question(does_en=does_en, title_en=title_en, seed=seed)
        assert question.prompt_en == question.prompt_ar or not is_arabic_text(question.prompt_en)
        assert not is_arabic_text(lead_en(question))
