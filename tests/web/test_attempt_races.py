"""The answer path under real concurrent requests (gunicorn workers on this test's database, SQLite or
PostgreSQL): a double-click, two tabs or a retry never make a second attempt or count an answer twice, and
"Finish" racing the last answer never acknowledges an answer that the score leaves out."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quiz.authoring.model import SetData, SetOption, SetQuestion
from quiz.extensions import db
from quiz.models import Attempt, Response
from quiz.services import accounts, assignments, classes, question_sets
from tests.live_server import at_once

NOW = dt.datetime.now(dt.timezone.utc)
SET = SetData(title="الحرب على داعش", language="ar", questions=tuple(
    SetQuestion(type="mcq", prompt_ar=f"سؤال {n}", options=tuple(SetOption(f"خيار {n}-{i}") for i in range(4)),
                correct=n % 4)
    for n in range(1, 5)
) + (SetQuestion(type="ordering", prompt_ar="رتّب", options=tuple(SetOption(f"حدث {i}") for i in range(4))),))


def make_class(app, students: int, *, max_attempts: int = 1) -> tuple[int, list[str]]:
    """An open assignment and `students` students; (assignment id, their resume codes)."""
    with app.app_context():
        teacher = accounts.create_user("salma", "teach-history-1", "سلمى", role="teacher")
        classroom = classes.create_class(teacher, "العاشر أ", NOW)
        question_set = question_sets.create_set(teacher, SET, NOW)
        assignment = assignments.create_assignment(classroom, question_set.latest, assignments.AssignmentSettings(
            title="واجب", opens_at=NOW - dt.timedelta(hours=1), closes_at=NOW + dt.timedelta(days=1),
            max_attempts=max_attempts, show_answers="after_submit"), NOW)
        codes = [classes.join_class(classroom.join_code, f"طالب {i}", NOW)[1] for i in range(students)]
        db.session.commit()
        return assignment.id, codes


def logged_in(live_server, code: str):
    browser = live_server.browser()
    response = browser.submit(browser.form("/resume"), code=code)
    assert response.status_code == 302, response.text[:500]
    return browser


def test_ten_tabs_starting_one_assignment_make_one_attempt(app, live_server):
    assignment_id, codes = make_class(app, 3)
    for code in codes:
        browser = logged_in(live_server, code)
        form = browser.form("/", action=f"/assignments/{assignment_id}/start")
        responses = at_once(tab.prepare(form) for tab in [browser.fork() for _ in range(10)])
        assert {r.status_code for r in responses} == {302}
        assert len({r.headers["Location"] for r in responses}) == 1  # every tab is sent to the same attempt
    with app.app_context():
        per_student = db.session.execute(
            db.select(Attempt.user_id, db.func.count()).filter_by(assignment_id=assignment_id).group_by(Attempt.user_id)
        ).all()
    assert sorted(count for _, count in per_student) == [1, 1, 1]
    live_server.assert_no_server_errors()


def test_a_retake_after_the_last_allowed_attempt_is_refused_under_concurrency(app, live_server):
    assignment_id, (code,) = make_class(app, 1, max_attempts=2)
    browser = logged_in(live_server, code)
    form = browser.form("/", action=f"/assignments/{assignment_id}/start")  # kept: tabs opened before
    for round_ in range(3):
        responses = at_once(tab.prepare(form) for tab in [browser.fork() for _ in range(6)])
        started = {r.headers["Location"] for r in responses if "/attempts/" in r.headers.get("Location", "")}
        for url in started:  # finish the attempt at once, so the next round asks for a new one
            browser.submit(browser.form(url, action=f"{url}/finish"))
        if round_ == 2:
            assert not started
    with app.app_context():
        assert db.session.query(Attempt).filter_by(assignment_id=assignment_id).count() == 2
    live_server.assert_no_server_errors()


def answer_form(browser, url: str):
    """The question page's answer form, ready to send: the first option chosen on a multiple-choice question
    (an ordering question's position selects already hold an order)."""
    page = browser.get(url)
    form = browser.form(page, action=f"{url}/answer")
    choices = re.findall(r'name="choice" value="([^"]+)"', page.text)
    return form, ({"choice": choices[0]} if choices else {})


def _attempt_url(browser, assignment_id: int) -> str:
    response = browser.submit(browser.form("/", action=f"/assignments/{assignment_id}/start"))
    assert response.status_code == 302
    return response.headers["Location"]


def test_the_same_answer_sent_from_ten_tabs_counts_once(app, live_server):
    assignment_id, (code,) = make_class(app, 1)
    browser = logged_in(live_server, code)
    url = _attempt_url(browser, assignment_id)
    form, values = answer_form(browser, url)
    responses = at_once(tab.prepare(form, **values) for tab in [browser.fork() for _ in range(10)])
    assert {r.status_code for r in responses} == {302}
    with app.app_context():
        assert db.session.query(Response).count() == 1
    live_server.assert_no_server_errors()


@pytest.mark.parametrize("round_", range(3))
def test_finish_racing_the_last_answer_never_leaves_an_acknowledged_answer_out_of_the_score(app, live_server,
                                                                                            round_):
    assignment_id, (code,) = make_class(app, 1)
    browser = logged_in(live_server, code)
    url = _attempt_url(browser, assignment_id)
    for _ in range(len(SET.questions) - 1):
        form, values = answer_form(browser, url)
        assert browser.submit(form, **values).status_code == 302
    last, values = answer_form(browser, url)
    finish = browser.form(url, action=f"{url}/finish")
    answer_response, finish_response = at_once([browser.fork().prepare(last, **values),
                                                browser.fork().prepare(finish)])
    assert finish_response.status_code == 302
    with app.app_context():
        attempt = db.session.get(Attempt, int(url.rstrip("/").rsplit("/", 1)[1]))
        fractions = [r.points / r.max_points for r in attempt.responses]
        assert attempt.is_finished
        assert attempt.score == pytest.approx(sum(fractions) / len(SET.questions), abs=1e-6)  # stored to 6 places
        if answer_response.status_code == 302:  # taken: it is in the score
            assert len(attempt.responses) == len(SET.questions)
        else:  # refused, with a reason: not stored
            assert answer_response.status_code == 409
            assert len(attempt.responses) == len(SET.questions) - 1
    live_server.assert_no_server_errors()


def test_one_practice_start_form_sent_from_ten_tabs_starts_one_attempt(app, live_server):
    with app.app_context():
        accounts.create_user("sara", "a long password", "سارة")
        db.session.commit()
    browser = live_server.browser()
    assert browser.submit(browser.form("/login"), username="sara", password="a long password").status_code == 302
    form = browser.form("/practice")
    responses = at_once(tab.prepare(form, count="5") for tab in [browser.fork() for _ in range(10)])
    assert {r.status_code for r in responses} == {302}
    assert len({r.headers["Location"] for r in responses}) == 1
    with app.app_context():
        assert db.session.query(Attempt).count() == 1
    live_server.assert_no_server_errors()
