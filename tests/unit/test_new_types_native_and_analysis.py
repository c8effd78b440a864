"""Several correct answers and true/false outside the pages: Chronoquiz's own set files keep them (each option's
fraction; `correct: true|false` on a true/false question), item analysis counts every ticked box, and a result
export writes an answer as a teacher reads it."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.authoring.model import SetData, SetOption, SetQuestion
from quiz.interop.native import export_native, import_native_json, import_native_yaml
from quiz.scoring.analysis import AttemptScores, item_statistics
from quiz.scoring.answer_types import default_fractions
from quiz.scoring.served import ServedOption, ServedQuestion
from quiz.services.results import answer_text
from tests.fixtures.interop.samples import valid_sets

CALIPHS = SetQuestion(
    type="multi", prompt_ar="أيّ هؤلاء كانوا خلفاء عباسيين؟", prompt_en="Which were Abbasid caliphs?",
    options=(SetOption("هارون الرشيد", "Harun al-Rashid", fraction=0.5), SetOption("معاوية", "Muawiya", fraction=-1.0),
             SetOption("المأمون", "al-Ma'mun", fraction=0.5), SetOption("عبد الملك", "Abd al-Malik", fraction=0.0)))
BAGHDAD = SetQuestion(type="truefalse", prompt_ar="سقطت بغداد في أبريل 2003.", prompt_en="Baghdad fell in April 2003.",
                      correct=0)
NOT_BAGHDAD = replace(BAGHDAD, prompt_ar="سقطت بغداد في 1990.", prompt_en="Baghdad fell in 1990.", correct=1)


def with_new_types(data: SetData) -> SetData:
    return replace(data, language="both", questions=(*data.questions, CALIPHS, BAGHDAD, NOT_BAGHDAD))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_sets(languages=("both",)), st.sampled_from(["yaml", "json"]))
def test_both_types_round_trip_through_the_native_files(data, fmt) -> None:
    data = with_new_types(data)
    reader = import_native_yaml if fmt == "yaml" else import_native_json
    result = reader(export_native(data, fmt))
    assert result.set == data and result.skipped == []


def test_the_yaml_says_each_share_and_true_or_false_readably() -> None:
    text = export_native(SetData("t", "both", questions=(CALIPHS, BAGHDAD, NOT_BAGHDAD))).decode()
    assert "fraction: 0.5" in text and "fraction: -1.0" in text
    document = json.loads(export_native(SetData("t", "both", questions=(BAGHDAD, NOT_BAGHDAD)), "json"))
    assert [q.get("correct") for q in document["questions"]] == [True, False]
    assert all("options" not in q for q in document["questions"])


def document(*questions: dict) -> bytes:
    return json.dumps({"format": "chronoquiz-set", "version": 1, "title": "t", "language": "en",
                       "questions": list(questions)}).encode()


def test_a_hand_written_several_answer_question_may_just_mark_the_right_options() -> None:
    marked = {"type": "multi", "prompt_en": "Which?", "options": [
        {"text_en": "a", "correct": True}, {"text_en": "b"}, {"text_en": "c", "correct": True}, {"text_en": "d"}]}
    [question] = import_native_json(document(marked)).set.questions
    assert [o.fraction for o in question.options] == default_fractions(4, [0, 2]) == [0.5, -0.5, 0.5, -0.5]
    yaml_text = b"format: chronoquiz-set\nversion: 1\ntitle: t\nlanguage: en\nquestions:\n" \
                b"  - type: truefalse\n    prompt_en: Baghdad fell in 2003.\n    correct: true\n"
    [statement] = import_native_yaml(yaml_text).set.questions
    assert (statement.type, statement.correct, statement.options) == ("truefalse", 0, ())


def test_hand_written_mistakes_are_skipped_with_the_reason() -> None:
    unmarked = {"type": "multi", "prompt_en": "Which?", "options": [{"text_en": "a"}, {"text_en": "b"}]}
    short = {"type": "multi", "prompt_en": "Which?", "options": [{"text_en": "a", "fraction": 0.5},
                                                                 {"text_en": "b", "fraction": 0.2}]}
    misplaced = {"type": "mcq", "prompt_en": "Pick", "correct": True,
                 "options": [{"text_en": "a", "correct": True}, {"text_en": "b"}]}
    untold = {"type": "truefalse", "prompt_en": "Baghdad fell in 2003."}
    good = {"type": "truefalse", "prompt_en": "Basra is a port.", "correct": False}
    result = import_native_json(document(unmarked, short, misplaced, untold, good))
    assert [q.prompt_en for q in result.set.questions] == ["Basra is a port."]
    reasons = " | ".join(issue.message for issue in result.skipped)
    assert "mark the right options with `correct: true` or give each option its `fraction`" in reasons
    assert "the right options' shares must add up to 100%" in reasons
    assert "only a true/false question says `correct` on the question itself" in reasons
    assert "a true/false question must be marked true or false" in reasons


# -- item analysis and readable answers ------------------------------------------------------------------------


def served_multi() -> ServedQuestion:
    return ServedQuestion(id="q1", type="multi", kind="authored", prompt_ar="أيّها؟", prompt_en="Which?",
                          options=tuple(ServedOption(i, ar, en) for i, ar, en in
                                        [("h", "هارون الرشيد", "Harun"), ("m", "معاوية", "Muawiya"),
                                         ("a", "المأمون", "al-Ma'mun")]),
                          key={"h": 0.5, "m": -1.0, "a": 0.5})


def test_item_analysis_counts_every_ticked_box_and_no_wrong_orders() -> None:
    question = served_multi()
    attempts = [AttemptScores({"q1": 1.0}, {"q1": ["h", "a"]}), AttemptScores({"q1": 0.5}, {"q1": ["h"]}),
                AttemptScores({"q1": 0.0}, {"q1": ["h", "m", "a"]}), AttemptScores({}, {})]
    [stats] = item_statistics(["q1"], {"q1": question.key}, attempts)
    assert stats.option_counts == {"h": 3, "a": 2, "m": 1}
    assert stats.unanswered == 1 and stats.wrong_orders == []
    assert stats.facility == 100 * 1.5 / 4


def test_an_answer_is_written_with_the_option_texts_in_the_sheets_language() -> None:
    question = served_multi()
    assert answer_text(question, ["h", "a"], "ar") == "هارون الرشيد، المأمون"
    assert answer_text(question, ["h", "a"], "en") == "Harun, al-Ma'mun"
    assert answer_text(question, None, "en") == ""
    true_false = ServedQuestion(id="q2", type="truefalse", kind="authored", prompt_ar="؟", prompt_en="?",
                                options=(ServedOption("t", "صواب", "True"), ServedOption("f", "خطأ", "False")),
                                key="t")
    assert answer_text(true_false, "f", "ar") == "خطأ"


def test_fewer_options_serves_several_answer_and_true_false_questions_whole() -> None:
    from quiz.scoring.accommodations import fewer_options

    question = served_multi()
    assert fewer_options(question, 2, "seed") is question
    true_false = replace(question, id="q2", type="truefalse", key="h", options=question.options[:2])
    assert fewer_options(true_false, 2, "seed") is true_false


def test_the_fields_of_a_several_answer_answer_read_back_as_the_same_answer() -> None:
    from quiz.scoring.answer_types import answer_type

    kind, question = answer_type("multi"), served_multi()
    assert kind.parse_form(question, kind.form_fields(question, ["a", "h"])) == ["h", "a"]
