"""Backups you can trust: `flask backup` while a learner is answering, `flask restore` of it with nothing lost, on
the database the app really uses (migrated, not create_all: a backup must carry its schema revision), on SQLite
and on PostgreSQL (`--db=postgresql`, with pg_dump / pg_restore)."""

from __future__ import annotations

import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest

from quiz import create_app
from quiz.extensions import db
from quiz.models.attempt import Response
from quiz.schema import code_revision, upgrade_schema
from quiz.services import backup, chronologies
from tests.web.helpers import answer_data, page, question_form, signup


@pytest.fixture
def migrated_app(database_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url,
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        upgrade_schema()
        chronologies.import_shipped("us-iraq")
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _needs_pg_tools(url: str) -> None:
    if not url.startswith("sqlite"):
        try:
            backup.pg_tool("pg_dump")
            backup.pg_tool("pg_restore")
        except backup.BackupError as missing:
            pytest.skip(str(missing))


def answer_count(app) -> int:
    with app.app_context():
        count = db.session.execute(db.select(db.func.count(Response.id))).scalar_one()
        db.session.remove()
        return count


class Learner(threading.Thread):
    """A learner answering practice questions as fast as the app takes them, counting the answers it was told
    were saved (a redirect) and when."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.client = app.test_client()
        signup(self.client)
        self.confirmed: list[float] = []
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                url = self.client.post("/practice", data={"count": "5"}).headers["Location"]
                for _ in range(5):
                    shown = self.client.get(url)
                    if shown.status_code != 200 or self.stop.is_set():
                        break
                    posted = self.client.post(f"{url}/answer", data=answer_data(question_form(page(shown))))
                    assert posted.status_code in (302, 303), posted.status_code
                    self.confirmed.append(time.monotonic())
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.error = error


def test_a_backup_taken_while_answers_are_written_restores_with_nothing_lost(migrated_app, database_url, tmp_path):
    _needs_pg_tools(database_url)
    runner = migrated_app.test_cli_runner()
    learner = Learner(migrated_app)
    learner.start()
    while len(learner.confirmed) < 5 and learner.is_alive():
        time.sleep(0.01)
    started = time.monotonic()
    target = tmp_path / "backups" / "class.backup"
    made = runner.invoke(args=["backup", "--to", str(target)])
    finished = time.monotonic()
    assert made.exit_code == 0, made.output
    while len(learner.confirmed) < 5 + len([t for t in learner.confirmed if t < finished]) and learner.is_alive():
        time.sleep(0.01)  # a few more answers after the backup: they must not be in it
    learner.stop.set()
    learner.join(30)
    assert learner.error is None, learner.error
    confirmed_before = len([t for t in learner.confirmed if t < started])
    total = answer_count(migrated_app)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # every student's answers: owner-only

    restored = runner.invoke(args=["restore", str(target), "--yes"])
    assert restored.exit_code == 0, restored.output
    in_backup = answer_count(migrated_app)
    assert confirmed_before <= in_backup < total  # everything confirmed before the backup began, none after it
    with migrated_app.app_context():  # the restored database is whole and works: the app answers on it
        assert db.session.execute(db.select(db.func.count(Response.id))).scalar_one() == in_backup
        db.session.remove()
    again = migrated_app.test_client()
    signup(again, username="omar")
    assert again.post("/practice", data={"count": "5"}).status_code == 302


def test_restoring_sqlite_keeps_the_database_as_it_was_beside_it(migrated_app, database_url, tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("the copy kept beside the database is SQLite's")
    runner = migrated_app.test_cli_runner()
    target = tmp_path / "empty.sqlite3"
    assert runner.invoke(args=["backup", "--to", str(target)]).exit_code == 0
    signup(migrated_app.test_client(), username="after")  # written after the backup
    restored = runner.invoke(args=["restore", str(target), "--yes"])
    assert restored.exit_code == 0 and "before-restore" in restored.output
    kept = Path(restored.output.rsplit(": ", 1)[1].strip())
    with sqlite3.connect(kept) as connection:
        assert connection.execute("SELECT count(*) FROM user WHERE username = 'after'").fetchone() == (1,)


@pytest.mark.parametrize("content, message", [
    (b"not a database at all", "not a SQLite database"),
    (None, "not a Chronoquiz backup"),  # a SQLite file without a schema revision
])
def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(migrated_app, database_url, tmp_path, content,
                                                                     message):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's checks")
    source = tmp_path / "other.sqlite3"
    if content is None:
        with sqlite3.connect(source) as connection:
            connection.execute("CREATE TABLE t (x)")
    else:
        source.write_bytes(content)
    before = answer_count(migrated_app)
    refused = migrated_app.test_cli_runner().invoke(args=["restore", str(source), "--yes"])
    assert refused.exit_code != 0 and message in refused.output
    assert answer_count(migrated_app) == before
    signup(migrated_app.test_client(), username="still")  # the database still works


def test_a_backup_from_a_newer_app_is_refused(migrated_app, database_url, tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's checks")
    runner = migrated_app.test_cli_runner()
    target = tmp_path / "newer.sqlite3"
    assert runner.invoke(args=["backup", "--to", str(target)]).exit_code == 0
    with sqlite3.connect(target) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    refused = runner.invoke(args=["restore", str(target), "--yes"])
    assert refused.exit_code != 0 and "newer Chronoquiz" in refused.output and code_revision() in refused.output


def test_a_backup_never_overwrites_a_file(migrated_app, tmp_path):
    target = tmp_path / "taken"
    target.write_text("keep me")
    refused = migrated_app.test_cli_runner().invoke(args=["backup", "--to", str(target)])
    assert refused.exit_code != 0 and "exists already" in refused.output
    assert target.read_text() == "keep me"


def test_the_database_file_and_the_instance_folder_are_the_owners_alone(tmp_path):
    database = tmp_path / "school.sqlite3"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        upgrade_schema()
        db.session.remove()
        db.engine.dispose()
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(app.instance_path).stat().st_mode) & 0o077 == 0
