"""Generated questions (quiz.generate) as editable set questions: what the "generate" wizard adds."""

from __future__ import annotations

from ..generate.question import MCQ, Question
from .model import SetOption, SetQuestion


def to_set_question(question: Question) -> SetQuestion:
    options = question.options
    if question.type == MCQ:
        correct = next(i for i, option in enumerate(options) if option.id == question.answer)
    else:
        by_id = {option.id: option for option in options}
        options = tuple(by_id[item_id] for item_id in question.answer)  # a set stores the correct order
        correct = None
    return SetQuestion(
        type="mcq" if question.type == MCQ else "ordering",
        prompt_ar=question.prompt_ar, prompt_en=question.prompt_en,
        options=tuple(SetOption(o.text_ar, o.text_en, o.event_id) for o in options),
        correct=correct, explanation_ar=question.explanation_ar, explanation_en=question.explanation_en,
        sources=tuple(question.sources), event_ids=tuple(question.event_ids), origin="generated",
    )
