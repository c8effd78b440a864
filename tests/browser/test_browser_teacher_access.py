"""A learner who opens the teachers' pages on a phone is told they are for teachers and asks for access from that
page; a teacher on a laptop sees the request on the dashboard and approves it; the learner's next page is the
teacher dashboard. Each screen: no sideways scrolling, an axe-core audit with no serious or critical violation,
a screenshot (build/screenshots)."""

from __future__ import annotations

import secrets

import pytest

from tests.browser.conftest import log_in
from tests.browser.support import DESKTOP, PHONE, no_horizontal_scroll, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

SERIOUS = {"serious", "critical"}


def audit(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v["impact"] in SERIOUS]


def check_screen(page, name: str) -> None:
    width, viewport = no_horizontal_scroll(page)
    assert width <= viewport, f"{name}: scrolls sideways ({width} > {viewport})"
    assert audit(page) == [], name
    screenshot(page, name, full_page=True)


def test_a_learner_asks_for_teacher_access_from_a_teacher_page_and_a_teacher_approves(open_page, watch):
    learner = open_page(PHONE)
    username = f"amal-{secrets.token_hex(3)}"  # the browser tests share one database
    learner.goto("/signup")
    assert learner.locator('main a[href="/become-a-teacher"]').count() == 1
    learner.fill("#username", username)
    learner.fill("#display_name", "أمل")
    learner.fill("#password", "a long password")
    learner.fill("#confirm", "a long password")
    learner.locator("main form button[type=submit]").click()
    learner.wait_for_load_state()

    with watch.allow(403, "/teach/"):
        learner.goto("/teach/")
        assert learner.locator("[data-teachers-only=learner]").is_visible()
        check_screen(learner, "teacher-access-403-phone")
        learner.fill("#message", "أدرّس التاريخ للصف العاشر")
        learner.locator("main form button[type=submit]").click()
        learner.wait_for_load_state()
    assert learner.locator("[data-request-state=pending]").is_visible()
    check_screen(learner, "teacher-access-request-phone")

    teacher = open_page(DESKTOP)
    log_in(teacher, "teacher", "chronoquiz-teacher")
    teacher.goto("/teach/")
    teacher.locator("[data-requests-waiting]").click()
    card = teacher.locator("[data-request-id]", has_text="أدرّس التاريخ للصف العاشر")
    assert card.is_visible()
    check_screen(teacher, "teacher-access-requests-desktop")
    card.locator("[data-decision=approve]").click()
    teacher.wait_for_load_state()
    assert teacher.locator("[data-request-id]", has_text="أدرّس التاريخ للصف العاشر").count() == 0

    learner.goto("/teach/")
    assert learner.locator("main h1").is_visible() and "/teach/" in learner.url
    assert learner.locator('header a[href="/teach/"]').count() == 1
    watch.check()
