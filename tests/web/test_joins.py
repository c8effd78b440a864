"""Joining a class, one request after another: the join form's token makes a resent form the same join,
a name already in the class is refused, loosely compared. (tests/web/test_races.py sends them at once.)"""

from __future__ import annotations

import re

import pytest

from quiz.extensions import db
from quiz.models import Membership, User
from quiz.services import accounts, classes
from quiz.services.classes import JOIN_REPLAY_WINDOW, name_key
from tests.web.helpers import page

RESUME_CODE = re.compile(r'<p class="join-code" dir="ltr">([\w-]+)</p>')
TOKEN = re.compile(r'name="join_token" type="hidden" value="([\w-]+)"')
NAME_TAKEN = "انضمّ إلى هذا الصف طالب باسم"


@pytest.fixture
def code(app, clock) -> str:
    with app.app_context():
        teacher = accounts.create_user("karim", "teach-history", "الأستاذ كريم", role="teacher")
        classroom = classes.create_class(teacher, "الصف العاشر", clock.now)
        db.session.commit()
        return classroom.join_code


def join_form(client, code: str) -> dict:
    html = page(client.get(f"/join/{code}"))
    return {"code": code, "join_token": TOKEN.search(html).group(1)}


def students(app) -> list[tuple[str, str | None]]:
    with app.app_context():
        rows = db.session.execute(db.select(User.display_name, Membership.name_key).join(Membership.user)
                                  .order_by(Membership.id)).all()
        return [tuple(row) for row in rows]


def test_the_join_form_carries_a_fresh_token_each_time_it_is_shown(app, client, code):
    first, second = join_form(client, code), join_form(app.test_client(), code)
    assert first["join_token"] != second["join_token"] and len(first["join_token"]) >= 32


def test_the_same_form_sent_twice_is_one_student_with_one_personal_code(app, client, code):
    form = join_form(client, code)
    first = client.post("/join", data={**form, "display_name": "ليلى"})
    retry = app.test_client().post("/join", data={**form, "display_name": "ليلى"})  # the same form, elsewhere
    assert first.status_code == retry.status_code == 200
    assert RESUME_CODE.search(page(first)).group(1) == RESUME_CODE.search(page(retry)).group(1)
    assert students(app) == [("ليلى", "ليلي")]
    # Sent again from the tab that is now logged in: still the same student, the code still shown.
    again = client.post("/join", data={**form, "display_name": "ليلى"})
    assert RESUME_CODE.search(page(again)).group(1) == RESUME_CODE.search(page(first)).group(1)
    assert len(students(app)) == 1


def test_the_personal_code_a_join_shows_works(app, client, code):
    form = join_form(client, code)
    resume_code = RESUME_CODE.search(page(client.post("/join", data={**form, "display_name": "ليلى"}))).group(1)
    other_device = app.test_client()
    assert other_device.post("/resume", data={"code": resume_code}).status_code == 302
    assert "ليلى" in page(other_device.get("/"))


def test_a_form_corrected_after_an_error_keeps_its_token(app, client, code):
    form = join_form(client, code)
    refused = client.post("/join", data={**form, "display_name": ""})
    assert refused.status_code == 422 and TOKEN.search(page(refused)).group(1) == form["join_token"]


def test_a_used_form_sent_with_another_name_is_another_student(app, client, code):
    """A shared tablet: «back», another name, the same page: a second student, not the first one again."""
    form = join_form(client, code)
    client.post("/join", data={**form, "display_name": "ليلى"})
    response = app.test_client().post("/join", data={**form, "display_name": "عمر"})
    assert response.status_code == 200
    assert students(app) == [("ليلى", "ليلي"), ("عمر", "عمر")]


def test_after_the_replay_window_the_same_form_is_told_the_name_is_taken(app, client, code, clock):
    form = join_form(client, code)
    client.post("/join", data={**form, "display_name": "ليلى"})
    clock.advance(seconds=JOIN_REPLAY_WINDOW.total_seconds() + 1)
    response = app.test_client().post("/join", data={**form, "display_name": "ليلى"})
    assert response.status_code == 422 and NAME_TAKEN in page(response)
    assert len(students(app)) == 1


@pytest.mark.parametrize("other", ["ليلى", "  لَيْلى ", "ليلي", "ليـــلى", "\u200fليلى"])
def test_a_name_already_in_the_class_is_refused_with_a_clear_message(app, code, other):
    first = app.test_client()
    assert first.post("/join", data={**join_form(first, code), "display_name": "ليلى"}).status_code == 200
    second = app.test_client()
    response = second.post("/join", data={**join_form(second, code), "display_name": other})
    assert response.status_code == 422
    assert NAME_TAKEN in page(response) and "رمزك الشخصي" in page(response)
    response = second.post("/join", data={**join_form(second, code), "display_name": "ليلى حسن"})
    assert response.status_code == 200
    assert [name for name, _ in students(app)] == ["ليلى", "ليلى حسن"]


def test_a_form_without_a_token_still_joins_and_is_still_refused_a_taken_name(app, code):
    """A page rendered before the token existed (or a script) posts without one."""
    assert app.test_client().post("/join", data={"code": code, "display_name": "ليلى"}).status_code == 200
    response = app.test_client().post("/join", data={"code": code, "display_name": "ليلى"})
    assert response.status_code == 422 and NAME_TAKEN in page(response)


def test_the_same_name_may_join_another_class(app, code, clock):
    with app.app_context():
        other = classes.create_class(accounts.find_user("karim"), "الصف التاسع", clock.now).join_code
        db.session.commit()
    for class_code in (code, other):
        student = app.test_client()
        assert student.post("/join", data={**join_form(student, class_code), "display_name": "ليلى"}).status_code == 200


def test_a_removed_student_frees_the_name(app, code):
    student = app.test_client()
    student.post("/join", data={**join_form(student, code), "display_name": "ليلى"})
    with app.app_context():
        membership = db.session.execute(db.select(Membership)).scalar_one()
        classes.remove_student(membership)
        db.session.commit()
    again = app.test_client()
    assert again.post("/join", data={**join_form(again, code), "display_name": "ليلى"}).status_code == 200


def test_a_reissued_code_is_not_shown_again_by_a_resent_form(app, client, code):
    form = join_form(client, code)
    client.post("/join", data={**form, "display_name": "ليلى"})
    with app.app_context():
        classes.reissue_resume_code(db.session.execute(db.select(Membership)).scalar_one())
        db.session.commit()
    response = app.test_client().post("/join", data={**form, "display_name": "ليلى"})
    assert response.status_code == 302  # in the class, without an outdated code
    assert len(students(app)) == 1


def test_a_learner_with_an_account_joins_once_under_the_accounts_name(app, code):
    learner = app.test_client()
    learner.post("/signup", data={"username": "sara", "display_name": "سارة", "password": "a long password",
                                  "confirm": "a long password"})
    form = join_form(learner, code)
    for _ in range(2):
        response = learner.post("/join", data={**form, "display_name": "سارة"})
        assert response.status_code == 302
    assert students(app) == [("سارة", None)]


@pytest.mark.parametrize("typed, key", [
    ("ليلى", "ليلي"), ("  لَيْلَى  ", "ليلي"), ("أحمد", "احمد"), ("إسراء", "اسراء"), ("فاطمة", "فاطمه"),
    ("Sara  Ali", "sara ali"), ("ＳＡＲＡ", "sara"), ("\u200fعمر\u200e", "عمر"), ("ـــ", ""),
])
def test_names_are_compared_loosely(typed, key):
    assert name_key(typed) == key
