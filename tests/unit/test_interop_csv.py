"""CSV: Chronoquiz's documented layout (both ways) and Quizizz/Wayground's (import), as Excel writes them."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from quiz.interop import InteropError
from quiz.interop.csv_format import COLUMNS, export_csv, import_csv
from tests.fixtures.interop.samples import (
    ALL_KINDS,
    ARABIC,
    BILINGUAL,
    ENGLISH,
    NORMAL_TEXT,
    SEVERAL,
    fixture,
    question_core,
    real_file,
    valid_sets,
)

CSV_DOC = Path(__file__).resolve().parents[2] / "quiz" / "interop" / "CSV.md"


def texts(question) -> list[str]:
    return [option.text_en or option.text_ar for option in question.options]


def test_real_quizizz_file_imports_the_multiple_choice_row_and_reports_the_other_types() -> None:
    result = import_csv(real_file("quizizz/quizizz_template_reproduction.csv"), filename="quizizz.csv")
    question, checkbox = result.set.questions
    assert question.prompt_en == "Which of these is the largest planet in the Solar System?"
    assert texts(question) == ["Earth", "Mars", "Mercury", "Jupiter", "Pluto"]
    assert texts(question)[question.correct] == "Jupiter"
    assert question.explanation_en.startswith("Jupiter is a gas giant")
    assert [(issue.where, issue.message) for issue in result.skipped] == [
        (f"row {row}", f'question type "{kind}": Chronoquiz imports Multiple Choice, Checkbox only')
        for row, kind in [(5, "Fill-in-the-Blank"), (6, "Open-Ended"), (7, "Poll"), (8, "Draw")]
    ]
    # Checkbox: several correct answers ("1,2,3" of 4), each right one an equal share, the wrong one -100%.
    assert checkbox.type == "multi" and checkbox.correct is None
    assert [o.fraction for o in checkbox.options] == [0.3333333, 0.3333333, 0.3333333, -1.0]
    assert [issue.message.split(":")[0] for issue in result.warnings] == [
        "image link dropped", "several correct answers", "image link dropped"]


def test_arabic_csv_with_a_multi_line_cell_an_empty_row_and_two_bad_rows() -> None:
    result = import_csv(fixture("arabic.csv"), filename="arabic.csv")
    data = result.set
    assert data.title == "arabic" and data.language == "ar"
    mcq, ordering = data.questions
    assert texts(mcq)[mcq.correct] == "1990"
    assert mcq.explanation_ar == "في 2 آب 1990.\nوبدأت الحرب في 1991." and mcq.category == "حرب الخليج"
    assert ordering.type == "ordering" and texts(ordering) == ["غزو الكويت", "عاصفة الصحراء", "وقف إطلاق النار"]
    assert [(issue.where, issue.message) for issue in result.skipped] == [
        ("row 5", "column correct: give the number of the right option"),
        ("row 6", 'column type: "essay" is not one of mcq, multi, truefalse, ordering'),
    ]


def test_semicolons_and_quoted_multi_line_cells_as_excel_writes_them() -> None:
    result = import_csv(fixture("semicolon_multiline.csv"))
    mcq, ordering = result.set.questions
    assert mcq.prompt_en == "Which treaty ended WWI;\npick one?"
    assert texts(mcq) == ["Versailles", "Trianon; Hungary", "Brest-Litovsk"] and mcq.correct == 0
    assert mcq.explanation_en == "Signed 28 June 1919.\nRatified 1920."
    assert texts(ordering) == ["First\nline two", "Second", "Third"]


def test_utf16_with_bom_and_tabs_as_excels_unicode_text() -> None:
    text = "type\tquestion_ar\toption_1_ar\toption_2_ar\tcorrect\r\nmcq\tمن؟\tأ\tب\t2\r\n"
    for data in (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), codecs.BOM_UTF16_BE + text.encode("utf-16-be")):
        (question,) = import_csv(data).set.questions
        assert question.prompt_ar == "من؟" and question.correct == 1


def test_windows_1256_from_an_arabic_excel_is_read_even_when_short() -> None:
    data = "type,question_ar,option_1_ar,option_2_ar,correct\nmcq,من؟,أ,ب,1\n".encode("cp1256")
    (question,) = import_csv(data).set.questions
    assert question.prompt_ar == "من؟" and [o.text_ar for o in question.options] == ["أ", "ب"]


def test_an_unknown_header_is_an_error_on_row_1() -> None:
    with pytest.raises(InteropError, match="^row 1: not a Chronoquiz or Quizizz CSV header"):
        import_csv(b"name,age\nann,3\n")


def test_broken_quoting_is_an_error_naming_the_row() -> None:
    with pytest.raises(InteropError, match=r"^row 2 \(line 2\): not valid CSV"):
        import_csv(b'type,question_en,option_1_en,option_2_en,correct\nmcq,"a"b,x,y,1\n')


def test_unknown_columns_and_a_correct_mark_on_ordering_are_reported() -> None:
    data = b"type,question_en,option_1_en,option_2_en,option_3_en,correct,difficulty\nordering,Order,a,b,c,1,hard\n"
    result = import_csv(data)
    assert [(issue.where, issue.message) for issue in result.warnings] == [
        ("row 1, column 7", 'unknown column "difficulty" ignored'),
        ("row 2", 'column correct ("1") ignored: an ordering question lists its items in order'),
    ]


def test_the_example_in_csv_md_imports_as_documented() -> None:
    block = re.search(r"```csv\n(.*?)```", CSV_DOC.read_text(encoding="utf-8"), re.S).group(1)
    data = import_csv(block.encode("utf-8")).set
    assert data.language == "both" and [q.type for q in data.questions] == ["mcq", "ordering"]
    assert data.questions[0].explanation_en == "On 2 August 1990"
    assert data.questions[1].options[1] == data.questions[1].options[1].__class__("عاصفة الصحراء", "Desert Storm")
    several = re.findall(r"```csv\n(.*?)```", CSV_DOC.read_text(encoding="utf-8"), re.S)[1]
    warsaw, big_three, wall = import_csv(several.encode("utf-8")).set.questions
    assert [o.fraction for o in warsaw.options] == [0.5, 0.5, -0.5, -0.5]
    assert [o.fraction for o in big_three.options] == [0.3333333, 0.3333333, 0.3333333, -1.0]
    assert (wall.type, wall.correct) == ("truefalse", 0)


def test_export_writes_a_bom_every_column_and_protects_formula_like_text() -> None:
    from dataclasses import replace

    question = replace(ENGLISH.questions[0], prompt_en="=HYPERLINK(\"http://evil\")", options=(
        ENGLISH.questions[0].options[0], replace(ENGLISH.questions[0].options[1], text_en="-5")))
    data = replace(ENGLISH, questions=(question,))
    exported = export_csv(data)
    assert exported.startswith(codecs.BOM_UTF8)
    header, row = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    assert tuple(header) == COLUMNS
    assert row[COLUMNS.index("question_en")] == "'=HYPERLINK(\"http://evil\")"
    assert row[COLUMNS.index("option_2_en")] == "-5"  # a number is not a formula
    assert import_csv(exported).set.questions[0].prompt_en == "=HYPERLINK(\"http://evil\")"


@pytest.mark.parametrize("sample", [ARABIC, ENGLISH, BILINGUAL], ids=["ar", "en", "both"])
def test_export_then_import_gives_back_the_questions(sample) -> None:
    back = import_csv(export_csv(sample), filename="set.csv").set
    assert [question_core(q) for q in back.questions] == [question_core(q) for q in sample.questions]
    assert back.language == sample.language
    assert [q.category for q in back.questions] == [q.category for q in sample.questions]
    # CSV does not hold the title (the file name is used), description, grading type, sources or event ids.
    assert back.title == "set" and back.description is None
    assert all(q.sources == () and q.event_ids == () for q in back.questions)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_sets(NORMAL_TEXT, rich=False, exact=True, kinds=ALL_KINDS))
def test_any_set_round_trips_through_csv(data) -> None:
    back = import_csv(export_csv(data)).set
    assert [question_core(q) for q in back.questions] == [question_core(q) for q in data.questions]
    assert back.language == data.language


def test_a_shorter_quizizz_header_is_read_by_column_name() -> None:
    data = b"Question Text,Question Type,Option 1,Option 2,Option 3,Option 4,Correct Answer,Time in seconds\n" \
           b"Largest planet?,Multiple Choice,Mars,Jupiter,Venus,Earth,2,20\n"
    (question,) = import_csv(data).set.questions
    assert texts(question) == ["Mars", "Jupiter", "Venus", "Earth"] and question.correct == 1


# --- several correct answers and true/false (issue 17) ------------------------------------------------------------


def test_several_answers_by_number_or_by_marks_and_true_false_in_either_language() -> None:
    result = import_csv(fixture("multi_truefalse.csv"))
    warsaw, big_three, wall, cold_war = result.set.questions
    assert warsaw.type == "multi" and [o.fraction for o in warsaw.options] == [0.5, 0.5, -0.5, -0.5]  # "1,2"
    assert [o.fraction for o in big_three.options] == [0.3333333, 0.3333333, 0.3333333, -1.0]  # marks win
    assert (wall.type, wall.options, wall.correct) == ("truefalse", (), 0)  # صواب
    assert (cold_war.type, cold_war.correct) == ("truefalse", 1)  # false
    assert [(issue.where, issue.message.split(":")[0]) for issue in result.skipped] == [
        ("row 6", "column correct"), ("row 7", "column correct"), ("row 8", "column marks")]
    assert 'write true or false' in result.skipped[0].message
    assert "give one mark in percent per filled option (3)" in result.skipped[2].message


def test_several_answers_and_true_false_are_written_with_their_marks() -> None:
    rows = list(csv.reader(io.StringIO(export_csv(SEVERAL).decode("utf-8-sig"))))
    header, multi, true, false = rows
    assert multi[header.index("correct")] == "1,3" and multi[header.index("marks")] == "50;-50;50;-50"
    assert (true[header.index("type")], true[header.index("correct")]) == ("truefalse", "true")
    assert false[header.index("correct")] == "false" and false[header.index("marks")] == ""
    back = import_csv(export_csv(SEVERAL)).set
    assert [question_core(q) for q in back.questions] == [question_core(q) for q in SEVERAL.questions]


def test_a_wayground_checkbox_row_is_several_answers_and_true_false_stays_a_two_option_question() -> None:
    result = import_csv(fixture("quizizz_checkbox.csv"))
    axis, over = result.set.questions
    assert axis.type == "multi" and [o.fraction for o in axis.options] == [0.3333333, 0.3333333, -1.0, 0.3333333]
    assert axis.explanation_en == "Germany, Italy and Japan."
    assert (over.type, [o.text_en for o in over.options], over.correct) == ("mcq", ["True", "False"], 0)
    assert [(issue.where, issue.message.split(":")[0]) for issue in result.skipped] == [
        ("row 4", 'several correct answers (1,2) in a "Multiple Choice" row'),
        ("row 5", "column Correct Answer"),
    ]
