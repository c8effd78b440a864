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

from quiz.chronology.arabic_dates import format_number, format_partial_date
from quiz.chronology.model import Event, PartialDate

from .index import ChronologyIndex


@dataclass(frozen=True)
class TextStyle:
    """How Arabic dates and numbers are written (English always uses Western digits)."""

    month_style: str = "gregorian"  # gregorian | levantine | both
    digits: str = "western"  # western | eastern


@lru_cache(maxsize=8192)
def date_text(date: PartialDate, lang: str, style: TextStyle = TextStyle()) -> str:
    if lang == "ar":
        return format_partial_date(date, "ar", month_style=style.month_style, digits=style.digits)
    return format_partial_date(date, lang)


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


@lru_cache(maxsize=8192)
def number_text(value: float, lang: str, style: TextStyle = TextStyle()) -> str:
    if lang == "ar":
        return format_number(_plain(value), "ar", digits=style.digits)
    return format_number(_plain(value), lang)


def bilingual_date(date: PartialDate, style: TextStyle) -> tuple[str, str]:
    return date_text(date, "ar", style), date_text(date, "en", style)


def source_list(index: ChronologyIndex, docs: Sequence[str], lang: str) -> str:
    titles = [index.source_title(doc, lang) for doc in docs]
    return "، ".join(titles) if lang == "ar" else "; ".join(titles)


def conflict_notes(events: Sequence[Event]) -> tuple[list[str], list[str]]:
    """"المصادر تختلف: …" / "The sources differ: …" for every conflict of the events."""
    notes_ar: list[str] = []
    notes_en: list[str] = []
    for event in events:
        for conflict in event.conflicts:
            claims_ar = " / ".join(claim.says_ar for claim in conflict.claims)
            claims_en = " / ".join(claim.says_en for claim in conflict.claims)
            notes_ar.append(f"المصادر تختلف: {conflict.topic_ar}: {claims_ar}")
            notes_en.append(f"The sources differ: {conflict.topic_en}: {claims_en}")
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
        date_ar, date_en = bilingual_date(event.date, style)
        ar.append(f"{event.title_ar} ({date_ar}). {event.summary_ar}")
        en.append(f"{event.title_en} ({date_en}). {event.summary_en}")
    else:
        for event in sorted(events, key=lambda e: (e.date.sort_key(), e.id)):
            date_ar, date_en = bilingual_date(event.date, style)
            ar.append(f"{date_ar}: {event.title_ar}")
            en.append(f"{date_en}: {event.title_en}")
    docs = docs_of(events, extra_docs)
    ar.append(f"المصادر: {source_list(index, docs, 'ar')}")
    en.append(f"Sources: {source_list(index, docs, 'en')}")
    notes_ar, notes_en = conflict_notes(events)
    ar.extend(notes_ar)
    en.extend(notes_en)
    return "\n".join(ar), "\n".join(en), docs
