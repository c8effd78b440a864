"""What the pure core says to a teacher (import issues and errors from every importer, the rules a set breaks,
why the generator made no quiz) reaches the page in Arabic through the one rendering function,
quiz.i18n.render_message, with its parameters filled in; and str() of each is still its English."""

from __future__ import annotations

import io
import random
import re

import pytest
from openpyxl import Workbook

from quiz.authoring import SetData, SetOption, SetQuestion
from quiz.authoring.model import SetValidationError, question_problems, validate_set
from quiz.generate import KINDS, CannotGenerate, InvalidRequest, NotEnoughEvents, QuizRequest, generate_quiz
from quiz.generate.kind import GenerationSettings
from quiz.i18n import render_message, save_prefs
from quiz.interop import (
    InteropError,
    export_kahoot_report,
    import_any,
    import_csv,
    import_gift,
    import_kahoot,
    import_moodle_xml,
    import_native_yaml,
)
from quiz.messages import N_, Message, Nn_
from quiz.services.chronologies import get_chronology
from tests.web.test_arabic_everywhere import ALLOWED, LATIN_WORD, visible_text


@pytest.fixture
def arabic(app):
    """The one rendering function, on an Arabic page with Eastern digits (so filled-in numbers show)."""
    def render(message) -> str:
        with app.test_request_context():
            save_prefs(lang="ar", month_style="gregorian", digits="eastern")
            return str(render_message(message))
    return render


def assert_arabic(rendered: str, english: str) -> None:
    """Translated (not the English), every placeholder filled, no Latin word outside isolated codes."""
    text = visible_text(f"<p>{rendered}</p>")
    assert rendered != english and re.search(r"[\u0600-\u06ff]", text), rendered
    assert "%(" not in rendered and "%s" not in rendered, rendered
    assert {w for w in LATIN_WORD.findall(text)} <= ALLOWED, rendered


def check_all(arabic, messages) -> list[str]:
    messages = list(messages)
    assert messages
    rendered = []
    for message in messages:
        assert isinstance(message, Message), repr(message)
        rendered.append(arabic(message))
        assert_arabic(rendered[-1], str(message))
    return rendered


def issues(result) -> list[Message]:
    return [m for issue in (*result.skipped, *result.warnings) for m in (issue.where, issue.message)]


def refused(importer, data: bytes, **kwargs) -> InteropError:
    with pytest.raises(InteropError) as caught:
        importer(data, **kwargs)
    return caught.value


# -- the message type itself ------------------------------------------------------------------------------


def test_a_message_is_its_english_and_carries_what_to_translate():
    message = N_("row %(row)s, column %(column)s", row=1, column=4)
    assert message == "row 1, column 4" and message.msgid == "row %(row)s, column %(column)s"
    assert message.params == {"row": 1, "column": 4}
    counted = Nn_("%(num)s hint dropped", "%(num)s hints dropped", 3)
    assert counted == "3 hints dropped" and counted.number == 3 and counted.count("p") == 2  # still a str


def test_parameters_are_filled_in_in_the_readers_digits_and_places_are_isolated(arabic):
    rendered = arabic(N_('question %(num)s "%(name)s" (line %(line)s)', num=2, name="Greeting", line=11))
    assert rendered == 'السؤال ٢ «<bdi translate="no">Greeting</bdi>» (السطر ١١)'
    listed = arabic(N_("nothing importable remains in this file: %(issues)s",
                       issues=[N_("row %(row)s", row=2), N_("row %(row)s", row=3)]))
    assert listed == "لم يبقَ في هذا الملف ما يمكن استيراده: الصف ٢؛ الصف ٣"
    assert arabic(Nn_("%(num)s hint dropped", "%(num)s hints dropped", 2)) == "حُذف تلميحان"
    assert arabic(Nn_("%(num)s hint dropped", "%(num)s hints dropped", 11)) == "حُذف ١١ تلميحاً"
    assert arabic("<b>not a message</b>") == "&lt;b&gt;not a message&lt;/b&gt;"  # plain text: escaped


# -- each importer ----------------------------------------------------------------------------------------


def test_csv_issues_and_errors_render_in_arabic(arabic):
    data = ("type,question_ar,option_1_ar,option_2_ar,correct,colour\n"
            "mcq,متى؟,2003,2001,1,أحمر\n"
            "essay,اشرح,,,,\n"
            "mcq,أين؟,بغداد,البصرة,7,\n"
            "ordering,رتّب,أ,ب,2,\n").encode()
    result = import_csv(data, filename="s.csv")
    rendered = check_all(arabic, issues(result))
    assert 'أُهمل عمود غير معروف «<bdi translate="no">colour</bdi>»' in rendered
    assert "الصف ٣" in rendered
    for data in (b"", "question,answer\n1,2\n".encode()):
        check_all(arabic, [refused(import_csv, data).message])
    quizizz = ("Question Text,Question Type,Option 1,Option 2,Option 3,Option 4,Option 5,Correct Answer,"
               "Time in seconds,Image Link,Answer explanation\n"
               "Which year?,Checkbox,1990,1991,,,,\"1,2\",20,,\n"
               "Which one?,Multiple Choice,a,b,,,,1,20,http://x/img.png,\n").encode()
    check_all(arabic, issues(import_csv(quizizz, filename="q.csv")))


def test_gift_issues_and_errors_render_in_arabic(arabic):
    data = ("::Essay:: Explain {}\n\n"
            "::Two right:: Which? {~%50%a ~%50%b ~c}\n\n"
            "::Right:: Which year? {=2003 #yes ~2001 #no ~%-50%1999}\n\n"
            "::Order:: Order them {>2 RANDOM ODD\n a\n b\n c\n d\n}\n").encode()
    result = import_gift(data, filename="g.gift")
    check_all(arabic, issues(result))
    unreadable = b"\xff\xfe" + "::س:: متى؟ {=2003 ~2001}".encode("utf-16-le") + b"\x00\xdc"  # a lone surrogate
    for broken in (b"::a:: b {=1 ~2", b"::a:: b }", unreadable):
        check_all(arabic, [refused(import_gift, broken).message])


MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="essay"><name><text>Essay</text></name><questiontext><text>Explain</text></questiontext></question>
  <question type="multichoice"><name><text>Greeting</text></name>
    <questiontext format="html"><text>Hello?</text></questiontext><single>false</single>
    <answer fraction="100"><text>Hi</text><feedback><text>good</text></feedback></answer>
    <answer fraction="-50"><text>Bye</text></answer>
    <hint><text>one</text></hint><hint><text>two</text></hint>
  </question>
  <question type="truefalse"><name><text>TF</text></name><questiontext><text>Sky is blue</text></questiontext>
    <answer fraction="0"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
  <question type="multichoice"><name><text>Bad</text></name><questiontext><text>?</text></questiontext>
    <answer fraction="x"><text>a</text></answer></question>
</quiz>
"""


def test_moodle_xml_issues_and_errors_render_in_arabic(arabic):
    result = import_moodle_xml(MOODLE.encode(), filename="m.xml")
    rendered = check_all(arabic, issues(result))
    assert "حُذف تلميحان" in rendered
    assert any(r.startswith('السؤال ٢ «<bdi translate="no">Greeting</bdi>» (السطر') for r in rendered)
    for broken in (b"<quiz><question></quiz>", b"<?xml version='1.0'?><questions/>",
                   b'<!DOCTYPE quiz [<!ENTITY a "b">]><quiz>&a;</quiz>'):
        check_all(arabic, [refused(import_moodle_xml, broken).message])


def test_kahoot_issues_errors_and_export_report_render_in_arabic(arabic):
    from quiz.interop.kahoot import HEADER

    workbook = Workbook()
    sheet = workbook.active
    for column, text in enumerate(HEADER, start=2):
        sheet.cell(row=8, column=column, value=text)
    rows = [["متى؟", "2003", "2001", None, None, 20, "1,2"], ["أين؟", "بغداد", None, None, None, 20, "3"],
            ["لماذا؟", "لأن", "لكن", None, None, 20, "x"], ["كيف؟", "هكذا", None, None, None, 20, "1"],
            ["متى انتهى؟", "2011", "2009", None, None, 20, "1"]]
    for row, values in enumerate(rows, start=9):
        for column, value in enumerate(values, start=2):
            sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_kahoot(buffer.getvalue(), filename="k.xlsx")
    check_all(arabic, issues(result))
    check_all(arabic, [refused(import_kahoot, b"not a zip").message, refused(import_kahoot, b"PK\x03\x04junk").message])
    data = SetData("س", "both", questions=(
        SetQuestion("ordering", "رتّب", "Order", tuple(SetOption(t, t) for t in "أبج")),
        SetQuestion("mcq", "س" * 200, "Q", tuple(SetOption(str(n), str(n)) for n in range(5)), correct=0),
        SetQuestion("mcq", "س" * 200, "Q", (SetOption("ا" * 90, "a"), SetOption("ب", "b")), correct=0),
    ))
    report = export_kahoot_report(data)
    check_all(arabic, [m for issue in (*report.not_exported, *report.warnings) for m in (issue.where, issue.message)])


def test_native_and_format_detection_errors_render_in_arabic(arabic, tmp_path):
    schema = ("format: chronoquiz-set\nversion: 1\ntitle: س\nlanguage: ar\nquestions:\n"
              "  - type: essay\n  - type: mcq\n    prompt_ar: س\n    options:\n      - {text_ar: أ, correct: true}\n"
              "      - {text_ar: ب, correct: true}\n      - {txt_ar: ج}\n").encode()
    check_all(arabic, [refused(import_native_yaml, schema).message])
    marks = ("format: chronoquiz-set\nversion: 1\ntitle: س\nlanguage: ar\nquestions:\n"
             "  - type: mcq\n    prompt_ar: س\n"
             "    options: [{text_ar: أ, correct: true}, {text_ar: ب, correct: true}]\n"
             "  - type: mcq\n    prompt_ar: ص\n    options: [{text_ar: أ, correct: true}, {text_ar: ب}]\n").encode()
    check_all(arabic, issues(import_native_yaml(marks)))
    for data in (b"- a list", b"format: moodle", b"a: [b", b"a: &x 1\nb: *x\n"):
        check_all(arabic, [refused(import_native_yaml, data).message])
    check_all(arabic, [refused(import_any, b"\x00\x01 nothing known", filename="x.bin").message])
    check_all(arabic, [refused(import_any, b"x" * (5 * 1024 * 1024 + 1), filename="x.csv").message])


# -- the rules of a set --------------------------------------------------------------------------------------


def test_every_rule_a_question_or_set_breaks_renders_in_arabic(arabic):
    broken = [
        SetQuestion("mcq"),
        SetQuestion("mcq", "س", None, (SetOption("أ"), SetOption("أ"), SetOption()), correct=None),
        SetQuestion("ordering", "س", None, (SetOption("أ"), SetOption("ب")), correct=0),
        SetQuestion("essay", "س" * 2001),  # type: ignore[arg-type]
    ]
    messages = [m for question in broken for m in question_problems(question, "both")]
    with pytest.raises(SetValidationError) as caught:
        validate_set(SetData(" ", "xx", questions=tuple(broken)))  # type: ignore[arg-type]
    messages += caught.value.messages
    rendered = check_all(arabic, messages)
    assert "نص السؤال بالإنجليزية ناقص" in rendered and "الخيار ٢ يكرر خياراً آخر" in rendered
    assert "سؤال ترتيب ليس له خيار صحيح واحد" in rendered
    assert "السؤال ٢: الخيار ١ بلا نص إنجليزي" in rendered


# -- the generator ---------------------------------------------------------------------------------------------


def test_generator_errors_render_in_arabic(app, arabic):
    with app.app_context():
        chronology = get_chronology("us-iraq")
    errors: list[Message] = []
    for request in (dict(count=50, seed=5, kinds=("who",), eras=("invasion-occupation",)),
                    dict(count=3, seed=1, year_from=1800, year_to=1801),
                    dict(count=3, seed=1, event_ids=("no-such-event",), eras=("war-on-isis",),
                         difficulty="hard")):
        with pytest.raises(NotEnoughEvents) as caught:
            generate_quiz(chronology, QuizRequest(**request))
        errors.append(caught.value.reason)
    for request in (dict(count=-1), dict(count=3, kinds=("essay",)), dict(count=3, kinds=()),
                    dict(count=3, ordering_share=2.0), dict(count=3, difficulty="impossible"),
                    dict(count=3, difficulty={"easy": -1}), dict(count=3, difficulty={"easy": 0})):
        with pytest.raises(InvalidRequest) as caught:
            QuizRequest(**request)
        errors.append(caught.value.reason)
    rendered = check_all(arabic, errors)
    assert rendered[0].startswith("أمكن إعداد ") and "من ٥٠ سؤالاً" in rendered[0]
    # Every kind asked about every event: each reason a kind gives for refusing one, once.
    reasons: dict[str, Message] = {}
    for kind in KINDS.values():
        for event in chronology.events:
            try:
                kind.generate(event, chronology, random.Random(1), GenerationSettings(seed=1))
            except CannotGenerate as refusal:
                reasons.setdefault(refusal.reason.msgid, refusal.reason)
    assert len(reasons) >= 10, sorted(reasons)
    check_all(arabic, reasons.values())
