"""Build a whole quiz: filter the chronology, spread the questions over kinds and difficulty levels.

The same chronology, request and seed always give the same questions: every random choice comes from a
`random.Random` seeded by the request (one for the quiz's plan, and one per question derived from the seed,
the kind, the event and the difficulty aimed at, so a question does not change when another one does), and
nothing iterates over an unsorted set. A quiz never asks the same kind twice about the same event, and
prefers not to ask about one event twice at all (a "when" and a "what_happened" on the same event would
give each other away).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from quiz.chronology.model import Chronology

from .difficulty import LEVELS, allocate, parse_mix, reachable
from .errors import CannotGenerate, InvalidRequest, NotEnoughEvents
from .explain import TextStyle
from .index import EventFacts, index_for
from .kind import GenerationSettings, QuestionKind
from .kinds import KINDS
from .question import Question

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

    def __post_init__(self) -> None:
        for name in ("kinds", "eras", "actors", "event_ids"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        if not isinstance(self.count, int) or self.count < 0:
            raise InvalidRequest(f"count must be a whole number ≥ 0, not {self.count!r}")
        unknown = [k for k in self.kinds or () if k not in KINDS]
        if unknown:
            raise InvalidRequest(f"unknown kind(s) {', '.join(unknown)}; known: {', '.join(KINDS)}")
        if self.kinds is not None and not self.kinds:
            raise InvalidRequest("kinds must name at least one kind (or be None for all)")
        parse_mix(self.difficulty)  # raises InvalidRequest early


class _Plan:
    """The mutable state of one quiz being filled (kept out of generate_quiz to keep that readable)."""

    def __init__(self, chronology: Chronology, request: QuizRequest, pool: tuple[EventFacts, ...],
                 subjects: tuple[EventFacts, ...], kinds: list[QuestionKind], rng: random.Random) -> None:
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
        self.queues: dict[tuple[str, str | None], list[EventFacts]] = {}
        self.deferred: dict[tuple[str, str | None], list[EventFacts]] = {}
        self.tried: set[tuple[str, str]] = set()
        self.spare: dict[str, list[Question]] = {level: [] for level in LEVELS}
        self.used_pairs: set[tuple[str, str]] = set()
        self.used_events: set[str] = set()
        self.settings: dict[str | None, GenerationSettings] = {}
        self.reasons: dict[str, tuple[int, str]] = {}  # kind -> (events refused, first reason)
        self.kind_counts: dict[str, int] = {}

    def settings_for(self, target: str | None) -> GenerationSettings:
        if target not in self.settings:
            self.settings[target] = GenerationSettings(
                seed=self.request.seed, target=target, pool=self.pool_ids, style=self.request.style
            )
        return self.settings[target]

    def fresh(self, question: Question) -> bool:
        return not any((e, question.kind) in self.used_pairs for e in question.subject_ids)

    def accept(self, question: Question) -> Question:
        self.kind_counts[question.kind] = self.kind_counts.get(question.kind, 0) + 1
        self.used_pairs.update((e, question.kind) for e in question.subject_ids)
        self.used_events.update(question.subject_ids)
        return question

    def queue(self, kind: QuestionKind, target: str | None) -> tuple[list[EventFacts], list[EventFacts]]:
        key = (kind.name, target)
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
            self.queues[key] = list(candidates)  # type: ignore[arg-type]
            self.deferred[key] = []
        return self.queues[key], self.deferred[key]

    def next_candidate(self, kind: QuestionKind, target: str | None) -> EventFacts | None:
        """The next event to try for this kind: unused events first, then events used by other kinds."""
        queue, deferred = self.queue(kind, target)
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
            if (name, facts.event.id) not in self.tried and (facts.event.id, name) not in self.used_pairs:
                return facts
        return None

    def exhausted(self, target: str | None) -> bool:
        for kind in self.kinds:
            queue, deferred = self.queue(kind, target)
            if queue or deferred:
                return False
        return True

    def try_kind(self, kind: QuestionKind, target: str | None) -> Question | None:
        for _ in range(TRIES_PER_TURN):
            facts = self.next_candidate(kind, target)
            if facts is None:
                return None
            event = facts.event
            self.tried.add((kind.name, event.id))
            rng = random.Random(f"{self.request.seed}|{kind.name}|{event.id}|{target}")
            try:
                question = kind.generate(event, self.chronology, rng, self.settings_for(target))
            except CannotGenerate as exc:
                count, example = self.reasons.get(kind.name, (0, exc.reason))
                self.reasons[kind.name] = (count + 1, example)
                continue
            if not self.fresh(question):
                continue
            if target is None or question.difficulty == target:
                return self.accept(question)
            self.spare[question.difficulty].append(question)
        return None

    def from_spare(self, target: str | None, *, most_per_kind: int | None, allow_used_events: bool) -> Question | None:
        """A question made earlier for another slot that fits this one, of the least used kind."""
        best: tuple[str, Question] | None = None
        for level in LEVELS if target is None else (target,):
            for question in self.spare[level]:
                count = self.kind_counts.get(question.kind, 0)
                if most_per_kind is not None and count > most_per_kind:
                    continue
                if not self.fresh(question):
                    continue
                if not allow_used_events and not self.used_events.isdisjoint(question.subject_ids):
                    continue
                if best is None or count < self.kind_counts.get(best[1].kind, 0):
                    best = (level, question)
        if best is None:
            return None
        self.spare[best[0]].remove(best[1])
        return self.accept(best[1])

    def fill(self, slot: int, target: str | None) -> Question | None:
        """A question for this slot, keeping the kinds balanced: the least used kinds get the first turn."""
        n = len(self.kinds)
        turn = sorted(
            range(n), key=lambda i: (self.kind_counts.get(self.kinds[i].name, 0), (i - slot) % n)
        )
        fewest = self.kind_counts.get(self.kinds[turn[0]].name, 0)
        question = self.from_spare(target, most_per_kind=fewest + 1, allow_used_events=False)
        if question is not None:
            return question
        while not self.exhausted(target):
            for i in turn:
                question = self.try_kind(self.kinds[i], target)
                if question is not None:
                    return question
        # Last resort: any spare question, even about an event already asked of another kind.
        return self.from_spare(target, most_per_kind=None, allow_used_events=True)


def generate_quiz(chronology: Chronology, request: QuizRequest) -> list[Question]:
    """`request.count` questions, or NotEnoughEvents saying how many could be made and why.

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
        raise NotEnoughEvents(f"no events match {filters}", made=0, requested=request.count)
    index = index_for(chronology)
    pool = index.pool(tuple(e.id for e in events))
    subjects = pool
    if request.event_ids is not None:
        wanted = set(request.event_ids)
        subjects = tuple(f for f in pool if f.event.id in wanted)
        if not subjects:
            raise NotEnoughEvents(f"none of the events asked for match {filters}", made=0, requested=request.count)
    kinds = [KINDS[name] for name in (request.kinds or tuple(KINDS))]
    rng.shuffle(kinds)
    targets = allocate(parse_mix(request.difficulty), request.count)
    rng.shuffle(targets)
    plan = _Plan(chronology, request, pool, subjects, kinds, rng)
    questions: list[Question] = []
    missing: dict[str, int] = {}
    for slot, target in enumerate(targets):
        question = plan.fill(slot, target)
        if question is None:
            missing[target or "any"] = missing.get(target or "any", 0) + 1
            continue
        questions.append(question)
    if missing:
        short = ", ".join(f"{n} {level}" for level, n in missing.items())
        refused = sorted(plan.reasons.items(), key=lambda item: (-item[1][0], item[0]))[:3]
        why = "; ".join(f"{kind} refused {n} event(s), e.g. {reason}" for kind, (n, reason) in refused)
        raise NotEnoughEvents(
            f"only {len(questions)} of {request.count} questions could be made from the {len(events)} events "
            f"matching {filters} (missing: {short}); widen the filters, allow more kinds or levels, "
            f"or ask for fewer questions" + (f". {why}" if why else ""),
            made=len(questions), requested=request.count,
        )
    return questions


def _describe_filters(request: QuizRequest) -> str:
    parts = []
    if request.eras:
        parts.append(f"eras {', '.join(request.eras)}")
    if request.year_from is not None or request.year_to is not None:
        parts.append(f"years {request.year_from or '…'}–{request.year_to or '…'}")
    if request.actors:
        parts.append(f"people {', '.join(request.actors)}")
    if request.event_ids is not None:
        parts.append(f"{len(request.event_ids)} chosen event(s)")
    parts.append(f"kinds {', '.join(request.kinds) if request.kinds else 'all'}")
    if request.difficulty is not None:
        parts.append(f"difficulty {request.difficulty}")
    return "; ".join(parts)
