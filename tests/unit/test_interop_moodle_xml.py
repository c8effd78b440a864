"""Moodle XML: the real Moodle fixtures import as Moodle means them, our exports look like Moodle's and come back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings

from quiz.interop import InteropError
from quiz.interop.moodle_xml import export_moodle_xml, import_moodle_xml
from tests.fixtures.interop.samples import (
    ALL_KINDS,
    ARABIC,
    BILINGUAL,
    ENGLISH,
    NORMAL_TEXT,
    ONE_LINE,
    SEVERAL,
    fixture,
    question_core,
    real_file,
    valid_sets,
)


def texts(question) -> list[str]:
    return [option.text_en or option.text_ar for option in question.options]


def messages(issues) -> list[str]:
    return [issue.message for issue in issues]


# --- the real Moodle files (../shared/interop/moodle, see its INDEX.md) -------------------------------------


def test_real_multichoice_imports_one_question_with_french_correct_its_flags_kept_and_the_sound_dropped() -> None:
    result = import_moodle_xml(real_file("moodle/qformat_xml/multichoice.xml"), filename="multichoice.xml")
    (question,) = result.set.questions
    assert question.type == "mcq" and question.origin == "imported"
    assert question.prompt_en == "Listen to this greeting:\n\nWhat language is being spoken?"
    assert texts(question) == ["English", "French", "German", "Danish"]
    assert texts(question)[question.correct] == "French"
    assert question.category == "Default for testhead/Multichoice"
    assert result.set.title == "Multichoice" and result.set.language == "en"
    dropped = [m for m in messages(result.warnings) if m.startswith("embedded file")]
    assert dropped == ["embedded file bonjour.mp3 dropped"]  # a sound: not an image (issue 17)
    assert [o.image_alt for o in question.options] == ["British Flag", "French flag", "German flag", "Denmark flag"]
    assert {result.set.media[o.image].mime for o in question.options} == {"image/jpeg"}
    assert all(issue.where == 'question 1 "Greeting" (line 12)' for issue in result.warnings)
    assert result.skipped == []


def test_real_truefalse_imports_two_true_false_questions() -> None:
    result = import_moodle_xml(real_file("moodle/qformat_xml/truefalse.xml"))
    first, second = result.set.questions
    for question in (first, second):
        assert question.type == "truefalse" and question.options == ()
    assert first.correct == 1 and second.correct == 0  # "(False)" is false, "(True)" is true
    assert first.prompt_en == "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Education."
    assert first.explanation_en.startswith("For further information, see the documentation about Moodle (http")
    assert first.image and first.image == second.image and first.image_alt == "Moodle logo"  # stored once
    assert list(result.set.media) == [first.image]
    assert "embedded file infos.jpg dropped" in messages(result.warnings)  # in the feedback, which is not kept


def test_real_nested_categories_keep_the_categories_and_skip_the_essay() -> None:
    result = import_moodle_xml(real_file("moodle/qformat_xml/nested_categories_with_questions.xml"))
    assert [q.category for q in result.set.questions] == ["Iota", "Iota/Kappa", "Iota/Kappa/Lambda", "Iota/Mu"]
    assert all(q.type == "truefalse" and q.correct == 0 for q in result.set.questions)
    assert [(i.where, i.message.split(":")[0]) for i in result.skipped] == [
        ('question 2 "Kappa Essay Question" (line 55)', "an essay question")
    ]
    assert result.set.title == "Iota" and result.set.description == "This is Iota category for test"


@pytest.mark.parametrize("name", ["category_with_description.xml", "html_chars_in_idnumbers.xml"])
def test_real_single_truefalse_files_import(name: str) -> None:
    result = import_moodle_xml(real_file(f"moodle/qformat_xml/{name}"))
    (question,) = result.set.questions
    assert question.prompt_en == "Testing Alpha Question" and question.category == "Alpha"


def test_real_old_image_tag_file_skips_the_cloze_and_imports_the_multichoice() -> None:
    result = import_moodle_xml(real_file("moodle/qformat_xml/sample_questions_with_old_image_tag.xml"))
    (question,) = result.set.questions
    assert texts(question) == ["wrong answer", "another wrong answer", "right answer"] and question.correct == 2
    assert len(result.skipped) == 1 and "cloze" in result.skipped[0].message
    assert result.skipped[0].where.startswith('question 1 "cloze question with image"')
    assert messages(result.warnings) == []  # the old <image>/<image_base64> is the question's image
    assert result.set.media[question.image].mime == "image/png"


def test_real_ordering_with_a_bare_question_root_sorts_items_by_fraction() -> None:
    result = import_moodle_xml(real_file("moodle/qtype_ordering/testimport.moodle.xml"))
    (question,) = result.set.questions
    assert question.type == "ordering" and question.correct is None
    assert texts(question) == ["Modular", "Object", "Oriented", "Dynamic", "Learning", "Environment"]
    assert question.prompt_en == "Put these words in order."
    assert question.explanation_en.startswith("The correct answer is")
    assert "2 hints dropped" in messages(result.warnings)


def test_real_multiple_answer_question_keeps_moodles_grades() -> None:
    result = import_moodle_xml(real_file("moodle/qtype_multichoice/testquestion.moodle.xml"))
    (question,) = result.set.questions
    assert question.type == "multi" and question.correct is None
    assert [(o.text_en, o.fraction) for o in question.options] == [
        ("Tokyo", 0.0), ("Spain", 0.0), ("London", 0.5), ("Barcelona", 0.0), ("Paris", 0.5)]


def test_real_minimal_truefalse() -> None:
    result = import_moodle_xml(real_file("moodle/qtype_truefalse/testquestion.moodle.xml"))
    (question,) = result.set.questions
    assert question.prompt_en == "The answer is true." and question.correct == 0 and question.type == "truefalse"
    assert question.explanation_en == "You should have selected true."


# --- our own fixtures -------------------------------------------------------------------------------------------


def test_arabic_questions_import_with_arabic_true_false_and_sanitised_text() -> None:
    result = import_moodle_xml(fixture("arabic_questions.moodle.xml"))
    data = result.set
    # An Arabic bank with one English question: a mixed set, each question in its own language (issue 17)
    assert data.language == "mixed" and data.title == "حرب الخليج" and data.description == "أسئلة عن حرب الخليج"
    assert result.languages == {"ar": 3, "en": 1}
    assert data.grading_type == "absolute_position"
    mcq, truefalse, ordering, english = data.questions
    assert english.prompt_en == "Which city is the capital of Iraq?" and english.prompt_ar is None
    assert mcq.prompt_ar == "في أي عام غزا العراق الكويت؟"  # <script> content and the image are gone
    assert texts(mcq)[mcq.correct] == "1990"
    assert mcq.explanation_ar == "في 2 آب 1990.\nانظر ويكيبيديا (https://ar.wikipedia.org/wiki/غزو_العراق_للكويت)"
    assert truefalse.type == "truefalse" and truefalse.options == () and truefalse.correct == 0
    assert texts(ordering) == ["غزو الكويت", "عاصفة الصحراء", "وقف إطلاق النار", "انسحاب القوات"]
    assert ordering.category == "التاريخ/ترتيب"
    assert messages(result.warnings) == [
        "negative marks for wrong answers are not kept",
        "image map kuwait.png dropped: it is not a PNG, JPEG, GIF or WebP picture; save it as a PNG or JPEG picture "
        "under 2 MB and add it to the question again",
        "Moodle showed 3 of the 4 items (random); Chronoquiz asks for all of them",
    ]
    (short,) = result.skipped
    assert short.where == 'question 4 "عاصمة الكويت" (line 65)' and "short-answer" in short.message


def test_an_unclosed_tag_is_an_error_naming_line_and_column() -> None:
    with pytest.raises(InteropError, match=r"^line 9, column 5: not well-formed XML \(mismatched tag\)"):
        import_moodle_xml(fixture("unclosed_tag.moodle.xml"))


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_entity_expansion_and_external_entities_are_refused_not_expanded(name: str) -> None:
    with pytest.raises(InteropError, match="^line 2: refused: the file declares a DTD or entities"):
        import_moodle_xml(fixture(name))


def test_an_internal_entity_without_a_doctype_is_an_undefined_entity_error() -> None:
    with pytest.raises(InteropError, match="line 1, column .*undefined entity"):
        import_moodle_xml(b"<quiz>&xxe;</quiz>")


def test_a_root_that_is_not_quiz_or_question_is_refused() -> None:
    with pytest.raises(InteropError, match=r"line 1: the root element is <html>"):
        import_moodle_xml(b"<html><body/></html>")


def test_a_declared_legacy_encoding_is_honoured_unless_the_bytes_are_utf8() -> None:
    data = '<?xml version="1.0" encoding="windows-1256"?><quiz><question type="truefalse"><questiontext>' \
           "<text>الأرض كروية</text></questiontext><answer fraction=\"100\"><text>true</text></answer>" \
           '<answer fraction="0"><text>false</text></answer></question></quiz>'
    (question,) = import_moodle_xml(data.encode("utf-8")).set.questions
    assert question.prompt_ar == "الأرض كروية"
    (question,) = import_moodle_xml(data.encode("cp1256")).set.questions
    assert question.prompt_ar == "الأرض كروية"
    (question,) = import_moodle_xml(data.replace("windows-1256", "iso-8859-6").encode("iso-8859-6")).set.questions
    assert question.prompt_ar == "الأرض كروية"


# --- export -----------------------------------------------------------------------------------------------------


def test_export_has_moodles_element_structure() -> None:
    exported = export_moodle_xml(BILINGUAL)
    root = ET.fromstring(exported)
    assert root.tag == "quiz"
    category, mcq, ordering, _ = root.findall("question")
    assert category.get("type") == "category"
    assert category.findtext("category/text") == "$course$/حرب الخليج // Gulf War"
    assert mcq.get("type") == "multichoice" and mcq.findtext("single") == "true"
    assert mcq.findtext("shuffleanswers") == "true"
    assert [a.get("fraction") for a in mcq.findall("answer")] == ["100", "0", "0"]
    assert mcq.find("questiontext").get("format") == "html"
    assert "<![CDATA[<p lang=\"ar\" dir=\"rtl\">متى غزا العراق الكويت؟</p><p lang=\"en\" dir=\"ltr\">" \
           "When did Iraq invade Kuwait?</p>]]>" in exported.decode()
    assert ordering.get("type") == "ordering"
    assert [ordering.findtext(tag) for tag in ("layouttype", "selecttype", "gradingtype")] == [
        "VERTICAL", "ALL", "ABSOLUTE_POSITION"]
    assert [a.get("fraction") for a in ordering.findall("answer")] == ["1", "2", "3"]


@pytest.mark.parametrize("sample", [ARABIC, ENGLISH, BILINGUAL], ids=["ar", "en", "both"])
def test_export_then_import_gives_back_the_questions(sample) -> None:
    back = import_moodle_xml(export_moodle_xml(sample)).set
    assert [question_core(q) for q in back.questions] == [question_core(q) for q in sample.questions]
    assert (back.title, back.language, back.grading_type, back.description) == (
        sample.title, sample.language, sample.grading_type, sample.description)
    # What Moodle XML does not hold: sources, event ids, origin; categories default to the set's title
    # (as a Moodle category path, where a "/" inside a name is written "//").
    assert all(q.sources == () and q.event_ids == () and q.origin == "imported" for q in back.questions)
    assert all(q.category == sample.title.replace("/", "//") for q in back.questions)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_sets(NORMAL_TEXT, rich=False, exact=True, title=ONE_LINE, kinds=ALL_KINDS))
def test_any_set_round_trips_through_moodle_xml(data) -> None:
    back = import_moodle_xml(export_moodle_xml(data)).set
    assert [question_core(q) for q in back.questions] == [question_core(q) for q in data.questions]
    assert (back.title, back.language) == (data.title, data.language)
    if any(q.type == "ordering" for q in data.questions):  # only ordering questions carry a grading type
        assert back.grading_type == data.grading_type


def test_the_exported_file_has_one_category_question_per_change_of_category() -> None:
    from dataclasses import replace

    questions = tuple(replace(q, category=c) for q, c in zip(ENGLISH.questions, ["A/B", "A/B", "C"]))
    exported = export_moodle_xml(replace(ENGLISH, questions=questions)).decode()
    assert re.findall(r"<text>(\$course\$/[^<]*)</text>", exported) == ["$course$/A/B", "$course$/C"]
    assert [q.category for q in import_moodle_xml(exported.encode()).set.questions] == ["A/B", "A/B", "C"]


def test_moodle_4_top_category_is_the_root_not_a_category() -> None:
    data = b"""<quiz>
<question type="category"><category><text>$course$/top</text></category></question>
<question type="category"><category><text>$course$/top/Default for History 101</text></category></question>
<question type="truefalse"><questiontext><text>Is it?</text></questiontext>
<answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text></answer></question>
</quiz>"""
    result = import_moodle_xml(data)
    assert result.set.title == "Default for History 101"
    assert result.set.questions[0].category == "Default for History 101" and result.set.questions[0].correct == 1


# --- several correct answers and true/false (issue 17) ------------------------------------------------------------


@pytest.mark.parametrize("name", ["category_with_description.xml", "html_chars_in_idnumbers.xml"])
def test_real_truefalse_fixtures_are_true_false_questions(name) -> None:
    (question,) = import_moodle_xml(real_file(f"moodle/qformat_xml/{name}")).set.questions
    assert question.type == "truefalse" and question.options == () and question.correct in (0, 1)


def test_several_answers_keep_moodles_grades_and_any_one_of_answers_are_skipped_saying_why() -> None:
    result = import_moodle_xml(fixture("multi_response.moodle.xml"))
    warsaw, big_three, wall = result.set.questions
    assert warsaw.type == "multi" and [o.fraction for o in warsaw.options] == [0.5, 0.5, -1.0, 0.0]
    assert [o.fraction for o in big_three.options] == [0.3333333, 0.3333333, 0.3333333, -1.0]
    assert wall.type == "truefalse" and wall.correct == 1
    assert [(issue.where, issue.message.split(";")[0]) for issue in result.skipped] == [
        ('question 2 "أي واحدة" (line 17)', "Moodle gives full marks for any one of 2 answers"),
        ('question 3 "بلا علامة" (line 25)', "no answer earns marks (every fraction is 0 or below)"),
    ]


def test_several_answers_export_as_moodle_writes_them_with_its_own_grades() -> None:
    exported = export_moodle_xml(SEVERAL).decode()
    multi = exported.split('<question type="multichoice">')[1].split("</question>")[0]
    assert "<single>false</single>" in multi and "<penalty>0.3333333</penalty>" in multi
    assert re.findall(r'<answer fraction="([^"]+)"', multi) == ["50", "-50", "50", "-50"]


def test_true_false_exports_as_moodles_truefalse_not_a_two_option_multiple_choice() -> None:
    exported = export_moodle_xml(SEVERAL).decode()
    questions = ET.fromstring(exported).findall("question")
    assert [q.get("type") for q in questions] == ["category", "multichoice", "truefalse", "truefalse"]
    true_q, false_q = questions[2:]
    for question, right in ((true_q, "true"), (false_q, "false")):
        answers = question.findall("answer")
        assert [a.findtext("text") for a in answers] == ["true", "false"]  # Moodle's own words and order
        assert [a.get("format") for a in answers] == ["moodle_auto_format"] * 2
        assert [a.get("fraction") for a in answers] == (["100", "0"] if right == "true" else ["0", "100"])
        assert question.findtext("penalty") == "1.0000000"


def test_a_share_moodle_would_refuse_is_written_as_its_nearest_grade_and_reported() -> None:
    from dataclasses import replace

    from quiz.interop import export_set

    odd = replace(SEVERAL.questions[0], options=tuple(
        replace(o, fraction=f) for o, f in zip(SEVERAL.questions[0].options, [0.35, 0.0, 0.65, 0.0])))
    result = export_set(replace(SEVERAL, questions=(odd,)), "moodle-xml")
    assert re.findall(r'<answer fraction="([^"]+)"', result.data.decode()) == ["33.33333", "0", "66.66667", "0"]
    assert [(i.where, i.message.split(":")[0]) for i in result.warnings] == [
        ("question 1", "option 1's share of the mark (35%) is not one of Moodle's grades"),
        ("question 1", "option 3's share of the mark (65%) is not one of Moodle's grades"),
    ]


def test_several_answers_and_true_false_round_trip() -> None:
    back = import_moodle_xml(export_moodle_xml(SEVERAL)).set
    assert [question_core(q) for q in back.questions] == [question_core(q) for q in SEVERAL.questions]
