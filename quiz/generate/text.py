"""A plain-text rendering of questions for the CLI's `--format text` and for reading generated quizzes.

Numbered questions, lettered options (Arabic letters in Arabic), the right answer marked, then the
explanation: enough for a teacher to review a generated quiz in a terminal.
"""

from __future__ import annotations

from typing import Sequence

from quiz.chronology.model import Chronology

from .question import MCQ, Question

# Option letters: Arabic papers label options in abjad order (أبجد هوز حطي), as Arabic tests and textbooks do,
# with the isolated heh written «هـ» so that it reads as a letter, not a word.
OPTION_LETTERS: dict[str, tuple[str, ...]] = {
    "ar": ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي"),
    "en": tuple("abcdefghij"),
}
_WORDS = {
    "ar": {"answer": "الإجابة", "order": "الترتيب الصحيح", "difficulty": "الصعوبة", "why": "الشرح",
           "easy": "سهل", "medium": "متوسط", "hard": "صعب"},
    "en": {"answer": "Answer", "order": "Correct order", "difficulty": "Difficulty", "why": "Explanation",
           "easy": "easy", "medium": "medium", "hard": "hard"},
}


def format_text(questions: Sequence[Question], lang: str = "ar") -> str:
    """Render the questions in one language ("ar" or "en") as numbered plain text."""
    if lang not in _WORDS:
        raise ValueError(f"lang must be 'ar' or 'en', not {lang!r}")
    words = _WORDS[lang]
    letters = OPTION_LETTERS[lang]
    blocks: list[str] = []
    for number, question in enumerate(questions, start=1):
        level = words.get(question.difficulty, question.difficulty)
        lines = [f"{number}. {question.prompt(lang)}  [{question.kind}, {words['difficulty']}: {level}]"]
        letter_of = {option.id: letters[i] for i, option in enumerate(question.options)}
        for option in question.options:
            right = question.type == MCQ and option.id == question.answer
            mark = " ✓" if right else ""
            lines.append(f"   {letter_of[option.id]}) {option.text(lang)}{mark}")
        if question.type == MCQ:
            lines.append(f"   {words['answer']}: {letter_of[str(question.answer)]}")
        else:
            separator = "، " if lang == "ar" else ", "
            order = separator.join(letter_of[item] for item in question.answer)
            lines.append(f"   {words['order']}: {order}")
        explanation = question.explanation(lang).replace("\n", "\n      ")
        lines.append(f"   {words['why']}: {explanation}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def format_review(questions: Sequence[Question], chronology: Chronology, lang: str = "ar") -> str:
    """Questions as a reviewer reads them against the articles: prompt, options (each event option with its
    date and kind, so a wrong key shows), the key, the explanation, and for every event the question rests on
    each source's title with our note on how the date was read."""
    plain = format_text(questions, lang).split("\n\n")
    blocks: list[str] = []
    for question, text in zip(questions, plain):
        lines = [text.rstrip("\n")]
        lines.append("   -- for the reviewer --")
        for option in question.options:
            if option.event_id and chronology.has_event(option.event_id):
                event = chronology.event(option.event_id)
                end = f" – {event.end}" if event.end else ""
                lines.append(f"   [{event.kind.value} {event.date}{end}] {option.text(lang)}")
        for event_id in dict.fromkeys([*question.subject_ids, *question.event_ids]):
            if not chronology.has_event(event_id):
                continue
            event = chronology.event(event_id)
            for ref in event.sources:
                title = chronology.source(ref.doc).title_en
                note = f": {ref.note}" if ref.note else ""
                lines.append(f"   {event_id} <- {ref.doc} ({title}){note}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
