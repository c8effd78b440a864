"""Races found by a red-team run, replayed with real simultaneous requests against gunicorn (live_server):
one join form sent many times at once makes one student; one single-use invitation accepted many times
at once makes one teacher, and everybody else is told why, never a 500."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Membership, TeacherInvitation, User
from quiz.services import accounts, classes
from tests.live_server import at_once

N = 12  # more simultaneous requests than the server has threads (2 workers x 4): some queue, as in a class
RESUME_CODE = re.compile(r'<p class="join-code" dir="ltr">([\w-]+)</p>')
NAME_TAKEN = "انضمّ إلى هذا الصف طالب باسم"
INVITATION_USED = "استُخدمت هذه الدعوة من قبل"


def outcomes(responses) -> list[tuple[int, list[str]]]:
    """Each response's status and the errors its page shows: what a failed assertion should print."""
    return [(r.status_code, re.findall(r'class="field-error"[^>]*>([^<]*)<', r.text)) for r in responses]


@pytest.fixture
def class_code(app) -> str:
    with app.app_context():
        teacher = accounts.create_user("karim", "teach-history", "الأستاذ كريم", role="teacher")
        classroom = classes.create_class(teacher, "الصف العاشر", dt.datetime.now(dt.timezone.utc))
        db.session.commit()
        return classroom.join_code


def counts(app) -> tuple[int, int]:
    """(memberships, learner accounts) in the database."""
    with app.app_context():
        memberships = db.session.scalar(select(func.count(Membership.id)))
        learners = db.session.scalar(select(func.count(User.id)).where(User.role == "learner"))
        db.session.remove()
    return memberships, learners


def test_one_join_form_sent_many_times_at_once_makes_one_student(app, live_server, class_code):
    """A double click, two tabs, a retry: the same form submission, sent N times together."""
    browser = live_server.browser()
    form = browser.form(f"/join/{class_code}")
    assert form.fields.get("join_token")
    tabs = [browser.fork() for _ in range(N)]
    responses = at_once(tab.prepare(form, display_name="ليلى") for tab in tabs)

    assert Counter(r.status_code for r in responses) == {200: N}, outcomes(responses)
    assert counts(app) == (1, 1)
    # Every response welcomes the same student, with the same personal code, which does work ...
    resume_codes = {RESUME_CODE.search(r.text).group(1) for r in responses}
    assert len(resume_codes) == 1
    other_device = live_server.browser()
    assert other_device.submit(other_device.form("/resume"), code=resume_codes.pop()).status_code == 302
    # ... and every tab is logged in as that student.
    assert all("ليلى" in tab.get("/").text for tab in tabs)
    live_server.assert_no_server_errors()


def test_different_students_choosing_one_name_at_once_make_one_student(app, live_server, class_code):
    """N browsers, each with its own form, all typing «ليلى»: one joins, the others are asked to change it."""
    browsers = [live_server.browser() for _ in range(N)]
    forms = [b.form(f"/join/{class_code}") for b in browsers]
    assert len({f.fields["join_token"] for f in forms}) == N
    responses = at_once(b.prepare(f, display_name="ليلى") for b, f in zip(browsers, forms))

    assert Counter(r.status_code for r in responses) == {200: 1, 422: N - 1}, outcomes(responses)
    assert all(NAME_TAKEN in r.text for r in responses if r.status_code == 422)
    assert counts(app) == (1, 1)
    live_server.assert_no_server_errors()


def test_different_students_with_different_names_all_join_at_once(app, live_server, class_code):
    browsers = [live_server.browser() for _ in range(N)]
    forms = [b.form(f"/join/{class_code}") for b in browsers]
    responses = at_once(b.prepare(f, display_name=f"طالب {i}") for i, (b, f) in enumerate(zip(browsers, forms)))

    assert Counter(r.status_code for r in responses) == {200: N}, outcomes(responses)
    assert counts(app) == (N, N)
    live_server.assert_no_server_errors()


@pytest.fixture
def invitation_link(app) -> str:
    with app.app_context():
        teacher = accounts.create_user("karim", "teach-history", "الأستاذ كريم", role="teacher")
        invitation = accounts.invite_teacher(teacher, dt.datetime.now(dt.timezone.utc))
        db.session.commit()
        return f"/invitations/{invitation.token}"


def teachers(app) -> list[str]:
    with app.app_context():
        names = list(db.session.scalars(select(User.username).where(User.role == "teacher").order_by(User.id)))
        invitation = db.session.scalars(select(TeacherInvitation)).one()
        used_by = invitation.used_by_id and db.session.get(User, invitation.used_by_id).username
        db.session.remove()
    return [*names, f"used by {used_by}"]


def test_one_invitation_accepted_by_many_at_once_makes_one_teacher(app, live_server, invitation_link):
    """N colleagues open the same link and send the form together: one account, N-1 clear refusals."""
    browsers = [live_server.browser() for _ in range(N)]
    forms = [b.form(invitation_link) for b in browsers]
    responses = at_once(b.prepare(f, username=f"teacher{i}", display_name=f"معلّم {i}", password="a long password",
                                  confirm="a long password")
                        for i, (b, f) in enumerate(zip(browsers, forms)))

    assert Counter(r.status_code for r in responses) == {302: 1, 409: N - 1}, outcomes(responses)
    winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
    assert teachers(app) == ["karim", f"teacher{winner}", f"used by teacher{winner}"]
    assert all(INVITATION_USED in r.text for r in responses if r.status_code == 409)
    assert "معلّم" in browsers[winner].get("/").text
    live_server.assert_no_server_errors()


def test_one_invitation_form_sent_many_times_at_once_makes_one_teacher(app, live_server, invitation_link):
    """A double click on the invitation form: the same user name N times; one account, the rest told."""
    browser = live_server.browser()
    form = browser.form(invitation_link)
    responses = at_once(browser.fork().prepare(form, username="huda", display_name="هدى",
                                               password="a long password", confirm="a long password")
                        for _ in range(N))

    assert Counter(r.status_code for r in responses) == {302: 1, 409: N - 1}, outcomes(responses)
    assert teachers(app) == ["karim", "huda", "used by huda"]
    assert all(INVITATION_USED in r.text for r in responses if r.status_code == 409)
    live_server.assert_no_server_errors()
