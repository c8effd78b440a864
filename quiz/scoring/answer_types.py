"""The registry of answer types: everything that differs between a multiple-choice and an ordering question.

Each answer type owns, for its questions:
- how a submitted form becomes an answer (`parse_form`), and back (`form_fields`: the demo loader, tests and a
  form shown again after an error use it);
- how a stored or sent answer is checked (`check`) and graded (`grade`);
- the order its options are shown in (`display_order`) and how a teacher's set question becomes a key
  (`key_from_set`);
- its template (`template`, a Jinja file of macros: the answer controls, the review, the teacher's views).

Nothing outside this module and those templates asks which type a question is: adding a type means a class
here and one template. The types: one correct option (`mcq`), several correct options with Moodle's partial
credit (`multi`), true/false (`truefalse`) and ordering (`ordering`). Pure: no Flask, no database.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Mapping, Sequence, TypeVar

from ..messages import N_, Message
from .errors import InvalidAnswer
from .ordering import Grade, ItemMark, grade_choice, grade_ordering, items_in_place

if TYPE_CHECKING:
    from .served import Key, ServedQuestion

T = TypeVar("T")
Answer = str | list[str]
FRACTION_TOLERANCE = 0.01  # GIFT writes 1/3 as %33.333%: three of them must still make a whole mark


@dataclass(frozen=True)
class Outcome:
    """How one answer was scored: points of max_points, whether it was wholly right, and per-item marks.

    `per_item` is the grading type's credit per response position (quiz.scoring.ordering); `in_place` says,
    for an order, whether each response position holds the item the key puts there, which is what a review
    shows the learner. The two agree only under the absolute-position types.
    """

    points: float
    max_points: float
    correct: bool
    per_item: tuple[ItemMark, ...] = ()
    in_place: tuple[bool, ...] = ()

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0

    @classmethod
    def of(cls, grade: Grade, in_place: tuple[bool, ...] = ()) -> Outcome:
        return cls(points=float(grade.points), max_points=float(grade.maximum), correct=grade.fraction >= 1.0,
                   per_item=tuple(grade.per_item), in_place=in_place)


class AnswerType:
    """The behaviour one kind of answer has; subclasses fill in every method."""

    name: ClassVar[str]
    options_field: ClassVar[str]  # the stored JSON's name for the options ("choices", "items")
    template: ClassVar[str]  # the Jinja file of this type's macros
    min_options: ClassVar[int]
    max_options: ClassVar[int]
    # True when a teacher marks one option as the right one; False when the options' order is the key.
    marks_one_correct: ClassVar[bool]
    article_name: ClassVar[Message]  # "a multiple-choice question", for the authoring rules' messages
    size_rule: ClassVar[Message]  # the rule on the number of options, as the authoring rules say it
    # Whether the set editor offers this type yet (a type's pages and form come after its rules).
    authorable: ClassVar[bool] = True
    # True when the options are the interface's own words (true/false): the editor writes none, a set stores none.
    fixed_options: ClassVar[bool] = False
    # True when the learner picks options (rather than putting them in order): item analysis and a live lesson's
    # chart count how often each option was picked (`picked`, `right_options`).
    picks_options: ClassVar[bool] = True
    # True when each option carries its own share of the mark (several correct answers): the editor asks for it.
    gives_shares: ClassVar[bool] = False

    def set_problems(self, option_count: int, correct: int | None, fractions: Sequence[float | None]) -> list[Message]:
        """What breaks this type's rules in a set question with `option_count` options, the `correct` index and
        the options' `fractions` (quiz.authoring.model asks; the type knows its own rules)."""
        problems: list[Message] = []
        if not self.min_options <= option_count <= self.max_options:
            problems.append(self.size_rule)
        if self.marks_one_correct and (correct is None or not 0 <= correct < option_count):
            problems.append(N_("exactly one option must be marked correct"))
        if not self.marks_one_correct and correct is not None:
            problems.append(N_("%(kind)s has no single correct option", kind=self.article_name))
        if any(fraction is not None for fraction in fractions):
            problems.append(N_("only a question with several correct answers gives options a share of the mark"))
        return problems

    def parse_form(self, question: ServedQuestion, form: Mapping[str, str]) -> Answer:
        raise NotImplementedError

    def form_fields(self, question: ServedQuestion, answer: str | Sequence[str]) -> dict[str, str]:
        raise NotImplementedError

    def check(self, question: ServedQuestion, answer: Any) -> Answer:
        """The answer in its stored form if it is a possible answer to the question; InvalidAnswer otherwise."""
        raise NotImplementedError

    def grade(self, question: ServedQuestion, answer: Answer, grading_type: str) -> Outcome:
        raise NotImplementedError

    def display_order(self, options: Sequence[T], *, shuffle: bool, rng: random.Random) -> list[T]:
        """The options (given in the set's order, which for ordering is the key) in the order to show them."""
        raise NotImplementedError

    def key_from_set(self, option_ids: Sequence[str], correct: int | None,
                     fractions: Sequence[float | None] = ()) -> Key:
        """The key of a set question whose options (in the set's order) got these ids."""
        raise NotImplementedError

    def picked(self, answer: Any) -> list[str]:
        """The option ids a stored answer picks (none for a type whose answer is an order)."""
        if not self.picks_options:
            return []
        return [answer] if isinstance(answer, str) else [a for a in answer or () if isinstance(a, str)]

    def right_options(self, question: ServedQuestion) -> frozenset[str]:
        """The ids of the options that earn marks when picked (none for an order)."""
        return frozenset([question.key]) if self.picks_options and isinstance(question.key, str) else frozenset()

    def set_layout(self, option_ids: Sequence[str], key: Key) -> tuple[list[int], int | None]:
        """The inverse, for a question that becomes a set question: which option goes where in the set, and
        the index of the right one (None where the set's order is the key)."""
        raise NotImplementedError


def _shuffled(options: Sequence[T], shuffle: bool, rng: random.Random) -> list[T]:
    """Alternatives in the set's order, or shuffled when the teacher asked for it."""
    shown = list(options)
    if shuffle:
        rng.shuffle(shown)
    return shown


class MultipleChoice(AnswerType):
    name = "mcq"
    options_field = "choices"
    template = "answer_types/mcq.html"
    min_options, max_options = 2, 6
    marks_one_correct = True
    article_name = N_("a multiple-choice question")
    size_rule = N_("a multiple-choice question needs %(min)s to %(max)s options", min=min_options, max=max_options)

    def parse_form(self, question: ServedQuestion, form: Mapping[str, str]) -> Answer:
        choice = form.get("choice") or ""
        if not choice:
            raise InvalidAnswer("no option chosen", "choose_one")
        return self.check(question, choice)

    def form_fields(self, question: ServedQuestion, answer: str | Sequence[str]) -> dict[str, str]:
        return {"choice": str(answer)}

    def check(self, question: ServedQuestion, answer: Any) -> Answer:
        if not isinstance(answer, str):
            raise InvalidAnswer("choose one option", "choose_one")
        if question.option(answer) is None:
            raise InvalidAnswer(f"{answer!r} is not one of the choices offered", "not_offered")
        return answer

    def grade(self, question: ServedQuestion, answer: Answer, grading_type: str) -> Outcome:
        chosen = self.check(question, answer)
        assert isinstance(chosen, str) and isinstance(question.key, str)
        return Outcome.of(grade_choice(question.key, chosen, [o.id for o in question.options]))

    def display_order(self, options: Sequence[T], *, shuffle: bool, rng: random.Random) -> list[T]:
        return _shuffled(options, shuffle, rng)

    def key_from_set(self, option_ids: Sequence[str], correct: int | None,
                     fractions: Sequence[float | None] = ()) -> Key:
        return option_ids[correct or 0]

    def set_layout(self, option_ids: Sequence[str], key: Key) -> tuple[list[int], int | None]:
        return list(range(len(option_ids))), list(option_ids).index(str(key))


class Ordering(AnswerType):
    name = "ordering"
    options_field = "items"
    template = "answer_types/ordering.html"
    min_options, max_options = 3, 8
    marks_one_correct = False
    picks_options = False
    article_name = N_("an ordering question")
    size_rule = N_("an ordering question needs %(min)s to %(max)s items", min=min_options, max=max_options)

    def parse_form(self, question: ServedQuestion, form: Mapping[str, str]) -> Answer:
        """The order given with position selects ("pos-<item id>" = 1..n), as item ids.

        This is the path that works without JavaScript; the script keeps the same selects in step with drag and
        drop and the move buttons, so one parser serves both.
        """
        count = len(question.options)
        positions: dict[int, str] = {}
        for item in question.options:
            raw = form.get(f"pos-{item.id}", "")
            if not raw.isdecimal() or len(raw) > 4 or not 1 <= int(raw) <= count or int(raw) in positions:
                raise InvalidAnswer("every item needs its own position from 1 to n", "positions", n=count)
            positions[int(raw)] = item.id
        return [positions[p] for p in sorted(positions)]

    def form_fields(self, question: ServedQuestion, answer: str | Sequence[str]) -> dict[str, str]:
        return {f"pos-{item_id}": str(position) for position, item_id in enumerate(answer, start=1)}

    def check(self, question: ServedQuestion, answer: Any) -> Answer:
        ids = {o.id for o in question.options}
        if (isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple))
                or not all(isinstance(a, str) for a in answer) or len(answer) != len(ids) or set(answer) != ids):
            raise InvalidAnswer("give every item once, in an order", "positions", n=len(ids))
        return list(answer)

    def grade(self, question: ServedQuestion, answer: Answer, grading_type: str) -> Outcome:
        order = self.check(question, answer)
        key = tuple(question.key)
        return Outcome.of(grade_ordering(key, order, grading_type), in_place=items_in_place(key, order))

    def display_order(self, options: Sequence[T], *, shuffle: bool, rng: random.Random) -> list[T]:
        # Never in the correct order, whatever the teacher chose: that would show the answer. With at least
        # three items a different order always exists.
        shown = list(options)
        while shown == list(options):
            rng.shuffle(shown)
        return shown

    def key_from_set(self, option_ids: Sequence[str], correct: int | None,
                     fractions: Sequence[float | None] = ()) -> Key:
        return tuple(option_ids)

    def set_layout(self, option_ids: Sequence[str], key: Key) -> tuple[list[int], int | None]:
        return [list(option_ids).index(item) for item in key], None  # a set stores the correct order


def _chosen_ids(form: Mapping[str, str]) -> list[str]:
    """Every value of the form's "choice" field: checkboxes send one field per ticked option (a MultiDict); a
    plain mapping (the demo loader, `form_fields`) holds them joined with commas (option ids have none)."""
    getlist = getattr(form, "getlist", None)
    values = getlist("choice") if callable(getlist) else (form.get("choice") or "").split(",")
    return [value for value in values if value]


def default_fractions(option_count: int, correct: Sequence[int]) -> list[float]:
    """The marks of a question that only says which options are right (Kahoot, Wayground, a teacher ticking
    boxes): each right option an equal share of the whole mark, each wrong one an equal share of minus the
    whole mark. Ticking every box then scores 0, which is Moodle's advice for several-answer questions;
    without the negative shares, "tick everything" would score full marks."""
    right = set(correct)
    wrong = option_count - len(right)
    return [round(1 / len(right), 7) if index in right else (round(-1 / wrong, 7) if wrong else 0.0)
            for index in range(option_count)]


def multi_grade(fractions: Mapping[str, float], chosen: Sequence[str]) -> float:
    """Moodle's rule for several correct answers: the sum of the chosen options' fractions, kept within 0..1.
    `math.fsum`, exactly rounded, so the order the boxes come in never changes the score (a plain sum made
    0.6 - 1 + 1 and 1 + 0.6 - 1 differ in the last bit)."""
    return min(1.0, max(0.0, math.fsum(fractions.get(option, 0.0) for option in chosen)))


class MultipleAnswer(AnswerType):
    """Several options may be right; the learner ticks any number. Each option carries a fraction of the mark
    (Moodle's "grade", -100%..100%); the positive ones make up the whole mark, and the score is the sum of the
    ticked options' fractions within 0..1 (`multi_grade`). The key is {option id: fraction} for the options
    whose fraction is not 0."""

    name = "multi"
    gives_shares = True
    options_field = "choices"
    template = "answer_types/multi.html"
    min_options, max_options = 2, 8
    marks_one_correct = False
    article_name = N_("a question with several correct answers")
    size_rule = N_("a question with several correct answers needs %(min)s to %(max)s options", min=min_options,
                   max=max_options)

    def set_problems(self, option_count: int, correct: int | None, fractions: Sequence[float | None]) -> list[Message]:
        problems: list[Message] = []
        if not self.min_options <= option_count <= self.max_options:
            problems.append(self.size_rule)
        if correct is not None:
            problems.append(N_("%(kind)s has no single correct option", kind=self.article_name))
        marks = [fraction or 0.0 for fraction in fractions]
        if any(not -1.0 <= mark <= 1.0 for mark in marks):
            problems.append(N_("an option's share of the mark must be between %(low)s and %(high)s",
                               low="-100%", high="100%"))
        if abs(sum(mark for mark in marks if mark > 0) - 1.0) > FRACTION_TOLERANCE:
            problems.append(N_("the right options' shares must add up to %(whole)s", whole="100%"))
        return problems

    def parse_form(self, question: ServedQuestion, form: Mapping[str, str]) -> Answer:
        chosen = _chosen_ids(form)
        if not chosen:
            raise InvalidAnswer("no option chosen", "choose_some")
        return self.check(question, chosen)

    def form_fields(self, question: ServedQuestion, answer: str | Sequence[str]) -> dict[str, str]:
        # One field per ticked option cannot live in a dict; callers that post forms send a list under "choice".
        return {"choice": ",".join([answer] if isinstance(answer, str) else answer)}

    def check(self, question: ServedQuestion, answer: Any) -> Answer:
        if isinstance(answer, str) and "," in answer:
            answer = answer.split(",")
        if isinstance(answer, str):
            answer = [answer]
        if not isinstance(answer, (list, tuple)) or not answer or not all(isinstance(a, str) for a in answer):
            raise InvalidAnswer("tick at least one option", "choose_some")
        offered = [o.id for o in question.options]
        if any(a not in offered for a in answer) or len(set(answer)) != len(answer):
            raise InvalidAnswer("an option ticked is not one of those offered", "not_offered")
        return sorted(answer, key=offered.index)  # stored in the order shown, so equal answers store equal

    def grade(self, question: ServedQuestion, answer: Answer, grading_type: str) -> Outcome:
        chosen = self.check(question, answer)
        fractions = self.fractions(question)
        fraction = multi_grade(fractions, chosen)
        # Per option shown: True for a right choice made or a wrong one avoided, which is what a review marks.
        marks = tuple((o.id in chosen) == (fractions.get(o.id, 0.0) > 0) for o in question.options)
        return Outcome(points=round(fraction, 7), max_points=1.0, correct=fraction >= 1.0 - 1e-9, per_item=marks)

    @staticmethod
    def fractions(question: ServedQuestion) -> dict[str, float]:
        key = question.key
        assert isinstance(key, Mapping), "a several-answer question's key is {option id: fraction}"
        return {str(option): float(fraction) for option, fraction in key.items()}

    def right_options(self, question: ServedQuestion) -> frozenset[str]:
        return frozenset(option for option, fraction in self.fractions(question).items() if fraction > 0)

    def display_order(self, options: Sequence[T], *, shuffle: bool, rng: random.Random) -> list[T]:
        return _shuffled(options, shuffle, rng)

    def key_from_set(self, option_ids: Sequence[str], correct: int | None,
                     fractions: Sequence[float | None] = ()) -> Key:
        return {option: float(fraction) for option, fraction in zip(option_ids, fractions) if fraction}

    def set_layout(self, option_ids: Sequence[str], key: Key) -> tuple[list[int], int | None]:
        return list(range(len(option_ids))), None


class TrueFalse(MultipleChoice):
    """A statement the learner marks true or false. A set stores no options for it (`correct` is 0 for true,
    1 for false): the two options are always `TRUE_FALSE`, in that order, so the words are the interface's
    own and never shuffled."""

    name = "truefalse"
    fixed_options = True
    template = "answer_types/truefalse.html"
    min_options = max_options = 2
    article_name = N_("a true/false question")
    size_rule = N_("a true/false question has no options to write: mark it true or false")

    def set_problems(self, option_count: int, correct: int | None, fractions: Sequence[float | None]) -> list[Message]:
        problems: list[Message] = []
        if option_count:
            problems.append(self.size_rule)
        if correct not in (0, 1):
            problems.append(N_("a true/false question must be marked true or false"))
        return problems

    def display_order(self, options: Sequence[T], *, shuffle: bool, rng: random.Random) -> list[T]:
        return list(options)


# The two options of every true/false question, as (Arabic, English): index 0 is "true".
TRUE_FALSE: tuple[tuple[str, str], tuple[str, str]] = (("صواب", "True"), ("خطأ", "False"))


ANSWER_TYPES: dict[str, AnswerType] = {
    t.name: t for t in (MultipleChoice(), MultipleAnswer(), TrueFalse(), Ordering())
}


def answer_type(name: str) -> AnswerType:
    """The answer type called `name`; ValueError for a name that is not registered (a bad stored question)."""
    try:
        return ANSWER_TYPES[name]
    except KeyError:
        raise ValueError(f"unknown answer type {name!r}") from None


def grade(question: ServedQuestion, answer: Any, grading_type: str) -> Outcome:
    """Check and grade an answer to a question, whatever its type."""
    return answer_type(question.type).grade(question, answer, grading_type)
