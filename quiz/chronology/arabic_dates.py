"""Reading and writing dates the way Arabic news articles write them. Pure: no Flask, no database.

Arabic writes the Gregorian months in two traditions, and a news article may use either or both:

* the *Gregorian* (Egyptian, "international") names, transliterated from the Latin ones:
  يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
  (the Maghreb has its own transliterations: يوليوز غشت شتنبر نونبر دجنبر, and Tunisia/Algeria
  جانفي فيفري أفريل ماي جوان جويلية أوت);
* the *Levantine* (Syriac) names, used in Iraq, Syria, Lebanon, Jordan and Palestine:
  كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول تشرين الثاني كانون الأول
  (Iraq also says مايس for May).

Both name the same Gregorian month — نيسان *is* April, not a different calendar — so newspapers often
write one with the other in brackets or after a slash: "9 أبريل (نيسان) 2003", "9 نيسان/أبريل 2003".
The parser accepts every one of these; the formatter writes one tradition or the pair ("both").

What the parser reads (after optional leading particles such as و في منذ حتى بحلول خلال من إلى):

* day, month, year: "20 مارس 2003", "1مايو 2003", "٢٠ مارس ٢٠٠٣", "في 28 يونيو عام 2016",
  "الثالث من يناير 2020" (ordinal day words, see ``ORDINAL_DAYS``), "الأربعاء 9 أبريل 2003"
  (a weekday is checked against the date);
* month and year: "نوفمبر 2004", "في فبراير عام 2009", "شهر سبتمبر 2020", "يناير/كانون الثاني 2020";
* year: "عام 2011", "العام 2003", "2017", "2003م";
* qualifiers (early/mid/late) on a month or a year: بداية مطلع أوائل مستهل → early; منتصف أواسط → mid;
  أواخر نهاية → late; "الأسبوع الأول من أبريل 2017" → early April; "النصف الثاني من 2015" → late 2015.

It refuses, with an ``ArabicDateError`` saying why, anything it cannot read with certainty: two-digit
years ("03" could be 1903 or 2003), years outside 1000–2100, all-numeric dates ("9/4/2003": day/month
order is ambiguous), Hijri dates, a day without a month, a day the month does not have, a qualifier on a
full day, a pair of month names that disagree ("أبريل (آذار)"), a weekday that does not match the date.

Matching is done on ``normalise_arabic`` text; the exported ``MONTH_NAME_PATTERN`` and the ordinal-day
pattern are built to also match raw article text (any hamza form, ى/ي, tashkeel, tatweel, any spaces),
so that the article extractor can find dates in running text without shifting offsets.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache
from typing import Literal, Mapping

from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

from .model import InvalidDate, PartialDate, Precision, Qualifier

__all__ = [
    "ArabicDateError",
    "Digits",
    "HIJRI_MONTHS",
    "HIJRI_MONTH_PATTERN",
    "MONTH_NAME_PATTERN",
    "MONTH_SPELLINGS",
    "MonthStyle",
    "ORDINAL_DAYS",
    "ORDINAL_DAY_PATTERN",
    "QUALIFIER_WORDS",
    "format_number",
    "format_partial_date",
    "hijri_to_gregorian",
    "hijri_year_span",
    "month_from_name",
    "month_name",
    "normalise_arabic",
    "parse_arabic_date",
    "to_eastern_digits",
    "to_western_digits",
]

MonthStyle = Literal["gregorian", "levantine", "both"]  # أبريل / نيسان / أبريل (نيسان)
Digits = Literal["western", "eastern"]  # 2003 / ٢٠٠٣

_MONTH_STYLES: tuple[str, ...] = ("gregorian", "levantine", "both")
_DIGIT_STYLES: tuple[str, ...] = ("western", "eastern")

MIN_YEAR = 1000  # history texts date events back to the Middle Ages ("منذ عام 1830"); four digits needed
MAX_YEAR = 2100

# Babel locales whose month names stand for each tradition.
_GREGORIAN_LOCALE = "ar"
_LEVANTINE_LOCALE = "ar_IQ"


class ArabicDateError(ValueError):
    """An Arabic date expression that cannot be read with certainty; the message says what and why."""


# -- digits --------------------------------------------------------------------------------------------

_EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669, Arabic-Indic
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9, Extended Arabic-Indic (Persian, Urdu)
_ARABIC_DECIMAL_SEPARATOR = "\u066b"  # ٫
_ARABIC_THOUSANDS_SEPARATOR = "\u066c"  # ٬

_TO_WESTERN = str.maketrans(
    {
        **{c: str(i) for i, c in enumerate(_EASTERN_DIGITS)},
        **{c: str(i) for i, c in enumerate(_PERSIAN_DIGITS)},
        _ARABIC_DECIMAL_SEPARATOR: ".",
        _ARABIC_THOUSANDS_SEPARATOR: ",",
    }
)
_TO_EASTERN = str.maketrans({str(i): c for i, c in enumerate(_EASTERN_DIGITS)})
WESTERN_GROUP_SEPARATOR_RE = re.compile(r"(?<=[0-9]),(?=[0-9])")
WESTERN_DECIMAL_SEPARATOR_RE = re.compile(r"(?<=[0-9])\.(?=[0-9])")


def to_western_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits to 0-9; ٫ to "." and ٬ to ",".

    The two Arabic separators only ever occur inside numbers, so they are always converted:
    "١٦٥٬٠٠٠" -> "165,000", "٢٫٥" -> "2.5". Everything else is left as it is.
    """
    return text.translate(_TO_WESTERN)


def to_eastern_digits(text: str) -> str:
    """0-9 to Arabic-Indic ٠-٩. A "," or "." *between two digits* becomes ٬ or ٫ ("165,000" -> "١٦٥٬٠٠٠");
    a comma or full stop elsewhere is punctuation and is kept. Inverse of ``to_western_digits`` on ASCII text."""
    text = WESTERN_GROUP_SEPARATOR_RE.sub(_ARABIC_THOUSANDS_SEPARATOR, text)
    text = WESTERN_DECIMAL_SEPARATOR_RE.sub(_ARABIC_DECIMAL_SEPARATOR, text)
    return text.translate(_TO_EASTERN)


# -- normalisation -------------------------------------------------------------------------------------

# Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
_TASHKEEL_CHARS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_TATWEEL = "\u0640"
# Invisible direction and zero-width characters that articles (and some locales) carry.
_INVISIBLE_CHARS = "\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
TASHKEEL_RE = re.compile(f"[{_TASHKEEL_CHARS}{_TATWEEL}]")
INVISIBLE_RE = re.compile(f"[{_INVISIBLE_CHARS}]")
_SPACES_RE = re.compile(r"\s+")
_LETTER_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك"})


def normalise_arabic(text: str) -> str:
    """Arabic text reduced to a form for matching (never for display).

    * Unicode NFKC (presentation forms such as ﻻ become ordinary letters);
    * tashkeel (harakat, tanween, shadda, sukun, superscript alef) and tatweel (ـ) removed;
    * invisible direction marks and zero-width characters removed;
    * alef with hamza above/below, alef madda and alef wasla (أ إ آ ٱ) become bare alef ا;
    * alef maqsura ى becomes ya ي (so علي and على, إلى and الي match; month names never end in ى),
      and the Persian ی and ک become ي and ك;
    * runs of whitespace (including no-break spaces) become one space; ends are trimmed.

    Left alone on purpose: ة (ta marbuta), ؤ and ئ (changing them changes words) and digits (see
    ``to_western_digits``).
    """
    text = unicodedata.normalize("NFKC", text)
    text = TASHKEEL_RE.sub("", text)
    text = INVISIBLE_RE.sub("", text)
    text = text.translate(_LETTER_MAP)
    return _SPACES_RE.sub(" ", text).strip()


# -- building patterns that also match raw text -----------------------------------------------------------

_MARKS = f"[{_TASHKEEL_CHARS}{_TATWEEL}]*"
_LETTER_VARIANTS: Mapping[str, str] = {"ا": "[اأإآٱ]", "ي": "[يىی]", "ك": "[كک]"}
_NOT_A_LETTER_NEXT = r"(?![^\W\d_])"  # the word ends here: no letter follows (a digit may)


def _tolerant(spelling: str) -> str:
    """A regex for a normalised spelling that also matches its raw forms: any hamza on alef, ى for ي,
    tashkeel or tatweel after any letter, any run of spaces, and "و" joined to or apart from its word."""
    parts: list[str] = []
    for word_index, word in enumerate(spelling.split(" ")):
        if word_index:
            parts.append(r"\s+")
        if word_index and word.startswith("و") and len(word) > 2:
            parts.append("و" + _MARKS + r"\s*")  # "الحادي والعشرين" or "الحادي و العشرين"
            word = word[1:]
        parts.extend(_LETTER_VARIANTS.get(ch, re.escape(ch)) + _MARKS for ch in word)
    return "".join(parts)


def _alternation(spellings: list[str] | tuple[str, ...] | Mapping[str, object]) -> str:
    """Non-capturing alternation, longest spelling first, each ending at a word boundary."""
    ordered = sorted(set(spellings), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(_tolerant(s) for s in ordered) + ")" + _NOT_A_LETTER_NEXT


# -- vocabulary (all keys in normalise_arabic form) ---------------------------------------------------------

_GREGORIAN_SPELLINGS: Mapping[int, tuple[str, ...]] = {
    1: ("يناير",),
    2: ("فبراير",),
    3: ("مارس",),
    4: ("ابريل",),
    5: ("مايو",),
    6: ("يونيو", "يونيه", "يونية"),
    7: ("يوليو", "يوليه", "يولية"),
    8: ("اغسطس",),
    9: ("سبتمبر", "سيتمبر", "سبتمر"),  # common slips of the keyboard
    10: ("اكتوبر", "اوكتوبر"),  # "أوكتوبر", as some sites spell it
    11: ("نوفمبر", "نوفبر", "نوڤمبر"),  # a slip, and the ڤ some sites write for the "v"
    12: ("ديسمبر",),
}
_MAGHREBI_SPELLINGS: Mapping[int, tuple[str, ...]] = {
    1: ("جانفي",),  # Tunisia, Algeria
    2: ("فيفري",),
    4: ("افريل",),
    5: ("ماي",),
    6: ("جوان",),
    7: ("يوليوز", "جويلية"),
    8: ("غشت", "اوت"),
    9: ("شتنبر",),
    11: ("نونبر",),
    12: ("دجنبر",),
}
_LEVANTINE_SPELLINGS: Mapping[int, tuple[str, ...]] = {
    # "11 ك2 2024": the Lebanese press abbreviates the doubled names; "تشرين ثان" drops the ي as in speech
    1: ("كانون الثاني", "كانون ثاني", "كانون ثان", "ك2"),
    2: ("شباط",),
    3: ("اذار",),
    4: ("نيسان",),
    5: ("ايار", "مايس"),  # مايس: Iraq
    6: ("حزيران",),
    7: ("تموز",),
    8: ("اب",),
    9: ("ايلول",),
    10: ("تشرين الاول", "تشرين اول", "ت1"),
    11: ("تشرين الثاني", "تشرين ثاني", "تشرين ثان", "ت2"),
    12: ("كانون الاول", "كانون اول", "ك1"),
}

MONTH_SPELLINGS: Mapping[str, int] = {
    spelling: month
    for table in (_GREGORIAN_SPELLINGS, _MAGHREBI_SPELLINGS, _LEVANTINE_SPELLINGS)
    for month, spellings in table.items()
    for spelling in spellings
}
"""Every month spelling the parser knows, in ``normalise_arabic`` form, to its number 1-12."""

MONTH_NAME_PATTERN: str = _alternation(MONTH_SPELLINGS)
"""Regex source matching one month name of either tradition, in raw or normalised text.

Longest names first; it ends with a guard so that it never stops inside a word (اب is not found in
ابريل), but it has no leading guard, so callers add their own (an article may write وأبريل).
Pass the matched text to ``month_from_name``."""

_UNITS = ("الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
ORDINAL_DAYS: Mapping[str, int] = {
    "اول": 1,  # "أول مايو"
    "الاول": 1,
    "فاتح": 1,  # "فاتح يناير 1989", "الفاتح من نوفمبر 1954": the Maghreb's "first" of a month
    "الفاتح": 1,
    **{word: n for n, word in enumerate(_UNITS[1:], start=2)},
    "العاشر": 10,
    **{f"{word} عشر": n for n, word in enumerate(_UNITS, start=11)},
    "العشرين": 20,
    **{f"{word} والعشرين": n for n, word in enumerate(_UNITS, start=21)},
    "الثلاثين": 30,
    "الحادي والثلاثين": 31,
    # the nominative, as a date that is a sentence's subject is written ("وهو يوم الأربعاء العشرون من ...")
    "العشرون": 20,
    **{f"{word} والعشرون": n for n, word in enumerate(_UNITS, start=21)},
    "الثلاثون": 30,
    "الحادي والثلاثون": 31,
}
"""Ordinal day words ("الثالث من يناير" is 3 January) in ``normalise_arabic`` form, with "و" joined."""

ORDINAL_DAY_PATTERN: str = _alternation(ORDINAL_DAYS)
"""Regex source matching one ordinal day word (raw or normalised text); look it up with ``ordinal_day``."""

QUALIFIER_WORDS: Mapping[str, Qualifier] = {
    "بداية": Qualifier.EARLY,
    "بدايات": Qualifier.EARLY,
    "مطلع": Qualifier.EARLY,
    "اوائل": Qualifier.EARLY,
    "مستهل": Qualifier.EARLY,
    "منتصف": Qualifier.MID,
    "اواسط": Qualifier.MID,
    "اواخر": Qualifier.LATE,
    "اوخر": Qualifier.LATE,  # a common slip for اواخر
    "نهاية": Qualifier.LATE,
    "نهايات": Qualifier.LATE,
    "بدايه": Qualifier.EARLY,  # Egypt writes ه for ة: "في بدايه اربعينيات القرن الماضي"
    "نهايه": Qualifier.LATE,
}
"""Words that put a month or a year's event early, mid or late ("أواخر مارس 2017")."""

# A named part of a month ("الأسبوع الأول من أبريل") or of a year or month ("النصف الثاني من 2015"),
# mapped to the qualifier whose window (see model.py) contains it.
_WEEK_PARTS: Mapping[str, Qualifier] = {
    "الاسبوع الاول": Qualifier.EARLY,  # days 1-7
    "الاسبوع الثاني": Qualifier.EARLY,  # days 8-14
    "الاسبوع الثالث": Qualifier.MID,  # days 15-21
    "الاسبوع الرابع": Qualifier.LATE,  # days 22-28
    "الاسبوع الاخير": Qualifier.LATE,
}
_HALF_PARTS: Mapping[str, Qualifier] = {
    "النصف الاول": Qualifier.EARLY,
    "النصف الثاني": Qualifier.LATE,
    # "في الأسابيع الأولى من عام 1865", "الأشهر الأخيرة من 2011": the first or last part of a month or year
    **{f"{unit} {end}": q for unit in ("الاشهر", "الشهور", "الاسابيع", "الايام")
       for end, q in (("الاولي", Qualifier.EARLY), ("الاخيرة", Qualifier.LATE))},
    # quarters of a year: "الربع الثاني من 2008" (April-June) lies mostly in the year's middle window
    "الربع الاول": Qualifier.EARLY, "الربع الثاني": Qualifier.MID, "الربع الثالث": Qualifier.MID,
    "الربع الرابع": Qualifier.LATE, "الربع الاخير": Qualifier.LATE,
}

_WEEKDAYS: Mapping[str, int] = {  # datetime.weekday(): Monday is 0
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الاحد": 6,
}
_WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Written as articles write them, stored in normalise_arabic form (حتى -> حتي, إلى -> الي).
_PARTICLES = tuple(normalise_arabic(p) for p in (
    "في", "منذ", "حتى", "بحلول", "خلال", "من", "إلى", "مع", "بتاريخ", "اعتبارا من", "ابتداء من"))
_YEAR_WORDS = ("عام", "العام", "سنة", "السنة", "لعام", "للعام", "سنه", "السنه")  # "سنه 1957": Egypt writes ه for ة
_HIJRI_MONTHS = tuple(normalise_arabic(m) for m in (
    "محرم", "صفر", "ربيع الاول", "ربيع الثاني", "ربيع الاخر", "جمادى الاولى", "جمادى الاخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"))

HIJRI_MONTHS: Mapping[str, int] = {
    **{name: n for n, name in enumerate(_HIJRI_MONTHS[:4], start=1)},
    _HIJRI_MONTHS[4]: 4,  # ربيع الآخر = ربيع الثاني
    **{name: n for n, name in enumerate(_HIJRI_MONTHS[5:], start=5)},
    "جمادي الاول": 5, "جمادي الثاني": 6, "جمادي الثانية": 6, "ذي القعدة": 11, "ذي الحجة": 12,
    # with the article, without it, and the masculine: "المحرم", "ربيع أول", "جمادى الآخر", "ذا القعدة"
    **{normalise_arabic(name): n for name, n in (
        ("المحرم", 1), ("ربيع أول", 3), ("ربيع ثاني", 4), ("ربيع آخر", 4), ("جمادى الآخر", 6), ("جمادى أولى", 5),
        ("جمادى آخرة", 6), ("جمادى الثانية", 6), ("ذا القعدة", 11), ("ذا الحجة", 12))},
}
"""Hijri month names (normalise_arabic form) to their number 1-12."""
HIJRI_MONTH_PATTERN: str = _alternation(HIJRI_MONTHS)

WEEKDAY_PATTERN: str = _alternation(_WEEKDAYS)
WEEKDAYS: Mapping[str, int] = _WEEKDAYS  # normalised name -> datetime.weekday()
QUALIFIER_PATTERN: str = _alternation(QUALIFIER_WORDS)
PERIOD_PART_PATTERN: str = _alternation({**_WEEK_PARTS, **_HALF_PARTS})
YEAR_WORD_PATTERN: str = _alternation(_YEAR_WORDS)
PARTICLE_PATTERN: str = _alternation(_PARTICLES)

# -- compiled expressions -----------------------------------------------------------------------------------

MONTH_NAME_RE = re.compile(MONTH_NAME_PATTERN)
ORDINAL_DAY_RE = re.compile(ORDINAL_DAY_PATTERN)

# Leading particles: "في", "وفي", "ومنذ", "وبحلول", "اعتبارا من" ...
LEADING_PARTICLE_RE = re.compile(rf"^(?:و{_MARKS}\s*)?{PARTICLE_PATTERN}\s*")
# A bare "و" (and) before something that starts a date: "و 2011", "ونهاية 2015", "وأبريل 2004".
LEADING_WAW_RE = re.compile(
    rf"^و{_MARKS}\s*(?=[0-9]|{MONTH_NAME_PATTERN}|{ORDINAL_DAY_PATTERN}|{QUALIFIER_PATTERN}"
    rf"|{PERIOD_PART_PATTERN}|{YEAR_WORD_PATTERN}|{WEEKDAY_PATTERN}|شهر|يوم)"
)
EDGE_PUNCTUATION = ".,،:;؛!?؟\"'«»“”‘’"

# One whole date expression, on normalised text with western digits and particles already stripped.
# Every part is optional so that a half-date ("الثالث من 2020", "الثلاثاء") still matches and can be
# refused with a precise reason; a numeric day must be followed by a month name.
DATE_EXPRESSION_RE = re.compile(
    rf"""^
    (?:يوم\s+)?
    (?:(?P<weekday>{WEEKDAY_PATTERN})(?:\s*[،,]\s*|\s+|$)(?:الموافق\s+)?)?
    (?:(?P<qualifier>{QUALIFIER_PATTERN})\s*|(?P<part>{PERIOD_PART_PATTERN})\s+من\s+)?
    (?:
        (?P<day>[0-9]+(?=\s*(?:من\s+)?(?:شهر\s+)?{MONTH_NAME_PATTERN})|{ORDINAL_DAY_PATTERN})
        \s*(?:من\s+)?
    )?
    (?:شهر\s+)?
    (?:
        (?P<month>{MONTH_NAME_PATTERN})
        (?:\s*[(\[]\s*(?P<month_bracket>{MONTH_NAME_PATTERN})\s*[)\]]
          |\s*/\s*(?P<month_slash>{MONTH_NAME_PATTERN}))?
    )?
    \s*[،,]?\s*
    (?:(?:من\s+)?(?P<year_word>{YEAR_WORD_PATTERN})\s*)?
    (?P<year>[0-9]+)?
    (?:\s*م{_NOT_A_LETTER_NEXT})?
    $""",
    re.VERBOSE,
)

ALL_NUMERIC_DATE_RE = re.compile(r"[0-9]{1,4}\s*[/.\-]\s*[0-9]{1,2}(?:\s*[/.\-]\s*[0-9]{1,4})?")
HIJRI_RE = re.compile(rf"[0-9]+\s*ه{_NOT_A_LETTER_NEXT}|{_alternation(_HIJRI_MONTHS)}")
RANGE_RE = re.compile(rf"(?<![^\W\d_])(?:عامي|بين){_NOT_A_LETTER_NEXT}|[0-9]{{4}}\D+[0-9]{{4}}")
_WORD_RE = re.compile(r"[^\W\d_]+")

_KNOWN_WORDS: frozenset[str] = frozenset(
    word
    for phrase in (*MONTH_SPELLINGS, *ORDINAL_DAYS, *QUALIFIER_WORDS, *_WEEK_PARTS, *_HALF_PARTS, *_WEEKDAYS,
                   *_PARTICLES, *_YEAR_WORDS, "شهر", "يوم", "الموافق", "م", "و")
    for word in phrase.split(" ")
)

_EXAMPLES = "'9 أبريل 2003', 'نوفمبر (تشرين الثاني) 2004', 'عام 2011' or 'أواخر مارس 2017'"


# -- month names ----------------------------------------------------------------------------------------------


def month_from_name(name: str) -> int:
    """The month number (1-12) of a month name in either tradition, any hamza/ya spelling, with or
    without tashkeel: "أبريل", "ابريل", "إبريل", "نيسان", "مايس", "تشرين الأول", "دجنبر" ...

    Raises ``ArabicDateError`` if the name is not a month."""
    key = normalise_arabic(name)
    try:
        return MONTH_SPELLINGS[key]
    except KeyError:
        raise ArabicDateError(f"{name!r} is not a month name in either Arabic tradition") from None


def ordinal_day(word: str) -> int:
    """The day number of an ordinal day word: "الحادي والعشرين" (or "الحادي و العشرين") -> 21."""
    key = re.sub(r" و ", " و", normalise_arabic(word))
    try:
        return ORDINAL_DAYS[key]
    except KeyError:
        raise ArabicDateError(f"{word!r} is not an ordinal day word (الأول ... الحادي والثلاثين)") from None


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown language {lang!r}: {exc}") from None


def _language(lang: str) -> str:
    language = _locale(lang).language
    if language not in ("ar", "en"):
        raise ValueError(f"dates are written only in Arabic or English, not {lang!r}")
    return language


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")


def month_name(month: int, lang: str = "ar", style: MonthStyle = "gregorian") -> str:
    """A month's name from Babel's locale data (the "format" wide names).

    Arabic: style "gregorian" gives the names of the locale ``lang`` ('ar': أبريل; a Levantine locale
    such as 'ar_IQ' gives its own: نيسان), "levantine" those of 'ar_IQ' (نيسان), "both" the Gregorian name
    with the Levantine one in brackets: "أبريل (نيسان)". Other languages have one tradition, so the style
    is ignored: month_name(4, "en") == "April".
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is out of range 1-12")
    _check_choice("style", style, _MONTH_STYLES)
    if _language(lang) != "ar" or style == "gregorian":
        return str(_locale(lang).months["format"]["wide"][month])
    levantine = str(_locale(_LEVANTINE_LOCALE).months["format"]["wide"][month])
    if style == "levantine":
        return levantine
    gregorian = str(_locale(_GREGORIAN_LOCALE).months["format"]["wide"][month])
    return f"{gregorian} ({levantine})"


# -- parsing ----------------------------------------------------------------------------------------------------


def _strip_particles(text: str) -> str:
    while True:
        match = LEADING_PARTICLE_RE.match(text) or LEADING_WAW_RE.match(text)
        if not match or not match.end():
            return text
        text = text[match.end():]


def _read_year(digits: str, original: str) -> int:
    if len(digits) <= 2:
        raise ArabicDateError(
            f"cannot read {original!r}: two-digit years are refused ({digits!r} could be 19{digits.zfill(2)} "
            f"or 20{digits.zfill(2)}); write the year with four digits"
        )
    if len(digits) != 4:
        raise ArabicDateError(f"cannot read {original!r}: {digits!r} is not a plausible year (four digits needed)")
    year = int(digits)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ArabicDateError(
            f"cannot read {original!r}: year {year} is not a plausible year (outside {MIN_YEAR}-{MAX_YEAR})"
        )
    return year


def _explain_failure(text: str, cleaned: str) -> ArabicDateError:
    if HIJRI_RE.search(cleaned):
        return ArabicDateError(f"cannot read {text!r}: Hijri dates are not supported, only Gregorian ones")
    if ALL_NUMERIC_DATE_RE.search(cleaned):
        return ArabicDateError(
            f"cannot read {text!r}: all-numeric dates are refused because the day/month order is ambiguous; "
            "write the month by name"
        )
    if RANGE_RE.search(cleaned):
        return ArabicDateError(f"cannot read {text!r}: it looks like a range of dates, not a single date")
    unknown = [w for w in _WORD_RE.findall(cleaned)
               if w not in _KNOWN_WORDS and not (w.startswith("و") and w[1:] in _KNOWN_WORDS)]
    if unknown:
        words = ", ".join(repr(w) for w in dict.fromkeys(unknown))
        return ArabicDateError(f"cannot read {text!r} as a date: unknown word(s) {words}; expected e.g. {_EXAMPLES}")
    return ArabicDateError(
        f"cannot read {text!r} as a single date: its parts are not in an order this parser reads; "
        f"expected e.g. {_EXAMPLES}"
    )


def parse_arabic_date(text: str, *, default_year: int | None = None) -> PartialDate:
    """Read one whole Arabic date expression into a PartialDate (see the module docstring for the forms).

    ``default_year`` supplies the year when the text names a month (and maybe a day) but no year, as in
    "في يونيو" inside an article about 2004; without it such a text is an error. Anything that cannot be
    read with certainty raises ``ArabicDateError`` whose message says what and why.
    """
    if not isinstance(text, str):
        raise ArabicDateError(f"expected text, got {type(text).__name__}")
    cleaned = normalise_arabic(to_western_digits(text)).strip(EDGE_PUNCTUATION + " ")
    if not cleaned:
        raise ArabicDateError("empty text: there is no date to read")
    body = _strip_particles(cleaned).strip(EDGE_PUNCTUATION + " ")
    if not body:
        raise ArabicDateError(f"cannot read {text!r}: only particles, no day, month or year")
    match = DATE_EXPRESSION_RE.match(body)
    if not match:
        raise _explain_failure(text, body)
    groups = match.groupdict()

    if not (groups["day"] or groups["month"] or groups["year"]):
        if groups["weekday"]:
            raise ArabicDateError(f"cannot read {text!r}: a weekday alone is not a date (no day, month or year)")
        if groups["qualifier"] or groups["part"]:
            raise ArabicDateError(f"cannot read {text!r}: early/mid/late of what? no month or year follows")
        raise ArabicDateError(f"cannot read {text!r}: no day, month or year found")

    month = month_from_name(groups["month"]) if groups["month"] else None
    other_name = groups["month_bracket"] or groups["month_slash"]
    if month is not None and other_name:
        other = month_from_name(other_name)
        if other != month:
            raise ArabicDateError(
                f"cannot read {text!r}: the two month names disagree ({groups['month']!r} is "
                f"{calendar.month_name[month]}, {other_name!r} is {calendar.month_name[other]})"
            )

    day: int | None = None
    if groups["day"]:
        day = int(groups["day"]) if groups["day"].isdigit() else ordinal_day(groups["day"])
        if month is None:
            raise ArabicDateError(f"cannot read {text!r}: a day needs a month, and none is named")
        if not 1 <= day <= 31:
            raise ArabicDateError(
                f"cannot read {text!r}: day {day} does not exist in any month (a year goes after the month)"
            )

    qualifier: Qualifier | None = None
    if groups["qualifier"]:
        qualifier = QUALIFIER_WORDS[normalise_arabic(groups["qualifier"])]
    elif groups["part"]:
        part = normalise_arabic(groups["part"])
        qualifier = {**_WEEK_PARTS, **_HALF_PARTS}[part]
        if part in _WEEK_PARTS and month is None:
            raise ArabicDateError(f"cannot read {text!r}: a week needs a month, and none is named")
    if qualifier is not None and day is not None:
        raise ArabicDateError(
            f"cannot read {text!r}: a date known to the day cannot also be early/mid/late (qualifier on a full day)"
        )

    if groups["year"]:
        year = _read_year(groups["year"], text)
    elif groups["year_word"]:
        raise ArabicDateError(f"cannot read {text!r}: {groups['year_word']!r} is not followed by a year")
    elif month is None:
        raise ArabicDateError(f"cannot read {text!r}: no month or year found")
    elif default_year is None:
        raise ArabicDateError(f"cannot read {text!r}: no year is given (and no default_year was supplied)")
    else:
        if not MIN_YEAR <= default_year <= MAX_YEAR:
            raise ArabicDateError(f"default_year {default_year} is outside {MIN_YEAR}-{MAX_YEAR}")
        year = default_year

    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ArabicDateError(
                f"cannot read {text!r}: day {day} does not exist in {calendar.month_name[month]} {year}, "
                f"which has {last} days"
            )
    if groups["weekday"]:
        weekday = _WEEKDAYS[normalise_arabic(groups["weekday"])]
        if day is None or month is None:
            raise ArabicDateError(f"cannot read {text!r}: a weekday needs a full date (day, month and year)")
        actual = dt.date(year, month, day).weekday()
        if actual != weekday:
            raise ArabicDateError(
                f"cannot read {text!r}: the weekday does not match the date ({year}-{month:02d}-{day:02d} was a "
                f"{_WEEKDAY_NAMES_EN[actual]}, not a {_WEEKDAY_NAMES_EN[weekday]})"
            )
    try:
        return PartialDate(year, month, day, qualifier)
    except InvalidDate as exc:  # pragma: no cover - every case is checked above
        raise ArabicDateError(f"cannot read {text!r}: {exc}") from exc


# -- the Hijri calendar ----------------------------------------------------------------------------------------

_HIJRI_EPOCH_JDN = 1948440  # 1 Muharram 1 AH = 16 July 622 (Julian), the "civil" epoch of the tabular calendar
_GREGORIAN_REFORM_JDN = 2299161  # 15 October 1582: dates before it are given in the Julian calendar


def _hijri_jdn(year: int, month: int, day: int) -> int:
    return (day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30
            + _HIJRI_EPOCH_JDN - 1)


def _jdn_to_date(jdn: int) -> tuple[int, int, int]:
    """A Julian day number as (year, month, day): Julian calendar before the 1582 reform (as historians date
    those events), Gregorian from it on."""
    if jdn >= _GREGORIAN_REFORM_JDN:
        day = dt.date.fromordinal(jdn - 1721425)
        return day.year, day.month, day.day
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def hijri_to_gregorian(year: int, month: int = 1, day: int = 1) -> tuple[int, int, int]:
    """A Hijri date in the arithmetical (tabular) calendar, as (year, month, day) of the Western calendar.

    The tabular calendar is the one reference works convert with; the months actually began with the sighting
    of the new moon, so a real date may differ by a day or two (Umm al-Qura tables, which libraries such as
    ``hijridate`` use, cover only 1343-1500 AH, 1924-2077). Before 15 October 1582 the result is Julian."""
    if not (1 <= year <= 2000 and 1 <= month <= 12 and 1 <= day <= 30):
        raise ArabicDateError(f"not a Hijri date: {year}-{month}-{day}")
    return _jdn_to_date(_hijri_jdn(year, month, day))


def hijri_year_span(year: int) -> tuple[int, int]:
    """The Western years in which a Hijri year begins and ends (a Hijri year is 354 or 355 days, so it
    usually straddles two): 91 AH -> (709, 710)."""
    first = hijri_to_gregorian(year, 1, 1)[0]
    last = _jdn_to_date(_hijri_jdn(year + 1, 1, 1) - 1)[0]
    return first, last


# -- formatting -------------------------------------------------------------------------------------------------

_AR_YEAR_QUALIFIERS: Mapping[Qualifier, str] = {
    Qualifier.EARLY: "مطلع",
    Qualifier.MID: "منتصف",
    Qualifier.LATE: "أواخر",
}
_AR_MONTH_QUALIFIERS: Mapping[Qualifier, str] = {
    Qualifier.EARLY: "أوائل",
    Qualifier.MID: "منتصف",
    Qualifier.LATE: "أواخر",
}
_EN_QUALIFIERS: Mapping[Qualifier, str] = {
    Qualifier.EARLY: "early ",
    Qualifier.MID: "mid-",
    Qualifier.LATE: "late ",
}


def _format_arabic(date: PartialDate, lang: str, style: MonthStyle) -> str:
    day = dt.date(date.year, date.month or 1, date.day or 1)
    year = format_date(day, "y", locale=lang)
    if date.precision is Precision.YEAR:
        text = f"عام {year}"
        return f"{_AR_YEAR_QUALIFIERS[date.qualifier]} {text}" if date.qualifier else text
    assert date.month is not None
    if style == "both":
        month_part = month_name(date.month, lang, "both")
        text = f"{month_part} {year}"
        if date.day is not None:
            text = f"{format_date(day, 'd', locale=lang)} {text}"
    else:
        locale = lang if style == "gregorian" else _LEVANTINE_LOCALE
        text = format_date(day, "d MMMM y" if date.day is not None else "MMMM y", locale=locale)
    return f"{_AR_MONTH_QUALIFIERS[date.qualifier]} {text}" if date.qualifier else text


def _format_english(date: PartialDate, lang: str) -> str:
    day = dt.date(date.year, date.month or 1, date.day or 1)
    pattern = {Precision.DAY: "d MMMM y", Precision.MONTH: "MMMM y", Precision.YEAR: "y"}[date.precision]
    text = format_date(day, pattern, locale=lang)
    return f"{_EN_QUALIFIERS[date.qualifier]}{text}" if date.qualifier else text


def format_partial_date(
    date: PartialDate, lang: str = "ar", *, month_style: MonthStyle = "gregorian", digits: Digits = "western"
) -> str:
    """A PartialDate as an article would write it, via Babel's patterns and month names.

    Arabic: "9 أبريل 2003" (levantine "9 نيسان 2003", both "9 أبريل (نيسان) 2003"), "أبريل 2004",
    "عام 2007", "مطلع عام 2007", "منتصف عام 2015", "أواخر عام 2017", "أوائل أبريل 2004",
    "أواخر مارس 2017". English: "9 April 2003", "April 2004", "2007", "early 2007", "mid-2015",
    "late March 2017". ``digits="eastern"`` writes every digit as ٠-٩. No bidi marks are added (the templates
    isolate dates with <bdi>). ``parse_arabic_date`` reads every Arabic output back to the same date.
    """
    _check_choice("month_style", month_style, _MONTH_STYLES)
    _check_choice("digits", digits, _DIGIT_STYLES)
    if _language(lang) == "ar":
        text = _format_arabic(date, lang, month_style)
    else:
        text = _format_english(date, lang)
    text = to_western_digits(INVISIBLE_RE.sub("", text))
    return to_eastern_digits(text) if digits == "eastern" else text


def format_number(value: float | int, lang: str = "ar", *, digits: Digits = "western") -> str:
    """A number with the locale's grouping, via Babel's format_decimal: 165000 -> "165,000"; Arabic with
    eastern digits uses the Arabic separators: "١٦٥٬٠٠٠", 2.5 -> "٢٫٥". Invisible bidi marks that some
    locales put before a minus sign are dropped."""
    _check_choice("digits", digits, _DIGIT_STYLES)
    if digits == "eastern" and _language(lang) == "ar":
        # Babel's "arab" numbering system gives the Arabic separators but leaves the digits western.
        text = to_eastern_digits(format_decimal(value, locale=lang, numbering_system="arab"))
    else:
        text = format_decimal(value, locale=_locale(lang), numbering_system="latn")
        if digits == "eastern":
            text = to_eastern_digits(text)
    return INVISIBLE_RE.sub("", text)


# -- restyling running text ------------------------------------------------------------------------------------

# A month name as our texts and teachers write dates: Gregorian («أبريل»), Levantine («نيسان») or both
# («أبريل (نيسان)»), in any hamza or ya spelling. The leading guard keeps it from starting inside a word.
_GREGORIAN_MONTH = _alternation([s for spellings in _GREGORIAN_SPELLINGS.values() for s in spellings])
_LEVANTINE_MONTH = _alternation([s for spellings in _LEVANTINE_SPELLINGS.values() for s in spellings])
_MONTH_IN_TEXT_RE = re.compile(
    rf"(?:(?<![0-9٠-٩])(?P<day>[0-9٠-٩]{{1,2}}\s+)|(?<![^\W\d_]))"
    rf"(?:(?P<g>{_GREGORIAN_MONTH})(?:\s*\(\s*{_LEVANTINE_MONTH}\s*\))?|(?P<l>{_LEVANTINE_MONTH}))"
)
_YEAR_NEXT_RE = re.compile(r"\s+(?:عام\s+)?[0-9٠-٩]{4}")
# «مارس» alone may be the verb "practised"; after one of these words it is the month («في مارس»).
_BEFORE_MONTH_WORDS = (*_PARTICLES, "اوائل", "اواخر", "منتصف", "مطلع", "بداية", "نهاية", "شهر")
_BEFORE_A_MONTH_RE = re.compile(rf"(?<![^\W\d_])(?:و{_MARKS})?{_alternation(_BEFORE_MONTH_WORDS)}\s+$")


def _is_a_date(match: re.Match[str]) -> bool:
    """Whether a month name found in running text names a month.

    Always with a day before it («20 مارس») or a year after it («نيسان 2003», «مارس عام 2003»). Alone, a
    Gregorian name is a month («في يونيو») except «مارس», which needs a word such as «في» before it; a
    Levantine name alone is left as it is: «نيسان» is also a make of car and «آب» a father.
    """
    if match.group("day") or _YEAR_NEXT_RE.match(match.string, match.end()):
        return True
    if match.group("g") is None:
        return False
    if month_from_name(match.group("g")) != 3:
        return True
    return bool(_BEFORE_A_MONTH_RE.search(match.string, 0, match.start()))


def restyle_arabic(text: str, *, month_style: MonthStyle = "gregorian", digits: Digits = "western") -> str:
    """Arabic running text (a summary, an explanation, a teacher's question) in the reader's month names and
    digits, whichever the text was written in.

    Our own texts write dates with Gregorian month names and Western digits («20 مارس 2003»); a teacher may
    write «20 آذار ٢٠٠٣» or «مارس (آذار)». A reader who chose نيسان and ٢٠٠٣, أبريل and 2003, or both names
    gets every date and number in the text their way, not only the ones we format.
    """
    _check_choice("month_style", month_style, _MONTH_STYLES)
    _check_choice("digits", digits, _DIGIT_STYLES)

    def month(match: re.Match[str]) -> str:
        if not _is_a_date(match):
            return match.group(0)
        name = month_name(month_from_name(match.group("g") or match.group("l")), "ar", month_style)
        return (match.group("day") or "") + name

    text = _MONTH_IN_TEXT_RE.sub(month, text)
    return to_eastern_digits(text) if digits == "eastern" else to_western_digits(text)
