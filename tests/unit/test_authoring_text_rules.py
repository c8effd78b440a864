"""Which characters names, titles and question texts may hold (quiz.authoring.text_rules): what Arabic writing
needs is allowed, what disguises text is refused, and the refusal names the character."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.authoring.text_rules import (
    ARABIC_SIGNS,
    BLANK_LOOKALIKES,
    DIRECTION_CONTROLS,
    DIRECTION_MARKS,
    JOINERS,
    character_label,
    text_problem,
)

ZERO_WIDTH = ("\u200b", "\u2060", "\ufeff", "\u00ad", "\u2061", "\u180e")
CONTROLS = ("\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b")


@pytest.mark.parametrize("text", [
    "الصف العاشر - أ",
    "Sara Ahmed",
    "واجب: الحرب على داعش 2014–2017",
    "می\u200cخواهم",                           # Persian: ZWNJ keeps a letter unjoined
    "سورة الفاتحة\u06dd١",                     # end of ayah, a visible sign
    "مقال عن Barack Obama\u200f.",              # RLM keeps the full stop at the Arabic end
    "Iraq \u200eعراق\u200e 2003",               # LRM
    "\u061cالعراق",                             # Arabic letter mark
    "👩\u200d🏫 المعلمة",                        # ZWJ in an emoji sequence
    "أَحْمَد",                                   # harakat
    "Zoë  café\u00a0Noël",                      # accents, a no-break space
])
def test_what_names_and_titles_need_is_allowed(text):
    assert text_problem(text) is None
    assert text_problem(text, multiline=True) is None


@pytest.mark.parametrize("character", sorted(DIRECTION_CONTROLS))
def test_direction_overrides_embeddings_and_isolates_are_refused_everywhere(character):
    for options in ({}, {"multiline": True}, {"identifier": True}):
        problem = text_problem(f"سارة{character}Ahmed", **options)
        assert problem is not None and problem.code == "direction" and problem.character == character
        assert f"U+{ord(character):04X}" in problem.message


@pytest.mark.parametrize("character", ZERO_WIDTH + tuple(sorted(BLANK_LOOKALIKES)))
def test_invisible_characters_are_refused(character):
    problem = text_problem(f"Sa{character}ra", multiline=True)
    assert problem is not None and problem.code == "invisible"
    assert character_label(character) in problem.message


@pytest.mark.parametrize("character", CONTROLS)
def test_control_characters_are_refused(character):
    problem = text_problem(f"Sara{character}", multiline=True)
    assert problem is not None and problem.code == "control" and f"U+{ord(character):04X}" in problem.message


def test_line_breaks_and_tabs_only_in_multi_line_text():
    question = "السطر الأول\r\nالسطر الثاني\tثم جدول"
    assert text_problem(question, multiline=True) is None
    for break_ in ("\n", "\r", "\t", "\u2028", "\u2029"):
        assert text_problem(f"Sara{break_}Ahmed") is not None
    assert text_problem("a\u2028b", multiline=True) is not None  # a line separator is no line break here


def test_a_text_with_nothing_visible_is_refused():
    for text in ("\u200c", "\u200f\u200e", "\u200d \u200c", "\u0651"):
        problem = text_problem(text)
        assert problem is not None and problem.code == "empty" and problem.character is None
    assert text_problem("") is None  # whether a field may be empty is the form's rule


def test_identifiers_allow_no_invisible_mark_at_all():
    for mark in JOINERS | DIRECTION_MARKS | ARABIC_SIGNS:
        assert text_problem(f"sa{mark}ra", identifier=True) is not None
    assert text_problem("sara.ahmed-2", identifier=True) is None
    assert text_problem("سارة_٢", identifier=True) is None


def test_the_label_names_the_character():
    assert character_label("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert character_label("\x00") == "U+0000 CONTROL CHARACTER"


# -- properties -------------------------------------------------------------------------------------------


# (without the letters and marks that draw nothing, which the rules refuse on purpose: hypothesis found U+034F)
visible_text = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs"),
                                     exclude_characters="".join(BLANK_LOOKALIKES)), min_size=1).filter(
    lambda t: any(unicodedata.category(c)[0] in "LNPS" for c in t))
allowed_marks = st.sampled_from(sorted(JOINERS | DIRECTION_MARKS))
disguising = st.sampled_from(sorted(DIRECTION_CONTROLS) + list(ZERO_WIDTH) + list(CONTROLS))


@given(visible_text, st.lists(st.tuples(st.integers(min_value=0), allowed_marks), max_size=4))
def test_visible_text_with_the_marks_arabic_needs_is_always_allowed(text, marks):
    for position, mark in marks:
        at = position % (len(text) + 1)
        text = text[:at] + mark + text[at:]
    assert text_problem(text) is None


@given(visible_text, st.integers(min_value=0), disguising, st.booleans())
def test_one_disguising_character_anywhere_is_always_refused_and_named(text, position, character, multiline):
    at = position % (len(text) + 1)
    problem = text_problem(text[:at] + character + text[at:], multiline=multiline)
    if multiline and character in "\n\r\t":  # pragma: no cover - not among `disguising`
        return
    assert problem is not None and problem.character == character
    assert f"U+{ord(character):04X}" in problem.message


@given(st.text())
def test_an_allowed_text_holds_no_refused_character(text):
    """Whatever the text, allowed means: no control, direction-control or other invisible format character
    besides the joiners, direction marks and Arabic signs, and something visible."""
    if text_problem(text) is not None:
        return
    for character in text:
        category = unicodedata.category(character)
        assert category not in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp")
        assert category != "Cf" or character in JOINERS | DIRECTION_MARKS | ARABIC_SIGNS
        assert character not in DIRECTION_CONTROLS | BLANK_LOOKALIKES


@pytest.mark.parametrize("blank", ["\u3164\u3164", "ab\u2800", "\uffa0\uffa0x"])
def test_live_nicknames_follow_the_same_rule(blank):
    from quiz.live.nicknames import NicknameRefused, clean_nickname

    with pytest.raises(NicknameRefused) as refusal:
        clean_nickname(blank)
    assert refusal.value.code == "invisible"
    assert clean_nickname("می\u200cنا") == "می\u200cنا"
