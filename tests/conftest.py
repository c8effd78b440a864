"""Shared fixtures: a fresh app and database per test (flaskr's shape), with the shipped chronology loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import create_app
from quiz.extensions import db
from quiz.services import chronologies

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def app_config(tmp_path: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "WTF_CSRF_ENABLED": False,
    }


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
def app(empty_app):
    with empty_app.app_context():
        chronologies.import_shipped("us-iraq")
        db.session.commit()
    return empty_app


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
