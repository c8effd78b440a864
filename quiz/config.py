"""Configuration: committed defaults, an untracked instance override, then the environment.

Order of precedence (last wins): `DefaultConfig` below, `instance/config.py` if present, environment
variables prefixed `CHRONOQUIZ_` (Flask's `from_prefixed_env`), `DATABASE_URL` / `SECRET_KEY` from the
environment, and finally the mapping a test passes to `create_app`.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import orjson
from flask import Flask


class DefaultConfig:
    # Arabic first; English is the second full language.
    LANGUAGES = ("ar", "en")
    BABEL_DEFAULT_LOCALE = "ar"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    # How Arabic month names are shown by default: "gregorian" (أبريل), "levantine" (نيسان) or "both".
    MONTH_STYLE = "both"
    # "western" (2003) or "eastern" (٢٠٠٣) digits in Arabic pages by default.
    DIGITS = "western"
    DEFAULT_CHRONOLOGY = "us-iraq"
    # The school's time zone: assignment windows are typed and shown in it, stored in UTC.
    TIMEZONE = "Asia/Baghdad"
    # The address other devices use to reach this server (e.g. "https://quiz.school.example"), for the join link
    # and QR code and for invitations. Unset: the address of the request, or the machine's LAN address when
    # that request came from this machine and the server listens on every interface (quiz/web/public_url.py).
    PUBLIC_URL: str | None = None
    # Where the one-time setup token for the first teacher is kept while no teacher exists (mode 0600).
    # Unset: instance/setup_token (quiz/services/teacher_access.py).
    SETUP_TOKEN_FILE: str | None = None

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # How long a request waits for a database lock held by another (a long write, a backup's restore, a stuck
    # process) before it is answered 503 with Retry-After (quiz/errors.py) instead of hanging; PostgreSQL also
    # stops any one statement after STATEMENT_TIMEOUT, well within the server's worker timeout (60 s).
    DB_LOCK_TIMEOUT_SECONDS = 5.0
    DB_STATEMENT_TIMEOUT_SECONDS = 30.0
    # Served over HTTPS only (CHRONOQUIZ_HTTPS=1): every cookie is Secure and every response carries HSTS, even
    # when a proxy in front terminates TLS and is not trusted (quiz/web/headers.py). Without it, the same happens
    # for the requests that do arrive over HTTPS.
    HTTPS = False
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host/-Port
    # (CHRONOQUIZ_TRUSTED_PROXIES=1): their word is believed only then (werkzeug's ProxyFix), since anyone can
    # send those headers.
    TRUSTED_PROXIES = 0
    HSTS_SECONDS = 365 * 24 * 3600
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # How long "keep me logged in" (and a student's join or personal code) lasts: the remember cookie's
    # lifetime, and also the longest any log-in is accepted by the server (quiz/web/sessions.py). A timedelta,
    # or seconds (CHRONOQUIZ_REMEMBER_COOKIE_DURATION=604800).
    REMEMBER_COOKIE_DURATION = dt.timedelta(days=30)
    WTF_CSRF_TIME_LIMIT = None  # a quiz may stay open for a whole lesson
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024  # an import may be up to 5 MB (quiz/interop), plus the form
    # ... except the import form's upload, which may carry images: up to 50 MB (quiz/interop/limits.py
    # MAX_UPLOAD_BYTES; the questions' text alone is still held to 5 MB), plus the form. Only that route.
    IMPORT_MAX_CONTENT_LENGTH = 51 * 1024 * 1024


def _sqlite_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "chronoquiz.sqlite3")


def normalise_database_url(url: str) -> str:
    """PostgreSQL URLs go through psycopg 3 (the `postgres` extra). Hosts still hand out `postgres://`,
    which SQLAlchemy does not know, and a bare `postgresql://` would mean psycopg2 on SQLAlchemy 2.0."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _json_text(value: object) -> str:
    # OPT_NON_STR_KEYS: as the standard library, a dict's int keys become strings rather than an error.
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def engine_options(url: str, given: dict | None, *, lock_timeout: float = 5.0,
                   statement_timeout: float = 30.0) -> dict:
    """The engine's settings for this database.

    - JSON columns (an attempt's questions, answers, review cards) go through orjson: the standard library's
      decoder was the largest single cost of an answer (a ~20 KB question list read per answer, 0.24 ms), and
      orjson reads it in a third of the time. It also writes Arabic as UTF-8 rather than as \\u escapes, so
      stored JSON is smaller. Both read each other's output.
    - pool_pre_ping checks a pooled connection with a statement before each request uses it: worth it on a
      server connection that a restart or a firewall can cut, pointless on a SQLite file.
    - Lock waits are bounded (`lock_timeout`: SQLite's busy timeout, PostgreSQL's lock_timeout) and so is every
      PostgreSQL statement (`statement_timeout`): a locked database answers 503 soon, never a hung worker.
    """
    options = dict(given or {})
    options.setdefault("json_serializer", _json_text)
    options.setdefault("json_deserializer", orjson.loads)
    connect_args = dict(options.get("connect_args") or {})
    if url.startswith("sqlite"):
        options.pop("pool_pre_ping", None)
        connect_args.setdefault("timeout", lock_timeout)
    elif url.startswith("postgresql"):
        connect_args.setdefault("options", f"-c lock_timeout={int(lock_timeout * 1000)} "
                                           f"-c statement_timeout={int(statement_timeout * 1000)}")
    options["connect_args"] = connect_args
    return options


def instance_secret_key(instance_path: str) -> str:
    """A secret generated once per installation and kept in instance/secret_key (mode 0600)."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    key = secrets.token_hex(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


def configure(app: Flask, test_config: dict | None) -> None:
    app.config.from_object(DefaultConfig)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("CHRONOQUIZ")
        if os.environ.get("DATABASE_URL"):
            app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
        if os.environ.get("SECRET_KEY"):
            app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    else:
        app.config.from_mapping(test_config)

    app.config.setdefault("SQLALCHEMY_DATABASE_URI", _sqlite_url(app.instance_path))
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"], app.config.get("SQLALCHEMY_ENGINE_OPTIONS"),
        lock_timeout=float(app.config["DB_LOCK_TIMEOUT_SECONDS"]),
        statement_timeout=float(app.config["DB_STATEMENT_TIMEOUT_SECONDS"]))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)
