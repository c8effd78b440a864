"""Multiple-choice kinds: when, what_happened, who, how_many, first, last, before, after.

Each kind's docstring says what makes its one right answer the *only* right answer; the filters in
distractors.py enforce it, and tests/unit/test_generate_properties.py checks it on random chronologies.
"""

from __future__ import annotations

import random
import re
from typing import Sequence

from quiz.chronology.figures import EASTERN_TO_WESTERN, claim_figure
from quiz.chronology.model import Chronology, Claim, Entity, Event, EventKind, Number, Precision

from ..authoring.languages import is_arabic_text
from ..messages import N_, Message
from .difficulty import (
    Features,
    closeness_from_gap,
    closeness_from_ratio,
    date_precision,
    obscurity,
    single_event_bounds,
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
from .explain import TextStyle, ar_text, bilingual_date, explain, quote_ar, running_total_span, when_phrase
from .index import ChronologyIndex, EventFacts, names_in
from .kind import GenerationSettings, OptionSpec, QuestionKind
from .question import Question
from .units import figure_text, figure_texts

DECADE_DAYS = 3650.0


def facts_of(index: ChronologyIndex, event: Event) -> EventFacts:
    """The index's facts about the event, or CannotGenerate if it is not in this chronology."""
    try:
        return index.by_id[event.id]
    except KeyError:
        raise CannotGenerate(N_("event %(event)s is not in this chronology", event=repr(event.id))) from None


def _require_certain_date(facts: EventFacts, *, moment: bool = False) -> None:
    if facts.date_disputed:
        raise CannotGenerate(N_("the sources disagree on the date of %(event)s", event=repr(facts.event.id)))
    if not facts.dated:
        raise CannotGenerate(N_("%(event)s is a total over a span, not a dated event", event=repr(facts.event.id)))
    if moment and not facts.moment:
        raise CannotGenerate(N_("%(event)s is a period: it has no one date to ask for", event=repr(facts.event.id)))


def _title_option(facts: EventFacts, style: TextStyle) -> OptionSpec:
    event = facts.event
    return OptionSpec(event.id, ar_text(event.title_ar, style), event.title_en, event.id)


def _dated_pool(index: ChronologyIndex, settings: GenerationSettings, anchor: EventFacts) -> list[EventFacts]:
    """Pool events other than the anchor that may stand in a date question: moments and periods (never
    totals) whose dates the sources agree on."""
    return [c for c in index.pool(settings.pool) if c.orderable_date and c is not anchor]


_TIED_SPAN_DAYS = 366  # the longest tied event whose span a wrong date option must keep off


def related_spans(index: ChronologyIndex, facts: EventFacts) -> list[tuple[int, int]]:
    """Date spans of the events closely tied to this one (a stated cause or consequence, a shared person or
    storyline): a wrong date option must not be one of them (the raid and its announcement). Only the spans of
    a year at most: a total over 2003-2011 or an eight-year war is not a date a wrong option could be mistaken
    for, and blocking it left the invasion's start only days of 2002 to be asked beside."""
    event = facts.event
    actors = set(event.actors)
    storylines = set(event.storylines)
    spans = []
    for other in index.facts:
        if other is facts or other.event.kind is EventKind.FIGURE or other.hi - other.lo > _TIED_SPAN_DAYS:
            continue
        if (other.event.id in facts.linked or actors.intersection(other.event.actors)
                or storylines.intersection(other.event.storylines)):
            spans.append((other.lo, other.hi))
    return spans


def _years_of_people_named(index: ChronologyIndex, facts: EventFacts, first: int, last: int) -> tuple[int, int]:
    """The years a wrong year may take when the title names people: within a year of the years this chronology
    shows each of them in. "The split over the Biden-Kadhimi dialogue" asked beside 2018 and 2023 is answered by
    knowing when both held office (a blind review)."""
    for person in index.person_names:
        if not index.mentions_in_title(facts, person):
            continue
        key = ("years shown", person)  # the same for every question: kept in the index
        shown = index.memo.get(key)
        if not isinstance(shown, tuple):
            years = [other.event.date.year for other in index.facts
                     if person in other.event.actors or index.mentions_in_title(other, person)]
            shown = (min(years), max(years))
            index.remember(key, shown)
        low, high = shown
        first, last = max(first, low - 1), min(last, high + 1)
    return first, last


class _DatedEventKind(QuestionKind):
    """A question about one event's own date: only moments whose date the sources agree on."""

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return facts.moment and facts.orderable_date

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
        facts = facts_of(index, event)
        _require_certain_date(facts, moment=True)
        k = settings.choices - 1
        avoid = related_spans(index, facts) if event.date.precision is not Precision.YEAR else []
        first, last = index.first_year - 3, index.last_year
        if event.date.precision is Precision.YEAR:
            first, last = _years_of_people_named(index, facts, first, last)
        picked = choose_dates(event.date, first, last, k, settings.target, rng, avoid)
        if picked is None:
            raise CannotGenerate(N_("fewer than %(num)s dates of the same precision are certainly apart from %(date)s",
                                        num=k, date=str(event.date)))
        style = settings.style
        correct = OptionSpec(str(event.date), *bilingual_date(event.date, style))
        wrong = [OptionSpec(str(date), *bilingual_date(date, style)) for date, _, _ in picked]
        gap = min(abs((lo + hi) / 2.0 - facts.mid) for _, lo, hi in picked)
        features = Features(closeness_from_gap(gap), date_precision(event.date), obscurity([event.importance]))
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[event.id], subject_ids=[event.id],
            prompt=(f"متى وقع هذا الحدث: {ar_text(event.title_ar, style)}؟",
                    f"When did this happen: {event.title_en}?"),
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
        facts = facts_of(index, event)
        _require_certain_date(facts, moment=True)
        span_years = set(range(event.date.earliest.year, event.date.latest.year + 1))
        candidates = [
            c for c in _dated_pool(index, settings, facts)
            if (c.hi < facts.lo or c.lo > facts.hi) and not (c.years_in_title & span_years)
        ]
        k = settings.choices - 1
        picked = choose_events(index, candidates, [facts], k, settings.target, rng,
                               pairwise_orderable=False, weigh_prominence=False)
        if picked is None:
            raise NotEnoughEvents(N_("fewer than %(num)s events certainly outside %(date)s", num=k,
                                     date=str(event.date)))
        style = settings.style
        date_ar, date_en = bilingual_date(event.date, style)
        preposition = "on" if event.date.precision is Precision.DAY else "in"
        gap = min(abs(c.mid - facts.mid) for c in picked)
        features = Features(closeness_from_gap(gap), date_precision(event.date), obscurity([event.importance]))
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[], subject_ids=[event.id],
            prompt=(f"أيّ هذه الأحداث وقع في {date_ar}؟", f"Which of these happened {preposition} {date_en}?"),
            correct=_title_option(facts, style), wrong=[_title_option(c, style) for c in picked],
            explanation=explain(index, [event], style), difficulty=features.level(),
        )


# Role ids of the registry with the noun phrase a "who" prompt opens with. A role missing here gets the
# generic «أيّ هؤلاء» / "Which of these people": still answerable, since every option shares the role.
ROLE_NOUNS: dict[str, tuple[str, str]] = {
    "us-president": ("أيّ رئيس أميركي", "Which US president"),
    "us-secretary-of-state": ("أيّ وزير خارجية أميركي", "Which US secretary of state"),
    "us-defence-secretary": ("أيّ وزير دفاع أميركي", "Which US secretary of defense"),
    "us-military-commander": ("أيّ قائد عسكري أميركي", "Which US military commander"),
    "us-military-spokesperson": ("أيّ متحدث عسكري أميركي", "Which US military spokesperson"),
    "iraqi-prime-minister": ("أيّ رئيس وزراء عراقي", "Which Iraqi prime minister"),
    "iraqi-defence-minister": ("أيّ وزير دفاع عراقي", "Which Iraqi defence minister"),
    "iraqi-official": ("أيّ مسؤول عراقي", "Which Iraqi official"),
    "iraqi-political-leader": ("أيّ زعيم سياسي عراقي", "Which Iraqi political leader"),
    "iraqi-paramilitary-leader": ("أيّ قائد فصيل مسلح عراقي", "Which Iraqi paramilitary leader"),
    "iranian-commander": ("أيّ قائد عسكري إيراني", "Which Iranian commander"),
    "jihadist-leader": ("أيّ زعيم جهادي", "Which jihadist leader"),
    "un-official": ("أيّ مسؤول أممي", "Which UN official"),
    "eu-official": ("أيّ مسؤول أوروبي", "Which EU official"),
}


def linked_to_event(index: ChronologyIndex, facts: EventFacts, person: Entity, extra_text: str = "") -> bool:
    """Whether a person is tied to the event, so that offering them as a wrong answer invites a second
    defensible one: an actor, named in its text, affiliated with an actor or with anything its text names,
    or sharing a non-state affiliation with one of its people (a Fatah leader for a Fatah reaction)."""
    event = facts.event
    if person.id in event.actors or index.mentions(facts, person.id):
        return True
    if extra_text and names_in(extra_text.lower(), index.person_names.get(person.id, ())):
        return True
    involved = set(event.actors) | index.named_entities(facts)
    if involved.intersection(person.affiliations):
        return True
    own = {a for a in person.affiliations if index.registry.get(a) is not None and index.registry[a].kind != "state"}
    for other_id in involved:
        other = index.registry.get(other_id)
        if other is not None and other.kind == "person" and own.intersection(other.affiliations):
            return True
        if other is not None and person.id in other.affiliations:
            return True
    return False


def english_text(text_en: str, text_ar: str) -> str | None:
    """The English of a text, or None when it has none: a teacher's chronology stores the Arabic in the English
    slot when no English was typed (quiz.services.articles), and a text with Arabic letters is not English."""
    text_en = text_en.strip()
    if not text_en or text_en == text_ar.strip() or is_arabic_text(text_en):
        return None
    return text_en


def who_in_english(index: ChronologyIndex, event: Event, answer: Entity, noun_en: str, when_en: str,
                   prompt_ar: str) -> tuple[str, str]:
    """The English prompt of a "who" question and the first sentence of its English explanation.

    An English reader never gets an English sentence with an Arabic clause in it. Without an English deed, the
    question names the event by its English title (when it has one that does not name the answer: the other
    options are never tied to the event, so "which of them is it about" has one answer); without that either,
    the whole question is the Arabic one, as an event without English shows its Arabic title whole."""
    does_en = english_text(event.who.does_en, event.who.does_ar) if event.who else None
    if does_en is not None:
        return (" ".join(part for part in (noun_en, does_en, when_en) if part) + "?",
                f"{answer.name_en} {does_en.rstrip('.')}.")
    lead_en = f"It was {answer.name_en}."
    title_en = english_text(event.title_en, event.title_ar)
    if title_en is not None and not names_in(title_en.lower(), index.person_names.get(answer.id, ())):
        return f"{noun_en} is this event about: “{title_en.rstrip('.')}”" + (f", {when_en}?" if when_en else "?"), \
            lead_en
    return prompt_ar, lead_en


class WhoKind(QuestionKind):
    """"Which US president declared the main operations over on 1 May 2003?" Asked only of events whose
    `who` names the one person who did it, in the relation's own words. The other options hold the same role,
    were active at the event's date (no Saddam Hussein for 2021), and are not tied to the event in any way
    (see linked_to_event). Events with a disputed detail are skipped; a disputed date is left out of the
    prompt."""

    name = "who"

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return facts.event.who is not None and not facts.detail_disputed

    def score_bounds(self, facts: EventFacts, index: ChronologyIndex) -> tuple[float, float]:
        return single_event_bounds(None, facts.event.importance)

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = facts_of(index, event)
        who = event.who
        if who is None:
            raise CannotGenerate(N_("%(event)s names no one person who did it", event=repr(event.id)))
        if facts.detail_disputed:
            raise CannotGenerate(N_("the sources disagree on a detail of %(event)s", event=repr(event.id)))
        answer = chronology.entity(who.person)
        role = answer.role
        k = settings.choices - 1
        first_year, last_year = event.earliest.year, event.latest.year
        deed = f"{who.does_ar} {who.does_en}"
        people = [
            p for p in index.people_by_role.get(role or "", ())
            if p.id != answer.id and p.active_in(first_year, last_year)
            and not linked_to_event(index, facts, p, deed)
        ]
        if len(people) < k:
            raise NotEnoughEvents(N_(
                "fewer than %(num)s people of the role %(role)s were active then and are not tied to %(event)s",
                num=k, role=repr(role), event=repr(event.id)))
        closeness = [closeness_from_gap(self._gap(index, p.id, facts.mid)) for p in people]

        def fits(candidate: Entity, chosen: list[Entity]) -> bool:
            names_ar = {answer.name_ar} | {p.name_ar for p in chosen}
            names_en = {answer.name_en} | {p.name_en for p in chosen}
            return candidate.name_ar not in names_ar and candidate.name_en not in names_en

        picked = choose(people, closeness, k, settings.target, rng, fits)
        if picked is None:
            raise NotEnoughEvents(N_("fewer than %(num)s distinct names for the role %(role)s", num=k, role=repr(role)))
        gap = min(self._gap(index, p.id, facts.mid) for p in picked)
        style = settings.style
        # The date pins the deed down: "the UN Secretary-General visits Baghdad" happened under several
        # secretaries-general, "... in March 2023" under one. A disputed date is left out.
        when_ar, when_en = ("", "") if facts.date_disputed else when_phrase(event.date, style)
        noun_ar, noun_en = ROLE_NOUNS.get(role or "", ("أيّ هؤلاء", "Which of these people"))
        does_ar = ar_text(who.does_ar, style)
        prompt_ar = " ".join(part for part in (noun_ar, does_ar, when_ar) if part) + "؟"
        prompt_en, lead_en = who_in_english(index, event, answer, noun_en, when_en, prompt_ar)
        features = Features(closeness_from_gap(gap), None, obscurity([event.importance]))
        expl_ar, expl_en, docs = explain(
            index, [event], style, lead=(f"{answer.name_ar} هو من {does_ar.rstrip('.')}.", lead_en),
            extra_docs=who.sources,
        )
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[event.id], subject_ids=[event.id],
            prompt=(prompt_ar, prompt_en),
            correct=OptionSpec(answer.id, answer.name_ar, answer.name_en),
            wrong=[OptionSpec(p.id, p.name_ar, p.name_en) for p in picked],
            explanation=(expl_ar, expl_en, docs), difficulty=features.level(),
        )

    @staticmethod
    def _gap(index: ChronologyIndex, person_id: str, mid: float) -> float:
        """Days between the event and the nearest event the person acted in (ten years if none)."""
        dates = index.acted_at.get(person_id)
        if not dates:
            return DECADE_DAYS
        return min(abs(d - mid) for d in dates)


_NUMBER = re.compile(r"\d[\d,٬]*(?:[.٫]\d+)?")
_EASTERN = EASTERN_TO_WESTERN
parse_claim_value = claim_figure


HEDGE_SIDE = {"more_than": 1, "at_least": 1, "up_to": -1}


def _label_is_feminine(label_ar: str) -> bool:
    """Whether the label's head noun («كلفة»، «نسبة»، «مدة») takes a feminine verb."""
    head = label_ar.split()[0] if label_ar.split() else ""
    return head.endswith("ة")


def how_many_context(event: Event, style: TextStyle) -> tuple[str, str] | None:
    """For a total over a span (a figure event), the span as it reads after the label: «في عام 2015»,
    «منذ عام 2003», «حتى 28 يونيو 2016», «بين أغسطس 2014 و2016»; None for other events, whose title gives the
    context."""
    if event.kind is not EventKind.FIGURE:
        return None
    start_ar, start_en = bilingual_date(event.date, style)
    if event.end is None:
        return running_total_span(event, start_ar, start_en)
    if event.end == event.date:
        return when_phrase(event.date, style)
    end_ar, end_en = bilingual_date(event.end, style)
    return f"بين {start_ar} و{end_ar}", f"between {start_en} and {end_en}"


def how_many_prompt(
    label_ar: str, label_en: str, title_ar: str, title_en: str, approx: str, when: tuple[str, str] | None = None
) -> tuple[str, str]:
    """The question for a figure, in words that carry the source's own hedge ("more than", "about").

    A label is a noun phrase led by its head noun («عدد الجنود الأميركيين المشاركين», "the number of US
    troops taking part"), so it reads the same after «ما» or a verb, and the case of what follows the head
    is always the genitive the idafa gives it. A total over a span (`when`, see how_many_context) is asked
    with its span; any other figure with the event it belongs to.
    """
    feminine = _label_is_feminine(label_ar)
    if when is not None:
        label_ar, label_en = f"{label_ar} {when[0]}", f"{label_en} {when[1]}"
        source_ar, source_en = "بحسب المصادر", "According to the sources"
        return _figure_question(label_ar, label_en, source_ar, source_en, approx, feminine)
    # The event stands apart as what the sources report on («بحسب ما تذكره المصادر عن «…»»: a blind review read
    # the earlier «بحسب ما ورد عن «…»» as if the event's title were a source's), so a label that
    # ends in its own «في …» never runs into a second one.
    source_ar, source_en = (f"بحسب ما تذكره المصادر عن {quote_ar(title_ar)}",
                            f"According to what the sources report on “{title_en}”")
    return _figure_question(label_ar, label_en, source_ar, source_en, approx, feminine)


# How a lead states a hedged figure («أكثر من 150 موقعاً»), as the source does
_HEDGE_WORDS: dict[str, tuple[str, str]] = {
    "about": ("نحو ", "about "), "more_than": ("أكثر من ", "more than "), "at_least": ("ما لا يقل عن ", "at least "),
    "up_to": ("ما لا يزيد على ", "up to "),
}


def _figure_question(
    label_ar: str, label_en: str, source_ar: str, source_en: str, approx: str, feminine: bool
) -> tuple[str, str]:
    if approx == "about":
        return (f"ما {label_ar} على وجه التقريب {source_ar}؟", f"{source_en}, roughly what was {label_en}?")
    if approx in ("more_than", "at_least", "up_to"):
        # The bound is the answer, asked as a relative clause on the figure («ما الرقم الذي زاد عليه …»): a blind
        # review found the earlier "it exceeded a certain figure. Which figure?" stilted.
        verb_ar, verb_en = {
            # «تجاوز»: «زاد عليه» also reads "was added to it" (the blind review).
            "more_than": ("تجاوزته" if feminine else "تجاوزه", "was more than"),
            "at_least": ("لم تقلّ عنه" if feminine else "لم يقلّ عنه", "was at least"),
            "up_to": ("لم تتجاوزه" if feminine else "لم يتجاوزه", "was at most"),
        }[approx]
        return (f"ما الرقم الذي {verb_ar} {label_ar} {source_ar}؟", f"{source_en}, {label_en} {verb_en} what figure?")
    return (f"ما {label_ar} {source_ar}؟", f"{source_en}, what was {label_en}?")


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
        facts = facts_of(index, event)
        if not event.numbers:
            raise CannotGenerate(N_("%(event)s has no figures", event=repr(event.id)))
        numbers = list(event.numbers)
        rng.shuffle(numbers)
        k = settings.choices - 1
        reasons: list[Message] = []
        for number in numbers:
            asked = self._asked_value(event, number, rng)
            if asked is None:
                reasons.append(N_("%(figure)s: disputed, and the sources' figures cannot be read or told apart",
                                  figure=number.key))
                continue
            value, claim, others = asked
            if value in figures_in(event.title_ar, event.title_en, number.label_ar, number.label_en):
                reasons.append(N_("%(figure)s: the title or label states the figure", figure=number.key))
                continue
            band = APPROX_BAND if (claim is not None or number.approx != "exactly") else EXACT_BAND
            # The event's other figures are kept out too: "35,000" offered for the upper bound when the
            # lower bound is 35,000 would be a trap, not a distractor.
            others = [*others, *number.other_readings, *(n.value for n in event.numbers if n is not number)]
            upper = 100.0 if number.unit == "percent" and value <= 100 else None
            # "More than 50 years": "more than 20" would be true as well, so a hedged figure's wrong options lie
            # only on the side the hedge leaves open (above "more than"/"at least", below "up to").
            side = 0 if claim is not None else HEDGE_SIDE.get(number.approx, 0)
            picked = choose_numbers(value, band, others, k, settings.target, rng, upper, side)
            if picked is None:
                reasons.append(N_("%(figure)s: fewer than %(num)s plausible wrong figures", figure=number.key, num=k))
                continue
            return self._question(index, event, facts, number, value, claim, picked, rng, settings)
        raise CannotGenerate(N_("no figure of %(event)s can be asked: %(reasons)s", event=repr(event.id),
                                reasons=reasons))

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

        values = [value, *picked]
        texts_ar = dict(zip(values, figure_texts(values, number.unit, "ar", style.digits)))

        def option(v: float) -> OptionSpec:
            return OptionSpec(repr(float(v)), texts_ar[v], figure_text(v, number.unit, "en"))

        title_ar = ar_text(event.title_ar, style)
        label_ar = ar_text(number.label_ar, style)
        if claim is not None:
            doc = claim.sources[0]
            src_ar, src_en = index.source_title(doc, "ar"), index.source_title(doc, "en")
            prompt = (
                f"بحسب مقال «{src_ar}»، ما {label_ar} في ما يخص {quote_ar(title_ar)}؟",
                f"According to the article “{src_en}”, what was {number.label_en} for “{event.title_en}”?",
            )
            extra_docs: tuple[str, ...] = claim.sources
            precision = 0.0
        else:
            prompt = how_many_prompt(label_ar, number.label_en, title_ar, event.title_en, number.approx,
                                     how_many_context(event, style))
            extra_docs = number.sources
            if number.approx != "exactly":
                precision = 0.0
            else:
                precision = 0.5 if significant_digits(value) <= 2 else 1.0
        ratio = min(max(p, value) / min(p, value) for p in picked)
        features = Features(closeness_from_ratio(ratio), precision, obscurity([event.importance]))
        key = option(value)
        # the lead keeps the source's hedge: the key of "more than 150 sites" is 150, but the count was not 150
        hedge_ar, hedge_en = ("", "") if claim is not None else _HEDGE_WORDS.get(number.approx, ("", ""))
        lead = (f"{label_ar}: {hedge_ar}{key.text_ar}.",
                f"{number.label_en[:1].upper()}{number.label_en[1:]}: {hedge_en}{key.text_en}.")
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[event.id], subject_ids=[event.id], prompt=prompt,
            correct=key, wrong=[option(p) for p in picked],
            explanation=explain(index, [event], style, lead=lead, extra_docs=extra_docs),
            difficulty=features.level(),
        )


class _RelativeKind(QuestionKind):
    """Shared by first/last/before/after: four events, every pair certainly ordered (a period by its whole
    span), none a total and none with a disputed date. Subclasses say where the answer and the other options
    lie relative to the anchor event."""

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return facts.orderable_date

    @staticmethod
    def _features(events: Sequence[EventFacts], gap: float) -> Features:
        precision = sum(date_precision(f.event.date) for f in events) / len(events)
        return Features(closeness_from_gap(gap), min(precision, 1.0), obscurity(f.event.importance for f in events))


class FirstKind(_RelativeKind):
    """"Which of these happened first?" The answer is the event; the three others are certainly after it
    and certainly ordered among themselves."""

    name = "first"
    prompt = ("أيّ هذه الأحداث هو الأقدم زمنياً؟", "Which of these happened first?")

    def _others(self, facts: EventFacts, pool: list[EventFacts]) -> list[EventFacts]:
        return [c for c in pool if c.lo > facts.hi]

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = facts_of(index, event)
        _require_certain_date(facts)
        k = settings.choices - 1
        candidates = self._others(facts, _dated_pool(index, settings, facts))
        picked = choose_events(index, candidates, [facts], k, settings.target, rng, pairwise_orderable=True)
        if picked is None:
            raise NotEnoughEvents(N_("fewer than %(num)s events can stand beside %(event)s in a certain order", num=k,
                                     event=repr(event.id)))
        events = [facts, *picked]
        gap = min(abs(c.mid - facts.mid) for c in picked)
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[], subject_ids=[event.id], prompt=self.prompt,
            correct=_title_option(facts, settings.style), wrong=[_title_option(c, settings.style) for c in picked],
            explanation=explain(index, [f.event for f in events], settings.style),
            difficulty=self._features(events, gap).level(),
        )


class LastKind(FirstKind):
    """"Which of these happened last?" The three others are certainly before the event."""

    name = "last"
    prompt = ("أيّ هذه الأحداث هو الأحدث زمنياً؟", "Which of these happened last?")

    def _others(self, facts: EventFacts, pool: list[EventFacts]) -> list[EventFacts]:
        return [c for c in pool if c.hi < facts.lo]


class AfterKind(_RelativeKind):
    """"Which of these happened after X and before Y?" X is the event (not an option); exactly one option is
    certainly after X and certainly before Y, an event certainly after it; the three others are certainly before
    X or certainly after Y, and all four are certainly ordered among themselves.

    Without Y ("which of these happened after X?"), the one option after X is always the latest of the four, and a
    student who knows nothing of X picks it (two blind reviews). So the question names a bound on the answer's far
    side whenever the chronology has one with an event beyond it, and at least one wrong option lies beyond it;
    only when it has none is the question asked with X alone."""

    name = "after"
    words = ("بعد", "after")

    def _split(self, facts: EventFacts, pool: list[EventFacts]) -> tuple[list[EventFacts], list[EventFacts]]:
        """(events that may be the answer, events that may be the wrong options)."""
        later = [c for c in pool if c.lo > facts.hi]
        earlier = [c for c in pool if c.hi < facts.lo]
        return later, earlier

    def _beyond(self, answer: EventFacts, pool: list[EventFacts]) -> list[EventFacts]:
        """Events certainly on the answer's far side from X: after it for "after", before it for "before"."""
        return [c for c in pool if c.lo > answer.hi]

    def _bounded(self, index: ChronologyIndex, facts: EventFacts, answer: EventFacts, others: list[EventFacts],
                 pool: list[EventFacts], k: int, settings: GenerationSettings, rng: random.Random
                 ) -> tuple[EventFacts, list[EventFacts]] | None:
        """(the far bound, the wrong options, one of them at least beyond the bound), or None."""
        target = settings.target
        if k < 2:
            return None
        bounds = [b for b in self._beyond(answer, pool) if self._beyond(b, pool)]  # with a wrong option past it
        bound = choose_events(index, bounds, [facts, answer], 1, target, rng,
                              pairwise_orderable=True)
        if bound is None:
            return None
        outside = self._beyond(bound[0], pool)
        fixed = [facts, answer, bound[0]]
        # one wrong option on each side of the answer at least: beyond the bound, and on X's other side
        far = choose_events(index, outside, fixed, 1, target, rng, pairwise_orderable=True)
        if far is None:
            return None
        near = choose_events(index, others, [*fixed, far[0]], 1, target, rng, pairwise_orderable=True)
        if near is None:
            return None
        chosen = far + near
        if k == 2:
            return bound[0], chosen
        rest = choose_events(index, [c for c in others + outside if c not in chosen], [*fixed, *chosen], k - 2,
                             target, rng, pairwise_orderable=True)
        return None if rest is None else (bound[0], chosen + rest)

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = facts_of(index, event)
        _require_certain_date(facts)
        k = settings.choices - 1
        pool = _dated_pool(index, settings, facts)
        answers, others = self._split(facts, pool)
        # an answer with two events beyond it (a bound and a wrong option past the bound) when there is one
        boundable = [a for a in answers if len(self._beyond(a, pool)) >= 2]
        chosen = (choose_events(index, boundable, [facts], 1, settings.target, rng, pairwise_orderable=True)
                  if boundable else None)
        if chosen is None:
            chosen = choose_events(index, answers, [facts], 1, settings.target, rng, pairwise_orderable=True)
        if chosen is None:
            raise NotEnoughEvents(N_("no event is certainly after %(event)s", event=repr(event.id))
                                  if self.words[1] == "after" else
                                  N_("no event is certainly before %(event)s", event=repr(event.id)))
        answer = chosen[0]
        style = settings.style
        bounded = self._bounded(index, facts, answer, others, pool, k, settings, rng)
        if bounded is not None:
            bound, picked = bounded
            # the earlier of the two named events first: «بعد «…» وقبل «…»»
            low, high = (facts, bound) if self.words[1] == "after" else (bound, facts)
            prompt = (f"أيّ هذه الأحداث وقع بعد {quote_ar(ar_text(low.event.title_ar, style))} وقبل "
                      f"{quote_ar(ar_text(high.event.title_ar, style))}؟",
                      f"Which of these happened after “{low.event.title_en}” and before “{high.event.title_en}”?")
            lead = [event.id, bound.event.id]
        else:
            picked_alone = choose_events(index, others, [facts, answer], k, settings.target, rng,
                                         pairwise_orderable=True)
            if picked_alone is None:
                raise NotEnoughEvents(N_("fewer than %(num)s events are certainly on the other side of %(event)s "
                                         "and orderable", num=k, event=repr(event.id)))
            picked, bound = picked_alone, None
            word_ar, word_en = self.words
            prompt = (f"أيّ هذه الأحداث وقع {word_ar} هذا الحدث: {ar_text(event.title_ar, style)}؟",
                      f"Which of these happened {word_en}: {event.title_en}?")
            lead = [event.id]
        gap = min(abs(c.mid - facts.mid) for c in (answer, *picked))
        named = [facts, answer, *([bound] if bound is not None else []), *picked]
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=lead, subject_ids=[event.id], prompt=prompt,
            correct=_title_option(answer, style),
            wrong=[_title_option(c, style) for c in picked],
            explanation=explain(index, [f.event for f in named], style),
            difficulty=self._features([facts, answer, *picked], gap).level(),
        )


class BeforeKind(AfterKind):
    """"Which of these happened after W and before X?" The mirror of AfterKind: the answer certainly before X
    and after W, an event certainly before it; the others certainly after X or before W (X alone when there is
    no W)."""

    name = "before"
    words = ("قبل", "before")

    def _split(self, facts: EventFacts, pool: list[EventFacts]) -> tuple[list[EventFacts], list[EventFacts]]:
        later, earlier = super()._split(facts, pool)
        return earlier, later

    def _beyond(self, answer: EventFacts, pool: list[EventFacts]) -> list[EventFacts]:
        return [c for c in pool if c.hi < answer.lo]
