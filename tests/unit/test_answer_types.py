"""The answer-type registry and the served question: one shape, and each type's rules in one place."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from quiz import paths
from quiz.authoring.model import SetData, SetOption, SetQuestion
from quiz.authoring.serve import serve_generated, serve_set
from quiz.chronology.load import load_chronology
from quiz.generate import QuizRequest, generate_quiz
from quiz.scoring import InvalidAnswer
from quiz.scoring.answer_types import ANSWER_TYPES, answer_type, grade
from quiz.scoring.ordering import GradingType
from quiz.scoring.served import ServedOption, ServedQuestion

# -- building questions ------------------------------------------------------------------------------

ids = st.lists(st.text("abcdefghij0123456789", min_size=1, max_size=6), min_size=3, max_size=8, unique=True)


def mcq(option_ids: list[str], key_index: int = 0) -> ServedQuestion:
    return ServedQuestion(id="q1", type="mcq", kind="when", prompt_ar="متى؟", prompt_en="When?",
                          options=tuple(ServedOption(i, f"خيار {i}", f"option {i}") for i in option_ids),
                          key=option_ids[key_index], event_ids=("e1",), subject_ids=("e1",))


def ordering(item_ids: list[str]) -> ServedQuestion:
    return ServedQuestion(id="q2", type="ordering", kind="order", prompt_ar="رتّب", prompt_en="Order",
                          options=tuple(ServedOption(i, f"حدث {i}", f"event {i}") for i in reversed(item_ids)),
                          key=tuple(item_ids), event_ids=tuple(item_ids))


# -- multiple choice ---------------------------------------------------------------------------------


def test_the_right_option_scores_one_and_another_zero():
    question = mcq(["a", "b", "c", "d"], key_index=2)
    assert grade(question, "c", "all_or_nothing").correct
    wrong = grade(question, "a", "all_or_nothing")
    assert (wrong.points, wrong.max_points, wrong.correct) == (0.0, 1.0, False)


@pytest.mark.parametrize("form, code", [({}, "choose_one"), ({"choice": ""}, "choose_one"),
                                        ({"choice": "zzz"}, "not_offered")])
def test_a_form_without_an_offered_choice_is_refused_with_a_reason(form, code):
    with pytest.raises(InvalidAnswer) as error:
        answer_type("mcq").parse_form(mcq(["a", "b", "c"]), form)
    assert error.value.code == code


@pytest.mark.parametrize("answer", [None, 3, ["a"], {"choice": "a"}])
def test_an_answer_of_the_wrong_shape_is_refused_not_graded(answer):
    with pytest.raises(InvalidAnswer):
        grade(mcq(["a", "b", "c"]), answer, "all_or_nothing")


# -- ordering ------------------------------------------------------------------------------------------


orders = ids.flatmap(lambda xs: st.tuples(st.just(xs), st.permutations(xs)))


@given(orders)
def test_an_order_survives_the_form_and_back(key_and_order):
    item_ids, answer = key_and_order
    question = ordering(item_ids)
    kind = answer_type("ordering")
    assert kind.parse_form(question, kind.form_fields(question, answer)) == answer


@given(orders)
def test_the_key_scores_full_marks_and_any_other_order_less(key_and_order):
    item_ids, other = key_and_order
    question = ordering(item_ids)
    assert grade(question, list(item_ids), "relative_all_previous_and_next").correct
    assume(other != item_ids)
    outcome = grade(question, other, "absolute_position")
    assert not outcome.correct and 0 <= outcome.fraction < 1


@given(orders, st.sampled_from(sorted(GradingType)))
def test_an_order_is_marked_in_place_by_position_under_every_grading_type(key_and_order, grading_type):
    """What a review shows as «في موضعه»: the key's item at that position, not the grading type's credit."""
    item_ids, answer = key_and_order
    outcome = grade(ordering(item_ids), answer, grading_type)
    assert outcome.in_place == tuple(given == expected for given, expected in zip(answer, item_ids))


@pytest.mark.parametrize("form", [
    {},  # nothing
    {"pos-a": "1", "pos-b": "1", "pos-c": "2"},  # a shared position
    {"pos-a": "1", "pos-b": "2", "pos-c": "4"},  # out of range
    {"pos-a": "1", "pos-b": "2", "pos-c": "x"},  # not a number
    {"pos-a": "1", "pos-b": "2", "pos-c": "-3"},
])
def test_positions_that_are_not_an_order_are_refused(form):
    with pytest.raises(InvalidAnswer) as error:
        answer_type("ordering").parse_form(ordering(["a", "b", "c"]), form)
    assert error.value.code == "positions" and error.value.params == {"n": 3}


@pytest.mark.parametrize("answer", ["abc", ["a", "b"], ["a", "b", "b"], ["a", "b", "z"], [1, 2, 3]])
def test_a_sent_order_that_is_not_a_permutation_is_refused(answer):
    with pytest.raises(InvalidAnswer):
        grade(ordering(["a", "b", "c"]), answer, "all_or_nothing")


@given(ids, st.integers(0, 2**31))
def test_an_ordering_question_is_never_shown_in_its_correct_order(item_ids, seed):
    shown = answer_type("ordering").display_order(item_ids, shuffle=False, rng=random.Random(seed))
    assert shown != item_ids and sorted(shown) == sorted(item_ids)


# -- the served question ---------------------------------------------------------------------------------


def test_every_registered_type_names_its_template_and_json_field():
    for name, kind in ANSWER_TYPES.items():
        assert kind.name == name and kind.template == f"answer_types/{name}.html" and kind.options_field


def test_an_unknown_type_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown answer type"):
        answer_type("essay")


@pytest.fixture(scope="module")
def chronology():
    return load_chronology(paths.shipped_chronology_path(), paths.registry_path())


def test_generated_questions_round_trip_through_json(chronology):
    for question in generate_quiz(chronology, QuizRequest(count=20, seed=5)):
        served = serve_generated(question)
        assert ServedQuestion.from_json(served.to_json()) == served
        assert served.key == question.answer and served.review_events == (question.subject_ids or question.event_ids)


def test_an_attempt_stored_before_the_served_type_existed_still_reads():
    """The JSON an attempt stored in the first version: the generator's contract plus subject_ids."""
    stored = {"id": "when-1", "type": "mcq", "kind": "when", "prompt_ar": "متى؟", "prompt_en": "When?",
              "choices": [{"id": "c1", "text_ar": "2003", "text_en": "2003", "event_id": None},
                          {"id": "c2", "text_ar": "2004", "text_en": "2004", "event_id": None}],
              "answer": "c2", "event_ids": ["e1"], "explanation_ar": "", "explanation_en": "",
              "sources": ["seed-001"], "difficulty": "easy", "subject_ids": ["e1"]}
    served = ServedQuestion.from_json(stored)
    assert served.key == "c2" and [o.id for o in served.options] == ["c1", "c2"]
    assert served.to_json() == stored


def _set(*questions: SetQuestion) -> SetData:
    return SetData(title="t", language="ar", questions=questions)


SET = _set(
    SetQuestion(type="mcq", prompt_ar="س1", options=tuple(SetOption(f"خ{i}") for i in range(4)), correct=0),
    SetQuestion(type="ordering", prompt_ar="س2", options=tuple(SetOption(f"ح{i}") for i in range(5))),
)


def test_a_retake_of_a_set_gets_new_option_ids_and_the_same_places():
    first = serve_set(SET, 7, random.Random(1), shuffle_questions=True, shuffle_options=True, secret="s", salt="1")
    again = serve_set(SET, 7, random.Random(2), shuffle_questions=True, shuffle_options=True, secret="s", salt="2")
    first_ids = {o.id for q in first for o in q.options}
    assert first_ids.isdisjoint({o.id for q in again for o in q.options})
    by_id = {q.id: q for q in first}
    for question in again:
        places = sorted(o.set_index for o in question.options)
        assert places == sorted(o.set_index for o in by_id[question.id].options)  # same question, same options


def test_a_set_question_keeps_its_key_whatever_the_shuffle():
    for seed in range(20):
        served = {q.set_index: q for q in serve_set(SET, 1, random.Random(seed), shuffle_questions=True,
                                                     shuffle_options=True, secret="s", salt=str(seed))}
        right = served[0].option(served[0].key)
        assert right is not None and right.set_index == 0  # the teacher marked the first option
        order = [served[1].option(i) for i in served[1].key]
        assert [o.set_index for o in order if o] == [0, 1, 2, 3, 4]
