"""App-wide error pages: JSON for the API, HTML for people. The 500 handler rolls the session back."""

from __future__ import annotations

from flask import Flask, render_template, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from .extensions import db
from .services.chronologies import ChronologyNotLoaded

RETRY_AFTER_SECONDS = 5
# SQLite: "database is locked"; PostgreSQL: lock_not_available (55P03), query_canceled (57014, statement_timeout).
_LOCK_SQLSTATES = {"55P03", "57014"}


def _is_lock_timeout(error: OperationalError) -> bool:
    if getattr(error.orig, "sqlstate", None) in _LOCK_SQLSTATES:
        return True
    return "database is locked" in str(error.orig) or "database table is locked" in str(error.orig)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if _wants_json():
            return {"error": error.name, "status": error.code, "description": error.description}, error.code
        return render_template("errors/http.html", error=error), error.code

    @app.errorhandler(ChronologyNotLoaded)
    def chronology_missing(error: ChronologyNotLoaded):
        app.logger.error("chronology %s is not in the database; run: flask --app quiz setup", error)
        if _wants_json():
            return {"error": "Service Unavailable", "status": 503, "description": "chronology not loaded"}, 503
        return render_template("errors/not_loaded.html", slug=str(error)), 503

    @app.errorhandler(OperationalError)
    def database_busy(error: OperationalError):
        """A lock another request or process held for longer than DB_LOCK_TIMEOUT_SECONDS (or a PostgreSQL
        statement past its timeout): the request changed nothing (rolled back); try again shortly."""
        db.session.rollback()
        if not _is_lock_timeout(error):
            raise error
        app.logger.warning("database busy: %s", error.orig)
        retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        if _wants_json():
            return {"error": "Service Unavailable", "status": 503, "description": "database busy"}, 503, retry
        # A page asked for again by itself; a form is not sent again behind the person's back.
        return render_template("errors/busy.html", retry_after=RETRY_AFTER_SECONDS,
                               refresh=request.method == "GET"), 503, retry

    @app.errorhandler(500)
    def internal_error(error: Exception):
        db.session.rollback()
        if _wants_json():
            return {"error": "Internal Server Error", "status": 500}, 500
        return render_template("errors/500.html"), 500
