"""Limits on guessing: failed log-ins, class codes, resume codes, invitations and live-lesson codes, counted in the
database so that every app process sees the same counts (no Redis needed).

The counting rules are the `limits` library's (a fixed window per key: "10 per 15 minutes"); this module is its
storage. Counts are written in the request's own transaction, which the caller commits: every POST already runs
in one writing transaction (services/transactions.py), and on SQLite a second connection would wait for that
transaction's write lock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from limits import RateLimitItem, parse
from limits.storage import Storage
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import case, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models.rate_limit import RateLimitCount

_COUNTS = RateLimitCount.__table__
SWEEP_EVERY = 200  # counts written between two clean-ups of expired keys (per process)


class DatabaseStorage(Storage):
    """`limits` storage in the app's database: one row per key, its count and when its window ends."""

    STORAGE_SCHEME = ["chronoquiz-db"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions, **options)
        self._writes = 0

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        insert = postgresql_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
        statement = insert(_COUNTS).values(key=key, count=amount, expires_at=now + expiry)
        expired = _COUNTS.c.expires_at <= now
        # One statement, so two processes counting the same key at once both count: a window that ended starts
        # again at `amount`, a running one adds to it.
        statement = statement.on_conflict_do_update(
            index_elements=[_COUNTS.c.key],
            set_={"count": case((expired, amount), else_=_COUNTS.c.count + amount),
                  "expires_at": case((expired, now + expiry), else_=_COUNTS.c.expires_at)},
        ).returning(_COUNTS.c.count)
        count = int(db.session.execute(statement).scalar_one())
        self._writes += 1
        if self._writes % SWEEP_EVERY == 0:
            db.session.execute(delete(_COUNTS).where(_COUNTS.c.expires_at < now))
        return count

    def _row(self, key: str) -> Any | None:
        row = db.session.execute(select(_COUNTS.c.count, _COUNTS.c.expires_at).where(_COUNTS.c.key == key)).first()
        return row if row is not None and row.expires_at > time.time() else None

    def get(self, key: str) -> int:
        row = self._row(key)
        return 0 if row is None else int(row.count)

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return time.time() if row is None else float(row.expires_at)

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        return int(db.session.execute(delete(_COUNTS)).rowcount)

    def clear(self, key: str) -> None:
        db.session.execute(delete(_COUNTS).where(_COUNTS.c.key == key))


_limiter = FixedWindowRateLimiter(DatabaseStorage())


@dataclass(frozen=True)
class Guard:
    """What one kind of failure is limited by: a rule ("10 per 15 minutes") per key (an account, a device,
    a network), each key counted apart."""

    name: str
    rules: tuple[tuple[str, str], ...]  # (what the key is: "account", "device", "network"; the rule)

    def _items(self, keys: dict[str, str]) -> list[tuple[RateLimitItem, str]]:
        return [(parse(rule), f"{self.name}:{kind}:{keys[kind]}") for kind, rule in self.rules if keys.get(kind)]

    def blocked_for(self, keys: dict[str, str]) -> int:
        """Seconds until every key may try again; 0 when none is over its limit."""
        waits = [_limiter.get_window_stats(item, key).reset_time - time.time()
                 for item, key in self._items(keys) if not _limiter.test(item, key)]
        return max(1, int(max(waits) + 0.999)) if waits else 0

    def failed(self, keys: dict[str, str]) -> None:
        """Count one failure against every key (the caller commits)."""
        for item, key in self._items(keys):
            _limiter.hit(item, key)

    def forget(self, keys: dict[str, str], kind: str) -> None:
        """A success clears the failures of that key (a student who found their code starts again at 0)."""
        for item, key in self._items({kind: keys[kind]} if keys.get(kind) else {}):
            _limiter.clear(item, key)
