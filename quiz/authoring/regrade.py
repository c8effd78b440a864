"""Regrading: an attempt's stored answers scored again against a newer version of its set.

A teacher fixes a question (a wrong key, a typo in an option) after students answered it; the fix makes a new
set version (services.question_sets). This module says, for one attempt, what the new version makes of it:
each served question rebuilt from the new version (the learner's option ids and the order they saw kept, so
their stored answers still name the same options), each answer graded again by its answer type, the answers
whose points change, and the answers the new version cannot grade (refusals: the question was removed, its type
changed, the chosen option was removed, the items to order are not the same items).

How the versions are matched, because a new version may also add, remove or move questions:
- questions by their text (type and prompt): an unchanged question is found wherever it moved; a question whose
  text was edited is matched to the question in its place, between the same unchanged neighbours;
- options and items by their text first, then by their place (an option whose text was corrected in place).

Pure: no Flask, no database; the caller passes the ids of options the new version adds (they must be as opaque
as the served ones, which takes the server's secret).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping, Sequence

from ..messages import N_, Message
from ..scoring.answer_types import Outcome, answer_type
from ..scoring.errors import InvalidAnswer
from ..scoring.served import ServedOption, ServedQuestion
from .model import SetOption, SetQuestion
from .serve import question_key, shown_options

# (question index in the new version, option index) -> an id for an option the new version adds
NewOptionId = Callable[[int, int], str]

REFUSAL_REASONS: dict[str, Message] = {
    "question_removed": N_("the question is no longer in the set"),
    "type_changed": N_("the question changed its type"),
    "option_removed": N_("the option chosen was removed"),
    "items_changed": N_("the items to put in order are not the same"),
}


@dataclass(frozen=True)
class StoredAnswer:
    """A response as stored: the answer and how it was scored then."""

    answer: Any
    points: float
    max_points: float
    correct: bool


@dataclass(frozen=True)
class Refusal:
    """An answer the new version cannot grade; `position` is the question's place in the old version (from 1)."""

    question_id: str
    position: int
    reason: str  # a key of REFUSAL_REASONS

    @property
    def message(self) -> Message:
        return REFUSAL_REASONS[self.reason]


@dataclass(frozen=True)
class Regraded:
    """One answered question graded again: under its old id and its new one, what it was and what it is."""

    old_id: str
    new_id: str
    position: int  # the question's place in the new version (from 1)
    before: StoredAnswer
    after: Outcome

    @property
    def changed(self) -> bool:
        return (self.before.points, self.before.max_points, self.before.correct) != (
            self.after.points, self.after.max_points, self.after.correct)

    @property
    def fraction_before(self) -> float:
        return self.before.points / self.before.max_points if self.before.max_points else 0.0


@dataclass(frozen=True)
class AttemptRegrade:
    """What the new version makes of one attempt."""

    questions: tuple[ServedQuestion, ...]  # the attempt's questions as they become, in the attempt's order
    graded: tuple[Regraded, ...]  # every answer graded again (changed or not)
    refusals: tuple[Refusal, ...]

    @property
    def changes(self) -> tuple[Regraded, ...]:
        return tuple(g for g in self.graded if g.changed)

    def score_before(self) -> float:
        return _mean([g.fraction_before for g in self.graded], len(self.questions))

    def score_after(self) -> float:
        return _mean([g.after.fraction for g in self.graded], len(self.questions))


def _mean(fractions: Sequence[float], count: int) -> float:
    # The same rounding as services.attempts.score_of, so an unchanged attempt keeps its stored score exactly.
    return round(sum(fractions) / count, 6) if count else 0.0


# -- matching the versions -----------------------------------------------------------------------------


def _served_text(ar: str | None, en: str | None) -> tuple[str, str]:
    """Texts as a served question or option holds them (one language stands in for a missing one)."""
    return (ar or en or "", en or ar or "")


def _question_print(question: SetQuestion) -> tuple[str, str, str]:
    return (question.type, *_served_text(question.prompt_ar, question.prompt_en))


def _served_print(question: ServedQuestion) -> tuple[str, str, str]:
    return (question.type, question.prompt_ar, question.prompt_en)


def match_in_order(old: Sequence[Any], new: Sequence[Any]) -> dict[int, int]:
    """Old index -> new index. Equal prints first, wherever they are now (a question that moved); then the
    questions left between two matched ones, place by place, when as many are left on both sides (questions
    edited in place). What is still unmatched was removed (old) or added (new): a run of edited questions next
    to an added one is ambiguous, and is left unmatched rather than guessed."""
    matched: dict[int, int] = {}
    for i, item in enumerate(old):
        j = next((j for j, other in enumerate(new) if other == item and j not in matched.values()), None)
        if j is not None:
            matched[i] = j
    used = sorted(matched.values())
    i = 0
    while i < len(old):
        if i in matched:
            i += 1
            continue
        run = list(range(i, next((k for k in range(i, len(old)) if k in matched), len(old))))
        after = matched[i - 1] if i > 0 else -1
        until = next((j for j in used if j > after), len(new))
        gap = [j for j in range(after + 1, until) if j not in matched.values()]
        if len(gap) == len(run):
            matched.update(zip(run, gap))
        i = run[-1] + 1
    return matched


def match_options(old: Sequence[ServedOption], new: Sequence[SetOption]) -> dict[int, int]:
    """Old set index -> new index: by text wherever the text is the same, then by place for the rest."""
    new_texts = [_served_text(o.text_ar, o.text_en) for o in new]
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for option in sorted(old, key=lambda o: o.set_index or 0):
        index = next((j for j, text in enumerate(new_texts) if text == (option.text_ar, option.text_en)
                      and j not in taken), None)
        if index is not None:
            matched[option.set_index or 0] = index
            taken.add(index)
    old_texts = {(o.text_ar, o.text_en) for o in old}
    for option in old:
        place = option.set_index or 0
        if (place not in matched and place < len(new) and place not in taken
                and new_texts[place] not in old_texts):
            matched[place] = place
            taken.add(place)
    return matched


# -- one question, one attempt ----------------------------------------------------------------------------


def rebuild_question(served: ServedQuestion, question: SetQuestion, version_id: int, index: int,
                     new_option_id: NewOptionId) -> ServedQuestion:
    """The served question as the new version's question `index` makes it, for this learner: the options they
    saw keep their ids and order; options the new version adds get new ids and come after them."""
    kind = answer_type(question.type)
    matched = match_options(served.options, shown_options(question))
    by_new_index = {matched[o.set_index or 0]: o for o in served.options if (o.set_index or 0) in matched}
    in_set_order = [
        ServedOption(by_new_index[i].id if i in by_new_index else new_option_id(index, i),
                     *_served_text(o.text_ar, o.text_en), o.event_id, set_index=i)
        for i, o in enumerate(shown_options(question))
    ]
    seen_at = {o.id: place for place, o in enumerate(served.options)}
    shown = sorted(in_set_order, key=lambda o: (o.id not in seen_at, seen_at.get(o.id, 0), o.set_index or 0))
    prompt_ar, prompt_en = _served_text(question.prompt_ar, question.prompt_en)
    explanation_ar, explanation_en = _served_text(question.explanation_ar, question.explanation_en)
    return replace(
        served, id=question_key(version_id, index, question), type=question.type, prompt_ar=prompt_ar,
        prompt_en=prompt_en, options=tuple(shown), key=kind.key_from_set([o.id for o in in_set_order],
                                                                         question.correct,
                                                                         [o.fraction for o in question.options]),
        explanation_ar=explanation_ar, explanation_en=explanation_en, sources=tuple(question.sources),
        event_ids=tuple(question.event_ids), subject_ids=tuple(question.event_ids), set_index=index,
    )


def regrade_attempt(served: Sequence[ServedQuestion], answers: Mapping[str, StoredAnswer],
                    new: Sequence[SetQuestion], version_id: int, grading_type: str,
                    new_option_id: NewOptionId) -> AttemptRegrade:
    """What the new version (`new`, with id `version_id`) makes of one attempt: its served questions and its
    answers (by question id) as stored. Nothing is refused for a question nobody answered: it is rebuilt when
    the new version still has it, and kept as it was otherwise."""
    in_set_order = sorted(served, key=lambda q: q.set_index or 0)
    matched = match_in_order([_served_print(q) for q in in_set_order], [_question_print(q) for q in new])
    new_index_of = {q.id: matched.get(place) for place, q in enumerate(in_set_order)}
    questions: list[ServedQuestion] = []
    graded: list[Regraded] = []
    refusals: list[Refusal] = []
    for question in served:
        index = new_index_of[question.id]
        stored = answers.get(question.id)
        rebuilt = None if index is None else rebuild_question(question, new[index], version_id, index, new_option_id)
        questions.append(rebuilt or question)
        if stored is None:
            continue
        position = (question.set_index or 0) + 1
        if rebuilt is None or index is None:
            refusals.append(Refusal(question.id, position, "question_removed"))
        elif rebuilt.type != question.type:
            refusals.append(Refusal(question.id, position, "type_changed"))
        else:
            try:
                outcome = answer_type(rebuilt.type).grade(rebuilt, stored.answer, grading_type)
            except InvalidAnswer:
                reason = "option_removed" if answer_type(rebuilt.type).marks_one_correct else "items_changed"
                refusals.append(Refusal(question.id, position, reason))
            else:
                graded.append(Regraded(question.id, rebuilt.id, index + 1, stored, outcome))
    return AttemptRegrade(tuple(questions), tuple(graded), tuple(refusals))
