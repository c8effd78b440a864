"""Sessions that can be ended (issue 16, item 2), with real cookies: a client's cookies copied into a second
client are the same browser replayed, or a stolen phone's.

A new personal code, removal from a class, a new password and "log out everywhere" end every session of the
account; "Log out" ends that log-in for good (its cookies, replayed, sign nobody in) and no other; every log-in
lasts at most REMEMBER_COOKIE_DURATION; a student's session survives a change of network, a teacher's does not.
"""

from __future__ import annotations

import datetime as dt
import re

from quiz.extensions import db
from quiz.models import Classroom, User
from quiz.web.sessions import parse_identity
from tests.web.helpers import login, page, signup
from tests.web.test_teach import create_class, join, new_client
from tests.web.test_undo import act

COOKIES = ("session", "remember_token")


def replay(app, client, only: tuple[str, ...] = COOKIES):
    """A second browser holding copies of `client`'s cookies (those named in `only`)."""
    other = new_client(app)
    for name in only:
        cookie = client.get_cookie(name)
        if cookie is not None:
            other.set_cookie(name, cookie.value)
    return other


def signed_in(client) -> bool:
    """Whether the client's cookies sign someone in: /history is for signed-in users (else: the log-in page)."""
    response = client.get("/history")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def class_with_student(app, teacher) -> tuple[int, int, object, str]:
    class_id, code = create_class(teacher)
    student, resume_code = join(app, code, "عمر")
    with app.app_context():
        membership_id = db.session.get(Classroom, class_id).memberships[0].id
    return class_id, membership_id, student, resume_code


def session_version(app, username: str) -> int:
    with app.app_context():
        return db.session.execute(db.select(User.session_version).filter_by(username=username)).scalar_one()


# -- what ends every session of an account -----------------------------------------------------------------


def test_a_new_personal_code_logs_every_device_of_the_student_out(app, teacher):
    class_id, membership_id, student, _ = class_with_student(app, teacher)
    lost_phone = replay(app, student)
    assert signed_in(student) and signed_in(lost_phone)
    html = page(teacher.post(f"/teach/classes/{class_id}/students/{membership_id}/resume-code"))
    new_code = re.search(r'<p class="join-code" dir="ltr">([\w-]+)</p>', html).group(1)
    assert not signed_in(lost_phone) and not signed_in(student)
    assert not signed_in(replay(app, student, only=("remember_token",)))  # the remember cookie too
    again = new_client(app)
    assert again.post("/resume", data={"code": new_code}).status_code == 302 and signed_in(again)
    assert signed_in(teacher)  # the teacher who acted is not touched


def test_removal_logs_the_student_out_and_an_undo_lets_them_back_in_with_their_code(app, teacher):
    """Undo puts the membership back, not the ended sessions: the student logs in again with their own
    personal code, which the undo restores."""
    teacher.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    class_id, membership_id, student, resume_code = class_with_student(app, teacher)
    copy = replay(app, student)
    _, undo = act(teacher, f"/teach/classes/{class_id}/students/{membership_id}/remove")
    assert not signed_in(student) and not signed_in(copy)
    assert new_client(app).post("/resume", data={"code": resume_code}).status_code == 422
    teacher.post(undo)
    assert not signed_in(copy)
    back = new_client(app)
    assert back.post("/resume", data={"code": resume_code}).status_code == 302 and signed_in(back)


def test_a_new_password_logs_out_the_other_devices_and_keeps_this_one(app, client):
    signup(client)
    laptop = new_client(app)
    login(laptop, "sara", "a long password")
    response = client.post("/account/password", data={"current": "a long password", "password": "a new password",
                                                       "confirm": "a new password"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/account")
    assert signed_in(client) and not signed_in(laptop)
    assert login(new_client(app), "sara", "a long password").status_code == 422
    assert login(new_client(app), "sara", "a new password").status_code == 302


def test_a_wrong_current_password_or_a_bad_new_one_changes_nothing(app, client):
    signup(client)
    client.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    laptop = new_client(app)
    login(laptop, "sara", "a long password")
    cases = [({"current": "not my password", "password": "a new password", "confirm": "a new password"},
              "This is not your current password."),
             ({"current": "a long password", "password": "short", "confirm": "short"}, None),
             ({"current": "a long password", "password": "a new password", "confirm": "another one"},
              "The passwords differ.")]
    for data, message in cases:
        response = client.post("/account/password", data=data)
        assert response.status_code == 422
        if message:
            assert message in page(response)
    assert signed_in(laptop) and session_version(app, "sara") == 0
    assert login(new_client(app), "sara", "a long password").status_code == 302


def test_students_who_joined_with_a_code_have_no_password_to_change(app, teacher):
    _, _, student, _ = class_with_student(app, teacher)
    assert 'action="/account/password"' not in page(student.get("/account"))
    assert student.post("/account/password", data={"current": "x", "password": "a new password",
                                                    "confirm": "a new password"}).status_code == 404
    assert 'action="/account/password"' in page(teacher.get("/account"))


def test_log_out_everywhere_ends_every_device_this_one_included(app, client):
    signup(client)
    phone = new_client(app)
    login(phone, "sara", "a long password")
    phone.post("/login", data={"username": "sara", "password": "a long password", "remember": "y"})
    assert 'action="/account/logout-everywhere"' in page(client.get("/account"))
    response = client.post("/account/logout-everywhere")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert not signed_in(client) and not signed_in(phone)
    assert session_version(app, "sara") == 1
    assert login(new_client(app), "sara", "a long password").status_code == 302  # the password still works


def test_log_out_everywhere_is_a_post_and_needs_a_log_in(app, client):
    assert client.get("/account/logout-everywhere").status_code == 405
    assert client.post("/account/logout-everywhere").status_code == 302  # to the log-in page: nothing to end


# -- "Log out" ends that log-in only -------------------------------------------------------------------------


def test_cookies_replayed_after_log_out_sign_nobody_in_and_other_devices_stay(app, client):
    signup(client)
    login(new_client(app), "sara", "a long password")
    browser = new_client(app)
    browser.post("/login", data={"username": "sara", "password": "a long password", "remember": "y"})
    assert browser.get_cookie("remember_token") is not None
    other_device = new_client(app)
    login(other_device, "sara", "a long password")
    before_logout = replay(app, browser)
    remember_only = replay(app, browser, only=("remember_token",))
    session_only = replay(app, browser, only=("session",))
    assert browser.post("/logout").status_code == 302
    assert not signed_in(browser)
    assert not signed_in(before_logout) and not signed_in(remember_only) and not signed_in(session_only)
    assert signed_in(other_device) and signed_in(client)
    assert before_logout.post("/logout").status_code == 302  # a replayed log-out: nothing more to end
    assert session_version(app, "sara") == 0


def test_a_student_who_logs_out_keeps_their_phone_and_their_code(app, teacher):
    _, _, phone, resume_code = class_with_student(app, teacher)
    computer = new_client(app)
    assert computer.post("/resume", data={"code": resume_code}).status_code == 302
    stolen = replay(app, computer)
    computer.post("/logout")
    assert not signed_in(stolen) and signed_in(phone)
    assert computer.post("/resume", data={"code": resume_code}).status_code == 302 and signed_in(computer)


def test_a_log_in_from_before_session_versions_still_works_and_its_log_out_ends_it(app, client):
    """Sessions made before the upgrade carry a bare user id: nobody is logged out by the upgrade, and logging
    such a session out ends it (by the account's version, the only handle it has)."""
    signup(client)
    with app.app_context():
        user_id = db.session.execute(db.select(User.id)).scalar_one()
    old = new_client(app)
    with old.session_transaction() as session:
        session["_user_id"] = str(user_id)
    assert signed_in(old)
    copy = replay(app, old)
    old.post("/logout")
    assert not signed_in(copy) and not signed_in(old)
    assert session_version(app, "sara") == 1
    with old.session_transaction() as session:
        session["_user_id"] = str(user_id)
    assert not signed_in(old)  # a bare id is version 0, and the account has moved on


def test_identities_that_are_not_ours_are_refused():
    assert parse_identity("12:0:ab12:1700000000").user_id == 12
    assert parse_identity("12").login_key is None
    for text in ["", "x", "12:0", "12:0:ab:cd", "١٢", "12:0:a-b:1", "1" * 11, "12:0:ab12:1700000000:9"]:
        assert parse_identity(text) is None


# -- lifetimes -----------------------------------------------------------------------------------------------


def test_the_remember_cookie_lasts_as_long_as_the_setting_says(app, client, clock):
    app.config["REMEMBER_COOKIE_DURATION"] = dt.timedelta(days=2)
    signup(client)
    client.post("/logout")
    client.post("/login", data={"username": "sara", "password": "a long password", "remember": "y"})
    cookie = client.get_cookie("remember_token")
    lasts = cookie.expires - dt.datetime.now(dt.timezone.utc)
    assert dt.timedelta(days=2) - dt.timedelta(minutes=5) < lasts <= dt.timedelta(days=2)
    # The server holds to it too, whatever a copied cookie claims.
    clock.now += dt.timedelta(days=1)
    assert signed_in(replay(app, client, only=("remember_token",)))
    clock.now += dt.timedelta(days=1, minutes=1)
    assert not signed_in(replay(app, client, only=("remember_token",))) and not signed_in(client)


def test_the_remember_cookie_lasts_30_days_by_default_and_may_be_set_in_seconds(app, client):
    assert app.config["REMEMBER_COOKIE_DURATION"] == dt.timedelta(days=30)
    app.config["REMEMBER_COOKIE_DURATION"] = 3600  # as CHRONOQUIZ_REMEMBER_COOKIE_DURATION=3600 gives it
    signup(client)
    client.post("/logout")
    client.post("/login", data={"username": "sara", "password": "a long password", "remember": "y"})
    lasts = client.get_cookie("remember_token").expires - dt.datetime.now(dt.timezone.utc)
    assert dt.timedelta(minutes=55) < lasts <= dt.timedelta(hours=1)
    assert signed_in(client)


# -- networks ------------------------------------------------------------------------------------------------


def elsewhere(address: str) -> dict:
    return {"environ_overrides": {"REMOTE_ADDR": address}}


def test_a_student_stays_logged_in_when_the_phone_changes_networks(app, teacher):
    _, _, student, _ = class_with_student(app, teacher)
    assert student.get("/history", **elsewhere("10.20.30.40")).status_code == 200
    assert student.get("/history", **elsewhere("192.168.1.7")).status_code == 200
    assert signed_in(student)


def test_a_teacher_on_another_network_is_asked_to_log_in_again(app, teacher):
    assert teacher.get("/teach/").status_code == 200
    response = teacher.get("/teach/", **elsewhere("10.20.30.40"))
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert teacher.get("/teach/").status_code == 302  # that session is over, back home too
    login(teacher, "karim", "teach-history")
    assert teacher.get("/teach/").status_code == 200


def test_a_teacher_remember_cookie_carried_to_another_network_with_its_session_is_dropped(app, teacher):
    teacher.post("/logout")
    teacher.post("/login", data={"username": "karim", "password": "teach-history", "remember": "y"})
    stolen = replay(app, teacher)
    assert stolen.get("/teach/", **elsewhere("10.20.30.40")).status_code == 302
    assert stolen.get_cookie("remember_token") is None  # cleared with the session
    assert teacher.get("/teach/").status_code == 200  # the teacher's own browser is not touched


def test_a_teacher_in_another_browser_is_asked_to_log_in_again(app, teacher):
    response = teacher.get("/teach/", headers={"User-Agent": "Another browser"})
    assert response.status_code == 302


def test_a_learner_made_teacher_keeps_the_session_and_is_bound_to_its_network_from_then_on(app, teacher):
    """Approving a request for teacher access changes the role, not the session version."""
    learner = new_client(app)
    signup(learner)
    learner.post("/account/teacher-access", data={"message": "I teach history."})
    listing = page(teacher.get("/teach/requests"))
    request_id = re.search(r'data-request-id="(\d+)"', listing).group(1)
    teacher.post(f"/teach/requests/{request_id}/approve")
    assert learner.get("/teach/").status_code == 200 and session_version(app, "sara") == 0
    assert learner.get("/teach/", **elsewhere("10.20.30.40")).status_code == 302


def test_log_outs_are_remembered_only_until_their_log_in_would_have_expired(app, client, clock):
    from quiz.models.user import EndedLogin

    def ended() -> int:
        with app.app_context():
            return db.session.execute(db.select(db.func.count()).select_from(EndedLogin)).scalar()

    signup(client)
    client.post("/logout")
    client.post("/logout")  # twice: once
    assert ended() == 1
    clock.now += dt.timedelta(days=31)
    login(client, "sara", "a long password")
    client.post("/logout")
    assert ended() == 1  # the first is past its log-in's lifetime: forgotten, and its cookies refused anyway


def test_with_csrf_on_the_account_forms_need_their_token(app, client):
    signup(client)
    app.config["WTF_CSRF_ENABLED"] = True
    change = {"current": "a long password", "password": "a new password", "confirm": "a new password"}
    assert client.post("/account/logout-everywhere").status_code == 400
    assert client.post("/account/password", data=change).status_code == 400
    assert signed_in(client) and session_version(app, "sara") == 0
    html = page(client.get("/account"))
    tokens = re.findall(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert tokens and 'id="csrf_token"' not in html.split('action="/account/password"', 1)[1]  # ids stay unique
    assert client.post("/account/password", data={**change, "csrf_token": tokens[-1]}).status_code == 302
    assert session_version(app, "sara") == 1 and signed_in(client)
