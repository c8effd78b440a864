"""What templates need from the answer-type registry: which template holds a question's macros.

`{% import answer_template(question) as answer_ui with context %}` then `answer_ui.controls(…)`, `review`,
`item_analysis`, `set_options`, `paper`, `label`: pages never ask which type a question is. Two macros are
optional: `editor_answer(form, language)`, a type's own answer rows in the question editor (several correct
answers, true/false; the others use the editor's option rows), and `choose_hint(id)`, what the learner is told
about picking (the projector shows it too).
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from ..scoring.answer_types import ANSWER_TYPES, TRUE_FALSE, answer_type


def answer_template(question: Any) -> str:
    """The macros template of a served question, a set question or a type's name."""
    name = question if isinstance(question, str) else question.type
    return answer_type(name).template


def answer_type_names() -> list[str]:
    return [name for name, kind in ANSWER_TYPES.items() if kind.authorable]


def true_false_text(index: int | None, lang: str) -> str:
    """The word a true/false question's `correct` (0 true, 1 false) stands for: the one its learners are served."""
    arabic, english = TRUE_FALSE[1 if index else 0]
    return arabic if lang == "ar" else english


def init_app(app: Flask) -> None:
    app.add_template_global(answer_template, "answer_template")
    app.add_template_global(answer_type_names, "answer_type_names")
    app.add_template_global(true_false_text, "true_false_text")
