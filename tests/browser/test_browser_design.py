"""The design language in a real browser: a compact header on a phone, big tap targets and the progress always in
sight on a question, a feedback page whose "next" bar never hides the explanation, projector mode in big type,
no request to any other host, and axe-core clean in Arabic and English, light and dark."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from quiz.extensions import db
from quiz.models import Assignment, Classroom
from tests.browser.conftest import log_in
from tests.browser.support import DESKTOP, PHONE, current_question, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

LAPTOP = {"width": 1366, "height": 768}
FULL_HD = {"width": 1920, "height": 1080}
SERIOUS = {"serious", "critical"}

BOX = ("e => { const r = e.getBoundingClientRect();"
       " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; }")


def box(locator) -> dict:
    return locator.evaluate(BOX)


def font_px(locator) -> float:
    return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def start_practice(page, kind: str, count: str = "5") -> None:
    page.goto("/practice")
    page.select_option("#count", count)
    page.check(f'input[name="kinds"][value="{kind}"]')
    with page.expect_navigation():
        page.locator("main form button.primary").click()


def answer_wrong(app, page) -> None:
    """Answer the question on the page wrongly, to see a feedback page with every part (verdict, key, text)."""
    question = current_question(app, page)
    if question["type"] == "mcq":
        wrong = next(v for v in page.locator('input[name="choice"]').evaluate_all("es => es.map(e => e.value)")
                     if v != question["answer"])
        page.locator(f'input[name="choice"][value="{wrong}"]').check()
    with page.expect_navigation():
        page.locator("main form button[type=submit].primary").click()


# -- the header --------------------------------------------------------------------------------------------


def test_on_a_phone_the_header_is_one_slim_row_with_a_menu(learner_page, live_server, watch):
    page = learner_page
    start_practice(page, "when")
    header = page.locator(".site-header")
    for name in ("question", "feedback"):
        height = box(header)["height"]
        assert height <= 0.1 * PHONE["height"], f"{name} page: the header is {height} px of {PHONE['height']}"
        assert not page.locator(".nav-list").is_visible(), "the menu starts closed"
        assert page.locator(".quiz-progress").is_visible()
        if name == "question":
            screenshot(page, "design-question-mcq-phone")
            answer_wrong(live_server.app, page)
    page.locator(".site-menu > summary").click()
    for locator in (page.locator(".nav-list a").first, page.locator(".lang-switch button"),
                    page.locator(".prefs-menu > summary")):
        assert locator.is_visible()
    page.locator(".prefs-menu > summary").click()
    assert page.locator("#pref-projector").is_visible()
    screenshot(page, "design-menu-open-phone")
    watch.check()


def test_on_a_desktop_the_whole_menu_shows_in_the_header(open_page, watch):
    page = open_page(DESKTOP)
    page.goto("/")
    assert not page.locator(".site-menu > summary").is_visible()
    for locator in (page.locator(".nav-list a").first, page.locator(".nav-list a").last,
                    page.locator(".lang-switch button"), page.locator(".account-links a").first):
        assert locator.is_visible()
    assert box(page.locator(".site-header"))["height"] <= 0.15 * DESKTOP["height"]
    screenshot(page, "design-home-desktop")
    watch.check()


# -- question pages ----------------------------------------------------------------------------------------


def test_the_options_are_big_full_width_tap_targets(learner_page, live_server, watch):
    page = learner_page
    start_practice(page, "when")
    form_width = box(page.locator("main form.question-form"))["width"]
    choices = page.locator(".choice")
    assert choices.count() >= 2
    for index in range(choices.count()):
        shown = box(choices.nth(index))
        assert shown["height"] >= 56, f"option {index + 1} is {shown['height']} px tall"
        assert shown["width"] >= 0.85 * form_width, f"option {index + 1} is not full width"
    answer = box(page.locator("main form .submit-bar button[type=submit]"))
    assert answer["height"] >= 56 and answer["width"] >= 0.85 * form_width
    assert answer["bottom"] <= PHONE["height"], "the answer button is on screen, where the thumb is"

    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    progress = box(page.locator(".quiz-progress"))
    assert 0 <= progress["top"] and progress["bottom"] <= PHONE["height"], "the progress stays in sight"
    assert re.search(r"\d+", page.locator(".quiz-progress p").inner_text())

    start_practice(page, "order")
    items = page.locator(".ordering-item")
    for index in range(items.count()):
        shown = box(items.nth(index))
        assert shown["height"] >= 56 and shown["width"] >= 0.85 * form_width, f"card {index + 1}: {shown}"
        for button in ("move-up", "move-down"):
            moved = box(items.nth(index).locator(f".{button}"))
            assert moved["height"] >= 44 and moved["width"] >= 44, f"card {index + 1}'s {button}: {moved}"
    screenshot(page, "design-question-ordering-phone")
    watch.check()


def test_the_start_screen_invites_and_the_score_screen_celebrates(learner_page, live_server, watch):
    page = learner_page
    page.goto("/practice")
    start = page.locator("main form button.primary")
    assert box(start)["height"] >= 56
    chips = page.locator(".era-chips li")
    colours = {chips.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(chips.count())}
    assert len(colours) >= min(chips.count(), 6), "each era has its colour"
    screenshot(page, "design-setup-phone", full_page=True)
    start_practice(page, "when")
    while "/result" not in page.url:
        answer_wrong(live_server.app, page)
        with page.expect_navigation():
            page.locator("main .submit-bar a.button").click()
    assert page.locator(".score-card .score-big").is_visible()
    screenshot(page, "design-result-phone")
    watch.check()


@pytest.fixture
def demo(live_server) -> dict:
    with live_server.app.app_context():
        try:
            classroom = db.session.execute(db.select(Classroom).filter_by(name="الصف العاشر - أ")).scalar_one()
            assignment = db.session.execute(db.select(Assignment).filter_by(classroom_id=classroom.id)).scalars()
            return {"class": classroom.id, "code": classroom.join_code, "assignment": next(assignment).id}
        finally:
            db.session.remove()


def test_the_time_left_stays_in_sight_on_a_timed_assignment(open_page, demo, watch):
    page = open_page(PHONE)
    page.goto("/join")
    page.fill("#code", demo["code"])
    page.fill("#display_name", "هالة من الصف الخلفي")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    with page.expect_navigation():
        page.locator("main a.button.primary").click()
    with page.expect_navigation():  # a timed assignment: its start page first, then Start
        page.locator(f'main a[href$="/assignments/{demo["assignment"]}/start"]').click()
    with page.expect_navigation():
        page.locator(f'form[action$="/assignments/{demo["assignment"]}/start"] button').click()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    for selector in (".time-left", ".quiz-progress"):
        shown = box(page.locator(selector))
        assert 0 <= shown["top"] and shown["bottom"] <= PHONE["height"], f"{selector} scrolled out of sight"
    assert box(page.locator(".site-header"))["height"] <= 0.1 * PHONE["height"]
    screenshot(page, "design-question-timed-phone")
    watch.check()


LAST_LINE = """e => {
    // The last line box of the element's text, as drawn.
    const range = document.createRange();
    range.selectNodeContents(e);
    const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    const r = rects[rects.length - 1];
    return {top: r.top, bottom: r.bottom};
}"""


@pytest.mark.parametrize("kind", ["when", "order"])
def test_the_next_bar_never_covers_the_explanation(learner_page, live_server, watch, kind):
    page = learner_page
    start_practice(page, kind)
    answer_wrong(live_server.app, page)
    assert page.locator(".explanation p").count() >= 1, "this feedback has an explanation"
    bar = page.locator("main .submit-bar")
    last_line = page.locator(".explanation p").last
    screenshot(page, f"design-feedback-{kind}-phone")
    verdict = box(page.locator(".verdict"))
    assert verdict["top"] >= 0 and verdict["bottom"] <= PHONE["height"], "on arrival the verdict is in sight"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    line, shown_bar = last_line.evaluate(LAST_LINE), box(bar)
    assert line["bottom"] <= shown_bar["top"], f"at the bottom, the last line {line} is under the bar {shown_bar}"
    assert line["top"] >= box(page.locator(".quiz-status"))["bottom"], "nor under the progress"
    # Read line by line: scrolled so that the last line is just above the screen's bottom edge, the bar must
    # not hide it either (the old sticky bar did, with the scroll anywhere short of the very end).
    page.evaluate("y => window.scrollBy(0, y)", line["bottom"] - PHONE["height"] + 2)
    line, shown_bar = last_line.evaluate(LAST_LINE), box(bar)
    if line["bottom"] <= PHONE["height"]:
        assert line["bottom"] <= shown_bar["top"] or line["top"] >= shown_bar["bottom"], (line, shown_bar)
    for selector in (".verdict", ".verdict > span[aria-hidden]"):
        assert page.locator(selector).first.is_visible()
    assert page.locator(".verdict").inner_text().strip(), "the verdict has a word, not only a colour"
    watch.check()


# -- projector mode ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [LAPTOP, FULL_HD], ids=["1366x768", "1920x1080"])
def test_projector_mode_puts_questions_and_results_in_big_type(open_page, live_server, demo, viewport, watch):
    page = open_page(viewport)
    log_in(page, "teacher", "chronoquiz-teacher")
    page.goto("/practice?projector=1")
    assert "projector-mode" in page.evaluate("document.documentElement.className")
    page.select_option("#count", "5")
    page.check('input[name="kinds"][value="when"]')
    with page.expect_navigation():
        page.locator("main form button.primary").click()
    page.evaluate("document.fonts.ready.then(() => true)")
    assert "projector-mode" in page.evaluate("document.documentElement.className"), "remembered from page to page"
    assert font_px(page.locator(".question-prompt")) >= 32
    for index in range(page.locator(".choice").count()):
        assert font_px(page.locator(".choice").nth(index)) >= 24
    last = box(page.locator(".choice").last)
    assert last["bottom"] <= viewport["height"], "every option above the fold"
    screenshot(page, f"design-projector-question-{viewport['width']}")

    page.goto(f"/teach/assignments/{demo['assignment']}")
    assert font_px(page.locator("main h1")) >= 32
    assert font_px(page.locator(".results-table td").first) >= 24
    screenshot(page, f"design-projector-results-{viewport['width']}")

    page.goto(f"/teach/classes/{demo['class']}/projector")
    assert font_px(page.locator(".projector-code")) >= 96, "the join code is huge"
    qr = box(page.locator(".projector-qr svg"))
    assert qr["bottom"] <= viewport["height"] and qr["height"] >= viewport["height"] / 2

    page.goto(f"/teach/assignments/{demo['assignment']}?projector=0")
    assert "projector-mode" not in page.evaluate("document.documentElement.className")
    assert font_px(page.locator(".results-table td").first) < 24
    watch.check()


def test_the_display_menu_turns_projector_mode_on_and_off(open_page, watch):
    page = open_page(DESKTOP)
    page.goto("/timeline")
    page.locator(".prefs-menu > summary").click()
    page.select_option("#pref-projector", "1")
    with page.expect_navigation():
        page.locator(".display-prefs button[type=submit]").click()
    assert urlsplit(page.url).path == "/timeline"
    assert page.evaluate("document.documentElement.className") == "projector-mode"
    page.locator(".site-menu > summary").click()
    page.locator(".prefs-menu > summary").click()
    page.select_option("#pref-projector", "0")
    with page.expect_navigation():
        page.locator(".display-prefs button[type=submit]").click()
    assert page.evaluate("document.documentElement.className") == ""
    watch.check()


# -- light pages, no other host ------------------------------------------------------------------------------


def test_no_request_leaves_the_apps_host(open_page, live_server, demo, watch):
    """Every request of a learner's and a teacher's main pages goes to the app itself: no CDN, no web font."""
    app_host = urlsplit(live_server.url).netloc
    elsewhere: list[str] = []
    seen: list[str] = []
    page = open_page(PHONE)

    def record(request):
        seen.append(request.url)
        host = urlsplit(request.url).netloc
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host != app_host:
            elsewhere.append(request.url)

    page.context.on("request", record)
    log_in(page, "teacher", "chronoquiz-teacher")
    for url in ("/", "/timeline", "/practice", f"/teach/assignments/{demo['assignment']}",
                f"/teach/classes/{demo['class']}/projector", "/progress"):
        page.goto(url)
        page.wait_for_load_state("load")
    start_practice(page, "order")
    page.wait_for_load_state("load")
    answer_wrong(live_server.app, page)
    page.wait_for_load_state("load")
    assert any(url.endswith(".woff2") for url in seen), "the shipped font was asked for (so requests were seen)"
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
    watch.check()


# -- accessibility in both languages and both colour schemes ---------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_question_feedback_and_projector_pages_pass_axe(browser, live_server, demo, lang, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="ar", color_scheme=scheme)
    page = context.new_page()
    try:
        log_in(page, "teacher", "chronoquiz-teacher")
        if lang == "en":
            page.locator(".site-menu > summary").click()
            with page.expect_navigation():
                page.locator(".lang-switch button").click()
        assert page.evaluate("document.documentElement.lang") == lang
        found: dict[str, list[str]] = {}

        def audit(name: str) -> None:
            page.wait_for_load_state("load")
            violations = Axe().run(page).response["violations"]
            found[name] = [f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
                           for v in violations if v["impact"] in SERIOUS]

        page.goto("/practice")
        audit("setup")
        start_practice(page, "when")
        page.locator(".choice").first.click()
        page.locator(".site-menu > summary").click()
        page.locator(".prefs-menu > summary").click()
        audit("question, menu open")
        page.locator(".site-menu > summary").click()
        with page.expect_navigation():
            page.locator("main form button[type=submit].primary").click()
        audit("feedback")
        screenshot(page, f"design-feedback-{lang}-{scheme}-phone")
        page.goto(f"/teach/classes/{demo['class']}/projector")
        audit("projector")
        page.goto(f"/teach/assignments/{demo['assignment']}?projector=1")
        audit("results, projector mode")
        if lang == "ar" and scheme == "light":
            screenshot(page, "design-projector-results-phone")
        bad = {name: problems for name, problems in found.items() if problems}
        assert not bad, f"axe-core, {lang}/{scheme}: {bad}"
    finally:
        context.close()
