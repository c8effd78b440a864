"""Fixtures for the web tests."""

from __future__ import annotations

import pytest

from quiz.extensions import db
from quiz.services import accounts
from tests.web.helpers import Clock, login


@pytest.fixture
def clock(app):
    """The app's clock, moved by the test (assignment windows, time limits, review schedules)."""
    clock = Clock()
    app.config["CLOCK"] = clock
    return clock


@pytest.fixture
def teacher(app, client):
    """A client logged in as the teacher Karim."""
    with app.app_context():
        accounts.create_user("karim", "teach-history", "الأستاذ كريم", role="teacher")
        db.session.commit()
    login(client, "karim", "teach-history")
    return client


@pytest.fixture
def school_in_utc(app) -> None:
    """The school's time zone is UTC, so the times a test types are the times stored."""
    app.config["TIMEZONE"] = "UTC"


@pytest.fixture
def huda(app) -> None:
    """Huda, a colleague of Karim's on the same server (who must not see his classes)."""
    with app.app_context():
        accounts.create_user("huda", "teach-history", "الأستاذة هدى", role="teacher")
        db.session.commit()
