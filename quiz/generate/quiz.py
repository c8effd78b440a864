"""Build a whole quiz: filter the chronology, spread the questions over kinds and difficulty levels.

The same chronology, request and seed always give the same questions: every random choice comes from a
`random.Random` seeded by the request (one for the quiz's plan, and one per question derived from the seed,
the kind, the event and the difficulty aimed at, so a question does not change when another one does), and
nothing iterates over an unsorted set. A quiz never asks the same kind twice about the same event, and
prefers not to ask about one event twice at all (a "when" and a "what_happened" on the same event would
give each other away). Nor does it answer two questions with the same event or person.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from quiz.chronology.model import Chronology, Event

from ..messages import N_, Message, Nn_
from .difficulty import LEVELS, allocate, parse_mix, reachable
from .errors import CannotGenerate, InvalidRequest, NotEnoughEvents
from .explain import TextStyle
from .index import EventFacts, index_for
from .kind import GenerationSettings, QuestionKind
from .kinds import KINDS, ORDERING_KINDS
from .question import Question

# Kinds that ask the same thing from two sides: "what led to B?" after "what did A lead to?" (A→B) gives the
# answer away, so a quiz asks about an event through one of them only.
KIND_FAMILIES = {"cause": "link", "consequence": "link", "when": "own-date", "what_happened": "own-date"}

# Kinds whose right option is an event or a person. Two of them with the same key in one quiz read as the same
# question twice ("which came first?" and "which came last?" both answered by Obama's election, two "who?"
# both answered by Carter), and the second is answered by memory of the first.
KEYED_BY_EVENT_OR_PERSON = frozenset({"what_happened", "who", "first", "last", "after", "before", "cause",
                                      "consequence"})

# How many candidates one kind may try for one slot before the next kind gets its turn: keeps a quiz
# varied and bounds the work when a difficulty level is scarce for a kind.
TRIES_PER_TURN = 3


def _tuple(value: Iterable[str] | str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass(frozen=True)
class QuizRequest:
    """What the teacher or student asks for. Language-agnostic: every question carries both languages.

    difficulty: None (any), a level ("easy"), or shares ({"easy": 0.3, "medium": 0.5, "hard": 0.2}).
    kinds/eras/actors: None means all. year_from/year_to: an event counts if it may fall in the range.
    event_ids: None, or the only events questions may be *about* (a review of chosen events); the other
    filters still apply, and distractors and companions come from every event that passes them.
    """

    count: int = 10
    seed: int = 0
    kinds: tuple[str, ...] | None = None
    eras: tuple[str, ...] | None = None
    year_from: int | None = None
    year_to: int | None = None
    actors: tuple[str, ...] | None = None
    event_ids: tuple[str, ...] | None = None
    difficulty: None | str | Mapping[str, float] = None
    style: TextStyle = field(default_factory=TextStyle)
    # The classroom defaults: at least this share of ordering questions (when ordering kinds are allowed:
    # a teacher who ticks only other kinds gets none), eras weighted by the years they cover, and no minor
    # events, as subjects or as options (unless chosen by event_ids, as a review does).
    ordering_share: float | None = 0.25
    balance_eras: bool = True
    include_minor: bool = False

    def __post_init__(self) -> None:
        for name in ("kinds", "eras", "actors", "event_ids"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        if not isinstance(self.count, int) or self.count < 0:
            raise InvalidRequest(N_("count must be a whole number ≥ 0, not %(count)s", count=repr(self.count)))
        unknown = [k for k in self.kinds or () if k not in KINDS]
        if unknown:
            raise InvalidRequest(N_("unknown kind(s) %(unknown)s; known: %(known)s", unknown=", ".join(unknown),
                                    known=", ".join(KINDS)))
        if self.kinds is not None and not self.kinds:
            raise InvalidRequest(N_("kinds must name at least one kind (or be None for all)"))
        parse_mix(self.difficulty)  # raises InvalidRequest early
        if self.ordering_share is not None and not 0.0 <= self.ordering_share <= 1.0:
            raise InvalidRequest(N_("%(field)s must be between 0 and 1, not %(share)s", field="ordering_share",
                                    share=repr(self.ordering_share)))


def _event_or_person_key(question: Question) -> str | None:
    """The event or person id a question of KEYED_BY_EVENT_OR_PERSON is answered by, else None."""
    if question.kind not in KEYED_BY_EVENT_OR_PERSON or not question.option_keys:
        return None
    ids = [choice.id for choice in question.options]
    return question.option_keys[ids.index(question.answer)] if question.answer in ids else None


class _Plan:
    """The mutable state of one quiz being filled (kept out of generate_quiz to keep that readable)."""

    def __init__(self, chronology: Chronology, request: QuizRequest, pool: tuple[EventFacts, ...],
                 subjects: tuple[EventFacts, ...], kinds: list[QuestionKind], rng: random.Random,
                 refusals: list[tuple[str, str]] | None = None) -> None:
        self.refusals = refusals
        self.chronology = chronology
        self.request = request
        self.index = index_for(chronology)
        self.pool_ids = tuple(f.event.id for f in pool)
        self.kinds = kinds
        self.rng = rng
        self.subjects = subjects
        self.subject_key = tuple(f.event.id for f in subjects) if subjects is not pool else self.pool_ids
        # Candidate events per (kind, target level): only events that can reach the level at all (see
        # QuestionKind.score_bounds), drawn at random without replacement.
        self.queues: dict[tuple[str, str | None, str | None], list[EventFacts]] = {}
        self.deferred: dict[tuple[str, str | None, str | None], list[EventFacts]] = {}
        self.tried: set[tuple[str, str]] = set()
        self.spare: dict[str, list[Question]] = {level: [] for level in LEVELS}
        self.used_pairs: set[tuple[str, str]] = set()
        self.used_events: set[str] = set()
        self.used_keys: set[str] = set()  # the right options of the KEYED_BY_EVENT_OR_PERSON questions so far
        self.shown: set[str] = set()  # every event a question so far names or offers
        self.who_subjects: set[str] = set()  # the events "who?" questions so far ask about
        self.settings: dict[str | None, GenerationSettings] = {}
        self.reasons: dict[str, tuple[int, Message]] = {}  # kind -> (events refused, first reason)
        self.kind_counts: dict[str, int] = {}

    def settings_for(self, target: str | None) -> GenerationSettings:
        if target not in self.settings:
            self.settings[target] = GenerationSettings(
                seed=self.request.seed, target=target, pool=self.pool_ids, style=self.request.style
            )
        return self.settings[target]

    def fresh(self, question: Question, *, allow_same_key: bool = False) -> bool:
        """Not the same kind (or family) about an event already asked, and, unless ``allow_same_key`` (the
        last resort: a review of three chosen events cannot avoid it), not answered by an event or person that
        answers another question, nor a "who?" question beside its own event."""
        family = KIND_FAMILIES.get(question.kind, question.kind)
        if any((e, family) in self.used_pairs for e in question.subject_ids):
            return False
        if allow_same_key:
            return True
        key = _event_or_person_key(question)
        if key is not None and key in self.used_keys:
            return False
        # A "who?" question's event shown elsewhere in the quiz gives its answer away: its title names the person
        # ("the first meeting between Kadhimi and Trump" offered in one question, "which prime minister first
        # met Trump …?" asked in another, a blind review).
        if question.kind == "who" and not self.shown.isdisjoint(question.subject_ids):
            return False
        return self.who_subjects.isdisjoint(question.event_ids)

    def accept(self, question: Question) -> Question:
        self.kind_counts[question.kind] = self.kind_counts.get(question.kind, 0) + 1
        key = _event_or_person_key(question)
        if key is not None:
            self.used_keys.add(key)
        self.shown.update(question.event_ids)
        if question.kind == "who":
            self.who_subjects.update(question.subject_ids)
        family = KIND_FAMILIES.get(question.kind, question.kind)
        self.used_pairs.update((e, family) for e in question.subject_ids)
        self.used_events.update(question.subject_ids)
        return question

    def queue(self, kind: QuestionKind, target: str | None, era: str | None = None
              ) -> tuple[list[EventFacts], list[EventFacts]]:
        key = (kind.name, target, era)
        if key not in self.queues:
            memo_key = ("candidates", kind.name, target, self.subject_key)
            candidates = self.index.memo.get(memo_key)
            if candidates is None:
                candidates = [
                    f for f in self.subjects
                    if kind.eligible(f, self.index)
                    and (target is None or reachable(kind.score_bounds(f, self.index), target))
                ]
                self.index.remember(memo_key, candidates)
            chosen = [f for f in candidates if era is None or f.event.era == era]  # type: ignore[attr-defined]
            self.queues[key] = chosen
            self.deferred[key] = []
        return self.queues[key], self.deferred[key]

    def next_candidate(self, kind: QuestionKind, target: str | None, era: str | None = None) -> EventFacts | None:
        """The next event to try for this kind: unused events first, then events used by other kinds."""
        queue, deferred = self.queue(kind, target, era)
        draw = self.rng.randrange
        name = kind.name
        while queue:
            # A random draw without replacement, without shuffling the whole queue up front.
            i = draw(len(queue))
            queue[i], queue[-1] = queue[-1], queue[i]
            facts = queue.pop()
            event_id = facts.event.id
            if (name, event_id) in self.tried:
                continue
            if event_id in self.used_events:
                deferred.append(facts)
                continue
            return facts
        while deferred:
            facts = deferred.pop(0)
            family = KIND_FAMILIES.get(name, name)
            if (name, facts.event.id) not in self.tried and (facts.event.id, family) not in self.used_pairs:
                return facts
        return None

    def exhausted(self, target: str | None, era: str | None, kinds: list[QuestionKind]) -> bool:
        for kind in kinds:
            queue, deferred = self.queue(kind, target, era)
            if queue or deferred:
                return False
        return True

    def try_kind(self, kind: QuestionKind, target: str | None, era: str | None = None) -> Question | None:
        for _ in range(TRIES_PER_TURN):
            facts = self.next_candidate(kind, target, era)
            if facts is None:
                return None
            event = facts.event
            self.tried.add((kind.name, event.id))
            question = self._generate(kind, event, target)
            if question is None:
                continue
            if target is None or question.difficulty == target:
                return self.accept(question)
            self.spare[question.difficulty].append(question)
        return None

    def _generate(self, kind: QuestionKind, event: Event, target: str | None) -> Question | None:
        """A fresh question of this kind about this event, or None. An ordering whose companions were
        already asked in another ordering is drawn again (with other companions) a few times."""
        attempts = 8 if kind.type == "ordering" else 1
        for attempt in range(attempts):
            suffix = f"|{attempt}" if attempt else ""
            rng = random.Random(f"{self.request.seed}|{kind.name}|{event.id}|{target}{suffix}")
            try:
                question = kind.generate(event, self.chronology, rng, self.settings_for(target))
            except CannotGenerate as exc:
                count, example = self.reasons.get(kind.name, (0, exc.reason))
                self.reasons[kind.name] = (count + 1, example)
                if self.refusals is not None:
                    self.refusals.append((kind.name, exc.reason))
                return None
            if self.fresh(question):
                return question
            if self.fresh(question, allow_same_key=True):
                self.spare[question.difficulty].append(question)  # kept for the last resort
                return None
        return None

    def from_spare(self, target: str | None, *, most_per_kind: int | None, allow_used_events: bool,
                   era: str | None = None, kinds: set[str] | None = None) -> Question | None:
        """A question made earlier for another slot that fits this one, of the least used kind."""
        best: tuple[str, Question] | None = None
        for level in LEVELS if target is None else (target,):
            for question in self.spare[level]:
                if kinds is not None and question.kind not in kinds:
                    continue
                if era is not None and self.index.by_id[question.subject_ids[0]].event.era != era:
                    continue
                count = self.kind_counts.get(question.kind, 0)
                if most_per_kind is not None and count > most_per_kind:
                    continue
                if not self.fresh(question, allow_same_key=allow_used_events):
                    continue
                if not allow_used_events and not self.used_events.isdisjoint(question.subject_ids):
                    continue
                if best is None or count < self.kind_counts.get(best[1].kind, 0):
                    best = (level, question)
        if best is None:
            return None
        self.spare[best[0]].remove(best[1])
        return self.accept(best[1])

    def fill(self, slot: int, target: str | None, era: str | None = None, group: str | None = None
             ) -> Question | None:
        """A question for this slot: of the slot's group of kinds (orderings or the others) and era when it
        can be had, widening to any era, then to any kind, before giving up."""
        for slot_era, slot_group in dict.fromkeys(((era, group), (None, group), (None, None))):
            kinds = self._kinds_of(slot_group)
            if not kinds:
                continue
            question = self._fill(slot, target, slot_era, kinds)
            if question is not None:
                return question
        return None

    def _kinds_of(self, group: str | None) -> list[QuestionKind]:
        if group is None:
            return self.kinds
        ordering = group == "ordering"
        return [k for k in self.kinds if (k.name in ORDERING_KINDS) == ordering]

    def _fill(self, slot: int, target: str | None, era: str | None, kinds: list[QuestionKind]) -> Question | None:
        """The least used kinds get the first turn, so the kinds stay balanced."""
        n = len(kinds)
        turn = sorted(range(n), key=lambda i: (self.kind_counts.get(kinds[i].name, 0), (i - slot) % n))
        names = {k.name for k in kinds}
        fewest = self.kind_counts.get(kinds[turn[0]].name, 0)
        question = self.from_spare(target, most_per_kind=fewest + 1, allow_used_events=False, era=era, kinds=names)
        if question is not None:
            return question
        while not self.exhausted(target, era, kinds):
            for i in turn:
                question = self.try_kind(kinds[i], target, era)
                if question is not None:
                    return question
        # Last resort: any spare question, even about an event already asked of another kind.
        return self.from_spare(target, most_per_kind=None, allow_used_events=True, era=era, kinds=names)


def _era_slots(chronology: Chronology, pool: tuple[EventFacts, ...], request: QuizRequest, count: int
               ) -> list[str | None]:
    """An era for each slot, in proportion to the years each era of the pool covers (largest remainder), so
    a quiz over 2003-2023 is not half about the best-documented five years."""
    if not request.balance_eras or request.event_ids is not None:
        return [None] * count
    present = {f.event.era for f in pool}
    weights: dict[str, float] = {}
    for period in chronology.eras:
        if period.id not in present:
            continue
        start = max(period.start_year, request.year_from or period.start_year)
        end = min(period.end_year, request.year_to or period.end_year)
        weights[period.id] = float(max(1, end - start + 1))
    if not weights:
        return [None] * count
    total = sum(weights.values())
    exact = {era: count * w / total for era, w in weights.items()}
    counts = {era: int(value) for era, value in exact.items()}
    order = sorted(weights, key=lambda era: -(exact[era] - counts[era]))
    for era in order[: count - sum(counts.values())]:
        counts[era] += 1
    slots: list[str | None] = [era for era in weights for _ in range(counts[era])]
    return slots


def _groups(request: QuizRequest, kinds: list[QuestionKind], count: int) -> list[str | None]:
    """"ordering" for the slots that must be orderings (the request's ordering_share, rounded up), "other"
    for the rest; no groups when the kinds allowed are all of one sort."""
    ordering = [k for k in kinds if k.name in ORDERING_KINDS]
    if request.ordering_share is None or not ordering or len(ordering) == len(kinds):
        return [None] * count
    wanted = math.ceil(request.ordering_share * count - 1e-9)
    groups: list[str | None] = [*(["ordering"] * wanted), *(["other"] * (count - wanted))]
    return groups


def generate_quiz(
    chronology: Chronology, request: QuizRequest, *, refusals: list[tuple[str, str]] | None = None
) -> list[Question]:
    """`request.count` questions, or NotEnoughEvents saying how many could be made and why.

    `refusals`, when given, collects (kind, reason) for every candidate a kind refused (for measure.py).

    Raising rather than returning a shorter quiz keeps the caller honest: a teacher who asked for 20
    questions sees "only 12 could be made from these 9 events" and can widen the filters or accept 12.
    """
    if request.count == 0:
        return []
    rng = random.Random(request.seed)
    events = chronology.filter(
        eras=request.eras, year_from=request.year_from, year_to=request.year_to, actors=request.actors
    )
    filters = _describe_filters(request)
    if not events:
        raise NotEnoughEvents(N_("no events match %(filters)s", filters=filters), made=0, requested=request.count)
    index = index_for(chronology)
    pool = index.pool(tuple(e.id for e in events))
    subjects = pool
    if request.event_ids is not None:
        wanted = set(request.event_ids)
        subjects = tuple(f for f in pool if f.event.id in wanted)
        if not subjects:
            raise NotEnoughEvents(N_("none of the events asked for match %(filters)s", filters=filters), made=0,
                                  requested=request.count)
    elif not request.include_minor:
        # Minor events are neither asked about nor offered beside others: a classroom quiz stays on what
        # is worth class time.
        pool = index.pool(tuple(e.id for e in events if not e.minor))
        subjects = pool
        if not subjects:
            raise NotEnoughEvents(N_("only minor events match %(filters)s", filters=filters), made=0,
                                  requested=request.count)
    kinds = [KINDS[name] for name in (request.kinds or tuple(KINDS))]
    rng.shuffle(kinds)
    targets = allocate(parse_mix(request.difficulty), request.count)
    rng.shuffle(targets)
    eras = _era_slots(chronology, subjects, request, request.count)
    rng.shuffle(eras)
    groups = _groups(request, kinds, request.count)
    rng.shuffle(groups)
    plan = _Plan(chronology, request, pool, subjects, kinds, rng, refusals)
    questions: list[Question] = []
    missing: dict[str, int] = {}
    for slot, (target, era, group) in enumerate(zip(targets, eras, groups)):
        question = plan.fill(slot, target, era, group)
        if question is None:
            missing[target or "any"] = missing.get(target or "any", 0) + 1
            continue
        questions.append(question)
    if missing:
        short = ", ".join(f"{n} {level}" for level, n in missing.items())
        refused = sorted(plan.reasons.items(), key=lambda item: (-item[1][0], item[0]))[:3]
        why = [Nn_("%(kind)s refused %(num)s event, e.g. %(reason)s",
                   "%(kind)s refused %(num)s events, e.g. %(reason)s", n, kind=kind, reason=reason)
               for kind, (n, reason) in refused]
        message = Nn_(
            "only %(made)s of %(num)s question could be made from the %(events)s events matching %(filters)s "
            "(missing: %(missing)s); widen the filters, allow more kinds or levels, or ask for fewer questions",
            "only %(made)s of %(num)s questions could be made from the %(events)s events matching %(filters)s "
            "(missing: %(missing)s); widen the filters, allow more kinds or levels, or ask for fewer questions",
            request.count, made=len(questions), events=len(events), filters=filters, missing=short)
        if why:
            message = Message("%(message)s. %(why)s", {"message": message, "why": why})
        raise NotEnoughEvents(message, made=len(questions), requested=request.count)
    return questions


def _describe_filters(request: QuizRequest) -> list[Message]:
    """The request's filters, for a message (ids as they are: they name eras, people and kinds exactly)."""
    parts = []
    if request.eras:
        parts.append(N_("eras %(eras)s", eras=", ".join(request.eras)))
    if request.year_from is not None or request.year_to is not None:
        parts.append(N_("years %(start)s–%(end)s", start=request.year_from or "…", end=request.year_to or "…"))
    if request.actors:
        parts.append(N_("people %(people)s", people=", ".join(request.actors)))
    if request.event_ids is not None:
        parts.append(Nn_("%(num)s chosen event", "%(num)s chosen events", len(request.event_ids)))
    parts.append(N_("kinds %(kinds)s", kinds=", ".join(request.kinds)) if request.kinds else N_("all kinds"))
    if request.difficulty is not None:
        parts.append(N_("difficulty %(difficulty)s", difficulty=str(request.difficulty)))
    return parts
