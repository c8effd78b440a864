"""A learner practises alone with JavaScript switched off: ordering with the position selects still works."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.support import PHONE, current_question, screenshot, selected_positions, shown_order

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]


def test_learner_practises_ordering_without_javascript(open_page, live_server, watch):
    page = open_page(PHONE, javascript=False)
    log_in(page, "learner", "chronoquiz-learner")
    page.goto("/practice")
    page.select_option("#count", "5")
    page.check('input[name="kinds"][value="order"]')
    with page.expect_navigation():
        page.locator("main form button.primary").click()
    answered = 0
    while "/result" not in page.url:
        question = current_question(live_server.app, page)
        assert question["type"] == "ordering"
        assert page.locator(".move-up").count() == 0  # no script: no move buttons, no drag
        assert page.locator(".ordering-item select").first.is_visible()
        assert shown_order(page) != question["answer"]
        for position, item in enumerate(question["answer"], start=1):
            page.select_option(f'select[name="pos-{item}"]', str(position))
        assert selected_positions(page) == {item: str(i) for i, item in enumerate(question["answer"], 1)}
        if answered == 0:
            screenshot(page, "question-ordering-no-javascript-phone")
        with page.expect_navigation():
            page.locator("main form button[type=submit].primary").click()
        assert page.locator(".verdict-right").is_visible(), "the feedback page should say: right"
        answered += 1
        with page.expect_navigation():
            page.locator("main .submit-bar a.button").click()
    assert answered == 5
    assert page.locator(".score-big").inner_text().strip() == "100%"
    assert page.locator(".review-list > li").count() == 5
    watch.check()
