"""The timeline as a time axis in a real browser (issue 13), in Arabic and English, on a 390 × 844 phone and a
1366 × 768 projector: the first event shows on arrival, the page never scrolls sideways, every event label is
whole and apart from the others, the keyboard reaches the events with a visible focus, the event page's way
back lands on the event, the years read in the reader's direction, and axe-core finds nothing serious."""

from __future__ import annotations

import pytest

from quiz.services.chronologies import get_chronology
from tests.browser.support import PHONE, choose_prefs, has_visible_focus, screenshot, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

PROJECTOR = {"width": 1366, "height": 768}
SIZES = {"phone": PHONE, "projector": PROJECTOR}
CASES = [(lang, size) for lang in ("ar", "en") for size in SIZES]
BACK = {"ar": "العودة إلى موضعه على الخط الزمني", "en": "Back to its place on the timeline"}


def _ids(case) -> str:
    return "-".join(case)



def _open_timeline(open_page, lang: str, size: str, *, digits: str = "western", path: str = "/timeline"):
    page = open_page(SIZES[size])
    choose_prefs(page, lang=lang, digits=digits)
    page.goto(path)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page


def _middle_event(live_server) -> str:
    with live_server.app.app_context():
        events = get_chronology(live_server.app.config["DEFAULT_CHRONOLOGY"]).events
    return events[len(events) // 2].id


IN_VIEW = """e => { const r = e.getBoundingClientRect();
    return r.top >= -1 && r.bottom <= window.innerHeight + 1 && r.left >= -1 && r.right <= window.innerWidth + 1; }"""
# Not hidden under something else (the sticky era heading): what is drawn at its middle belongs to it.
ON_TOP = """e => { const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20));
    return !!hit && (hit === e || e.contains(hit) || hit.contains(e)); }"""


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_the_first_event_shows_on_arrival_and_the_page_never_scrolls_sideways(open_page, watch, case):
    lang, size = case
    page = _open_timeline(open_page, lang, size)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    assert not page.locator("details.timeline-filters").evaluate("d => d.open"), "the filters start closed"
    first = page.locator(".axis-event").first
    if size == "phone":
        assert first.evaluate(IN_VIEW), "the first event is on the first screen, not below the filters"
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the page scrolls sideways: {width} > {inner}"
    # Opened, the filters fit too.
    page.locator("details.timeline-filters > summary").click()
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the open filters make the page scroll sideways: {width} > {inner}"
    watch.check()


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_event_labels_are_whole_and_never_overlap(open_page, watch, case):
    lang, size = case
    page = _open_timeline(open_page, lang, size)
    problems = page.evaluate("""() => {
        const labels = [...document.querySelectorAll('.axis-event')];
        const boxes = labels.map(e => e.getBoundingClientRect());
        const out = [];
        labels.forEach((e, i) => {
            const r = boxes[i];
            if (r.width < 44 || r.height < 44) out.push(`${e.href}: smaller than 44 px (${r.width}x${r.height})`);
            if (r.left < 0 || r.right > document.documentElement.clientWidth) out.push(`${e.href}: off the screen`);
            for (const part of e.querySelectorAll('span')) {
                if (part.scrollWidth > part.clientWidth + 1 && getComputedStyle(part).display === 'block')
                    out.push(`${e.href}: ${part.className} clipped`);
                const p = part.getBoundingClientRect();
                if (p.right > r.right + 1 || p.left < r.left - 1 || p.bottom > r.bottom + 1)
                    out.push(`${e.href}: ${part.className} sticks out of its label`);
            }
            for (let j = 0; j < i; j++) {
                const o = boxes[j];
                if (r.left < o.right - 1 && o.left < r.right - 1 && r.top < o.bottom - 1 && o.top < r.bottom - 1)
                    out.push(`${e.href} overlaps ${labels[j].href}`);
            }
        });
        return out;
    }""")
    assert not problems, "\n".join(problems[:10])
    watch.check()


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_the_keyboard_reaches_the_events_with_a_visible_focus(open_page, watch, case):
    lang, size = case
    page = _open_timeline(open_page, lang, size)
    events = page.locator(".axis-event")
    invisible = tab_to(page, events.first)
    assert not invisible, f"no visible focus on: {invisible}"
    for index in (1, 2, 3):
        page.keyboard.press("Tab")
        assert events.nth(index).evaluate("e => e === document.activeElement"), "Tab goes on to the next event"
        visible, name = has_visible_focus(page)
        assert visible, f"no visible focus on {name}"
        assert events.nth(index).evaluate(IN_VIEW) and events.nth(index).evaluate(ON_TOP), \
            "the focused event is on screen, not under the era heading"
    # The small script: arrows go along the axis, Home and End to its ends.
    page.keyboard.press("ArrowDown")
    assert events.nth(4).evaluate("e => e === document.activeElement")
    page.keyboard.press("ArrowUp")
    assert events.nth(3).evaluate("e => e === document.activeElement")
    page.keyboard.press("End")
    assert events.last.evaluate("e => e === document.activeElement")
    assert events.last.evaluate(ON_TOP)
    page.keyboard.press("Home")
    assert events.first.evaluate("e => e === document.activeElement")
    watch.check()


def test_tab_reaches_the_events_without_javascript(open_page, watch):
    page = open_page(PHONE, javascript=False)
    page.goto("/timeline")
    events = page.locator(".axis-event")
    assert not tab_to(page, events.first)
    page.keyboard.press("Tab")
    assert events.nth(1).evaluate("e => e === document.activeElement")
    watch.check()


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_the_event_pages_way_back_lands_on_the_event(open_page, watch, live_server, case):
    lang, size = case
    event_id = _middle_event(live_server)
    page = _open_timeline(open_page, lang, size, path=f"/timeline/{event_id}")
    with page.expect_navigation():
        page.get_by_role("link", name=BACK[lang]).click()
    assert page.url.endswith(f"/timeline#event-{event_id}")
    target = page.locator(f"#event-{event_id}")
    page.wait_for_function("id => document.querySelector(':target') === document.getElementById(id)",
                           arg=f"event-{event_id}")
    label = target.locator(".axis-event")
    assert label.evaluate(IN_VIEW) and label.evaluate(ON_TOP), "the event is on screen, not under the era heading"
    assert label.evaluate("e => getComputedStyle(e).boxShadow !== 'none'"), "the event stands out"
    if size == "phone":
        screenshot(page, f"timeline-back-{lang}-phone")
    # The breadcrumb's era: the era alone, on the same event.
    page.goto(f"/timeline/{event_id}")
    page.locator("nav.breadcrumbs a").nth(1).click()
    page.wait_for_load_state()
    assert "?era=" in page.url and page.url.endswith(f"#event-{event_id}")
    assert page.locator("details.timeline-filters").evaluate("d => d.open"), "a filter is on: the filters show it"
    assert page.locator(f"#event-{event_id} .axis-event").evaluate(IN_VIEW)
    watch.check()


@pytest.mark.parametrize("digits", ["western", "eastern"])
def test_era_years_read_from_right_to_left_in_arabic_and_left_to_right_in_english(open_page, watch, digits):
    page = _open_timeline(open_page, "ar", "phone", digits=digits)
    # Where the first and the last year of a range are drawn: the earlier year on the reader's side.
    where = """b => { const text = b.firstChild, n = text.length, range = document.createRange();
        range.setStart(text, 0); range.setEnd(text, 4); const first = range.getBoundingClientRect().left;
        range.setStart(text, n - 4); range.setEnd(text, n); return [first, range.getBoundingClientRect().left]; }"""
    ranges = page.locator(".era-title .year-range")
    assert ranges.count() >= 6
    for index in range(ranges.count()):
        start, end = ranges.nth(index).evaluate(where)
        assert start > end, "in Arabic the first year is on the right"
    expected = "٢٠٠٣" if digits == "eastern" else "2003"
    assert page.locator(".year-tick").first.inner_text() == expected
    choose_prefs(page, lang="en", digits=digits)
    page.goto("/timeline")
    ranges = page.locator(".era-title .year-range")
    for index in range(ranges.count()):
        start, end = ranges.nth(index).evaluate(where)
        assert start < end, "in English the first year is on the left"
    watch.check()


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_no_serious_or_critical_axe_violations_on_the_timeline(open_page, watch, case):
    from axe_playwright_python.sync_playwright import Axe

    lang, size = case
    page = _open_timeline(open_page, lang, size)
    screenshot(page, f"timeline-{lang}-{size}")
    page.locator("details.timeline-filters > summary").click()  # the form too
    violations = Axe().run(page).response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
               for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)
    watch.check()
