"""The rules accommodations make (quiz.scoring.accommodations): they only ever give more, an override wins over the
class's field by field, and fewer options keep the key and drop the same distractors for the same attempt."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.scoring.accommodations import (
    MAX_EXTRA_ATTEMPTS,
    MAX_EXTRA_MINUTES,
    MAX_MULTIPLIER,
    MIN_OPTIONS,
    Accommodation,
    AccommodationError,
    AssignmentRules,
    check,
    effective_rules,
    fewer_options,
)
from quiz.scoring.served import ServedOption, ServedQuestion

OPENS = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)


def rules(limit: int | None = 10, attempts: int = 1, days: int = 2) -> AssignmentRules:
    return AssignmentRules(OPENS, OPENS + dt.timedelta(days=days), limit, attempts)


def mcq(n: int = 5, key_at: int = 2, qid: str = "q1") -> ServedQuestion:
    options = tuple(ServedOption(f"o{i}", f"خيار {i}", f"option {i}") for i in range(n))
    return ServedQuestion(id=qid, type="mcq", kind="authored", prompt_ar="؟", prompt_en="?", options=options,
                          key=f"o{key_at}")


# Any values, also out of the ranges `check` allows (rows stored before a rule changed, or set another way).
any_accommodation = st.builds(
    Accommodation,
    time_multiplier=st.none() | st.floats(-10, 10, allow_nan=False),
    extra_minutes=st.none() | st.integers(-1000, 1000),
    extra_attempts=st.none() | st.integers(-50, 50),
    closes_at=st.none() | st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 1, 1),
                                       timezones=st.just(dt.timezone.utc)),
    max_options=st.none() | st.integers(-3, 10),
    read_aloud=st.none() | st.booleans(),
)
any_rules = st.builds(rules, limit=st.none() | st.integers(1, 600), attempts=st.integers(1, 20),
                      days=st.integers(1, 60))


@given(any_rules, any_accommodation, any_accommodation, st.integers(0, 10**6))
def test_accommodations_never_give_less_than_none(base, in_class, override, started_after):
    plain = effective_rules(base)
    with_them = effective_rules(base, in_class, override)
    assert with_them.max_attempts >= plain.max_attempts
    assert with_them.closes_at >= plain.closes_at
    assert with_them.opens_at == plain.opens_at
    if plain.time_limit is None:
        assert with_them.time_limit is None  # no limit stays no limit
    else:
        assert with_them.time_limit >= plain.time_limit
    started = base.opens_at + dt.timedelta(seconds=started_after)
    assert with_them.deadline(started) >= plain.deadline(started)
    assert with_them.deadline(started) <= with_them.closes_at
    assert with_them.max_options is None or with_them.max_options >= MIN_OPTIONS


@given(any_rules)
def test_no_accommodation_is_the_assignment_itself(base):
    plain = effective_rules(base, None, None)
    assert effective_rules(base, Accommodation(), Accommodation()) == plain
    assert (plain.closes_at, plain.max_attempts, plain.max_options, plain.read_aloud) == (
        base.closes_at, base.max_attempts, None, False)
    assert plain.time_limit == (dt.timedelta(minutes=base.time_limit_minutes) if base.time_limit_minutes else None)


def test_time_is_the_limit_times_the_multiplier_plus_the_minutes():
    found = effective_rules(rules(limit=10), Accommodation(time_multiplier=1.5, extra_minutes=2))
    assert found.time_limit == dt.timedelta(minutes=17)
    assert found.deadline(OPENS) == OPENS + dt.timedelta(minutes=17)


def test_an_override_wins_field_by_field_and_keeps_what_it_leaves_empty():
    in_class = Accommodation(time_multiplier=2.0, extra_attempts=1, read_aloud=True)
    override = Accommodation(time_multiplier=1.0, extra_minutes=5)
    found = effective_rules(rules(limit=10, attempts=2), in_class, override)
    assert found.time_limit == dt.timedelta(minutes=15)
    assert found.max_attempts == 3 and found.read_aloud


@pytest.mark.parametrize("accommodation, code", [
    (Accommodation(time_multiplier=0.5), "multiplier"),
    (Accommodation(time_multiplier=MAX_MULTIPLIER + 0.01), "multiplier"),
    (Accommodation(extra_minutes=-1), "extra_minutes"),
    (Accommodation(extra_minutes=MAX_EXTRA_MINUTES + 1), "extra_minutes"),
    (Accommodation(extra_attempts=-1), "extra_attempts"),
    (Accommodation(extra_attempts=MAX_EXTRA_ATTEMPTS + 1), "extra_attempts"),
    (Accommodation(max_options=1), "max_options"),
    (Accommodation(max_options=7), "max_options"),
    (Accommodation(closes_at=OPENS + dt.timedelta(days=2)), "closes_at"),  # not later than the own close
])
def test_check_refuses_values_out_of_range(accommodation, code):
    with pytest.raises(AccommodationError) as error:
        check(accommodation, closes_after=OPENS + dt.timedelta(days=2))
    assert str(error.value) == code


def test_a_close_date_needs_an_assignment():
    with pytest.raises(AccommodationError):
        check(Accommodation(closes_at=OPENS + dt.timedelta(days=9)), closes_after=None)
    check(Accommodation(closes_at=OPENS + dt.timedelta(days=9)), closes_after=OPENS + dt.timedelta(days=2))


@given(st.integers(2, 6), st.integers(0, 5), st.integers(2, 8), st.text(max_size=12))
def test_fewer_options_keep_the_key_the_order_and_the_count(n, key_at, keep, seed):
    question = mcq(n, key_at % n)
    reduced = fewer_options(question, keep, seed)
    ids = [o.id for o in reduced.options]
    assert question.key in ids
    assert len(ids) == min(n, keep)
    assert ids == [o.id for o in question.options if o.id in ids]  # shown in the order they were
    assert fewer_options(question, keep, seed) == reduced  # the same attempt drops the same ones
    assert reduced.key == question.key and reduced.prompt_en == question.prompt_en


def test_fewer_options_differ_between_attempts_and_leave_ordering_alone():
    question = mcq(6)
    kept = {tuple(o.id for o in fewer_options(question, 2, str(seed)).options) for seed in range(40)}
    assert len(kept) > 1  # not always the same distractor: no pattern a student could learn
    ordering = ServedQuestion(id="q2", type="ordering", kind="authored", prompt_ar="", prompt_en="",
                              options=question.options[:4], key=("o0", "o1", "o2", "o3"))
    assert fewer_options(ordering, 2, "1") is ordering
    assert fewer_options(question, None, "1") is question


def test_a_ranked_question_keeps_its_best_ranked_distractors():
    question = mcq(5, key_at=2)
    reduced = fewer_options(question, 3, "any seed", ranked=("o4", "o0", "o1", "o3"))
    assert [o.id for o in reduced.options] == ["o0", "o2", "o4"]  # the key and the two ranked best, in shown order
    # A ranking that is not of this question's distractors is not trusted: the seeded choice decides.
    assert len(fewer_options(question, 3, "s", ranked=("x", "y")).options) == 3


def test_the_generator_ranks_every_distractor_and_never_the_answer():
    from quiz.generate import QuizRequest, generate_quiz
    from tests.unit.test_generate_quiz import _shipped

    questions = [q for q in generate_quiz(_shipped(), QuizRequest(count=20, seed=5)) if q.type == "mcq"]
    assert questions
    for question in questions:
        wrong = [c.id for c in question.options if c.id != question.answer]
        assert sorted(question.distractor_rank) == sorted(wrong)
        assert "distractor_rank" not in question.to_contract()  # it would point at the answer
