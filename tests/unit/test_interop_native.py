"""The Chronoquiz YAML/JSON format: one schema, exact round trips, errors that name the field or the line."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from quiz.interop import InteropError
from quiz.interop.native import export_native, import_native, import_native_json, import_native_yaml
from tests.fixtures.interop.samples import ARABIC, BILINGUAL, ENGLISH, fixture, valid_sets


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_sets())
def test_yaml_export_then_import_gives_back_the_identical_set(data) -> None:
    result = import_native_yaml(export_native(data, "yaml"))
    assert result.set == data
    assert result.skipped == [] and result.warnings == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_sets())
def test_json_export_then_import_gives_back_the_identical_set(data) -> None:
    assert import_native_json(export_native(data, "json")).set == data


@pytest.mark.parametrize("sample", [ARABIC, ENGLISH, BILINGUAL], ids=["ar", "en", "both"])
def test_samples_round_trip_through_both_syntaxes(sample) -> None:
    for fmt in ("yaml", "json"):
        assert import_native(export_native(sample, fmt), filename=f"set.{fmt}").set == sample


def test_the_export_is_readable_yaml_with_arabic_unescaped_and_the_correct_option_marked() -> None:
    text = export_native(ARABIC).decode("utf-8")
    assert text.startswith("format: chronoquiz-set\nversion: 1\n")
    assert "في أي عام بدأت الحرب العالمية الأولى؟" in text
    assert text.count("correct: true") == 1
    document = json.loads(export_native(ARABIC, "json"))
    assert document["questions"][0]["options"][0] == {"text_ar": "1914", "correct": True}


def test_a_hand_written_arabic_file_imports_and_reports_the_question_with_two_correct_options() -> None:
    result = import_native_yaml(fixture("arabic_set.yaml"))
    data = result.set
    assert data.title == "حرب الخليج الثانية" and data.language == "ar"
    assert data.grading_type == "absolute_position"
    first, second = data.questions
    assert [o.text_ar for o in first.options] == ["1990", "1991", "2003"]  # numbers read as text
    assert first.correct == 0 and first.sources == ("gulf-war-timeline",)
    assert first.explanation_ar.startswith("في 2 آب 1990.\n")
    assert second.type == "ordering" and second.options[0].event_id == "invasion"
    assert [(issue.where, issue.message) for issue in result.skipped] == [
        ("question 3 (questions.2)", "2 options are marked correct: mark exactly one with `correct: true`")
    ]


def test_schema_errors_name_the_field_path() -> None:
    with pytest.raises(InteropError) as caught:
        import_native_yaml(fixture("bad_schema.yaml"))
    message = str(caught.value)
    # Pydantic's reasons in words the catalogue has (so a teacher reads them in Arabic too), paths as they are.
    assert "questions.0.options.1.txt_en: unknown field (check the spelling)" in message
    assert "questions.1.type: must be one of 'mcq', 'multi', 'truefalse', 'ordering'" in message


def test_yaml_syntax_errors_name_line_and_column() -> None:
    with pytest.raises(InteropError, match=r"line \d+, column \d+: not valid YAML"):
        import_native_yaml(fixture("broken.yaml"))


def test_json_syntax_errors_name_line_and_column() -> None:
    with pytest.raises(InteropError, match=r"line 2, column \d+: not valid JSON"):
        import_native_json(b'{"format": "chronoquiz-set",\n "version": 1,,}')


def test_yaml_aliases_are_refused_so_a_billion_laughs_file_cannot_blow_up() -> None:
    with pytest.raises(InteropError, match=r"line 2, column \d+: YAML aliases"):
        import_native_yaml(fixture("alias_bomb.yaml"))


@pytest.mark.parametrize("document, expected", [
    (b"- just\n- a list\n", "mapping with `format: chronoquiz-set`"),
    (b"format: moodle\n", "not a Chronoquiz set"),
    (b"format: chronoquiz-set\nversion: 2\ntitle: x\n", "version: must be one of 1"),
    (b"format: chronoquiz-set\nversion: 1\ntitle: x\ngrading_type: best\n", "grading_type"),
])
def test_documents_that_are_not_version_1_sets_are_refused(document: bytes, expected: str) -> None:
    with pytest.raises(InteropError, match=expected):
        import_native_yaml(document)


def test_a_set_with_no_questions_has_nothing_importable() -> None:
    with pytest.raises(InteropError, match="holds no questions"):
        import_native_yaml(b"format: chronoquiz-set\nversion: 1\ntitle: empty\nquestions: []\n")


def test_an_ordering_question_with_a_correct_mark_is_skipped_with_the_reason() -> None:
    document = {
        "format": "chronoquiz-set", "version": 1, "title": "t", "language": "en",
        "questions": [
            {"type": "ordering", "prompt_en": "Order",
             "options": [{"text_en": "a", "correct": True}, {"text_en": "b"}, {"text_en": "c"}]},
            {"type": "mcq", "prompt_en": "Pick", "options": [{"text_en": "a", "correct": True}, {"text_en": "b"}]},
        ],
    }
    result = import_native_json(json.dumps(document).encode())
    assert len(result.set.questions) == 1
    assert "ordering question marks no option correct" in result.skipped[0].message
