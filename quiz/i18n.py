"""Language and display preferences: which locale, which Arabic month names, which digits.

Arabic is the default; a visitor's choice is kept in the signed session cookie. Templates reach the
preferences through the filters registered here, so no view formats a date or a number itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, Callable, Literal, Mapping, cast
from zoneinfo import ZoneInfo

from flask import Flask, current_app, g, request, session
from flask_babel import get_locale, get_translations, refresh
from jinja2 import pass_context
from markupsafe import Markup, escape

MonthStyle = Literal["gregorian", "levantine", "both"]
DigitStyle = Literal["western", "eastern"]
MONTH_STYLES: tuple[MonthStyle, ...] = ("gregorian", "levantine", "both")
DIGIT_STYLES: tuple[DigitStyle, ...] = ("western", "eastern")


@dataclass(frozen=True)
class DisplayPrefs:
    lang: str
    month_style: MonthStyle
    digits: DigitStyle
    projector: bool = False  # big type for a class to read from a projector (html.projector-mode)

    @property
    def direction(self) -> str:
        return "rtl" if self.lang == "ar" else "ltr"

    @property
    def eastern_digits(self) -> bool:
        """Whether numbers are written ٠-٩ (Arabic pages only), list numbers too (class "digits-eastern")."""
        return self.lang == "ar" and self.digits == "eastern"


def select_locale() -> str:
    lang = session.get("lang")
    return str(lang if lang in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"])


def current_prefs() -> DisplayPrefs:
    """This request's preferences, worked out once (templates ask for them hundreds of times a page)."""
    cached = g.get("_display_prefs")
    if cached is None:
        cached = g._display_prefs = _read_prefs()
    return cached


def _read_prefs() -> DisplayPrefs:
    month_style = session.get("month_style")
    digits = session.get("digits")
    return DisplayPrefs(
        lang=str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
        month_style=cast(MonthStyle, month_style if month_style in MONTH_STYLES else current_app.config["MONTH_STYLE"]),
        digits=cast(DigitStyle, digits if digits in DIGIT_STYLES else current_app.config["DIGITS"]),
        projector=session.get("projector") is True,
    )


def _projector_from_query() -> None:
    """`?projector=1` on any page turns projector mode on (a link a teacher can bookmark), `?projector=0` off."""
    wanted = request.args.get("projector")
    if wanted in ("0", "1"):
        save_prefs(projector=wanted == "1")


def save_prefs(*, lang: str | None = None, month_style: str | None = None, digits: str | None = None,
               projector: bool | None = None) -> None:
    """Store validated choices in the session; unknown values are refused by the form before this."""
    if lang is not None:
        session["lang"] = lang
    if month_style is not None:
        session["month_style"] = month_style
    if digits is not None:
        session["digits"] = digits
    if projector is not None:
        session["projector"] = projector
    g.pop("_display_prefs", None)
    g.pop("_translations", None)
    refresh()  # Flask-Babel caches the locale per request too


# -- time zone ----------------------------------------------------------------------------------------


def school_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def from_school_time(naive: dt.datetime) -> dt.datetime:
    """A date and time typed in a form (the school's local time) as an aware UTC datetime."""
    return naive.replace(tzinfo=school_zone()).astimezone(dt.timezone.utc)


def to_school_time(moment: dt.datetime) -> dt.datetime:
    from .clock import as_utc

    return as_utc(moment).astimezone(school_zone())  # type: ignore[union-attr]


def format_datetime(moment: dt.datetime | None, with_time: bool = True) -> str:
    """A stored moment in the school's time zone as the reader writes it: «3 نيسان 2026، 10:30» with the
    reader's month names and digits, "3 April 2026, 10:30" in English; `with_time=False` for the day alone."""
    if moment is None:
        return ""
    from .chronology.arabic_dates import format_partial_date
    from .chronology.model import PartialDate

    local = to_school_time(moment)
    prefs = current_prefs()
    digit_style: DigitStyle = prefs.digits if prefs.lang == "ar" else "western"
    day = format_partial_date(PartialDate(local.year, local.month, local.day), prefs.lang,
                              month_style=prefs.month_style, digits=digit_style)
    if not with_time:
        return day
    return f"{day}{'، ' if prefs.lang == 'ar' else ', '}{digits(local.strftime('%H:%M'))}"


# -- template filters ---------------------------------------------------------------------------------


def localized(obj: Any, field: str, lang: str | None = None) -> str:
    """`event|loc('title')` -> event.title_ar or event.title_en for the current language (or `lang`, for a
    paper printed in the set's language); Arabic text in the reader's month names and digits (stored text
    uses Gregorian names and Western digits)."""
    prefs = current_prefs()
    lang = lang or prefs.lang
    # The other language when this one is empty (a set written in one language only), Arabic first.
    for shown in dict.fromkeys((lang, "ar", "en")):
        value = obj.get(f"{field}_{shown}") if isinstance(obj, Mapping) else getattr(obj, f"{field}_{shown}", None)
        if value:
            break
    else:
        return ""
    if lang != "ar" or shown != "ar":
        return value
    # Even for a reader of the stored style (أبريل, 2003): a teacher's question may be written in another.
    return _restyled(str(value), prefs.month_style, prefs.digits)


# A run of Latin-script words inside a right-to-left text ("CPU", "George W. Bush", a web address): from a
# letter to a letter or digit, over spaces and the punctuation of names and addresses, so the sentence's own
# punctuation around it stays with the sentence. Brackets stay outside: a bracket isolated from its pair
# would be drawn the wrong way round.
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f](?:[A-Za-z\u00c0-\u024f0-9 .,'\u2019:/\\_=&#%+@~-]*"
                        r"[A-Za-z\u00c0-\u024f0-9])?")


def _latin_runs_isolated(text: str) -> Markup:
    """The text escaped, each Latin run in a <bdi> (found in the text itself, never in its escaped form)."""
    parts: list[Markup] = []
    last = 0
    for run in _LATIN_RUN.finditer(text):
        parts += [escape(text[last:run.start()]), Markup("<bdi>%s</bdi>") % run.group(0)]
        last = run.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def bidi(text: Any, lang: str | None = None) -> Markup:
    """A question's text (prompt, option, explanation line) placed right in a page of either direction.

    Text that reads the other way from the page is isolated with its own direction and language (an English
    question in an Arabic page, an Arabic option in an English one); inside right-to-left text, every Latin
    run is isolated too, so "CPU" or "George W. Bush" keeps its place in an Arabic sentence. `lang` is the
    question's language when known (a French question); otherwise the direction comes from the letters.
    The one place this is decided: templates show question texts through `loc_text` and `bidi`."""
    from .authoring.languages import direction

    text = str(text or "")
    text_dir = direction(lang, text)
    body = _latin_runs_isolated(text) if text_dir == "rtl" else escape(text)
    page_lang = current_prefs().lang
    page_dir = "rtl" if page_lang == "ar" else "ltr"
    if text_dir == page_dir:  # same direction: only a known other language is marked (a French question)
        return body if lang in (None, page_lang) else Markup('<span lang="%s">%s</span>') % (lang, body)
    shown_lang = lang or ("ar" if text_dir == "rtl" else "en")
    return Markup('<bdi dir="%s" lang="%s">%s</bdi>') % (text_dir, shown_lang, body)


def localized_text(obj: Any, field: str, lang: str | None = None) -> Markup:
    """`question|loc_text('prompt')`: `loc`, then `bidi` with the question's recorded language (if any)."""
    own = obj.get("lang") if isinstance(obj, Mapping) else getattr(obj, "lang", None)
    return bidi(localized(obj, field, lang), own if isinstance(own, str) else None)


@lru_cache(maxsize=8192)
def _restyled(text: str, month_style: str, digits: str) -> str:
    from .chronology.arabic_dates import restyle_arabic

    return restyle_arabic(text, month_style=month_style, digits=digits)  # type: ignore[arg-type]


def format_date(date: Any) -> str:
    from .chronology.arabic_dates import format_partial_date

    prefs = current_prefs()
    digits: DigitStyle = prefs.digits if prefs.lang == "ar" else "western"
    return format_partial_date(date, prefs.lang, month_style=prefs.month_style, digits=digits)


def format_event_date(event: Any) -> str:
    """An event's date as the timeline shows it: a moment's date, a period's "start – end", a running
    total's "since start" / «منذ …», or "by date" / «حتى …» for a count up to its date."""
    from .chronology.model import EventKind

    start = format_date(event.date)
    end = getattr(event, "end", None)
    if end is not None and end != event.date:
        return f"{start} – {format_date(end)}"
    if getattr(event, "kind", None) is EventKind.FIGURE and end is None:
        if getattr(event, "counted_until", False):
            return f"حتى {start}" if current_prefs().lang == "ar" else f"by {start}"
        return f"منذ {start}" if current_prefs().lang == "ar" else f"since {start}"
    return start


def format_figure(number: Any) -> str:
    """A key figure with its unit as a reader writes it: «30 ألف جندي», "30,000 soldiers"."""
    from .generate.units import figure_text

    prefs = current_prefs()
    digits: DigitStyle = prefs.digits if prefs.lang == "ar" else "western"
    return figure_text(number.value, number.unit, prefs.lang if prefs.lang == "ar" else "en", digits)


def format_num(value: Any) -> str:
    from .chronology.arabic_dates import format_number

    prefs = current_prefs()
    digits: DigitStyle = prefs.digits if prefs.lang == "ar" else "western"
    return format_number(value, prefs.lang, digits=digits)


def format_percent(fraction: float) -> str:
    """0.625 -> "63%"; Arabic with Eastern digits: "٦٣٪" (the Arabic per cent sign after the number, which a
    right-to-left line shows on the number's left, as Arabic is printed; in a left-to-right isolate such as
    <bdi> it would land on the right). Whole per cents, rounded half up as by hand."""
    from .chronology.arabic_dates import to_eastern_digits

    # round(…, 9) first: 0.145 * 100 is 14.499999999999998 in binary, and means 14.5.
    whole = int(Decimal(repr(round(fraction * 100, 9))).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    prefs = current_prefs()
    if prefs.lang == "ar" and prefs.digits == "eastern":
        return f"{to_eastern_digits(str(whole))}\u066a"
    return f"{whole}%"


def forward(up: int = 0) -> str:
    """An arrow pointing the way the page reads: "→" in English, "←" in Arabic (where a left-to-right arrow
    would point back in time); `up`=1 or -1 for a trend rising or falling along it."""
    rtl = current_prefs().direction == "rtl"
    return {(0, False): "→", (0, True): "←", (1, False): "↗", (1, True): "↖", (-1, False): "↘", (-1, True): "↙"}[
        (up, rtl)]


def digits(text: Any) -> str:
    """Any text with its digits in the chosen style (page numbers, counts, years in labels)."""
    from .chronology.arabic_dates import to_eastern_digits

    prefs = current_prefs()
    return to_eastern_digits(str(text)) if prefs.lang == "ar" and prefs.digits == "eastern" else str(text)


def option_letter(index: int, lang: str) -> str:
    """The letter of the option at `index` (from 0) on a paper in `lang`: أ ب ج د in Arabic (abjad order, as the
    review text writes them: quiz.generate.text.OPTION_LETTERS), a b c d in English."""
    from .generate.text import OPTION_LETTERS

    letters = OPTION_LETTERS["ar" if lang == "ar" else "en"]
    return letters[index] if index < len(letters) else digits(index + 1)


# -- what the core says (quiz.messages) -------------------------------------------------------------------


def render_message(message: Any) -> Markup:
    """A message of the core (`quiz.messages.Message`: an import issue, a rule a set breaks, why no quiz could
    be made) in the reader's language: its msgid through the catalogue (ngettext for a counted one), its
    parameters filled in. Messages inside are rendered the same way, lists joined with the language's
    separator, whole numbers in the reader's digits; any other text (a file's own words, a field path, a
    code, a library's detail) is shown as it is, isolated and marked translate="no", so it neither turns
    an Arabic line around nor passes for something the page forgot to translate.

    The one place such messages become text: every view and template goes through it (filter `msg`)."""
    from .messages import Message

    if isinstance(message, (list, tuple)):
        separator = "؛ " if current_prefs().lang == "ar" else "; "
        return Markup(separator).join(render_message(item) for item in message)
    if not isinstance(message, Message):
        return Markup(escape(message))
    translations = _translations()
    if message.plural is not None:
        template = translations.ungettext(message.msgid, message.plural, message.number)
    else:
        template = translations.ugettext(message.msgid)
    if not message.params:
        return Markup(escape(template))
    return Markup(escape(template)) % {name: _parameter(value) for name, value in message.params.items()}


def _parameter(value: Any) -> Markup:
    from .messages import Message

    if isinstance(value, (Message, list, tuple)):
        return render_message(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Markup(escape(digits(value)))
    return Markup('<bdi translate="no">%s</bdi>') % str(value)


def _translations() -> Any:
    """This request's message catalogue, looked up once."""
    cached = g.get("_translations")
    if cached is None:
        cached = g._translations = get_translations()
    return cached


_ARABIC_LETTER_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")


def in_arabic_script(text: Any) -> bool:
    """Whether a free text (a source note) is written mostly in Arabic letters: the default chronology's editors
    wrote their notes in English, a teacher's saved article notes are Arabic, and a page shows the notes of its
    own language only."""
    value = str(text or "")
    return len(_ARABIC_LETTER_RE.findall(value)) > len(_LATIN_LETTER_RE.findall(value))


def _per_reader(function: Callable[..., Any]) -> Callable[..., Any]:
    """The filter, never computed when the template is compiled. Jinja folds a filter applied to a literal
    (`{{ 2|digits }}`) into the compiled template, so the first reader's digits and language would be every
    later reader's; a filter that takes the context is not folded."""
    @pass_context
    def per_reader(_context: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
        return function(value, *args, **kwargs)

    per_reader.__name__ = function.__name__
    return per_reader


def init_app(app: Flask) -> None:
    # Each depends on who reads the page (language, digits, month names).
    app.add_template_filter(_per_reader(localized), "loc")
    app.add_template_filter(_per_reader(localized_text), "loc_text")
    app.add_template_filter(_per_reader(bidi), "bidi")
    app.add_template_filter(_per_reader(format_date), "fdate")
    app.add_template_filter(_per_reader(format_event_date), "fevent_date")
    app.add_template_filter(_per_reader(format_num), "fnum")
    app.add_template_filter(_per_reader(format_figure), "ffigure")
    app.add_template_filter(_per_reader(digits), "digits")
    app.add_template_filter(_per_reader(format_datetime), "fdatetime")
    app.add_template_filter(_per_reader(format_percent), "fpercent")
    app.add_template_filter(_per_reader(render_message), "msg")
    app.add_template_global(option_letter, "option_letter")
    app.jinja_env.tests["arabic_script"] = in_arabic_script
    app.add_template_global(forward, "forward")
    app.context_processor(lambda: {"prefs": current_prefs()})
    app.before_request(_projector_from_query)
    # Templates call gettext 17 to 26 times a page. Flask-Babel's own callables look the catalogue up through
    # its context on every call; this request's catalogue is the same for all of them (save_prefs forgets it).
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    # A global, not context: macros rendered outside a page's context (cached fragments) can call it.
    app.add_template_global(lambda: current_prefs().lang, "display_lang")
