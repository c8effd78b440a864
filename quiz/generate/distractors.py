"""Wrong options that are plausible and never also correct: dates, events, people and numbers.

Each function here first builds every candidate that is *certainly wrong* (a date that cannot overlap the
answer's span, a figure outside the answer's approximate band, a person who is not an actor of the event,
an event whose date cannot fall in the asked date), and only then chooses among them for plausibility and
difficulty. Correctness is decided by the filter, taste by the choice, so taste can never break correctness.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Sequence, TypeVar

from quiz.chronology.model import PartialDate, Precision, Qualifier

from .difficulty import EASY, HARD, MEDIUM, closeness_from_gap, closeness_from_ratio
from .index import ChronologyIndex, EventFacts, span

T = TypeVar("T")

# Candidate windows around the answer, per precision: wide enough to offer near (hard) and far (easy)
# distractors, narrow enough to stay plausible.
_YEAR_OFFSETS = tuple(o for o in range(-8, 9) if o)
_QUALIFIED_YEAR_OFFSETS = tuple(range(-4, 5))
_MONTH_OFFSETS = tuple(o for o in range(-24, 25) if o)
_QUALIFIED_MONTH_OFFSETS = tuple(range(-6, 7))
# A day-level option is at least a week from the key: one day off may be the same event in another time
# zone (2 and 3 January 2020) or a closely linked one (a raid and its announcement the next morning).
MIN_DAY_GAP = 7
_DAY_OFFSETS = tuple(
    sign * d
    for d in (7, 9, 11, 13, 15, 18, 21, 25, 30, 35, 45, 60, 75, 90, 120, 150, 180, 240, 300, 365)
    for sign in (-1, 1)
)
JITTER = 0.2  # how much randomness competes with the difficulty preference when choosing


def choose(
    candidates: Sequence[T],
    closeness: Sequence[float],
    k: int,
    target: str | None,
    rng: random.Random,
    fits: Callable[[T, list[T]], bool],
    fallback: Callable[[], Sequence[int]] | None = None,
) -> list[T] | None:
    """Choose k candidates that fit together, preferring near ones for "hard" and far ones for "easy".

    Every candidate must already be a valid wrong option; `fits(candidate, chosen)` says whether it may
    stand beside those already chosen (dates must not overlap, texts must differ, ...). Returns None when
    no k candidates fit together. `closeness` (0 far .. 1 near) is aligned with `candidates`.

    The preferred order is greedy, so an early pick can block the rest (a year-only date blocks every
    date in that year). `fallback()` gives a second order to try then: for spans, by end date, the classic
    greedy that finds the most non-overlapping spans, so a None means no k spans fit together.
    """
    if len(candidates) < k:
        return None
    draw = rng.random
    if target == HARD:
        ranked = [(c + draw() * JITTER, i) for i, c in enumerate(closeness)]
    elif target == EASY:
        ranked = [(draw() * JITTER - c, i) for i, c in enumerate(closeness)]
    elif target == MEDIUM:
        ranked = [(draw() * JITTER - 2.0 * abs(c - 0.5), i) for i, c in enumerate(closeness)]
    else:
        ranked = [(draw(), i) for i in range(len(candidates))]
    ranked.sort(reverse=True)
    for attempt in range(2):
        if attempt == 0:
            order: Sequence[int] = [i for _, i in ranked]
        elif fallback is not None:
            order = fallback()
        else:
            break
        chosen: list[T] = []
        for i in order:
            candidate = candidates[i]
            if fits(candidate, chosen):
                chosen.append(candidate)
                if len(chosen) == k:
                    return chosen
    return None


def by_end(spans: Sequence[tuple[int, int]]) -> list[int]:
    """Indices of (lo, hi) spans ordered by end, then start: the greedy order for disjoint spans."""
    return sorted(range(len(spans)), key=lambda i: (spans[i][1], spans[i][0], i))


# -- dates --------------------------------------------------------------------------------------------


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


@lru_cache(maxsize=4096)
def date_candidates(
    answer: PartialDate, min_year: int, max_year: int
) -> tuple[tuple[tuple[PartialDate, int, int], ...], tuple[float, ...]]:
    """Dates of the answer's shape (precision, qualified or not) that cannot overlap it, as (date, lo, hi),
    and each one's closeness to the answer (cached: the same answers come back in every quiz).

    A qualified answer ("early 2007") gets qualified candidates ("late 2007", "mid 2006"), so the format of
    an option never gives the answer away; the span test keeps "mid 2007" (which overlaps) out.
    """
    a_lo, a_hi = span(answer)
    dates: list[PartialDate] = []
    precision = answer.precision
    if precision is Precision.YEAR:
        if answer.qualifier is None:
            dates = [PartialDate(answer.year + o) for o in _YEAR_OFFSETS if min_year <= answer.year + o <= max_year]
        else:
            dates = [
                PartialDate(answer.year + o, qualifier=q)
                for o in _QUALIFIED_YEAR_OFFSETS
                for q in Qualifier
                if min_year <= answer.year + o <= max_year
            ]
    elif precision is Precision.MONTH:
        assert answer.month is not None
        offsets = _MONTH_OFFSETS if answer.qualifier is None else _QUALIFIED_MONTH_OFFSETS
        qualifiers: Sequence[Qualifier | None] = (None,) if answer.qualifier is None else tuple(Qualifier)
        for o in offsets:
            year, month = _shift_month(answer.year, answer.month, o)
            if min_year <= year <= max_year:
                dates.extend(PartialDate(year, month, qualifier=q) for q in qualifiers)
    else:
        base = answer.earliest
        for o in _DAY_OFFSETS:
            day = base.fromordinal(base.toordinal() + o)
            if min_year <= day.year <= max_year:
                dates.append(PartialDate(day.year, day.month, day.day))
    result = []
    closeness = []
    a_mid = (a_lo + a_hi) / 2.0
    for date in dates:
        lo, hi = span(date)
        if hi < a_lo or lo > a_hi:  # certainly before or certainly after the answer
            result.append((date, lo, hi))
            closeness.append(closeness_from_gap(abs((lo + hi) / 2.0 - a_mid)))
    return tuple(result), tuple(closeness)


def _choose_seeded(
    candidates: Sequence[tuple[PartialDate, int, int]], closeness: Sequence[float],
    seeds: Sequence[Callable[[PartialDate], bool]], k: int, target: str | None, rng: random.Random,
    fits: Callable[[tuple[PartialDate, int, int], list[tuple[PartialDate, int, int]]], bool], *,
    rest_allowed: Callable[[PartialDate, list[tuple[PartialDate, int, int]]], bool] = lambda date, chosen: True,
    fallback: bool = True,
) -> list[tuple[PartialDate, int, int]] | None:
    """k wrong dates: first one for each of ``seeds`` (a date it accepts), then any that ``rest_allowed`` lets
    stand beside those; None when a seed or the rest cannot be had. ``fallback``: the by-end order as a second
    try for the rest (see choose)."""
    chosen: list[tuple[PartialDate, int, int]] = []
    for seed in seeds:
        pool = [i for i, c in enumerate(candidates) if seed(c[0]) and fits(c, chosen)]
        one = choose([candidates[i] for i in pool], [closeness[i] for i in pool], 1, target, rng,
                     lambda c, picked: fits(c, chosen + picked))
        if one is None:
            return None
        chosen += one
    if k <= len(chosen):
        return chosen[:k]
    keep = [i for i, c in enumerate(candidates) if c not in chosen and fits(c, chosen) and rest_allowed(c[0], chosen)]
    rest = [candidates[i] for i in keep]
    by_end_order = (lambda: by_end([(lo, hi) for _, lo, hi in rest])) if fallback else None
    more = choose(rest, [closeness[i] for i in keep], k - len(chosen), target, rng,
                  lambda c, picked: fits(c, chosen + picked), by_end_order)
    return None if more is None else chosen + more


def choose_dates(
    answer: PartialDate, min_year: int, max_year: int, k: int, target: str | None, rng: random.Random,
    avoid: Sequence[tuple[int, int]] = (),
) -> list[tuple[PartialDate, int, int]] | None:
    """k wrong dates of the answer's shape, none overlapping the answer nor each other, nor any `avoid`
    span (the dates of events closely tied to the answer's); for a day or a month, never all of one year that
    is not the answer's (None when that cannot be helped)."""
    candidates, closeness = date_candidates(answer, min_year, max_year)
    if avoid:
        keep = [i for i, (_, lo, hi) in enumerate(candidates) if all(hi < a_lo or lo > a_hi for a_lo, a_hi in avoid)]
        candidates = tuple(candidates[i] for i in keep)
        closeness = tuple(closeness[i] for i in keep)

    def fits(candidate: tuple[PartialDate, int, int], chosen: list[tuple[PartialDate, int, int]]) -> bool:
        _, lo, hi = candidate
        return all(hi < o_lo or lo > o_hi for _, o_lo, o_hi in chosen)

    def spans_by_end() -> list[int]:
        return by_end([(lo, hi) for _, lo, hi in candidates])

    def seeded(*seeds: Callable[[PartialDate], bool], fallback: bool = True,
               rest_allowed: Callable[[PartialDate, list[tuple[PartialDate, int, int]]], bool] = lambda d, c: True,
               ) -> list[tuple[PartialDate, int, int]] | None:
        return _choose_seeded(candidates, closeness, seeds, k, target, rng, fits, rest_allowed=rest_allowed,
                              fallback=fallback)

    if k < 2:
        return choose(candidates, closeness, k, target, rng, fits, spans_by_end)
    if answer.precision is Precision.YEAR:
        # Wrong years all on one side make the key the odd one out ("2006" after "2002, 2003, 2004", a blind
        # review): one wrong year at least on each side of the answer when the window has room there.
        picked = choose(candidates, closeness, k, target, rng, fits, spans_by_end)
        if picked is None or len({date.year < answer.year for date, _, _ in picked}) == 2:
            return picked
        return seeded(lambda date: date.year < answer.year, lambda date: date.year > answer.year,
                      fallback=False) or picked
    # A day or a month must not be the only option of its year while the others share one ("20 March 2003"
    # among three days of 2002 is picked by its year alone): one wrong date in the answer's year when there
    # is room for one (the dates of tied events may fill it), else wrong dates of two years at least, else none.
    picked = seeded(lambda date: date.year == answer.year)
    if picked is not None:
        return picked
    plain = choose(candidates, closeness, k, target, rng, fits, spans_by_end)
    years = {date.year for date, _, _ in plain or ()}
    if len(years) == 1:  # None when no other year has room either: no question rather than a giveaway
        return seeded(lambda date: date.year not in years,
                      rest_allowed=lambda date, chosen: date.year != chosen[0][0].year)
    return plain


# -- events -------------------------------------------------------------------------------------------


def orderable(a: EventFacts, b: EventFacts) -> bool:
    """Whether one of the two events is certainly first (PartialDate.can_be_ordered_with, on ints), and, for two
    single days, by a week at least (MIN_DAY_GAP): "phase two" announced on 13 April and the B-52s joining on 15
    April 2016 are told by a source as one moment, and days apart may be one event in two time zones (a blind
    review)."""
    if a.lo == a.hi and b.lo == b.hi:
        return abs(a.lo - b.lo) >= MIN_DAY_GAP
    return a.hi < b.lo or b.hi < a.lo


def choose_events(
    index: ChronologyIndex,
    candidates: Sequence[EventFacts],
    fixed: Sequence[EventFacts],
    k: int,
    target: str | None,
    rng: random.Random,
    *,
    pairwise_orderable: bool,
    weigh_prominence: bool = True,
) -> list[EventFacts] | None:
    """k events from candidates with distinct titles (from each other and from `fixed`).

    With pairwise_orderable, every chosen event can be ordered without doubt with every other chosen and
    fixed event (for first/last/before/after/order). For "hard", events near the anchor (`fixed[0]`) and
    (when the kind's difficulty counts every option's prominence, `weigh_prominence`) of little
    prominence are preferred; for "easy", distant landmarks.
    """
    row = index.nearness(fixed[0], weigh_prominence)
    closeness = [row[c.position] for c in candidates]
    titles_en = {f.event.title_en for f in fixed}
    titles_ar = {f.event.title_ar for f in fixed}

    def fits(candidate: EventFacts, chosen: list[EventFacts]) -> bool:
        event = candidate.event
        if event.title_en in titles_en or event.title_ar in titles_ar:
            return False
        for other in chosen:
            if other.event.title_en == event.title_en or other.event.title_ar == event.title_ar:
                return False
            if pairwise_orderable and not orderable(candidate, other):
                return False
        if pairwise_orderable and not all(orderable(candidate, other) for other in fixed):
            return False
        return True

    if not pairwise_orderable:
        return choose(candidates, closeness, k, target, rng, fits)
    return choose(candidates, closeness, k, target, rng, fits, lambda: by_end([(c.lo, c.hi) for c in candidates]))


# -- numbers ------------------------------------------------------------------------------------------

_MULTIPLIERS = (0.25, 1 / 3, 0.4, 0.5, 0.6, 2 / 3, 0.75, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
APPROX_BAND = 0.25  # "about 150,000" also covers 120,000: a distractor must differ by at least this much
EXACT_BAND = 0.1  # an exact figure still needs distractors that do not look like typos of it


def significant_digits(value: float) -> int:
    """How many significant digits the figure is written with: 150000 → 2, 4487 → 4, 2.5 → 2."""
    digits = Decimal(repr(float(value))).normalize().as_tuple().digits
    return max(1, len(digits))


def _round_to(value: float, digits: int) -> float:
    if value <= 0:
        return 0.0
    return float(f"{value:.{digits}g}")


@lru_cache(maxsize=4096)
def number_candidates(
    value: float, band: float, avoid: tuple[float, ...] = (), upper: float | None = None
) -> tuple[float, ...]:
    """Plausible wrong figures: ×½, ×2, ± a round step..., rounded like the answer, outside every band.

    `avoid` are other values that must not be matched either (another source's figure for the same fact);
    `upper` caps the figures (a share cannot exceed 100 %).
    """
    digits = significant_digits(value)
    integral = float(value).is_integer()
    step = 10.0 ** math.floor(math.log10(value)) if value > 0 else 1.0
    raw = [value * m for m in _MULTIPLIERS]
    if digits <= 2:
        # Round steps suit round figures (150,000 → 100,000, 200,000). Added to 13,470 they keep its tail
        # (3,470, 23,470): the shared digits point at the key, so such figures only get multiples.
        raw += [value + s * n for s in (step, step / 2) for n in (-3, -2, -1, 1, 2, 3)]
    result: list[float] = []
    seen: set[float] = set()
    # The key keeps its own band; every other value a reader could defend (another source's figure, the
    # sum of an article's parts, the event's other figures) keeps the wide one.
    keep = [(value, band), *((other, max(band, APPROX_BAND)) for other in avoid)]
    for candidate in raw:
        candidate = _round_to(candidate, digits)
        if integral:
            candidate = float(round(candidate))
        if candidate <= 0 or candidate in seen or (upper is not None and candidate > upper):
            continue
        if any(abs(candidate - other) < width * other for other, width in keep):
            continue
        seen.add(candidate)
        result.append(candidate)
    return tuple(sorted(result))


def choose_numbers(
    value: float, band: float, avoid: Sequence[float], k: int, target: str | None, rng: random.Random,
    upper: float | None = None, side: int = 0,
) -> list[float] | None:
    """k wrong figures, also at least EXACT_BAND apart from each other; only above the key for side=1,
    only below for side=-1."""
    candidates = tuple(
        c for c in number_candidates(value, band, tuple(avoid), upper)
        if side == 0 or (c > value if side > 0 else c < value)
    )
    closeness = [closeness_from_ratio(c / value) for c in candidates]

    def fits(candidate: float, chosen: list[float]) -> bool:
        return all(abs(candidate - other) >= EXACT_BAND * min(candidate, other) for other in chosen)

    return choose(candidates, closeness, k, target, rng, fits)
