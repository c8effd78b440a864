"""The database rules every state change follows: one request, one transaction, and writers that queue.

- every POST (and other unsafe method) runs in one writing transaction, begun before the view reads anything
  (`init_app`; SQLite: BEGIN IMMEDIATE, see quiz/extensions.py); `begin_write()` asks for one explicitly;
- the row a change depends on is read locked (`SELECT … FOR UPDATE` on PostgreSQL, as `answering.open_attempt`
  does), so that "answer the last question" and "finish" cannot both read the attempt as it was;
- `insert_once(…)` inserts a row unless a unique key says it exists, without a savepoint, and says which.

Callers commit once at the end of the request; an exception before that rolls everything back.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Sequence, TypeVar

from flask import Flask, request
from sqlalchemy import Table, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError

from ..extensions import WRITE_OPTION, db

V = TypeVar("V", bound=Callable[..., Any])


def begin_write() -> None:
    """Make sure the request is in its writing transaction; end a reading one first.

    Reading first (the logged-in user, say) and writing later in one SQLite transaction fails under load: the
    read snapshot may be stale by the time the write lock is asked for (SQLITE_BUSY, at once). Nothing is
    pending when a reading transaction is ended here, so that loses nothing.
    """
    if db.session().in_transaction():
        if db.session.connection().get_execution_options().get(WRITE_OPTION):
            return
        db.session.commit()
    db.session.connection(execution_options={WRITE_OPTION: True})


def keep_lazy_changes() -> None:
    """Commit what a reading request changed on its way (attempts closed at their deadline when looked at).

    A reading request's transaction is not a writing one, and on SQLite its snapshot may be older than a
    write that another request committed meanwhile; then SQLite refuses the write ("database is locked").
    Such changes are derived and idempotent, and the next request makes them again, so they are given up
    rather than turning a page view into an error.
    """
    session = db.session()
    if not (session.new or session.dirty or session.deleted or session.info.get(_FLUSHED)):
        return  # the usual case: nothing was closed, and a commit would cost a round of the ORM's bookkeeping
    try:
        session.commit()
    except OperationalError:
        session.rollback()


_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# Set in session.info when the transaction has flushed changes (autoflush empties `dirty` before a query, so
# the pending sets alone do not say whether anything was written); gone when the transaction ends.
_FLUSHED = "chronoquiz.flushed"


def _note_flush(session: Any, _context: Any) -> None:
    session.info[_FLUSHED] = True


def _forget_flushes(session: Any, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_FLUSHED, None)


_OWN_WRITE = "_chronoquiz_begins_its_write"


def begins_its_own_write(view: V) -> V:
    """Mark a view that asks for its writing transaction itself, as late as it can (`begin_write`, as
    `answering.open_attempt` does before reading the attempt it locks), instead of before anything else.

    On SQLite the writing transaction is the database's one write lock: while a request holds it, every
    other answer in the school waits. Taken before the request, the lock was also held through the session
    cookie, the CSRF check and the user's load, about half of an answer's time, which halved the answers a
    server could take per second (bench/README.md). A marked view must read nothing it then writes from
    before it begins its write (the signed-in user's row is fine: nothing here changes it).
    """
    setattr(view, _OWN_WRITE, True)
    return view


def init_app(app: Flask) -> None:
    event.listen(db.session, "after_flush", _note_flush)
    event.listen(db.session, "after_transaction_end", _forget_flushes)

    @app.before_request
    def _writes_begin_as_writes() -> None:
        if request.method in _UNSAFE_METHODS:
            view = app.view_functions.get(request.endpoint or "")
            if not getattr(view, _OWN_WRITE, False):
                begin_write()


def insert_once(table: Table, values: dict[str, Any], unique: Sequence[str]) -> bool:
    """INSERT … ON CONFLICT (unique) DO NOTHING; True when the row was inserted, False when it existed."""
    statement = _insert_once_statement(table, db.session.get_bind().dialect.name, tuple(unique), returning=True)
    return db.session.execute(statement, values).first() is not None


def insert_all_once(table: Table, rows: Sequence[dict[str, Any]], unique: Sequence[str]) -> None:
    """The rows in one statement, leaving out any whose unique key exists (a concurrent request's)."""
    statement = _insert_once_statement(table, db.session.get_bind().dialect.name, tuple(unique), returning=False)
    db.session.execute(statement, list(rows))


@functools.cache
def _insert_once_statement(table: Table, dialect: str, unique: tuple[str, ...], *, returning: bool) -> Any:
    # Built once and given its values when executed: building the statement with .values() on every answer
    # cost more than running it. RETURNING, not rowcount: psycopg does not count a row that ON CONFLICT
    # skipped the way sqlite3 does.
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(table).on_conflict_do_nothing(index_elements=list(unique))
    return statement.returning(*table.primary_key.columns) if returning else statement
