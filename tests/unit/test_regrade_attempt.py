"""Regrading one attempt against a newer version of its set (quiz.authoring.regrade): pure, no app."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.authoring.model import SetData, SetOption, SetQuestion
from quiz.authoring.regrade import StoredAnswer, match_in_order, regrade_attempt
from quiz.authoring.serve import option_id, serve_set
from quiz.scoring.answer_types import answer_type
from quiz.scoring.served import ServedQuestion

GRADING = "relative_all_previous_and_next"
SECRET = "test-secret"


def new_id(question_index: int, option_index: int) -> str:
    return option_id(SECRET, 99, question_index, option_index, "regrade")


def mcq(prompt: str, options: list[str], correct: int) -> SetQuestion:
    return SetQuestion(type="mcq", prompt_ar=prompt, prompt_en=prompt,
                       options=tuple(SetOption(o, o) for o in options), correct=correct)


def ordering(prompt: str, items: list[str]) -> SetQuestion:
    return SetQuestion(type="ordering", prompt_ar=prompt, prompt_en=prompt,
                       options=tuple(SetOption(i, i) for i in items))


def served(questions: list[SetQuestion], version_id: int = 1, seed: int = 0) -> list[ServedQuestion]:
    return serve_set(SetData("t", "both", questions=tuple(questions)), version_id, random.Random(seed),
                     shuffle_questions=True, shuffle_options=True, secret=SECRET, salt=str(seed))


def stored(question: ServedQuestion, answer: Any) -> StoredAnswer:
    outcome = answer_type(question.type).grade(question, answer, GRADING)
    return StoredAnswer(answer, outcome.points, outcome.max_points, outcome.correct)


def by_prompt(questions: list[ServedQuestion], prompt: str) -> ServedQuestion:
    return next(q for q in questions if q.prompt_en == prompt)


def choice(question: ServedQuestion, text: str) -> str:
    return next(o.id for o in question.options if o.text_en == text)


# -- examples ------------------------------------------------------------------------------------------------


def test_a_fixed_key_changes_exactly_the_answers_that_chose_either_option():
    old = [mcq("When?", ["2001", "2003", "2005"], 0), ordering("Order", ["a", "b", "c"])]
    new = [mcq("When?", ["2001", "2003", "2005"], 1), ordering("Order", ["a", "b", "c"])]
    quiz = served(old)
    when, order = by_prompt(quiz, "When?"), by_prompt(quiz, "Order")
    answers = {when.id: stored(when, choice(when, "2003")), order.id: stored(order, list(order.key))}
    result = regrade_attempt(quiz, answers, new, 2, GRADING, new_id)
    assert result.refusals == ()
    [change] = result.changes
    assert (change.before.correct, change.after.correct) == (False, True)
    assert change.old_id == when.id and change.new_id != when.id and change.position == 1
    assert (result.score_before(), result.score_after()) == (0.5, 1.0)
    rebuilt = by_prompt(list(result.questions), "When?")
    # The learner's option ids and order are kept; the key is the fixed one.
    assert [o.id for o in rebuilt.options] == [o.id for o in when.options]
    assert rebuilt.key == choice(when, "2003")


def test_questions_are_matched_by_their_text_where_they_moved_and_in_place_where_edited():
    old = [mcq("A?", ["1", "2"], 0), mcq("B?", ["1", "2"], 0), mcq("C?", ["1", "2"], 0)]
    new = [mcq("C?", ["1", "2"], 1), mcq("A?", ["1", "2"], 0), mcq("B, corrected?", ["1", "2"], 1)]
    assert match_in_order([q.prompt_en for q in old], [q.prompt_en for q in new]) == {0: 1, 1: 2, 2: 0}
    # Edited next to an added question: ambiguous, so left unmatched (its answers are refused, not guessed).
    assert match_in_order(["A", "B", "C"], ["A", "B2", "X", "C"]) == {0: 0, 2: 3}
    assert match_in_order(["A", "B", "C"], ["A", "B2", "C", "X"]) == {0: 0, 1: 1, 2: 2}
    quiz = served([mcq("A?", ["1", "2"], 0), mcq("B?", ["1", "2"], 0)])
    edited = [mcq("A?", ["1", "2"], 0), mcq("B, corrected?", ["1", "2"], 1)]
    b = by_prompt(quiz, "B?")
    result = regrade_attempt(quiz, {b.id: stored(b, choice(b, "2"))}, edited, 2, GRADING, new_id)
    [change] = result.changes
    assert change.after.correct and change.position == 2
    assert by_prompt(list(result.questions), "B, corrected?").key == choice(b, "2")


def test_an_option_whose_text_was_corrected_in_place_keeps_its_id_and_an_added_one_gets_a_new_id():
    quiz = served([mcq("When?", ["2001", "2030", "2005"], 1)])
    [when] = quiz
    new = [mcq("When?", ["2001", "2003", "2005", "2007"], 1)]
    result = regrade_attempt(quiz, {when.id: stored(when, choice(when, "2030"))}, new, 2, GRADING, new_id)
    [rebuilt] = result.questions
    assert rebuilt.key == choice(when, "2030") and rebuilt.option(rebuilt.key).text_en == "2003"
    assert rebuilt.options[-1].text_en == "2007" and rebuilt.options[-1].id == new_id(0, 3)
    assert result.changes == () and result.refusals == ()


def test_answers_the_new_version_cannot_grade_are_refused_and_unanswered_questions_are_not():
    old = [mcq("When?", ["2001", "2003", "2005"], 0), ordering("Order", ["a", "b", "c"]),
           mcq("Gone?", ["x", "y"], 0), mcq("Unanswered?", ["x", "y"], 0)]
    new = [mcq("When?", ["2001", "2003"], 0), ordering("Order", ["a", "b", "c", "d"]),
           ordering("Unanswered?", ["x", "y", "z"])]
    quiz = served(old)
    when, order, gone = by_prompt(quiz, "When?"), by_prompt(quiz, "Order"), by_prompt(quiz, "Gone?")
    answers = {when.id: stored(when, choice(when, "2005")), order.id: stored(order, list(order.key)),
               gone.id: stored(gone, choice(gone, "x"))}
    result = regrade_attempt(quiz, answers, new, 2, GRADING, new_id)
    assert sorted((r.position, r.reason) for r in result.refusals) == [
        (1, "option_removed"), (2, "items_changed"), (3, "question_removed")]
    assert by_prompt(list(result.questions), "Gone?") == gone  # kept as it was
    # Two old questions where one new one stands: neither is guessed; the unanswered one is simply kept.
    assert by_prompt(list(result.questions), "Unanswered?") == by_prompt(quiz, "Unanswered?")


def test_a_type_change_of_an_answered_question_is_refused():
    quiz = served([mcq("Q?", ["a", "b", "c"], 0)])
    [q] = quiz
    new = [ordering("Q?", ["a", "b", "c"])]
    # A different type is a different text print, so the question is matched in place (edited).
    result = regrade_attempt(quiz, {q.id: stored(q, choice(q, "a"))}, new, 2, GRADING, new_id)
    assert [r.reason for r in result.refusals] == ["type_changed"]


# -- properties --------------------------------------------------------------------------------------------

texts = st.lists(st.text("abcdefghijklmnop", min_size=1, max_size=4), min_size=3, max_size=6, unique=True)


@st.composite
def question_sets(draw) -> list[SetQuestion]:
    questions = []
    for number in range(draw(st.integers(1, 5))):
        options = draw(texts)
        if draw(st.booleans()):
            questions.append(mcq(f"Q{number}?", options, draw(st.integers(0, len(options) - 1))))
        else:
            questions.append(ordering(f"Q{number}?", options))
    return questions


def answer_some(quiz: list[ServedQuestion], rng: random.Random) -> dict[str, StoredAnswer]:
    answers = {}
    for question in quiz:
        if rng.random() < 0.2:
            continue  # left unanswered
        ids = [o.id for o in question.options]
        if question.type == "mcq":
            answers[question.id] = stored(question, rng.choice(ids))
        else:
            rng.shuffle(ids)
            answers[question.id] = stored(question, ids)
    return answers


@settings(max_examples=60, deadline=None)
@given(question_sets(), st.integers(0, 10**6))
def test_regrading_against_the_same_version_changes_nothing(questions, seed):
    quiz = served(questions, seed=seed)
    answers = answer_some(quiz, random.Random(seed))
    result = regrade_attempt(quiz, answers, questions, 1, GRADING, new_id)
    assert result.refusals == () and result.changes == ()
    assert [q.to_json() for q in result.questions] == [q.to_json() for q in quiz]
    assert result.score_before() == result.score_after()


@settings(max_examples=60, deadline=None)
@given(question_sets(), st.integers(0, 10**6), st.data())
def test_a_change_comes_only_where_the_key_changed(questions, seed, data):
    quiz = served(questions, seed=seed)
    answers = answer_some(quiz, random.Random(seed))
    fixed = []
    for question in questions:
        if data.draw(st.booleans()):
            fixed.append(question)
        elif question.type == "mcq":
            fixed.append(replace(question, correct=data.draw(st.integers(0, len(question.options) - 1))))
        else:
            fixed.append(replace(question, options=tuple(data.draw(st.permutations(question.options)))))
    result = regrade_attempt(quiz, answers, fixed, 2, GRADING, new_id)
    assert result.refusals == ()
    key_changed = {q.set_index for q in quiz if q.key != by_set_index(result.questions, q.set_index).key}
    assert {g.position - 1 for g in result.changes} <= key_changed
    for question in result.questions:  # ids and options as the learner saw them
        old = by_set_index(quiz, question.set_index)
        assert sorted(o.id for o in question.options) == sorted(o.id for o in old.options)


def by_set_index(questions, index: int | None) -> ServedQuestion:
    return next(q for q in questions if q.set_index == index)


@settings(max_examples=60, deadline=None)
@given(question_sets(), st.integers(0, 10**6), st.data())
def test_a_removed_question_refuses_only_its_own_answer_and_an_added_one_changes_nothing(questions, seed, data):
    quiz = served(questions, seed=seed)
    answers = answer_some(quiz, random.Random(seed))
    place = data.draw(st.integers(0, len(questions) - 1))
    removed = regrade_attempt(quiz, answers, questions[:place] + questions[place + 1:], 2, GRADING, new_id)
    gone = by_set_index(quiz, place)
    assert [(r.question_id, r.reason) for r in removed.refusals] == (
        [(gone.id, "question_removed")] if gone.id in answers else [])
    assert removed.changes == ()
    added = regrade_attempt(quiz, answers, questions[:place] + [mcq("New?", ["x", "y"], 0)] + questions[place:],
                            2, GRADING, new_id)
    assert added.refusals == () and added.changes == ()
    assert len(added.graded) == len(answers)
