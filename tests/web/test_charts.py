"""The charts of the progress and results pages: which numbers each chart shows, in the reader's language and
digits, and the same numbers in the table under it. (tests/browser/test_browser_charts.py checks how they look.)"""

from __future__ import annotations

import datetime as dt
import html
import re
from contextlib import contextmanager

import pytest
from flask import session

from quiz import paths
from quiz.chronology.model import Era
from quiz.extensions import db
from quiz.i18n import format_percent
from quiz.models import Attempt
from quiz.scoring.analysis import ItemStats
from quiz.scoring.served import ServedOption, ServedQuestion
from quiz.services.progress import EraMastery, ScorePoint
from quiz.web.charts import RECENT_SCORES, facility_chart, mastery_chart, option_chart, percent_step, score_chart
from tests.web.helpers import answer_data, page, question_form, signup
from tests.web.test_teach import assign, create_class, create_set, join, take

ERAS = [Era("invasion", "الغزو والاحتلال", "Invasion and occupation", 2003, 2006),
        Era("surge", "الحرب الطائفية وزيادة القوات", "Sectarian war and the surge", 2006, 2008)]
QUESTION = ServedQuestion(
    id="q1", type="mcq", kind="authored", prompt_ar="متى بدأ غزو العراق؟", prompt_en="When did the invasion begin?",
    options=(ServedOption("a", "2003", "2003"), ServedOption("b", "2001", "2001"), ServedOption("c", "2005", "2005")),
    key="a")


@pytest.fixture
def clock(app, clock):
    """conftest's clock, with the school in UTC so that the times these tests type are the times stored."""
    app.config["TIMEZONE"] = "UTC"
    return clock


def item_stats(counts: dict[str, int], unanswered: int = 0, facility: float | None = 50.0) -> ItemStats:
    return ItemStats(question_id="q1", attempts=sum(counts.values()) + unanswered, facility=facility,
                     discrimination=None, option_counts=counts, unanswered=unanswered, wrong_orders=[])


@contextmanager
def reader(app, lang: str = "ar", digits: str = "western"):
    """A request from a reader with these preferences."""
    with app.test_request_context("/"):
        session.update(lang=lang, digits=digits)
        yield


def finished(day: int, score: float, kind: str = "practice") -> ScorePoint:
    return ScorePoint(attempt_id=day, finished_at=dt.datetime(2026, 3, day, 9, tzinfo=dt.timezone.utc),
                      score=score, kind=kind)


# -- one formatting of a share -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang, digits, fraction, shown", [
    ("ar", "western", 0.77, "77%"),
    ("ar", "eastern", 0.77, "٧٧٪"),
    ("en", "eastern", 0.77, "77%"),  # English pages keep Western digits whatever the Arabic choice
    ("ar", "western", 0.625, "63%"),  # half up, as a teacher rounds by hand
    ("ar", "western", 0.145, "15%"),  # 14.499999… in binary, 14.5 in fact
    ("ar", "eastern", 1.0, "١٠٠٪"),
    ("ar", "western", 0.0, "0%"),
])
def test_a_share_is_a_whole_percentage_in_the_readers_digits(app, lang, digits, fraction, shown):
    with reader(app, lang, digits):
        assert format_percent(fraction) == shown


# -- the learner's progress ----------------------------------------------------------------------------------


def test_score_chart_has_a_column_per_finished_quiz_in_order_in_the_readers_digits(app):
    with reader(app, "ar", "eastern"):
        chart = score_chart([finished(1, 0.5), finished(2, 0.75, "review"), finished(3, 1.0, "assignment")])
    assert chart.kind == "column"
    assert [(b.label, b.fraction, b.value) for b in chart.bars] == [("١", 0.5, "٥٠٪"), ("٢", 0.75, "٧٥٪"),
                                                                    ("٣", 1.0, "١٠٠٪")]
    assert [b.details for b in chart.bars] == [("١ مارس (آذار) ٢٠٢٦", "تدريب"), ("٢ مارس (آذار) ٢٠٢٦", "مراجعة"),
                                               ("٣ مارس (آذار) ٢٠٢٦", "واجب")]


def test_score_chart_draws_the_latest_quizzes_and_its_table_lists_them_all(app):
    with reader(app, "en"):
        chart = score_chart([finished(day, day / 20) for day in range(1, 13)])
    assert len(chart.bars) == 12
    assert [b.label for b in chart.drawn] == [str(n) for n in range(13 - RECENT_SCORES, 13)]
    assert chart.bars[0].details == ("1 March 2026", "Practice")


def test_mastery_chart_has_a_bar_per_era_and_says_when_an_era_has_no_answers(app):
    eras = [EraMastery(ERAS[0], answered=4, fraction=0.625), EraMastery(ERAS[1], answered=0, fraction=0.0)]
    with reader(app, "ar", "eastern"):
        chart = mastery_chart(eras)
    assert chart.kind == "bar" and chart.labels_above
    assert [(b.label, b.fraction, b.value, b.details) for b in chart.bars] == [
        ("الغزو والاحتلال", 0.625, "٦٣٪", ("٤",)),
        ("الحرب الطائفية وزيادة القوات", 0.0, "لا إجابات بعد", ("٠",))]
    with reader(app, "en"):
        assert mastery_chart(eras).bars[1].label == "Sectarian war and the surge"


# -- the teacher's item analysis -----------------------------------------------------------------------------


def test_option_chart_counts_each_option_marks_the_right_one_and_adds_the_unanswered(app):
    with reader(app, "ar", "eastern"):
        chart = option_chart(QUESTION, item_stats({"a": 2, "c": 1}, unanswered=1))
    assert [(b.label, b.fraction, b.value, b.mark) for b in chart.bars] == [
        ("٢٠٠٣", 0.5, "٢ (٥٠٪)", "الإجابة الصحيحة"),  # option text in the reader's digits too
        ("٢٠٠١", 0.0, "٠ (٠٪)", ""),
        ("٢٠٠٥", 0.25, "١ (٢٥٪)", ""),
        ("بلا إجابة", 0.25, "١ (٢٥٪)", "")]


def test_facility_chart_has_a_bar_per_question_leading_to_its_card(app):
    second = ServedQuestion(id="q2", type="ordering", kind="authored", prompt_ar="رتّب الأحداث",
                            prompt_en="Order the events", options=(), key=())
    with reader(app, "en"):
        chart = facility_chart([QUESTION, second], [item_stats({"a": 3, "b": 1}, facility=75.0),
                                                    item_stats({}, facility=12.5)])
    assert [(b.label, b.fraction, b.value, b.href, b.details) for b in chart.bars] == [
        ("Q1", 0.75, "75%", "#question-1", ("When did the invasion begin?",)),
        ("Q2", 0.125, "13%", "#question-2", ("Order the events",))]


# -- the pages -----------------------------------------------------------------------------------------------


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def figure_of(html_text: str, chart_id: str) -> str:
    figure = html_text[html_text.index(f'id="{chart_id}"'):]
    return figure[:figure.index("</figure>")]


def chart_rows(html_text: str, chart_id: str) -> list[tuple[str, str, str]]:
    """(label, length in whole percent (its size-N class), value) of every bar a chart draws."""
    drawn = figure_of(html_text, chart_id).split("</table>")[0]
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td class="size-(\d+)"><span class="data[^"]*">(.*?)</span>',
                      drawn, re.S)
    return [(text_of(label), size, text_of(value)) for label, size, value in rows]


def table_rows(html_text: str, chart_id: str) -> list[list[str]]:
    """The cells of the plain table under a chart, row by row."""
    table = figure_of(html_text, chart_id).split('<details class="chart-table">')[1]
    body = table[table.index("<tbody>"):]
    return [[text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_the_progress_page_draws_both_charts_with_their_tables(app, client):
    signup(client)
    client.post("/prefs/", data={"lang": "ar", "month_style": "gregorian", "digits": "eastern", "next": "/"})
    empty = page(client.get("/progress"))
    assert "score-chart" not in empty and "أنهِ اختباراً" in empty  # no quiz yet: a sentence, not an empty chart
    eras = chart_rows(empty, "mastery-chart")
    assert [label for label, _, _ in eras][:2] == ["الغزو والاحتلال", "الحرب الطائفية وزيادة القوات"]
    assert {(size, value) for _, size, value in eras} == {("0", "لا إجابات بعد")}
    assert table_rows(empty, "mastery-chart")[0] == ["الغزو والاحتلال", "٠", "لا إجابات بعد"]


def test_only_pages_with_a_chart_load_the_chart_styles(app, client):
    signup(client)
    assert "charts.min.css" in page(client.get("/progress"))
    question_page = page(client.get(client.post("/practice", data={"count": "5"}).headers["Location"]))
    assert "charts.min.css" not in question_page and "css/charts.css" not in question_page


def test_a_finished_quiz_becomes_a_column_of_the_score_chart(app, client):
    signup(client)
    url = client.post("/practice", data={"count": "5"}).headers["Location"]
    for _ in range(5):
        form = question_form(page(client.get(url)))
        client.post(f"{url}/answer", data=answer_data(form))
    with app.app_context():
        score = db.session.get(Attempt, int(url.rsplit("/", 1)[1])).score
    with reader(app):
        shown = format_percent(score)
    progress = page(client.get("/progress"))
    assert chart_rows(progress, "score-chart") == [("1", str(percent_step(score)), shown)]
    assert table_rows(progress, "score-chart")[0][::3] == ["1", shown]


def test_the_results_page_charts_each_questions_facility_and_each_options_picks(app, teacher, clock):
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock, shuffle_questions="", shuffle_options="")
    for name, right in (("ليلى", True), ("عمر", False)):
        student, _ = join(app, code, name)
        take(student, assignment_id, right=right)
    results = page(teacher.get(f"/teach/assignments/{assignment_id}"))
    facility = chart_rows(results, "facility-chart")
    assert [label for label, _, _ in facility] == ["س1", "س2"]
    assert facility[0][1:] == ("50", "50%")  # the multiple-choice question: one right, one wrong
    card = results[results.index('id="question-1"'):].split("</li>")[0]
    assert 'href="#question-1"' in results and "السهولة:</strong> 50%" in card  # the card says what its bar says
    options_id = re.search(r'id="(options-[^"]+)"', results).group(1)
    assert chart_rows(results, options_id) == [("2003 ✔ الإجابة الصحيحة", "50", "1 (50%)"),
                                               ("2001", "50", "1 (50%)"), ("2005", "0", "0 (0%)")]


def test_a_filter_on_a_literal_follows_each_reader_not_the_first(app):
    """Jinja folds filters on literals into the compiled template; the reader-dependent ones must not be."""
    with reader(app, "ar", "eastern"):  # compiled while the first reader's request runs, as a page is
        template = app.jinja_env.from_string("{{ 25|digits }} {{ 0.5|fpercent }}")
        assert template.render() == "٢٥ ٥٠٪"
    with reader(app, "ar", "western"):
        assert template.render() == "25 50%"


def test_a_bar_is_a_size_class_in_whole_percent_and_a_single_answer_still_shows():
    """Bars are classes, not style attributes, which the Content-Security-Policy refuses (quiz/web/headers.py)."""
    assert [percent_step(f) for f in (0, -0.1, 0.001, 0.004, 0.333, 0.5, 0.996, 1, 1.5)] == [0, 0, 1, 1, 33, 50, 100,
                                                                                            100, 100]
    for css, prefix in (("charts.css", ".size-"), ("pages.css", ".grow-")):
        text = (paths.PACKAGE_DIR / "static" / "css" / css).read_text(encoding="utf-8")
        assert all(f"{prefix}{n} {{" in text for n in range(101)), css
