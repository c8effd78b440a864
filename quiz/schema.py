"""The database schema's migrations (Alembic, through Flask-Migrate), loaded only where they are used.

Alembic costs every process that imports it about 11 MB; a server worker never migrates, so the app does not
load it to serve. The `flask` command line loads it (create_app sees the click context), so `flask db …`
works as usual, and `flask setup` and the tests upgrade through `upgrade_schema`.
"""

from __future__ import annotations

from flask import Flask, current_app

from . import paths


def init_migrations(app: Flask) -> None:
    if "migrate" in app.extensions:
        return
    from flask_migrate import Migrate

    from .extensions import db

    # render_as_batch: SQLite cannot ALTER most constraints in place; batch mode rebuilds the table.
    Migrate(app, db, directory=str(paths.migrations_dir()), render_as_batch=True)


def upgrade_schema(revision: str = "head") -> None:
    """Bring the database of the current app to `revision` (the latest by default)."""
    from flask_migrate import upgrade

    init_migrations(current_app._get_current_object())  # type: ignore[attr-defined]
    upgrade(directory=str(paths.migrations_dir()), revision=revision)


def code_revision() -> str:
    """The newest schema revision this code knows (what `upgrade_schema()` brings a database to)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(paths.migrations_dir())).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head
