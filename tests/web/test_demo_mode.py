"""No default password on a real install (issue 16, item 3): `flask setup` creates no account unless asked for
the demo (`--demo`, what `make run` does); a demo install is marked in the database, and every one of its pages
says so in Arabic and English; a real install's pages say nothing of the kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import Clock, login, page, signup

from quiz import create_app
from quiz.extensions import db
from quiz.models import Assignment, Classroom, DemoInstall, User
from quiz.services import demo
from quiz.services.demo import is_demo_install, load_demo, mark_demo_install

BANNER = "data-demo-install"
DEMO_TEACHER, DEMO_LEARNER = demo.TEACHER[:2], demo.LEARNER[:2]
# The pages without a parameter in their address, for each kind of visitor (the rest are followed from them).
PLAIN_PAGES = ("/", "/timeline", "/signup", "/login", "/account", "/become-a-teacher", "/setup",
               "/account/teacher-access", "/practice", "/history", "/progress", "/review", "/join", "/resume",
               "/live", "/teach/", "/teach/sets", "/teach/articles", "/teach/sets/import", "/teach/live",
               "/teach/requests")


@pytest.fixture
def fresh_app(database_url: str, tmp_path: Path):
    """An app on an empty database, as a new server has before `flask setup`."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url,
                      "WTF_CSRF_ENABLED": False, "SETUP_TOKEN_FILE": str(tmp_path / "setup_token")})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _setup(app, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=["setup", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _accounts(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(db.select(User.username)))


def _html_pages(client, addresses) -> dict[str, str]:
    """The HTML of every address that answers with a page (after redirects): what a person would see."""
    seen = {}
    for address in addresses:
        response = client.get(address, follow_redirects=True)
        if response.mimetype == "text/html":
            seen[address] = page(response)
    return seen


# -- setup ------------------------------------------------------------------------------------------------


def test_setup_without_demo_creates_no_account_and_says_how_to_make_the_first_teacher(fresh_app, tmp_path):
    output = _setup(fresh_app)
    assert _accounts(fresh_app) == []
    assert "chronoquiz-teacher" not in output and "demo data loaded" not in output
    token = (tmp_path / "setup_token").read_text().strip()
    assert f"open /setup and enter this setup token: {token}" in output and "users create-teacher" in output
    with fresh_app.app_context():
        assert not is_demo_install()
    # Nobody can log in with the published demo passwords.
    client = fresh_app.test_client()
    for username, password in (DEMO_TEACHER, DEMO_LEARNER):
        response = client.post("/login", data={"username": username, "password": password})
        assert response.status_code != 302
        assert client.get("/teach/").status_code in (302, 401, 403)


def test_setup_run_again_without_demo_still_creates_nothing(fresh_app):
    _setup(fresh_app, "--no-demo")
    _setup(fresh_app)
    assert _accounts(fresh_app) == []


def test_setup_with_demo_loads_logins_that_work_and_marks_the_install(fresh_app):
    output = _setup(fresh_app, "--demo")
    assert "teacher: teacher / chronoquiz-teacher" in output and "this is a demo install" in output
    assert "setup token" not in output  # a teacher exists: the setup page is closed
    with fresh_app.app_context():
        assert is_demo_install()
    teacher = fresh_app.test_client()
    login(teacher, *DEMO_TEACHER)
    assert "الصف العاشر - أ" in page(teacher.get("/teach/"))
    learner = fresh_app.test_client()
    login(learner, *DEMO_LEARNER)
    assert learner.get("/history").status_code == 200
    again = _setup(fresh_app, "--demo")
    assert "already present" in again
    with fresh_app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(DemoInstall)).scalar_one() == 1
        assert db.session.execute(db.select(db.func.count()).select_from(Classroom)).scalar_one() == 1


def test_the_demo_command_marks_the_install_too(app, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        assert is_demo_install()
    assert BANNER in page(app.test_client().get("/"))


def test_marking_twice_keeps_one_mark(app):
    clock = Clock()
    with app.app_context():
        mark_demo_install(clock())
        clock.advance(days=1)
        mark_demo_install(clock())
        db.session.commit()
        assert db.session.get(DemoInstall, 1).loaded_at.replace(tzinfo=None) == \
            Clock()().replace(tzinfo=None)


# -- the banner -----------------------------------------------------------------------------------------------


@pytest.fixture
def demo_app(app):
    with app.app_context():
        load_demo(app.config["DEFAULT_CHRONOLOGY"], Clock()())
        db.session.commit()
    return app


def _pages_of_each_visitor(app) -> dict[str, str]:
    """Every page a visitor, the demo learner and the demo teacher reach: the plain addresses, the class, the
    assignment and an address that does not exist."""
    with app.app_context():
        class_id = db.session.execute(db.select(Classroom.id)).scalar_one()
        assignment_id = db.session.execute(db.select(Assignment.id)).scalar_one()
    extra = (f"/teach/classes/{class_id}", f"/teach/assignments/{assignment_id}", "/no-such-page")
    seen = {}
    for who in ("visitor", DEMO_LEARNER, DEMO_TEACHER):
        client = app.test_client()
        if who != "visitor":
            login(client, *who)
        for address, html in _html_pages(client, PLAIN_PAGES + extra).items():
            seen[f"{who} {address}"] = html
    return seen


def test_every_page_of_a_demo_install_says_it_is_a_demo_in_both_languages(demo_app):
    seen = _pages_of_each_visitor(demo_app)
    assert len(seen) > 40
    missing = [name for name, html in seen.items() if html.count(BANNER) != 1]
    assert not missing
    banner = re.search(r'<div class="demo-banner".*?</div>', seen["visitor /"], re.S).group(0)
    assert 'lang="ar"' in banner and "نسخة تجريبية" in banner
    assert 'lang="en"' in banner and "Demo install" in banner and "real students" in banner


def test_the_banner_shows_in_english_pages_too(demo_app):
    client = demo_app.test_client()
    client.post("/prefs/", data={"lang": "en", "month_style": "both", "digits": "western", "next": "/"})
    html = page(client.get("/"))
    assert 'lang="en"' in html[:200] and BANNER in html


def test_a_real_install_shows_no_banner_anywhere(app):
    """The same pages on an install whose teacher came from `users create-teacher`, with a learner."""
    runner = app.test_cli_runner()
    assert runner.invoke(args=["users", "create-teacher", "karim", "--password", "teach-history"]).exit_code == 0
    signup(app.test_client(), "sara")
    for who in ("visitor", ("sara", "a long password"), ("karim", "teach-history")):
        client = app.test_client()
        if who != "visitor":
            login(client, *who)
        pages = _html_pages(client, PLAIN_PAGES + ("/no-such-page",))
        assert pages and not [address for address, html in pages.items() if BANNER in html or "demo-banner" in html]
    with app.app_context():
        assert not is_demo_install()


def test_an_install_set_up_with_the_old_default_is_marked_as_a_demo_when_upgraded(fresh_app):
    """Before this change `flask setup` loaded the demo by default: such a database holds the published
    passwords, so the upgrade marks it; one whose only teacher happens to be called "teacher" is not marked."""
    from flask_migrate import downgrade
    from sqlalchemy import text

    from quiz import paths
    from quiz.schema import upgrade_schema

    insert = text('INSERT INTO "user" (username, display_name, password_hash, role, active) '
                  "VALUES (:name, :name, '!', :role, :active)")
    with fresh_app.app_context():
        upgrade_schema("0017")
        db.session.execute(insert, {"name": "teacher", "role": "teacher", "active": True})
        db.session.commit()
        upgrade_schema()
        assert not is_demo_install()  # a teacher named "teacher", without the demo learner
        db.session.remove()
        downgrade(directory=str(paths.migrations_dir()), revision="0017")
        db.session.execute(insert, {"name": "learner", "role": "learner", "active": True})
        db.session.commit()
        upgrade_schema()
        assert is_demo_install()
        db.session.remove()

