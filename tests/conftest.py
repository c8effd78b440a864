"""Shared fixtures: a fresh app and database per test (flaskr's shape), with the shipped chronology loaded (copied
from a database built once per session)."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz import create_app
from quiz.extensions import db
from quiz.services import chronologies

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def pytest_addoption(parser):
    parser.addoption("--db", choices=("sqlite", "postgresql"), default="sqlite",
                     help="database backend for the tests: sqlite (default) or postgresql (a throwaway "
                          "server the tests start themselves; see tests/pg_server.py)")
    parser.addoption("--pg-optional", action="store_true",
                     help="with --db=postgresql: when no PostgreSQL server binaries are installed, say so in "
                          "one line and stop successfully instead of failing (make test on a laptop; CI "
                          "never passes this)")


def pytest_configure(config):
    if config.getoption("--db") == "postgresql":
        from pg_server import postgres_unavailable_reason

        reason = postgres_unavailable_reason()
        if reason and config.getoption("--pg-optional"):
            pytest.exit(f"PostgreSQL tests not run: {reason} (CI runs them)", returncode=0)
        if reason:  # asked for explicitly: fail the run, do not skip
            raise pytest.UsageError(f"--db=postgresql: PostgreSQL is unavailable: {reason}")


def pytest_collection_modifyitems(config, items):
    if any("live_server" in getattr(item, "fixturenames", ()) for item in items):
        from tests.live_server import ZYGOTE

        ZYGOTE.start()  # imports the app in the background while the first tests run
    if config.getoption("--db") != "postgresql":
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker:
            why = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "SQLite-specific")
            item.add_marker(pytest.mark.skip(reason=f"sqlite_only: {why}"))


@pytest.fixture(scope="session")
def db_backend(pytestconfig) -> str:
    return pytestconfig.getoption("--db")


@pytest.fixture(scope="session")
def pg_server(db_backend):
    """One PostgreSQL server for the whole session (only with --db=postgresql)."""
    if db_backend != "postgresql":
        pytest.skip("needs --db=postgresql")
    from pg_server import PostgresServer

    server = PostgresServer()
    try:
        server.start()
    except Exception as error:  # noqa: BLE001 - report why, as a failure
        pytest.fail(f"--db=postgresql: could not start PostgreSQL: {error}", pytrace=False)
    yield server
    server.stop()


_database_numbers = itertools.count(1)


@pytest.fixture
def database_url(request, db_backend, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for this test: a SQLite file, or CREATE DATABASE test_<n> on pg_server."""
    if db_backend != "postgresql":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    server = request.getfixturevalue("pg_server")
    name = f"test_{next(_database_numbers)}"
    server.create_database(name)
    yield server.url(name)
    server.drop_database(name)  # WITH (FORCE): ends connections a test left open


def _test_config(database_url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
    }


@pytest.fixture
def app_config(database_url: str) -> dict:
    return _test_config(database_url)


@pytest.fixture(scope="session")
def loaded_template(request, db_backend, tmp_path_factory) -> str:
    """A database with the tables and the shipped chronology, built once per session: importing the chronology
    took 0.7 s, and every test that uses `app` starts from a copy of this one instead (`loaded_database_url`)."""
    if db_backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        server.create_database("loaded_template")
        url = server.url("loaded_template")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('template') / 'loaded.sqlite3'}"
    app = create_app(_test_config(url))
    with app.app_context():
        db.create_all()
        chronologies.import_shipped("us-iraq")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()  # a template must have no open connection (PostgreSQL) or unwritten log (SQLite)
    return url


@pytest.fixture
def loaded_database_url(request, db_backend, loaded_template: str, tmp_path: Path) -> Iterator[str]:
    """A fresh copy of `loaded_template` for this test: a copied SQLite file, or CREATE DATABASE … TEMPLATE."""
    if db_backend != "postgresql":
        template = Path(loaded_template.removeprefix("sqlite:///"))
        assert not template.with_name(template.name + "-wal").exists(), "the template's log was not written back"
        copy = tmp_path / "test.sqlite3"
        shutil.copyfile(template, copy)
        yield f"sqlite:///{copy}"
        return
    server = request.getfixturevalue("pg_server")
    name = f"test_{next(_database_numbers)}"
    server.create_database(name, template="loaded_template")
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def empty_app(app_config: dict):
    """An app with its tables created but no chronology loaded."""
    app = create_app(app_config)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(loaded_database_url: str):
    """An app on its own database, with the tables and the shipped chronology."""
    app = create_app(_test_config(loaded_database_url))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"the seed articles are not here ({path}); they live in the project's shared/ folder")
    return path


@pytest.fixture
def live_server_config(app) -> dict:
    """The configuration of the `live_server` app (JSON only: it crosses into gunicorn's processes).

    CSRF protection is on, as in production; override this fixture in a test module to change more."""
    return {
        "SECRET_KEY": "live-server-secret",
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
    }


@pytest.fixture
def live_server(app, live_server_config: dict, tmp_path: Path):
    """The real app under gunicorn (2 worker processes x 4 threads) on this test's database, which `app`
    has set up with the shipped chronology; yields a tests.live_server.LiveServer (its `.url`, `.browser()`,
    `.log()`, `.assert_no_server_errors()`). See tests/live_server.py for an example with `at_once`."""
    from tests.live_server import LiveServer

    with app.app_context():  # the test process keeps no connection open that could hold a lock
        db.session.remove()
        db.engine.dispose()
    server = LiveServer(live_server_config, tmp_path / "gunicorn.log")
    server.start()
    yield server
    server.stop()
