"""Fonts, keyboard focus, announced form errors and the timeline screenshots. (Every main screen in both
languages and sizes, with its axe-core audit: test_browser_screens.py.)"""

from __future__ import annotations

import re

import pytest

from tests.browser.support import DESKTOP, PHONE, current_question, has_visible_focus, screenshot, shown_order

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

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
