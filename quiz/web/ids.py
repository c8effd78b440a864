"""Ids in URLs: `<int:…>` matches only what the database can hold.

An id beyond a 32-bit integer is no row of ours, and PostgreSQL answers it with an error ("integer out of
range") that would become a 500: such a URL is a 404, before any query.
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter

MAX_DATABASE_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_DATABASE_ID)
        super().__init__(map, *args, **kwargs)
