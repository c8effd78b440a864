"""Kahoot! spreadsheets: the official template, sheets made here with openpyxl, exports Kahoot can read."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from quiz.authoring import SetData, SetOption, SetQuestion
from quiz.interop import InteropError
from quiz.interop.kahoot import HEADER, NO_PARTIAL_CREDIT, export_kahoot, export_kahoot_report, import_kahoot
from quiz.scoring.answer_types import default_fractions
from tests.fixtures.interop.samples import ARABIC, BILINGUAL, ENGLISH, SEVERAL, question_core, real_file


def workbook_bytes(rows: dict[int, list[object]]) -> bytes:
    """A sheet with the given rows (row number -> values from column A)."""
    workbook = Workbook()
    sheet = workbook.active
    for row, values in rows.items():
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def kahoot_sheet(*questions: list[object], hyphen: bool = False) -> bytes:
    header = [None, *HEADER]
    if hyphen:
        header[6] = header[6].replace("\u2013", "-")
    rows = {2: [None, "Quiz template"], 8: header}
    rows.update({9 + index: [index + 1, *values] for index, values in enumerate(questions)})
    rows[9 + len(questions)] = [len(questions) + 1]  # a numbered row with nothing in it
    return workbook_bytes(rows)


def texts(question) -> list[str]:
    return [option.text_en or option.text_ar for option in question.options]


def test_the_real_templates_four_correct_answer_example_imports_as_several_answers_with_equal_shares() -> None:
    result = import_kahoot(real_file("kahoot/KahootQuizTemplate.xlsx"))
    (question,) = result.set.questions  # rows 10-108 are empty: silent
    assert question.type == "multi" and [o.fraction for o in question.options] == [0.25] * 4
    assert [(issue.where, issue.message) for issue in result.warnings] == [("row 9", NO_PARTIAL_CREDIT)]


def test_an_arabic_sheet_with_bad_rows_imports_the_good_ones_and_reports_the_rest() -> None:
    data = kahoot_sheet(
        ["في أي عام غزا العراق الكويت؟", 1989, 1990, 1991, None, 20, 2],
        ["ما عاصمة العراق؟", "البصرة", "بغداد", None, None, 30, "2"],
        ["أكثر من إجابة", "أ", "ب", "ج", "د", 20, "1, 3"],
        ["إجابة فارغة", "أ", "ب", None, None, 20, "4"],
        hyphen=True,  # exporters write the G8 header with a plain hyphen too
    )
    result = import_kahoot(data, filename="gulf war.xlsx")
    first, second, several = result.set.questions
    assert result.set.language == "ar" and result.set.title == "gulf war"
    assert several.type == "multi" and [o.fraction for o in several.options] == [0.5, -0.5, 0.5, -0.5]
    assert [(issue.where, issue.message) for issue in result.warnings] == [("row 11", NO_PARTIAL_CREDIT)]
    assert [o.text_ar for o in first.options] == ["1989", "1990", "1991"] and first.correct == 1
    assert second.prompt_ar == "ما عاصمة العراق؟" and texts(second)[second.correct] == "بغداد"
    assert [(issue.where, issue.message) for issue in result.skipped] == [
        ("row 12", "column H: the correct answer 4 is not one of the answers given"),
    ]  # the numbered empty row 13 is skipped silently


def test_an_xlsx_that_is_not_a_kahoot_template_is_refused_naming_row_8() -> None:
    data = workbook_bytes({1: ["Name", "Score"], 2: ["Ann", 3]})
    with pytest.raises(InteropError, match='^not a Kahoot template: row 8 should hold the headers B8 "Question - max'):
        import_kahoot(data)


@pytest.mark.parametrize("data", [b"Question,Answer\n", b"PK\x03\x04 not really a zip", b""])
def test_a_file_that_is_not_an_xlsx_is_refused(data: bytes) -> None:
    with pytest.raises(InteropError, match="xlsx"):
        import_kahoot(data)


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InteropError, match="not a readable .xlsx file"):
        import_kahoot(buffer.getvalue())


def test_a_quizizz_sheet_in_xlsx_is_read_too() -> None:
    header = ["Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4", "Option 5",
              "Correct Answer", "Time in seconds", "Image Link", "Answer explanation"]
    data = workbook_bytes({1: header, 2: ["Largest planet?", "Multiple Choice", "Mars", "Jupiter", None, None, None, 2,
                                          30, None, "By far."], 3: ["Pick two", "Checkbox", "a", "b", None, None, None,
                                                                     "1,2"]})
    result = import_kahoot(data)
    question, checkbox = result.set.questions
    assert texts(question)[question.correct] == "Jupiter" and question.explanation_en == "By far."
    assert checkbox.type == "multi" and [o.fraction for o in checkbox.options] == [0.5, 0.5]


def test_export_matches_the_template_layout() -> None:
    sheet = load_workbook(io.BytesIO(export_kahoot(ENGLISH))).active
    assert sheet["B2"].value == "Quiz template" and all(sheet[f"B{row}"].value for row in range(3, 7))
    assert [sheet.cell(row=8, column=column).value for column in range(2, 9)] == list(HEADER)
    assert "\u2013" in sheet["G8"].value  # the EN DASH of the official header
    assert [sheet.cell(row=9, column=column).value for column in range(1, 9)] == [
        1, "Who built the Berlin Wall?", "East Germany", "West Germany", None, None, 20, "1"]
    assert sheet["B11"].value is None  # the ordering question is not written


def test_export_reports_what_kahoot_cannot_hold() -> None:
    long = "x" * 121
    data = SetData(title="t", language="en", questions=(
        *ENGLISH.questions,
        SetQuestion("mcq", prompt_en=long, options=(SetOption(text_en="a" * 76), SetOption(text_en="b")), correct=1),
    ))
    report = export_kahoot_report(data)
    assert [(i.where, i.message) for i in report.not_exported] == [
        ("question 2", "5 options: Kahoot allows at most 4"),
        ("question 3", "an ordering question: Kahoot spreadsheets hold multiple choice only"),
    ]
    assert [(i.where, i.message) for i in report.warnings] == [
        ("question 4", "the question has 121 characters; Kahoot allows 120"),
        ("question 4", "answer 1 has 76 characters; Kahoot allows 75"),
    ]
    assert load_workbook(io.BytesIO(report.data)).active["B10"].value == long  # written all the same


def test_a_bilingual_set_is_written_in_one_language_and_says_so() -> None:
    report = export_kahoot_report(BILINGUAL, language="en")
    assert report.warnings[0].message == "Kahoot holds one language: the Arabic texts are not exported"
    assert load_workbook(io.BytesIO(report.data)).active["B9"].value == "When did Iraq invade Kuwait?"


def test_text_starting_with_equals_is_written_as_text_not_a_formula() -> None:
    question = replace(ENGLISH.questions[0], prompt_en="=1+1 is two?")
    sheet = load_workbook(io.BytesIO(export_kahoot(replace(ENGLISH, questions=(question,))))).active
    assert sheet["B9"].data_type == "s" and sheet["B9"].value == "=1+1 is two?"


@pytest.mark.parametrize("sample", [ARABIC, ENGLISH], ids=["ar", "en"])
def test_multiple_choice_round_trips_and_loses_only_what_kahoot_cannot_hold(sample) -> None:
    back = import_kahoot(export_kahoot(sample), filename="set.xlsx").set
    kept = [q for q in sample.questions if q.type == "mcq" and len(q.options) <= 4]
    # Lost: ordering questions, more than 4 options, explanations, categories, the title (the file name is used).
    assert [question_core(replace(q, explanation_ar=None, explanation_en=None)) for q in kept] == [
        question_core(q) for q in back.questions]
    assert back.language == sample.language and back.title == "set"


# --- several correct answers and true/false (issue 17) ------------------------------------------------------------


def test_several_answers_export_as_their_right_numbers_and_true_false_as_two_answers_in_the_sets_language() -> None:
    report = export_kahoot_report(SEVERAL)
    sheet = load_workbook(io.BytesIO(report.data)).active
    assert [sheet.cell(row=9, column=c).value for c in range(3, 9)] == ["بولندا", "فرنسا", "المجر", "النمسا", 20,
                                                                        "1,3"]
    assert [sheet.cell(row=10, column=c).value for c in range(3, 9)] == ["صواب", "خطأ", None, None, 20, "1"]
    assert [sheet.cell(row=11, column=c).value for c in range(3, 9)] == ["صواب", "خطأ", None, None, 20, "2"]
    assert report.not_exported == []
    assert [(i.where, i.message.split(":")[0]) for i in report.warnings] == [
        ("question 1", "several correct answers"),
        ("question 2", "a true/false question is written as a two-answer question (صواب / خطأ)"),
        ("question 3", "a true/false question is written as a two-answer question (صواب / خطأ)"),
    ]
    english = export_kahoot_report(replace(SEVERAL, language="en", questions=(
        replace(SEVERAL.questions[1], prompt_ar=None, prompt_en="The Wall fell in 1989."),)))
    assert load_workbook(io.BytesIO(english.data)).active["C9"].value == "True"


def test_several_answers_come_back_with_equal_shares_and_true_false_as_two_answers() -> None:
    result = import_kahoot(export_kahoot(SEVERAL), filename="set.xlsx")
    multi, true, false = result.set.questions
    assert multi.type == "multi" and [o.fraction for o in multi.options] == [0.5, -0.5, 0.5, -0.5]
    assert (true.type, true.correct, false.correct) == ("mcq", 0, 1)  # Kahoot has no true/false type
    assert [o.text_ar for o in true.options] == ["صواب", "خطأ"]


def test_a_sheet_built_with_two_correct_columns_imports_as_several_answers() -> None:
    data = kahoot_sheet(["Which were Axis powers?", "Germany", "France", "Italy", "Britain", 20, "1,3"])
    (question,) = import_kahoot(data).set.questions
    assert question.type == "multi" and [o.fraction for o in question.options] == [0.5, -0.5, 0.5, -0.5]


def test_a_set_with_nothing_kahoot_can_hold_is_an_error_naming_why_not_an_empty_template() -> None:
    only_ordering = replace(ENGLISH, questions=(ENGLISH.questions[2], ENGLISH.questions[2]))
    with pytest.raises(InteropError) as caught:
        export_kahoot_report(only_ordering)
    assert str(caught.value).startswith("nothing to export to Kahoot: no question of this set fits a Kahoot "
                                        "spreadsheet")
    assert "question 1: an ordering question" in str(caught.value)
    assert [issue.where for issue in caught.value.issues] == ["question 1", "question 2"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 4).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.integers(0, n - 1), min_size=2,
                                                                            max_size=n, unique=True))),
       st.sampled_from(["ar", "en"]))
def test_any_several_answer_question_kahoot_can_hold_round_trips(shape, language) -> None:
    """What Kahoot holds of several answers (which are right, at most 4 answers) comes back as it was written
    when the shares are the equal ones Kahoot's own rows get."""
    count, right = shape
    texts_ = [f"{'خيار' if language == 'ar' else 'option'} {n}" for n in range(count)]
    options = tuple(SetOption(text_ar=t, fraction=f) if language == "ar" else SetOption(text_en=t, fraction=f)
                    for t, f in zip(texts_, default_fractions(count, right)))
    prompt = {"prompt_ar": "أيّها صحيح؟"} if language == "ar" else {"prompt_en": "Which are right?"}
    data = SetData(title="t", language=language, questions=(SetQuestion("multi", options=options, **prompt),))
    (back,) = import_kahoot(export_kahoot(data)).set.questions
    assert question_core(back) == question_core(data.questions[0])
