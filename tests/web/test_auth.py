"""Accounts: sign up, log in, log out, teachers by command or invitation, cookie flags, CSRF."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quiz import create_app
from quiz.extensions import db
from quiz.models import TeacherInvitation, User
from quiz.services import accounts, chronologies
from tests.web.helpers import login, page, signup


def test_signup_makes_a_learner_with_a_hashed_password_and_logs_in(app, client):
    response = signup(client)
    assert response.status_code == 302
    with app.app_context():
        user = db.session.execute(db.select(User)).scalar_one()
        assert user.role == "learner" and user.username == "sara"
        assert user.password_hash.startswith("scrypt:") and "a long password" not in user.password_hash
    assert "سارة" in page(client.get("/"))


def test_session_cookie_is_httponly_and_samesite(client):
    response = signup(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    "data, message",
    [
        ({"username": "ab", "display_name": "x", "password": "a long password", "confirm": "a long password"},
         "3 to 40"),
        ({"username": "sara", "display_name": "x", "password": "short", "confirm": "short"}, "8"),
        ({"username": "sara", "display_name": "x", "password": "a long password", "confirm": "another one!"}, "differ"),
        ({"username": "sara", "display_name": "", "password": "a long password", "confirm": "a long password"},
         "required"),
    ],
)
def test_signup_refuses_bad_input_with_a_message(app, client, data, message):
    client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western"})
    response = client.post("/signup", data=data)
    assert response.status_code == 422
    assert message in page(response)
    assert 'aria-invalid="true"' in page(response)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(User)).scalar() == 0


def test_usernames_are_unique_ignoring_case(client):
    signup(client)
    client.post("/logout")
    response = signup(client, username="SARA")
    assert response.status_code == 422


def test_login_logout(client):
    signup(client)
    client.post("/logout")
    assert "sara" not in page(client.get("/account"))  # redirected to the log-in page
    assert login(client, password="wrong password").status_code == 422
    response = login(client)
    assert response.status_code == 302
    assert "سارة" in page(client.get("/account"))


def test_login_only_redirects_within_the_site(client):
    signup(client)
    client.post("/logout")
    response = client.post("/login", data={"username": "sara", "password": "a long password",
                                           "next": "https://evil.example/x"})
    assert response.headers["Location"] == "/"


def test_logout_is_a_post(client):
    signup(client)
    assert client.get("/logout").status_code == 405


def test_teacher_created_by_command(app, runner):
    result = runner.invoke(args=["users", "create-teacher", "mr-karim", "--name", "الأستاذ كريم",
                                 "--password", "teach-history"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert accounts.find_user("mr-karim").role == "teacher"
    again = runner.invoke(args=["users", "create-teacher", "MR-KARIM", "--password", "teach-history"])
    assert again.exit_code == 1 and "taken" in again.output
    short = runner.invoke(args=["users", "create-teacher", "other", "--password", "short"])
    assert short.exit_code == 1 and "8 characters" in short.output


def test_teacher_invites_a_colleague_once(app, client, runner):
    runner.invoke(args=["users", "create-teacher", "karim", "--password", "teach-history"])
    login(client, "karim", "teach-history")
    html = page(client.post("/account/invitations"))
    link = re.search(r"http://localhost(/invitations/[\w-]+)", html).group(1)
    client.post("/logout")
    assert client.get(link).status_code == 200
    response = client.post(link, data={"username": "huda", "display_name": "هدى", "password": "another password",
                                       "confirm": "another password"})
    assert response.status_code == 302
    with app.app_context():
        assert accounts.find_user("huda").role == "teacher"
    client.post("/logout")
    used = client.get(link)  # used once: says so
    assert used.status_code == 410 and "/login" in page(used)


def _invitation(app) -> str:
    with app.app_context():
        teacher = accounts.create_user("karim", "teach-history", role="teacher")
        invitation = accounts.invite_teacher(teacher, dt.datetime.now(dt.timezone.utc))
        db.session.commit()
        return f"/invitations/{invitation.token}"


def _accept(client, link, username):
    return client.post(link, data={"username": username, "display_name": "هدى", "password": "another password",
                                   "confirm": "another password"})


def test_an_invitation_sent_again_after_use_says_it_was_used(app, client):
    link = _invitation(app)
    assert _accept(client, link, "huda").status_code == 302
    late = _accept(app.test_client(), link, "other")
    assert late.status_code == 409
    assert "استُخدمت هذه الدعوة من قبل" in page(late) and 'href="/login"' in page(late)
    with app.app_context():
        assert accounts.find_user("other") is None
        assert [u.username for u in db.session.scalars(db.select(User).where(User.role == "teacher"))] == \
            ["karim", "huda"]


def test_a_taken_user_name_leaves_the_invitation_open(app, client):
    link = _invitation(app)
    response = _accept(client, link, "karim")
    assert response.status_code == 422 and "اسم المستخدم هذا مأخوذ" in page(response)
    with app.app_context():
        invitation = db.session.scalars(db.select(TeacherInvitation)).one()
        assert invitation.used_at is None and invitation.used_by_id is None
    assert _accept(client, link, "huda").status_code == 302
    with app.app_context():
        invitation = db.session.scalars(db.select(TeacherInvitation)).one()
        assert invitation.used_by_id == accounts.find_user("huda").id and invitation.used_at is not None


def test_accepting_a_used_invitation_in_the_service_makes_no_account(app):
    link = _invitation(app)
    token = link.rsplit("/", 1)[1]
    now = dt.datetime.now(dt.timezone.utc)
    with app.app_context():
        accounts.accept_invitation(token, "huda", "another password", "هدى", now)
        db.session.commit()
        with pytest.raises(accounts.AccountError, match="invitation"):
            accounts.accept_invitation(token, "other", "another password", "x", now)
        assert accounts.find_user("other") is None
        assert accounts.invitation_status(token, now) == "used"
        assert accounts.invitation_status("nope", now) is None


def test_invitations_expire(app):
    with app.app_context():
        teacher = accounts.create_user("karim", "teach-history", role="teacher")
        start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        invitation = accounts.invite_teacher(teacher, start)
        db.session.commit()
        assert accounts.open_invitation(invitation.token, start + dt.timedelta(days=13)) is not None
        assert accounts.open_invitation(invitation.token, start + dt.timedelta(days=15)) is None


def test_learners_cannot_invite(app, client):
    signup(client)
    refused = client.post("/account/invitations")
    assert refused.status_code == 403 and "/account/teacher-access" in page(refused)  # how to get access instead
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(TeacherInvitation)).scalar() == 0


def test_with_csrf_on_a_form_without_its_token_is_refused(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'csrf.sqlite3'}"})
    with app.app_context():
        db.create_all()
        chronologies.import_shipped("us-iraq")
        db.session.commit()
    client = app.test_client()
    data = {"username": "sara", "display_name": "سارة", "password": "a long password", "confirm": "a long password"}
    assert client.post("/signup", data=data).status_code == 400
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page(client.get("/signup"))).group(1)
    assert client.post("/signup", data={**data, "csrf_token": token}).status_code == 302
    with app.app_context():
        db.engine.dispose()


def test_a_deactivated_account_is_signed_out_within_seconds_and_at_once_when_forgotten(app, client, monkeypatch):
    """The signed-in user is read from the database at most every RECHECK_SECONDS per worker (every request
    needs it); a change made elsewhere shows within those seconds, and forget_signed_in makes it immediate."""
    from quiz.web import access

    signup(client)
    assert client.get("/history").status_code == 200
    with app.app_context():
        db.session.execute(db.update(User).values(active=False))
        db.session.commit()
    assert client.get("/history").status_code == 200  # still the account as read a moment ago
    moment = access.time.monotonic()
    monkeypatch.setattr(access.time, "monotonic", lambda: moment + access.RECHECK_SECONDS + 1)
    assert client.get("/history").status_code == 302  # read again: deactivated, so sent to log in
    monkeypatch.undo()
    with app.app_context():
        db.session.execute(db.update(User).values(active=True, display_name="سارة الجديدة"))
        db.session.commit()
        user_id = db.session.execute(db.select(User.id)).scalar_one()
    access.forget_signed_in(user_id)
    assert "سارة الجديدة" in page(client.get("/history"))
