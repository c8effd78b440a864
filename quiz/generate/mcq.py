"""Multiple-choice kinds: when, what_happened, who, how_many, first, last, before, after.

Each kind's docstring says what makes its one right answer the *only* right answer; the filters in
distractors.py enforce it, and tests/unit/test_generate_properties.py checks it on random chronologies.
"""

from __future__ import annotations

import random
import re
from typing import Sequence

from quiz.chronology.model import Chronology, Claim, Entity, Event, Number, Precision

from .difficulty import (
    Features,
    single_event_bounds,
    closeness_from_gap,
    closeness_from_ratio,
    date_precision,
    obscurity,
)
from .distractors import (
    APPROX_BAND,
    EXACT_BAND,
    choose,
    choose_dates,
    choose_events,
    choose_numbers,
    significant_digits,
)
from .errors import CannotGenerate, NotEnoughEvents
from .explain import bilingual_date, explain, number_text
from .index import ChronologyIndex, EventFacts
from .kind import GenerationSettings, OptionSpec, QuestionKind
from .question import Question

DECADE_DAYS = 3650.0


def _facts(index: ChronologyIndex, event: Event) -> EventFacts:
    try:
        return index.by_id[event.id]
    except KeyError:
        raise CannotGenerate(f"event {event.id!r} is not in this chronology") from None


def _require_certain_date(facts: EventFacts) -> None:
    if facts.date_disputed:
        raise CannotGenerate(f"the sources disagree on the date of {facts.event.id!r}")


def _title_option(facts: EventFacts) -> OptionSpec:
    event = facts.event
    return OptionSpec(event.id, event.title_ar, event.title_en, event.id)


def _dated_pool(index: ChronologyIndex, settings: GenerationSettings, anchor: EventFacts) -> list[EventFacts]:
    """Pool events other than the anchor whose dates the sources agree on."""
    return [c for c in index.pool(settings.pool) if not c.date_disputed and c is not anchor]


class _DatedEventKind(QuestionKind):
    """A question about one event's own date: only events whose date the sources agree on."""

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return not facts.date_disputed

    def score_bounds(self, facts: EventFacts, index: ChronologyIndex) -> tuple[float, float]:
        return single_event_bounds(date_precision(facts.event.date), facts.event.importance)


class WhenKind(_DatedEventKind):
    """"When did X happen?" Options are dates of the event's own precision (and qualified if it is), each
    certainly before or after the true date's span and not overlapping each other."""

    name = "when"

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = _facts(index, event)
        _require_certain_date(facts)
        k = settings.choices - 1
        picked = choose_dates(event.date, index.first_year - 3, index.last_year, k, settings.target, rng)
        if picked is None:
            raise CannotGenerate(f"fewer than {k} dates of the same precision are certainly apart from {event.date}")
        style = settings.style
        correct = OptionSpec(str(event.date), *bilingual_date(event.date, style))
        wrong = [OptionSpec(str(date), *bilingual_date(date, style)) for date, _, _ in picked]
        gap = min(abs((lo + hi) / 2.0 - facts.mid) for _, lo, hi in picked)
        features = Features(closeness_from_gap(gap), date_precision(event.date), obscurity([event.importance]))
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[event.id], subject_ids=[event.id],
            prompt=(f"متى وقع هذا الحدث: {event.title_ar}؟", f"When did this happen: {event.title_en}?"),
            correct=correct, wrong=wrong, explanation=explain(index, [event], style),
            difficulty=features.level(),
        )


class WhatHappenedKind(_DatedEventKind):
    """"Which of these happened in/on DATE?" DATE is the event's own date at its own precision; every other
    option is an event whose date (agreed by the sources) certainly falls outside DATE's span, and whose
    title does not name a year DATE may fall in."""

    name = "what_happened"

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = _facts(index, event)
        _require_certain_date(facts)
        span_years = set(range(event.date.earliest.year, event.date.latest.year + 1))
        candidates = [
            c for c in _dated_pool(index, settings, facts)
            if (c.hi < facts.lo or c.lo > facts.hi) and not (c.years_in_title & span_years)
        ]
        k = settings.choices - 1
        picked = choose_events(index, candidates, [facts], k, settings.target, rng,
                               pairwise_orderable=False, weigh_prominence=False)
        if picked is None:
            raise NotEnoughEvents(f"fewer than {k} events certainly outside {event.date}")
        style = settings.style
        date_ar, date_en = bilingual_date(event.date, style)
        preposition = "on" if event.date.precision is Precision.DAY else "in"
        gap = min(abs(c.mid - facts.mid) for c in picked)
        features = Features(closeness_from_gap(gap), date_precision(event.date), obscurity([event.importance]))
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[], subject_ids=[event.id],
            prompt=(f"أيّ هذه الأحداث وقع في {date_ar}؟", f"Which of these happened {preposition} {date_en}?"),
            correct=_title_option(facts), wrong=[_title_option(c) for c in picked],
            explanation=explain(index, [event], style), difficulty=features.level(),
        )


# Role ids of the registry with a noun phrase that makes a "who" prompt precise. Roles missing here get
# the generic "Which of these people ...": still answerable, since every option shares the role.
ROLE_NOUNS: dict[str, tuple[str, str]] = {
    "us-president": ("أيّ رئيس أمريكي", "Which US president"),
    "us-secretary-of-state": ("أيّ وزير خارجية أمريكي", "Which US secretary of state"),
    "us-defence-secretary": ("أيّ وزير دفاع أمريكي", "Which US secretary of defense"),
    "us-military-commander": ("أيّ قائد عسكري أمريكي", "Which US military commander"),
    "us-military-spokesperson": ("أيّ متحدث عسكري أمريكي", "Which US military spokesperson"),
    "iraqi-prime-minister": ("أيّ رئيس وزراء عراقي", "Which Iraqi prime minister"),
    "iraqi-defence-minister": ("أيّ وزير دفاع عراقي", "Which Iraqi defence minister"),
    "iraqi-political-leader": ("أيّ سياسي عراقي", "Which Iraqi political leader"),
    "iraqi-paramilitary-leader": ("أيّ قائد فصيل مسلح عراقي", "Which Iraqi paramilitary leader"),
    "iranian-commander": ("أيّ قائد إيراني", "Which Iranian commander"),
    "jihadist-leader": ("أيّ قائد جهادي", "Which jihadist leader"),
    "un-official": ("أيّ مسؤول في الأمم المتحدة", "Which UN official"),
    "eu-official": ("أيّ مسؤول أوروبي", "Which EU official"),
}


class WhoKind(QuestionKind):
    """"Which of these people is associated with: X?" The answer is an actor of X with a role; the other
    options are people of that same role (presidents with presidents) who are not actors of X and whose
    names the event's title and summary do not mention. Events with any disputed detail are skipped, and
    at least three such people are needed. An actor the title names is never the answer (the question
    would answer itself)."""

    name = "who"

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        if facts.detail_disputed:
            return False
        return any(self._roles(facts.event, index))

    def score_bounds(self, facts: EventFacts, index: ChronologyIndex) -> tuple[float, float]:
        return single_event_bounds(None, facts.event.importance)

    @staticmethod
    def _roles(event: Event, index: ChronologyIndex) -> list[tuple[str, str]]:
        """(person id, role) of the event's actors that are people with roles, in the event's order."""
        pairs = []
        for actor in event.actors:
            if actor in index.person_names:
                pairs.extend((actor, role) for role in index.roles_of(actor))
        return pairs

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = _facts(index, event)
        if facts.detail_disputed:
            raise CannotGenerate(f"the sources disagree on a detail of {event.id!r}")
        pairs = self._roles(event, index)
        if not pairs:
            raise CannotGenerate(f"no actor of {event.id!r} is a person with a role")
        rng.shuffle(pairs)
        k = settings.choices - 1
        actors = set(event.actors)
        for person_id, role in pairs:
            if index.mentions_in_title(facts, person_id):
                continue  # "Which president ...: Bush declares ..." answers itself
            people = [
                p for p in index.people_by_role.get(role, ())
                if p.id not in actors and not index.mentions(facts, p.id)
            ]
            if len(people) < k:
                continue
            closeness = [closeness_from_gap(self._gap(index, p.id, facts.mid)) for p in people]
            answer = chronology.entity(person_id)
            taken_ar = {answer.name_ar}
            taken_en = {answer.name_en}

            def fits(candidate: Entity, chosen: list[Entity]) -> bool:
                names_ar = taken_ar | {p.name_ar for p in chosen}
                names_en = taken_en | {p.name_en for p in chosen}
                return candidate.name_ar not in names_ar and candidate.name_en not in names_en

            picked = choose(people, closeness, k, settings.target, rng, fits)
            if picked is None:
                continue
            gap = min(self._gap(index, p.id, facts.mid) for p in picked)
            # The date pins the event down: "the UN Secretary-General visits Baghdad" happened under
            # several secretaries-general, "... (March 2023)" under one. A disputed date is left out.
            when_ar, when_en = ("", "") if facts.date_disputed else bilingual_date(event.date, settings.style)
            title_ar = f"{event.title_ar} ({when_ar})" if when_ar else event.title_ar
            title_en = f"{event.title_en} ({when_en})" if when_en else event.title_en
            noun_ar, noun_en = ROLE_NOUNS.get(role, ("", ""))
            if noun_en:
                prompt = (f"{noun_ar} مرتبط بهذا الحدث: {title_ar}؟", f"{noun_en} is associated with: {title_en}?")
            else:
                prompt = (f"من الشخصية المرتبطة بهذا الحدث: {title_ar}؟",
                          f"Which of these people is associated with: {title_en}?")
            features = Features(closeness_from_gap(gap), None, obscurity([event.importance]))
            expl_ar, expl_en, docs = explain(
                index, [event], settings.style,
                lead=(f"الإجابة: {answer.name_ar}.", f"Answer: {answer.name_en}."),
            )
            return self.build_mcq(
                rng=rng, settings=settings, lead_event_ids=[event.id], subject_ids=[event.id],
                prompt=prompt,
                correct=OptionSpec(answer.id, answer.name_ar, answer.name_en),
                wrong=[OptionSpec(p.id, p.name_ar, p.name_en) for p in picked],
                explanation=(expl_ar, expl_en, docs), difficulty=features.level(),
            )
        raise NotEnoughEvents(
            f"no actor of {event.id!r} that its title does not name has {k} other people of the same role "
            f"in the registry to stand beside"
        )

    @staticmethod
    def _gap(index: ChronologyIndex, person_id: str, mid: float) -> float:
        """Days between the event and the nearest event the person acted in (ten years if none)."""
        dates = index.acted_at.get(person_id)
        if not dates:
            return DECADE_DAYS
        return min(abs(d - mid) for d in dates)


_NUMBER = re.compile(r"\d[\d,٬]*(?:[.٫]\d+)?")
_SCALE = (
    ("billion", 1e9), ("مليار", 1e9),
    ("million", 1e6), ("مليون", 1e6), ("ملايين", 1e6),
    ("thousand", 1e3), ("ألف", 1e3), ("الف", 1e3), ("آلاف", 1e3), ("ألاف", 1e3), ("الاف", 1e3),
)
_EASTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def parse_claim_value(text: str) -> float | None:
    """The figure a claim states ("4,000", "about 1.5 million", "٤٠٠٠"), or None if it states none."""
    text = text.translate(_EASTERN)
    found = _NUMBER.findall(text)
    if len(found) != 1:
        return None
    value = float(found[0].replace(",", "").replace("٬", "").replace("٫", "."))
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    for word, scale in _SCALE:
        if word in words:
            value *= scale
            break
    return value if value > 0 else None


_APPROX_HINT: dict[str, tuple[str, str]] = {
    "exactly": ("", ""),
    "about": (" (رقم تقريبي)", " (an approximate figure)"),
    "more_than": (" (تقول المصادر «أكثر من» هذا الرقم)", " (the sources say “more than” this figure)"),
    "at_least": (" (تقول المصادر «على الأقل» هذا الرقم)", " (the sources say “at least” this figure)"),
    "up_to": (" (تقول المصادر «حتى» هذا الرقم)", " (the sources say “up to” this figure)"),
}


# Units whose figures mean little without them; others ("soldiers", "bases") are in the label already.
UNIT_SUFFIX: dict[str, tuple[str, str]] = {
    "usd": (" دولار", " US dollars"),
    "percent": ("٪", "%"),
    "km": (" كم", " km"),
}


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "dozen": 12, "single": 1,
     "both": 2, "double": 2, "twice": 2}


def figures_in(*texts: str) -> set[float]:
    """Every figure written in the texts: in digits (Western or Eastern, with or without separators) or
    as an English number word ("two agreements" states 2)."""
    found: set[float] = set()
    for text in texts:
        for word in re.findall(r"[a-z]+", text.lower()):
            if word in _NUMBER_WORDS:
                found.add(float(_NUMBER_WORDS[word]))
        for match in _NUMBER.findall(text.translate(_EASTERN)):
            try:
                found.add(float(match.replace(",", "").replace("٬", "").replace("٫", ".")))
            except ValueError:
                continue
    return found


class HowManyKind(QuestionKind):
    """"What figure do the sources give for <label> (<title>)?" The options are plain figures; the prompt
    asks for the figure the sources state, so "more than 100,000" has one right option, 100,000. Wrong
    figures keep the answer's magnitude and roundness and differ from it by at least 25 % when the figure
    is approximate (10 % when exact). A disputed figure is asked only as "according to <source>", with
    that source's value, and the wrong options also keep 25 % away from every other source's value
    (and from the event's other figures). A figure the title or the label already states is not asked."""

    name = "how_many"

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return bool(facts.event.numbers)

    def score_bounds(self, facts: EventFacts, index: ChronologyIndex) -> tuple[float, float]:
        low, _ = single_event_bounds(0.0, facts.event.importance)
        _, high = single_event_bounds(1.0, facts.event.importance)
        return low, high

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = _facts(index, event)
        if not event.numbers:
            raise CannotGenerate(f"{event.id!r} has no figures")
        numbers = list(event.numbers)
        rng.shuffle(numbers)
        k = settings.choices - 1
        reasons: list[str] = []
        for number in numbers:
            asked = self._asked_value(event, number, rng)
            if asked is None:
                reasons.append(
                    f"{number.key}: disputed, and the sources' figures cannot be read or told apart"
                )
                continue
            value, claim, others = asked
            if value in figures_in(event.title_ar, event.title_en, number.label_ar, number.label_en):
                reasons.append(f"{number.key}: the title or label states the figure")
                continue
            band = APPROX_BAND if (claim is not None or number.approx != "exactly") else EXACT_BAND
            # The event's other figures are kept out too: "35,000" offered for the upper bound when the
            # lower bound is 35,000 would be a trap, not a distractor.
            others = [*others, *(n.value for n in event.numbers if n is not number)]
            upper = 100.0 if number.unit == "percent" and value <= 100 else None
            picked = choose_numbers(value, band, others, k, settings.target, rng, upper)
            if picked is None:
                reasons.append(f"{number.key}: fewer than {k} plausible wrong figures")
                continue
            return self._question(index, event, facts, number, value, claim, picked, rng, settings)
        raise CannotGenerate(f"no figure of {event.id!r} can be asked: " + "; ".join(reasons))

    @staticmethod
    def _asked_value(
        event: Event, number: Number, rng: random.Random
    ) -> tuple[float, Claim | None, list[float]] | None:
        """(value asked, the claim quoted or None, other values to keep away from)."""
        field = f"numbers.{number.key}"
        conflicts = [c for c in event.conflicts if c.field == field]
        if not conflicts:
            return number.value, None, []
        values = [number.value]
        usable: list[tuple[Claim, float]] = []
        for conflict in conflicts:
            for claim in conflict.claims:
                parsed = parse_claim_value(claim.value)
                if parsed is None or not number.value / 10 <= parsed <= number.value * 10:
                    # A claim we cannot read, or read as a figure of another magnitude (a scale word we
                    # do not know?), could state anything: no figure is safe to offer.
                    return None
                values.append(parsed)
                if claim.sources:
                    usable.append((claim, parsed))
        if not usable:
            return None
        claim, value = usable[rng.randrange(len(usable))]
        others = [v for v in values if v != value]
        if any(abs(value - v) < APPROX_BAND * v for v in others):
            return None  # the sources' figures are too close to tell apart as options
        return value, claim, others

    def _question(
        self,
        index: ChronologyIndex,
        event: Event,
        facts: EventFacts,
        number: Number,
        value: float,
        claim: Claim | None,
        picked: Sequence[float],
        rng: random.Random,
        settings: GenerationSettings,
    ) -> Question:
        style = settings.style

        unit_ar, unit_en = UNIT_SUFFIX.get(number.unit, ("", ""))

        def option(v: float) -> OptionSpec:
            return OptionSpec(
                repr(float(v)), number_text(v, "ar", style) + unit_ar, number_text(v, "en", style) + unit_en
            )

        if claim is not None:
            doc = claim.sources[0]
            src_ar, src_en = index.source_title(doc, "ar"), index.source_title(doc, "en")
            prompt = (
                f"بحسب «{src_ar}»، ما الرقم المذكور لـ«{number.label_ar}» في هذا الحدث: {event.title_ar}؟",
                f"According to “{src_en}”, what figure is given for “{number.label_en}” in: {event.title_en}?",
            )
            extra_docs: tuple[str, ...] = claim.sources
            precision = 0.0
        else:
            hint_ar, hint_en = _APPROX_HINT.get(number.approx, ("", ""))
            prompt = (
                f"ما الرقم الذي تذكره المصادر لـ«{number.label_ar}» في هذا الحدث: {event.title_ar}؟{hint_ar}",
                f"What figure do the sources give for “{number.label_en}” in: {event.title_en}?{hint_en}",
            )
            extra_docs = ()
            if number.approx != "exactly":
                precision = 0.0
            else:
                precision = 0.5 if significant_digits(value) <= 2 else 1.0
        ratio = min(max(p, value) / min(p, value) for p in picked)
        features = Features(closeness_from_ratio(ratio), precision, obscurity([event.importance]))
        lead = (
            f"{number.label_ar}: {number_text(value, 'ar', style)}{unit_ar}.",
            f"{number.label_en}: {number_text(value, 'en', style)}{unit_en}.",
        )
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[event.id], subject_ids=[event.id], prompt=prompt,
            correct=option(value), wrong=[option(p) for p in picked],
            explanation=explain(index, [event], style, lead=lead, extra_docs=extra_docs),
            difficulty=features.level(),
        )


class _RelativeKind(QuestionKind):
    """Shared by first/last/before/after: four events, every pair certainly ordered, none with a disputed
    date. Subclasses say where the answer and the other options lie relative to the anchor event."""

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return not facts.date_disputed

    @staticmethod
    def _features(events: Sequence[EventFacts], gap: float) -> Features:
        precision = sum(date_precision(f.event.date) for f in events) / len(events)
        return Features(closeness_from_gap(gap), min(precision, 1.0), obscurity(f.event.importance for f in events))


class FirstKind(_RelativeKind):
    """"Which of these happened first?" The answer is the event; the three others are certainly after it
    and certainly ordered among themselves."""

    name = "first"
    prompt = ("أيّ هذه الأحداث وقع أولاً؟", "Which of these happened first?")

    def _others(self, facts: EventFacts, pool: list[EventFacts]) -> list[EventFacts]:
        return [c for c in pool if c.lo > facts.hi]

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = _facts(index, event)
        _require_certain_date(facts)
        k = settings.choices - 1
        candidates = self._others(facts, _dated_pool(index, settings, facts))
        picked = choose_events(index, candidates, [facts], k, settings.target, rng, pairwise_orderable=True)
        if picked is None:
            raise NotEnoughEvents(f"fewer than {k} events can stand beside {event.id!r} in a certain order")
        events = [facts, *picked]
        gap = min(abs(c.mid - facts.mid) for c in picked)
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[], subject_ids=[event.id], prompt=self.prompt,
            correct=_title_option(facts), wrong=[_title_option(c) for c in picked],
            explanation=explain(index, [f.event for f in events], settings.style),
            difficulty=self._features(events, gap).level(),
        )


class LastKind(FirstKind):
    """"Which of these happened last?" The three others are certainly before the event."""

    name = "last"
    prompt = ("أيّ هذه الأحداث وقع آخِرًا؟", "Which of these happened last?")

    def _others(self, facts: EventFacts, pool: list[EventFacts]) -> list[EventFacts]:
        return [c for c in pool if c.hi < facts.lo]


class AfterKind(_RelativeKind):
    """"Which of these happened after X?" X is the event (not an option); exactly one option is certainly
    after X, the three others certainly before it, and all four are certainly ordered among themselves."""

    name = "after"
    words = ("بعد", "after")

    def _split(self, facts: EventFacts, pool: list[EventFacts]) -> tuple[list[EventFacts], list[EventFacts]]:
        """(events that may be the answer, events that may be the wrong options)."""
        later = [c for c in pool if c.lo > facts.hi]
        earlier = [c for c in pool if c.hi < facts.lo]
        return later, earlier

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = _facts(index, event)
        _require_certain_date(facts)
        k = settings.choices - 1
        answers, others = self._split(facts, _dated_pool(index, settings, facts))
        chosen = choose_events(index, answers, [facts], 1, settings.target, rng, pairwise_orderable=True)
        if chosen is None:
            raise NotEnoughEvents(f"no event is certainly {self.words[1]} {event.id!r}")
        answer = chosen[0]
        picked = choose_events(
            index, others, [facts, answer], k, settings.target, rng, pairwise_orderable=True
        )
        if picked is None:
            raise NotEnoughEvents(
                f"fewer than {k} events are certainly on the other side of {event.id!r} and orderable"
            )
        gap = min(abs(c.mid - facts.mid) for c in (answer, *picked))
        word_ar, word_en = self.words
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[event.id], subject_ids=[event.id],
            prompt=(f"أيّ هذه الأحداث وقع {word_ar} هذا الحدث: {event.title_ar}؟",
                    f"Which of these happened {word_en}: {event.title_en}?"),
            correct=_title_option(answer), wrong=[_title_option(c) for c in picked],
            explanation=explain(index, [f.event for f in (facts, answer, *picked)], settings.style),
            difficulty=self._features([facts, answer, *picked], gap).level(),
        )


class BeforeKind(AfterKind):
    """"Which of these happened before X?" Exactly one option certainly before X, three certainly after."""

    name = "before"
    words = ("قبل", "before")

    def _split(self, facts: EventFacts, pool: list[EventFacts]) -> tuple[list[EventFacts], list[EventFacts]]:
        later, earlier = super()._split(facts, pool)
        return earlier, later
