"""A reviewer's rules, checked on every question of 1,000 default quizzes over the chronology we ship.

The property tests (test_generate_rules.py) prove the rules on random chronologies; this file proves them on
the real one, where the data's own quirks (periods, totals, disputes, people tied to events) are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import combinations

import pytest

from quiz import paths
from quiz.chronology.load import load_chronology
from quiz.chronology.model import Precision
from quiz.generate import MCQ, QuizRequest, TextStyle, generate_quiz
from quiz.generate.distractors import APPROX_BAND, EXACT_BAND
from quiz.generate.index import index_for
from quiz.generate.kinds import ORDERING_KINDS
from quiz.generate.mcq import linked_to_event

QUIZZES = 1000
QUIZ_LENGTH = 20
DATE_KINDS = {"when", "what_happened", "first", "last", "before", "after", "order", "storyline_order"}
LATIN = re.compile(r"[A-Za-z]")
WESTERN_DIGIT = re.compile(r"[0-9]")
GREGORIAN_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                    "نوفمبر", "ديسمبر")


@pytest.fixture(scope="module")
def chronology():
    return load_chronology(paths.shipped_chronology_path(), paths.registry_path())


@pytest.fixture(scope="module")
def quizzes(chronology):
    return [generate_quiz(chronology, QuizRequest(count=QUIZ_LENGTH, seed=seed)) for seed in range(QUIZZES)]


def all_questions(quizzes):
    return [q for quiz in quizzes for q in quiz]


def of_kind(quizzes, kind):
    """Every question of one kind in the quizzes (the rule tests below need at least one to mean anything)."""
    found = [q for q in all_questions(quizzes) if q.kind == kind]
    assert found, f"no {kind} question in {len(quizzes)} quizzes"
    return found


def key_of(question):
    """What the right option is (a date, a person id, a figure), from the question's option keys."""
    return question.option_keys[[o.id for o in question.options].index(question.answer)]


def test_every_question_has_one_key_and_distinct_options(quizzes):
    for q in all_questions(quizzes):
        ids = [o.id for o in q.options]
        assert len(set(ids)) == len(ids)
        assert len({o.text_ar for o in q.options}) == len(ids), q.prompt_ar
        assert len({o.text_en for o in q.options}) == len(ids), q.prompt_en
        if q.type == MCQ:
            assert q.answer in ids
        else:
            assert sorted(q.answer) == sorted(ids) and tuple(q.answer) != tuple(ids), "never shown in order"


def test_date_questions_rest_on_dated_undisputed_events_in_a_certain_order(chronology, quizzes):
    index = index_for(chronology)
    for q in all_questions(quizzes):
        if q.kind not in DATE_KINDS:
            continue
        events = [index.by_id[e] for e in q.event_ids]
        for facts in events:
            assert facts.dated and not facts.date_disputed, (q.kind, facts.event.id)
        if q.kind in ("when", "what_happened"):
            assert index.by_id[q.subject_ids[0]].moment, (q.kind, q.subject_ids)
        if q.kind not in ("when", "what_happened"):
            for a, b in combinations(events, 2):
                assert a.hi < b.lo or b.hi < a.lo, (q.kind, a.event.id, b.event.id)


def test_day_level_wrong_dates_are_a_week_or_more_from_the_key(chronology, quizzes):
    index = index_for(chronology)
    seen = 0
    for q in all_questions(quizzes):
        if q.kind != "when":
            continue
        event = index.by_id[q.subject_ids[0]].event
        if event.date.precision is not Precision.DAY:
            continue
        seen += 1
        key = event.date.earliest.toordinal()
        for option, key_text in zip(q.options, q.option_keys):
            if option.id == q.answer:
                continue
            day = dt.date.fromisoformat(key_text).toordinal()
            assert abs(day - key) >= 7, (event.id, key_text)
    assert seen > 0


def test_who_options_share_the_role_were_active_and_are_not_tied_to_the_event(chronology, quizzes):
    index = index_for(chronology)
    for q in of_kind(quizzes, "who"):
        facts = index.by_id[q.subject_ids[0]]
        event = facts.event
        answer = chronology.entity(event.who.person)
        assert key_of(q) == answer.id
        for key in q.option_keys:
            if key == answer.id:
                continue
            person = chronology.entity(key)
            assert answer.role in person.roles
            assert person.active_in(event.earliest.year, event.latest.year), (event.id, key)
            does = f"{event.who.does_ar} {event.who.does_en}"
            assert not linked_to_event(index, facts, person, does), (event.id, key)
        assert "associated" not in q.prompt_en and "مرتبط" not in q.prompt_ar


def test_figures_carry_units_and_keep_away_from_the_key(chronology, quizzes):
    index = index_for(chronology)
    for q in of_kind(quizzes, "how_many"):
        event = index.by_id[q.subject_ids[0]].event
        key = float(key_of(q))
        number = next(n for n in event.numbers if n.value == key or key in {float(v) for v in _claims(event, n)})
        exact = number.approx == "exactly" and not event.is_disputed(f"numbers.{number.key}")
        band = EXACT_BAND if exact else APPROX_BAND
        for value in map(float, q.option_keys):
            if value != key:
                assert abs(value - key) >= band * key * 0.999, (event.id, value, key)
                for reading in number.other_readings:
                    assert abs(value - reading) >= APPROX_BAND * reading * 0.999, (event.id, value, reading)
        for option in q.options:
            assert re.search(r"[^\W\d_]|[٪%]", option.text_ar), option.text_ar  # a unit word or sign


def _claims(event, number):
    from quiz.chronology.figures import claim_figure

    return [claim_figure(c.value) for conflict in event.conflicts if conflict.field == f"numbers.{number.key}"
            for c in conflict.claims]


def test_default_quizzes_are_a_classroom_mix(chronology, quizzes):
    """At least a quarter orderings, no minor events, and every era of the story asked about."""
    minor = {e.id for e in chronology.events if e.minor}
    eras = Counter()
    for quiz in quizzes:
        orderings = sum(1 for q in quiz if q.kind in ORDERING_KINDS)
        assert orderings >= 0.25 * len(quiz), [q.kind for q in quiz]
        for q in quiz:
            assert not minor.intersection(q.subject_ids), q.subject_ids
            eras[chronology.event(q.subject_ids[0]).era] += 1
    total = sum(eras.values())
    years = {e.id: e.end_year - e.start_year + 1 for e in chronology.eras}
    for era in chronology.eras:
        share = eras[era.id] / total
        expected = years[era.id] / sum(years.values())
        assert abs(share - expected) < 0.06, (era.id, share, expected)


def test_the_kinds_that_teach_history_are_asked(quizzes):
    kinds = Counter(q.kind for q in all_questions(quizzes))
    for kind in ("era", "cause", "consequence", "source_says", "storyline_order", "who", "how_many"):
        assert kinds[kind] > 0, kind


@pytest.mark.parametrize("style", [TextStyle("levantine", "eastern"), TextStyle("gregorian", "western")],
                         ids=["levantine-eastern", "gregorian-western"])
def test_arabic_text_is_clean_and_follows_the_learners_choices(chronology, style):
    for seed in range(60):
        for q in generate_quiz(chronology, QuizRequest(count=QUIZ_LENGTH, seed=seed, style=style)):
            texts = [q.prompt_ar, q.explanation_ar, *(o.text_ar for o in q.options)]
            for text in texts:
                assert not LATIN.search(text), (q.kind, text)
                assert "أمريكي" not in text and "أمريكا" not in text, text  # one spelling: أميركي
                assert "ًا" not in text, text  # one tanween convention: «رقماً», not «رقمًا»
                assert "{" not in text and "None" not in text, text
                if style.digits == "eastern":
                    assert not WESTERN_DIGIT.search(text), (q.kind, text)
                if style.month_style == "levantine":
                    assert not any(re.search(rf"(?:\d|[٠-٩]) {m}|{m} (?:عام )?(?:\d|[٠-٩])", text)
                                   for m in GREGORIAN_MONTHS), text
            for text in (q.prompt_en, *(o.text_en for o in q.options)):
                assert not re.search(r"[\u0600-\u06ff]", text), text
