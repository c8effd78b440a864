"""Numbers typed into forms and files are parsed without int()'s surprises (issue 16, item 6): a superscript
passes isdigit() yet has no int(), and int() of more than 4,300 digits raises. Each place that reads a count or
a position from input treats them as what they are: not a number it can use."""

from __future__ import annotations

import pytest

from quiz.interop import InteropError
from quiz.interop.csv_format import COLUMNS, import_csv
from quiz.interop.gift import import_gift
from quiz.interop.moodle_xml import import_moodle_xml
from quiz.scoring.answer_types import InvalidAnswer, answer_type
from tests.fixtures.interop.samples import fixture
from tests.unit.test_answer_types import ordering

HUGE = "9" * 5000
NOT_NUMBERS = [HUGE, "²", "1²"]


@pytest.mark.parametrize("position", NOT_NUMBERS)
def test_an_ordering_position_that_is_no_usable_number_is_an_invalid_answer(position):
    with pytest.raises(InvalidAnswer) as error:
        answer_type("ordering").parse_form(ordering(["a", "b", "c"]), {"pos-a": "1", "pos-b": "2", "pos-c": position})
    assert error.value.code == "positions"


def test_an_ordering_position_in_arabic_indic_digits_still_counts():
    form = {"pos-a": "٣", "pos-b": "١", "pos-c": "٢"}
    assert answer_type("ordering").parse_form(ordering(["a", "b", "c"]), form) == ["b", "c", "a"]


@pytest.mark.parametrize("correct", NOT_NUMBERS)
def test_a_csv_correct_column_that_is_no_usable_number_is_refused_with_its_reason(correct):
    row = dict.fromkeys(COLUMNS, "") | {"type": "mcq", "question_en": "When?", "option_1_en": "2003",
                                         "option_2_en": "2001", "correct": correct}
    data = (",".join(COLUMNS) + "\n" + ",".join(row[name] for name in COLUMNS) + "\n").encode()
    with pytest.raises(InteropError, match="is not the number of a filled option"):
        import_csv(data, filename="set.csv")


@pytest.mark.parametrize("count", [HUGE, "²"])
def test_a_gift_ordering_with_a_count_that_is_no_usable_number_still_imports(count):
    text = fixture("arabic.gift").decode().replace("{>4 ALL", f"{{>{count} ALL")
    result = import_gift(text.encode(), filename="set.gift")
    assert any(question.type == "ordering" for question in result.set.questions)


@pytest.mark.parametrize("count", [HUGE, "²"])
def test_a_moodle_select_count_that_is_no_usable_number_is_ignored(count):
    text = fixture("arabic_questions.moodle.xml").decode().replace(
        "<selectcount>3</selectcount>", f"<selectcount>{count}</selectcount>")
    result = import_moodle_xml(text.encode(), filename="set.xml")
    assert any(question.type == "ordering" for question in result.set.questions)
