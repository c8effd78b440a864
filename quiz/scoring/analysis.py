"""Item analysis for one assignment, as Moodle's quiz statistics report teachers know it. Pure functions.

Facility index: the mean score on a question, as a percentage (high = easy).
Discrimination index: the correlation (×100) between the score on a question and the score on the rest of
the test across students. Strongly positive means the students who did well overall got this one right;
near zero or negative flags a question to check. Undefined with fewer than three attempts or when
everybody scored the same, and reported as None rather than a misleading number.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping, Sequence


@dataclass(frozen=True)
class AttemptScores:
    """One student's attempt: each question's score fraction (0..1) and the answers given."""

    fractions: Mapping[str, float]
    answers: Mapping[str, Any]


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    attempts: int
    facility: float | None  # percent
    discrimination: float | None  # percent (Pearson r × 100)
    # Types that pick options (multiple choice, true/false, several answers): option id -> times picked; for
    # several answers every ticked box counts, so the counts may add up to more than the attempts.
    option_counts: dict[str, int]
    unanswered: int
    wrong_orders: list[tuple[tuple[str, ...], int]]  # ordering: most common wrong orders, with counts


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    return sxy / math.sqrt(sxx * syy)


def item_statistics(question_ids: Sequence[str], answer_keys: Mapping[str, Any],
                    attempts: Sequence[AttemptScores], *, top_orders: int = 3) -> list[ItemStats]:
    """Statistics per question, in the order of `question_ids`.

    Every attempt counts every question: an unanswered question scores 0 (as in the attempt's score).
    """
    stats = []
    for qid in question_ids:
        item = [a.fractions.get(qid, 0.0) for a in attempts]
        rest = [sum(a.fractions.get(other, 0.0) for other in question_ids if other != qid) for a in attempts]
        r = pearson(item, rest)
        options: Counter[str] = Counter()
        orders: Counter[tuple[str, ...]] = Counter()
        unanswered = 0
        key = answer_keys.get(qid)
        for attempt in attempts:
            answer = attempt.answers.get(qid)
            if answer is None:
                unanswered += 1
            elif isinstance(answer, str):
                options[answer] += 1
            elif isinstance(key, Mapping):  # several correct answers: the key is {option id: fraction}
                options.update(answer)
            elif list(answer) != list(key or []):
                orders[tuple(answer)] += 1
        stats.append(ItemStats(
            question_id=qid, attempts=len(attempts),
            facility=100 * sum(item) / len(item) if item else None,
            discrimination=None if r is None else 100 * r,
            option_counts=dict(options), unanswered=unanswered,
            wrong_orders=orders.most_common(top_orders),
        ))
    return stats


def trend(scores: Sequence[float]) -> float | None:
    """The least-squares slope of scores in order (per assignment): > 0 improving, < 0 slipping."""
    n = len(scores)
    if n < 2:
        return None
    xs = range(n)
    mean_x, mean_y = (n - 1) / 2, sum(scores) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, scores)) / sxx
