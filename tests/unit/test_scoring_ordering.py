"""The ordering and multiple-choice graders: hand-computed cases, Moodle's own cases, and properties.

The properties are the ones a teacher relies on without thinking about them (the right order gets full marks,
a score is never above its maximum, the per-item feedback adds up to the score). Where a "natural" property
is false for a grading type, as "a reversed order scores 0" is for two of them, the test states the true
property instead and says why.
"""

from __future__ import annotations

import ast
import itertools
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.scoring import (
    GRADERS,
    Grade,
    GradingType,
    InvalidAnswer,
    grade_choice,
    grade_longest_ordered_subset,
    grade_ordering,
)

T = GradingType
ALL_TYPES = list(GradingType)
# Quick enough for the whole file to run in a few seconds; no example database, so no .hypothesis/ folder.
FAST = settings(max_examples=60, deadline=None, database=None)

ids = st.text(alphabet="ABCDEFGHabcdefgh0123456789-_ابتثجح", min_size=1, max_size=4)


@st.composite
def orders(draw: st.DrawFn, min_size: int = 2, max_size: int = 8) -> tuple[list[str], list[str]]:
    """A key of distinct ids and some permutation of it as the response."""
    key = draw(st.lists(ids, min_size=min_size, max_size=max_size, unique=True))
    response = draw(st.permutations(key))
    return key, list(response)


def grade(grading_type: GradingType, key: str | list[str], response: str | list[str]) -> Grade:
    """Grade with one-letter ids written as strings ("ABCDE"), for readable hand-computed cases."""
    return grade_ordering(list(key), list(response), grading_type)


def as_fraction(g: Grade) -> Fraction:
    return Fraction(g.points, g.maximum)


# --- hand-computed cases ----------------------------------------------------------------------------------

# Key ABCDE, response BCDEA: A moved from first to last.
BCDEA = {
    # Not the whole order: 0 of 1.
    T.ALL_OR_NOTHING: (0, 1),
    # No item at its index (B at 0, C at 1, ...): 0 of 5 (ANCHORS' example).
    T.ABSOLUTE_POSITION: (0, 5),
    # B, C, D, E are one place off: 4 - 1 = 3 each -> 12; A is 4 off: 4 - 4 = 0. 12 of 5*4 = 20.
    T.RELATIVE_TO_CORRECT: (12, 20),
    # Links A->B (no: A is last), B->C, C->D, D->E (yes); E is not checked: 3 of 4.
    T.RELATIVE_NEXT_EXCLUDE_LAST: (3, 4),
    # B->C, C->D, D->E yes; E is followed by A (should be last), A by nothing (should be B): 3 of 5.
    T.RELATIVE_NEXT_INCLUDE_LAST: (3, 5),
    # B: prev none (A) no, next C yes = 1; C: 2; D: 2; E: prev D yes, next A (none) no = 1;
    # A: prev E (none) no, next none (B) no = 0. 6 of 2*5 = 10.
    T.RELATIVE_TO_SIBLINGS: (6, 10),
    # Pairs in order: the 6 among B, C, D, E; the 4 pairs with A are reversed. 2 * 6 = 12 of 5*4 = 20.
    T.RELATIVE_ALL_PREVIOUS_AND_NEXT: (12, 20),
    # B C D E is the longest subsequence in order: 4 of 5 = 0.8 (ANCHORS' example).
    T.LONGEST_ORDERED_SUBSET: (4, 5),
    # B C D E is also a run of consecutive key items: 4 of 5.
    T.LONGEST_CONTIGUOUS_SUBSET: (4, 5),
}

# Key ABCD, response ACBD: the two middle items swapped.
ACBD = {
    T.ALL_OR_NOTHING: (0, 1),
    # A and D in place: 2 of 4.
    T.ABSOLUTE_POSITION: (2, 4),
    # A 3, C one off 2, B one off 2, D 3: 10 of 4*3 = 12.
    T.RELATIVE_TO_CORRECT: (10, 12),
    # Links A->B, B->C, C->D are all broken (A->C, C->B, B->D): 0 of 3, one swap from right.
    T.RELATIVE_NEXT_EXCLUDE_LAST: (0, 3),
    # As above, but D is last, as it should be: 1 of 4.
    T.RELATIVE_NEXT_INCLUDE_LAST: (1, 4),
    # A: prev none yes, next C (B) no = 1; C: prev A (B) no, next B (D) no = 0; B: prev C (A) no, next D (C)
    # no = 0; D: prev B (C) no, next none yes = 1. 2 of 8.
    T.RELATIVE_TO_SIBLINGS: (2, 8),
    # 5 of the 6 pairs in order (only B/C reversed): 2 * 5 = 10 of 12.
    T.RELATIVE_ALL_PREVIOUS_AND_NEXT: (10, 12),
    # A C D (or A B D): 3 of 4.
    T.LONGEST_ORDERED_SUBSET: (3, 4),
    # Runs of consecutive key items kept in order: A, B (B comes after A, with C between) and C, D: 2 of 4.
    T.LONGEST_CONTIGUOUS_SUBSET: (2, 4),
}


@pytest.mark.parametrize("grading_type", ALL_TYPES)
def test_one_item_moved_to_the_end(grading_type: GradingType) -> None:
    g = grade(grading_type, "ABCDE", "BCDEA")
    assert (g.points, g.maximum) == BCDEA[grading_type]
    assert g.fraction == pytest.approx(g.points / g.maximum)


@pytest.mark.parametrize("grading_type", ALL_TYPES)
def test_middle_pair_swapped(grading_type: GradingType) -> None:
    g = grade(grading_type, "ABCD", "ACBD")
    assert (g.points, g.maximum) == ACBD[grading_type]


def test_anchors_example() -> None:
    assert grade(T.ABSOLUTE_POSITION, "ABCDE", "BCDEA").fraction == 0
    assert grade(T.LONGEST_ORDERED_SUBSET, "ABCDE", "BCDEA").fraction == pytest.approx(0.8)


# Moodle's own test cases (question/type/ordering/tests/question_test.php), key ABCDEF for
# Modular, Object, Oriented, Dynamic, Learning, Environment.
MOODLE_CASES = [
    # F B C D E A: links B->C, C->D, D->E of 5 = 0.6.
    (T.RELATIVE_NEXT_EXCLUDE_LAST, "FBCDEA", Fraction(3, 5)),
    # C B D E F A: links D->E, E->F of 5 = 0.4.
    (T.RELATIVE_NEXT_EXCLUDE_LAST, "CBDEFA", Fraction(2, 5)),
    # F B C D E A: 3 links, and A (not F) is last: 3 of 6 = 0.5.
    (T.RELATIVE_NEXT_INCLUDE_LAST, "FBCDEA", Fraction(3, 6)),
    # C B D E F A: D 1 (next E), E 2, F 1 (prev E), others 0: 4 of 12 (Moodle: between 0.33 and 0.34).
    (T.RELATIVE_TO_SIBLINGS, "CBDEFA", Fraction(4, 12)),
    # C B D E F A: 15 pairs, 6 reversed (C/B and the 5 with A): 9 of 15 = 0.6.
    (T.RELATIVE_ALL_PREVIOUS_AND_NEXT, "CBDEFA", Fraction(9, 15)),
    # B C D E F A: 5 of 6 (Moodle: between 0.8 and 0.84), for both subset types.
    (T.LONGEST_ORDERED_SUBSET, "BCDEFA", Fraction(5, 6)),
    (T.LONGEST_CONTIGUOUS_SUBSET, "BCDEFA", Fraction(5, 6)),
    # B C D E F A: five items one off (5 - 1 = 4 each), A five off (0): 20 of 30 (Moodle: 0.6 to 0.7).
    (T.RELATIVE_TO_CORRECT, "BCDEFA", Fraction(20, 30)),
    # Reversed: distances 5, 3, 1, 1, 3, 5 -> 0 + 2 + 4 + 4 + 2 + 0 = 12 of 30 = 0.4 (Moodle: "very generous").
    (T.RELATIVE_TO_CORRECT, "FEDCBA", Fraction(12, 30)),
    # F B C D E A: B, C, D, E in place: 4 of 6 (Moodle: between 0.66 and 0.67).
    (T.ABSOLUTE_POSITION, "FBCDEA", Fraction(4, 6)),
    # C B D E F A: only B in place: 1 of 6 (Moodle: between 0.16 and 0.17).
    (T.ABSOLUTE_POSITION, "CBDEFA", Fraction(1, 6)),
]


@pytest.mark.parametrize(("grading_type", "response", "expected"), MOODLE_CASES)
def test_agrees_with_moodle(grading_type: GradingType, response: str, expected: Fraction) -> None:
    assert as_fraction(grade(grading_type, "ABCDEF", response)) == expected


def test_per_item_follows_the_response_positions() -> None:
    # Response B C D E A under "next, excluding last": B, C, D keep their successor, E (the key's last item)
    # is not checked, A (should be followed by B) is not.
    g = grade(T.RELATIVE_NEXT_EXCLUDE_LAST, "ABCDE", "BCDEA")
    assert g.per_item == (True, True, True, None, False)
    # Siblings give half an item's points for one right neighbour.
    assert grade(T.RELATIVE_TO_SIBLINGS, "ABCDE", "BCDEA").per_item == (0.5, 1.0, 1.0, 0.5, 0.0)
    # All-or-nothing scores 0 but still shows which items sit at their place (A and D here).
    assert grade(T.ALL_OR_NOTHING, "ABCD", "ACBD").per_item == (True, False, False, True)
    # The longest run marked is A, B at response positions 0 and 2 (the first of two runs of length 2).
    assert grade(T.LONGEST_CONTIGUOUS_SUBSET, "ABCD", "ACBD").per_item == (True, False, True, False)


def test_a_subset_of_one_scores_nothing() -> None:
    # D C B A: every subsequence of two is reversed, so the longest in order has length 1, which scores 0.
    for grading_type in (T.LONGEST_ORDERED_SUBSET, T.LONGEST_CONTIGUOUS_SUBSET):
        g = grade(grading_type, "ABCD", "DCBA")
        assert g.points == 0
        assert g.per_item == (False, False, False, False)


def test_longest_contiguous_needs_consecutive_key_items() -> None:
    # A C E B D F (key ABCDEF): A C E is in order but not consecutive in the key; A B (positions 0 and 3) is,
    # as are C D and E F. Longest ordered: A C E or A B D F... = A, B, D, F (length 4).
    assert grade(T.LONGEST_ORDERED_SUBSET, "ABCDEF", "ACEBDF").points == 4
    assert grade(T.LONGEST_CONTIGUOUS_SUBSET, "ABCDEF", "ACEBDF").points == 2


# --- properties for every type ----------------------------------------------------------------------------


def per_item_total(grading_type: GradingType, g: Grade, n: int) -> int:
    """The points the per-item feedback accounts for, which must be the grade's points."""
    if grading_type is T.ALL_OR_NOTHING:
        return int(all(g.per_item))
    if grading_type in (T.RELATIVE_TO_CORRECT, T.RELATIVE_ALL_PREVIOUS_AND_NEXT):
        return round(sum(g.per_item) * (n - 1))  # type: ignore[arg-type]
    if grading_type is T.RELATIVE_TO_SIBLINGS:
        return round(sum(g.per_item) * 2)  # type: ignore[arg-type]
    return sum(mark is True for mark in g.per_item)


@pytest.mark.parametrize("grading_type", ALL_TYPES)
@FAST
@given(case=orders())
def test_basic_invariants(grading_type: GradingType, case: tuple[list[str], list[str]]) -> None:
    key, response = case
    g = grade_ordering(key, response, grading_type)
    assert 0 <= g.points <= g.maximum
    assert 0.0 <= g.fraction <= 1.0
    assert g.fraction == pytest.approx(g.points / g.maximum)
    assert len(g.per_item) == len(key)
    for mark in g.per_item:
        assert mark is None or isinstance(mark, bool) or 0.0 <= mark <= 1.0
    assert per_item_total(grading_type, g, len(key)) == g.points
    # Only "next, excluding last" leaves an item unscored, and only the key's last item.
    unscored = [item for item, mark in zip(response, g.per_item) if mark is None]
    assert unscored == ([key[-1]] if grading_type is T.RELATIVE_NEXT_EXCLUDE_LAST else [])


@pytest.mark.parametrize("grading_type", ALL_TYPES)
@FAST
@given(key=st.lists(ids, min_size=2, max_size=8, unique=True))
def test_the_correct_order_scores_full_marks(grading_type: GradingType, key: list[str]) -> None:
    g = grade_ordering(key, key, grading_type)
    assert g.fraction == 1.0
    assert g.is_correct
    assert all(mark is None or mark is True or mark == 1.0 for mark in g.per_item)


def reversed_fraction(grading_type: GradingType, n: int) -> Fraction:
    """What a fully reversed order of n items scores; 0 except for two types.

    absolute position: the middle item of an odd-length order stays in place: 1/n for odd n, 0 for even n.
    relative to correct: item i moves to n-1-i, a distance of |n-1-2i|, and keeps (n-1) - |n-1-2i| points.
    Summed: n(n-2)/2 for even n and (n-1)^2/2 for odd n, out of n(n-1); so about half (0.4 for n = 6, as in
    Moodle's test) and never 0 for n >= 3. For n = 3: distances 2, 0, 2 give 0 + 2 + 0 = 2 of 6.
    """
    if grading_type is T.ABSOLUTE_POSITION:
        return Fraction(n % 2, n)
    if grading_type is T.RELATIVE_TO_CORRECT:
        points = n * (n - 2) // 2 if n % 2 == 0 else (n - 1) ** 2 // 2
        return Fraction(points, n * (n - 1))
    return Fraction(0)


@pytest.mark.parametrize("grading_type", ALL_TYPES)
@FAST
@given(key=st.lists(ids, min_size=2, max_size=8, unique=True))
def test_a_reversed_order(grading_type: GradingType, key: list[str]) -> None:
    g = grade_ordering(key, key[::-1], grading_type)
    assert as_fraction(g) == reversed_fraction(grading_type, len(key))


def test_reversal_is_not_zero_for_two_types() -> None:
    # Spelled out, because a teacher choosing a grading type should know it.
    assert as_fraction(grade(T.RELATIVE_TO_CORRECT, "ABC", "CBA")) == Fraction(2, 6)
    assert as_fraction(grade(T.ABSOLUTE_POSITION, "ABC", "CBA")) == Fraction(1, 3)
    assert as_fraction(grade(T.ABSOLUTE_POSITION, "ABCD", "DCBA")) == 0


# The smallest n from which one adjacent swap always keeps some credit. Below it a swap can score 0:
# - n = 2: a swap is the reversal (0 for every type).
# - next, excluding last: swapping the middle of four breaks all n-1 = 3 links (ACBD scores 0 of 3); a swap
#   breaks at most 3 links, so from n = 5 on some of the n-1 >= 4 links survive.
# - next, including last: A C B (n = 3) breaks A->B, B->C and "C last": 0 of 3; from n = 4 on, at most 3 of
#   n >= 4 points are lost.
SWAP_KEEPS_CREDIT_FROM = {
    T.ABSOLUTE_POSITION: 3,
    T.RELATIVE_TO_CORRECT: 3,
    T.RELATIVE_NEXT_EXCLUDE_LAST: 5,
    T.RELATIVE_NEXT_INCLUDE_LAST: 4,
    T.RELATIVE_TO_SIBLINGS: 3,
    T.RELATIVE_ALL_PREVIOUS_AND_NEXT: 3,
    T.LONGEST_ORDERED_SUBSET: 3,
    T.LONGEST_CONTIGUOUS_SUBSET: 3,
}


@pytest.mark.parametrize("grading_type", ALL_TYPES)
@FAST
@given(key=st.lists(ids, min_size=2, max_size=8, unique=True), data=st.data())
def test_one_adjacent_swap(grading_type: GradingType, key: list[str], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(key) - 2), label="swap at")
    response = list(key)
    response[i], response[i + 1] = response[i + 1], response[i]
    g = grade_ordering(key, response, grading_type)
    assert g.fraction < 1.0
    if grading_type is T.ALL_OR_NOTHING:
        assert g.fraction == 0.0
    elif len(key) >= SWAP_KEEPS_CREDIT_FROM[grading_type]:
        assert g.fraction > 0.0


def test_one_swap_can_score_zero_below_those_sizes() -> None:
    assert grade(T.RELATIVE_NEXT_EXCLUDE_LAST, "ABCD", "ACBD").points == 0
    assert grade(T.RELATIVE_NEXT_INCLUDE_LAST, "ABC", "ACB").points == 0
    assert all(grade(t, "AB", "BA").points == 0 for t in ALL_TYPES)


@FAST
@given(key=st.lists(ids, min_size=2, max_size=8, unique=True), data=st.data())
def test_one_swap_exact_scores(key: list[str], data: st.DataObject) -> None:
    n = len(key)
    i = data.draw(st.integers(0, n - 2), label="swap at")
    response = list(key)
    response[i], response[i + 1] = response[i + 1], response[i]
    # Two items leave their place; one pair of the n(n-1)/2 is reversed; the rest is one subsequence.
    assert as_fraction(grade_ordering(key, response, T.ABSOLUTE_POSITION)) == Fraction(n - 2, n)
    pairs = n * (n - 1) // 2
    relative_all = grade_ordering(key, response, T.RELATIVE_ALL_PREVIOUS_AND_NEXT)
    assert as_fraction(relative_all) == Fraction(pairs - 1, pairs)
    expected_subset = n - 1 if n >= 3 else 0
    assert grade_ordering(key, response, T.LONGEST_ORDERED_SUBSET).points == expected_subset
    # The key splits into runs key[:i+1] and key[i+1:], both kept in order.
    longest_run = max(i + 1, n - 1 - i)
    contiguous = grade_ordering(key, response, T.LONGEST_CONTIGUOUS_SUBSET)
    assert contiguous.points == (longest_run if longest_run >= 2 else 0)


# --- independent oracles, by brute force on small orders --------------------------------------------------


@FAST
@given(case=orders(max_size=7))
def test_relative_all_is_the_share_of_pairs_in_order(case: tuple[list[str], list[str]]) -> None:
    key, response = case
    rank = {item: i for i, item in enumerate(key)}
    pairs = list(itertools.combinations(response, 2))
    in_order = sum(rank[a] < rank[b] for a, b in pairs)
    g = grade_ordering(key, response, T.RELATIVE_ALL_PREVIOUS_AND_NEXT)
    assert as_fraction(g) == Fraction(in_order, len(pairs))


@FAST
@given(case=orders(max_size=7))
def test_subset_types_against_brute_force(case: tuple[list[str], list[str]]) -> None:
    key, response = case
    n = len(key)
    rank = {item: i for i, item in enumerate(key)}
    values = [rank[item] for item in response]

    def in_order(positions: tuple[int, ...]) -> bool:
        return all(values[a] < values[b] for a, b in zip(positions, positions[1:]))

    longest = max(
        size for size in range(1, n + 1) for c in itertools.combinations(range(n), size) if in_order(c)
    )
    position = {value: p for p, value in enumerate(values)}
    longest_run = max(
        stop - start
        for start in range(n)
        for stop in range(start + 1, n + 1)
        if all(position[v] < position[v + 1] for v in range(start, stop - 1))
    )
    ordered = grade_ordering(key, response, T.LONGEST_ORDERED_SUBSET)
    contiguous = grade_ordering(key, response, T.LONGEST_CONTIGUOUS_SUBSET)
    assert ordered.points == (longest if longest >= 2 else 0)
    assert contiguous.points == (longest_run if longest_run >= 2 else 0)
    # The marked items really are such a subsequence.
    for g in (ordered, contiguous):
        marked = tuple(p for p, mark in enumerate(g.per_item) if mark)
        assert in_order(marked)
    # ... and the contiguous one is made of consecutive key items.
    marked_values = sorted(values[p] for p, mark in enumerate(contiguous.per_item) if mark)
    if marked_values:
        assert marked_values == list(range(marked_values[0], marked_values[0] + len(marked_values)))


# --- invalid answers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        ("ABC", "too short"),
        ("ABCDE", "too long"),
        ("ABCC", "duplicate"),
        ("ABCX", "unknown id"),
        ("", "empty"),
    ],
)
@pytest.mark.parametrize("grading_type", ALL_TYPES)
def test_not_a_permutation_is_refused(grading_type: GradingType, response: str, reason: str) -> None:
    with pytest.raises(InvalidAnswer):
        grade(grading_type, "ABCD", response)


@FAST
@given(case=orders(min_size=2), data=st.data())
def test_any_tampered_response_is_refused(case: tuple[list[str], list[str]], data: st.DataObject) -> None:
    key, response = case
    tamper = data.draw(st.sampled_from(["drop", "duplicate", "replace", "add"]), label="tamper")
    i = data.draw(st.integers(0, len(response) - 1), label="at")
    stranger = data.draw(ids.filter(lambda x: x not in key), label="stranger")
    if tamper == "drop":
        del response[i]
    elif tamper == "duplicate":
        response[i] = response[(i + 1) % len(response)]
    elif tamper == "replace":
        response[i] = stranger
    else:
        response.insert(i, stranger)
    grading_type = data.draw(st.sampled_from(ALL_TYPES), label="type")
    with pytest.raises(InvalidAnswer):
        grade_ordering(key, response, grading_type)


def test_messages_say_what_was_wrong() -> None:
    with pytest.raises(InvalidAnswer, match="more than once"):
        grade(T.ABSOLUTE_POSITION, "ABC", "AAB")
    with pytest.raises(InvalidAnswer, match="not in the question"):
        grade(T.ABSOLUTE_POSITION, "ABC", "ABX")
    with pytest.raises(InvalidAnswer, match="has 2 items"):
        grade(T.ABSOLUTE_POSITION, "ABC", "AB")


def test_a_bare_string_or_non_string_ids_are_refused() -> None:
    # "BAC" would otherwise pass as B, A, C when a form value was not split.
    with pytest.raises(InvalidAnswer):
        grade_ordering(["A", "B", "C"], "BAC", T.ABSOLUTE_POSITION)
    with pytest.raises(InvalidAnswer):
        grade_ordering(["1", "2"], [1, 2], T.ABSOLUTE_POSITION)  # type: ignore[list-item]


def test_a_bad_key_is_the_questions_fault_not_the_answers() -> None:
    for key in (["A"], ["A", "A"]):
        with pytest.raises(ValueError) as raised:
            grade_ordering(key, key, T.ABSOLUTE_POSITION)
        assert not isinstance(raised.value, InvalidAnswer)


def test_grading_type_by_stored_id_and_unknown_id() -> None:
    assert grade_ordering(list("ABC"), list("ABC"), "longest_ordered_subset").fraction == 1.0
    with pytest.raises(ValueError):
        grade_ordering(list("ABC"), list("ABC"), "alphabetical")


def test_registry_covers_every_type_and_grades_are_frozen() -> None:
    assert set(GRADERS) == set(GradingType)
    assert {t.value for t in GradingType} == {
        "all_or_nothing",
        "absolute_position",
        "relative_to_correct",
        "relative_next_exclude_last",
        "relative_next_include_last",
        "relative_to_siblings",
        "relative_all_previous_and_next",
        "longest_ordered_subset",
        "longest_contiguous_subset",
    }
    g = grade_longest_ordered_subset(list("ABC"), list("ACB"))
    with pytest.raises(AttributeError):
        g.points = 3  # type: ignore[misc]


# --- multiple choice --------------------------------------------------------------------------------------


def test_grade_choice() -> None:
    choices = ["e1", "e2", "e3", "e4"]
    right = grade_choice("e2", "e2", choices)
    assert (right.points, right.maximum, right.fraction, right.per_item) == (1, 1, 1.0, (True,))
    wrong = grade_choice("e2", "e4", choices)
    assert (wrong.points, wrong.maximum, wrong.fraction, wrong.per_item) == (0, 1, 0.0, (False,))
    with pytest.raises(InvalidAnswer):
        grade_choice("e2", "e9", choices)
    with pytest.raises(ValueError):
        grade_choice("e9", "e2", choices)  # the question's fault: its answer is not on offer


# --- purity -----------------------------------------------------------------------------------------------


def test_the_scoring_core_imports_neither_flask_nor_the_database() -> None:
    package = Path(__file__).resolve().parents[2] / "quiz" / "scoring"
    forbidden = ("flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug", "quiz.models", "quiz.extensions")
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert not name.startswith(forbidden), f"{source.name} imports {name}"
