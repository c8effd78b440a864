"""Questions as served to a learner (quiz.scoring.served): from a generated question or a teacher's set.

Pure: the caller passes the randomness and the server's secret.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from typing import Iterable

from ..generate.question import Question
from ..scoring.answer_types import TRUE_FALSE, answer_type
from ..scoring.served import ServedOption, ServedQuestion
from .model import SetData, SetOption, SetQuestion


def serve_generated(question: Question) -> ServedQuestion:
    """A generated question as served: its options in the generator's order, its key as generated."""
    return ServedQuestion(
        id=question.id, type=question.type, kind=question.kind, prompt_ar=question.prompt_ar,
        prompt_en=question.prompt_en,
        options=tuple(ServedOption(o.id, o.text_ar, o.text_en, o.event_id) for o in question.options),
        key=question.answer, explanation_ar=question.explanation_ar, explanation_en=question.explanation_en,
        sources=tuple(question.sources), event_ids=tuple(question.event_ids),
        subject_ids=tuple(question.subject_ids or question.event_ids), difficulty=question.difficulty,
    )


def serve_all_generated(questions: Iterable[Question]) -> list[ServedQuestion]:
    return [serve_generated(q) for q in questions]


def question_key(version_id: int, index: int, question: SetQuestion) -> str:
    """A question's id within a set version: the same for every student, so results can be compared."""
    digest = hashlib.sha1(f"{version_id}|{index}|{question.prompt_ar}|{question.prompt_en}".encode()).hexdigest()
    return f"q{index + 1}-{digest[:8]}"


def option_id(secret: str, version_id: int, question_index: int, option_index: int, salt: str = "") -> str:
    """An option's id: opaque, because a teacher often writes the right answer first, so an id that followed
    the set's order ("o1") would give the answer away in the page source; and salted per attempt, so that a
    retake cannot replay the ids of the attempt whose key was just shown. Item analysis counts picks by the
    option's `set_index`, which is the same for everyone."""
    message = f"{version_id}|{question_index}|{option_index}|{salt}".encode()
    return "o" + hmac.new(secret.encode(), message, "sha256").hexdigest()[:10]


def shown_options(question: SetQuestion) -> tuple[SetOption, ...]:
    """The options a learner sees: the set's own, or for a true/false question the two fixed ones."""
    if question.type == "truefalse":
        return tuple(SetOption(text_ar, text_en) for text_ar, text_en in TRUE_FALSE)
    return question.options


def serve_set(data: SetData, version_id: int, rng: random.Random, *, shuffle_questions: bool,
              shuffle_options: bool, secret: str, salt: str = "") -> list[ServedQuestion]:
    """A set's questions as served to one learner, in the order this learner sees them.

    Each answer type decides its options' order (an ordering question is never shown in its correct order).
    """
    served = []
    for index, question in enumerate(data.questions):
        kind = answer_type(question.type)
        options = [
            ServedOption(option_id(secret, version_id, index, i, salt), o.text_ar or o.text_en or "",
                         o.text_en or o.text_ar or "", o.event_id, set_index=i, image=o.image,
                         image_alt=o.image_alt)
            for i, o in enumerate(shown_options(question))
        ]
        served.append(ServedQuestion(
            id=question_key(version_id, index, question), type=question.type, kind="authored",
            prompt_ar=question.prompt_ar or question.prompt_en or "",
            prompt_en=question.prompt_en or question.prompt_ar or "",
            options=tuple(kind.display_order(options, shuffle=shuffle_options, rng=rng)),
            key=kind.key_from_set([o.id for o in options], question.correct,
                                  [o.fraction for o in question.options]),
            explanation_ar=question.explanation_ar or question.explanation_en or "",
            explanation_en=question.explanation_en or question.explanation_ar or "",
            sources=tuple(question.sources), event_ids=tuple(question.event_ids),
            subject_ids=tuple(question.event_ids), set_index=index, image=question.image,
            image_alt=question.image_alt, extra={"lang": question.lang} if question.lang else {},
        ))
    if shuffle_questions:
        rng.shuffle(served)
    return served
