"""Timed work that is fair: the rules before the clock, the clock in sight on every page, a clear "time's up".

The clock is the injected one (tests/web/helpers.Clock); the school is in its configured zone (Asia/Baghdad,
UTC+3), so the times a teacher types are the school's and the pages show them back in it.
"""

from __future__ import annotations

import datetime as dt
import re

from quiz.extensions import db
from quiz.models import Attempt
from tests.web.helpers import answer_data, page, question_form
from tests.web.test_teach import assign, create_class, create_set, join


def _english(client, digits="western"):
    client.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": digits})


def _timed(app, teacher, clock, **overrides):
    """A class with a two-question set, a ten-minute assignment, and Laila in the class reading English."""
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock,
                           **{"time_limit_minutes": "10", **overrides})
    student, _ = join(app, code, "ليلى")
    _english(student)
    return assignment_id, student


def _attempts(app) -> list[Attempt]:
    """Every attempt, with its responses loaded (read after the app context ends)."""
    with app.app_context():
        attempts = list(db.session.execute(db.select(Attempt).order_by(Attempt.id)).scalars())
        for attempt in attempts:
            attempt.responses  # noqa: B018 (loaded now, while the session is open)
        return attempts


def _start(student, assignment_id, number="1"):
    """Press Start on the start page (as its form sends it)."""
    return student.post(f"/assignments/{assignment_id}/start", data={"attempt_number": number})


def _seconds_left(html: str) -> int:
    return int(re.search(r'data-seconds-left="(\d+)"', html).group(1))


# -- before the clock -------------------------------------------------------------------------------------


def test_the_start_page_states_the_rules_before_any_clock_runs(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock, max_attempts="2")
    home = page(student.get("/"))
    # Home offers the start page, not a button that starts the clock.
    assert f'href="/assignments/{assignment_id}/start"' in home
    assert f'action="/assignments/{assignment_id}/start"' not in home

    html = page(student.get(f"/assignments/{assignment_id}/start"))
    assert "time limit 10 minutes" in html
    assert "2 questions" in html
    assert "Attempts left: 2 of 2" in html
    # Typed by the teacher as 09:00 on 3 March, the school's time; stored as 06:00 UTC; shown as typed.
    assert "closes 3 March 2026, 09:00" in html and "Asia/Baghdad" in html
    assert 'name="attempt_number" value="1"' in html and 'name="csrf_token"' in html
    clock.advance(minutes=30)  # reading the page for a while costs nothing
    assert _attempts(app) == []


def test_the_start_page_in_arabic_with_eastern_digits(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock)
    student.post("/prefs/", data={"lang": "ar", "month_style": "levantine", "digits": "eastern"})
    html = page(student.get(f"/assignments/{assignment_id}/start"))
    assert "١٠" in html and "ابدأ" in html


def test_a_start_that_did_not_come_from_the_start_page_leads_there(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock)
    response = student.post(f"/assignments/{assignment_id}/start")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/assignments/{assignment_id}/start"
    assert _attempts(app) == []


def test_start_starts_the_clock_once_on_a_double_click_or_in_two_tabs(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock, max_attempts="2")
    first = _start(student, assignment_id)
    clock.advance(seconds=1)
    second = _start(student, assignment_id)  # the double click, or the second tab's page
    assert first.headers["Location"] == second.headers["Location"]
    (attempt,) = _attempts(app)
    assert attempt.deadline_at.replace(tzinfo=dt.timezone.utc) == clock.now - dt.timedelta(seconds=1) + \
        dt.timedelta(minutes=10)
    # Once it is started, the start page leads to it: the clock is not started again.
    assert student.get(f"/assignments/{assignment_id}/start").headers["Location"] == f"/attempts/{attempt.id}"


def test_a_stale_tab_does_not_start_the_next_attempt(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock, max_attempts="2")
    url = _start(student, assignment_id).headers["Location"]
    student.post(f"{url}/finish")
    # The other tab still shows the page for attempt 1: pressing Start there finds attempt 1, finished.
    assert _start(student, assignment_id).headers["Location"] == url
    assert len(_attempts(app)) == 1
    assert 'name="attempt_number" value="2"' in page(student.get(f"/assignments/{assignment_id}/start"))
    assert _start(student, assignment_id, "2").headers["Location"] != url
    assert len(_attempts(app)) == 2


def test_the_start_page_says_why_it_cannot_start(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock)
    url = _start(student, assignment_id).headers["Location"]
    student.post(f"{url}/finish")
    html = page(student.get(f"/assignments/{assignment_id}/start"))
    assert "You have used all your attempts." in html and 'name="attempt_number"' not in html
    clock.advance(days=3)
    assert "This assignment is closed." in page(student.get(f"/assignments/{assignment_id}/start"))


def test_the_start_page_warns_when_the_closing_time_cuts_the_limit(app, teacher, clock):
    opens = (clock.now + dt.timedelta(hours=3)).replace(tzinfo=None)  # the school's time: open now
    assignment_id, student = _timed(app, teacher, clock, opens_at=opens.strftime("%Y-%m-%dT%H:%M"),
                                    closes_at=(opens + dt.timedelta(minutes=4)).strftime("%Y-%m-%dT%H:%M"))
    assert "you will have 4 minutes" in page(student.get(f"/assignments/{assignment_id}/start"))


def test_only_the_class_sees_the_start_page(app, teacher, clock):
    assignment_id, _student = _timed(app, teacher, clock)
    stranger = app.test_client()
    assert stranger.get(f"/assignments/{assignment_id}/start").status_code == 302  # to the personal code
    _other_class, other_code = create_class(teacher, "صف آخر")
    outsider, _ = join(app, other_code, "سمير")
    assert outsider.get(f"/assignments/{assignment_id}/start").status_code == 404
    assert _start(outsider, assignment_id).status_code == 404
    assert _attempts(app) == []


def test_an_untimed_assignment_starts_from_home_as_before(app, teacher, clock):
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock)
    student, _ = join(app, code, "ليلى")
    _english(student)
    assert f'action="/assignments/{assignment_id}/start"' in page(student.get("/"))
    assert student.post(f"/assignments/{assignment_id}/start").headers["Location"].startswith("/attempts/")


def test_an_untimed_assignments_start_page_has_no_time_limit(app, teacher, clock):
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock)
    student, _ = join(app, code, "ليلى")
    _english(student)
    html = page(student.get(f"/assignments/{assignment_id}/start"))
    assert "time limit" not in html and "clock" not in html and "2 questions" in html
    assert 'name="attempt_number" value="1"' in html


def test_an_untimed_attempt_shows_no_clock_until_the_assignment_closes_within_the_hour(app, teacher, clock):
    """No countdown of days on an untimed assignment (a look at the pages found «175:22:40»); in the last hour
    before the assignment closes, the clock counts down to the close."""
    class_id, code = create_class(teacher)
    assignment_id = assign(teacher, class_id, create_set(teacher), clock)
    student, _ = join(app, code, "ليلى")
    url = student.post(f"/assignments/{assignment_id}/start").headers["Location"]
    assert "data-seconds-left" not in page(student.get(url))
    with app.app_context():
        closes = db.session.get(Attempt, int(url.rsplit("/", 1)[1])).deadline_at
    clock.now = closes.replace(tzinfo=dt.timezone.utc) - dt.timedelta(minutes=30)
    assert _seconds_left(page(student.get(url))) == 30 * 60


# -- while the clock runs ---------------------------------------------------------------------------------


def test_the_time_left_shows_on_question_and_feedback_pages(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock, show_answers="immediately")
    url = _start(student, assignment_id).headers["Location"]
    question = page(student.get(url))
    assert _seconds_left(question) == 600
    assert "Time left:" in question and "10:00" in question  # readable without JavaScript
    assert f'data-times-up-url="{url}/time-up"' in question and "js/timer.js" in question

    clock.advance(minutes=2, seconds=5)
    feedback_url = student.post(f"{url}/answer", data=answer_data(question_form(question))).headers["Location"]
    assert "?feedback=" in feedback_url
    feedback = page(student.get(feedback_url))
    assert _seconds_left(feedback) == 475 and "7:55" in feedback and "js/timer.js" in feedback

    # After the last answer the clock has stopped: no timer on the last feedback page.
    last = page(student.get(url))
    done_url = student.post(f"{url}/answer", data=answer_data(question_form(last))).headers["Location"]
    assert "data-seconds-left" not in page(student.get(done_url))


def test_the_time_left_in_eastern_digits(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock)
    url = _start(student, assignment_id).headers["Location"]
    student.post("/prefs/", data={"lang": "ar", "month_style": "levantine", "digits": "eastern"})
    assert "١٠:٠٠" in page(student.get(url))


# -- at zero ----------------------------------------------------------------------------------------------


def _one_answer_then_late(app, teacher, clock, **overrides):
    assignment_id, student = _timed(app, teacher, clock, **overrides)
    url = _start(student, assignment_id).headers["Location"]
    first = question_form(page(student.get(url)))
    student.post(f"{url}/answer", data=answer_data(first))
    second = question_form(page(student.get(url)))
    clock.advance(minutes=10)
    return student, url, second


def test_an_answer_after_the_deadline_gets_the_times_up_page(app, teacher, clock):
    student, url, late = _one_answer_then_late(app, teacher, clock)  # review policy: after submitting
    response = student.post(f"{url}/answer", data=answer_data(late))
    html = page(response)
    assert response.status_code == 409
    assert "Time's up" in html and "answers after the time limit are not accepted" in html
    assert "1 of 2 questions answered." in html
    # The policy shows the answers once the attempt is over: the review is there, with the key.
    assert "tag-key" in html
    (attempt,) = _attempts(app)
    assert attempt.is_finished and len(attempt.responses) == 1
    assert attempt.finished_at.replace(tzinfo=dt.timezone.utc) == attempt.deadline_at.replace(tzinfo=dt.timezone.utc)
    # Sending it again changes nothing and says the same.
    again = student.post(f"{url}/answer", data=answer_data(late))
    assert again.status_code == 409 and "Time's up" in page(again)
    assert len(_attempts(app)[0].responses) == 1


def test_times_up_shows_what_was_saved_without_the_key_when_the_policy_hides_it(app, teacher, clock):
    student, url, late = _one_answer_then_late(app, teacher, clock, show_answers="after_close")
    html = page(student.post(f"{url}/answer", data=answer_data(late)))
    assert "What was saved" in html
    assert html.count("answer saved") == 1 and "Not answered" in html
    assert "tag-key" not in html and "after the assignment closes" in html


def test_the_countdown_at_zero_leads_to_times_up(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock)
    url = _start(student, assignment_id).headers["Location"]
    assert student.get(f"{url}/time-up").headers["Location"] == url  # not yet: back to the question
    clock.advance(minutes=10)
    response = student.get(f"{url}/time-up")  # where timer.js goes at zero
    assert response.status_code == 200 and "Time's up" in page(response)
    assert "0 of 2 questions answered." in page(response)
    # A reload of the question page (no JavaScript) goes there too, not silently to the score.
    assert student.get(url).headers["Location"] == f"{url}/time-up"


def test_a_finish_before_the_deadline_is_not_times_up(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock)
    url = _start(student, assignment_id).headers["Location"]
    student.post(f"{url}/finish")
    clock.advance(minutes=20)
    assert student.get(f"{url}/time-up").headers["Location"] == f"{url}/result"
    assert student.get(url).headers["Location"] == f"{url}/result"


def test_nobody_else_sees_a_students_times_up_page(app, teacher, clock):
    assignment_id, student = _timed(app, teacher, clock)
    url = _start(student, assignment_id).headers["Location"]
    clock.advance(minutes=11)
    assert teacher.get(f"{url}/time-up").status_code == 404
    assert app.test_client().get(f"{url}/time-up").status_code == 302  # to log in
