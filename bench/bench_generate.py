"""Benchmarks of quiz generation on the shipped chronology (pytest-benchmark).

Run:  /tmp/venv0/bin/pytest bench/bench_generate.py --benchmark-only
(The file is not named test_*.py and lives outside tests/, so `pytest tests/` never collects it.)
Target: a 20-question mixed quiz in under 5 ms median on one core. Figures: bench/README.md.
"""

from __future__ import annotations

import itertools
import random

import pytest

from quiz.generate import KINDS, CannotGenerate, GenerationSettings, QuizRequest, distractors, explain, generate_quiz
from quiz.generate import index as generate_index

MIX = {"easy": 0.3, "medium": 0.5, "hard": 0.2}


@pytest.fixture(scope="module")
def chronology():  # type: ignore[no-untyped-def]
    from quiz import paths
    from quiz.chronology.load import ChronologyError, load_chronology

    if not paths.shipped_chronology_path().is_file():
        pytest.skip("the shipped chronology is missing")
    try:
        loaded = load_chronology(paths.shipped_chronology_path(), paths.registry_path())
    except ChronologyError as exc:
        pytest.skip(f"the shipped chronology does not validate: {exc}")
    generate_quiz(loaded, QuizRequest(count=20, seed=0, difficulty=MIX))  # warm the caches
    return loaded


def test_quiz_of_20_mixed(benchmark, chronology) -> None:  # type: ignore[no-untyped-def]
    """One 20-question quiz, difficulty 30/50/20, a new seed each round (warm caches: a running server)."""
    seeds = itertools.count(1)
    result = benchmark(lambda: generate_quiz(chronology, QuizRequest(count=20, seed=next(seeds), difficulty=MIX)))
    assert len(result) == 20


@pytest.mark.parametrize("difficulty", [None, "easy", "medium", "hard"])
def test_quiz_of_20_by_level(benchmark, chronology, difficulty) -> None:  # type: ignore[no-untyped-def]
    seeds = itertools.count(1)
    result = benchmark(
        lambda: generate_quiz(chronology, QuizRequest(count=20, seed=next(seeds), difficulty=difficulty)))
    assert len(result) == 20


def test_quiz_of_20_cold(benchmark, chronology) -> None:  # type: ignore[no-untyped-def]
    """The first quiz after start-up: index, date candidates and formatted dates computed from scratch."""

    def cold() -> list:
        generate_index._CACHE.clear()
        distractors.date_candidates.cache_clear()
        explain.date_text.cache_clear()
        explain.number_text.cache_clear()
        return generate_quiz(chronology, QuizRequest(count=20, seed=7, difficulty=MIX))

    assert len(benchmark(cold)) == 20


def test_batch_of_500_questions(benchmark, chronology) -> None:  # type: ignore[no-untyped-def]
    """25 quizzes of 20 (500 questions) across seeds; questions per second go to extra_info."""

    def batch() -> int:
        return sum(len(generate_quiz(chronology, QuizRequest(count=20, seed=s, difficulty=MIX))) for s in range(25))

    made = benchmark(batch)
    assert made == 500
    benchmark.extra_info["questions_per_second"] = round(500 / benchmark.stats.stats.median)


@pytest.mark.parametrize("kind", list(KINDS))
def test_one_question_per_kind(benchmark, chronology, kind) -> None:  # type: ignore[no-untyped-def]
    """One question of a kind about a random event that allows it (for finding a slow kind)."""
    generator = KINDS[kind]
    events = []
    for event in chronology.events:
        try:
            generator.generate(event, chronology, random.Random(0), GenerationSettings())
        except CannotGenerate:
            continue
        events.append(event)
    if not events:
        pytest.skip(f"no event allows {kind!r}")
    rounds = itertools.count()

    def one():  # type: ignore[no-untyped-def]
        n = next(rounds)
        try:
            return generator.generate(events[n % len(events)], chronology, random.Random(n), GenerationSettings(seed=n))
        except CannotGenerate:  # another seed may pick other companions; counted like a success
            return None

    benchmark(one)
