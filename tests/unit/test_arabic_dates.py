"""Specification of quiz.chronology.arabic_dates: reading and writing Arabic dates in both month traditions."""

from __future__ import annotations

import ast
import calendar
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.chronology import arabic_dates
from quiz.chronology.arabic_dates import (
    MONTH_NAME_PATTERN,
    ORDINAL_DAY_PATTERN,
    ORDINAL_DAYS,
    ArabicDateError,
    format_number,
    format_partial_date,
    month_from_name,
    month_name,
    normalise_arabic,
    parse_arabic_date,
    restyle_arabic,
    to_eastern_digits,
    to_western_digits,
)
from quiz.chronology.model import PartialDate, Precision, Qualifier

EARLY, MID, LATE = Qualifier.EARLY, Qualifier.MID, Qualifier.LATE


def day(y: int, m: int, d: int) -> PartialDate:
    return PartialDate(y, m, d)


def month(y: int, m: int, q: Qualifier | None = None) -> PartialDate:
    return PartialDate(y, m, None, q)


def year(y: int, q: Qualifier | None = None) -> PartialDate:
    return PartialDate(y, None, None, q)


# -- day, month and year --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 مارس 2005", day(2005, 3, 14)),
        ("14 مارس (آذار) 2005", day(2005, 3, 14)),
        ("14 آذار (مارس) 2005", day(2005, 3, 14)),
        ("3 نيسان/أبريل 2008", day(2008, 4, 3)),
        ("3 أبريل/نيسان 2008", day(2008, 4, 3)),
        ("3 أبريل (نيسان) 2008", day(2008, 4, 3)),
        ("3 ابريل [نيسان] 2008", day(2008, 4, 3)),
        ("2يونيو 2012", day(2012, 6, 2)),
        ("2 يونيو2012", day(2012, 6, 2)),
        ("١٤ مارس ٢٠٠٥", day(2005, 3, 14)),
        ("۱۴ مارس ۲۰۰۵", day(2005, 3, 14)),
        ("في 17 أكتوبر عام 2016", day(2016, 10, 17)),
        ("17 أكتوبر من عام 2016", day(2016, 10, 17)),
        ("17 من أكتوبر 2016", day(2016, 10, 17)),
        ("17 أكتوبر، 2016", day(2016, 10, 17)),
        ("17 أكتوبر 2016م", day(2016, 10, 17)),
        ("17 تشرين الأول 2016", day(2016, 10, 17)),
        ("17 تِشْرِينَ الأَوَّل 2016", day(2016, 10, 17)),
        ("29 فبراير 2008", day(2008, 2, 29)),
        ("31 كانون الأول 2010", day(2010, 12, 31)),
    ],
)
def test_reads_a_day_month_and_year(text: str, expected: PartialDate) -> None:
    assert parse_arabic_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["في 6 مايو 2009", "منذ 6 مايو 2009", "حتى 6 مايو 2009", "بحلول 6 مايو 2009", "وفي 6 مايو 2009",
     "ومنذ 6 مايو 2009", "و6 مايو 2009", "اعتباراً من 6 مايو 2009", "خلال 6 مايو 2009", "في 6 مايو 2009."],
)
def test_leading_particles_are_skipped(text: str) -> None:
    assert parse_arabic_date(text) == day(2009, 5, 6)


def test_a_weekday_before_the_date_is_checked_and_accepted() -> None:
    # 9 April 2003 was a Wednesday.
    assert parse_arabic_date("الأربعاء 9 أبريل 2003") == day(2003, 4, 9)
    assert parse_arabic_date("يوم الأربعاء، 9 أبريل 2003") == day(2003, 4, 9)
    assert parse_arabic_date("يوم الاربعاء الموافق 9 أبريل 2003") == day(2003, 4, 9)


def test_a_day_and_month_without_a_year_take_the_default_year() -> None:
    assert parse_arabic_date("في 12 تموز", default_year=2006) == day(2006, 7, 12)


# -- ordinal day words ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الأول من مايو 2011", day(2011, 5, 1)),
        ("أول أيار 2011", day(2011, 5, 1)),
        ("في الثالث من يناير 2021", day(2021, 1, 3)),
        ("العاشر من أكتوبر 2013", day(2013, 10, 10)),
        ("الحادي عشر من سبتمبر 2001", day(2001, 9, 11)),
        ("الثاني عشر من شباط 2007", day(2007, 2, 12)),
        ("العشرين من آذار 2003", day(2003, 3, 20)),
        ("الحادي والعشرين من يونيو 2015", day(2015, 6, 21)),
        ("الحادي و العشرين من يونيو 2015", day(2015, 6, 21)),
        ("التاسع والعشرين من فبراير 2012", day(2012, 2, 29)),
        ("الثلاثين من نوفمبر 2019", day(2019, 11, 30)),
        ("الحادي والثلاثين من ديسمبر 2018", day(2018, 12, 31)),
        ("الثاني من شهر تشرين الثاني 2004", day(2004, 11, 2)),
    ],
)
def test_reads_ordinal_day_words(text: str, expected: PartialDate) -> None:
    assert parse_arabic_date(text) == expected


def test_ordinal_days_cover_every_day_of_the_month_once() -> None:
    assert sorted(set(ORDINAL_DAYS.values())) == list(range(1, 32))
    for word, number in ORDINAL_DAYS.items():
        assert parse_arabic_date(f"{word} من يوليو 2010") == day(2010, 7, number)


# -- month and year --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نوفمبر 2006", month(2006, 11)),
        ("في فبراير عام 2010", month(2010, 2)),
        ("شهر سبتمبر 2021", month(2021, 9)),
        ("خلال شهر آب 2018", month(2018, 8)),
        ("يناير/كانون الثاني 2022", month(2022, 1)),
        ("كانون الثاني (يناير) 2022", month(2022, 1)),
        ("مايس 2008", month(2008, 5)),
        ("دجنبر 2008", month(2008, 12)),
        ("يوليو ٢٠٠٨", month(2008, 7)),
    ],
)
def test_reads_a_month_and_year(text: str, expected: PartialDate) -> None:
    assert parse_arabic_date(text) == expected


def test_a_month_alone_takes_the_default_year() -> None:
    assert parse_arabic_date("في حزيران", default_year=2004) == month(2004, 6)
    assert parse_arabic_date("أواخر يونيو", default_year=2004) == month(2004, 6, LATE)


def test_a_month_alone_without_a_default_year_is_refused() -> None:
    with pytest.raises(ArabicDateError, match="no year"):
        parse_arabic_date("في يونيو")


# -- year alone --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["عام 2012", "في 2012", "العام 2012", "2012", "سنة 2012", "في العام 2012", "عام ٢٠١٢", "2012م", "عام 2012 م"],
)
def test_reads_a_year_alone(text: str) -> None:
    assert parse_arabic_date(text) == year(2012)


# -- qualifiers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بداية عام 2009", year(2009, EARLY)),
        ("مطلع العام 2009", year(2009, EARLY)),
        ("في مستهل عام 2009", year(2009, EARLY)),
        ("منتصف 2016", year(2016, MID)),
        ("أواسط عام 2016", year(2016, MID)),
        ("نهاية عام 2019", year(2019, LATE)),
        ("وبحلول نهاية العام 2019", year(2019, LATE)),
        ("مطلع تموز 2015", month(2015, 7, EARLY)),
        ("أوائل شهر مارس 2022", month(2022, 3, EARLY)),
        ("منتصف أيلول 2014", month(2014, 9, MID)),
        ("نهاية أبريل 2005", month(2005, 4, LATE)),
        ("أواخر آذار عام 2018", month(2018, 3, LATE)),
        ("الأسبوع الأول من أبريل 2018", month(2018, 4, EARLY)),
        ("الأسبوع الثالث من أبريل 2018", month(2018, 4, MID)),
        ("الأسبوع الأخير من أبريل 2018", month(2018, 4, LATE)),
        ("النصف الأول من عام 2013", year(2013, EARLY)),
        ("النصف الثاني من مايو 2013", month(2013, 5, LATE)),
    ],
)
def test_reads_early_mid_and_late(text: str, expected: PartialDate) -> None:
    assert parse_arabic_date(text) == expected


def test_week_and_half_forms_fall_inside_the_qualifier_window() -> None:
    # The third week (15-21 April) lies inside "mid April"; the second half of a year inside "late".
    assert parse_arabic_date("الأسبوع الثالث من أبريل 2018").contains(dt.date(2018, 4, 21))
    assert parse_arabic_date("النصف الثاني من 2013").earliest.month == 7


# -- refusals ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("في", "only particles"),
        ("قالت الوزارة شيئا", "unknown word"),
        ("12 مارش 2004", "'مارش'"),
        ("الثلاثاء", "weekday alone"),
        ("الخميس 9 أبريل 2003", "weekday does not match"),
        ("الخميس أبريل 2003", "weekday needs a full date"),
        ("الخامس من 2020", "day needs a month"),
        ("31 نيسان 2003", "day 31 does not exist in April 2003"),
        ("29 فبراير 2003", "has 28 days"),
        ("0 مارس 2003", "day 0 does not exist"),
        ("أبريل (آذار) 2003", "month names disagree"),
        ("7 أيار/حزيران 2010", "month names disagree"),
        ("15", "two-digit years are refused"),
        ("20 مارس 03", "two-digit years are refused"),
        ("مارس 203", "not a plausible year"),
        ("عام 0850", "not a plausible year"),
        ("مارس 20003", "not a plausible year"),
        ("أوائل 9 أبريل 2003", "qualifier on a full day"),
        ("نهاية", "no month or year"),
        ("الأسبوع الثاني من 2017", "week needs a month"),
        ("مارس عام", "not followed by a year"),
        ("9/4/2003", "all-numeric"),
        ("2003-04-09", "all-numeric"),
        ("15 رمضان 1424", "Hijri"),
        ("1424 هـ", "Hijri"),
        ("عامي 2005 و2008", "range"),
        ("بين 2005 و 2008", "range"),
        ("9 2003", "not in an order"),
        ("2008 يوليو", "day 2008 does not exist in any month"),
    ],
)
def test_refuses_what_it_cannot_read_with_certainty(text: str, reason: str) -> None:
    with pytest.raises(ArabicDateError, match=re.escape(reason)):
        parse_arabic_date(text)


def test_arabic_date_error_is_a_value_error() -> None:
    assert issubclass(ArabicDateError, ValueError)


# -- month names --------------------------------------------------------------------------------------------------

_SPELLINGS: list[tuple[str, int]] = [
    ("يناير", 1), ("كانون الثاني", 1), ("كانون ثاني", 1), ("جانفي", 1),
    ("فبراير", 2), ("شباط", 2), ("فيفري", 2),
    ("مارس", 3), ("آذار", 3), ("اذار", 3), ("أذار", 3),
    ("أبريل", 4), ("ابريل", 4), ("إبريل", 4), ("نيسان", 4), ("أفريل", 4),
    ("مايو", 5), ("مايس", 5), ("أيار", 5), ("ايار", 5), ("ماي", 5),
    ("يونيو", 6), ("يونيه", 6), ("يونية", 6), ("حزيران", 6), ("جوان", 6),
    ("يوليو", 7), ("يوليه", 7), ("يوليوز", 7), ("تموز", 7), ("جويلية", 7),
    ("أغسطس", 8), ("اغسطس", 8), ("آب", 8), ("اب", 8), ("غشت", 8), ("أوت", 8),
    ("سبتمبر", 9), ("أيلول", 9), ("ايلول", 9), ("شتنبر", 9),
    ("أكتوبر", 10), ("اكتوبر", 10), ("تشرين الأول", 10), ("تشرين الاول", 10), ("تشرين أول", 10),
    ("نوفمبر", 11), ("تشرين الثاني", 11), ("تشرين ثاني", 11), ("نونبر", 11),
    ("ديسمبر", 12), ("كانون الأول", 12), ("كانون الاول", 12), ("دجنبر", 12),
    ("أَبْرِيل", 4), ("نيـــسان", 4), ("تشرين   الأول", 10),
]


@pytest.mark.parametrize(("name", "number"), _SPELLINGS)
def test_month_from_name_knows_every_spelling(name: str, number: int) -> None:
    assert month_from_name(name) == number


@pytest.mark.parametrize("locale", ["ar", "ar_IQ", "ar_SY", "ar_MA", "ar_TN", "ar_DZ", "ar_EG"])
def test_month_from_name_reads_every_name_babel_writes(locale: str) -> None:
    for number in range(1, 13):
        assert month_from_name(month_name(number, locale)) == number


@pytest.mark.parametrize("name", ["", "مارش", "كانون", "تشرين", "الثلاثاء", "April"])
def test_month_from_name_refuses_non_months(name: str) -> None:
    with pytest.raises(ArabicDateError, match="not a month name"):
        month_from_name(name)


def test_month_name_comes_in_both_traditions() -> None:
    assert month_name(4) == "أبريل"
    assert month_name(4, "ar_IQ") == "نيسان"
    assert month_name(4, "ar", "levantine") == "نيسان"
    assert month_name(4, "ar", "both") == "أبريل (نيسان)"
    assert month_name(10, "ar", "levantine") == "تشرين الأول"
    assert month_name(4, "en") == "April"
    assert month_name(4, "en", "both") == "April"


def test_month_name_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="out of range"):
        month_name(13)
    with pytest.raises(ValueError, match="style"):
        month_name(4, "ar", "syriac")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown language"):
        month_name(4, "xx_not_a_locale")


def test_month_name_pattern_finds_months_in_running_raw_text() -> None:
    text = "وصل الوفد في أَبريل ثم عاد في تشرين  الأول، ولم يحضر أبناء الوزير في آب."
    found = [m.group(0) for m in re.finditer(MONTH_NAME_PATTERN, text)]
    assert found == ["أَبريل", "تشرين  الأول", "آب"]
    assert [month_from_name(f) for f in found] == [4, 10, 8]


def test_ordinal_day_pattern_finds_day_words_in_raw_text() -> None:
    match = re.search(ORDINAL_DAY_PATTERN, "جرى ذلك في الحادي والعشرين من الشهر")
    assert match is not None and ORDINAL_DAYS[normalise_arabic(match.group(0))] == 21


# -- digits and normalisation -----------------------------------------------------------------------------------


def test_digits_convert_both_ways() -> None:
    assert to_western_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_western_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_western_digits("١٦٥٬٠٠٠ و ٢٫٥") == "165,000 و 2.5"
    assert to_eastern_digits("0123456789") == "٠١٢٣٤٥٦٧٨٩"
    assert to_eastern_digits("165,000 جندي، و2.5 مليار.") == "١٦٥٬٠٠٠ جندي، و٢٫٥ مليار."
    assert to_eastern_digits("عام 2003, ثم 2011.") == "عام ٢٠٠٣, ثم ٢٠١١."


@given(st.text(alphabet="0123456789,. abc"))
def test_eastern_digits_convert_back_to_the_same_text(text: str) -> None:
    assert to_western_digits(to_eastern_digits(text)) == text


def test_normalise_arabic_reduces_text_for_matching() -> None:
    assert normalise_arabic("أَبْرِيلُ") == "ابريل"
    assert normalise_arabic("إبريـــل") == "ابريل"
    assert normalise_arabic("آذار") == "اذار"
    assert normalise_arabic("إلى") == "الي"  # alef maqsura becomes ya
    assert normalise_arabic("  تشرين \u00a0 الأول\u200f ") == "تشرين الاول"
    assert normalise_arabic("مدرسة مؤتمر") == "مدرسة مؤتمر"  # ta marbuta and hamza on waw are kept


# -- formatting --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "style", "expected"),
    [
        (day(2003, 4, 9), "gregorian", "9 أبريل 2003"),
        (day(2003, 4, 9), "levantine", "9 نيسان 2003"),
        (day(2003, 4, 9), "both", "9 أبريل (نيسان) 2003"),
        (month(2004, 4), "gregorian", "أبريل 2004"),
        (month(2004, 10), "levantine", "تشرين الأول 2004"),
        (year(2007), "gregorian", "عام 2007"),
        (year(2007, EARLY), "gregorian", "مطلع عام 2007"),
        (year(2015, MID), "gregorian", "منتصف عام 2015"),
        (year(2017, LATE), "both", "أواخر عام 2017"),
        (month(2004, 4, EARLY), "gregorian", "أوائل أبريل 2004"),
        (month(2017, 3, LATE), "gregorian", "أواخر مارس 2017"),
        (month(2017, 3, MID), "both", "منتصف مارس (آذار) 2017"),
    ],
)
def test_formats_arabic_dates(date: PartialDate, style: str, expected: str) -> None:
    assert format_partial_date(date, "ar", month_style=style) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (day(2003, 4, 9), "9 April 2003"),
        (month(2004, 4), "April 2004"),
        (year(2007), "2007"),
        (year(2007, EARLY), "early 2007"),
        (year(2015, MID), "mid-2015"),
        (month(2017, 3, LATE), "late March 2017"),
        (month(2004, 4, MID), "mid-April 2004"),
    ],
)
def test_formats_english_dates(date: PartialDate, expected: str) -> None:
    assert format_partial_date(date, "en") == expected


def test_eastern_digits_apply_to_every_digit() -> None:
    assert format_partial_date(day(2003, 4, 9), "ar", digits="eastern") == "٩ أبريل ٢٠٠٣"
    assert format_partial_date(day(2010, 12, 25), "ar", month_style="both", digits="eastern") == (
        "٢٥ ديسمبر (كانون الأول) ٢٠١٠"
    )


def test_arabic_output_carries_no_invisible_bidi_marks() -> None:
    out = format_partial_date(day(2003, 4, 9), "ar", month_style="both", digits="eastern")
    assert not re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", out)


def test_format_rejects_unknown_options() -> None:
    with pytest.raises(ValueError, match="month_style"):
        format_partial_date(year(2007), "ar", month_style="hijri")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="digits"):
        format_partial_date(year(2007), "ar", digits="roman")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="only in Arabic or English"):
        format_partial_date(year(2007), "fr")


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    y = draw(st.integers(1990, 2030))
    precision = draw(st.sampled_from(list(Precision)))
    if precision is Precision.YEAR:
        return PartialDate(y, qualifier=draw(st.none() | st.sampled_from(list(Qualifier))))
    m = draw(st.integers(1, 12))
    if precision is Precision.MONTH:
        return PartialDate(y, m, qualifier=draw(st.none() | st.sampled_from(list(Qualifier))))
    return PartialDate(y, m, draw(st.integers(1, calendar.monthrange(y, m)[1])))


@settings(max_examples=300)
@given(
    partial_dates(),
    st.sampled_from(["gregorian", "levantine", "both"]),
    st.sampled_from(["western", "eastern"]),
)
def test_parse_reads_back_every_arabic_format(date: PartialDate, style: str, digits: str) -> None:
    text = format_partial_date(date, "ar", month_style=style, digits=digits)  # type: ignore[arg-type]
    assert parse_arabic_date(text) == date
    assert parse_arabic_date(f"في {text}") == date


# -- numbers -----------------------------------------------------------------------------------------------------


def test_format_number_groups_thousands_in_each_language() -> None:
    assert format_number(165000, "en") == "165,000"
    assert format_number(165000, "ar") == "165,000"
    assert format_number(165000, "ar", digits="eastern") == "١٦٥٬٠٠٠"
    assert format_number(2.5, "ar", digits="eastern") == "٢٫٥"
    assert format_number(1234567, "en", digits="eastern") == "١٬٢٣٤٬٥٦٧"
    assert format_number(-1200, "ar") == "-1,200"


# -- restyling running text ----------------------------------------------------------------------------------------

STYLES = [(m, d) for m in ("gregorian", "levantine", "both") for d in ("western", "eastern")]


@settings(max_examples=300)
@given(partial_dates(), st.sampled_from(STYLES), st.sampled_from(STYLES))
def test_a_date_written_in_any_style_reads_in_the_readers(date: PartialDate, written: tuple, reader: tuple) -> None:
    """Whatever style a text's author wrote a date in, the reader gets it exactly as we would format it."""
    text = format_partial_date(date, "ar", month_style=written[0], digits=written[1])
    expected = format_partial_date(date, "ar", month_style=reader[0], digits=reader[1])
    assert restyle_arabic(f"وقع ذلك في {text}.", month_style=reader[0], digits=reader[1]) == f"وقع ذلك في {expected}."


@pytest.mark.parametrize("text, levantine, gregorian", [
    ("تقدّمت في الأسبوع الأول من أبريل", "تقدّمت في الأسبوع الأول من نيسان", None),
    ("ثم استعادت في يونيو بلدة", "ثم استعادت في حزيران بلدة", None),
    ("وفي مارس انسحبت", "وفي آذار انسحبت", None),
    ("هجمات 11 سبتمبر", "هجمات 11 أيلول", None),
    ("نحو 165,000 جندي", None, None),
    # «مارس» alone is the verb "practised"; a Levantine name alone may be a car or a father.
    ("مارس الضغط على بغداد", None, None),
    ("اشترى سيارة نيسان", None, None),
    ("في نيسان 2003", None, "في أبريل 2003"),
])
def test_month_names_in_running_text_change_only_where_they_name_a_month(text, levantine, gregorian) -> None:
    assert restyle_arabic(text, month_style="levantine") == (levantine or text)
    assert restyle_arabic(text, month_style="gregorian") == (gregorian or text)


def test_restyling_follows_the_readers_digits_both_ways() -> None:
    assert restyle_arabic("نحو 165,000 جندي و2.5 مليار", digits="eastern") == "نحو ١٦٥٬٠٠٠ جندي و٢٫٥ مليار"
    assert restyle_arabic("نحو ١٦٥٬٠٠٠ جندي و٢٫٥ مليار", digits="western") == "نحو 165,000 جندي و2.5 مليار"


# -- purity -------------------------------------------------------------------------------------------------------


def test_module_does_not_import_flask() -> None:
    tree = ast.parse(Path(arabic_dates.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.split(".")[0] in {"flask", "flask_babel"} for name in imported)


def test_every_vocabulary_key_is_in_normalised_form() -> None:
    tables = [arabic_dates.MONTH_SPELLINGS, ORDINAL_DAYS, arabic_dates.QUALIFIER_WORDS]
    for table in tables:
        for key in table:
            assert normalise_arabic(key) == key
    for word in arabic_dates._PARTICLES + arabic_dates._HIJRI_MONTHS:
        assert normalise_arabic(word) == word
