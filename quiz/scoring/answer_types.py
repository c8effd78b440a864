"""The registry of answer types: everything that differs between a multiple-choice and an ordering question.

Each answer type owns, for its questions:
- how a submitted form becomes an answer (`parse_form`), and back (`form_fields`: the demo loader, tests and a
  form shown again after an error use it);
- how a stored or sent answer is checked (`check`) and graded (`grade`);
- the order its options are shown in (`display_order`) and how a teacher's set question becomes a key
  (`key_from_set`);
- its template (`template`, a Jinja file of macros: the answer controls, the review, the teacher's views).

Nothing outside this module and those templates asks which type a question is: adding a type (several
correct answers, true/false…) means a class here and one template. Pure: no Flask, no database.
"""

from __future__ import annotations

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

    def key_from_set(self, option_ids: Sequence[str], correct: int | None) -> Key:
        """The key of a set question whose options (in the set's order) got these ids."""
        raise NotImplementedError

    def set_layout(self, option_ids: Sequence[str], key: Key) -> tuple[list[int], int | None]:
        """The inverse, for a question that becomes a set question: which option goes where in the set, and
        the index of the right one (None where the set's order is the key)."""
        raise NotImplementedError


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
        shown = list(options)
        if shuffle:
            rng.shuffle(shown)
        return shown

    def key_from_set(self, option_ids: Sequence[str], correct: int | None) -> Key:
        return option_ids[correct or 0]

    def set_layout(self, option_ids: Sequence[str], key: Key) -> tuple[list[int], int | None]:
        return list(range(len(option_ids))), list(option_ids).index(str(key))


class Ordering(AnswerType):
    name = "ordering"
    options_field = "items"
    template = "answer_types/ordering.html"
    min_options, max_options = 3, 8
    marks_one_correct = False
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

    def key_from_set(self, option_ids: Sequence[str], correct: int | None) -> Key:
        return tuple(option_ids)

    def set_layout(self, option_ids: Sequence[str], key: Key) -> tuple[list[int], int | None]:
        return [list(option_ids).index(item) for item in key], None  # a set stores the correct order


ANSWER_TYPES: dict[str, AnswerType] = {t.name: t for t in (MultipleChoice(), Ordering())}


def answer_type(name: str) -> AnswerType:
    """The answer type called `name`; ValueError for a name that is not registered (a bad stored question)."""
    try:
        return ANSWER_TYPES[name]
    except KeyError:
        raise ValueError(f"unknown answer type {name!r}") from None


def grade(question: ServedQuestion, answer: Any, grading_type: str) -> Outcome:
    """Check and grade an answer to a question, whatever its type."""
    return answer_type(question.type).grade(question, answer, grading_type)
