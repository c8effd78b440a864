"""On a phone, in Arabic: a student answers a question with several correct answers (checkboxes under a
fieldset and its legend, "tick all that apply") and a true/false one (two big buttons side by side, «صواب»
first), sees the partial score, and no page breaks the Content-Security-Policy (conftest checks every test)."""

from __future__ import annotations

import datetime as dt

import pytest

from quiz.authoring.model import SetData, SetOption, SetQuestion
from quiz.extensions import db
from quiz.models import User
from quiz.services import assignments, classes, question_sets
from tests.browser.support import no_horizontal_scroll, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

CALIPHS = SetQuestion(
    type="multi", prompt_ar="أيّ هؤلاء كانوا خلفاء عباسيين؟", prompt_en="Which of these were Abbasid caliphs?",
    options=(SetOption("هارون الرشيد", "Harun al-Rashid", fraction=0.5), SetOption("معاوية", "Muawiya", fraction=-0.5),
             SetOption("المأمون", "al-Ma'mun", fraction=0.5), SetOption("عبد الملك", "Abd al-Malik", fraction=-0.5)),
    explanation_ar="معاوية وعبد الملك أمويّان.", explanation_en="Muawiya and Abd al-Malik were Umayyads.")
BAGHDAD = SetQuestion(type="truefalse", prompt_ar="سقطت بغداد في أبريل 2003.", prompt_en="Baghdad fell in April 2003.",
                      correct=0, explanation_ar="في 9 أبريل 2003.", explanation_en="On 9 April 2003.")


@pytest.fixture
def attempt_id(live_server) -> int:
    """The demo learner's attempt at an assignment of the two questions, in this order, answers shown at once."""
    with live_server.app.app_context():
        try:
            now = dt.datetime.now(dt.timezone.utc)
            teacher = db.session.execute(db.select(User).filter_by(username="teacher")).scalar_one()
            learner = db.session.execute(db.select(User).filter_by(username="learner")).scalar_one()
            question_set = question_sets.create_set(teacher, SetData("العباسيون", "both", questions=(CALIPHS, BAGHDAD)),
                                                    now)
            classroom = classes.create_class(teacher, "صف الأنواع الجديدة", now)
            classes.join_class(classroom.join_code, "يوسف", now, user=learner)
            assignment = assignments.create_assignment(classroom, question_set.latest, assignments.AssignmentSettings(
                title="الخلفاء", opens_at=now - dt.timedelta(minutes=1), closes_at=now + dt.timedelta(days=1),
                shuffle_questions=False, show_answers="immediately"), now)
            attempt = assignments.start_attempt(learner, assignment, now)
            db.session.commit()
            return attempt.id
        finally:
            db.session.remove()


def test_a_student_answers_both_new_types_on_an_arabic_phone(learner_page, attempt_id):
    page = learner_page
    page.goto(f"/attempts/{attempt_id}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    group = page.locator("fieldset.choices-multi")
    assert group.locator("legend").inner_text().strip() == CALIPHS.prompt_ar
    boxes = group.get_by_role("checkbox")
    assert boxes.count() == 4
    hint_id = group.get_attribute("aria-describedby")
    assert page.locator(f"#{hint_id}").is_visible()
    for label in group.locator("label.choice").all():
        assert label.bounding_box()["height"] >= 44  # a finger's target
    scroll_width, inner_width = no_horizontal_scroll(page)
    assert scroll_width <= inner_width
    screenshot(page, "question-multi-phone")

    group.get_by_text("هارون الرشيد").click()  # a label: the whole row ticks its box
    group.get_by_text("معاوية").click()
    ticked = {label.inner_text().strip() for label in group.locator("label.choice").all()
              if label.get_by_role("checkbox").is_checked()}
    assert ticked == {"هارون الرشيد", "معاوية"}
    page.locator("main form .submit-bar button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".verdict").count() == 1 and "verdict-wrong" in page.locator(".verdict").get_attribute("class")
    assert page.locator(".review-choices .is-key").count() == 2  # which options were right, after answering
    screenshot(page, "feedback-multi-phone", full_page=True)
    page.locator("main a.button, main .submit-bar a, main .submit-bar button").first.click()
    page.wait_for_load_state()

    pair = page.locator("fieldset.choices-truefalse .choice")
    assert [text.strip() for text in pair.all_inner_texts()] == ["صواب", "خطأ"]
    first, second = (pair.nth(0).bounding_box(), pair.nth(1).bounding_box())
    assert abs(first["y"] - second["y"]) < 2 and first["x"] > second["x"]  # side by side, «صواب» on the right
    assert min(first["height"], second["height"]) >= 60
    screenshot(page, "question-truefalse-phone")
    pair.nth(0).click()
    page.locator("main form .submit-bar button[type=submit]").click()
    page.wait_for_load_state()
    assert "verdict-right" in page.locator(".verdict").get_attribute("class")


@pytest.fixture
def empty_set_id(live_server) -> int:
    with live_server.app.app_context():
        try:
            teacher = db.session.execute(db.select(User).filter_by(username="teacher")).scalar_one()
            question_set = question_sets.create_set(teacher, SetData("مجموعة فارغة", "ar"),
                                                    dt.datetime.now(dt.timezone.utc))
            db.session.commit()
            return question_set.id
        finally:
            db.session.remove()


def test_a_teacher_writes_a_several_answer_question_on_a_phone(open_page, empty_set_id):
    from tests.browser.conftest import log_in
    from tests.browser.support import PHONE

    page = open_page(PHONE)
    log_in(page, "teacher", "chronoquiz-teacher")
    page.goto(f"/teach/sets/{empty_set_id}/questions/new/multi")
    scroll_width, inner_width = no_horizontal_scroll(page)
    assert scroll_width <= inner_width
    page.fill("#prompt_ar", "أيّ هؤلاء كانوا خلفاء عباسيين؟")
    for index, name in enumerate(["هارون الرشيد", "معاوية", "المأمون"]):
        page.fill(f"#options-{index}-text_ar", name)
    page.locator("#options-0-right").check()
    page.locator("#options-2-right").check()
    assert not page.locator("#options-0-percent").is_visible()  # "Advanced" stays folded
    screenshot(page, "question-editor-multi-phone", full_page=True)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/teach/sets/{empty_set_id}")
    assert page.locator(".review-choices .is-key").count() == 2

    page.goto(f"/teach/sets/{empty_set_id}/questions/new/truefalse")
    page.fill("#prompt_ar", "سقطت بغداد في أبريل 2003.")
    page.get_by_label("صواب").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/teach/sets/{empty_set_id}")
    assert "صواب" in page.locator(".review-choices .is-key").last.inner_text()
