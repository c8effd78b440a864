"""Generated questions (quiz.generate) as editable set questions: what the "generate" wizard adds."""

from __future__ import annotations

from ..generate.question import Question
from ..scoring.answer_types import answer_type
from .model import SetOption, SetQuestion


def to_set_question(question: Question) -> SetQuestion:
    order, correct = answer_type(question.type).set_layout([o.id for o in question.options], question.answer)
    options = [question.options[i] for i in order]
    return SetQuestion(
        type=question.type,  # type: ignore[arg-type]  # a registered answer type's name
        prompt_ar=question.prompt_ar, prompt_en=question.prompt_en,
        options=tuple(SetOption(o.text_ar, o.text_en, o.event_id) for o in options),
        correct=correct, explanation_ar=question.explanation_ar, explanation_en=question.explanation_en,
        sources=tuple(question.sources), event_ids=tuple(question.event_ids), origin="generated",
    )
