"""Property-based tests: on random chronologies every question has exactly one defensible answer.

The chronologies are crowded on purpose (few years, same-day events, year-only and month-only dates,
early/mid/late qualifiers, disputed dates, figures and details, too few people of a role), so the kinds
are pushed to their edges: each either makes a sound question or says why not with CannotGenerate.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.chronology.model import Chronology, Event, PartialDate
from quiz.generate import (
    KINDS,
    CannotGenerate,
    GenerationSettings,
    NotEnoughEvents,
    Question,
    QuizRequest,
    check,
    generate_quiz,
)
from quiz.generate.mcq import parse_claim_value

from tests.unit.chronology_factory import make_chronology, make_claim, make_conflict, make_event, make_person

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
ROLES = ("us-president", "iraqi-prime-minister")
FIGURES = (1, 2, 3, 7, 16, 30, 150, 560, 4487, 26374, 150_000, 2_500_000)


@st.composite
def dates(draw: st.DrawFn, earlier: list[tuple[str, str | None]]) -> tuple[str, str | None]:
    """A date string and qualifier; often one already used, so same-day and overlapping events abound."""
    if earlier and draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(earlier))
    year = draw(st.integers(2003, 2008))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    qualifier = None if precision == "day" else draw(st.sampled_from([None, None, "early", "mid", "late"]))
    if precision == "year":
        return str(year), qualifier
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year}-{month:02d}", qualifier
    return f"{year}-{month:02d}-{draw(st.integers(1, 28)):02d}", None


@st.composite
def chronologies(draw: st.DrawFn) -> Chronology:
    people = {
        role: [make_person(f"{role[:4]}{i}", role, name_en=f"{role} {i}") for i in range(draw(st.integers(0, 6)))]
        for role in ROLES
    }
    registry = {p.id: p for group in people.values() for p in group}
    person_ids = sorted(registry)
    used: list[tuple[str, str | None]] = []
    events = []
    for i in range(draw(st.integers(1, 16))):
        date, qualifier = draw(dates(used))
        used.append((date, qualifier))
        actors = draw(st.lists(st.sampled_from(person_ids), max_size=2, unique=True)) if person_ids else []
        numbers = []
        conflicts = []
        for key in draw(st.lists(st.sampled_from(["troops", "killed"]), max_size=2, unique=True)):
            value = draw(st.sampled_from(FIGURES))
            numbers.append((key, value, draw(st.sampled_from(["exactly", "about", "more_than", "at_least", "up_to"]))))
            if draw(st.integers(0, 3)) == 0:
                other = draw(st.sampled_from(FIGURES))
                conflicts.append(make_conflict(f"numbers.{key}", make_claim(f"{value:,}", "doc-b"),
                                               make_claim(f"{other:,}", "doc-c")))
        if draw(st.integers(0, 5)) == 0:
            conflicts.append(make_conflict("date"))
        if draw(st.integers(0, 5)) == 0:
            conflicts.append(make_conflict("detail"))
        events.append(make_event(f"e{i}", date, qualifier, actors=actors, numbers=numbers,
                                 conflicts=conflicts, importance=draw(st.integers(1, 3))))
    return make_chronology(events, registry)


# -- what "sound" means, kind by kind -----------------------------------------------------------------


def _date_of_key(key: str) -> PartialDate:
    parts = key.split(" ")
    return PartialDate.parse(parts[-1], parts[0] if len(parts) == 2 else None)


def _all_pairs_orderable(dates: list[PartialDate]) -> bool:
    return all(a.can_be_ordered_with(b) for i, a in enumerate(dates) for b in dates[i + 1:])


def assert_sound(question: Question, event: Event, chronology: Chronology) -> None:
    """The question about `event` has distinct options and exactly one defensible answer."""
    options = question.options
    for attribute in ("id", "text_ar", "text_en"):
        values = [getattr(o, attribute) for o in options]
        assert len(set(values)) == len(values), (attribute, values)
    assert question.explanation_ar and question.explanation_en and question.sources
    assert len(question.option_keys) == len(options)
    contract = question.to_contract()
    assert check(question, contract["answer"])

    if question.type == "ordering":
        assert 3 <= len(options) <= 6
        by_id = {o.id: o for o in options}
        ordered = [chronology.event(by_id[i].event_id) for i in question.answer]
        assert not any(e.is_disputed("date") for e in ordered)
        assert _all_pairs_orderable([e.date for e in ordered])
        assert all(a.date.certainly_before(b.date) for a, b in zip(ordered, ordered[1:]))
        assert [o.id for o in options] != list(question.answer)
        assert not check(question, [o.id for o in options])
        return

    assert sum(check(question, o.id) for o in options) == 1
    keys = dict(zip((o.id for o in options), question.option_keys))
    right = keys[question.answer]
    wrong = [k for i, k in keys.items() if i != question.answer]
    kind = question.kind
    if kind == "when":
        assert not event.is_disputed("date")
        asked = _date_of_key(right)
        assert asked == event.date
        others = [_date_of_key(k) for k in wrong]
        assert all(d.precision is asked.precision for d in others)
        assert _all_pairs_orderable([asked, *others])  # no option overlaps the answer or another option
    elif kind == "what_happened":
        assert right == event.id and not event.is_disputed("date")
        for key in wrong:
            other = chronology.event(key)
            assert not other.is_disputed("date")
            assert other.date.can_be_ordered_with(event.date)
    elif kind == "who":
        assert right in event.actors and not event.is_disputed("detail")
        roles = set(chronology.registry[right].roles)
        for key in wrong:
            assert key not in event.actors
            assert roles & set(chronology.registry[key].roles)
    elif kind == "how_many":
        value = float(right)
        according = question.prompt_en.startswith("According to")
        candidates = []
        for number in event.numbers:
            if f"“{number.label_en}”" not in question.prompt_en:
                continue
            disputed = event.is_disputed(f"numbers.{number.key}")
            if disputed and according:
                claims = [c for c in event.conflicts if c.field == f"numbers.{number.key}"]
                values = [parse_claim_value(cl.value) for c in claims for cl in c.claims]
                candidates.append((values, True))
            elif not disputed and not according:
                candidates.append(([number.value], number.approx != "exactly"))
        assert any(value in values for values, _ in candidates)
        for values, banded in candidates:
            if value in values:
                for key in wrong:
                    for v in values:
                        assert float(key) != v
                        if banded:
                            assert abs(float(key) - v) >= 0.25 * v
    else:
        events = [chronology.event(e) for e in question.event_ids]
        assert not any(e.is_disputed("date") for e in events)
        assert _all_pairs_orderable([e.date for e in events])
        answer = chronology.event(right).date
        others = [chronology.event(k).date for k in wrong]
        if kind == "first":
            assert right == event.id and all(answer.certainly_before(d) for d in others)
        elif kind == "last":
            assert right == event.id and all(d.certainly_before(answer) for d in others)
        elif kind == "after":
            assert event.id not in keys.values()
            assert event.date.certainly_before(answer) and all(d.certainly_before(event.date) for d in others)
        elif kind == "before":
            assert event.id not in keys.values()
            assert answer.certainly_before(event.date) and all(event.date.certainly_before(d) for d in others)
        else:  # pragma: no cover - a new kind needs its own soundness rule here
            raise AssertionError(f"no soundness rule for kind {kind!r}")


# -- the properties -----------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(chronology=chronologies(), seed=st.integers(0, 2**32), target=st.sampled_from([None, "easy", "medium", "hard"]))
def test_every_kind_makes_a_sound_question_or_says_why_not(chronology: Chronology, seed: int, target) -> None:  # type: ignore[no-untyped-def]
    options = GenerationSettings(seed=seed, target=target)
    for name, kind in KINDS.items():
        for event in chronology.events:
            try:
                question = kind.generate(event, chronology, random.Random(seed), options)
            except CannotGenerate as exc:
                assert exc.reason.strip()
                continue
            assert question.kind == name
            assert question.difficulty in {"easy", "medium", "hard"}
            assert_sound(question, event, chronology)
            again = kind.generate(event, chronology, random.Random(seed), options)
            assert again.to_contract() == question.to_contract()


@PROPERTY_SETTINGS
@given(chronology=chronologies(), seed=st.integers(0, 2**32), count=st.integers(1, 8),
       difficulty=st.sampled_from([None, "easy", "hard", {"easy": 0.5, "hard": 0.5}]))
def test_a_quiz_is_sound_deterministic_and_without_repeats(chronology: Chronology, seed: int, count: int, difficulty) -> None:  # type: ignore[no-untyped-def]
    request = QuizRequest(count=count, seed=seed, difficulty=difficulty)
    try:
        questions = generate_quiz(chronology, request)
    except NotEnoughEvents as exc:
        assert exc.requested == count and exc.made is not None and exc.made < count
        assert f"only {exc.made} of {count}" in str(exc)
        return
    assert len(questions) == count
    pairs = [(e, q.kind) for q in questions for e in q.subject_ids]
    assert len(pairs) == len(set(pairs))
    if isinstance(difficulty, str):
        assert {q.difficulty for q in questions} == {difficulty}
    for question in questions:
        assert_sound(question, _event_for(question, chronology), chronology)
    again = generate_quiz(chronology, request)
    assert [q.to_contract() for q in again] == [q.to_contract() for q in questions]


def _event_for(question: Question, chronology: Chronology) -> Event:
    """The event a question was generated about (its first subject; any item for ordering)."""
    return chronology.event(question.subject_ids[0])
