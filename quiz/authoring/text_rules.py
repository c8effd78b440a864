"""Which characters a name, a title or a question's text may hold: the ones a reader sees, and the few invisible
ones that Arabic writing needs; never those that disguise text.

Refused everywhere:
- control characters (C0, DEL, C1), except line breaks and tabs in multi-line text (a question, a description);
- the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they turn text around as
  it is shown, so a name can read as another ("Trojan Source"), and an unclosed one turns around the rest of a
  line on the teacher's results page. Word processors sometimes put them in pasted text: the message names the
  character so that it can be retyped without;
- every other invisible format character (zero-width space U+200B, word joiner U+2060, byte-order mark U+FEFF,
  soft hyphen, invisible operators, tags…), surrogates, private-use and unassigned code points, line and
  paragraph separators, and letters that look like nothing (Hangul fillers, the blank Braille pattern, the
  combining grapheme joiner);
- a text with nothing visible in it.

Allowed, because Arabic and Persian writing use them:
- ZWNJ U+200C and ZWJ U+200D (a letter kept unjoined or joined: می‌خواهم; also emoji sequences);
- the direction marks LRM U+200E, RLM U+200F and the Arabic letter mark U+061C: they have no glyph and move only
  the punctuation and digits beside them (a Latin name at the end of an Arabic title keeps its full stop in the
  right place), never the letters, so they cannot make text read as other text;
- the Arabic format characters that are themselves visible signs (U+0600–U+0605 number signs, U+06DD end of
  ayah, U+0890–U+0891, U+08E2).

Identifiers (user names) allow none of these marks: two accounts must never differ by something invisible.

Pure: no Flask. The web edge turns a `TextProblem` into a form error (quiz/web/forms.py, `CleanText`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..messages import N_, Message

JOINERS = frozenset("\u200c\u200d")
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
ARABIC_SIGNS = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u0890\u0891\u08e2")
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters and marks that draw nothing: the usual way to make a name look empty or like another.
BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
MULTILINE_CONTROLS = frozenset("\n\r\t")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


@dataclass(frozen=True)
class TextProblem:
    """Why a text is refused: `code` for tests and logs ("control", "direction", "invisible", "empty"), the
    first offending `character` (None for "empty"), and `message` for the person who typed it."""

    code: str
    character: str | None
    message: Message


def character_label(character: str) -> str:
    """How a message names an invisible character: its code point and Unicode name, e.g.
    "U+202E RIGHT-TO-LEFT OVERRIDE"."""
    name = unicodedata.name(character, "")
    if not name and unicodedata.category(character) == "Cc":
        name = "CONTROL CHARACTER"
    return f"U+{ord(character):04X} {name}".strip()


def _allowed(character: str, *, multiline: bool, identifier: bool) -> bool:
    if multiline and character in MULTILINE_CONTROLS:
        return True
    if character in BLANK_LOOKALIKES:
        return False
    if unicodedata.category(character) not in _REFUSED_CATEGORIES:
        return True
    return not identifier and character in JOINERS | DIRECTION_MARKS | ARABIC_SIGNS


def _problem_with(character: str) -> TextProblem:
    label = character_label(character)
    if character in DIRECTION_CONTROLS:
        return TextProblem("direction", character, N_(
            "The text contains a hidden character that changes its direction (%(character)s), often left by a "
            "word processor; type the text again without it.", character=label))
    if unicodedata.category(character) == "Cc":
        return TextProblem("control", character, N_(
            "The text contains a control character (%(character)s); type the text again without it.",
            character=label))
    return TextProblem("invisible", character, N_(
        "The text contains an invisible character (%(character)s); type the text again without it.",
        character=label))


def _has_visible(text: str) -> bool:
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Mn", "Me") for ch in text)


def text_problem(text: str, *, multiline: bool = False, identifier: bool = False) -> TextProblem | None:
    """The first reason `text` may not be stored as a name, title (the default), multi-line text (`multiline`:
    line breaks and tabs allowed) or identifier (`identifier`: no invisible marks at all); None when it may.
    An empty text is not a problem here: whether a field may be empty is the form's business."""
    for character in text:
        if not _allowed(character, multiline=multiline, identifier=identifier):
            return _problem_with(character)
    if text and not _has_visible(text):
        return TextProblem("empty", None, N_("The text has nothing visible in it; type it again."))
    return None
