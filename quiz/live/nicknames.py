"""The name a player shows in a live lesson: cleaned, checked, and compared the way a class reads names.

A nickname is shown on the projector to a whole class, so it is checked before anyone sees it: its length, no
invisible or direction-changing characters (which can make a name read as another, or break the leaderboard's
layout), not a name another player already has, and not an offensive word in Arabic or English. The word lists
are glin-profanity's (Arabic and English dictionaries, with its handling of letter-for-digit spellings).

Two names are "the same" when a reader could not tell them apart on the projector: مريم and مَريم, أحمد and
احمد, Sara and SARA.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..authoring.text_rules import text_problem
from ..chronology.arabic_dates import normalise_arabic
from ..messages import N_, Message

MIN_LENGTH = 2
MAX_LENGTH = 20  # letters as a reader counts them (marks such as harakat do not count)
# Joiners have a place inside Arabic and Persian words; every other format character is invisible trickery.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}


class NicknameRefused(ValueError):
    """Why a nickname cannot be used: `code` for tests and logs, `message` for the player."""

    def __init__(self, code: str, message: Message) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


def _letters(text: str) -> int:
    return sum(1 for ch in text if not unicodedata.category(ch).startswith("M"))


def same_name_key(nickname: str) -> str:
    """What two names must share to look the same on the projector (never shown)."""
    return "".join(normalise_arabic(nickname).casefold().split())


@lru_cache(maxsize=1)
def _word_filter() -> Any:
    from glin_profanity import Filter  # loaded on the first nickname, not by every worker at start

    return Filter({"languages": ["arabic", "english"], "detect_leetspeak": True})


def is_offensive(text: str) -> bool:
    words = _word_filter()
    # Also without harakat or tatweel, which would otherwise hide a word from the list.
    return bool(words.is_profane(text) or words.is_profane(normalise_arabic(text)))


def clean_nickname(raw: str, taken: Iterable[str] = ()) -> str:
    """The nickname as it will be shown (NFKC, single spaces, trimmed), or NicknameRefused saying why not.
    `taken`: the nicknames already in the game."""
    name = " ".join(unicodedata.normalize("NFKC", raw or "").split())
    if not name:
        raise NicknameRefused("empty", N_("Choose a name to play under."))
    bad = [ch for ch in name if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
           or (unicodedata.category(ch) == "Cf" and ch not in _ALLOWED_FORMAT)]
    # Stricter than other names (no direction marks), plus the rule every name follows (blank look-alikes).
    if bad or text_problem(name) is not None:
        raise NicknameRefused("invisible", N_("The name has invisible or control characters; type it again."))
    letters = _letters(name)
    if letters < MIN_LENGTH:
        raise NicknameRefused("too_short", N_("A name needs at least %(min)s letters.", min=MIN_LENGTH))
    if letters > MAX_LENGTH:
        raise NicknameRefused("too_long", N_("A name has at most %(max)s letters.", max=MAX_LENGTH))
    if is_offensive(name):
        raise NicknameRefused("offensive", N_("Choose another name: this one cannot be shown to a class."))
    key = same_name_key(name)
    if any(same_name_key(other) == key for other in taken):
        raise NicknameRefused("taken", N_("Someone in this game already plays as %(name)s; add a letter or "
                                          "choose another name.", name=name))
    return name
