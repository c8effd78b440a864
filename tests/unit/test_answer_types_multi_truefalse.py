"""Several correct answers (Moodle's partial credit, negative marks included) and true/false as answer types:
their rules for a set question, how they grade, and how a set question becomes what a learner is served."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.authoring.model import (
    SetData,
    SetOption,
    SetQuestion,
    question_from_dict,
    question_problems,
    question_to_dict,
)
from quiz.authoring.serve import serve_set
from quiz.scoring import InvalidAnswer
from quiz.scoring.answer_types import TRUE_FALSE, answer_type, default_fractions, grade, multi_grade
from quiz.scoring.served import ServedOption, ServedQuestion


def multi(fractions: dict[str, float], shown: list[str] | None = None) -> ServedQuestion:
    shown = shown or list(fractions)
    return ServedQuestion(id="q1", type="multi", kind="authored", prompt_ar="أيّها؟", prompt_en="Which?",
                          options=tuple(ServedOption(i, f"خيار {i}", f"option {i}") for i in shown),
                          key={k: v for k, v in fractions.items() if v})


def set_multi(*fractions: float | None, correct: int | None = None) -> SetQuestion:
    return SetQuestion(type="multi", prompt_ar="أيّ هذه صحيح؟",
                       options=tuple(SetOption(f"خيار {i}", fraction=f) for i, f in enumerate(fractions)),
                       correct=correct)


# -- several correct answers: grading ----------------------------------------------------------------------

LONDON_PARIS = {"london": 0.5, "paris": 0.5, "tokyo": -0.5, "spain": 0.0, "barcelona": -0.5}


@pytest.mark.parametrize("ticked, points, correct", [
    (["london", "paris"], 1.0, True),  # both right options: the whole mark
    (["london"], 0.5, False),  # one of two: half
    (["london", "tokyo"], 0.0, False),  # a wrong tick takes its share away
    (["tokyo", "barcelona"], 0.0, False),  # never below zero
    (["london", "paris", "spain"], 1.0, True),  # an option worth 0 costs nothing (Moodle's rule)
])
def test_several_answers_score_the_sum_of_the_ticked_fractions_within_zero_and_one(ticked, points, correct):
    outcome = grade(multi(LONDON_PARIS), ticked, "all_or_nothing")
    assert (outcome.points, outcome.max_points, outcome.correct) == (points, 1.0, correct)


def test_the_review_marks_each_option_right_when_ticked_as_it_should_be():
    outcome = grade(multi(LONDON_PARIS), ["london", "tokyo"], "all_or_nothing")
    assert outcome.per_item == (True, False, False, True, True)


def test_ticking_every_option_scores_nothing_under_the_default_marks():
    fractions = default_fractions(4, [0, 2])
    assert fractions == [0.5, -0.5, 0.5, -0.5]
    assert multi_grade(dict(zip("abcd", fractions)), list("abcd")) == 0.0


@given(st.integers(2, 8).flatmap(lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n - 1), min_size=1))))
def test_default_marks_always_make_a_valid_question_whose_right_options_score_full(case):
    count, right = case
    fractions = default_fractions(count, sorted(right))
    question = set_multi(*fractions)
    assert question_problems(question, "ar") == []
    ids = [f"o{i}" for i in range(count)]
    assert multi_grade(dict(zip(ids, fractions)), [ids[i] for i in right]) == pytest.approx(1.0)
    if len(right) < count:  # with a wrong option among them, ticking everything earns nothing
        assert multi_grade(dict(zip(ids, fractions)), ids) == pytest.approx(0.0, abs=1e-6)


@given(st.dictionaries(st.text("abcdef", min_size=1, max_size=3), st.floats(-1, 1), min_size=2, max_size=8),
       st.data())
def test_a_several_answer_score_is_always_between_zero_and_one_and_order_does_not_matter(fractions, data):
    ticked = data.draw(st.lists(st.sampled_from(sorted(fractions)), min_size=1, unique=True))
    score = multi_grade(fractions, ticked)
    assert 0.0 <= score <= 1.0
    assert score == multi_grade(fractions, list(reversed(ticked)))


@pytest.mark.parametrize("answer", [[], "", None, ["zzz"], ["london", "london"], [3]])
def test_a_several_answer_response_that_is_not_a_choice_of_offered_options_is_refused(answer):
    with pytest.raises(InvalidAnswer):
        grade(multi(LONDON_PARIS), answer, "all_or_nothing")


def test_a_form_with_several_ticked_boxes_is_read_whole():
    from werkzeug.datastructures import MultiDict

    form = MultiDict([("choice", "paris"), ("choice", "london")])
    assert answer_type("multi").parse_form(multi(LONDON_PARIS), form) == ["london", "paris"]  # in the shown order
    with pytest.raises(InvalidAnswer) as error:
        answer_type("multi").parse_form(multi(LONDON_PARIS), MultiDict())
    assert error.value.code == "choose_some"


# -- several correct answers: the set's rules ----------------------------------------------------------------


@pytest.mark.parametrize("question, problem", [
    (set_multi(0.5, 0.25, 0.0), "the right options' shares must add up to 100%"),
    (set_multi(1.5, -0.5), "an option's share of the mark must be between -100% and 100%"),
    (set_multi(1.0), "a question with several correct answers needs 2 to 8 options"),
    (set_multi(0.5, 0.5, correct=0), "a question with several correct answers has no single correct option"),
    (set_multi(float("nan"), 1.0), "an option's share of the mark must be between -100% and 100%"),
])
def test_a_several_answer_question_that_breaks_moodles_rules_says_which(question, problem):
    assert problem in question_problems(question, "ar")


def test_thirds_written_as_percentages_still_make_a_whole_mark():
    assert question_problems(set_multi(0.33333, 0.33333, 0.33333, -1.0), "ar") == []


def test_only_several_answer_questions_give_options_a_share_of_the_mark():
    question = SetQuestion(type="mcq", prompt_ar="؟", options=(SetOption("أ", fraction=1.0), SetOption("ب")),
                           correct=0)
    assert "only a question with several correct answers gives options a share of the mark" in \
        question_problems(question, "ar")


def test_fractions_survive_the_storage_form_and_other_options_keep_their_old_shape():
    question = set_multi(0.5, 0.5, -1.0)
    stored = question_to_dict(question)
    assert [o["fraction"] for o in stored["options"]] == [0.5, 0.5, -1.0]
    assert question_from_dict(stored) == question
    plain = question_to_dict(SetQuestion(type="mcq", prompt_ar="؟", options=(SetOption("أ"), SetOption("ب")),
                                         correct=1))
    assert all("fraction" not in o for o in plain["options"])


def test_a_served_several_answer_question_keys_every_option_that_counts():
    data = SetData(title="t", questions=(set_multi(0.5, 0.5, -1.0, 0.0),))
    [served] = serve_set(data, 1, random.Random(1), shuffle_questions=False, shuffle_options=True, secret="s")
    by_set_index = {o.set_index: o.id for o in served.options}
    assert served.key == {by_set_index[0]: 0.5, by_set_index[1]: 0.5, by_set_index[2]: -1.0}
    assert ServedQuestion.from_json(served.to_json()) == served
    assert grade(served, [by_set_index[0], by_set_index[1]], "all_or_nothing").correct


# -- true/false -----------------------------------------------------------------------------------------------


def true_false(correct: int | None, options: tuple[SetOption, ...] = ()) -> SetQuestion:
    return SetQuestion(type="truefalse", prompt_ar="سقطت بغداد في أبريل 2003.", options=options, correct=correct)


def test_a_true_false_question_is_served_as_true_then_false_never_shuffled():
    data = SetData(title="t", questions=(true_false(1),))
    for seed in range(10):
        [served] = serve_set(data, 1, random.Random(seed), shuffle_questions=True, shuffle_options=True,
                             secret="s")
        assert [(o.text_ar, o.text_en) for o in served.options] == list(TRUE_FALSE)
        assert served.key == served.options[1].id
    assert grade(served, served.options[1].id, "all_or_nothing").correct
    assert not grade(served, served.options[0].id, "all_or_nothing").correct
    assert ServedQuestion.from_json(served.to_json()) == served


@pytest.mark.parametrize("question, problem", [
    (true_false(None), "a true/false question must be marked true or false"),
    (true_false(2), "a true/false question must be marked true or false"),
    (true_false(0, (SetOption("صح"), SetOption("خطأ"))),
     "a true/false question has no options to write: mark it true or false"),
])
def test_a_true_false_question_is_a_statement_marked_true_or_false(question, problem):
    assert problem in question_problems(question, "ar")


def test_a_valid_true_false_question_has_no_problems():
    assert question_problems(true_false(0), "ar") == []
