"""Flask extensions, created unbound here and bound to the app in create_app()."""

from __future__ import annotations

import os

from flask_babel import Babel
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so Alembic migrations read the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()


# An execution option that asks for a transaction that will write (quiz/services/transactions.py).
WRITE_OPTION = "chronoquiz_write"


def _is_sqlite(dbapi_connection) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


def _owner_only(cursor) -> None:
    """The database file readable by the app's account only: it holds every student's answers. (SQLite gives
    its -wal and -shm files the database's permissions.)"""
    for _number, _name, path in cursor.execute("PRAGMA database_list").fetchall():
        if path and os.path.exists(path) and os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)


@event.listens_for(Engine, "connect")
def _sqlite_connection_setup(dbapi_connection, connection_record) -> None:
    """Per SQLite connection: enforce foreign keys (SQLite ignores them unless asked; the schema's constraints
    must hold there too), wait for a lock instead of failing at once, and let SQLAlchemy, not the driver, say
    where transactions begin (below)."""
    if _is_sqlite(dbapi_connection):
        # Python's sqlite3 module begins transactions lazily, only before a write, and a SAVEPOINT outside a
        # transaction commits on its release: an answer was committed on its own while the rest of its request
        # failed. With the driver's own handling off, every transaction begins where SQLAlchemy begins it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # The wait for another writer's lock is the driver's `timeout` (quiz/config.py engine_options).
        _owner_only(cursor)
        # Write-ahead logging: readers never wait for the writer, which a class answering at once needs.
        # synchronous=NORMAL is WAL's usual pairing: a commit survives the app's crash (the promise that no
        # given answer is lost), and only an OS crash or power cut can undo the last commits.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection) -> None:
    """BEGIN on SQLite; BEGIN IMMEDIATE for a transaction that will write. An immediate transaction takes the
    database's write lock first, so two writers queue instead of both reading and then one failing to write
    (SQLITE_BUSY); and everything it reads stays as read until it commits: the same serialisation that
    SELECT … FOR UPDATE gives on PostgreSQL."""
    if connection.dialect.name == "sqlite":
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
