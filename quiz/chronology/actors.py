"""Who and where a clause names: registry mentions with their exact offsets, and people, places and groups the
registry does not know yet, for the teacher to confirm. Pure: no Flask, no database.

Registry names are matched like the extractor matches them (``normalise_arabic`` spelling, whole words, the
proclitics و ف ب ل ك in front, «لل» for a name that starts with «ال», longest name first), but here every
mention keeps its offsets in the article: the title needs to know what comes right after the verb, and the
teacher needs the evidence for every link.

A new entity is proposed only from a pattern that says what it is: a title before a name («الرئيس X»,
«رئيس الوزراء X», «الجنرال X», «وزير الدفاع الأميركي X»), a place word before a name («مدينة X»,
«محافظة X»), or a group word before a name or a quoted name («حركة X», «منظمة "X"»). A bare capitalised
word does not exist in Arabic, so nothing is guessed without such a cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Mapping, Sequence

from .arabic_dates import normalise_arabic
from .model import Entity

__all__ = ["Mention", "NewEntity", "Token", "find_mentions", "new_entities", "tokens"]

NewKind = Literal["person", "place", "group"]

_MARK_CHARS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_MARK_RE = re.compile(f"[{_MARK_CHARS}]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك"})
# A word, a number with its separators («7.5», «165,000»), or one punctuation mark.
_TOKEN_RE = re.compile(rf"\d+(?:[.,\u066b\u066c]\d+)+(?![^\W_])|(?:[^\W_]|[{_MARK_CHARS}])+|[^\s{_MARK_CHARS}]")


@dataclass(frozen=True)
class Token:
    """A word (letters and digits) or one punctuation mark, with its offsets in the article."""

    start: int
    end: int
    raw: str
    norm: str  # normalise_arabic spelling, for comparisons

    @property
    def is_word(self) -> bool:
        return self.raw[:1].isalnum() or bool(_MARK_RE.match(self.raw[:1]))


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end], offsets in ``text``."""
    return [
        Token(m.start(), m.end(), m.group(), normalise_arabic(m.group()))
        for m in _TOKEN_RE.finditer(text, start, end)
    ]


@dataclass(frozen=True)
class Mention:
    """A registry entity named in the text at text[start:end] (the name itself, without a proclitic)."""

    entity_id: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class NewEntity:
    """Someone or somewhere the registry does not know, with the words that show what it is."""

    name_ar: str
    kind: NewKind
    evidence: str  # the cue and the name as written, e.g. «الرئيس الأميركي X»
    start: int  # offsets of the evidence in the article
    end: int

    def to_dict(self) -> dict[str, object]:
        return {"name_ar": self.name_ar, "kind": self.kind, "evidence": self.evidence,
                "start": self.start, "end": self.end}


# -- registry mentions -----------------------------------------------------------------------------------


def _folded(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """text[start:end] in normalise_arabic letters with marks dropped, and each kept character's offset in text.

    Not ``normalise_arabic`` itself, which also collapses spaces: here the offsets must survive.
    """
    chars: list[str] = []
    offsets: list[int] = []
    for index in range(start, end):
        ch = text[index]
        if _MARK_RE.match(ch):
            continue
        chars.append(" " if ch.isspace() else ch.translate(_LETTERS))
        offsets.append(index)
    offsets.append(end)
    return "".join(chars), offsets


def name_keys(entries: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, tuple[str, str]]:
    """Every Arabic name and alias of the registry, normalised -> (entity id, kind); the first entity to use a
    name keeps it. Both name matchers (here and the extractor's) are built from it."""
    names: dict[str, tuple[str, str]] = {}
    for entity_id, kind, all_names in entries:
        for name in all_names:
            key = normalise_arabic(name)
            if key:
                names.setdefault(key, (entity_id, kind))
    return names


@lru_cache(maxsize=8)
def _first_words(entries: tuple[tuple[str, str, tuple[str, ...]], ...]) -> frozenset[str]:
    """The first word of every name (normalised), and of every «ال» name without its «ال» (written «لل…»): a
    word that is none of these, with its proclitics taken off, cannot begin a name, so the long alternation of
    every name is not tried there (it was most of a long article's cost)."""
    firsts: set[str] = set()
    for _entity_id, _kind, all_names in entries:
        for name in all_names:
            key = normalise_arabic(name)
            if key:
                first = key.split(" ")[0]
                firsts.add(first)
                if first.startswith("ال"):
                    firsts.add(first[2:])
    return frozenset(firsts)


def _may_begin_a_name(word: str, firsts: frozenset[str]) -> bool:
    for lead in ("", "و", "ف"):
        if not word.startswith(lead):
            continue
        rest = word[len(lead):]
        if rest in firsts or (rest[:1] in ("ب", "ل", "ك") and rest[1:] in firsts) or (
                rest.startswith("لل") and rest[2:] in firsts):
            return True
    return False


_WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8)
def _matcher(
    entries: tuple[tuple[str, str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    names = name_keys(entries)
    plain, lil, groups = [], [], {}
    for index, key in enumerate(sorted(names, key=len, reverse=True)):
        body = r"\s+".join(re.escape(w) for w in key.split(" "))
        plain.append(f"(?P<n{index}>{body})")
        groups[f"n{index}"] = names[key]
        if key.startswith("ال") and len(key) > 3:  # «للعراق»: the name is «العراق»
            lil.append(f"(?P<l{index}>{body[2:]})")
            groups[f"l{index}"] = names[key]
    if not plain:
        return re.compile(r"(?!)"), groups
    alternatives = rf"[وف]?[بلك]?(?:{'|'.join(plain)})"
    if lil:
        alternatives += rf"|[وف]?لل(?:{'|'.join(lil)})"
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])"), groups


def find_mentions(text: str, start: int, end: int, registry: Mapping[str, Entity] | None) -> list[Mention]:
    """Registry entities named in text[start:end], in text order, longest name first and never overlapping."""
    if not registry:
        return []
    entries = tuple((e.id, e.kind, e.all_names_ar()) for e in registry.values())
    pattern, groups = _matcher(entries)
    firsts = _first_words(entries)
    folded, offsets = _folded(text, start, end)
    found: list[Mention] = []
    pos = 0
    for word in _WORD_RE.finditer(folded):
        if word.start() < pos or not _may_begin_a_name(word.group(), firsts):
            continue
        m = pattern.match(folded, word.start())
        if not m or not m.lastgroup:
            continue
        entity_id, kind = groups[m.lastgroup]
        name_start = m.start(m.lastgroup)
        raw_start = offsets[name_start]
        if m.lastgroup.startswith("l"):  # the «ال» was written as the second ل of «لل»
            raw_start = offsets[name_start - 1]
        found.append(Mention(entity_id, kind, raw_start, offsets[m.end() - 1] + 1))
        pos = m.end()
    return found


# -- people, places and groups the registry does not know ---------------------------------------------------

# Titles that come before a person's name (normalised, without proclitics). Two-word titles are a head and
# what may follow it: «رئيس الوزراء», «وزير الدفاع» (any «ال» word after the head is read as part of the title).
PERSON_TITLES = frozenset(normalise_arabic(w) for w in (
    "الرئيس", "رئيس", "نائب", "الجنرال", "الفريق", "اللواء", "العميد", "العقيد", "الوزير", "وزير", "وزيرة",
    "الزعيم", "زعيم", "القائد", "قائد", "الملك", "الأمير", "الشيخ", "المرشد", "السفير", "المبعوث", "مستشار",
    "المستشار", "الأمين", "السيناتور", "السيد", "الرئيسة", "رئيسة", "المتحدث", "الناطق",
))
# Words that may sit between a title and the name: the office's complement and what qualifies it.
TITLE_QUALIFIERS = frozenset(normalise_arabic(w) for w in (
    "حينها", "حينذاك", "آنذاك", "آنئذ", "بالوكالة", "السابق", "السابقة", "الجديد", "الجديدة", "العام", "الدين",
    "باسم",
))
_PLACE_WORDS = frozenset(normalise_arabic(w) for w in (
    "مدينة", "محافظة", "بلدة", "قرية", "منطقة", "ولاية", "إقليم", "قضاء", "ناحية", "مخيم", "ميناء", "قاعدة",
    "جزيرة", "عاصمة",
))
_GROUP_WORDS = frozenset(normalise_arabic(w) for w in (
    "تنظيم", "منظمة", "حركة", "جماعة", "حزب", "ميليشيا", "ميليشيات", "فصيل", "كتائب", "عصائب", "جبهة", "تحالف",
))
# Words that never begin or continue a name.
STOP_WORDS = frozenset(normalise_arabic(w) for w in (
    "في", "من", "إلى", "على", "عن", "مع", "أن", "أنه", "أنها", "إن", "بأن", "لأن", "و", "أو", "ثم", "حتى", "منذ",
    "بعد", "قبل", "خلال", "عند", "عندما", "حين", "الذي", "التي", "الذين", "هو", "هي", "كان", "كانت", "قد", "لقد",
    "ما", "لا", "لم", "لن", "كل", "بين", "نحو", "حوالي", "حوالى", "أكثر", "أول", "آخر", "أخرى", "الأخرى", "شمال",
    "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "قرب", "بالقرب", "عام", "العام", "يوم",
    "الأول", "الثاني", "هذا", "هذه", "ذلك", "تلك", "لدى", "عبر", "ضد", "دون", "بشكل", "تقريبا", "أيضا",
    "نفسه", "نفسها", "ذاته", "ذاتها", "بدعم", "المدعومة", "المدعوم", "شبه", "إضافي", "إضافية",
))
_ARABIC_WORD_RE = re.compile(r"[\u0621-\u064a]+")  # a name is written in Arabic letters (Latin text is a gloss)
_QUOTES_OPEN = "\"«“'‘"
_QUOTES_CLOSE = {"«": "»", "“": "”", "‘": "’", "\"": "\"", "'": "'"}


def _base(token: Token) -> str:
    """The word without a leading و/ف/ب/ل proclitic when what remains is a known cue word."""
    word = token.norm
    if word[:1] in "وفبل" and word[1:] in PERSON_TITLES | _PLACE_WORDS | _GROUP_WORDS:
        return word[1:]
    return word


def _is_nisba(word: str) -> bool:
    """«الأميركي», «العراقية», «الإيرانيون»: an adjective of origin, part of a title rather than a name."""
    return word.startswith("ال") and word.endswith(("ي", "ية", "يون", "يين"))


def _name_words(toks: Sequence[Token], index: int, verbs: frozenset[str], *, most: int) -> int:
    """How many tokens from ``index`` can be a proper name (0 if none)."""
    count = 0
    while count < most and index + count < len(toks):
        tok = toks[index + count]
        word = tok.norm
        if (not tok.is_word or not _ARABIC_WORD_RE.fullmatch(word) or word in STOP_WORDS or word in verbs
                or _base(tok) in PERSON_TITLES | _PLACE_WORDS | _GROUP_WORDS):
            break
        if word[:1] in "وب" and word[1:] in STOP_WORDS:
            break
        if count == 0 and (word.startswith(("ال", "لل", "و")) or _is_nisba(word) or word.endswith(("ية", "يا"))):
            break  # «قاعدة جوية», «وموقعا أميركيا»: a description, not a name
        if count > 0 and (_is_nisba(word) or word.endswith("ة") or word.startswith(("وال", "وا"))):
            break  # «... وأبو مهدي»: the next name, not this one's end
        count += 1
    return count


def _span(toks: Sequence[Token], first: int, last: int, text: str) -> str:
    return text[toks[first].start:toks[last].end]


def new_entities(
    text: str, toks: Sequence[Token], mentions: Sequence[Mention], verbs: frozenset[str] = frozenset()
) -> list[NewEntity]:
    """People, places and groups named in ``toks`` behind a cue word, that no registry mention covers.

    ``verbs`` are normalised verb forms that end a name («الرئيس أوباما أعلن»).
    """
    covered = [(m.start, m.end) for m in mentions]

    def is_known(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in covered)

    found: list[NewEntity] = []
    seen: set[str] = set()

    def add(name_first: int, name_last: int, cue: int, kind: NewKind) -> None:
        start, end = toks[name_first].start, toks[name_last].end
        name = text[start:end].strip(_QUOTES_OPEN + "".join(_QUOTES_CLOSE.values()))
        if is_known(start, end) or not name or normalise_arabic(name) in seen:
            return
        seen.add(normalise_arabic(name))
        found.append(NewEntity(name, kind, _span(toks, cue, name_last, text), toks[cue].start, end))

    for index, tok in enumerate(toks):
        base = _base(tok)
        if base in PERSON_TITLES:
            after = index + 1
            while after < len(toks) and after - index <= 5 and (
                toks[after].norm.startswith("ال") and toks[after].norm not in STOP_WORDS
                or toks[after].norm in TITLE_QUALIFIERS or toks[after].raw in "،,"
                or (toks[after].norm in PERSON_TITLES and toks[after - 1].norm in PERSON_TITLES)
            ):
                second_title = toks[after].norm in PERSON_TITLES and toks[after - 1].norm not in PERSON_TITLES
                if second_title and after > index + 1:
                    break  # a second title: «رئيس الوزراء العراقي الرئيس الأميركي ...» names two people
                after += 1
            count = _name_words(toks, after, verbs, most=3)
            if count:
                add(after, after + count - 1, index, "person")
        elif base in _PLACE_WORDS:
            count = _name_words(toks, index + 1, verbs, most=2)
            if count:
                add(index + 1, index + count, index, "place")
        elif base in _GROUP_WORDS:
            quoted = _quoted(toks, index + 1)
            if quoted is not None:
                add(index + 1, quoted, index, "group")
            elif base != normalise_arabic("تحالف"):  # «تحالف دولي»: an alliance is named only in quotes
                count = _group_name_words(toks, index + 1, verbs)
                if count:
                    name = _span(toks, index, index + count, text)
                    start, end = toks[index].start, toks[index + count].end
                    if not is_known(start, end) and normalise_arabic(name) not in seen:
                        seen.add(normalise_arabic(name))
                        found.append(NewEntity(name, "group", name, start, end))
    return found


def _quoted(toks: Sequence[Token], index: int) -> int | None:
    """The index of the last token of a quoted name starting at ``index`` (the closing quote), else None."""
    if index >= len(toks) or toks[index].raw not in _QUOTES_OPEN:
        return None
    closing = _QUOTES_CLOSE[toks[index].raw]
    for last in range(index + 1, min(len(toks), index + 8)):
        if toks[last].raw == closing:
            return last if last > index + 1 else None
    return None


def _group_name_words(toks: Sequence[Token], index: int, verbs: frozenset[str]) -> int:
    """A group's name after its cue word, unquoted: «حركة حماس», «حزب الله», «عصائب أهل الحق» (1-2 words)."""
    count = 0
    while count < 2 and index + count < len(toks):
        tok = toks[index + count]
        if (not tok.is_word or not _ARABIC_WORD_RE.fullmatch(tok.norm) or tok.norm in STOP_WORDS
                or tok.norm in verbs or _is_nisba(tok.norm)):
            break
        if count == 0 and tok.norm[:1] == "و":
            break
        count += 1
    return count
