"""Grading of ordering and multiple-choice answers: pure functions from plain ids to a `Grade`.

Why nine ways to grade an order? Teachers compare us with Moodle's ordering question, whose nine grading types
they already know, and "ordering without partial credit feels unfair" is a standing complaint (ANCHORS.md). For
a chronology the relative types match how a historian judges "mostly right": moving one event to the wrong end
(key ABCDE, answer BCDEA) is 0/5 by absolute position but 4/5 by longest ordered subset.

The definitions follow Moodle's `qtype_ordering_question::grade_response()` and
`get_fraction_maxscore_score_of_item()` (moodle/moodle, question/type/ordering/question.php), so that a
teacher's Moodle intuition carries over; each grader's docstring says where it follows Moodle in detail.

Every grader also returns `per_item`, one entry per position of the *response*, so the learner can be shown
which items were out of place (Moodle's "show grading details"):

- `True`/`False` where an item earns one whole point or none;
- a float in 0..1 where an item can earn part of its points (its share of its own maximum);
- `None` where the grading type does not score that item at all (only the key's last item under
  "relative to next, excluding last"; Moodle marks it "unscored").

This module imports neither Flask nor the database: plain sequences of ids in, frozen dataclasses out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Mapping, Sequence

from .errors import InvalidAnswer

ItemMark = bool | float | None
"""Per-item feedback: earned its point (bool), its share of its points (float 0..1), or not scored (None)."""


class GradingType(str, Enum):
    """Moodle's nine ordering grading types, under the ids we store (a str Enum, so JSON and forms see text)."""

    ALL_OR_NOTHING = "all_or_nothing"
    ABSOLUTE_POSITION = "absolute_position"
    RELATIVE_TO_CORRECT = "relative_to_correct"
    RELATIVE_NEXT_EXCLUDE_LAST = "relative_next_exclude_last"
    RELATIVE_NEXT_INCLUDE_LAST = "relative_next_include_last"
    RELATIVE_TO_SIBLINGS = "relative_to_siblings"  # Moodle: "relative to previous and next"
    RELATIVE_ALL_PREVIOUS_AND_NEXT = "relative_all_previous_and_next"
    LONGEST_ORDERED_SUBSET = "longest_ordered_subset"
    LONGEST_CONTIGUOUS_SUBSET = "longest_contiguous_subset"


@dataclass(frozen=True)
class Grade:
    """The result of grading one answer.

    `points` out of `maximum` is what a teacher reads in a report ("4/5"); `fraction` is the same as a number
    in [0, 1] for sums and averages across questions of different sizes. `per_item` follows the response's
    positions (see the module docstring for what its values mean).
    """

    points: float | int
    maximum: int
    fraction: float
    per_item: tuple[ItemMark, ...]

    @property
    def is_correct(self) -> bool:
        """Full marks: what "right" means for review scheduling and for the right/wrong counts teachers want."""
        return self.points == self.maximum


def _grade(points: int, maximum: int, per_item: Sequence[ItemMark]) -> Grade:
    return Grade(points=points, maximum=maximum, fraction=points / maximum, per_item=tuple(per_item))


@dataclass(frozen=True)
class _Orders:
    """A validated key and response, with each id's correct index precomputed (every grader needs it)."""

    key: tuple[str, ...]
    response: tuple[str, ...]
    key_index: Mapping[str, int]

    @property
    def n(self) -> int:
        return len(self.key)

    def values(self) -> list[int]:
        """The response rewritten as correct indices: the correct order is 0, 1, ..., n-1."""
        return [self.key_index[item] for item in self.response]


def _validate(key: Sequence[str], response: Sequence[str]) -> _Orders:
    """Refuse anything that is not a permutation of the key, so no grader has to guess what was meant.

    A bad key is the question's fault (ValueError); a bad response is the answer's fault (InvalidAnswer). A bare
    string is refused as a response although it is a sequence: "ABC" would otherwise pass as ["A", "B", "C"]
    when a form value was not split.
    """
    if isinstance(key, (str, bytes)):
        raise ValueError("the key must be a sequence of item ids, not a single string")
    key = tuple(key)
    if len(key) < 2:
        raise ValueError(f"an ordering question needs at least 2 items, the key has {len(key)}")
    if len(set(key)) != len(key):
        raise ValueError("the key names an item more than once")
    if isinstance(response, (str, bytes)):
        raise InvalidAnswer("the response must be a sequence of item ids, not a single string", "positions")
    response = tuple(response)
    if not all(isinstance(item, str) for item in response):
        raise InvalidAnswer("the response must list item ids as strings", "positions")
    if len(response) != len(key):
        raise InvalidAnswer(f"the response has {len(response)} items, the question has {len(key)}", "positions")
    known = set(key)
    unknown = [item for item in response if item not in known]
    if unknown:
        raise InvalidAnswer(f"the response names items that are not in the question: {unknown!r}", "positions")
    if len(set(response)) != len(response):
        repeated = sorted({item for item in response if response.count(item) > 1})
        raise InvalidAnswer(f"the response names an item more than once: {repeated!r}", "positions")
    return _Orders(key=key, response=response, key_index={item: i for i, item in enumerate(key)})


Grader = Callable[[Sequence[str], Sequence[str]], Grade]
GRADERS: dict[GradingType, Grader] = {}
"""The registry `grade_ordering` dispatches through: a new grading type is one function and one decorator."""


def _registered(grading_type: GradingType) -> Callable[[Callable[[_Orders], Grade]], Grader]:
    """Register a grader and give it the public (key, response) signature, validating before it runs."""

    def register(inner: Callable[[_Orders], Grade]) -> Grader:
        def grader(key: Sequence[str], response: Sequence[str]) -> Grade:
            return inner(_validate(key, response))

        grader.__name__ = inner.__name__.lstrip("_")
        grader.__qualname__ = grader.__name__
        grader.__doc__ = inner.__doc__
        GRADERS[grading_type] = grader
        return grader

    return register


@_registered(GradingType.ALL_OR_NOTHING)
def _grade_all_or_nothing(o: _Orders) -> Grade:
    """1 point for the whole order right, else 0 (maximum 1).

    `per_item` still marks which items sit at their correct index, as Moodle's per-item details do for this
    type (it grades items like "absolute position"): a learner who got 0 should still see where they went wrong.
    """
    per_item = [item == expected for item, expected in zip(o.response, o.key)]
    return _grade(1 if all(per_item) else 0, 1, per_item)


@_registered(GradingType.ABSOLUTE_POSITION)
def _grade_absolute_position(o: _Orders) -> Grade:
    """1 point for each item at its correct index (maximum n).

    Strict: one item moved to the other end puts every item off by one and scores 0. A reversed order of odd
    length keeps its middle item in place, so it scores 1/n.
    """
    per_item = [item == expected for item, expected in zip(o.response, o.key)]
    return _grade(sum(per_item), o.n, per_item)


@_registered(GradingType.RELATIVE_TO_CORRECT)
def _grade_relative_to_correct(o: _Orders) -> Grade:
    """Each item scores (n-1) minus its distance from its correct index, floored at 0 (maximum n(n-1)).

    Moodle's GRADING_RELATIVE_TO_CORRECT. It is generous: a fully reversed order still scores about half
    (0.4 for six items; Moodle's own test says "This grading method is very generous"), because middle items
    stay close to home. `per_item` is each item's share of its n-1 points.
    """
    top = o.n - 1
    scores = [max(0, top - abs(position - o.key_index[item])) for position, item in enumerate(o.response)]
    return _grade(sum(scores), o.n * top, [score / top for score in scores])


def _successors(order: Sequence[str], include_last: bool) -> dict[str, str | None]:
    """Each item's successor; the last item maps to None ("nothing follows") only when it is graded too."""
    successors: dict[str, str | None] = dict(zip(order, order[1:]))
    if include_last:
        successors[order[-1]] = None
    return successors


@_registered(GradingType.RELATIVE_NEXT_EXCLUDE_LAST)
def _grade_relative_next_exclude_last(o: _Orders) -> Grade:
    """1 point for each item followed by its correct successor; the key's last item is not checked (max n-1).

    As Moodle's get_next_answerids() without the last item: the key's last item has no successor to check, so
    its `per_item` entry is None (Moodle shows it "unscored"). Swapping the two middle items of four breaks all
    three links, so this type can give 0 to an answer that is one swap from right.
    """
    expected = _successors(o.key, include_last=False)
    given = _successors(o.response, include_last=False)
    per_item: list[ItemMark] = [
        None if item not in expected else given.get(item) == expected[item] for item in o.response
    ]
    return _grade(sum(mark is True for mark in per_item), o.n - 1, per_item)


@_registered(GradingType.RELATIVE_NEXT_INCLUDE_LAST)
def _grade_relative_next_include_last(o: _Orders) -> Grade:
    """As "excluding last", and the key's last item earns its point by being last (maximum n).

    As Moodle's get_next_answerids($lastitem = true): "nothing follows" is a successor like any other.
    """
    expected = _successors(o.key, include_last=True)
    given = _successors(o.response, include_last=True)
    per_item = [given[item] == expected[item] for item in o.response]
    return _grade(sum(per_item), o.n, per_item)


def _neighbours(order: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    """Each item's (predecessor, successor), with None for "nothing there" at either end."""
    padded: list[str | None] = [None, *order, None]
    return {item: (padded[i], padded[i + 2]) for i, item in enumerate(order)}


@_registered(GradingType.RELATIVE_TO_SIBLINGS)
def _grade_relative_to_siblings(o: _Orders) -> Grade:
    """1 point for the correct predecessor and 1 for the correct successor, per item (maximum 2n).

    Moodle's "relative to previous and next" (GRADING_RELATIVE_ONE_PREVIOUS_AND_NEXT). As in Moodle's
    get_previous_and_next_answerids(), "nothing before" and "nothing after" count as neighbours, so the key's
    first item earns a point for being first and its last item for being last; that is why the maximum is 2n.
    `per_item` is 0, 0.5 or 1.
    """
    expected = _neighbours(o.key)
    given = _neighbours(o.response)
    scores = [
        (given[item][0] == expected[item][0]) + (given[item][1] == expected[item][1]) for item in o.response
    ]
    return _grade(sum(scores), 2 * o.n, [score / 2 for score in scores])


@_registered(GradingType.RELATIVE_ALL_PREVIOUS_AND_NEXT)
def _grade_relative_all_previous_and_next(o: _Orders) -> Grade:
    """1 point for every item before it that belongs before it and every item after it that belongs after it.

    Maximum n(n-1). Each pair of items in the right relative order is counted once from each end, so the
    fraction is the share of pairs in the right order (Kendall's concordance); a reversed order scores 0.
    `per_item` is each item's share of its n-1 points.
    """
    values = o.values()
    scores = [
        sum(earlier < value for earlier in values[:position])
        + sum(later > value for later in values[position + 1 :])
        for position, value in enumerate(values)
    ]
    top = o.n - 1
    return _grade(sum(scores), o.n * top, [score / top for score in scores])


def _longest_increasing(values: Sequence[int]) -> list[int]:
    """Response positions of one longest increasing subsequence of `values`.

    Ties go to the leftmost positions, as Moodle keeps the first longest subset it finds. The length, and so
    the score, does not depend on the tie-break; only which items the feedback marks does. O(n^2) is plenty
    for the handful of items a learner can order on a screen.
    """
    length = [1] * len(values)
    previous: list[int | None] = [None] * len(values)
    for i, value in enumerate(values):
        for j in range(i):
            if values[j] < value and length[j] + 1 > length[i]:
                length[i] = length[j] + 1
                previous[i] = j
    end: int | None = max(range(len(values)), key=lambda i: (length[i], -i))
    chosen: list[int] = []
    while end is not None:
        chosen.append(end)
        end = previous[end]
    return chosen[::-1]


def _longest_contiguous(values: Sequence[int]) -> list[int]:
    """Response positions of the longest run of consecutive key items that the response keeps in order.

    A run key[k], key[k+1], ..., key[k+m] counts when each appears later in the response than the one before;
    the items need not be adjacent in the response. This is what Moodle's get_ordered_subsets($contiguous =
    true) computes: a subset is extended only by the value one above its end, whatever lies between. Ties go
    to the run that starts earliest in the key.
    """
    position_of = {value: position for position, value in enumerate(values)}
    best: list[int] = []
    run: list[int] = []
    for value in range(len(values)):
        if run and position_of[value] < run[-1]:
            run = []
        run.append(position_of[value])
        if len(run) > len(best):
            best = list(run)
    return best


def _subset_grade(o: _Orders, chosen: Sequence[int]) -> Grade:
    """Score a chosen subset: its length out of n, where a "subset" of one item scores 0 (as in Moodle)."""
    if len(chosen) < 2:
        chosen = []
    marked = set(chosen)
    return _grade(len(chosen), o.n, [position in marked for position in range(o.n)])


@_registered(GradingType.LONGEST_ORDERED_SUBSET)
def _grade_longest_ordered_subset(o: _Orders) -> Grade:
    """The length of the longest subsequence in correct relative order (maximum n; length 1 scores 0).

    Moodle's GRADING_LONGEST_ORDERED_SUBSET (its get_ordered_subset() starts from a best length of 1, "we
    ignore single item subsets"). `per_item` marks the items of one such subsequence.
    """
    return _subset_grade(o, _longest_increasing(o.values()))


@_registered(GradingType.LONGEST_CONTIGUOUS_SUBSET)
def _grade_longest_contiguous_subset(o: _Orders) -> Grade:
    """As the longest ordered subset, but its items must be consecutive items of the key (maximum n).

    See `_longest_contiguous` for the Moodle reading followed: consecutive in the key, in order in the
    response, not necessarily side by side in the response.
    """
    return _subset_grade(o, _longest_contiguous(o.values()))


grade_all_or_nothing = GRADERS[GradingType.ALL_OR_NOTHING]
grade_absolute_position = GRADERS[GradingType.ABSOLUTE_POSITION]
grade_relative_to_correct = GRADERS[GradingType.RELATIVE_TO_CORRECT]
grade_relative_next_exclude_last = GRADERS[GradingType.RELATIVE_NEXT_EXCLUDE_LAST]
grade_relative_next_include_last = GRADERS[GradingType.RELATIVE_NEXT_INCLUDE_LAST]
grade_relative_to_siblings = GRADERS[GradingType.RELATIVE_TO_SIBLINGS]
grade_relative_all_previous_and_next = GRADERS[GradingType.RELATIVE_ALL_PREVIOUS_AND_NEXT]
grade_longest_ordered_subset = GRADERS[GradingType.LONGEST_ORDERED_SUBSET]
grade_longest_contiguous_subset = GRADERS[GradingType.LONGEST_CONTIGUOUS_SUBSET]


def grade_ordering(
    key: Sequence[str], response: Sequence[str], grading_type: GradingType | str
) -> Grade:
    """Grade a learner's order against the key under one of the nine grading types.

    `grading_type` may be the enum or its stored string id; an unknown id is the question's fault (ValueError),
    not the learner's.
    """
    return GRADERS[GradingType(grading_type)](key, response)


def items_in_place(key: Sequence[str], response: Sequence[str]) -> tuple[bool, ...]:
    """For each position of the response, whether the item there is the one the key puts there.

    This, not a grader's `per_item`, is what a review's "in place" / "out of place" marks must say. Only the
    absolute-position and all-or-nothing types credit an item for its position; the others credit relations
    (pairs in order, neighbours, a longest ordered run), so an item at its right position can earn less than
    full credit (key ABCDE, answer EBCDA: B, C and D are in place, and each earns half its points by pairs).
    """
    orders = _validate(key, response)
    return tuple(item == expected for item, expected in zip(orders.response, orders.key))


def grade_choice(correct_id: str, chosen_id: str, choice_ids: Sequence[str]) -> Grade:
    """Grade a multiple-choice answer: 1/1 for the correct choice, 0/1 for any other choice on offer.

    A choice that was not on offer is refused (InvalidAnswer) rather than graded wrong, so that a tampered or
    stale form never shows up in the statistics as a real wrong answer.
    """
    if isinstance(choice_ids, (str, bytes)):
        raise ValueError("choice_ids must be a sequence of ids, not a single string")
    if correct_id not in choice_ids:
        raise ValueError(f"the correct choice {correct_id!r} is not among the choices")
    if chosen_id not in choice_ids:
        raise InvalidAnswer(f"{chosen_id!r} is not one of the choices offered", "not_offered")
    right = chosen_id == correct_id
    return _grade(int(right), 1, [right])
