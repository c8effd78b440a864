"""The charts in a real browser: the learner's progress (score over time, mastery per era) and the teacher's
results (facility per question, each option's picks), in Arabic with Eastern digits and in English, on a
390 px phone and on 1366 × 768 and 1920 × 1080 projectors.

What "readable" means here, measured on the text itself (Range rectangles of every text node, not element
boxes): every label and value lies inside its chart; no two texts overlap; no text but a bar's own value sits
on a bar, and that value fits in it; bars grow from the reader's start side; the text is no smaller than
12 px; the Arabic numbers are in the chosen digits. Plus axe-core, and a screenshot of each page
(build/screenshots; docs/screenshots with `make screenshots`)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quiz.extensions import db
from quiz.models import Assignment
from quiz.scoring.answer_types import answer_type
from quiz.services import accounts, answering, attempts
from quiz.services.chronologies import get_chronology
from tests.browser.conftest import log_in
from tests.browser.support import PHONE, Watch, choose_prefs, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

SIZES = {"phone": PHONE, "projector": {"width": 1366, "height": 768}, "full-hd": {"width": 1920, "height": 1080}}
READERS = {"ar": {"lang": "ar", "digits": "eastern"}, "en": {"lang": "en", "digits": "western"}}
LEARNER = ("chart-learner", "a long password")
USERS = {"progress": LEARNER, "results": ("teacher", "chronoquiz-teacher")}
# Right answers out of 5 in each of the learner's quizzes, oldest first: more quizzes than the chart draws,
# from none to all right, so that values sit inside tall columns and above short ones.
RIGHT_ANSWERS = [5, 0, 1, 2, 3, 4, 5, 1, 4, 0]
CASES = [(name, lang, size) for name in USERS for lang in READERS for size in SIZES]
SLACK = 1.0  # px: rounding of sub-pixel layout

# Everything the tests need from one chart, measured in the page.
MEASURE = """figure => {
    const rect = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top,
                                                                        bottom: r.bottom}; };
    const table = figure.querySelector('table.charts-css');
    const texts = [];
    const walker = document.createTreeWalker(table.tBodies[0], NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const owner = node.parentElement;
        const data = owner.closest('.data');
        for (const r of range.getClientRects()) {
            if (r.width === 0) continue;
            texts.push({text: node.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                        size: parseFloat(getComputedStyle(owner).fontSize),
                        inside: data !== null && !data.classList.contains('outside'),
                        bar: data ? rect(data.closest('td')) : null});
        }
    }
    const rows = [...table.tBodies[0].rows].map(tr => ({row: rect(tr), bar: rect(tr.querySelector('td'))}));
    return {id: figure.id, kind: table.classList.contains('column') ? 'column' : 'bar', box: rect(table),
            rows, texts};
}"""


def _assignment_id(app) -> int:
    with app.app_context():
        try:
            return db.session.execute(db.select(Assignment.id).order_by(Assignment.id)).scalars().first()
        finally:
            db.session.remove()


def _learner_with_a_spread_of_scores(app) -> None:
    """LEARNER's quizzes, all about the first era (so the other eras have no answers yet)."""
    with app.app_context():
        try:
            slug = app.config["DEFAULT_CHRONOLOGY"]
            chronology = get_chronology(slug)
            user = accounts.create_user(LEARNER[0], LEARNER[1], "سلوى")
            start = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=len(RIGHT_ANSWERS))
            settings = attempts.QuizSettings(count=5, eras=(chronology.eras[0].id,), kinds=("when",))  # mcq
            for number, right in enumerate(RIGHT_ANSWERS):
                moment = start + dt.timedelta(days=number)
                store = answering.AttemptStore(attempts.start_attempt(user, chronology, slug, settings, 500 + number,
                                                                      moment))
                for index, question in enumerate(store.questions):
                    wrong = next(o.id for o in question.options if o.id != question.key)
                    fields = answer_type(question.type).form_fields(question, question.key if index < right else wrong)
                    answering.submit_answer(store, question.id, fields, moment + dt.timedelta(minutes=index + 1))
            db.session.commit()
        finally:
            db.session.remove()



@pytest.fixture(scope="module")
def seen(browser, live_server):
    """Every chart page in every language and size, measured once; an axe-core audit at phone size."""
    from axe_playwright_python.sync_playwright import Axe

    _learner_with_a_spread_of_scores(live_server.app)
    paths = {"progress": "/progress", "results": f"/teach/assignments/{_assignment_id(live_server.app)}"}
    watch = Watch()
    found = {}
    for name, lang, size in CASES:
        context = browser.new_context(base_url=live_server.url, viewport=SIZES[size], reduced_motion="reduce")
        page = context.new_page()
        watch.attach(page)
        log_in(page, *USERS[name])
        choose_prefs(page, **READERS[lang])
        page.goto(paths[name])
        page.evaluate("document.fonts.ready.then(() => true)")
        found[name, lang, size] = {
            "charts": page.locator("figure.chart").evaluate_all(f"figures => figures.map({MEASURE})"),
            "sideways": page.evaluate("""() => { document.querySelectorAll('details').forEach(d => d.open = true);
                return [document.documentElement.scrollWidth, window.innerWidth]; }"""),
        }
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = false)")
        screenshot(page, f"charts-{name}-{lang}-{size}", full_page=True)
        if size == "phone":
            violations = Axe().run(page).response["violations"]
            found[name, lang, size]["axe"] = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations
                                              if v["impact"] in ("serious", "critical")]
        context.close()
    found["problems"] = watch.problems
    return found


def _name(case) -> str:
    return "-".join(case)


def _charts(seen, case) -> list[dict]:
    charts = seen[case]["charts"]
    assert charts, f"no chart on {case}"
    return charts


def _inside(inner: dict, outer: dict) -> bool:
    return (inner["left"] >= outer["left"] - SLACK and inner["right"] <= outer["right"] + SLACK
            and inner["top"] >= outer["top"] - SLACK and inner["bottom"] <= outer["bottom"] + SLACK)


def _em_box(text: dict) -> dict:
    """The text's em box: its rectangle is the font's whole glyph box (about 2 em tall in Naskh, which leaves
    room for stacked marks), and the lines of a wrapped label overlap in those boxes though not in ink.
    (A bar has no "size": it stays as it is.)"""
    shrink = max(0.0, (text["bottom"] - text["top"] - text.get("size", 1e9)) / 2)
    return {**text, "top": text["top"] + shrink, "bottom": text["bottom"] - shrink}


def _overlap(a: dict, b: dict) -> bool:
    a, b = _em_box(a), _em_box(b)
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) > SLACK
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > SLACK)


def test_each_page_shows_its_charts(seen):
    for name, lang, size in CASES:
        ids = [chart["id"] for chart in seen[name, lang, size]["charts"]]
        if name == "progress":
            assert ids == ["score-chart", "mastery-chart"], (name, lang, size)
        else:
            assert ids[0] == "facility-chart" and any(i.startswith("options-") for i in ids), (name, lang, size)


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_no_chart_text_leaves_its_chart(seen, case):
    for chart in _charts(seen, case):
        outside = [t["text"] for t in chart["texts"] if not _inside(t, chart["box"])]
        assert not outside, f"{chart['id']}: text outside the chart {chart['box']}: {outside}"


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_no_chart_text_overlaps_another(seen, case):
    for chart in _charts(seen, case):
        texts = chart["texts"]
        clashes = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:] if _overlap(a, b)]
        assert not clashes, f"{chart['id']}: overlapping text: {clashes[:5]}"


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_labels_and_values_past_a_bar_never_sit_on_a_bar(seen, case):
    """Dark text on a coloured bar cannot be read: only a value written inside its own bar may be there."""
    for chart in _charts(seen, case):
        bars = [row["bar"] for row in chart["rows"] if row["bar"]["right"] - row["bar"]["left"] > SLACK]
        on_bars = [t["text"] for t in chart["texts"] if not t["inside"] and any(_overlap(t, bar) for bar in bars)]
        assert not on_bars, f"{chart['id']}: text on a bar: {on_bars}"


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_a_value_written_inside_a_bar_fits_in_the_bar(seen, case):
    for chart in _charts(seen, case):
        spilt = [t["text"] for t in chart["texts"] if t["inside"] and not _inside(t, t["bar"])]
        assert not spilt, f"{chart['id']}: values spilling out of their bars: {spilt}"


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_bars_grow_from_the_readers_start_side(seen, case):
    """Arabic: bars from the right, and the first quiz's column on the right; English: the other way round."""
    rtl = case[1] == "ar"
    for chart in _charts(seen, case):
        rows = chart["rows"]
        if chart["kind"] == "bar":
            edge = "right" if rtl else "left"
            assert all(abs(r["bar"][edge] - r["row"][edge]) <= SLACK for r in rows), chart["id"]
        elif len(rows) > 1:
            first, last = rows[0]["bar"], rows[-1]["bar"]
            assert (first["left"] > last["left"]) == rtl, chart["id"]


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_chart_text_is_large_enough_to_read(seen, case):
    for chart in _charts(seen, case):
        small = {t["text"]: t["size"] for t in chart["texts"] if t["size"] < 12}
        assert not small, f"{chart['id']}: text under 12 px: {small}"


@pytest.mark.parametrize("case", [c for c in CASES if c[1] == "ar"], ids=_name)
def test_arabic_charts_write_numbers_in_the_chosen_eastern_digits(seen, case):
    for chart in _charts(seen, case):
        numbers = [t["text"] for t in chart["texts"] if re.search(r"\d", t["text"])]
        assert numbers, chart["id"]
        western = [text for text in numbers if re.search(r"[0-9]", text)]
        assert not western, f"{chart['id']}: Western digits despite the choice of Eastern ones: {western}"


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_chart_pages_do_not_scroll_sideways_even_with_the_tables_open(seen, case):
    scroll_width, inner_width = seen[case]["sideways"]
    assert scroll_width <= inner_width


@pytest.mark.parametrize("case", [c for c in CASES if c[2] == "phone"], ids=_name)
def test_chart_pages_have_no_serious_or_critical_axe_violations(seen, case):
    assert not seen[case]["axe"], "\n".join(seen[case]["axe"])


def test_no_console_errors_or_failed_requests_on_the_chart_pages(seen):
    assert not seen["problems"], "\n".join(seen["problems"])
