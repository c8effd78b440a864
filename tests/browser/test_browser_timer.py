"""A timed assignment in a real browser: the start page before the clock, the countdown running on the question
page, and at zero the browser goes to the time's-up page by itself; without JavaScript, the answer sent too late
gets that page. The demo class's timed assignment is used; its deadline is moved near by hand (the live server
runs on the real clock)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quiz.extensions import db
from quiz.models import Assignment, Attempt, Classroom
from tests.browser.support import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]


@pytest.fixture
def timed(live_server) -> dict:
    with live_server.app.app_context():
        try:
            classroom = db.session.execute(db.select(Classroom).filter_by(name="الصف العاشر - أ")).scalar_one()
            assignment = db.session.execute(db.select(Assignment).filter_by(classroom_id=classroom.id)
                                            .where(Assignment.time_limit_minutes.is_not(None))).scalars().first()
            return {"code": classroom.join_code, "assignment": assignment.id}
        finally:
            db.session.remove()


def _join_and_start(page, timed, name: str) -> int:
    page.goto("/join")
    page.fill("#code", timed["code"])
    page.fill("#display_name", name)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.goto("/")
    with page.expect_navigation():
        page.locator(f'main a[href$="/assignments/{timed["assignment"]}/start"]').click()
    assert page.locator(".start-time-limit").is_visible() and page.locator(".start-questions").is_visible()
    with page.expect_navigation():
        page.locator(f'form[action$="/assignments/{timed["assignment"]}/start"] button').click()
    match = re.search(r"/attempts/(\d+)$", page.url)
    assert match, page.url
    return int(match.group(1))


def _deadline_in(app, attempt_id: int, seconds: float) -> None:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.deadline_at = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=seconds)
        db.session.commit()
        db.session.remove()


def test_the_countdown_reaches_zero_and_says_times_up(open_page, live_server, timed, watch):
    page = open_page(PHONE)
    attempt_id = _join_and_start(page, timed, "رنا من الصف الأول")
    _deadline_in(live_server.app, attempt_id, 3)
    page.reload()
    shown = page.locator(".time-left-value").inner_text()
    page.wait_for_timeout(1200)
    assert page.locator(".time-left-value").inner_text() != shown, "the countdown runs"
    page.wait_for_url(re.compile(rf"/attempts/{attempt_id}/time-up$"), timeout=10_000)
    assert page.locator(".times-up h1").is_visible() and page.locator(".score-big").is_visible()
    watch.check()


def test_without_javascript_a_late_answer_gets_the_times_up_page(open_page, live_server, timed, watch):
    page = open_page(PHONE, javascript=False)
    attempt_id = _join_and_start(page, timed, "سلمى من الصف الأول")
    assert page.locator(".time-left").is_visible()  # written by the server
    _deadline_in(live_server.app, attempt_id, -1)
    choices, positions = page.locator('input[name="choice"]'), page.locator("form.question-form select")
    if choices.count():
        choices.first.check()
    for index in range(positions.count()):  # an ordering question without JavaScript: a position per item
        positions.nth(index).select_option(str(index + 1))
    with watch.allow(409, f"/attempts/{attempt_id}/answer"), page.expect_navigation():
        page.locator("main form.question-form button[type=submit]").click()
    assert page.locator(".times-up h1").is_visible() and page.locator(".score-big").is_visible()
    watch.check()
