"""Which language a question's text is in, and which way it reads.

Imports meet question banks in several languages (an Arabic bank with a few English questions, a French
one). A question's language is decided once, on import, in this order:

1. what the file says: `lang`-tagged paragraphs (our own bilingual exports, Moodle's multilang spans) or the
   native file's `lang` field, kept by the importer;
2. the script: any Arabic letter makes it Arabic ("CPU" or "George W. Bush" inside an Arabic sentence does
   not make it English);
3. otherwise py3langid (a small Naive Bayes identifier, 4.6 MB with numpy, about 0.1 ms a question),
   restricted to the languages school question banks are written in, over all the question's texts at once
   (a prompt alone is often too short); when it is not confident, English, the product's second language
   (an English label on a text in another Latin-script language still gives it the right direction).

py3langid is imported on first use: a server worker that never imports a file does not pay for it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from .model import SetQuestion

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "ku", "sd", "dv"})
# The languages the identifier chooses among: English and the languages of Europe's and the region's
# schools. A smaller set is a more accurate identifier on short texts.
CANDIDATES = ("en", "fr", "es", "de", "it", "pt", "nl", "tr", "id")
DEFAULT = "en"
MIN_LETTERS = 12  # fewer letters than this ("CPU", "1990") say nothing about a language
MIN_CONFIDENCE = 0.6


def letters(text: str) -> tuple[int, int]:
    """(Arabic letters, other letters) in a text: digits, spaces and punctuation do not count."""
    arabic = other = 0
    for ch in text:
        if unicodedata.category(ch).startswith("L"):
            if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufeff":
                arabic += 1
            else:
                other += 1
    return arabic, other


def is_arabic_text(text: str) -> bool:
    """Any Arabic letter: Arabic questions often carry Latin terms ("CPU", "George W. Bush", a long
    "Central Processing Unit" too), English questions rarely an Arabic word, and the importers have always
    read it so."""
    return letters(text)[0] > 0


def direction(lang: str | None, text: str = "") -> str:
    """ "rtl" or "ltr": from the language when it is known, else from the text's letters."""
    if lang:
        return "rtl" if lang.split("-")[0].lower() in RTL_LANGUAGES else "ltr"
    return "rtl" if is_arabic_text(text) else "ltr"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:  # pragma: no cover (a dependency; without it every Latin-script question is English)
        return None
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def detect_language(texts: Iterable[str | None], *, arabic_script: bool = True) -> str:
    """The language of a question's texts, taken together: "ar", one of CANDIDATES, or DEFAULT (English).
    `arabic_script=False` for the English fields, whose text is never Arabic (the fields say so)."""
    text = "\n".join(t for t in texts if t)
    arabic, other = letters(text)
    if arabic_script and arabic:
        return "ar"
    identifier = _identifier()
    if other < MIN_LETTERS or identifier is None:
        return DEFAULT
    language, confidence = identifier.classify(text)
    return str(language) if confidence >= MIN_CONFIDENCE else DEFAULT


def question_texts(question: SetQuestion, side: str) -> list[str | None]:
    """A question's texts on one side (`ar` or `en`): prompt, options and explanation."""
    return [getattr(question, f"prompt_{side}"), *(getattr(o, f"text_{side}") for o in question.options),
            getattr(question, f"explanation_{side}")]


def question_language(question: SetQuestion) -> str | None:
    """The one language a question is in: its recorded `lang`, else "ar" when it has only Arabic text, else
    the detected language of its other text; None for a question in both Arabic and English."""
    if question.lang:
        return question.lang
    has_ar, has_en = bool((question.prompt_ar or "").strip()), bool((question.prompt_en or "").strip())
    if has_ar and has_en:
        return None
    if has_ar:
        return "ar"
    return detect_language(question_texts(question, "en"), arabic_script=False) if has_en else None


BILINGUAL = "ar+en"


def language_counts(questions: Iterable[SetQuestion]) -> dict[str, int]:
    """How many questions are in each language ("ar+en" for a question in both), most first."""
    counts: dict[str, int] = {}
    for question in questions:
        language = question_language(question) or BILINGUAL
        counts[language] = counts.get(language, 0) + 1
    return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0] != "ar", pair[0])))
