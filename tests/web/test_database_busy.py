"""A database locked by someone else (a long write, a restore, a stuck process) answers 503 with Retry-After
after a bounded wait, in the reader's language, changes nothing, and the app works again once the lock is gone.
Real locks on both databases: a second connection holds them."""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager

import pytest

from quiz import create_app
from quiz.extensions import db
from quiz.models.user import User
from tests.web.helpers import page, signup


@pytest.fixture
def impatient_app(loaded_database_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": loaded_database_url,
                      "WTF_CSRF_ENABLED": False, "DB_LOCK_TIMEOUT_SECONDS": 0.3})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@contextmanager
def locked(url: str):
    """Another process's lock on the whole database (SQLite) or on the accounts table (PostgreSQL)."""
    if url.startswith("sqlite"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        connection.execute("BEGIN EXCLUSIVE")
    else:
        import psycopg

        connection = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
        connection.execute('LOCK TABLE "user" IN ACCESS EXCLUSIVE MODE')
    try:
        yield
    finally:
        connection.rollback()
        connection.close()


def users(app) -> int:
    with app.app_context():
        count = db.session.execute(db.select(db.func.count(User.id))).scalar_one()
        db.session.remove()
        return count


def test_a_locked_database_answers_503_soon_with_retry_after_and_saves_nothing(impatient_app, loaded_database_url):
    client = impatient_app.test_client()
    before = users(impatient_app)
    with locked(loaded_database_url):
        started = time.monotonic()
        busy = signup(client)
        waited = time.monotonic() - started
        shown = client.get("/signup")
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "5"
    assert waited < 3  # the lock wait is bounded (0.3 s here), not the old 10 s and a 500
    assert "الخادم مشغول" in page(busy) and "http-equiv=\"refresh\"" not in page(busy)  # a form is not re-sent
    assert shown.status_code in (200, 503)  # a page that reads no locked table may still be served
    assert users(impatient_app) == before
    assert signup(client).status_code == 302  # the lock is gone: the same form goes through
    assert users(impatient_app) == before + 1

