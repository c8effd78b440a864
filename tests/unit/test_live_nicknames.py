"""The names players show on the projector (quiz.live.nicknames): cleaned, of a sensible length, free of invisible
tricks, not offensive in Arabic or English, and not a look-alike of a name already in the game."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.live.nicknames import MAX_LENGTH, NicknameRefused, clean_nickname, same_name_key


@pytest.mark.parametrize("raw, shown", [
    ("  مريم  ", "مريم"),
    ("Sara   K", "Sara K"),
    ("عبد\u00a0الله", "عبد الله"),  # a no-break space is a space
    ("ﻻنا", "لانا"),  # presentation forms become ordinary letters
    ("مَرْيَم", "مَرْيَم"),  # harakat are kept as typed...
])
def test_a_good_name_is_kept_as_typed_but_tidied(raw, shown):
    assert clean_nickname(raw) == shown


def test_harakat_do_not_count_as_letters():
    clean_nickname("مَ" * MAX_LENGTH)  # 20 letters, 40 characters
    with pytest.raises(NicknameRefused) as refused:
        clean_nickname("م" * (MAX_LENGTH + 1))
    assert refused.value.code == "too_long"


@pytest.mark.parametrize("raw, code", [
    ("", "empty"),
    ("   ", "empty"),
    ("م", "too_short"),
    ("a" * 21, "too_long"),
    ("Sara\u202eevil", "invisible"),  # right-to-left override: would show the name reversed
    ("Sa\u200bra", "invisible"),  # zero-width space: a look-alike of Sara
    ("bell\x07", "invisible"),
    ("fuck", "offensive"),
    ("f*ck", "offensive"),
    ("شرموطة", "offensive"),
    ("شَرمُوطة", "offensive"),  # harakat do not hide a word
])
def test_a_bad_name_is_refused_with_its_reason(raw, code):
    with pytest.raises(NicknameRefused) as refused:
        clean_nickname(raw)
    assert refused.value.code == code
    assert str(refused.value.message)  # a sentence for the player, translated at the edge


@pytest.mark.parametrize("name", ["محمد", "فاطمة", "Scunthorpe", "Cockburn", "عبد الرحمن", "Assad", "زبيدة"])
def test_ordinary_names_that_contain_a_bad_word_are_not_refused(name):
    assert clean_nickname(name) == name


@pytest.mark.parametrize("first, second", [
    ("مريم", "مَريم"), ("أحمد", "احمد"), ("Sara", "SARA"), ("عبد الله", "عبدالله"), ("علي", "على"),
])
def test_a_look_alike_of_a_name_in_the_game_is_refused(first, second):
    with pytest.raises(NicknameRefused) as refused:
        clean_nickname(second, taken=[first])
    assert refused.value.code == "taken"
    assert clean_nickname(second, taken=["غيره"]) == " ".join(second.split())


@given(st.text(max_size=40))
def test_whatever_is_typed_the_name_is_refused_or_clean_and_stable(raw):
    try:
        name = clean_nickname(raw)
    except NicknameRefused:
        return
    assert name == name.strip() and "  " not in name
    assert not any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in name)
    assert clean_nickname(name) == name
    assert same_name_key(name) == same_name_key(name.upper() if name.isascii() else name)
