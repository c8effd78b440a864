"""The same word for the same thing everywhere (UI.md, "Words"): every message that names a quiz, a set, a class
or an assignment says اختبار, مجموعة أسئلة, صف or واجب in Arabic, in some grammatical form."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from quiz import paths

CATALOGUE = paths.PACKAGE_DIR / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
GLOSSARY = {  # English word -> the Arabic stem every translation of a message with that word contains
    r"\bquiz(zes)?\b": ("اختبار", "الاختبار"),
    r"\b(question )?sets?\b": ("مجموع",),
    r"\bclass(es)?\b": ("صف", "الصف", "صفوف"),
    r"\bassignments?\b": ("واجب",),
}


def _messages():
    with CATALOGUE.open("rb") as source:
        return [m for m in read_po(source) if m.id]


@pytest.mark.parametrize("english, arabic", GLOSSARY.items(), ids=lambda v: v if isinstance(v, str) else v[0])
def test_every_message_names_the_thing_with_the_glossarys_word(english, arabic):
    wrong, checked = [], 0
    for message in _messages():
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if not re.search(english, msgid, re.I):
            continue
        checked += 1
        # A plural's "other" form is its full sentence; the zero form may say "none" without the noun.
        translation = message.string[-1] if isinstance(message.string, tuple) else message.string
        if not any(stem in translation for stem in arabic):
            wrong.append(f"{msgid!r} -> {translation!r}")
    assert checked >= 5, f"only {checked} messages name it: is the pattern right?"
    assert not wrong, "\n".join(wrong)
