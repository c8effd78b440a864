"""Rendered pieces of pages that are the same for everyone who sees them with the same preferences.

The chronology's pages (the timeline, the labels of its events, the home page's overview) show the same text to every
visitor and learner: they depend only on the chronology, the language, the month style and the digits (and
on the timeline, its filters). Rendering them anew on every request made the timeline and the home page the
slowest pages (bench/README.md). A piece is rendered once per worker and key, and kept while the parsed
chronology it was made from is in memory: chronologies are cached by content hash and never change under it,
so a key that includes `id(chronology)` cannot go stale.

Only what is the same for everyone may go here: never a user's name, answers, CSRF token or anything else
read from the session or the database for one user.
"""

from __future__ import annotations

from typing import Callable, Hashable

from markupsafe import Markup

from ..i18n import current_prefs

_cache: dict[tuple, Markup] = {}
_LIMIT = 20_000  # every event label in 12 preference combinations for a few chronologies, and the pages


def display_key() -> tuple[str, str, str]:
    """What a piece of text depends on beyond its data: the language, the month style, the digits."""
    prefs = current_prefs()
    return prefs.lang, prefs.month_style, prefs.digits


def fragment(kind: str, key: tuple[Hashable, ...], render: Callable[[], str]) -> Markup:
    """The piece `kind` for `key` (which must include `display_key()` where text is shown), rendered once."""
    full_key = (kind, *key)
    html = _cache.get(full_key)
    if html is None:
        if len(_cache) >= _LIMIT:
            _cache.clear()
        html = _cache[full_key] = Markup(render())
    return html


def forget() -> None:
    _cache.clear()
