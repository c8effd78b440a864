"""quiz.chronology.basis_text: how the extractor found a date, as a teacher reads it in Arabic or English.

The last test runs the extractor over the corpus (tests/data/extractor_corpus, without the held-out t5_ texts,
which nothing but the blind evaluation may read) and fails when it produces a basis the table has no row for:
a new extractor rule then needs its explanation here."""

from __future__ import annotations

import logging
import re
import string
from pathlib import Path

import pytest

from quiz.chronology import basis_text
from quiz.chronology.basis_text import GENERIC, explain_basis, is_known_basis
from quiz.chronology.extract import extract_events

CORPUS = Path(__file__).resolve().parents[1] / "data" / "extractor_corpus"
LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize(("basis", "ar", "en"), [
    ("year carried from context", "السنة مأخوذة من آخر سنة ذكرها النص قبله",
     "the year is the last one the text named before it"),
    ("Hijri 1424-09 AH converted (tabular calendar)",
     "التاريخ الهجري رمضان 1424 هـ حُوِّل إلى الميلادي بالتقويم الحسابي",
     "the Hijri date Ramadan 1424 AH converted with the tabular calendar"),
    ("Hijri 1220 AH converted (tabular calendar): the two Western years it spans",
     "السنة الهجرية 1220 هـ حُوِّلت بالتقويم الحسابي: السنتان الميلاديتان اللتان تمتد عليهما",
     "the Hijri year 1220 AH converted with the tabular calendar: the two Western years it spans"),
    ("the page's day (15/11) of 1889: an 'on this day' page",
     "يوم الصفحة (15 نوفمبر) من سنة 1889: صفحة «في مثل هذا اليوم»",
     "the page's day (15 November) in 1889: an ‘on this day’ page"),
    ("3 year(s) after the previous date (2003-04-09)", "بعد 3 سنوات من التاريخ السابق (9 أبريل 2003)",
     "3 years after the previous date (9 April 2003)"),
    ("about 14 day(s) after 2005-03-19, kept to the month", "بعد نحو 14 يومًا من 19 مارس 2005، فيُذكر الشهر وحده",
     "about 14 days after 19 March 2005, so only the month is kept"),
    ("1 day(s) before 1991-12-26", "قبل يوم واحد من 26 ديسمبر 1991", "1 day before 26 December 1991"),
    ("anniversary: 50 years after 1952-07-23", "ذكرى: بعد 50 سنة من 23 يوليو 1952",
     "an anniversary: 50 years after 23 July 1952"),
    ("2 month(s) before the previous date (early 2011-07)", "قبل شهرين من التاريخ السابق (أوائل يوليو 2011)",
     "2 months before the previous date (early July 2011)"),
])
def test_a_basis_reads_as_a_sentence_in_each_language_with_its_numbers(basis: str, ar: str, en: str) -> None:
    assert explain_basis(basis, "ar") == ar
    assert explain_basis(basis, "en") == en


@pytest.mark.parametrize("basis", [  # phrases extract.py writes that the corpus happens not to produce
    "relative to the article's present year",
    "in the year last named (a chronicle's «فيها»)",
    "2 week(s) before a date known to the year (1969)",
    "1 month(s) before the previous date (2003-03)",
    "anniversary: 1 years after 2011-01-25",
    "a weekday in a dated report: the last one before its stamp (late 2021-08)",
])
def test_phrases_the_corpus_does_not_show_have_rows_too(basis: str) -> None:
    assert is_known_basis(basis)
    assert not LATIN.search(explain_basis(basis, "ar"))


def test_the_parts_after_semicolons_are_explained_each_and_joined_in_the_readers_punctuation() -> None:
    basis = "explicit; Hijri 1273-02-19 AH beside it"
    assert explain_basis(basis, "ar") == "التاريخ مكتوب كاملًا في النص؛ ومعه التاريخ الهجري 19 صفر 1273 هـ"
    assert explain_basis(basis, "en") == "the date is written in full in the text; with the Hijri date 19 Safar 1273 AH"
    carried = "year carried from context; in a relative clause (background), so the carried year is less sure"
    assert explain_basis(carried, "ar").endswith("؛ وهو في جملة صلة (خلفية)، فالسنة المنقولة أقل يقينًا")


def test_a_semicolon_inside_brackets_belongs_to_its_phrase() -> None:
    basis = "Hijri 1436-04-03 AH converted (tabular calendar; the real day may differ by one or two)"
    assert explain_basis(basis, "ar") == ("التاريخ الهجري 3 ربيع الآخر 1436 هـ حُوِّل إلى الميلادي بالتقويم الحسابي "
                                          "(قد يختلف اليوم الفعلي بيوم أو يومين)")


@pytest.mark.parametrize(("n", "ar"), [(1, "يوم واحد"), (2, "يومين"), (3, "3 أيام"), (10, "10 أيام"),
                                        (11, "11 يومًا"), (99, "99 يومًا"), (100, "100 يوم"), (103, "103 أيام")])
def test_arabic_counts_agree_with_their_number(n: int, ar: str) -> None:
    assert explain_basis(f"{n} day(s) after 2001-09-11", "ar") == f"بعد {ar} من 11 سبتمبر 2001"


def test_a_month_style_names_the_months_as_the_reader_chose() -> None:
    basis = "a weekday in a dated report: the last one before its stamp (2021-08-16)"
    assert "16 آب 2021" in explain_basis(basis, "ar", month_style="levantine")
    assert "16 أغسطس 2021" in explain_basis(basis, "ar")


@pytest.mark.parametrize("basis", [
    "a rule the extractor will learn next year",
    "explicit; a suffix nobody wrote a row for",
    "the page's day (31/2) of 1999: an 'on this day' page",  # no such day: not a date to write out
    "",
])
def test_an_unknown_phrase_gets_the_generic_sentence_in_the_readers_language_and_logs_nothing(
        basis: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        assert explain_basis(basis, "ar") == GENERIC["ar"]
        assert explain_basis(basis, "en") == GENERIC["en"]
        assert not is_known_basis(basis)
    assert caplog.records == []
    assert not LATIN.search(GENERIC["ar"])


def test_any_language_but_english_reads_arabic() -> None:
    assert explain_basis("a decade", "fr") == explain_basis("a decade", "ar") == "عقد من الزمن: سنواته العشر"


def test_each_row_fills_the_same_fields_in_both_languages() -> None:
    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    for row in basis_text._MAIN + basis_text._SUFFIXES:
        assert fields(row.ar) == fields(row.en), row.pattern.pattern
        assert not LATIN.search(row.ar.replace("{", " {").format_map(_Names())), row.pattern.pattern


class _Names(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _corpus_bases() -> set[str]:
    bases: set[str] = set()
    for path in sorted(CORPUS.glob("*.txt")):
        if path.stem.startswith("t5_"):  # the blind held-out set: never read here
            continue
        bases.update(c.basis for c in extract_events(path.read_text(encoding="utf-8"), doc=path.stem))
    return bases


def test_every_basis_the_extractor_gives_on_the_corpus_has_its_own_row() -> None:
    bases = _corpus_bases()
    assert len(bases) > 40  # the corpus is there and varied
    unknown = sorted(b for b in bases if not is_known_basis(b))
    assert unknown == [], "add a row to quiz/chronology/basis_text.py for: " + "; ".join(unknown)
    for basis in bases:
        assert not LATIN.search(explain_basis(basis, "ar")), basis


def test_two_arabic_source_notes_merged_are_joined_with_the_arabic_semicolon() -> None:
    from quiz.services.articles import _join_notes

    assert _join_notes(["السنة من العنوان", "التاريخ مكتوب كاملًا في النص"]) == (
        "السنة من العنوان؛ التاريخ مكتوب كاملًا في النص")
    assert _join_notes(["same wording", "other wording"]) == "same wording; other wording"
    assert _join_notes(["السنة من العنوان", "السنة من العنوان"]) == "السنة من العنوان"
    assert _join_notes([]) is None
