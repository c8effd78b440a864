"""Chronoquiz: quizzes from a sourced event chronology.

`create_app` is the only place that wires Flask together: config, extensions, blueprints, CLI and error
handlers. It does no migrations, network or prompts (the `setup` command does the one-time work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import paths

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    # Flask is imported here, not at the top: the pure packages (quiz.chronology, generate, scoring, authoring,
    # interop) are imported through this package and must load without it (tests/test_code_quality.py).
    from flask import Flask

    app = Flask(
        __name__,
        instance_relative_config=True,
        # templates/ sits at the top of the repository (design card), outside the package.
        template_folder=str(paths.templates_dir()),
    )
    paths.ensure_dir(app.instance_path)
    paths.owner_only(app.instance_path)  # the database, the secret key and backups live there
    from .web.ids import DatabaseIdConverter

    app.url_map.converters["int"] = DatabaseIdConverter  # before any route is added

    from .config import configure

    configure(app, test_config)

    from . import i18n, models  # noqa: F401  (models registers the tables)
    from .extensions import babel, csrf, db, login_manager

    db.init_app(app)
    from .services import transactions

    transactions.init_app(app)
    import click

    if click.get_current_context(silent=True) is not None:  # the flask command line: `flask db …` needs it
        from .schema import init_migrations

        init_migrations(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    from .web.access import init_login

    init_login(login_manager)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(paths.PACKAGE_DIR / "translations"),
    )
    i18n.init_app(app)

    from .cli import register_commands
    from .errors import register_error_handlers
    from .web import register_blueprints

    register_blueprints(app)
    from .web import answer_ui, charts, guard, headers, input_guard

    input_guard.init_app(app)
    answer_ui.init_app(app)
    charts.init_app(app)
    guard.init_app(app)
    headers.init_app(app)
    register_error_handlers(app)
    register_commands(app)
    return app
