"""How teachers get accounts: the school's first teacher from the command line or the one-time setup page (with
the setup token the server prints and keeps in instance/), a learner's request for teacher access that a teacher
approves or declines, and the page a learner or a class's student gets on a teacher's page (403, with how to get
access) while visitors still go to the log-in page. New strings are checked in English (the Arabic catalogue is
compiled in after merging); pages are read in English through the preferences, as a reader who chose it."""

from __future__ import annotations

import datetime as dt
import logging
import re
import stat
from collections import Counter
from pathlib import Path

import pytest

from quiz.extensions import db
from quiz.models import FirstTeacherSetup, TeacherRequest, User
from quiz.services import accounts, teacher_access
from tests.live_server import at_once
from tests.web.helpers import page, signup
from tests.web.test_teach import create_class, join, new_client

MOMENT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
TEACHER_FORM = {"username": "karim", "display_name": "Karim Saleh", "password": "teach-history",
                "confirm": "teach-history"}


def english(client):
    client.post("/prefs/", data={"lang": "en", "month_style": "gregorian", "digits": "western"})
    return client


@pytest.fixture
def token_file(app, tmp_path):
    """Where this test's server keeps its setup token (instance/setup_token in production)."""
    path = tmp_path / "instance" / "setup_token"
    app.config["SETUP_TOKEN_FILE"] = str(path)
    return path


def users(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(db.select(User.username, User.role).order_by(User.id)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


def the_request(app, username: str = "sara") -> tuple[str, str] | None:
    """(status, message) of the user's request for teacher access, or None."""
    with app.app_context():
        row = db.session.execute(
            db.select(TeacherRequest.status, TeacherRequest.message)
            .join(User, User.id == TeacherRequest.user_id).where(User.username == username)
        ).one_or_none()
        db.session.remove()
    return tuple(row) if row else None


# -- the first teacher: the setup page ----------------------------------------------------------------------


def test_a_fresh_install_makes_its_first_teacher_on_the_setup_page_with_the_token(app, client, token_file, caplog):
    english(client)
    with caplog.at_level(logging.WARNING):
        form = client.get("/setup")
    assert form.status_code == 200 and 'name="setup_token"' in page(form)
    token = token_file.read_text().strip()
    assert len(token) >= 30 and stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert token in caplog.text and str(token_file) in caplog.text  # the console says it, and where it is kept
    assert token not in page(form)  # the page asks for it, never shows it

    client.get("/setup")
    assert token_file.read_text().strip() == token  # one token until it is used, whoever opens the page

    response = client.post("/setup", data={**TEACHER_FORM, "setup_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/teach/"
    assert users(app) == [("karim", "teacher")]
    assert client.get("/teach/").status_code == 200  # signed in as the new teacher
    assert not token_file.exists()
    with app.app_context():
        setup = db.session.get(FirstTeacherSetup, 1)
        assert setup.teacher_id == accounts.find_user("karim").id


def test_the_setup_page_is_gone_once_a_teacher_exists_and_its_token_no_longer_works(app, client, token_file):
    english(client)
    client.get("/setup")
    token = token_file.read_text().strip()
    client.post("/setup", data={**TEACHER_FORM, "setup_token": token})
    visitor = english(new_client(app))
    gone = visitor.get("/setup")
    assert gone.status_code == 404 and "Setup is done" in page(gone) and 'name="setup_token"' not in page(gone)
    reused = visitor.post("/setup", data={**TEACHER_FORM, "username": "intruder", "setup_token": token})
    assert reused.status_code == 409 and "Setup is done" in page(reused)
    assert users(app) == [("karim", "teacher")]
    assert not token_file.exists()


def test_a_teacher_made_another_way_closes_setup_and_deletes_the_token(app, client, runner, token_file):
    client.get("/setup")
    assert token_file.exists()
    result = runner.invoke(args=["users", "create-teacher", "huda", "--password", "teach-history"])
    assert result.exit_code == 0, result.output
    assert not token_file.exists()
    assert client.get("/setup").status_code == 404
    with app.app_context():
        assert not teacher_access.setup_open()


def test_a_wrong_token_makes_nothing_and_says_why(app, client, token_file):
    english(client)
    client.get("/setup")
    for wrong in ("not-the-token", " ", "x" * 101):
        response = client.post("/setup", data={**TEACHER_FORM, "setup_token": wrong})
        assert response.status_code == 422
    assert "This is not the setup token" in page(client.post("/setup", data={**TEACHER_FORM, "setup_token": "nope"}))
    assert users(app) == []
    assert token_file.exists()


@pytest.mark.parametrize("change, message", [
    ({"username": ""}, "This field is required."),
    ({"username": "ab"}, "3 to 40 letters"),
    ({"display_name": ""}, "This field is required."),
    ({"display_name": "ن" * 81}, "81"),  # WTForms: "Field cannot be longer than 80 characters."
    ({"password": "short", "confirm": "short"}, "8"),
    ({"confirm": "something else"}, "The passwords differ."),
])
def test_bad_setup_input_makes_nothing_and_keeps_the_token(app, client, token_file, change, message):
    english(client)
    client.get("/setup")
    token = token_file.read_text().strip()
    response = client.post("/setup", data={**TEACHER_FORM, "setup_token": token, **change})
    assert response.status_code == 422 and 'aria-invalid="true"' in page(response)
    assert message in page(response) or (message == "81" and "80" in page(response))
    assert users(app) == [] and token_file.exists()
    assert client.post("/setup", data={**TEACHER_FORM, "setup_token": token}).status_code == 302


def test_a_learners_user_name_is_refused_and_setup_stays_open(app, client, token_file):
    signup(new_client(app), "karim", "a long password", "كريم")
    english(client)
    client.get("/setup")
    token = token_file.read_text().strip()
    taken = client.post("/setup", data={**TEACHER_FORM, "username": "KARIM", "setup_token": token})
    assert taken.status_code == 422 and "This user name is taken." in page(taken)
    assert users(app) == [("karim", "learner")]
    with app.app_context():
        assert db.session.get(FirstTeacherSetup, 1) is None  # the claim went back with the refusal
    assert client.post("/setup", data={**TEACHER_FORM, "username": "mr-karim", "setup_token": token}).status_code == 302
    assert users(app) == [("karim", "learner"), ("mr-karim", "teacher")]


def test_the_service_makes_one_first_teacher_only(app):
    with app.app_context():
        teacher_access.create_first_teacher("karim", "teach-history", "كريم", MOMENT)
        db.session.commit()
        with pytest.raises(accounts.AccountError, match="setup done"):
            teacher_access.create_first_teacher("huda", "teach-history", "هدى", MOMENT)
        assert accounts.find_user("huda") is None


# -- the first teacher: the command line ---------------------------------------------------------------------


def test_create_teacher_asks_for_what_is_not_given(app, runner):
    result = runner.invoke(args=["users", "create-teacher"],
                           input="karim\nKarim Saleh\nteach-history\nteach-history\n")
    assert result.exit_code == 0, result.output
    assert "teacher 'karim' created" in result.output
    with app.app_context():
        user = accounts.find_user("karim")
        assert user.role == "teacher" and user.display_name == "Karim Saleh" and user.check_password("teach-history")


@pytest.mark.parametrize("args, message", [
    (["bad name!"], "3 to 40 letters"),
    (["huda", "--name", "   "], "name shown to students is needed"),
    (["huda", "--name", "ن" * 81], "at most 80 characters"),
    (["huda", "--password", "short"], "at least 8 characters"),
    (["KARIM"], "already taken"),
])
def test_create_teacher_refuses_what_the_sign_up_form_refuses(app, runner, args, message):
    runner.invoke(args=["users", "create-teacher", "karim", "--password", "teach-history"])
    if "--password" not in args:
        args = [*args, "--password", "teach-history"]
    result = runner.invoke(args=["users", "create-teacher", *args])
    assert result.exit_code == 1 and message in result.output, result.output
    assert users(app) == [("karim", "teacher")]


def test_setup_without_demo_data_prints_the_token_until_a_teacher_exists(database_url, tmp_path):
    from quiz import create_app

    token_path = tmp_path / "instance" / "setup_token"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url,
                      "SETUP_TOKEN_FILE": str(token_path)})
    first = app.test_cli_runner().invoke(args=["setup", "--no-demo"])
    assert first.exit_code == 0, first.output
    token = token_path.read_text().strip()
    assert f"enter this setup token: {token}" in first.output and "users create-teacher" in first.output
    assert stat.S_IMODE(token_path.stat().st_mode) == 0o600
    again = app.test_cli_runner().invoke(args=["setup", "--no-demo"])
    assert "setup token" not in again.output and token_path.read_text().strip() == token  # printed once, kept
    app.test_cli_runner().invoke(args=["users", "create-teacher", "karim", "--password", "teach-history"])
    assert not token_path.exists()
    assert "setup token" not in app.test_cli_runner().invoke(args=["setup", "--no-demo"]).output
    assert not token_path.exists()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


# -- requests for teacher access ----------------------------------------------------------------------------


@pytest.fixture
def learner(app, teacher):
    """Sara, a learner with an account, reading in English; the teacher Karim is signed in on `teacher`."""
    client = english(new_client(app))
    signup(client)
    return client


def ask(client, message: str = "I teach history in grade 10."):
    return client.post("/account/teacher-access", data={"message": message}, follow_redirects=True)


def test_a_learner_asks_a_teacher_approves_and_the_learner_is_a_teacher_at_once(app, teacher, learner):
    assert learner.get("/teach/").status_code == 403
    form = page(learner.get("/account/teacher-access"))
    assert 'name="message"' in form
    sent = ask(learner)
    assert "Your request was sent." in page(sent) and 'data-request-state="pending"' in page(sent)
    assert the_request(app) == ("pending", "I teach history in grade 10.")

    english(teacher)
    dashboard = page(teacher.get("/teach/"))
    assert 'data-requests-waiting="1"' in dashboard and "/teach/requests" in dashboard
    listing = page(teacher.get("/teach/requests"))
    assert "I teach history in grade 10." in listing and "سارة" in listing
    request_id = int(re.search(r'data-request-id="(\d+)"', listing).group(1))
    approved = teacher.post(f"/teach/requests/{request_id}/approve", follow_redirects=True)
    assert "is now a teacher" in page(approved) and 'data-request-id' not in page(approved)

    assert dict(users(app))["sara"] == "teacher" and the_request(app)[0] == "approved"
    assert learner.get("/teach/").status_code == 200  # the same session, with its new role
    assert 'href="/teach/"' in page(learner.get("/"))  # the menu has Teach now
    assert 'data-requests-waiting' not in page(teacher.get("/teach/"))


def test_a_second_request_while_one_waits_changes_nothing(app, teacher, learner):
    ask(learner, "first message")
    again = ask(learner, "second message")
    assert "already waiting" in page(again)
    assert the_request(app) == ("pending", "first message")
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(TeacherRequest)).scalar() == 1


def test_a_declined_learner_sees_it_and_may_ask_again(app, teacher, learner):
    ask(learner, "please")
    with app.app_context():
        request_id = db.session.execute(db.select(TeacherRequest.id)).scalar_one()
    english(teacher)
    declined = teacher.post(f"/teach/requests/{request_id}/decline", follow_redirects=True)
    assert "was declined" in page(declined)
    assert dict(users(app))["sara"] == "learner" and the_request(app) == ("declined", "please")
    state = page(learner.get("/account/teacher-access"))
    assert 'data-request-state="declined"' in state and 'name="message"' in state
    assert learner.get("/teach/").status_code == 403

    ask(learner, "I am the new history teacher")
    assert the_request(app) == ("pending", "I am the new history teacher")


def test_a_request_is_decided_once(app, teacher, learner):
    ask(learner)
    with app.app_context():
        request_id = db.session.execute(db.select(TeacherRequest.id)).scalar_one()
    english(teacher)
    assert teacher.post(f"/teach/requests/{request_id}/decline").status_code == 302
    late = teacher.post(f"/teach/requests/{request_id}/approve", follow_redirects=True)
    assert "already answered; nothing was changed" in page(late)
    assert the_request(app)[0] == "declined" and dict(users(app))["sara"] == "learner"
    again = teacher.post(f"/teach/requests/{request_id}/decline", follow_redirects=True)
    assert "already answered" in page(again)
    assert teacher.post("/teach/requests/999999/approve").status_code == 404


def test_learners_and_students_cannot_decide_requests(app, teacher, learner):
    ask(learner)
    with app.app_context():
        request_id = db.session.execute(db.select(TeacherRequest.id)).scalar_one()
    other = english(new_client(app))
    signup(other, "omar", "a long password", "عمر")
    for client in (learner, other):
        assert client.post(f"/teach/requests/{request_id}/approve").status_code == 403
        assert client.get("/teach/requests").status_code == 403
    assert the_request(app)[0] == "pending" and dict(users(app))["sara"] == "learner"
    with app.app_context(), pytest.raises(accounts.AccountError):
        teacher_access.decide_request(request_id, accounts.find_user("omar").id, True, MOMENT)


def test_teachers_and_class_students_cannot_ask(app, teacher):
    class_id, code = create_class(teacher)
    student, _ = join(app, code, "ليلى")
    english(student)
    refused = ask(student)
    assert "cannot ask for teacher access" in page(refused)
    assert "ask your teacher" in page(student.get("/account/teacher-access"))
    english(teacher)
    assert "cannot ask for teacher access" in page(ask(teacher))
    assert "a teacher's account" in page(teacher.get("/account/teacher-access"))
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(TeacherRequest)).scalar() == 0


def test_a_too_long_message_is_refused(app, teacher, learner):
    response = learner.post("/account/teacher-access", data={"message": "x" * 501})
    assert response.status_code == 422 and "500" in page(response)
    assert the_request(app) is None


# -- a teacher's page, opened by someone else ----------------------------------------------------------------


TEACH_PAGES = ["/teach/", "/teach/sets", "/teach/classes/{c}", "/teach/requests", "/teach/articles",
               "/teach/live", "/teach/classes/999999"]


def test_a_learner_on_a_teacher_page_is_told_it_is_for_teachers_and_how_to_get_access(app, teacher, learner):
    class_id, _ = create_class(teacher)
    for path in TEACH_PAGES:
        response = learner.get(path.format(c=class_id))
        html = page(response)
        assert response.status_code == 403, path
        assert "This page is for teachers" in html and 'data-teachers-only="learner"' in html, path
        assert 'action="/account/teacher-access"' in html and "/become-a-teacher" in html, path
    assert learner.post(f"/teach/classes/{class_id}/archive").status_code == 403
    ask(learner)
    waiting = page(learner.get("/teach/"))
    assert 'data-request-state="pending"' in waiting and 'name="message"' not in waiting


def test_a_class_student_on_a_teacher_page_is_told_to_ask_their_teacher(app, teacher):
    class_id, code = create_class(teacher)
    student, _ = join(app, code, "ليلى")
    english(student)
    for path in TEACH_PAGES:
        response = student.get(path.format(c=class_id))
        html = page(response)
        assert response.status_code == 403, path
        assert 'data-teachers-only="student"' in html and "ask your teacher" in html, path
        assert 'name="message"' not in html, path


def test_visitors_still_go_to_the_log_in_page(app, teacher):
    class_id, _ = create_class(teacher)
    visitor = new_client(app)
    for path in TEACH_PAGES:
        response = visitor.get(path.format(c=class_id))
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_the_403_page_reads_in_arabic_with_existing_words(app, teacher):
    """The page's frame (title bar, menu) is Arabic for an Arabic reader; its own new words come with the
    catalogue after merging."""
    learner = new_client(app)
    signup(learner)
    html = page(learner.get("/teach/"))
    assert '<html lang="ar"' in html and "سارة" in html


# -- finding the way: sign-up and log-in pages ---------------------------------------------------------------


def test_sign_up_and_log_in_link_to_how_to_become_a_teacher(app, client, token_file):
    english(client)
    for path in ("/signup", "/login"):
        assert 'href="/become-a-teacher"' in page(client.get(path)), path
    options = page(client.get("/become-a-teacher"))
    assert "An invitation from a colleague." in options and "A request from your account." in options
    assert "data-setup-open" in options  # no teacher yet: the setup page is offered
    client.get("/setup")
    client.post("/setup", data={**TEACHER_FORM, "setup_token": token_file.read_text().strip()})
    assert "data-setup-open" not in page(new_client(app).get("/become-a-teacher"))


def test_open_sign_up_still_makes_learners(app, client):
    signup(client)
    assert users(app) == [("sara", "learner")]


# -- at the same moment, against the real server --------------------------------------------------------------

N = 8


@pytest.fixture
def live_server_config(app, tmp_path) -> dict:
    path = tmp_path / "live-instance" / "setup_token"
    return {"SECRET_KEY": "live-server-secret", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SETUP_TOKEN_FILE": str(path)}


def test_setup_forms_sent_at_once_make_one_first_teacher(app, live_server, live_server_config):
    browsers = [live_server.browser() for _ in range(N)]
    forms = [b.form("/setup") for b in browsers]
    token = Path(live_server_config["SETUP_TOKEN_FILE"]).read_text().strip()
    responses = at_once(b.prepare(f, setup_token=token, username=f"teacher{i}", display_name=f"Teacher {i}",
                                  password="a long password", confirm="a long password")
                        for i, (b, f) in enumerate(zip(browsers, forms)))
    assert Counter(r.status_code for r in responses) == {302: 1, 409: N - 1}, [r.status_code for r in responses]
    assert [role for _, role in users(app)] == ["teacher"]
    assert all("data-setup-done" in r.text for r in responses if r.status_code == 409)
    assert token in live_server.log()  # gunicorn's console showed it to whoever runs the server
    assert not Path(live_server_config["SETUP_TOKEN_FILE"]).exists()
    live_server.assert_no_server_errors()


def test_one_request_form_sent_many_times_at_once_makes_one_request(app, live_server):
    browser = live_server.browser()
    signup_form = browser.form("/signup")
    browser.submit(signup_form, username="sara", display_name="Sara", password="a long password",
                   confirm="a long password")
    form = browser.form("/account/teacher-access")
    responses = at_once(browser.fork().prepare(form, message="grade 10 history") for _ in range(N))
    assert all(r.status_code == 302 for r in responses), [r.status_code for r in responses]
    assert the_request(app) == ("pending", "grade 10 history")
    live_server.assert_no_server_errors()


# -- in Arabic ---------------------------------------------------------------------------------------------------


def test_every_page_of_becoming_a_teacher_reads_in_arabic(app, teacher, token_file):
    """The pages of this file, walked as test_arabic_everywhere walks the others: no English word left."""
    from flask_babel import force_locale, gettext

    from tests.web.test_arabic_everywhere import Walk

    with app.test_request_context(), force_locale("ar"):
        if gettext("This page is for teachers") == "This page is for teachers":
            pytest.skip("the Arabic catalogue does not have this part's strings yet (/work/ar-teachers.json)")
    walk = Walk()
    visitor = new_client(app)
    for path in ("/login", "/signup", "/become-a-teacher"):
        walk.get(visitor, path)
    with app.app_context():  # the setup page, as a fresh install shows it
        db.session.execute(db.update(User).values(role="learner"))
        db.session.commit()
    walk.get(visitor, "/setup")
    walk.post(visitor, "/setup", {**TEACHER_FORM, "display_name": "كريم", "setup_token": "wrong"}, status=422)
    walk.post(visitor, "/setup", {**TEACHER_FORM, "username": "mr-karim", "display_name": "كريم",
                                  "setup_token": token_file.read_text().strip()})
    walk.get(new_client(app), "/setup", status=404)
    walk.user_content.update({"karim", "mr-karim", "sara"})
    learner = new_client(app)
    signup(learner)
    walk.get(learner, "/teach/", status=403)
    walk.get(learner, "/account")
    walk.get(learner, "/account/teacher-access")
    walk.post(learner, "/account/teacher-access", {"message": "أدرّس التاريخ"})
    walk.post(learner, "/account/teacher-access", {"message": "أدرّس التاريخ"})
    walk.get(learner, "/teach/sets", status=403)
    walk.user_content.add("أدرّس التاريخ")
    walk.get(visitor, "/teach/")  # the new teacher, signed in by the setup page
    walk.get(visitor, "/teach/requests")
    request_id = re.search(r'data-request-id="(\d+)"', page(visitor.get("/teach/requests"))).group(1)
    walk.post(visitor, f"/teach/requests/{request_id}/decline", {})
    walk.post(visitor, f"/teach/requests/{request_id}/approve", {})
    walk.get(learner, "/account/teacher-access")
    class_id, code = create_class(visitor)
    student, _ = join(app, code, "ليلى")
    walk.get(student, "/teach/", status=403)
    walk.get(student, "/account/teacher-access")
    walk.assert_clean(least=20)


def test_teachers_deciding_one_request_at_once_decide_it_once(app, live_server):
    """Two teachers, each with several tabs, press approve and decline on the same request together: one
    decision is kept, and the account's role agrees with it."""
    with app.app_context():
        for name in ("karim", "huda"):
            accounts.create_user(name, "teach-history", name, role="teacher")
        sara = accounts.create_user("sara", "a long password", "سارة")
        teacher_access.request_teacher_access(sara, "", MOMENT)
        db.session.commit()
        request_id = db.session.execute(db.select(TeacherRequest.id)).scalar_one()
        db.session.remove()
    calls = []
    for name in ("karim", "huda"):
        browser = live_server.browser()
        browser.submit(browser.form("/login"), username=name, password="teach-history")
        listing = browser.get("/teach/requests")
        for decision in ("approve", "decline"):
            form = browser.form(listing, action=f"/{request_id}/{decision}")
            calls.extend(browser.fork().prepare(form) for _ in range(N // 4))
    responses = at_once(calls)
    assert all(r.status_code == 302 for r in responses), [r.status_code for r in responses]
    status = the_request(app)[0]
    assert status in ("approved", "declined")
    assert dict(users(app))["sara"] == ("teacher" if status == "approved" else "learner")
    live_server.assert_no_server_errors()
