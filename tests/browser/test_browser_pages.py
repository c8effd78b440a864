"""Every main page in a 390 px wide browser: right-to-left, no sideways scrolling, an axe-core WCAG audit
with no serious or critical violation, no console error or failed request. Plus fonts, keyboard focus,
announced form errors and the timeline screenshots."""

from __future__ import annotations

import re

import pytest

from quiz.extensions import db
from quiz.models import Assignment, Classroom, QuestionSet
from tests.browser.conftest import log_in
from tests.browser.support import (DESKTOP, PHONE, Watch, current_question, has_visible_focus, screenshot,
                                   shown_order)

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

SERIOUS = {"serious", "critical"}


def _demo_ids(app) -> dict[str, int]:
    with app.app_context():
        try:
            return {"class": db.session.execute(db.select(Classroom.id).filter_by(name="الصف العاشر - أ")).scalar_one(),
                    "set": db.session.execute(db.select(QuestionSet.id).order_by(QuestionSet.id)).scalars().first(),
                    "assignment": db.session.execute(db.select(Assignment.id).order_by(Assignment.id)).scalars()
                    .first()}
        finally:
            db.session.remove()


def _answer_right(app, page) -> str:
    """Answer the question on the page correctly (no matter how: this is not the test of the controls);
    returns its type."""
    question = current_question(app, page)
    if question["type"] == "mcq":
        page.locator(f'input[name="choice"][value="{question["answer"]}"]').check()
    else:
        for position, item in enumerate(question["answer"], start=1):
            page.select_option(f'select[name="pos-{item}"]', str(position))
    with page.expect_navigation():
        page.locator("main form button[type=submit].primary").click()
    return question["type"]


def _main_pages(browser, live_server):
    """Visit every main page at 390 px and yield (name, page) on each, as anonymous visitor, learner, teacher."""
    app = live_server.app
    ids = _demo_ids(app)

    def context():
        return browser.new_context(base_url=live_server.url, viewport=PHONE, locale="ar")

    visitor = context().new_page()
    for name, url in [("home", "/"), ("timeline", "/timeline"), ("practice setup", "/practice"),
                      ("login", "/login"), ("signup", "/signup"), ("join", "/join")]:
        visitor.goto(url)
        yield name, visitor
    visitor.goto("/timeline")
    event = visitor.locator('main a[href^="/timeline/"]').first.get_attribute("href")
    visitor.goto(event)
    yield "event page", visitor
    visitor.context.close()

    learner = context().new_page()
    learner.goto("/signup")
    learner.fill("#username", "axe-learner")
    learner.fill("#display_name", "مريم")
    learner.fill("#password", "a long password")
    learner.fill("#confirm", "a long password")
    with learner.expect_navigation():
        learner.locator("main form button[type=submit]").click()
    seen: set[str] = set()
    for kinds in (["order"], ["when"]):
        learner.goto("/practice")
        learner.select_option("#count", "5")
        for kind in kinds:
            learner.check(f'input[name="kinds"][value="{kind}"]')
        with learner.expect_navigation():
            learner.locator("main form button.primary").click()
        while "/result" not in learner.url:
            kind = current_question(app, learner)["type"]
            if kind not in seen:
                yield f"question ({kind})", learner
            _answer_right(app, learner)
            if kind not in seen:
                yield f"feedback ({kind})", learner
                seen.add(kind)
            with learner.expect_navigation():
                learner.locator("main .submit-bar a.button").click()
        if "result" not in seen:
            yield "result", learner
            seen.add("result")
    learner.context.close()

    teacher = context().new_page()
    log_in(teacher, "teacher", "chronoquiz-teacher")
    for name, url in [("teacher dashboard", "/teach/"), ("class page", f"/teach/classes/{ids['class']}"),
                      ("set page", f"/teach/sets/{ids['set']}"),
                      ("results page", f"/teach/assignments/{ids['assignment']}")]:
        teacher.goto(url)
        yield name, teacher
    teacher.context.close()


@pytest.fixture(scope="module")
def audit(browser, live_server):
    """One walk through the main pages; what each page showed, for the tests below."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    watch = Watch()
    found = {}
    for name, page in _main_pages(browser, live_server):
        if not getattr(page, "_watched", False):
            watch.attach(page)
            page._watched = True
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => true)")
        violations = axe.run(page).response["violations"]
        found[name] = {
            "url": page.url,
            "dir": page.evaluate("document.documentElement.dir"),
            "lang": page.evaluate("document.documentElement.lang"),
            "widths": page.evaluate("""() => [document.documentElement.scrollWidth, window.innerWidth,
                [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().left < -1
                  || e.getBoundingClientRect().right > window.innerWidth + 1)
                  .filter(e => ![...e.querySelectorAll('*')].some(c => c.getBoundingClientRect().right
                    > window.innerWidth + 1 || c.getBoundingClientRect().left < -1))
                  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))]"""),
            "serious": [f"{v['id']} ({v['impact']}): {v['help']} — "
                        + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                                    for n in v["nodes"][:4])
                        for v in violations if v["impact"] in SERIOUS],
            "other": [f"{v['id']} ({v['impact']})" for v in violations if v["impact"] not in SERIOUS],
        }
    found["_problems"] = watch.problems
    return found


MAIN_PAGES = ["home", "timeline", "event page", "practice setup", "question (mcq)", "question (ordering)",
              "feedback (mcq)", "feedback (ordering)", "result", "login", "signup", "join", "teacher dashboard",
              "class page", "set page", "results page"]


def test_every_main_page_was_visited(audit):
    assert sorted(k for k in audit if not k.startswith("_")) == sorted(MAIN_PAGES)


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_no_serious_or_critical_axe_violations(audit, name):
    assert not audit[name]["serious"], (f"axe-core: serious/critical WCAG violations on {name} "
                                        f"({audit[name]['url']}):\n" + "\n".join(audit[name]["serious"]))


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_arabic_page_is_right_to_left_without_sideways_scrolling_at_390px(audit, name):
    assert (audit[name]["lang"], audit[name]["dir"]) == ("ar", "rtl")
    scroll_width, inner_width, widest = audit[name]["widths"]
    assert scroll_width <= inner_width, f"{name}: scrollWidth {scroll_width} > {inner_width}; widest: {widest}"


def test_no_console_errors_or_failed_requests_on_the_main_pages(audit):
    assert not audit["_problems"], "\n".join(audit["_problems"])


def test_the_timeline_screenshots(open_page, watch):
    page = open_page(DESKTOP)
    page.goto("/timeline")
    page.evaluate("document.fonts.ready.then(() => true)")
    screenshot(page, "timeline-desktop", full_page=True)
    page.set_viewport_size(PHONE)
    screenshot(page, "timeline-phone")
    page.goto("/")
    screenshot(page, "home-phone")
    watch.check()


FONT_PROBE = """([text, family]) => {
    // The width of `text` in the page's font stack, and in a font nobody has (so: the fallback, or tofu).
    const c = document.createElement('canvas').getContext('2d');
    const size = '32px ';
    c.font = size + family;
    const real = c.measureText(text).width;
    c.font = size + '"No Such Font 7f3a"';
    const tofu = c.measureText('\\u0378'.repeat([...text].length)).width;  // unassigned: .notdef boxes
    return {real, tofu, fontLoaded: [...document.fonts].some(f => f.family.replace(/"/g, '') === 'Noto Naskh Arabic'
                                                          && f.status === 'loaded')};
}"""


def _platform_fonts(page, selector: str) -> list[dict]:
    """Which fonts Chromium really used to draw an element's text (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return fonts


def test_arabic_and_english_render_with_real_fonts(open_page, watch):
    page = open_page(PHONE)
    page.goto("/")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate("""() => document.fonts.check('16px "Noto Naskh Arabic"', 'عربي')""")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    probe = page.evaluate(FONT_PROBE, ["تسلسل زمني عربي", family])
    assert probe["fontLoaded"], "the shipped Noto Naskh Arabic web font was not loaded"
    assert abs(probe["real"] - probe["tofu"]) > 1, f"Arabic text measures like missing glyphs: {probe}"
    fonts = _platform_fonts(page, "main h1")
    assert any(f["familyName"] == "Noto Naskh Arabic" and f["isCustomFont"] for f in fonts), fonts
    assert all(f["glyphCount"] > 0 for f in fonts), fonts

    page.locator(".site-menu > summary").click()  # on a phone the language is in the menu
    with page.expect_navigation():
        page.locator(".lang-switch button").click()
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    probe = page.evaluate(FONT_PROBE, ["Chronology of events", family])
    assert abs(probe["real"] - probe["tofu"]) > 1, f"English text measures like missing glyphs: {probe}"
    fonts = _platform_fonts(page, "main h1")
    assert fonts and all(f["glyphCount"] > 0 for f in fonts), fonts
    page.locator(".site-menu > summary").click()
    fonts = _platform_fonts(page, ".lang-switch button")  # «العربية» on an English page: drawn, not tofu
    assert fonts and all(f["glyphCount"] > 0 for f in fonts), fonts
    watch.check()


def test_arabic_words_on_english_pages_use_the_shipped_font(open_page, watch):
    page = open_page(PHONE)
    page.goto("/")
    page.locator(".site-menu > summary").click()
    with page.expect_navigation():
        page.locator(".lang-switch button").click()
    page.locator(".site-menu > summary").click()
    page.evaluate("document.fonts.ready.then(() => true)")
    fonts = _platform_fonts(page, ".lang-switch button")
    assert [f["familyName"] for f in fonts] == ["Noto Naskh Arabic"], fonts
    watch.check()


def _focus_walk(page, presses: int = 80) -> list[str]:
    """Tab through the whole page; the focused elements without a visible focus indicator."""
    invisible, seen = [], []
    for _ in range(presses):
        page.keyboard.press("Tab")
        visible, name = has_visible_focus(page)
        if name == "nothing focused":
            continue
        if seen and name == seen[0] and len(seen) > 3:
            break  # back at the start
        seen.append(name)
        if not visible:
            invisible.append(name)
    return invisible


def test_question_pages_show_keyboard_focus_on_every_control(learner_page, live_server, watch):
    page = learner_page
    for kind in ("order", "when"):
        page.goto("/practice")
        page.select_option("#count", "5")
        page.check(f'input[name="kinds"][value="{kind}"]')
        with page.expect_navigation():
            page.locator("main form button.primary").click()
        question = current_question(live_server.app, page)
        assert question["type"] == ("ordering" if kind == "order" else "mcq")
        invisible = _focus_walk(page)
        assert not invisible, f"{question['type']} page: focused without a visible indicator: {invisible}"
        if question["type"] == "ordering":
            first = shown_order(page)[0]
            page.locator(f'.ordering-item[data-item="{first}"] .move-down').focus()
            page.keyboard.press("Enter")
            assert shown_order(page)[1] == first
            assert page.evaluate("document.activeElement.closest('.ordering-item').dataset.item") == first
            assert has_visible_focus(page)[0]
    watch.check()


def test_an_invalid_join_is_announced_and_tied_to_its_field(open_page, watch):
    page = open_page(PHONE)
    page.goto("/join")
    page.fill("#code", "QQQQQQ")
    page.fill("#display_name", "عمر")
    with watch.allow(422, "/join"), page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    alert = page.locator('main [role="alert"], main [aria-live]').filter(has_text=re.compile(r"\S"))
    assert alert.count() >= 1
    field_error = page.locator("#code-error")
    assert field_error.get_attribute("role") == "alert"
    assert field_error.inner_text().strip() and field_error.is_visible()
    code = page.locator("#code")
    assert code.get_attribute("aria-invalid") == "true"
    assert "code-error" in (code.get_attribute("aria-describedby") or "").split()
    watch.check()


def test_the_page_icon_exists(open_page):
    """Chromium asks for an icon once per browser (the 404 is remembered), so ask the way it would."""
    page = open_page(PHONE)
    page.goto("/")
    icons = page.locator('link[rel~="icon"]').evaluate_all("links => links.map(l => l.href)")
    for href in icons or [f"{page.url.rstrip('/')}/favicon.ico"]:
        if not href.startswith("data:"):
            assert page.request.get(href).status < 400, href
