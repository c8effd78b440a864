"""Kinds that ask about history rather than dates alone: the era an event belongs to, what a source says
where the sources disagree, and what led to what.

Each is generated only where the chronology says so explicitly (an event's era, a recorded conflict between
two articles, a `led_to` link that a source states), so the key is always a sourced fact, and the wrong
options are chosen so that none can be defended: an era whose years cannot contain the event, a source that
says the opposite or does not tell the event at all, an event that happened before the cause (it cannot be
its consequence) or after the consequence (it cannot be its cause).
"""

from __future__ import annotations

import datetime as dt
import random
import re

from quiz.chronology.arabic_dates import normalise_arabic, to_eastern_digits
from quiz.chronology.model import Chronology, Era, Event

from ..messages import N_
from .difficulty import Features, closeness_from_gap, obscurity, single_event_bounds
from .distractors import choose, choose_events
from .errors import CannotGenerate, NotEnoughEvents
from .explain import ar_text, explain, quote_ar, quoted_sources
from .index import ChronologyIndex, EventFacts, names_in
from .kind import GenerationSettings, OptionSpec, QuestionKind
from .mcq import facts_of
from .question import Question

_STOP_WORDS = frozenset(
    "the and of in on for with from after before over into its war first end new "
    "في من على إلى عن مع بعد قبل حول".split()
)


def _content_words(text: str, shortest: int = 4, stop: frozenset[str] = _STOP_WORDS) -> set[str]:
    """Words of ``shortest`` letters or more, without the Arabic article, lower-cased: "الحرب" and "حرب" match."""
    words = set()
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        word = re.sub(r"^(?:وال|بال|لل|ال)", "", word)
        # «وزيادة» may be «و» + «زيادة»: keep both readings (a false match costs one question, never a wrong one)
        for reading in (word, word[1:] if word.startswith("و") else word):
            if len(reading) >= shortest and reading not in stop:
                words.add(reading)
    return words


def _shares_a_word(title: str, era_title: str) -> bool:
    """Whether the event's title repeats a word of the era's name ("the surge" in "… and the surge")."""
    return bool(_content_words(title) & _content_words(era_title))


def _near_a_shared_boundary(facts: EventFacts, era: Era, index: ChronologyIndex) -> bool:
    """Whether the event lies in the last three months before the next era or the first three after the
    previous one: the Fallujah assault of November 2004 is told under "the sectarian war" by two articles
    although our eras start it in 2005. Eras are years; the story's turning points are not."""
    middle = dt.date.fromordinal(int(facts.mid))
    years = {(e.start_year, e.end_year) for e in index.eras}
    after = any(start == era.end_year + 1 for start, _ in years)
    before = any(end == era.start_year - 1 for _, end in years)
    return (after and middle >= dt.date(era.end_year, 10, 1)) or (before and middle < dt.date(era.start_year, 4, 1))


def _era_label(era_title: str, start: int, end: int, lang: str, digits: str) -> str:
    years = f"{start}–{end}"
    if lang == "ar" and digits == "eastern":
        years = to_eastern_digits(years)
    return f"{era_title} ({years})"


class EraKind(QuestionKind):
    """"Which stage of the story does this event belong to?" The options are eras with their years; the
    event (a moment, or a period) lies wholly within its own era's years, so no other era can contain it."""

    name = "era"

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return facts.orderable_date and len(index.eras) >= 2

    def score_bounds(self, facts: EventFacts, index: ChronologyIndex) -> tuple[float, float]:
        return single_event_bounds(0.0, facts.event.importance)

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = facts_of(index, event)
        if not facts.orderable_date:
            raise CannotGenerate(N_("%(event)s has no date the sources agree on", event=repr(event.id)))
        era = next((e for e in index.eras if e.id == event.era), None)
        if era is None or not (era.start_year <= event.earliest.year and event.latest.year <= era.end_year):
            raise CannotGenerate(N_("%(event)s does not lie wholly within the years of its era", event=repr(event.id)))
        if _near_a_shared_boundary(facts, era, index):
            raise CannotGenerate(N_("%(event)s falls within three months of the next or previous era",
                                    event=repr(event.id)))
        if _shares_a_word(event.title_ar, era.title_ar) or _shares_a_word(event.title_en, era.title_en):
            raise CannotGenerate(N_("the title of %(event)s repeats a word of its era's name", event=repr(event.id)))
        others = [
            e for e in index.eras
            if e.id != era.id and (e.end_year < event.earliest.year or e.start_year > event.latest.year)
        ]
        k = min(settings.choices - 1, len(others))
        if k < 2:
            raise NotEnoughEvents(N_("fewer than two other eras to offer"))
        middle = (era.start_year + era.end_year) / 2
        closeness = [closeness_from_gap(abs((e.start_year + e.end_year) / 2 - middle) * 365) for e in others]
        picked = choose(others, closeness, k, settings.target, rng, lambda c, chosen: True)
        if picked is None:
            raise NotEnoughEvents(N_("no eras to offer"))
        style = settings.style

        def option(e: Era) -> OptionSpec:
            return OptionSpec(
                e.id, _era_label(e.title_ar, e.start_year, e.end_year, "ar", style.digits),
                _era_label(e.title_en, e.start_year, e.end_year, "en", style.digits),
            )

        gap = min(abs((e.start_year + e.end_year) / 2 - middle) for e in picked) * 365
        features = Features(closeness_from_gap(gap), 0.0, obscurity([event.importance]))
        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[event.id], subject_ids=[event.id],
            prompt=(f"إلى أيّ المراحل التالية ينتمي هذا الحدث: {ar_text(event.title_ar, style)}؟",
                    f"Which of these stages does this event belong to: {event.title_en}?"),
            correct=option(era), wrong=[option(e) for e in picked],
            explanation=explain(index, [event], style), difficulty=features.level(),
        )


class SourceSaysKind(QuestionKind):
    """"The sources disagree on <topic>. Which article says: <claim>?" Asked only where two articles really
    disagree (a recorded conflict). The answer is one article that makes the claim; the wrong options are
    articles that make another claim, or that do not tell this event at all; the claim's other sources are
    never offered."""

    name = "source_says"

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        askable = [c for c in facts.event.conflicts if not any(cl.inferred for cl in c.claims)]
        return bool(askable) and len(index.sources) >= 3

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts_of(index, event)
        if not event.conflicts:
            raise CannotGenerate(N_("the sources agree on everything about %(event)s", event=repr(event.id)))
        k = settings.choices - 1
        telling = set(event.source_docs)
        # A side we inferred from what an article says elsewhere is not that article's words about the event.
        pairs = [
            (c, claim) for c in event.conflicts if not any(cl.inferred for cl in c.claims) for claim in c.claims
        ]
        rng.shuffle(pairs)
        style = settings.style
        for conflict, claim in pairs:
            opposite = {doc for other in conflict.claims if other is not claim for doc in other.sources}
            opposite -= set(claim.sources)
            silent = [doc for doc in index.sources if doc not in telling]
            wrong = sorted(opposite) + sorted(silent)
            if len(wrong) < k:
                continue
            answer = sorted(claim.sources)[rng.randrange(len(claim.sources))]
            # At least one wrong option makes the other claim, so the question is about the disagreement.
            chosen = [sorted(opposite)[rng.randrange(len(opposite))]] if opposite else []
            rest = [doc for doc in wrong if doc not in chosen]
            rng.shuffle(rest)
            chosen += rest[: k - len(chosen)]
            if _title_echoes_the_claim(index, answer, chosen, claim.says_ar, conflict.topic_ar):
                continue

            def option(doc: str) -> OptionSpec:
                return OptionSpec(doc, index.source_title(doc, "ar"), index.source_title(doc, "en"))

            features = Features(0.5, 0.5, obscurity([event.importance]))
            lead = (
                f"{quoted_sources(index, claim.sources, 'ar')}: {ar_text(claim.says_ar, style)}",
                f"{quoted_sources(index, claim.sources, 'en')}: {claim.says_en}",
            )
            return self.build_mcq(
                rng=rng, settings=settings, lead_event_ids=[event.id], subject_ids=[event.id],
                prompt=(
                    # (a blind review found «تختلف المقالات حول «…» في هذه المسألة:» clumsy)
                    f"في خبر {quote_ar(ar_text(event.title_ar, style))} تختلف المقالات في مسألة: "
                    f"{ar_text(conflict.topic_ar, style).rstrip('.')}. فأيّ هذه المقالات تقول: "
                    f"{quote_ar(ar_text(claim.says_ar, style).rstrip('.'))}؟",
                    f"The articles disagree about “{event.title_en}” on this point: "
                    f"{conflict.topic_en[:1].lower()}{conflict.topic_en[1:].rstrip('.')}. Which of these articles "
                    f"says: “{claim.says_en.rstrip('.')}”?",
                ),
                correct=option(answer), wrong=[option(doc) for doc in chosen],
                explanation=explain(index, [event], style, lead=lead, extra_docs=claim.sources),
                difficulty=features.level(),
            )
        raise NotEnoughEvents(N_("too few articles to offer for a disagreement about %(event)s", event=repr(event.id)))


def _title_echoes_the_claim(index: ChronologyIndex, answer: str, wrong: list[str], *texts: str) -> bool:
    """Whether the right article's title alone repeats a word of the claim or its topic: «… بعد المهمة
    القتالية» beside a claim about the end of the combat mission is picked by its title (a blind review)."""
    echoed = _title_words(index.source_title(answer, "ar")) & set().union(*(_title_words(t) for t in texts))
    for doc in wrong:
        echoed -= _title_words(index.source_title(doc, "ar"))
    return bool(echoed)


def _titles_share_a_person(index: ChronologyIndex, a: EventFacts, b: EventFacts) -> bool:
    """Whether both titles name the same person: "Iran's reply to Soleimani's killing" gives away its cause."""
    def people_named(title: str) -> set[str]:
        return {
            person for person, names in index.person_names.items()
            if names_in(title, (name for name in names if len(name) >= 3))
        }

    return bool(people_named(a.title_lower) & people_named(b.title_lower))


# Words too common to point at one event when two titles share them (normalised, as _title_words reads titles)
_TITLE_STOP_WORDS = _STOP_WORDS | frozenset(normalise_arabic(w) for w in (
    "التي", "الذي", "الذين", "على", "في", "من", "إلى", "عن", "مع", "بعد", "قبل", "بين", "حول", "ضد", "أول", "آخر",
    "خلال", "منذ", "حتى", "لدى", "عند", "أمام", "دون", "نحو", "ضمن",
))
RARE_IN_TITLES = 3  # a word in at most this many titles of the chronology names something particular


def _title_words(title_ar: str) -> set[str]:
    """A title's words of three letters or more, normalised, without «ال» (so «المرقد» and «مرقد» are one)."""
    return _content_words(normalise_arabic(title_ar), shortest=3, stop=_TITLE_STOP_WORDS)


def _titles_share_a_rare_word(index: ChronologyIndex, a: EventFacts, b: EventFacts) -> bool:
    """Whether both titles use a word few titles use: "the sectarian fighting that followed the shrine bombing"
    gives away its cause, "the bombing of a Shiite shrine" (a blind review)."""
    counts = index.memo.get("title word counts")
    if counts is None:
        tally: dict[str, int] = {}
        for facts in index.by_id.values():
            for word in _title_words(facts.event.title_ar):
                tally[word] = tally.get(word, 0) + 1
        index.remember("title word counts", tally)
        counts = tally
    assert isinstance(counts, dict)
    shared = _title_words(a.event.title_ar) & _title_words(b.event.title_ar)
    return any(counts.get(word, 0) <= RARE_IN_TITLES for word in shared)


class ConsequenceKind(QuestionKind):
    """"According to the sources, what did X lead to?" X has a `led_to` link stated by a source; the answer
    is its consequence, the wrong options are events certainly *before* X (they cannot be its consequence),
    not linked to it, and ordered among themselves."""

    name = "consequence"

    def eligible(self, facts: EventFacts, index: ChronologyIndex) -> bool:
        return bool(self._links(facts, index))

    def _links(self, facts: EventFacts, index: ChronologyIndex) -> list[tuple[EventFacts, EventFacts, tuple[str, ...]]]:
        """(asked-about event, answer event, sources of the link)."""
        found = []
        for link in facts.event.led_to:
            other = index.by_id.get(link.event)
            if other is not None:
                found.append((facts, other, link.sources))
        return found

    def _wrong_side(self, asked: EventFacts, candidate: EventFacts) -> bool:
        return candidate.hi < asked.lo  # certainly before the cause: cannot be its consequence

    def _plays_the_answers_part(self, candidate: EventFacts, index: ChronologyIndex) -> bool:
        """Whether a source calls the candidate the consequence of something."""
        return bool(candidate.causes)

    def _prompt(self, title_ar: str, title_en: str) -> tuple[str, str]:
        return (f"بحسب المصادر، إلامَ أدّى هذا الحدث: {title_ar}؟",
                f"According to the sources, what did this lead to: {title_en}?")

    def generate(
        self, event: Event, chronology: Chronology, rng: random.Random, settings: GenerationSettings
    ) -> Question:
        index = self.index(chronology)
        facts = facts_of(index, event)
        allowed = None if settings.pool is None else set(settings.pool)
        links = [
            link for link in self._links(facts, index)
            if (allowed is None or link[1].event.id in allowed) and not _titles_share_a_person(index, *link[:2])
            and not _titles_share_a_rare_word(index, *link[:2])
        ]
        if not links:
            raise CannotGenerate(N_("no source links %(event)s to a cause or consequence among these events",
                                    event=repr(event.id)))
        asked, answer, link_docs = links[rng.randrange(len(links))]
        k = settings.choices - 1
        tied = asked.linked | answer.linked | {asked.event.id, answer.event.id}
        threads = set(asked.event.storylines)
        candidates = [
            c for c in index.pool(settings.pool)
            if c.orderable_date and c.event.id not in tied and self._wrong_side(asked, c)
            # An event of the same thread, or one a source calls a consequence (for "what did X lead to?")
            # or a cause (for "what led to X?") of anything, invites a defence ("the strike was a reply to
            # militia attacks too"): only events with no such tie are offered.
            and not threads.intersection(c.event.storylines) and not self._plays_the_answers_part(c, index)
        ]
        picked = choose_events(index, candidates, [asked, answer], k, settings.target, rng, pairwise_orderable=False)
        if picked is None:
            raise NotEnoughEvents(N_("fewer than %(num)s events that cannot be the answer for %(event)s", num=k,
                                     event=repr(event.id)))
        style = settings.style
        cause, effect = (asked, answer) if self.name == "consequence" else (answer, asked)
        # «أفضى حدثُ …» keeps the verb in agreement whatever the gender of the title it governs.
        lead = (
            f"بحسب {quoted_sources(index, link_docs, 'ar')}، أفضى حدث {quote_ar(ar_text(cause.event.title_ar, style))} "
            f"إلى {quote_ar(ar_text(effect.event.title_ar, style))}.",
            f"According to {quoted_sources(index, link_docs, 'en')}, “{cause.event.title_en}” led to "
            f"“{effect.event.title_en}”.",
        )
        gap = min(abs(c.mid - asked.mid) for c in picked)
        features = Features(closeness_from_gap(gap), 0.5, obscurity([asked.event.importance, answer.event.importance]))

        def option(f: EventFacts) -> OptionSpec:
            return OptionSpec(f.event.id, ar_text(f.event.title_ar, style), f.event.title_en, f.event.id)

        return self.build_mcq(
            rng=rng, settings=settings, lead_event_ids=[asked.event.id], subject_ids=[asked.event.id, answer.event.id],
            prompt=self._prompt(ar_text(asked.event.title_ar, style), asked.event.title_en),
            correct=option(answer), wrong=[option(c) for c in picked],
            explanation=explain(index, [cause.event, effect.event], style, lead=lead, extra_docs=link_docs),
            difficulty=features.level(),
        )


class CauseKind(ConsequenceKind):
    """"According to the sources, what led to X?" The answer is the cause a source states; the wrong options
    are events certainly *after* X (they cannot be its cause)."""

    name = "cause"

    def _links(self, facts: EventFacts, index: ChronologyIndex) -> list[tuple[EventFacts, EventFacts, tuple[str, ...]]]:
        key = ("causes", facts.event.id)
        found = index.memo.get(key)
        if found is None:
            found = [
                (facts, other, link.sources)
                for other in index.facts for link in other.event.led_to if link.event == facts.event.id
            ]
            index.remember(key, found)
        return found  # type: ignore[return-value]

    def _wrong_side(self, asked: EventFacts, candidate: EventFacts) -> bool:
        return candidate.lo > asked.hi  # certainly after the consequence: cannot be its cause

    def _plays_the_answers_part(self, candidate: EventFacts, index: ChronologyIndex) -> bool:
        """Whether a source calls the candidate the cause of something."""
        return bool(candidate.effects)

    def _prompt(self, title_ar: str, title_en: str) -> tuple[str, str]:
        return (f"بحسب المصادر، ما الذي أدّى إلى هذا الحدث: {title_ar}؟",
                f"According to the sources, what led to this: {title_en}?")
