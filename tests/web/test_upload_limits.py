"""Hostile uploads cost bounded work (issue 16, item 5): each is refused quickly, with a message that names the
limit it broke, and nothing is stored; a big but valid file is previewed and then confirmed.

The files are made here: a zip bomb dressed as .xlsx, sheets of 100,000 rows, deep and huge-numbered
YAML/JSON. The time bounds are generous for a busy CI machine; the red-team run took 24 s to 10 min on these.
"""

from __future__ import annotations

import html as html_module
import io
import re
import time
import zipfile

import pytest
from openpyxl import Workbook
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from quiz.authoring import SetData, SetOption, SetQuestion
from quiz.extensions import db
from quiz.interop import export_native, limits
from quiz.models import ArticleDraft, PendingImport, QuestionSet
from tests.web.helpers import page

SHEET = "xl/worksheets/sheet1.xml"
SECONDS = 5.0


@pytest.fixture
def english_teacher(teacher):
    teacher.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    return teacher


def upload(client, data: bytes, filename: str):
    """The response to an upload and the seconds it took."""
    # Encoded here, in memory: the test client spools a large body to a temporary file it never closes.
    boundary, body = encode_multipart(MultiDict({"upload": FileStorage(io.BytesIO(data), filename)}))
    started = time.perf_counter()
    response = client.post("/teach/sets/import", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    return response, time.perf_counter() - started


def stored(app) -> tuple[int, int]:
    """(sets, previews waiting): a preview's kept source file (its ":source" row, for re-reading it in another
    encoding) is part of its preview, not another one."""
    with app.app_context():
        sets = db.session.execute(db.select(db.func.count()).select_from(QuestionSet)).scalar()
        previews = db.session.execute(db.select(db.func.count()).select_from(PendingImport)
                                      .where(PendingImport.token.not_like("%:source"))).scalar()
        return sets, previews


def xlsx_with(members: dict[str, bytes]) -> bytes:
    """A real workbook (openpyxl's own parts) with some parts replaced or added."""
    buffer = io.BytesIO()
    Workbook().save(buffer)
    original = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in original.infolist():
            archive.writestr(item.filename, members.pop(item.filename, None) or original.read(item.filename))
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def sheet_xml(rows: int, *, dimension: bool) -> bytes:
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
            b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    if dimension:
        head += b'<dimension ref="A1:H%d"/>' % rows
    body = b"".join(b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>q</t></is></c></row>' % (n, n)
                    for n in range(1, rows + 1))
    return head + b"<sheetData>" + body + b"</sheetData></worksheet>"


def assert_refused(app, response, seconds: float, *words: str) -> None:
    html = html_module.unescape(page(response))
    assert response.status_code == 422 and 'role="alert"' in html
    text = re.sub(r"<[^>]+>", "", html)  # the message's values sit in <bdi> elements
    for word in words:
        assert word in text, word
    assert seconds < SECONDS
    assert stored(app) == (0, 0)


def test_a_zip_bomb_dressed_as_xlsx_is_refused_before_it_is_unpacked(app, english_teacher):
    bomb = xlsx_with({"xl/sharedStrings.xml": b"<sst>" + b" " * (120 * 1024 * 1024) + b"</sst>"})
    assert len(bomb) < limits.MAX_BYTES
    response, seconds = upload(english_teacher, bomb, "bomb.xlsx")
    assert_refused(app, response, seconds, "unpacks to 120 MB", f"more than {limits.MAX_XLSX_UNCOMPRESSED // 2**20} MB")


def test_a_sheet_that_declares_100000_rows_is_refused_before_it_is_read(app, english_teacher):
    data = xlsx_with({SHEET: sheet_xml(100_000, dimension=True)})
    response, seconds = upload(english_teacher, data, "rows.xlsx")
    assert_refused(app, response, seconds, f"more than {limits.MAX_ROWS:,}".replace(",", "") + " rows")


def test_a_sheet_of_100000_rows_without_a_dimension_stops_at_the_row_limit(app, english_teacher):
    data = xlsx_with({SHEET: sheet_xml(100_000, dimension=False)})
    response, seconds = upload(english_teacher, data, "rows.xlsx")
    assert_refused(app, response, seconds, f"more than {limits.MAX_ROWS} rows")


def test_a_cell_longer_than_the_limit_is_refused_with_its_place(app, english_teacher):
    long_cell = b'<row r="1"><c r="B1" t="inlineStr"><is><t>' + b"x" * (limits.MAX_CELL + 1) + b"</t></is></c></row>"
    sheet = sheet_xml(1, dimension=True).replace(b"<sheetData>", b"<sheetData>" + long_cell, 1)
    sheet = sheet.replace(b'<row r="1"><c r="B1" t="inlineStr"><is><t>q</t>', b'<row r="2"><c r="B2" '
                          b't="inlineStr"><is><t>q</t>', 1)
    response, seconds = upload(english_teacher, xlsx_with({SHEET: sheet}), "cell.xlsx")
    assert_refused(app, response, seconds, "row 1, column 2", f"more than {limits.MAX_CELL} characters")


@pytest.mark.parametrize("name, data", [
    ("deep.yaml", b"format: chronoquiz-set\nversion: 1\ntitle: x\nquestions: " + b"[" * 50 + b"]" * 50),
    ("deeper.yaml", b"format: chronoquiz-set\nx: " + b"[" * 100_000),
    ("deep.json", b'{"format": "chronoquiz-set", "questions": ' + b"[" * 50 + b"]" * 50 + b"}"),
    ("deeper.json", b'{"format": "chronoquiz-set", "questions": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"),
])
def test_deeply_nested_yaml_and_json_are_refused_naming_the_nesting_limit(app, english_teacher, name, data):
    response, seconds = upload(english_teacher, data, name)
    assert_refused(app, response, seconds, f"deeper than {limits.MAX_DEPTH} levels")


@pytest.mark.parametrize("name, data", [
    ("huge.yaml", b"format: chronoquiz-set\nversion: " + b"9" * 5000 + b"\ntitle: x\n"),
    ("huge.json", b'{"format": "chronoquiz-set", "version": ' + b"9" * 5000 + b', "title": "x"}'),
    ("float.yaml", b"format: chronoquiz-set\nversion: 1." + b"5" * 5000 + b"\ntitle: x\n"),
])
def test_numbers_with_thousands_of_digits_are_refused_naming_the_digit_limit(app, english_teacher, name, data):
    response, seconds = upload(english_teacher, data, name)
    assert_refused(app, response, seconds, f"more than {limits.MAX_DIGITS} digits")


def test_yaml_aliases_stay_refused(app, english_teacher):
    laughs = b"format: chronoquiz-set\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    response, seconds = upload(english_teacher, laughs, "laughs.yaml")
    assert_refused(app, response, seconds, "YAML aliases")


def test_a_csv_of_100000_rows_stops_at_the_row_limit(app, english_teacher):
    rows = "type,question_ar,option_1_ar,option_2_ar,correct\n" + "mcq,متى؟,2003,2004,1\n" * 100_000
    response, seconds = upload(english_teacher, rows.encode(), "rows.csv")
    assert_refused(app, response, seconds, f"more than {limits.MAX_ROWS} rows")


def test_the_time_budget_stops_a_slow_import_at_the_next_row(app, english_teacher, monkeypatch):
    monkeypatch.setattr(limits, "TIME_BUDGET_SECONDS", 0.0)
    rows = "type,question_ar,option_1_ar,option_2_ar,correct\n" + "mcq,متى؟,2003,2004,1\n" * 10
    response, seconds = upload(english_teacher, rows.encode(), "slow.csv")
    assert_refused(app, response, seconds, "longer than 0 seconds")


def big_set(size: int) -> bytes:
    """A valid Chronoquiz YAML file of about `size` bytes, within the question limit."""
    count = max(1, min(limits.MAX_QUESTIONS, size // 2300))
    filler = "شرح مفصل للحدث التاريخي " * max(1, (size // count - 400) // 48)
    questions = tuple(SetQuestion(type="mcq", prompt_ar=f"متى وقع الحدث رقم {n}؟",
                                  options=(SetOption(text_ar="2003"), SetOption(text_ar="2004")), correct=0,
                                  explanation_ar=filler[:1990]) for n in range(count))
    return export_native(SetData(title="مجموعة كبيرة", questions=questions, language="ar"), fmt="yaml")


def test_a_big_valid_yaml_near_the_size_limit_is_previewed_then_confirmed(app, english_teacher):
    data = big_set(limits.MAX_BYTES - 200_000)
    assert limits.MAX_BYTES * 0.7 < len(data) <= limits.MAX_BYTES
    response, seconds = upload(english_teacher, data, "big.yaml")
    assert response.status_code == 200 and seconds < SECONDS
    token = html_module.unescape(re.search(r'name="token" type="hidden" value="([^"]*)"', page(response)).group(1))
    assert len(page(response).encode()) < limits.MAX_BYTES * 3  # the set is not posted back through the page
    assert stored(app) == (0, 1)
    started = time.perf_counter()
    confirmed = english_teacher.post("/teach/sets/import/confirm", data={"token": token})
    assert confirmed.status_code == 302 and time.perf_counter() - started < SECONDS
    assert stored(app) == (1, 0)
    with app.app_context():
        imported = db.session.execute(db.select(QuestionSet)).scalar_one()
        assert len(imported.latest.content["questions"]) == limits.MAX_QUESTIONS
    again = english_teacher.post("/teach/sets/import/confirm", data={"token": token})
    assert again.status_code == 302 and "already imported" in page(english_teacher.get(again.headers["Location"]))
    assert stored(app) == (1, 0)


def test_a_preview_cannot_be_confirmed_by_another_teacher(app, english_teacher, client):
    from quiz.services import accounts
    from tests.web.helpers import login

    response, _ = upload(english_teacher, big_set(20_000), "small.yaml")
    token = re.search(r'name="token" type="hidden" value="([^"]*)"', page(response)).group(1)
    with app.app_context():
        accounts.create_user("layla", "teach-history-2", "ليلى", role="teacher")
        db.session.commit()
    other = app.test_client()
    login(other, "layla", "teach-history-2")
    assert other.post("/teach/sets/import/confirm", data={"token": token}).status_code == 302
    assert stored(app) == (0, 1)


ARTICLE = "في 4 نوفمبر 2008 فاز مرشح جديد بسباق الرئاسة. وفي ديسمبر 2011 رحلت آخر وحدة من بغداد.\n"


def draft_from(client, text: str) -> tuple[str, float]:
    started = time.perf_counter()
    response = client.post("/teach/articles", data={"title": "مقال", "text": text})
    assert response.status_code == 302, page(response)
    return response.headers["Location"], time.perf_counter() - started


def test_the_review_page_reads_the_candidates_kept_with_the_draft(app, english_teacher, monkeypatch):
    url, _ = draft_from(english_teacher, ARTICLE)
    with app.app_context():
        kept = db.session.execute(db.select(ArticleDraft.candidates)).scalar_one()
    assert [candidate["date"] for candidate in kept] == ["2008-11-04", "2011-12"]

    def no_extraction(*args, **kwargs):
        raise AssertionError("the review page extracted again")

    monkeypatch.setattr("quiz.chronology.extract.extract_events", no_extraction)
    html = page(english_teacher.get(url))
    assert html.count('<fieldset class="candidate') == 2 and '<mark id="clause-2">' in html


def test_a_long_article_full_of_dates_is_drafted_and_reviewed_quickly(app, english_teacher):
    text = ("في عام 2003 " * 2000 + "\n" + "في 20 مارس 2003 دخلت القوات بغداد، " * 2000)[:100_000]
    url, seconds = draft_from(english_teacher, text)
    assert seconds < SECONDS
    started = time.perf_counter()
    assert english_teacher.get(url).status_code == 200
    assert time.perf_counter() - started < SECONDS


@pytest.mark.parametrize("name, data", [
    ("many.gift", "::q:: متى؟ {=2003 ~2004}\n\n".encode() * 100_000),
    ("many.xml", b"<quiz>" + b'<question type="truefalse"><name><text>x</text></name><questiontext><text>y'
                 b"</text></questiontext></question>" * 40_000 + b"</quiz>"),
])
def test_files_of_tens_of_thousands_of_questions_stop_at_the_question_limit(app, english_teacher, name, data):
    response, seconds = upload(english_teacher, data, name)
    assert_refused(app, response, seconds, f"more than {limits.MAX_QUESTIONS} questions")


def test_previewing_again_and_again_keeps_only_the_latest_few_previews(app, english_teacher):
    from quiz.services.imports import KEEP_LATEST

    tokens = []
    for _ in range(KEEP_LATEST + 3):
        response, _ = upload(english_teacher, big_set(5_000), "small.yaml")
        tokens.append(re.search(r'name="token" type="hidden" value="([^"]*)"', page(response)).group(1))
    assert stored(app) == (0, KEEP_LATEST)
    assert english_teacher.post("/teach/sets/import/confirm", data={"token": tokens[0]}).status_code == 302
    assert stored(app) == (0, KEEP_LATEST)  # the oldest preview is gone: nothing imported
    english_teacher.post("/teach/sets/import/confirm", data={"token": tokens[-1]})
    assert stored(app) == (1, KEEP_LATEST - 1)
