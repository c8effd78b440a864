"""What kind of text an article is, decided once before any of its dates is read. Pure: no Flask, no database.

A reader takes in a page's shape before its sentences: a line of date and clock time under the headline is
when it was published, a site's date at the very top is the day it was served, and a page titled «حدث في مثل
هذا اليوم» lists events that all share one day of the year, each entry giving only its year («1962 - ...»).
Rules that look at one sentence at a time get these wrong in ways no later rule repairs (the entries read as
bare years, the widget's day becomes the article's present), so ``read_layout`` settles them first and the
extractor (``extract.py``) asks it.

What it decides:

* ``on_this_day``: the text says «في مثل هذا اليوم» (any hamza/alif maqsura spelling, «فى»);
* ``page_day``: the (month, day) such a page is about: the first day and month the text names up to
  shortly after that phrase («وقعت في يوم 12 سبتمبر...»; «في مثل هذا اليوم الخامس عشر من فبراير»), else
  the day of the page's stamp (given by the caller, or an English stamp such as «Tuesday 27th January,2004»
  that Arabic newspapers' archives print above the text);
* ``english_stamp``: that English stamp's date, when one of the first two lines has it;
* ``bare_years_from``: the earliest year a number after "في/منذ" may be without a year word. A bare "1500"
  is more often a count than a year, so it is 1900 by default; a text that names years before 1900 with a
  year word or a month («عام 1798», «يوليو 1789») is about those centuries, and its «في 1792» is a year;
* ``western_early_years``: the span of Western years before 1000 a text marks «م» (see ``_western_early_years``):
  there an unmarked «في عام 796» is Western, not a chronicle's Hijri year;
* ``western_page``: the page counts in the Western calendar only (four-digit years, no sign of the Hijri one):
  its unmarked «في عام 534» is Western, where a chronicle's «فى سنة ٧٩٨» would be Hijri;
* ``hijri_years``: the span of Hijri years a text that marks its Hijri years («1292 هـ») counts in, when its
  Western years («1876 م») lie well after it: in such a text an unmarked «عام 1319» within that span is a
  Hijri year too (the Gulf biographies' habit), as a reader who has seen the life's Western dates knows.

A page titled with a day and month and no year («9 أبريل», «من ذاكرة الأيام 4 شباط/فبراير») whose lines are
entries opening with a year («- 1241 - معركة ...») is such a page too, without the phrase: an encyclopaedia's
day article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .arabic_dates import (
    HIJRI_MONTH_PATTERN,
    HIJRI_MONTHS,
    MONTH_NAME_PATTERN,
    ORDINAL_DAY_PATTERN,
    month_from_name,
    normalise_arabic,
    ordinal_day,
    to_western_digits,
)
from .model import InvalidDate, PartialDate

__all__ = ["Layout", "ON_THIS_DAY_RE", "read_layout"]

_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*"

# "في مثل هذا اليوم", "فى مثل هذا اليوم", "مثل هذا اليوم", Egyptian "زى النهاردة": the phrase that makes a page a
# list of one day's events
ON_THIS_DAY_RE = re.compile(
    rf"(?:مث{_MARKS}ل{_MARKS}\s+ه{_MARKS}ذ{_MARKS}ا\s+ا{_MARKS}ل{_MARKS}ي{_MARKS}و{_MARKS}م|ز[يى]\s+النهارد[ةه])(?![^\W\d_])"
)

# A day and a month, digits or an ordinal word: "يوم 12 سبتمبر", "الخامس عشر من فبراير"
_DAY_MONTH_RE = re.compile(
    rf"(?:(?P<d>(?<![0-9\u0660-\u0669]){_DIGIT}{{1,2}})\s*|(?P<od>{ORDINAL_DAY_PATTERN})\s+(?:من\s+)?)"
    rf"(?:شهر\s+)?(?P<m>{MONTH_NAME_PATTERN})"
)
# A list entry opening with its year: "1962 - ...", "- 1241 - ...", "1598- ..."
_YEAR_ENTRY_LINE_RE = re.compile(  # "1900- ...", "/1095/ البابا ..."
    rf"^[\s\-\u2013\u2014\u2022\u00b7\u25cf\u25aa\u25e6\u0640*>#]*(?:{_DIGIT}{{1,4}}\s*[\-\u2013\u2014:]|/{_DIGIT}{{3,4}}/)\s*[^\W\d_]",
    re.MULTILINE
)
_FOUR_DIGITS_RE = re.compile(rf"{_DIGIT}{{4}}")
# A title that is the list's day and its first entry: "3 شباط 1867- الأمير موتسوهيتو يتولى الحكم"
_TITLE_DAY_ENTRY_RE = re.compile(  # (or with no dash: "19 تشرين الثاني 1493 كريستوفر كولومبوس ينزل ...")
    rf"(?P<d>{_DIGIT}{{1,2}})\s*(?P<od>)(?:شهر\s+)?(?P<m>{MONTH_NAME_PATTERN})\s+{_DIGIT}{{3,4}}\s*(?:[\-\u2013\u2014]\s*)?[^\W\d_]"
)
# A year named with a year word or after a month: "عام 1798", "سنة ١٨٠١", "يوليو 1789"
_NAMED_YEAR_RE = re.compile(
    rf"(?:(?<![^\W\d_])(?:[لبو]?ال|[لبو])?(?:عام|سنة|سنه)\s*|(?:{MONTH_NAME_PATTERN})\s*)(?P<y>{_DIGIT}{{4}})(?!{_DIGIT})"
)
# "من عام 1889" right after the phrase: the year an "on this day" article is about
_THIS_DAY_YEAR_RE = re.compile(rf"\s+(?:من\s+)?(?:ال)?(?:عام|سنة)\s*(?P<y>{_DIGIT}{{4}})")
# The year right after a month, past its other name: "تشرين الثاني/ نوفمبر عام 1889", "مايو 1970"
_YEAR_AFTER_MONTH_RE = re.compile(
    rf"(?:\s*[/(]?\s*(?:{MONTH_NAME_PATTERN})\s*\)?)?\s*[،,]?\s*(?:من\s+)?(?:ال)?(?:عام|سنة)?\s*(?P<y>{_DIGIT}{{4}})"
)
# How far after "في مثل هذا اليوم من عام 1889" the day of that year may be named (the next paragraph's opening)
_PAGE_DAY_YEAR_REACH = 400
# How far after the first "on this day" phrase the page's day may still be named
_PAGE_DAY_REACH = 160

_ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december")
_ENGLISH_STAMP_RE = re.compile(
    rf"(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{'|'.join(_ENGLISH_MONTHS)})\s*,?\s*(?P<y>[0-9]{{4}})"
    rf"|(?P<m2>{'|'.join(_ENGLISH_MONTHS)})\s+(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y2>[0-9]{{4}})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Layout:
    on_this_day: bool = False
    page_day: tuple[int, int] | None = None  # (month, day)
    page_day_span: tuple[int, int] | None = None  # where the text names it (that mention is no event)
    english_stamp: PartialDate | None = None
    bare_years_from: int = 1900
    hijri_years: tuple[int, int] | None = None
    western_early_years: tuple[int, int] | None = None
    year_items: int = 0  # how many clauses open with "وفي (عام) 1919": a page listing its day's events by year
    # "احتل أشبيلية (712) وماردة (713)" on a page with no Hijri sign at all: its bracketed three-digit years are Western
    bracketed_early_western: bool = False
    # "4 رمضان", "حدث 5 رمضان", "غرة صفر" as the page's title: a day of the Hijri year, whose events the page lists by
    # their Hijri years ("* 12 هـ ..."): (Hijri month, day)
    page_hijri_day: tuple[int, int] | None = None
    # a page that counts in the Western calendar only: four-digit years and no sign of the Hijri calendar
    # (``HIJRI_SIGN_RE``). Its unmarked «في عام 534» is Western (Byzantium, the ancient Olympics), not a chronicle's
    # Hijri year; a chronicle without a single Hijri sign writes all its years in three digits («سنة ٦٤٨»).
    western_page: bool = False
    # how many lines open with a four-digit year and then a word, with no mark between («1960 افتتاح مطار دبي»,
    # «1960افتتاح …»), or are only a year: three or more make the page a list of years, whose lines' years are
    # their entries' dates
    year_lines: int = 0


def _english_stamp(text: str) -> PartialDate | None:
    """"Tuesday 27th January,2004" in the first two lines: an archive's stamp (the article's present)."""
    head = "\n".join(text.lstrip().split("\n", 2)[:2])[:200]
    m = _ENGLISH_STAMP_RE.search(head)
    if m is None:
        return None
    day, month, year = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    try:
        return PartialDate(int(year), _ENGLISH_MONTHS.index(month.lower()) + 1, int(day))
    except InvalidDate:
        return None


def _day_month(m: re.Match[str]) -> tuple[int, int] | None:
    try:
        month = month_from_name(normalise_arabic(m.group("m")))
        day = int(to_western_digits(m.group("d"))) if m.group("d") else ordinal_day(normalise_arabic(m.group("od")))
    except (KeyError, ValueError):
        return None
    return (month, day) if 1 <= day <= 31 else None


# "23 أكتوبر أو 23 تشرين الأوَّل ... هو اليوم السادس والتسعون بعد المئتين (296) من السنة": an encyclopaedia's page
# on a day of the year, whatever stamp or menu stands above it
_DAY_OF_YEAR_RE = re.compile(r"\s+هو\s+اليوم\s+[^\n]{0,120}?من\s+السنة")


def _day_of_year_page(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The day of a page that says "<day month> ... هو اليوم ... من السنة" near its top, over year-first entries."""
    head = text[:800]
    said = _DAY_OF_YEAR_RE.search(head)
    if said is None or len(_YEAR_ENTRY_LINE_RE.findall(text, said.end(), said.end() + 6000)) < 2:
        return None
    line_start = head.rfind("\n", 0, said.start()) + 1
    m = _DAY_MONTH_RE.search(head, line_start, said.start())
    day_month = _day_month(m) if m is not None else None
    return None if day_month is None or m is None else (day_month, (m.start(), m.end()))


def _titled_day(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The day of a page titled "9 أبريل" whose entries open with their year, and where the title names it."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if (entry := _TITLE_DAY_ENTRY_RE.match(text, start, end)) is not None and len(
            _YEAR_ENTRY_LINE_RE.findall(text, end, end + 4000)) >= 2:
        # "3 شباط 1867- الأمير ... يتولى الحكم" over a list of "1900- ..." entries: the day, then its first entry
        day_month = _day_month(entry)
        return None if day_month is None else (day_month, (entry.start(), entry.end("m")))
    if end - start > 60 or _FOUR_DIGITS_RE.search(text, start, end):
        return None
    m = _DAY_MONTH_RE.search(text, start, end)
    if m is None or len(_YEAR_ENTRY_LINE_RE.findall(text, end, end + 4000)) < 2:
        return None
    if re.search(r"(?:^|\s)(?:و?ف[يى]|يوم)\s*$", text[start:m.start()]):
        return None  # "بعد الإعلان عن انتخابات في 15 أبريل": a title telling a day's news, not naming a day
    day_month = _day_month(m)
    return None if day_month is None else (day_month, (m.start(), m.end()))


_HIJRI_MARKED_RE = re.compile(
    rf"(?<![0-9\u0660-\u0669])(?P<y>{_DIGIT}{{3,4}})\s*(?:[\u0647\u06be\u06c1\ufee9\ufeea\ufeeb]\u0640*(?![^\W\d_])|(?:ال)?هجري|للهجرة|هج(?![^\W\d_]))"
)
_WESTERN_MARKED_RE = re.compile(rf"(?<![0-9\u0660-\u0669])(?P<y>{_DIGIT}{{3,4}})\s*م(?![^\W\d_])")


def _hijri_years(text: str) -> tuple[int, int] | None:
    """The span of the marked Hijri years, if every marked Western year lies at least 40 years after it."""
    hijri = [int(to_western_digits(m.group("y"))) for m in _HIJRI_MARKED_RE.finditer(text)]
    western = [int(to_western_digits(m.group("y"))) for m in _WESTERN_MARKED_RE.finditer(text)]
    if not hijri:
        return None
    low, high = min(hijri) - 30, max(hijri) + 30
    if western and min(western) - 10 <= high:
        return None  # the two calendars' years overlap here: an unmarked year cannot be told apart
    return low, high


_MONTH_YEAR3_RE = re.compile(rf"(?:{MONTH_NAME_PATTERN})\s*(?P<y>(?<![0-9\u0660-\u0669]){_DIGIT}{{3}})(?!{_DIGIT})")


def _western_early_years(text: str) -> tuple[int, int] | None:
    """The span of the Western years before 1000 the text marks «م», if no marked Hijri year falls near it.

    A chronicle writes its years in the Hijri calendar and leaves them unmarked («فى سنة ٧٩٨»), so an unmarked
    year of three digits is Hijri there. An encyclopaedia entry on the Abbasid age marks both calendars
    («24 مارس 809 م / 148 - 193 هـ») and then writes «في عام 796» for a Western year: a reader who has seen
    its Western years in the 760s-800s and its Hijri ones in the 140s-190s reads 796 as Western."""
    western = [y for m in _WESTERN_MARKED_RE.finditer(text) if (y := int(to_western_digits(m.group("y")))) < 1000]
    if western:  # a year after a Western month is Western too: "17 مارس 763"
        western += [y for m in _MONTH_YEAR3_RE.finditer(text) if (y := int(to_western_digits(m.group("y")))) < 1000]
    if not western:
        return None
    low, high = min(western) - 30, max(western) + 30
    hijri = [int(to_western_digits(m.group("y"))) for m in _HIJRI_MARKED_RE.finditer(text)]
    if any(low <= y <= high for y in hijri):
        return None  # the calendars' years overlap here: an unmarked year cannot be told apart
    return low, high


def _bare_years_from(text: str) -> int:
    """1000 when the text names a year before 1900 with a year word or a month, else 1900 (see above)."""
    for m in _NAMED_YEAR_RE.finditer(text):
        if 1000 <= int(to_western_digits(m.group("y"))) < 1900:
            return 1000
    return 1900


_YEAR_ITEM_RE = re.compile(
    rf"(?:^|[.،,:]\s*)[وف]?ف[يى]\s*(?:(?:ال)?(?:عام|سنة)\s*)?{_DIGIT}{{4}}(?!{_DIGIT})", re.MULTILINE
)


_BRACKETED_YEAR3_RE = re.compile(
    r"[^\W\d_]\s*\(\s*[0-9\u0660-\u0669]{3}\s*(?:[\-\u2013]\s*[0-9\u0660-\u0669]{3}\s*)?\)"
)
# Any sign that a page counts in Hijri years: a year with its mark, "هجري/للهجرة", or a Hijri month's name
HIJRI_SIGN_RE = re.compile(
    rf"{_DIGIT}\s*(?:[\u0647\u06be\u06c1\ufee9\ufeea\ufeeb]\u0640*(?![^\W\d_])|هـ)|هجر|{HIJRI_MONTH_PATTERN}")


_FOUR_DIGIT_YEAR_RE = re.compile(r"(?<![0-9\u0660-\u0669])(?:1[0-9]|20|[\u0661][\u0660-\u0669]|\u0662\u0660)"
                                 r"[0-9\u0660-\u0669]{2}(?![0-9\u0660-\u0669])")


_YEAR_LINE_RE = re.compile(r"^[ \t]*(?:1[0-9]|20)[0-9]{2}[ \t]*(?:[^\W\d_]|$)", re.MULTILINE)


_HIJRI_TITLE_DAY_RE = re.compile(
    # "حدث في مثل هذا اليوم 20 رمضان:-", "هذا ما حدث في 15 رمضان"
    rf"[ \t]*(?:هذا\s+ما\s+)?(?:(?:حدث|أحداث|احداث|يوم|في)\s+){{0,2}}(?:مثل\s+هذا\s+اليوم\s*)?"
    rf"(?:(?P<d>{_DIGIT}{{1,2}})|(?P<first>غر[ةه])|(?P<od>{ORDINAL_DAY_PATTERN}))\s*"
    rf"(?:من\s+)?(?:شهر\s+)?#?"
    # "العاشر من #رمضان في التاريخ.. الانطلاق لفتح مكة": a title naming the day, then what happened on it
    rf"(?P<m>{HIJRI_MONTH_PATTERN})(?:\s+(?:المبارك|المعظم|الحرام))?(?:[ \t:\-\u2013.]*$|\s+في\s+التاريخ\b.*$)"
    # "حدث في رمضان - اليوم الخامس عشر": the month first, then its day
    rf"|[ \t]*(?:(?:حدث|أحداث|احداث|في)\s+){{0,2}}(?P<m2>{HIJRI_MONTH_PATTERN})\s*[\-\u2013:]\s*(?:اليوم\s+)?"
    rf"(?:(?P<d2>{_DIGIT}{{1,2}})|(?P<od2>{ORDINAL_DAY_PATTERN}))[ \t:.]*"
)


_ANY_HIJRI_YEAR_RE = re.compile(
    rf"(?<![0-9\u0660-\u0669]){_DIGIT}{{1,4}}\s*(?:[\u0647\u06be\u06c1\ufee9\ufeea\ufeeb]\u0640*(?![^\W\d_])|للهجرة|هجري)"
    r"|(?:السنة|العام)\s+\S+\s+(?:من\s+الهجرة|للهجرة)")  # "في السنة الأولى من الهجرة": a year told by its order


def _hijri_title_day(text: str) -> tuple[int, int] | None:
    """The (Hijri month, day) a page names alone on one of its first three lines ("4 رمضان", "غره صفر"), if the page
    goes on to give Hijri years (it lists that day's events across the years)."""
    lines = [line for line in text[:600].split("\n") if line.strip()][:3]
    for line in lines:
        m = _HIJRI_TITLE_DAY_RE.fullmatch(line)
        if m is None:
            continue
        month = HIJRI_MONTHS.get(normalise_arabic(m.group("m") or m.group("m2")))
        if m.group("first"):
            day = 1
        elif m.group("od") or m.group("od2"):
            day = ordinal_day(normalise_arabic(m.group("od") or m.group("od2")))
        else:
            day = int(to_western_digits(m.group("d") or m.group("d2")))
        if month is not None and 1 <= day <= 30 and _ANY_HIJRI_YEAR_RE.search(text) is not None:
            return month, day
    return None


def _bracketed_early_western(text: str) -> bool:
    """Whether the page puts three-digit years in brackets after words, at least three times (on a page that shows
    no sign of the Hijri calendar: the caller's test): a modern history's Western years."""
    return len(_BRACKETED_YEAR3_RE.findall(text)) >= 3


def read_layout(text: str, stamp: PartialDate | None = None) -> Layout:
    """The page's shape (see the module docstring); ``stamp`` is the article's present if the caller knows it."""
    layout = _read_layout(text, stamp)
    if (year_lines := len(_YEAR_LINE_RE.findall(text))) >= 3:
        layout = replace(layout, year_lines=year_lines)
    if HIJRI_SIGN_RE.search(text) is None:  # no Hijri mark, no "هجري", no Hijri month anywhere
        if _FOUR_DIGIT_YEAR_RE.search(text) is not None:
            layout = replace(layout, western_page=True)
        if _bracketed_early_western(text):
            layout = replace(layout, bracketed_early_western=True)
    if (hijri_day := _hijri_title_day(text)) is not None:
        layout = replace(layout, page_hijri_day=hijri_day)
    if layout.on_this_day:
        return replace(layout, year_items=len(_YEAR_ITEM_RE.findall(text)))
    return layout


def _read_layout(text: str, stamp: PartialDate | None = None) -> Layout:
    english = _english_stamp(text)
    bare_from = _bare_years_from(text)
    hijri = _hijri_years(text)
    early = _western_early_years(text)
    marker = ON_THIS_DAY_RE.search(text)
    if marker is None:
        titled = _titled_day(text) or _day_of_year_page(text)
        if titled is not None:
            return Layout(True, titled[0], titled[1], english, bare_from, hijri, early)
        return Layout(english_stamp=english, bare_years_from=bare_from, hijri_years=hijri, western_early_years=early)
    for m in _DAY_MONTH_RE.finditer(text, 0, min(len(text), marker.end() + _PAGE_DAY_REACH)):
        day_month = _day_month(m)
        if day_month is not None:
            return Layout(True, day_month, (m.start(), m.end()), english, bare_from, hijri, early)
    if (year := _THIS_DAY_YEAR_RE.match(text, marker.end())) is not None:
        # "في مثل هذا اليوم من عام 1889، ولد ..." then "ولد في يوم 15 تشرين الثاني/ نوفمبر عام 1889": the day the
        # text gives that year, further down
        for m in _DAY_MONTH_RE.finditer(text, marker.end(), marker.end() + _PAGE_DAY_YEAR_REACH):
            same_year = _YEAR_AFTER_MONTH_RE.match(text, m.end())
            if same_year is not None and to_western_digits(same_year.group("y")) == to_western_digits(
                    year.group("y")) and (day_month := _day_month(m)) is not None:
                return Layout(True, day_month, None, english, bare_from, hijri, early)
    known = stamp if stamp is not None and stamp.day is not None else english
    page_day = (known.month, known.day) if known is not None and known.month and known.day else None
    return Layout(True, page_day, None, english, bare_from, hijri, early)
