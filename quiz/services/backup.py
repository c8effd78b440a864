"""Backups of the whole database, taken while the app runs, and their restore.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies the database within one read transaction, so a
backup taken while a class is answering is one consistent moment, never a half-written file (copying the file,
or its -wal beside it, can be). PostgreSQL: `pg_dump` in its custom format (one consistent snapshot,
restored with `pg_restore`). Backups are written owner-only (mode 0600): they hold every student's answers.

A restore first keeps the database as it was beside it (SQLite) and refuses a file that is not a Chronoquiz
backup, a damaged one, or one from a newer version of the app; a restore is never half done.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

OWNER_ONLY = 0o600
PG_BIN_DIRS = ("/usr/lib/postgresql",)  # Debian's versioned folders (15/bin, ...), newest first


class BackupError(Exception):
    """A backup or restore that cannot be done, with what to do about it."""


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int
    schema_revision: str | None


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for any other database (or an in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def default_target(folder: Path, url: str, moment: dt.datetime) -> Path:
    suffix = ".sqlite3" if sqlite_path(url) else ".pgdump"
    return folder / f"chronoquiz-{moment.strftime('%Y%m%d-%H%M%S')}{suffix}"


def make_owner_only(path: Path) -> None:
    """Only the account that runs the app may read it (a database or backup holds every student's answers)."""
    if path.exists():
        os.chmod(path, OWNER_ONLY if path.is_file() else 0o700)


def _create_owner_only(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def backup(url: str, target: Path) -> Backup:
    """Back up the database at `url` into `target` (which must not exist yet)."""
    if target.exists():
        raise BackupError(f"{target} exists already: choose another file name")
    database = sqlite_path(url)
    if database is not None:
        return _backup_sqlite(database, target)
    if make_url(url).get_backend_name() == "postgresql":
        return _backup_postgres(url, target)
    raise BackupError(f"no backup for this database ({make_url(url).get_backend_name()})")


def _backup_sqlite(database: Path, target: Path) -> Backup:
    if not database.exists():
        raise BackupError(f"no database at {database}: run `flask --app quiz setup` first")
    _create_owner_only(target)
    try:
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
        copy = sqlite3.connect(target)
        try:
            # In one step: one read transaction, so the copy is one moment of the database. In WAL mode (the
            # app's) writers go on meanwhile; a copy in several steps would restart whenever a class answers.
            source.backup(copy)
            revision = _revision(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            copy.close()
            source.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise BackupError(f"the backup failed: {error}") from error
    return Backup(target, target.stat().st_size, revision)


def _check_sqlite_backup(source: Path, code_revision: str) -> str:
    """The backup's schema revision, after checking it is a whole Chronoquiz database this app can read."""
    try:
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise BackupError(f"{source} is damaged (SQLite's integrity check failed): use another backup")
            revision = _revision(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a SQLite database ({error})") from error
    if revision is None:
        raise BackupError(f"{source} is not a Chronoquiz backup (no schema revision in it)")
    if revision > code_revision:
        raise BackupError(f"{source} comes from a newer Chronoquiz (schema {revision}, this one knows up to "
                          f"{code_revision}): upgrade the app first")
    return revision


def restore(url: str, source: Path, code_revision: str, moment: dt.datetime) -> Path | None:
    """Replace the database at `url` with the backup `source`. SQLite: returns where the database as it was is
    kept. Stop the app first: its open sessions would otherwise carry on over the restored data."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    database = sqlite_path(url)
    if database is not None:
        return _restore_sqlite(source, database, code_revision, moment)
    if make_url(url).get_backend_name() == "postgresql":
        _restore_postgres(url, source)
        return None
    raise BackupError(f"no restore for this database ({make_url(url).get_backend_name()})")


def _restore_sqlite(source: Path, database: Path, code_revision: str, moment: dt.datetime) -> Path | None:
    _check_sqlite_backup(source, code_revision)
    kept = None
    if database.exists():
        kept = database.with_name(f"{database.name}.before-restore-{moment.strftime('%Y%m%d-%H%M%S')}")
        _backup_sqlite(database, kept)
    else:
        _create_owner_only(database)
    backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    live = sqlite3.connect(database, timeout=30)
    try:
        # The backup API the other way: every page of the live database replaced in one go, under its write
        # lock, so a reader sees the old database or the restored one, never a mix.
        backup_db.backup(live)
    except sqlite3.Error as error:
        raise BackupError(f"the restore failed, the database is unchanged: {error}") from error
    finally:
        live.close()
        backup_db.close()
    make_owner_only(database)
    return kept


# -- PostgreSQL ---------------------------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: on PATH, else Debian's newest /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name)
    if found:
        return found
    for root in PG_BIN_DIRS:
        versions = sorted(Path(root).glob("*/bin"), key=lambda p: int(p.parent.name) if p.parent.name.isdigit()
                          else 0, reverse=True) if Path(root).is_dir() else []
        for folder in versions:
            if (folder / name).exists():
                return str(folder / name)
    raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")


def _libpq_url(url: str) -> str:
    """The URL as libpq (pg_dump) reads it: without SQLAlchemy's driver name."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-500:]}")


def _backup_postgres(url: str, target: Path) -> Backup:
    _create_owner_only(target)
    try:
        _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), _libpq_url(url)])
    except BackupError:
        target.unlink(missing_ok=True)
        raise
    return Backup(target, target.stat().st_size, None)


def _restore_postgres(url: str, source: Path) -> None:
    # --single-transaction: all or nothing; --clean --if-exists: the tables there now are replaced.
    _run([pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
          "--dbname", _libpq_url(url), str(source)])
