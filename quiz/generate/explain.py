"""Text shared by all kinds: formatted dates and numbers, source titles, explanations.

Dates and numbers are formatted by quiz.chronology.arabic_dates (one place for month names, qualifiers and
digits); the results are cached because the same few hundred dates are formatted again for every quiz.
Every explanation names the event(s), their dates, the source articles and, when the sources disagree on
anything about the event, what they disagree on: a student should see the dispute, not a false certainty.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from quiz.chronology.arabic_dates import (
    Digits,
    MonthStyle,
    format_number,
    format_partial_date,
    restyle_arabic,
)
from quiz.chronology.model import Event, EventKind, PartialDate

from .index import ChronologyIndex


@dataclass(frozen=True)
class TextStyle:
    """How Arabic dates and numbers are written (English always uses Western digits)."""

    month_style: MonthStyle = "gregorian"
    digits: Digits = "western"


@lru_cache(maxsize=8192)
def date_text(date: PartialDate, lang: str, style: TextStyle = TextStyle()) -> str:
    if lang == "ar":
        return format_partial_date(date, "ar", month_style=style.month_style, digits=style.digits)
    return format_partial_date(date, lang)


@lru_cache(maxsize=16384)
def ar_text(text: str, style: TextStyle = TextStyle()) -> str:
    """Our own Arabic text (a title, a summary, a source's claim) in the reader's month names and digits."""
    return restyle_arabic(text, month_style=style.month_style, digits=style.digits)


def when_phrase(date: PartialDate, style: TextStyle) -> tuple[str, str]:
    """«في 1 مايو 2003» / "on 1 May 2003": a date after a verb phrase, with the preposition it takes."""
    date_ar, date_en = bilingual_date(date, style)
    return f"في {date_ar}", f"{'on' if date.day is not None else 'in'} {date_en}"


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


@lru_cache(maxsize=8192)
def number_text(value: float, lang: str, style: TextStyle = TextStyle()) -> str:
    if lang == "ar":
        return format_number(_plain(value), "ar", digits=style.digits)
    return format_number(_plain(value), lang)


def bilingual_date(date: PartialDate, style: TextStyle) -> tuple[str, str]:
    return date_text(date, "ar", style), date_text(date, "en", style)


def quote_ar(text: str) -> str:
    """«text», with any «…» inside it turned into “…” so the marks do not nest."""
    return "«" + text.replace("«", "“").replace("»", "”") + "»"


def event_dates(event: Event, style: TextStyle) -> tuple[str, str]:
    """An event's date, a period's "start – end", or a running total's span, in both languages."""
    start_ar, start_en = bilingual_date(event.date, style)
    if event.end is None and event.kind is EventKind.FIGURE:
        return running_total_span(event, start_ar, start_en)
    if event.end is None or event.end == event.date:
        return start_ar, start_en
    end_ar, end_en = bilingual_date(event.end, style)
    return f"{start_ar} – {end_ar}", f"{start_en} – {end_en}"


def running_total_span(event: Event, start_ar: str, start_en: str) -> tuple[str, str]:
    """A figure without an end: counted from its date («منذ …», "since …") or up to it («حتى …», "by …")."""
    if event.counted_until:
        return f"حتى {start_ar}", f"by {start_en}"
    return f"منذ {start_ar}", f"since {start_en}"


def source_list(index: ChronologyIndex, docs: Sequence[str], lang: str) -> str:
    titles = [index.source_title(doc, lang) for doc in docs]
    return "، ".join(titles) if lang == "ar" else "; ".join(titles)


def quoted_sources(index: ChronologyIndex, docs: Sequence[str], lang: str) -> str:
    """Each article's title in its own quotation marks: «أ» و«ب» / “A” and “B”."""
    if lang == "ar":
        titles = [f"«{index.source_title(doc, 'ar')}»" for doc in docs]
        return titles[0] if len(titles) == 1 else "، ".join(titles[:-1]) + f" و{titles[-1]}"
    titles = [f"“{index.source_title(doc, 'en')}”" for doc in docs]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + f" and {titles[-1]}"


def conflict_notes(
    index: ChronologyIndex, events: Sequence[Event], style: TextStyle = TextStyle()
) -> tuple[list[str], list[str]]:
    """One line per real disagreement between the sources, each claim with the source that makes it:
    «تختلف المصادر في <topic>: «<source>»: … ؛ «<source>»: …»."""
    notes_ar: list[str] = []
    notes_en: list[str] = []
    for event in events:
        for conflict in event.conflicts:
            claims_ar = "؛ ".join(
                f"{quoted_sources(index, claim.sources, 'ar')}: {ar_text(claim.says_ar, style).rstrip('.')}"
                for claim in conflict.claims
            ) + "."
            claims_en = "; ".join(
                f"{quoted_sources(index, claim.sources, 'en')}: {claim.says_en.rstrip('.')}"
                for claim in conflict.claims
            ) + "."
            notes_ar.append(f"تختلف المصادر في هذه المسألة: {ar_text(conflict.topic_ar, style)}. {claims_ar}")
            notes_en.append(f"The sources disagree on {conflict.topic_en[:1].lower()}{conflict.topic_en[1:]}: "
                            f"{claims_en}")
    return notes_ar, notes_en


def docs_of(events: Sequence[Event], extra: Sequence[str] = ()) -> tuple[str, ...]:
    """Source document ids of the events (and any extra, e.g. the source a prompt quotes), deduplicated."""
    return tuple(dict.fromkeys([*(doc for e in events for doc in e.source_docs), *extra]))


def explain(
    index: ChronologyIndex,
    events: Sequence[Event],
    style: TextStyle,
    *,
    lead: tuple[str, str] | None = None,
    extra_docs: Sequence[str] = (),
) -> tuple[str, str, tuple[str, ...]]:
    """(explanation_ar, explanation_en, source docs) for a question about these events.

    One event: its title, date and summary. Several: one line per event, oldest first, with its date.
    `lead` is a kind-specific first sentence (the figure asked for, the person, ...). Memoised on the
    index: the same events are explained again in every quiz.
    """
    key = ("explain", tuple(e.id for e in events), style, lead, tuple(extra_docs))
    hit = index.memo.get(key)
    if hit is None:
        hit = _explain(index, events, style, lead, extra_docs)
        index.remember(key, hit)
    return hit  # type: ignore[return-value]


def _explain(
    index: ChronologyIndex,
    events: Sequence[Event],
    style: TextStyle,
    lead: tuple[str, str] | None,
    extra_docs: Sequence[str],
) -> tuple[str, str, tuple[str, ...]]:
    ar: list[str] = []
    en: list[str] = []
    if lead is not None:
        ar.append(lead[0])
        en.append(lead[1])
    if len(events) == 1:
        event = events[0]
        date_ar, date_en = event_dates(event, style)
        ar.append(f"{ar_text(event.title_ar, style)} ({date_ar}). {ar_text(event.summary_ar, style)}")
        en.append(f"{event.title_en} ({date_en}). {event.summary_en}")
    else:
        for event in sorted(events, key=lambda e: (e.date.sort_key(), e.id)):
            date_ar, date_en = event_dates(event, style)
            ar.append(f"{date_ar}: {ar_text(event.title_ar, style)}")
            en.append(f"{date_en}: {event.title_en}")
    docs = docs_of(events, extra_docs)
    ar.append(f"المصادر: {source_list(index, docs, 'ar')}")
    en.append(f"Sources: {source_list(index, docs, 'en')}")
    # A disagreement is told where the question is about that event; beside the items of an ordering it is
    # noise (their dates are never disputed, or they would not be there).
    notes_ar, notes_en = conflict_notes(index, events, style) if len(events) == 1 else ([], [])
    ar.extend(notes_ar)
    en.extend(notes_en)
    return "\n".join(ar), "\n".join(en), docs
