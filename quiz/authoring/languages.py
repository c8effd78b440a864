"""Which language a question's text is in, and which way it reads.

Imports meet question banks in several languages (an Arabic bank with a few English questions, a French
one). A question's language is decided once, on import, in this order:

1. what the file says: `lang`-tagged paragraphs (our own bilingual exports, Moodle's multilang spans) or the
   native file's `lang` field, kept by the importer;
2. the script: any Arabic letter makes it Arabic ("CPU" or "George W. Bush" inside an Arabic sentence does
   not make it English);
3. otherwise the language whose most common words (articles, prepositions, pronouns: "the", "le", "el",
   "der"…) and letters ("ñ", "ç", "ß", "ğ") the question's texts use most, taken all together (a prompt
   alone is often too short); with no evidence ("CPU", "1990"), English, the product's second language (an
   English label on a text in another Latin-script language still gives it the right direction).

Why not a statistical identifier such as py3langid or lingua: measured here, py3langid costs a server
worker 70 MB more for as long as it lives (numpy and its tokeniser automaton) and 0.8 s to load, lingua is a
96 MB wheel; question banks are written in a handful of languages, in whole sentences, where function words
decide as well (see tests/unit/test_interop_languages.py), in a few kilobytes and microseconds. Swapping in
a library is a change to `_identify` alone.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .model import SetQuestion

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "ku", "sd", "dv"})
DEFAULT = "en"
# The most frequent function words of the languages school question banks are written in, besides Arabic;
# words shared by several languages count for each of them. Lowercase, without the apostrophe's elision.
_WORDS = {
    "en": "the of and to in is was were which who what when where did does do how why a an for on with by from "
          "that this these those it its are be been has have had not or as at his her their they he she",
    "fr": "le la les des du de un une et est sont était étaient qui que quel quelle quels quelles quand où "
          "comment pourquoi dans pour sur avec par au aux ce cette ces il elle ils elles ne pas a été en l d qu",
    "es": "el la los las del de un una y es son era fue fueron qué quién quiénes cuál cuándo dónde cómo por "
          "para con en al se su sus lo no como pero más",
    "de": "der die das den dem des ein eine einer und ist sind war waren wer was welche welcher wann wo wie "
          "warum im in mit von zu auf für nicht sich auch",
    "it": "il lo la gli le dei degli delle di del della un una e è sono era erano chi che quale quando dove "
          "come perché nel nella per con su da non anche ha hanno qual dell dello nell all sull",
    "pt": "o a os as do da dos das de um uma e é são era foram quem qual quando onde como por que no na "
          "nos nas para com pelo pela não em",
    "nl": "de het een en is zijn was waren wie wat welke wanneer waar hoe waarom van in op met voor door niet",
    "tr": "bir ve bu da de ne hangi kim nerede zaman nasıl neden için ile mi mı mu mü olan oldu değil",
    "id": "yang dan di ke dari ini itu apa siapa kapan mana bagaimana mengapa untuk dengan adalah pada tidak",
}
WORDS = {lang: frozenset(text.split()) for lang, text in _WORDS.items()}
CANDIDATES = tuple(WORDS)
# Letters one language uses and the others of CANDIDATES (nearly) never: strong evidence, worth a word each.
_LETTERS = {"es": "ñ¿¡", "fr": "çœêèëîûù", "de": "ßäöü", "pt": "ãõ", "tr": "ğışİ"}
_TOKEN = re.compile(r"[^\W\d_]+")


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


def _identify(text: str) -> str:
    """The candidate language with the most evidence in `text`; DEFAULT when English has as much, or when no
    other language has two distinct pieces of evidence (two of its words, or a word and its letters): one
    short word ("a", "y") is no evidence of a language."""
    tokens = set(_TOKEN.findall(text.lower()))
    counts = {lang: (len(tokens & words), sum(text.count(mark) for mark in _LETTERS.get(lang, "")))
              for lang, words in WORDS.items()}
    scores = {lang: hits + marks for lang, (hits, marks) in counts.items()}
    best = max(scores, key=lambda lang: scores[lang])
    hits, marks = counts[best]
    if best == DEFAULT or scores[DEFAULT] >= scores[best] or hits + (1 if marks else 0) < 2:
        return DEFAULT
    return best


def detect_language(texts: Iterable[str | None], *, arabic_script: bool = True) -> str:
    """The language of a question's texts, taken together: "ar", one of CANDIDATES, or DEFAULT (English).
    `arabic_script=False` for the English fields, whose text is never Arabic (the fields say so)."""
    text = "\n".join(t for t in texts if t)
    if arabic_script and letters(text)[0]:
        return "ar"
    return _identify(text)


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
