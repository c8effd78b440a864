"""How the extractor found a date, told to the teacher in Arabic or English.

``extract.Candidate.basis`` is a short English phrase written for developers ("year carried from context",
"Hijri 1424-09 AH converted (tabular calendar): the two Western years it spans"). The review page shows it to
a teacher, and the saved chronology keeps it as the event's source note, so it must read well in the reader's
language. The extractor builds some bases from a main phrase and "; ..." suffixes ("explicit; one of a list
of years"); each part is read on its own and the parts are joined again.

One table row per kind of phrase: a pattern that matches the whole part, and an Arabic and an English
template. Named groups carry the numbers the phrase holds; ``_fields`` turns them into the words each template
uses ({date}, {hijri}, {count}, ...). A phrase no row matches (a rule added to the extractor later) gets a
generic sentence in the reader's language, never the English phrase: tests/unit/test_basis_text.py runs the
extractor over its corpus and fails when a basis it produces has no row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .arabic_dates import MonthStyle, format_partial_date
from .model import InvalidDate, PartialDate, Qualifier

__all__ = ["GENERIC", "explain_basis", "is_known_basis"]

# A date as the extractor writes it (str(PartialDate)): "2003", "2003-05", "2003-05-12", "early 2003-05".
_DATE = r"(?:(?:early|mid|late) )?\d{1,4}(?:-\d{2}(?:-\d{2})?)?"
_HIJRI = r"\d{1,4}(?:-\d{2}(?:-\d{2})?)?"  # "1424", "1424-09", "1436-04-03"


@dataclass(frozen=True)
class _Row:
    pattern: re.Pattern[str]
    ar: str
    en: str


def _row(pattern: str, ar: str, en: str) -> _Row:
    return _Row(re.compile(pattern), ar, en)


# The main phrase of a basis: what came before any "; ".
_MAIN: tuple[_Row, ...] = (
    _row(r"explicit", "التاريخ مكتوب كاملًا في النص", "the date is written in full in the text"),
    _row(r"explicit, its year said just after it", "التاريخ مكتوب في النص، وسنته مذكورة بعده مباشرة",
         "the date is written in the text, with its year just after it"),
    # years taken from elsewhere in the text
    _row(r'year of the previous date \("the same year"\)',
         "السنة هي سنة التاريخ السابق («العام نفسه»)", "the year of the previous date (“the same year”)"),
    _row(r'the year after the previous date \("the next year"\)',
         "السنة التي تلي سنة التاريخ السابق («العام التالي»)", "the year after the previous date (“the next year”)"),
    _row(r"the month of the article's present \(its stamp\)",
         "الشهر محسوب من تاريخ المقال نفسه («الحالي» أو «الماضي»)",
         "the month is counted from the article's own date (“this” or “last” month)"),
    _row(r"year of the heading or list entry above",
         "السنة من العنوان أو البند الذي فوقه", "the year comes from the heading or list entry above"),
    _row(r"year of the first dated entry after it, counted back",
         "السنة من أول بند مؤرخ بعده، معدودة إلى الوراء عند انقلاب السنة",
         "the year comes from the first dated entry after it, counted back across the turn of a year"),
    _row(r"the year of the article's own date",
         "السنة من تاريخ المقال نفسه", "the year comes from the article's own date"),
    _row(r"the latest year the text names \(its own date is not given\)",
         "السنة هي أحدث سنة يذكرها النص (لا يذكر تاريخه هو)",
         "the latest year the text names (it does not give its own date)"),
    _row(r"year carried from context",
         "السنة مأخوذة من آخر سنة ذكرها النص قبله", "the year is the last one the text named before it"),
    _row(r"year carried from context, moved to the next year \(it would precede the previous date\)",
         "السنة مأخوذة مما قبله ثم نُقلت إلى السنة التالية (وإلا لوقع قبل التاريخ السابق)",
         "the year is carried from the text before, moved to the next year (else it would fall before the "
         "previous date)"),
    _row(r"year carried from context, moved to the year before \(background in a relative clause\)",
         "السنة مأخوذة مما قبله ثم أُرجعت سنة (خلفية تُروى في جملة صلة)",
         "the year is carried from the text before, moved back a year (background told in a relative clause)"),
    _row(r"season of the year", "فصل من فصول السنة", "a season of the year"),
    # the second look (second_look.py): a year the rules left unread, judged a date from the words around it
    _row(r"a year standing alone, judged a date by the second look",
         "سنة وحدها في النص لم تقرأها القواعد، ورجّح نموذج تعلّم من الكلمات حولها أنها تاريخ حدث: تحقّق منها",
         "a year standing alone, which the rules did not read; a model learned from the words around it judged it "
         "an event's date: check it"),
    _row(r"relative to the article's present year",
         "محسوب من سنة المقال نفسه («هذا العام» أو «العام الماضي»)",
         "counted from the article's own year (“this year” or “last year”)"),
    # periods, numbers and eras
    _row(r"range", "مدة مكتوبة في النص (من ... إلى ...)", "a period written in the text (from … to …)"),
    _row(r"a span between two all-numeric dates", "مدة بين تاريخين مكتوبين بالأرقام",
         "a period between two dates written in numbers"),
    _row(r"a span between two Hijri dates, converted", "مدة بين تاريخين هجريين، حُوِّلا إلى الميلادي",
         "a period between two Hijri dates, converted to the Western calendar"),
    _row(r"all-numeric date", "تاريخ مكتوب بالأرقام", "a date written in numbers"),
    _row(r"all-numeric date, read day first \(d/m/yyyy\)",
         "تاريخ مكتوب بالأرقام، قُرئ اليوم فيه أولًا (يوم/شهر/سنة)",
         "a date written in numbers, read day first (day/month/year)"),
    _row(r"a decade", "عقد من الزمن: سنواته العشر", "a decade: its ten years"),
    _row(r"a list entry's month, in numbers", "شهر بند في قائمة، مكتوب بالأرقام",
         "the month of a list entry, written in numbers"),
    _row(r"a year marked with its era", "سنة مقرونة بتقويمها («م» أو «ميلادي»)",
         "a year marked with its era (“AD”)"),
    _row(r"a date of a year marked with its era", "تاريخ سنته مقرونة بتقويمها («م»)",
         "a date whose year is marked with its era (“AD”)"),
    _row(r"two months of a year marked with its era", "شهران من سنة مقرونة بتقويمها («م»)",
         "two months of a year marked with its era (“AD”)"),
    _row(r"an unmarked early year among the Western years the page marks «م»",
         "سنة مبكرة بلا علامة، في صفحة تعلّم سنواتها الميلادية بـ«م»",
         "an early year without a mark, on a page that marks its Western years «م» (AD)"),
    _row(r"a heading whose section gives no other date", "عنوان لا يذكر القسم الذي تحته تاريخًا غيره",
         "a heading whose section gives no other date"),
    # Hijri dates
    _row(rf"Hijri (?P<hijri>{_HIJRI}) AH with its Western year", "التاريخ الهجري {hijri} مكتوب ومعه سنته الميلادية",
         "the Hijri date {hijri}, written with its Western year"),
    _row(rf"Hijri (?P<hijri>{_HIJRI}) AH converted \(tabular calendar; the real day may differ by one or two\)",
         "التاريخ الهجري {hijri} حُوِّل إلى الميلادي بالتقويم الحسابي (قد يختلف اليوم الفعلي بيوم أو يومين)",
         "the Hijri date {hijri} converted with the tabular calendar (the real day may differ by one or two)"),
    _row(rf"Hijri (?P<hijri>{_HIJRI}) AH converted \(its middle\)",
         "الشهر الهجري {hijri} حُوِّل إلى الشهر الميلادي الذي يقع فيه منتصفه",
         "the Hijri month {hijri} converted: the Western month its middle falls in"),
    _row(rf"Hijri (?P<hijri>{_HIJRI}) AH converted \(tabular calendar\)",
         "التاريخ الهجري {hijri} حُوِّل إلى الميلادي بالتقويم الحسابي",
         "the Hijri date {hijri} converted with the tabular calendar"),
    _row(rf"Hijri (?P<hijri>{_HIJRI}) AH converted \(tabular calendar\): the two Western years it spans",
         "السنة الهجرية {hijri} حُوِّلت بالتقويم الحسابي: السنتان الميلاديتان اللتان تمتد عليهما",
         "the Hijri year {hijri} converted with the tabular calendar: the two Western years it spans"),
    _row(r"in the Hijri year last named \(a chronicle's «فيها»\)",
         "في آخر سنة هجرية ذُكرت («وفيها» في كتب الحوليات)",
         "in the Hijri year last named (a chronicle's «فيها», “in it”)"),
    _row(r"in the year last named \(a chronicle's «فيها»\)", "في آخر سنة ذُكرت («وفيها» في كتب الحوليات)",
         "in the year last named (a chronicle's «فيها», “in it”)"),
    _row(r"the Hijri year after the one last named", "السنة الهجرية التي تلي آخر سنة هجرية ذُكرت",
         "the Hijri year after the one last named"),
    # the same or the next year, month, day
    _row(r"the same year as the previous date", "السنة نفسها التي في التاريخ السابق",
         "the same year as the previous date"),
    _row(r"the same month as the previous date", "الشهر نفسه الذي في التاريخ السابق",
         "the same month as the previous date"),
    _row(r"the same day as the previous date", "اليوم نفسه الذي في التاريخ السابق",
         "the same day as the previous date"),
    _row(r"the year after the previous date", "السنة التي تلي التاريخ السابق", "the year after the previous date"),
    _row(r"the month after the previous date", "الشهر الذي يلي التاريخ السابق",
         "the month after the previous date"),
    # counted from another date
    _row(rf"anniversary: (?P<n>\d+) years after (?P<date>{_DATE})",
         "ذكرى: بعد {years} من {date}", "an anniversary: {years} after {date}"),
    _row(rf"(?P<n>\d+) (?P<unit>year|month)\(s\) (?P<dir>after|before) the previous date \((?P<date>{_DATE})\)",
         "{dir} {count} من التاريخ السابق ({date})", "{count} {dir} the previous date ({date})"),
    _row(rf"(?P<n>\d+) (?P<unit>day|week)\(s\) (?P<dir>after|before) a date known to the year \((?P<date>{_DATE})\)",
         "{dir} {count} من تاريخ لا تُعرف منه إلا سنته ({date})، فبقيت السنة نفسها",
         "{count} {dir} a date known only to the year ({date}), so the same year"),
    _row(rf"(?P<n>\d+) (?P<unit>day)\(s\) (?P<dir>after|before) (?P<date>{_DATE})",
         "{dir} {count} من {date}", "{count} {dir} {date}"),
    _row(rf"about (?P<n>\d+) (?P<unit>day)\(s\) (?P<dir>after|before) (?P<date>{_DATE}), kept to the month",
         "{dir} نحو {count} من {date}، فيُذكر الشهر وحده", "about {count} {dir} {date}, so only the month is kept"),
    # lists, diaries, timelines, reports
    _row(r"day under the month heading above", "يوم من الشهر المذكور في العنوان الذي فوقه",
         "a day of the month named in the heading above"),
    _row(r'"today" in a diary: the day of the heading above', "«اليوم» في يوميات: يوم العنوان الذي فوقه",
         "“today” in a diary: the day of the heading above"),
    _row(r"a weekday in a dated report: the day of its stamp",
         "يوم من أيام الأسبوع في خبر مؤرَّخ: يوم تاريخ الخبر نفسه",
         "a weekday in a dated report: the report's own day"),
    _row(rf"a weekday in a dated report: the last one before its stamp \((?P<date>{_DATE})\)",
         "يوم من أيام الأسبوع في خبر مؤرَّخ: آخر يوم بهذا الاسم قبل تاريخ الخبر ({date})",
         "a weekday in a dated report: the last such day before the report's date ({date})"),
    _row(r"a weekday: the day last dated, which falls on it",
         "يوم من أيام الأسبوع: آخر يوم ذُكر تاريخه، وهو يقع فيه",
         "a weekday: the day last dated, which falls on it"),
    _row(r"a clock time in a timeline of one day: that day", "ساعة في تسلسل أحداث يوم واحد: ذلك اليوم",
         "a clock time in a timeline of one day: that day"),
    _row(r"a time of the day last dated", "ساعة من آخر يوم ذُكر", "a time of the day last dated"),
    _row(r"a time of the day last dated, past midnight: the next day",
         "ساعة من آخر يوم ذُكر، بعد منتصف الليل: اليوم التالي",
         "a time of the day last dated, past midnight: the next day"),
    _row(r"a day of the month last named", "يوم من آخر شهر ذُكر («وفي 26 منه»)",
         "a day of the month last named (“on the 26th of it”)"),
    _row(r"'on this day' of (?P<year>\d+) \(the page's day is not given\)",
         "صفحة «في مثل هذا اليوم»: سنة {year}، والصفحة لا تذكر يومها",
         "an ‘on this day’ page: the year {year} (the page does not say which day)"),
    _row(r"the page's day \((?P<day>\d{1,2})/(?P<month>\d{1,2})\) of (?P<year>\d+): an 'on this day' page",
         "يوم الصفحة ({day_month}) من سنة {year}: صفحة «في مثل هذا اليوم»",
         "the page's day ({day_month}) in {year}: an ‘on this day’ page"),
    _row(r"the page's Hijri day, (?P<hijri>\d+-\d{2}-\d{2}) AH, converted",
         "يوم الصفحة من السنة الهجرية ({hijri})، محوّلًا إلى التاريخ الميلادي",
         "the page's day of the Hijri year ({hijri}), converted to the Western calendar"),
)

# What the extractor appends to a main phrase after "; ".
_SUFFIXES: tuple[_Row, ...] = (
    _row(r"in a relative clause \(background\), so the carried year is less sure",
         "وهو في جملة صلة (خلفية)، فالسنة المنقولة أقل يقينًا",
         "it is in a relative clause (background), so the carried year is less sure"),
    _row(r"the weekday next to it does not match", "واسم اليوم المذكور بجانبه لا يوافقه",
         "the weekday next to it does not match"),
    _row(r"two consecutive years", "سنتان متتاليتان", "two consecutive years"),
    _row(r"one of a list of years", "إحدى سنوات قائمة", "one of a list of years"),
    _row(r"a span of days", "مدة من عدة أيام", "a span of days"),
    _row(r"the page's day", "واليوم والشهر هما يوم الصفحة («في مثل هذا اليوم»)",
         "the day and month are the page's day (“on this day”)"),
    _row(r"another date of the same clause", "وهو تاريخ ثانٍ في الجملة نفسها، فتحقَّق أنه حدث قائم بذاته",
         "it is a second date of the same clause: check that it is an event of its own"),
    _row(r"the first of a list of days", "أول أيام قائمة", "the first of a list of days"),
    _row(rf"Hijri (?P<hijri>{_HIJRI}) AH beside it", "ومعه التاريخ الهجري {hijri}", "with the Hijri date {hijri}"),
)

GENERIC = {
    "ar": "استُنتج التاريخ من سياق النص، فتحقَّق منه",
    "en": "the date was worked out from the text around it: please check it",
}
_JOINERS = {"ar": "؛ ", "en": "; "}

_HIJRI_MONTHS = {
    "ar": ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان",
           "شوال", "ذو القعدة", "ذو الحجة"),
    "en": ("Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhira", "Rajab",
           "Shaban", "Ramadan", "Shawwal", "Dhu al-Qada", "Dhu al-Hijja"),
}
# Arabic counted nouns: one, two (genitive, after بعد/قبل), three to ten, eleven and more.
_AR_UNITS = {
    "day": ("يوم واحد", "يومين", "أيام", "يومًا", "يوم"),
    "week": ("أسبوع واحد", "أسبوعين", "أسابيع", "أسبوعًا", "أسبوع"),
    "month": ("شهر واحد", "شهرين", "أشهر", "شهرًا", "شهر"),
    "year": ("سنة واحدة", "سنتين", "سنوات", "سنة", "سنة"),
}
_DIRECTIONS = {"ar": {"after": "بعد", "before": "قبل"}, "en": {"after": "after", "before": "before"}}


def explain_basis(basis: str, lang: str = "ar", *, month_style: MonthStyle = "gregorian") -> str:
    """The teacher-facing explanation of an extractor basis, in Arabic ("ar", also any language but "en") or
    English ("en"), keeping its numbers and dates; a generic sentence when some part of it is unknown."""
    lang = "en" if lang == "en" else "ar"
    parts = _explained_parts(basis, lang, month_style)
    return GENERIC[lang] if parts is None else _JOINERS[lang].join(parts)


def is_known_basis(basis: str) -> bool:
    """Whether every part of a basis has its own row (not the generic sentence)."""
    return _explained_parts(basis, "en", "gregorian") is not None


def _explained_parts(basis: str, lang: str, month_style: MonthStyle) -> list[str] | None:
    main, *suffixes = _split(basis.strip())
    parts = [_explain(main, _MAIN, lang, month_style)]
    parts += [_explain(suffix, _SUFFIXES, lang, month_style) for suffix in suffixes]
    return None if any(part is None for part in parts) else [p for p in parts if p is not None]


def _split(basis: str) -> list[str]:
    """The parts of a basis at each "; " outside brackets (a Hijri conversion's own note holds one)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(basis):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and basis.startswith("; ", i):
            parts.append(basis[start:i])
            start = i + 2
    parts.append(basis[start:])
    return parts


def _explain(part: str, rows: tuple[_Row, ...], lang: str, month_style: MonthStyle) -> str | None:
    for row in rows:
        match = row.pattern.fullmatch(part)
        if match is not None:
            fields = _fields(match.groupdict(), lang, month_style)
            if fields is None:
                return None
            return (row.ar if lang == "ar" else row.en).format(**fields)
    return None


def _fields(groups: dict[str, str | None], lang: str, month_style: MonthStyle) -> dict[str, str] | None:
    """The words a template uses, from the numbers its pattern caught; None when one is not a real date."""
    fields = {key: value for key, value in groups.items() if value is not None}
    try:
        if "date" in fields:
            fields["date"] = _date(fields["date"], lang, month_style)
        if "hijri" in fields:
            fields["hijri"] = _hijri(fields["hijri"], lang)
        if "day" in fields:
            fields["day_month"] = _day_month(int(fields["day"]), int(fields["month"]), lang, month_style)
    except (InvalidDate, ValueError, IndexError):
        return None
    if "n" in fields:
        n = int(fields["n"])
        fields["count"] = _count(n, fields.get("unit", "year"), lang)
        fields["years"] = _count(n, "year", lang)
    if "dir" in fields:
        fields["dir"] = _DIRECTIONS[lang][fields["dir"]]
    return fields


def _date(text: str, lang: str, month_style: MonthStyle) -> str:
    qualifier, _, iso = text.rpartition(" ")
    year, *rest = iso.split("-")
    return format_partial_date(PartialDate.parse("-".join([year.zfill(4), *rest]), Qualifier(qualifier) if qualifier
                                                 else None), lang, month_style=month_style)


def _day_month(day: int, month: int, lang: str, month_style: MonthStyle) -> str:
    """"15 November" / "15 نوفمبر": the page's day, of no year (a leap year lets 29 February through)."""
    with_year = format_partial_date(PartialDate(2000, month, day), lang, month_style=month_style)
    return with_year.removesuffix("2000").strip()


def _hijri(text: str, lang: str) -> str:
    """"1424-09" -> "رمضان 1424 هـ" / "Ramadan 1424 AH"."""
    year, month, day = (int(part) for part in (text.split("-") + ["0", "0"])[:3])
    words = [str(day)] if day else []
    if month:
        words.append(_HIJRI_MONTHS[lang][month - 1])
    words.append(f"{year} هـ" if lang == "ar" else f"{year} AH")
    return " ".join(words)


def _count(n: int, unit: str, lang: str) -> str:
    """"3 أيام", "11 يومًا", "يومين"; "3 days", "1 day"."""
    if lang == "en":
        return f"{n} {unit}" + ("" if n == 1 else "s")
    one, two, few, many, hundreds = _AR_UNITS[unit]
    tail = n % 100
    if n == 1:
        return one
    if n == 2:
        return two
    if 3 <= tail <= 10:
        return f"{n} {few}"
    if 11 <= tail <= 99:
        return f"{n} {many}"
    return f"{n} {hundreds}"
