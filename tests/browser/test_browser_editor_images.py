"""The question editor's pictures in a browser (issue 17, item 4), without JavaScript, in Arabic: on a phone
and a projector-sized screen the teacher chooses a file, describes it, saves; the set page and the editor then
show the picture from our own address (the autouse check fails on any policy violation), and nothing in the
editor scrolls sideways."""

from __future__ import annotations

import datetime as dt

import pytest

from quiz.authoring import SetData, SetOption, SetQuestion
from quiz.extensions import db
from quiz.models import User
from quiz.services import question_sets
from tests.browser.conftest import log_in
from tests.browser.support import PHONE, no_horizontal_scroll, screenshot
from tests.media_files import picture

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

MAP = picture("PNG", (1600, 900), "teal")  # far wider than a phone
PROJECTOR = {"width": 1366, "height": 768}


def _a_set(app) -> int:
    question = SetQuestion(type="mcq", prompt_ar="أين تقع البصرة؟", correct=0,
                           options=(SetOption(text_ar="في الجنوب"), SetOption(text_ar="في الشمال")))
    with app.app_context():
        try:
            teacher = db.session.execute(db.select(User).filter_by(username="teacher")).scalar_one()
            question_set = question_sets.create_set(teacher, SetData(title="خرائط العراق", language="ar",
                                                                     questions=(question,)),
                                                    dt.datetime.now(dt.timezone.utc))
            db.session.commit()
            return question_set.id
        finally:
            db.session.remove()


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("projector", PROJECTOR)])
def test_a_teacher_adds_a_picture_without_javascript(open_page, live_server, size, viewport):
    set_id = _a_set(live_server.app)
    page = open_page(viewport, javascript=False)
    log_in(page, "teacher", "chronoquiz-teacher")
    page.goto(f"/teach/sets/{set_id}/questions/1")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.set_input_files("#image", files=[{"name": "map.png", "mimeType": "image/png", "buffer": MAP}])
    page.fill("#image_alt", "خريطة العراق")
    with page.expect_navigation():
        page.locator("main form button[type=submit].primary").click()
    assert page.url.endswith(f"/teach/sets/{set_id}")
    shown = page.locator("img.q-image").first
    assert shown.get_attribute("alt") == "خريطة العراق"
    assert shown.evaluate("e => e.complete && e.naturalWidth") == 1600

    page.goto(f"/teach/sets/{set_id}/questions/1")
    current = page.locator("figure.current-picture img.q-image")
    assert current.evaluate("e => e.complete && e.naturalWidth") == 1600
    box = current.bounding_box()
    assert box["width"] <= viewport["width"] and box["height"] <= viewport["height"] * 0.55 + 1, box
    assert page.locator("#remove_image").is_visible()
    scroll_width, inner_width = no_horizontal_scroll(page)
    assert scroll_width <= inner_width
    screenshot(page, f"question-editor-picture-{size}")
