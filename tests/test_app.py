"""The application factory: configuration sources, secrets, resource paths, migrations, translations."""

from __future__ import annotations

import datetime as dt
import os
import stat
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from quiz import create_app, paths
from quiz.config import normalise_database_url
from quiz.extensions import db
from quiz.schema import upgrade_schema

REPO = Path(__file__).resolve().parent.parent


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///" + os.path.join(app.instance_path, "chronoquiz.sqlite3")


def test_database_url_from_the_environment_wins(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal/chronoquiz")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.internal/chronoquiz"
    assert app.config["SECRET_KEY"] == "from-env"


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    from quiz.config import instance_secret_key

    first = instance_secret_key(str(tmp_path))
    assert len(first) == 64 and instance_secret_key(str(tmp_path)) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_no_secret_key_is_hard_coded():
    for source in (REPO / "quiz").rglob("*.py"):
        assert "SECRET_KEY = \"" not in source.read_text(encoding="utf-8"), source


def test_postgres_scheme_is_normalised():
    assert normalise_database_url("postgres://a/b") == "postgresql+psycopg://a/b"
    assert normalise_database_url("postgresql://a/b") == "postgresql+psycopg://a/b"
    assert normalise_database_url("postgresql+psycopg://a/b") == "postgresql+psycopg://a/b"
    assert normalise_database_url("sqlite:///x") == "sqlite:///x"


def test_migrations_build_exactly_the_models_schema(database_url):
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        upgrade_schema()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert diff == [], f"models and migrations disagree; run flask db migrate: {diff}"


def test_upgrading_from_0004_keys_the_names_students_joined_with(database_url):
    """0005 on a database with classes in it, duplicates made while the join race was open included: the
    first student of a name keeps it, a later duplicate and a learner with an account get no key, and the
    new unique keys hold from then on."""
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        upgrade_schema("0004")
        with db.engine.begin() as connection:
            run = lambda sql, **values: connection.execute(sa.text(sql), values)  # noqa: E731
            for user_id, name, password_hash, role in [(1, "karim", "x$y", "teacher"), (2, "ليلى", "!", "learner"),
                                                       (3, "لَيْلى", "!", "learner"), (4, "عمر", "!", "learner"),
                                                       (5, "ليلى", "x$y", "learner")]:
                run('INSERT INTO "user" (id, username, display_name, password_hash, role, active, created_at) '
                    "VALUES (:id, :username, :name, :hash, :role, true, :at)", id=user_id, username=f"u{user_id}",
                    name=name, hash=password_hash, role=role, at=dt.datetime(2026, 1, 1))
            run("INSERT INTO classroom (id, teacher_id, name, join_code, created_at) "
                "VALUES (1, 1, 'الصف', 'ACDEFG', :at)", at=dt.datetime(2026, 1, 1))
            for membership_id, user_id in [(1, 2), (2, 3), (3, 4), (4, 5)]:
                run("INSERT INTO membership (id, classroom_id, user_id, joined_at, resume_code_hash) "
                    "VALUES (:id, 1, :user_id, :at, :hash)", id=membership_id, user_id=user_id,
                    at=dt.datetime(2026, 1, 1, 9, membership_id), hash=f"{membership_id:064d}")
        upgrade_schema()
        with db.engine.begin() as connection:
            keys = connection.execute(sa.text("SELECT id, name_key, join_token_hash FROM membership ORDER BY id")).all()
            assert [tuple(row) for row in keys] == [(1, "ليلي", None), (2, None, None), (3, "عمر", None),
                                                    (4, None, None)]
            names = {c["name"] for c in sa.inspect(connection).get_unique_constraints("membership")}
            assert {"uq_membership_classroom_id_name_key", "uq_membership_classroom_id_join_token_hash"} <= names
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE membership SET name_key = 'عمر' WHERE id = 2"))
        db.engine.dispose()


def test_resources_are_found(app):
    assert (paths.templates_dir() / "base.html").is_file()
    assert paths.registry_path().is_file() and paths.shipped_chronology_path().is_file()
    assert (paths.migrations_dir() / "env.py").is_file()
    assert app.template_folder == str(paths.templates_dir())


def test_compiled_arabic_catalogue_matches_its_source():
    po_path = paths.PACKAGE_DIR / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    def entries(catalog):
        as_tuple = lambda v: tuple(v) if isinstance(v, (list, tuple)) else v  # noqa: E731
        return {as_tuple(m.id): as_tuple(m.string) for m in catalog if m.id}

    with po_path.open("rb") as f:
        po = entries(read_po(f))
    with po_path.with_suffix(".mo").open("rb") as f:
        mo = entries(read_mo(f))
    assert po == mo, "run: make translations (the .mo is stale)"
    untranslated = [k for k, v in po.items() if not (all(v) if isinstance(v, tuple) else v)]
    assert untranslated == []


@pytest.mark.slow
def test_a_wheel_carries_templates_questions_and_migrations(tmp_path):
    hatchling = pytest.importorskip("hatchling.builders.wheel")
    builder = hatchling.WheelBuilder(str(REPO))
    wheel = next(iter(builder.build(directory=str(tmp_path), versions=["standard"])))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("quiz/templates/base.html", "quiz/questions/registry.yaml",
                     "quiz/questions/chronologies/us-iraq.yaml", "quiz/migrations/env.py",
                     "quiz/static/css/app.css", "quiz/translations/ar/LC_MESSAGES/messages.mo",
                     "quiz/chronology/second_look.json"):  # the extractor's learned second look
        assert required in names
