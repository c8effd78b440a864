"""App-wide error pages: JSON for the API, HTML for people. The 500 handler rolls the session back."""

from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from .extensions import db
from .services.chronologies import ChronologyNotLoaded


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

    @app.errorhandler(500)
    def internal_error(error: Exception):
        db.session.rollback()
        if _wants_json():
            return {"error": "Internal Server Error", "status": 500}, 500
        return render_template("errors/500.html"), 500
