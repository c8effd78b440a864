"""A question with a picture (issue 17, item 4), on a 390 × 844 phone in Arabic: the picture loads from our own
address under the page's Content-Security-Policy (the autouse check fails the test on any violation), keeps
inside the screen's width and leaves room for the options; an option that is only a picture shows it too."""

from __future__ import annotations

import datetime as dt

import pytest

from quiz.authoring import SetData, SetOption, SetQuestion
from quiz.authoring.media import Media, sha256_of
from quiz.extensions import db
from quiz.models import User
from quiz.services import assignments, classes, question_sets
from tests.browser.support import PHONE, no_horizontal_scroll, screenshot
from tests.media_files import picture

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

WIDE = picture("PNG", (1600, 900), "teal")  # far wider than a phone
FLAG = picture("JPEG", (120, 80), "red")


@pytest.fixture
def attempt_with_a_picture(live_server) -> int:
    """The demo learner's attempt at a one-question assignment whose question and first option are pictures."""
    app = live_server.app
    now = dt.datetime.now(dt.timezone.utc)
    question = SetQuestion(type="mcq", prompt_ar="أيّ علم رُفع فوق بغداد عام 1921؟", correct=0,
                           image=sha256_of(WIDE), image_alt="خريطة العراق عام 1921",
                           options=(SetOption(image=sha256_of(FLAG), image_alt="علم المملكة العراقية"),
                                    SetOption(text_ar="علم الدولة العثمانية")))
    with app.app_context():
        try:
            teacher = db.session.execute(db.select(User).filter_by(username="teacher")).scalar_one()
            learner = db.session.execute(db.select(User).filter_by(username="learner")).scalar_one()
            question_set = question_sets.create_set(teacher, SetData(
                title="صور من تاريخ العراق", language="ar", questions=(question,),
                media={sha256_of(WIDE): Media("image/png", WIDE), sha256_of(FLAG): Media("image/jpeg", FLAG)}), now)
            classroom = classes.create_class(teacher, "صف الصور", now)
            classes.join_class(classroom.join_code, "يوسف", now, user=learner)
            assignment = assignments.create_assignment(classroom, question_set.latest, assignments.AssignmentSettings(
                title="واجب الصور", opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(days=1)), now)
            attempt = assignments.start_attempt(learner, assignment, now)
            db.session.commit()
            return attempt.id
        finally:
            db.session.remove()


def test_a_question_picture_shows_within_a_phone_screen_in_arabic(learner_page, attempt_with_a_picture):
    page = learner_page
    page.goto(f"/attempts/{attempt_with_a_picture}")
    assert page.locator("html").get_attribute("lang") == "ar"
    prompt_picture = page.locator("img.q-image:not(.q-image-option)")
    prompt_picture.wait_for()
    assert prompt_picture.get_attribute("alt") == "خريطة العراق عام 1921"
    loaded = prompt_picture.evaluate("e => e.complete && e.naturalWidth")
    assert loaded == 1600, "the picture came from /media/… under the page's policy"
    box = prompt_picture.bounding_box()
    assert box["width"] <= PHONE["width"] and box["height"] <= PHONE["height"] * 0.45 + 1, box
    option_picture = page.locator("label.choice img.q-image-option")
    assert option_picture.get_attribute("alt") == "علم المملكة العراقية"
    assert option_picture.evaluate("e => e.complete && e.naturalWidth") == 120
    scroll_width, inner_width = no_horizontal_scroll(page)
    assert scroll_width <= inner_width
    answer = page.locator("main form button[type=submit]").first
    answer.scroll_into_view_if_needed()
    assert answer.is_visible()
    screenshot(page, "question-with-picture-phone")
