"""An accommodated student takes a whole timed assignment in Chromium: the teacher gives her double time, two options
per question and read-aloud on the class page; she answers after the others' time limit has passed, sees two
options on every question and the read-aloud button, and gets her full score."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quiz.authoring.model import SetData, SetOption, SetQuestion
from quiz.extensions import db
from quiz.models import Attempt
from quiz.services import accounts, assignments, classes, question_sets
from tests.browser.support import DESKTOP, PHONE, current_question, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only(reason="the browser tests run once, on SQLite")]

YEARS = ("2003", "2011", "2014", "2017")


# Speech synthesis that records what it is asked to say, with the voices the test chooses (headless Chromium has
# none, and a real one would be silent to the test anyway).
FAKE_SPEECH = """
window.__voices = [{lang: "en-US"}, {lang: "ar-SA"}];
window.__spoken = [];
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, "speechSynthesis", {value: {
  getVoices: function () { return window.__voices; },
  speak: function (u) { window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice ? u.voice.lang : null}); },
  cancel: function () {},
  addEventListener: function () {}
}});
"""


class ShiftedClock:
    """The real time plus an offset the test moves: the live server's clock, for this test only."""

    def __init__(self) -> None:
        self.offset = dt.timedelta(0)

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc) + self.offset


@pytest.fixture
def shifted_clock(live_server):
    clock = ShiftedClock()
    live_server.app.config["CLOCK"] = clock
    yield clock
    live_server.app.config.pop("CLOCK", None)


@pytest.fixture
def timed_assignment(live_server):
    """The demo teacher's new class with one student (Mariam), and a 1-minute assignment of three
    multiple-choice questions of four options."""
    now = dt.datetime.now(dt.timezone.utc)
    questions = tuple(SetQuestion(type="mcq", prompt_ar=f"سؤال {n}: متى حدث ذلك؟", prompt_en=f"Question {n}",
                                  options=tuple(SetOption(y, y) for y in YEARS), correct=n)
                      for n in range(3))
    with live_server.app.app_context():
        teacher = accounts.find_user("teacher")
        question_set = question_sets.create_set(teacher, SetData(title="مجموعة التسهيلات", language="both",
                                                                 questions=questions), now)
        classroom = classes.create_class(teacher, "صف التسهيلات", now)
        membership, resume_code = classes.join_class(classroom.join_code, "مريم", now)
        assignment = assignments.create_assignment(classroom, question_set.latest, assignments.AssignmentSettings(
            title="واجب مؤقت", opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(days=1),
            time_limit_minutes=1, max_attempts=1, show_answers="after_submit"), now)
        db.session.commit()
        ids = {"class_id": classroom.id, "membership_id": membership.id, "assignment_id": assignment.id,
               "resume_code": resume_code}
        db.session.remove()
    return ids


def test_an_accommodated_student_takes_a_whole_timed_assignment(open_page, live_server, timed_assignment,
                                                                 shifted_clock, watch):
    # The teacher sets Mariam's accommodations on the class page.
    teacher = open_page(DESKTOP)
    teacher.goto("/login")
    teacher.fill("#username", "teacher")
    teacher.fill("#password", "chronoquiz-teacher")
    with teacher.expect_navigation():
        teacher.locator("main form button[type=submit]").click()
    teacher.goto(f"/teach/classes/{timed_assignment['class_id']}")
    row = teacher.locator(f"#student-{timed_assignment['membership_id']}")
    row.locator("details.accommodation-editor summary").click()
    prefix = f"#acc{timed_assignment['membership_id']}-"
    row.locator(f"{prefix}time_multiplier").fill("2")
    row.locator(f"{prefix}max_options").fill("2")
    row.locator(f"{prefix}read_aloud").check()
    with teacher.expect_navigation():
        row.locator(".accommodation-form button[type=submit]:not([name=clear])").click()
    tags = teacher.locator(f"#student-{timed_assignment['membership_id']} .accommodation-tags .tag")
    assert tags.count() == 3
    teacher.locator(f"#student-{timed_assignment['membership_id']} details.accommodation-editor summary").click()
    screenshot(teacher, "accommodations-class-desktop", full_page=True)

    # Mariam comes back with her personal code and starts, on a device whose speech synthesis the test hears.
    student = open_page(PHONE)
    student.add_init_script(FAKE_SPEECH)
    student.goto("/resume")
    student.fill("#code", timed_assignment["resume_code"])
    with student.expect_navigation():
        student.locator("main form button[type=submit]").click()
    assignment_id = timed_assignment["assignment_id"]
    with student.expect_navigation():  # a timed assignment: its start page first, which states her own limit
        student.locator(f'a[href$="/assignments/{assignment_id}/start"]').click()
    assert student.locator(".start-time-limit").is_visible()  # her limit (read in words: "دقيقتان", two minutes)
    with student.expect_navigation():
        student.locator(f'form[action$="/assignments/{assignment_id}/start"] button').click()
    assert re.search(r"/attempts/\d+$", student.url), student.url
    seconds = int(student.locator("[data-seconds-left]").get_attribute("data-seconds-left"))
    assert 110 <= seconds <= 120  # one minute, doubled

    # Read-aloud: the prompt and both options, in the device's Arabic voice (figures too, on an Arabic page).
    button = student.locator("[data-read-aloud-button]")
    assert button.is_visible()
    button.click()
    spoken = student.evaluate("window.__spoken")
    assert [s["voice"] for s in spoken] == ["ar-SA"] * 3
    assert spoken[0]["text"].startswith("سؤال") and {s["text"] for s in spoken[1:]} <= set(YEARS)
    assert student.locator("[data-read-aloud-status]").inner_text().strip() == ""
    # A device without an Arabic voice: the student is told so, and the figures are still read.
    student.evaluate("window.__voices = [{lang: 'en-US'}]; window.__spoken = []")
    button.click()
    assert [s["text"] for s in student.evaluate("window.__spoken")] == choices_text(student)
    told = student.locator("[data-read-aloud]").get_attribute("data-no-arabic-voice")
    assert told and student.locator("[data-read-aloud-status]").inner_text().strip() == told
    screenshot(student, "accommodations-question-phone", full_page=True)

    answered = 0
    while "/result" not in student.url:
        question = current_question(live_server.app, student)
        choices = student.locator('input[name="choice"]')
        assert choices.count() == 2  # the key and one distractor
        assert question["answer"] in choices.evaluate_all("inputs => inputs.map(i => i.value)")
        student.locator(f'input[name="choice"][value="{question["answer"]}"]').check()
        if answered == 0:
            shifted_clock.offset = dt.timedelta(seconds=75)  # past everyone else's minute, within hers
        with student.expect_navigation():
            student.locator("main form button[type=submit].primary").click()
        answered += 1
    assert answered == 3
    with live_server.app.app_context():
        attempt = db.session.get(Attempt, attempt_id_of_result(student.url))
        assert attempt.score == 1.0 and len(attempt.responses) == 3
        db.session.remove()
    assert "100" in student.locator(".score-big").inner_text()
    watch.check()


def choices_text(page) -> list[str]:
    return [t.strip() for t in page.locator(".choice span").all_inner_texts()]


def attempt_id_of_result(url: str) -> int:
    return int(re.search(r"/attempts/(\d+)/result", url).group(1))

