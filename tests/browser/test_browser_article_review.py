"""On a phone, in Arabic: a teacher pastes an article, selects a passage the extractor missed, adds it as an event
with its exact offsets, and saves the chronology with a quiz made from it (no script in the page itself: the
Content-Security-Policy is watched for every test by the conftest)."""

from __future__ import annotations

import pytest

from quiz.extensions import db
from quiz.models import ChronologyDocument
from tests.browser.conftest import log_in
from tests.browser.support import DESKTOP, PHONE, choose_prefs, no_horizontal_scroll, screenshot
from tests.web.test_articles import ARTICLE, UNREAD

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

MISSED = "خرجت الوحدات من المدن"
REFERENCE = "ولم يعرف أحد ما جرى في تلك الليلة إلا بعد سنوات."  # words the review marks: no candidate reads them

SELECT = """([quote]) => {
    // Select the passage as a finger or a mouse would: a range over the article's text, then the button.
    const span = [...document.querySelectorAll('[data-article] [data-at]')].find(s => s.textContent.includes(quote));
    const text = span.firstChild, at = span.textContent.indexOf(quote);
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + quote.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}"""


def test_select_a_passage_in_arabic_on_a_phone_to_add_an_event(open_page, live_server):
    page = open_page(PHONE)
    log_in(page, "teacher", "chronoquiz-teacher")
    choose_prefs(page, lang="ar")
    page.goto("/teach/articles")
    page.fill("#title", "مقال المتصفح")
    page.fill("#text", ARTICLE)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/review")
    assert page.locator("html").get_attribute("dir") == "rtl"
    scroll_width, inner_width = no_horizontal_scroll(page)
    assert scroll_width <= inner_width, f"the review is {scroll_width} px wide on a {inner_width} px screen"
    screenshot(page, "article-review-phone", full_page=True, max_height=2400)
    rows = page.locator("fieldset.candidate").count()

    page.evaluate(SELECT, [MISSED])
    page.locator("[data-add-selection]").click()
    assert page.locator("#new-quote").input_value() == MISSED
    start = int(page.locator("[data-new-start]").input_value())
    end = int(page.locator("[data-new-end]").input_value())
    assert ARTICLE[start:end] == MISSED  # the exact offsets in the article, not in the page's layout
    assert page.evaluate("document.activeElement.id") == "new-date"
    page.fill("#new-date", "2009-06-30")
    screenshot(page, "article-review-add-phone")
    page.locator("button[name=add]").click()
    page.wait_for_load_state()
    assert page.locator("fieldset.candidate").count() == rows + 1
    assert page.locator(f'input[name="c{rows + 1}-start"]').input_value() == str(start)

    page.locator("button[name=save_quiz]").click()
    page.wait_for_url("**/teach/sets/**")
    page.locator(".ready-to-play button").click()  # the third step, with CSRF on as in production
    page.wait_for_url("**/teach/live/**")
    with live_server.app.app_context():
        try:
            document = db.session.execute(
                db.select(ChronologyDocument).filter_by(title_ar="مقال المتصفح")).scalar_one()
            assert any(e["summary_ar"] == MISSED for e in document.content["chronology"]["events"])
        finally:
            db.session.remove()


def test_a_saved_chronology_is_edited_from_its_article_on_a_laptop(open_page, live_server):
    page = open_page(DESKTOP)
    log_in(page, "teacher", "chronoquiz-teacher")
    choose_prefs(page, lang="en")
    page.goto("/teach/articles")
    page.fill("#title", "Laptop article")
    page.fill("#text", ARTICLE)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/review")
    page.locator("input[name=c2-accept]").uncheck()  # leave one event out, to add it back later from the article
    page.locator("button[name=save]").click()
    page.wait_for_url("**/teach/chronologies/**")
    page.get_by_role("link", name="Edit the events").click()
    page.wait_for_url("**/edit")
    scroll_width, inner_width = no_horizontal_scroll(page)
    assert scroll_width <= inner_width
    rows = page.locator("fieldset.candidate").count()
    page.evaluate(SELECT, ["صادق النواب في بغداد على اتفاقيتين"])
    page.locator("[data-article]").dispatch_event("mouseup")  # a mouse selection opens the form by itself
    assert page.locator("#new-quote").input_value() == "صادق النواب في بغداد على اتفاقيتين"
    page.fill("#new-date", "2008-11-27")
    screenshot(page, "chronology-edit-desktop")
    page.locator("button[name=add]").click()
    page.wait_for_load_state()
    assert page.locator("fieldset.candidate").count() == rows + 1
    page.locator("button[name=save]").click()
    page.wait_for_url("**/teach/chronologies/**")
    assert page.get_by_text("صادق النواب في بغداد على اتفاقيتين").first.is_visible()
    assert page.get_by_role("button", name="Restore this version").count() == 1


def test_three_steps_from_a_pasted_article_to_a_live_quiz(open_page):
    page = open_page(PHONE)
    log_in(page, "teacher", "chronoquiz-teacher")
    choose_prefs(page, lang="ar")
    page.goto("/teach/articles")
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.fill("#text", ARTICLE)
    page.locator("main form button[type=submit]").click()  # 1. paste and submit
    page.wait_for_url("**/review")
    page.locator("button[name=save_quiz]").click()  # 2. save and make a quiz
    page.wait_for_url("**/teach/sets/**")
    page.locator(".ready-to-play button").click()  # 3. play it live
    page.wait_for_url("**/teach/live/**")
    page.locator(".join-code").first.wait_for()  # the lobby: the class joins with this code
    assert len(posts) == 3, posts


def test_a_year_the_extractor_left_unread_is_added_with_one_click_or_enter(open_page):
    page = open_page(PHONE)
    log_in(page, "teacher", "chronoquiz-teacher")
    choose_prefs(page, lang="ar")
    page.goto("/teach/articles")
    text = ARTICLE + UNREAD + "\n" + REFERENCE + "\n"
    page.fill("#text", text)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/review")
    marks = page.locator("[data-article] mark.unread")
    assert marks.count() == 2 and marks.first.get_attribute("role") == "button"
    unread, reference = marks.first, marks.nth(1)
    assert page.locator(".unread-legend").is_visible()
    unread.scroll_into_view_if_needed()
    screenshot(page, "article-review-unread-phone")  # the year underlined, beside the clauses' marks
    rows = page.locator("fieldset.candidate").count()

    unread.click()
    sentence = UNREAD.rstrip(".")  # the sentence around the year, without its full stop
    assert page.locator("#new-quote").input_value() == sentence
    start = int(page.locator("[data-new-start]").input_value())
    end = int(page.locator("[data-new-end]").input_value())
    assert text[start:end] == sentence  # exact offsets in the article
    assert page.locator("#new-date").input_value() == "2004"
    assert page.evaluate("document.activeElement.id") == "new-title_ar"  # what is left to type: a title

    page.fill("#new-date", "")
    unread.focus()
    page.keyboard.press("Enter")  # the keyboard does the same
    assert page.locator("#new-date").input_value() == "2004"
    page.fill("#new-title_ar", "إعادة فتح السفارة الأميركية")
    page.locator("button[name=add]").click()
    page.wait_for_load_state()
    assert page.locator("fieldset.candidate").count() == rows + 1
    assert page.locator(f'input[name="c{rows + 1}-date"]').input_value() == "2004"

    # words that point back to a date: the sentence is filled in, the date is the teacher's to say
    reference.click()  # (a locator: found again on the page the add reloaded)
    assert page.locator("#new-quote").input_value() == REFERENCE.rstrip(".")
    assert page.locator("#new-date").input_value() == ""
    assert page.evaluate("document.activeElement.id") == "new-date"
