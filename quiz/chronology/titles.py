"""A candidate event -> the title, actors, places and new entities the review page pre-fills. Pure: no Flask.

``propose(candidate, text, registry)`` reads the candidate's clause (``text[candidate.start:candidate.end]``)
and proposes what a history teacher would write on a timeline:

Title
-----
1. **Template** (rule ``template:<verb key>``): the clause's main verb from the lexicon (``event_verbs``) becomes
   its verbal noun, followed by the doer and the words the verb governed: «أعلن الرئيس الأميركي باراك أوباما
   أنه سيسحب ...» -> «إعلان باراك أوباما أنه سيسحب ...». The main verb is the first lexicon verb after the date
   expression (the event the date belongs to), else the first in the clause; never one inside a relative clause.
   The doer is the registry name right after the verb once titles are skipped («الرئيس الأميركي», «وزير الدفاع
   بالوكالة»), or the one right before it; behind «زعيم داعش، أبو بكر البغدادي» it is the person, not the
   group. Verbs of what happened TO someone («قُتل», «اغتال», «أعدم») name the person: «مقتل قاسم سليماني».
   The governed words stop at the first comma, date, relative clause or adjunct («بحلول», «وفقا», «بعد», ...).
2. **Clause** (rule ``clause``): when no lexicon verb is found, the clause itself, its date expressions,
   leading particles («وفي», «ثم», «ومن ثم», a heading before a colon) and trailing asides removed. The last
   resort (rule ``words``) keeps the clause words that are not words of its date expression.

Either way the title has at most ``TITLE_MAX_WORDS`` whole words of the clause (plus the verbal noun), never
a date expression, a four-digit number or a month name (Gregorian or Levantine), and does not end on a
preposition or an unclosed quote. ``title_en`` is None: nothing here translates honestly.

Actors and places
-----------------
Registry mentions in the clause itself (``actors.find_mentions``), not in a trailing aside that follows the
event (an aside that opens with «مما» and ends the war begun against «نظام صدام حسين» names Saddam, who did
nothing here): the doer first, then the others in text order. ``proposed``: people, places and groups the
registry does not know, found behind a cue word (``actors.new_entities``).

Who
---
When the template's verb maps onto a "who" relation (``who_verbs``) and names ONE person: the registry doer of
an active verb («أعلن أوباما ...»), the one person a passive reading names («قُتل سليماني ...»), or a new person
proposed right after the verb (``WhoProposal.new``, once the teacher adds them with a role). ``does_ar`` is the
verb in the perfect agreeing with the person (أعلن / أعلنت) and the words it governs, cut like a title: never the
person's name nor a date. A plural verb, two people, a state or a group as the doer: no "who".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence

from ..messages import N_
from .actors import (
    PERSON_TITLES,
    TITLE_QUALIFIERS,
    Mention,
    NewEntity,
    Token,
    find_mentions,
    new_entities,
    tokens,
)
from .arabic_dates import (
    MONTH_NAME_PATTERN,
    ORDINAL_DAY_PATTERN,
    QUALIFIER_PATTERN,
    YEAR_WORD_PATTERN,
    normalise_arabic,
    to_western_digits,
)
from .event_verbs import EventVerb, masdars, verb_forms
from .extract import Candidate
from .model import Entity
from .who_verbs import WHO_VERBS, WhoVerb

__all__ = ["DOES_MAX_WORDS", "NO_TITLE", "TITLE_MAX_WORDS", "EventProposal", "WhoProposal", "propose"]

TITLE_MAX_WORDS = 10
# A clause with no word but its date and particles («بحلول 2003 على»): nothing to make a title of; the
# teacher writes one (the review screen shows the clause beside it).
NO_TITLE = "—"
# A "who" prompt quotes does_ar whole («أيّ رئيس أميركي <does_ar> في <date>؟»): a phrase, not a paragraph.
DOES_MAX_WORDS = TITLE_MAX_WORDS


@dataclass(frozen=True)
class WhoProposal:
    """The one person a "who" question could ask for, what they did without their name, and the relation
    (quiz.chronology.who_verbs); the teacher confirms, edits or clears it on the review screen."""

    person: str  # a registry id; "" for a proposed new person (``new``)
    relation: str
    does_ar: str
    new: int | None = None  # the person is EventProposal.proposed[new], once the teacher adds them with a role

    def to_dict(self) -> dict[str, object]:
        return {"person": self.person, "relation": self.relation, "does_ar": self.does_ar, "new": self.new}


@dataclass(frozen=True)
class EventProposal:
    """What the review page pre-fills for one candidate; the teacher confirms or edits every part."""

    title_ar: str
    title_en: str | None
    actor_ids: tuple[str, ...]  # the doer first
    place_ids: tuple[str, ...]
    proposed: tuple[NewEntity, ...] = ()
    rule: str = "clause"  # which rule made the title: "template:<verb key>", "clause" or "words"
    basis: str = ""  # the same for the reviewer: a Message (quiz/messages.py), translated at the edge
    subject_id: str | None = None  # the doer when it is a registry entity (a "who" question's answer)
    evidence: Mapping[str, str] = field(default_factory=dict)  # id -> the words that name it in the clause
    who: WhoProposal | None = None  # a "who" for the event, when the verb and its person allow one

    def review_fields(self) -> dict[str, object]:
        """The shape the review screen pre-fills (quiz.services.articles.default_fields)."""
        return {
            "title_ar": self.title_ar, "title_en": self.title_en or "", "actors": self.actor_ids,
            "places": self.place_ids,
            "proposed": tuple(
                {"kind": p.kind, "name_ar": p.name_ar, "name_en": "", "role": "", "evidence": p.evidence}
                for p in self.proposed
            ),
        }

    def to_dict(self) -> dict[str, object]:
        return {
            "title_ar": self.title_ar, "title_en": self.title_en, "actor_ids": list(self.actor_ids),
            "place_ids": list(self.place_ids), "proposed": [p.to_dict() for p in self.proposed],
            "rule": self.rule, "basis": str(self.basis), "subject_id": self.subject_id, "evidence": dict(self.evidence),
            "who": None if self.who is None else self.who.to_dict(),
        }


# -- date expressions inside the clause -----------------------------------------------------------------------

_LB = r"(?<![^\W\d_])(?:[وبل](?=\S))?"
_YEAR4 = r"(?<![0-9٠-٩۰-۹])[0-9٠-٩۰-۹]{4}(?![0-9٠-٩۰-۹])"
_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*"
_REL_UNIT = r"(?:ال(?:عام|سنة|شهر|يوم|[أا]سبوع))"
_REL_WORD = r"(?:ذاته|نفسه|ذاتها|نفسها|التالي|التالية|الماضي|الماضية|المقبل|المقبلة|الحالي|الجاري|السابق)"
_OFFSET_UNIT = (r"(?:يوما|يومين|يوم|[أا]يام|[أا]سبوعا|[أا]سبوعين|[أا]سبوع|[أا]سابيع|شهرا|شهرين|شهر|[أا]شهر|شهور"
                r"|عاما|عامين|عام|[أا]عوام|سنة|سنتين|سنوات|سنين)")
_NUMBER_WORD = r"(?:ثلاث[ةه]?|[أا]ربع[ةه]?|خمس[ةه]?|ست[ةه]?|سبع[ةه]?|ثماني[ةه]?|تسع[ةه]?|عشر[ةه]?|عد[ةه]|بضع[ةه]?)"
_DATE_RE = re.compile(
    "|".join((
        # day + month (+ year): «20 مارس (آذار) 2003», «الثالث من يناير 2020», «أوائل شهر مارس»
        rf"{_LB}(?:{QUALIFIER_PATTERN}\s*)?(?:(?:[0-9٠-٩]{{1,2}}|{ORDINAL_DAY_PATTERN})\s*(?:من\s+)?)?(?:شهر\s*)?"
        rf"{_LB}{MONTH_NAME_PATTERN}(?:\s*[(\[/]\s*{MONTH_NAME_PATTERN}\s*[)\]]?)?"
        rf"(?:\s*[،,]?\s*(?:من\s+)?(?:{YEAR_WORD_PATTERN}\s*)?{_YEAR4}(?:\s*م(?![^\W\d_]))?"
        rf"|\s+من\s+{_REL_UNIT}\s+{_REL_WORD})?",
        # a year: «عام 2011», «نهاية عام 2017», «2003م», «بين عامي 2015 و2017»
        rf"{_LB}(?:{QUALIFIER_PATTERN}\s*)?(?:(?:{YEAR_WORD_PATTERN}|عامي|العامين)\s*)?{_YEAR4}(?:\s*م(?![^\W\d_]))?",
        # the same / next / last period: «الشهر ذاته», «نفس العام», «العام التالي»
        rf"{_LB}(?:من\s+)?{_REL_UNIT}{_MARKS}\s+{_REL_WORD}",
        rf"{_LB}(?:نفس|ذات)\s+{_REL_UNIT}",
        # an offset: «بعد ثلاثة أعوام», «بعد ذلك بثلاثة أعوام», «بعد أيام قليلة»
        rf"{_LB}(?:بعد|قبل)\s+(?:ذلك\s+)?(?:ب\s*)?(?:(?:[0-9٠-٩]+|{_NUMBER_WORD})\s*)?{_OFFSET_UNIT}(?![^\W\d_])"
        r"(?:\s+قليل[ةه])?",
    ))
)
# Words that belong to a date expression written before it: «وفي», «منذ», «بحلول», «يوم», «بين عامي».
_DATE_LEADERS = frozenset(normalise_arabic(w) for w in (
    "في", "وفي", "منذ", "ومنذ", "حتى", "وحتى", "بحلول", "وبحلول", "خلال", "وخلال", "إلى", "الى", "من", "ومن",
    "بين", "عامي", "بتاريخ", "يوم", "اعتبارا", "اعتباراً", "ابتداء", "ابتداءً", "مع", "ومع", "لغاية", "بدءا", "و",
    "عام", "العام", "سنة", "لعام",
))
_MONTH_WORD_RE = re.compile(rf"(?:[وبلف])?(?:{MONTH_NAME_PATTERN})")
_LEVANTINE_FIRST = frozenset(("كانون", "تشرين"))


def _is_year(digits: str) -> bool:
    """A four-digit number that can be a year («8000 غارة» cannot, and stays in a title)."""
    digits = to_western_digits(digits)
    return digits.isdigit() and len(digits) == 4 and 1000 <= int(digits) <= 2100


def _is_year_or_month(tok: Token) -> bool:
    if _is_year(tok.raw):
        return True
    return bool(_MONTH_WORD_RE.fullmatch(tok.norm)) or tok.norm in _LEVANTINE_FIRST


def _overlapping(toks: Sequence[Token], ranges: Sequence[tuple[int, int]]) -> set[int]:
    """Indexes of the tokens (in text order) that overlap any of the ranges: one walk over both, sorted, rather
    than every token against every range (a clause of thousands of dates made that quadratic)."""
    merged: list[list[int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    found: set[int] = set()
    k = 0
    for i, tok in enumerate(toks):
        while k < len(merged) and merged[k][1] <= tok.start:
            k += 1
        if k < len(merged) and merged[k][0] < tok.end:
            found.add(i)
    return found


def _dated(text: str, toks: Sequence[Token], spans: Sequence[tuple[int, int]]) -> set[int]:
    """Indexes of tokens that are part of a date expression (the candidate's or any other), with their particles."""
    start, end = (toks[0].start, toks[-1].end) if toks else (0, 0)
    ranges = list(spans) + [
        (m.start(), m.end()) for m in _DATE_RE.finditer(text, start, end)
        if all(_is_year(n) for n in re.findall(r"[0-9٠-٩۰-۹]{4}", m.group()))
    ]
    dated = _overlapping(toks, ranges)
    dated |= {i for i, t in enumerate(toks) if _is_year_or_month(t)}
    for i in sorted(dated):  # «وفي» before a date, and «إلى»/«و» between two dates
        j = i - 1
        while j >= 0 and j not in dated and (toks[j].norm in _DATE_LEADERS or toks[j].raw in "(/"):
            dated.add(j)
            j -= 1
    for i in range(len(toks)):  # a bracket around a date's other month name: «مارس (آذار)»
        if toks[i].raw in ")]" and i - 1 in dated:
            dated.add(i)
    return dated


# -- the main verb, its doer and what it governs ---------------------------------------------------------------

_SUBORDINATORS = frozenset(normalise_arabic(w) for w in ("عندما", "حين", "حينما", "لما", "بعدما", "إذ", "كي", "لكي"))
_RELATIVES = frozenset(normalise_arabic(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"))
# Where the event's own words end and an aside begins (these also end a title).
_ASIDE_WORDS = _RELATIVES | frozenset(normalise_arabic(w) for w in (
    "مما", "حيث", "وحيث", "وذلك", "وهو", "وهي", "ليصبح", "لتصبح", "ليعتبر", "بينما", "فيما", "وفيما",
))
_ADJUNCT_WORDS = frozenset(normalise_arabic(w) for w in (
    "بحلول", "وفقا", "وفقاً", "وفق", "بموجب", "عندما", "حين", "بعد", "قبل", "منذ", "خلال", "إثر", "اثر",
    "عقب", "رغم", "بسبب", "احتجاجا", "احتجاجاً", "تاركين", "منهين", "مؤكدة", "مؤكدا", "مستهدفة", "متقدمين",
    "بالتزامن", "لتجنب", "بمتوسط", "باعتبارها", "باعتباره", "بالنظر", "للمرة", "لأول", "بشكل", "على رأس",
))
_CLAUSE_PUNCT = frozenset("،,؛;:.!?؟()[]{}")
# What may not end a title: prepositions, conjunctions, «أن», counters of a cut-off phrase.
_DANGLING = frozenset(normalise_arabic(w) for w in (
    "في", "من", "إلى", "على", "عن", "مع", "أن", "بأن", "أنه", "أنها", "و", "أو", "ب", "ل", "لـ", "حتى", "منذ",
    "بين", "نحو", "حوالي", "حوالى", "قرابة", "أكثر", "ما", "لا", "قد", "ثم", "كما", "عبر", "ضد", "لدى", "الذي",
    "التي", "بمشاركة", "بدعم", "بقيادة", "إما", "أي", "كل", "عدد", "أيدي", "يد", "المدعومة", "المدعوم",
    "الموالية", "الموالي", "التابعة", "التابع", "المعروف", "المعروفة", "أجل", "بالقرب",
))
_LEADING = frozenset(normalise_arabic(w) for w in (
    "و", "وفي", "في", "ثم", "ومن", "من", "وبالفعل", "بالفعل", "كما", "وقد", "قد", "فقد", "لقد", "ولكن", "لكن",
    "وبعد", "بعد", "وأخيرا", "وأخيراً", "أخيرا", "وبالتزامن", "بالتزامن", "وبناء", "ذلك", "على", "منذ", "ومنذ",
    "وبفضل", "ف",
))
_POSSESSIVE_HEADS = frozenset(normalise_arabic(w) for w in (
    "زعيم", "الزعيم", "قائد", "القائد", "رئيس", "نائب", "مؤسس", "مستشار", "وزير", "أمير", "المتحدث", "الناطق",
))
_WORD_END_MARKS = str.maketrans("", "", "\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a"
                                "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656"
                                "\u0657\u0658\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670\u0640")


def _verb_key(tok: Token) -> str:
    """A token as the lexicon spells verb forms: marks removed, ى as ي, hamza kept."""
    return tok.raw.translate(_WORD_END_MARKS).replace("ى", "ي")


@dataclass(frozen=True)
class _Verb:
    index: int
    verb: EventVerb
    marked: bool  # feminine or plural ending: an active verb with its doer after it


def _find_verbs(toks: Sequence[Token], skip: set[int]) -> list[_Verb]:
    forms = verb_forms()
    found = []
    for i, tok in enumerate(toks):
        hit = forms.get(_verb_key(tok)) if i not in skip else None
        if hit is None:
            continue
        verb, marked = hit
        if i > 0 and toks[i - 1].norm in _RELATIVES:
            continue  # «التي أنشأها», «الذي أطاح»: background, not the event
        if verb.needs_next and not any(t.norm.startswith(verb.needs_next) for t in toks[i + 1:i + 5]):
            continue  # «حصل الشيعة على ...», «وقّع الطرفان اتفاقية ...»
        found.append(_Verb(i, verb, marked))
    return found


def _main_verb(toks: Sequence[Token], skip: set[int], date_first: int, date_last: int) -> _Verb | None:
    """The verb the date belongs to (see the module docstring); None when the clause's event has no lexicon verb."""
    found = _find_verbs(toks, skip)
    right_before = [v for v in found if v.index < date_first and all(i in skip for i in range(v.index + 1, date_first))
                    and v.index + 1 in skip]
    if right_before:  # «انتفاضة انطلقت في أكتوبر»: the verb the date modifies
        return right_before[-1]
    # A verb after «عندما/حين» is the background of the main one, unless it is the only one.
    main = [v for v in found if not (v.index > 0 and toks[v.index - 1].norm in _SUBORDINATORS)]
    verbs = main or found
    after = [v for v in verbs if v.index > date_last
             and not any(t.norm in _ASIDE_WORDS for t in toks[date_last + 1:v.index])]
    if after and _statement_between(toks, {v.index for v in found}, date_last, after[0].index):
        return None  # «في 22 فبراير، أدّى تفجير ضريح ... ، قُتل خلالها ...»: the event is the first statement
    before = [v for v in verbs if v.index < date_last]
    chosen = after or before
    return chosen[0] if chosen else None


def _statement_between(toks: Sequence[Token], verbs_at: set[int], date_last: int, verb_index: int) -> bool:
    """Whether a whole comma-fragment of four words or more follows the date first, without a lexicon verb and
    not opening on a preposition («، خلال الحوار الاستراتيجي الأخير ،» is an adjunct, not a statement)."""
    words: list[Token] = []
    has_verb = False
    for i in range(date_last + 1, verb_index):
        if toks[i].raw in "،,؛;":  # a fragment the verb's own does not reach
            opener = words[0].norm if words else ""
            if len(words) >= 4 and not has_verb and opener not in _ADJUNCT_WORDS | _LEADING | _DANGLING:
                return True
            words, has_verb = [], False
        elif i in verbs_at:
            has_verb = True
        elif toks[i].is_word:
            words.append(toks[i])
    return False


@dataclass
class _Clause:
    """The clause read once: tokens, dates, registry mentions by token."""

    text: str
    toks: list[Token]
    dated: set[int]
    mentions: list[Mention]
    mention_at: dict[int, Mention]  # first token of a mention -> the mention
    mention_end: dict[int, int]  # first token of a mention -> index after its last token
    covered: set[int]  # tokens inside a mention

    def after(self, index: int) -> int:
        return self.mention_end.get(index, index + 1)


def _read_clause(text: str, start: int, end: int, date_span: tuple[int, int],
                 registry: Mapping[str, Entity] | None) -> _Clause:
    toks = tokens(text, start, end)
    dated = _dated(text, toks, [date_span])
    mentions = find_mentions(text, start, end, registry)
    mention_at: dict[int, Mention] = {}
    mention_end: dict[int, int] = {}
    covered: set[int] = set()
    for m in mentions:
        inside = [i for i, t in enumerate(toks) if t.start < m.end and m.start < t.end]
        if inside:
            mention_at[inside[0]] = m
            mention_end[inside[0]] = inside[-1] + 1
            covered.update(inside)
    return _Clause(text, toks, dated, mentions, mention_at, mention_end, covered)


def _doer_after(c: _Clause, verb_index: int) -> tuple[Mention | None, int]:
    """The registry entity that does the verb, named right after it behind any titles; and where its words end."""
    i, heads = verb_index + 1, 0
    while i < len(c.toks) and i - verb_index <= 8 and i not in c.dated:
        mention = c.mention_at.get(i)
        if mention is not None:
            if mention.kind == "place":
                break
            if mention.kind != "person" and i > verb_index + 1 and c.toks[i - 1].norm in _POSSESSIVE_HEADS:
                # «زعيم داعش، أبو بكر البغدادي»: the group is whose leader; the leader, if named, is the doer
                j = c.after(i)
                while j < len(c.toks) and (c.toks[j].raw in "،," or c.toks[j].norm in TITLE_QUALIFIERS):
                    j += 1
                person = c.mention_at.get(j)
                if person is not None and person.kind == "person":
                    return person, c.after(j)
                break
            return mention, c.after(i)
        tok = c.toks[i]
        base = tok.norm[1:] if tok.norm[:1] == "و" and tok.norm[1:] in PERSON_TITLES else tok.norm
        if base in PERSON_TITLES:
            heads += 1
            if heads > 1 and c.toks[i - 1].norm not in PERSON_TITLES:
                break  # a second title: the first names someone the registry does not know
        elif not heads or not (tok.norm.startswith("ال") or tok.norm in TITLE_QUALIFIERS or tok.raw in "،,"):
            break
        i += 1
    return None, verb_index + 1


def _doer_before(c: _Clause, verb_index: int) -> Mention | None:
    """«الولايات المتحدة أسقطت ...»: a registry entity that ends right before the verb."""
    for first, mention in c.mention_at.items():
        if c.mention_end[first] == verb_index and mention.kind != "place":
            return mention
    return None


_THAT = frozenset(normalise_arabic(w) for w in ("أن", "أنه", "أنها", "بأن", "بأنه", "بأنها", "أنهم"))
_BACKED = frozenset(normalise_arabic(w) for w in ("المدعومة", "المدعوم", "المدعومين"))
_SKIPPED_FIRST = frozenset(normalise_arabic(w) for w in ("خلالها", "خلاله", "فيها", "فيه", "حينها", "آنذاك"))


def _governed(c: _Clause, start: int, limit: int) -> list[int]:
    """The tokens from ``start`` that the verb governs, up to a comma, date, aside or adjunct.

    Commas, dates and «خلالها/فيها» right after the verb or its doer are skipped («أعلن أوباما، في فبراير
    2009، خططه ...»); a registry name is taken whole or not at all.
    """
    forms = verb_forms()
    out: list[int] = []
    skipped = start
    while start < len(c.toks) and (
        start in c.dated or c.toks[start].raw in "،," or c.toks[start].norm in _SKIPPED_FIRST
    ):
        start += 1
    if start > skipped and start < len(c.toks) and _verb_key(c.toks[start]) in forms:
        return []  # «عندما انسحب الجيش، قُتل ...»: past the comma is another event
    i = start
    while i < len(c.toks):
        tok = c.toks[i]
        if tok.raw in "،," and i + 1 < len(c.toks) and c.toks[i + 1].norm in _THAT and i + 1 not in c.dated:
            out, i = [], i + 1  # «أعلن أوباما المعارض للحرب، أنه سيسحب ...»: what he announced, not the aside
            continue
        if len(out) >= limit or i in c.dated or tok.raw in _CLAUSE_PUNCT:
            break
        if i in c.mention_at:
            whole = list(range(i, c.after(i)))
            if len(out) + len(whole) > limit:
                break
            out.extend(whole)
            i = c.after(i)
            continue
        if tok.norm in _ASIDE_WORDS or tok.norm in _ADJUNCT_WORDS:
            break
        if tok.norm == "في" and i + 1 < len(c.toks) and c.toks[i + 1].norm == "حين":
            break
        if tok.norm in _BACKED and i + 2 < len(c.toks) and c.toks[i + 1].norm == "من" and i + 2 in c.mention_at:
            i = c.after(i + 2)  # «القوات العراقية المدعومة من الولايات المتحدة»: who backed the doer, not the event
            continue
        key = _verb_key(tok)
        purpose_next = i + 1 < len(c.toks) and c.toks[i + 1].norm[:2] in ("لي", "لت")
        if out and tok.norm[:1] == "و" and purpose_next:
            break  # «... وتوسّع ليستحوذ على ...»: a second event and its purpose
        if out and (key[:1] == "و" and key[1:] in forms or key[:1] == "ل" and key[1:2] in "يت" and key[1:] in forms):
            break  # «... وتوسّع», «... لتعلن النصر»: the next event, or its purpose
        out.append(i)
        i += 1
    return out


def _words(c: _Clause, indexes: Sequence[int]) -> int:
    return sum(1 for i in indexes if c.toks[i].is_word)


def _render(c: _Clause, indexes: Sequence[int]) -> str:
    """The tokens as written: no space where the source had none («لـ"مهمتها"», «(SOFA)»), else one."""
    out: list[str] = []
    previous: Token | None = None
    for i in indexes:
        tok = c.toks[i]
        if previous is not None and previous.end != tok.start:
            out.append(" ")
        out.append(tok.raw.replace("\u0640", ""))  # tatweel stretches a word in its line, not in a title
        previous = tok
    return "".join(out).strip()


_OPENING = {"«": "»", "“": "”", "(": ")", "[": "]"}


def _tidy(c: _Clause, indexes: list[int], *, lead: bool = False) -> list[int]:
    """No date, year or month; no leading particle or trailing preposition; quotes closed; whole words only."""
    kept = [i for i in indexes if i not in c.dated and not _is_year_or_month(c.toks[i])]
    changed = True
    while changed and kept:
        changed = False
        last = c.toks[kept[-1]]
        cut_mark = not last.is_word and last.raw not in "»”)]\"" or last.raw in "(«“["
        if last.norm in _DANGLING or _is_trailing_verb(last) or cut_mark:
            kept.pop()
            changed = True
            continue
        if _unbalanced(c, kept):
            kept = _close_quotes(c, kept)
            changed = True
    while kept and lead and (
        c.toks[kept[0]].norm in _LEADING or not c.toks[kept[0]].is_word and c.toks[kept[0]].raw not in "«“\"("
    ):
        kept.pop(0)
    return kept


def _is_trailing_verb(tok: Token) -> bool:
    """«... دولة خلافة تمتد», «... رجل إضافي يرفعون»: a present-tense verb cut from its sentence ends no title."""
    word = tok.norm
    return word in _CUT_VERBS or (word[:1] == "ي" and word.endswith("ون") and len(word) > 4)


_CUT_VERBS = frozenset(normalise_arabic(w) for w in ("يدعى", "تدعى", "يسمى", "تسمى", "تمتد", "يمتد", "يبلغ", "تبلغ"))


def _unbalanced(c: _Clause, kept: Sequence[int]) -> bool:
    raws = [c.toks[i].raw for i in kept]
    return (raws.count('"') % 2 == 1 or any(raws.count(o) != raws.count(cl) for o, cl in _OPENING.items()))


def _close_quotes(c: _Clause, kept: list[int]) -> list[int]:
    """Drop the last unmatched quote mark (a title cut inside a quotation reads as the words themselves)."""
    raws = [c.toks[i].raw for i in kept]
    for position in range(len(raws) - 1, -1, -1):
        raw = raws[position]
        if raw == '"' and raws.count('"') % 2 == 1:
            return kept[:position] + kept[position + 1:]
        pair = _OPENING.get(raw) or next((o for o, cl in _OPENING.items() if cl == raw), None)
        if pair is not None:
            opening = raw if raw in _OPENING else pair
            if raws.count(opening) != raws.count(_OPENING[opening]):
                return kept[:position] + kept[position + 1:]
    return kept


def _name(c: _Clause, mention: Mention) -> str:
    """A registry name as the clause writes it, without the proclitic in front («وأبو مهدي» -> «أبو مهدي»)."""
    return " ".join(c.text[mention.start:mention.end].split())


def _genitive(surface: str) -> str:
    """«الأميركيون» after a verbal noun is in the genitive: «الأميركيين» (nisba plurals only: «البنتاغون» stays)."""
    words = surface.split(" ")
    for position, word in enumerate(words[:3]):  # «القادة العراقيون» -> «القادة العراقيين»
        if word.startswith("ال") and word.endswith("يون"):
            words[position] = word[:-2] + "ين"
    return " ".join(words)


def _limit(words_before: int) -> int:
    return max(0, TITLE_MAX_WORDS - words_before)


_PRONOUN_OBJECTS = frozenset(normalise_arabic(w) for w in (
    "منه", "منها", "عليه", "عليها", "إليه", "إليها", "له", "لها", "به", "بها", "فيه", "فيها", "عنه", "عنها",
))


def _template_basis(c: _Clause, v: _Verb) -> str:
    return f"template:{v.verb.key}:{c.toks[v.index].raw}"


def _template(c: _Clause, v: _Verb) -> tuple[str, str, Mention | None] | None:
    """The verbal-noun title, its basis and the doer; None when the words after the verb make no title."""
    masdar = v.verb.masdar
    doer, rest = _doer_after(c, v.index)
    if doer is None:
        doer = _doer_before(c, v.index)
    if v.verb.victim:
        return _victim_title(c, v, doer, rest)
    head = masdar
    if doer is not None:
        head = f"{masdar} {_genitive(_name(c, doer))}"
        start = rest if rest > v.index + 1 else v.index + 1
    else:
        start = v.index + 1
    governed = _tidy(c, _governed(c, start, _limit(len(head.split(" ")))))
    if doer is None and not governed:
        governed = _np_before(c, v.index)
    if doer is None and (not governed or c.toks[governed[0]].norm in _PRONOUN_OBJECTS):
        return None  # «وانسحبوا منه»: who and from what are in the sentence before
    words = _render(c, governed)
    if doer is None:
        words = _genitive(words)
    return (f"{head} {words}".strip(), _template_basis(c, v), doer)


def _victim_title(c: _Clause, v: _Verb, doer: Mention | None, rest: int) -> tuple[str, str, Mention | None] | None:
    """«مقتل X و Y»: the people a kill/execute/arrest verb happened to, named after it."""
    aside = _aside_start(c, v.index)
    victims = [
        first for first, m in sorted(c.mention_at.items())
        if first > v.index and first < aside and m.kind == "person" and (m is not doer or not v.marked)
    ][:2]
    basis = _template_basis(c, v)
    if victims:
        names = " و".join(_name(c, c.mention_at[i]) for i in victims)
        head = f"{v.verb.masdar} {names}"
        tail: list[int] = []
        if len(victims) == 1:
            tail = _tidy(c, _governed(c, c.after(victims[0]), _limit(len(head.split(" ")))))
        return (f"{head} {_render(c, tail)}".strip(), basis, doer)
    # No named victim: «قتلت القوات الأمريكية زعيم التنظيم» names him after the doer; «قُتل أكثر من 100 ألف
    # مدني» right after the verb.
    start = rest if (doer is not None and v.marked and rest > v.index + 1) else v.index + 1
    governed = _tidy(c, _governed(c, start, _limit(1)))
    if not governed:
        return None
    return (f"{v.verb.masdar} {_render(c, governed)}", basis, doer)


def _nominal(c: _Clause, date_first: int) -> tuple[str, str, Mention | None] | None:
    """«... حتى انسحاب الأميركيين من البلاد عام 2011»: a sentence without a lexicon verb may name its event by a
    verbal noun right before the date; the title is that phrase."""
    made = {normalise_arabic(m) for m in masdars()}
    for i in range(date_first - 2, max(-1, date_first - 8), -1):
        word = c.toks[i].norm
        if i in c.dated or c.toks[i].raw in _CLAUSE_PUNCT:
            return None
        if word in made or (word[:1] == "و" and word[1:] in made):
            phrase = _tidy(c, list(range(i, date_first)))
            if _words(c, phrase) >= 2:
                return _render(c, phrase).removeprefix("و"), "template::" + c.toks[i].raw, None
    return None


def _np_before(c: _Clause, verb_index: int) -> list[int]:
    """«انتفاضة شعبية غير مسبوقة انطلقت»: the words before a verb, back to a relative, comma, verb or date."""
    forms = verb_forms()
    out: list[int] = []
    for i in range(verb_index - 1, max(-1, verb_index - 6), -1):
        tok = c.toks[i]
        key = _verb_key(tok)
        if (i in c.dated or not tok.is_word or tok.norm in _ASIDE_WORDS or tok.norm in _LEADING
                or key in forms or key.rstrip("هام") in forms):
            break
        out.insert(0, i)
    return out


def _aside_start(c: _Clause, after: int) -> int:
    """The first token of a trailing aside after token ``after`` (len(toks) if none)."""
    for i in range(after + 1, len(c.toks)):
        if c.toks[i].norm in _ASIDE_WORDS:
            return i
    return len(c.toks)


def _clause_title(c: _Clause) -> str:
    """The clause without dates, leading particles, a heading before a colon, and trailing asides."""
    indexes = [i for i in range(len(c.toks)) if i not in c.dated]
    for position, i in enumerate(indexes[:5]):
        if c.toks[i].raw == ":":
            indexes = indexes[position + 1:]
            break
    while indexes and c.toks[indexes[0]].raw == "(" and ")" in [c.toks[i].raw for i in indexes[:6]]:
        indexes = indexes[[c.toks[i].raw for i in indexes].index(")") + 1:]  # a dateline: «(بغداد)»
    indexes = _tidy(c, indexes, lead=True)  # leading particles first, so that the cut below counts real words
    kept: list[int] = []
    for i in indexes:
        tok = c.toks[i]
        if _words(c, kept) >= 3 and (tok.raw in "،,؛;:.()" or tok.norm in _ASIDE_WORDS or tok.norm in _ADJUNCT_WORDS):
            break
        if _words(c, kept) >= TITLE_MAX_WORDS and tok.is_word:
            break
        kept.append(i)
    return _render(c, _tidy(c, kept, lead=True))


# -- the whole proposal ---------------------------------------------------------------------------------------


def _locate(candidate: Candidate, text: str) -> tuple[str, int, int, tuple[int, int]]:
    """The text and offsets to read: the article itself when the candidate's offsets point into it."""
    if text[candidate.start:candidate.end] == candidate.text_ar:
        return text, candidate.start, candidate.end, (candidate.date_start, candidate.date_end)
    at = candidate.text_ar.find(candidate.date_text) if candidate.date_text else -1
    span = (at, at + len(candidate.date_text)) if at >= 0 else (0, 0)
    return candidate.text_ar, 0, len(candidate.text_ar), span


def _safe(title: str, date_text: str) -> bool:
    norm = normalise_arabic(title)
    has_a_word = any(ch.isalnum() for ch in norm)  # «" "» is no title
    return has_a_word and not (date_text and normalise_arabic(date_text) in norm)


@lru_cache(maxsize=1)
def _name_enders() -> frozenset[str]:
    """Every verb form and verbal noun (with and without «ال»), normalised: built once, not per candidate."""
    nouns = {normalise_arabic(m) for m in masdars()}
    return frozenset(normalise_arabic(f) for f in verb_forms()) | nouns | {"ال" + n for n in nouns}


def propose(candidate: Candidate, text: str, registry: Mapping[str, Entity] | None) -> EventProposal:
    """The title, actors, places and new entities for one extracted candidate (see the module docstring)."""
    source, start, end, date_span = _locate(candidate, text)
    c = _read_clause(source, start, end, date_span, registry)
    date_last = max((i for i in c.dated if c.toks[i].start < date_span[1]), default=-1)
    date_first = min((i for i in c.dated if c.toks[i].end > date_span[0]), default=len(c.toks))
    verb = _main_verb(c.toks, c.dated | c.covered, date_first, date_last)
    made = _template(c, verb) if verb is not None else _nominal(c, date_first)
    doer: Mention | None = None
    if made is not None and _safe(made[0], candidate.date_text):
        title, made_by, doer = made
        _, key, verb_as_written = made_by.split(":", 2)
        rule = f"template:{key}" if key else "nominal"
        basis = (N_("the verbal noun of «%(verb)s» and the words it governs", verb=verb_as_written) if key
                 else N_("the event the sentence names before its date"))
    else:
        title, rule = _clause_title(c), "clause"
        basis = N_("the sentence without its dates, opening words and asides")
    if not _safe(title, candidate.date_text):
        title, rule = _fallback(c, candidate), "words"
        basis = N_("words of the sentence that are not its date")
    aside = _aside_start(c, max(date_last, verb.index if verb else -1))
    cut = c.toks[aside].start if aside < len(c.toks) else end
    mentions = [m for m in c.mentions if m.start < cut]
    actors = [m.entity_id for m in mentions if m.kind != "place"]
    if doer is not None:
        actors.insert(0, doer.entity_id)
    # Verb forms and verbal nouns end a name: «الرئيس جيمس ويلسون انسحاب بلاده».
    verbs = _name_enders()
    inside = [t for t in c.toks if t.start < cut]
    proposed = tuple(new_entities(source, inside, mentions, verbs))
    who = None
    if verb is not None and made is not None and rule.startswith("template:"):
        who = _who(c, verb, doer, registry, candidate.date_text)
        if who is None and doer is None and registry is not None:
            who = _new_person_who(c, verb, proposed, candidate.date_text)
    return EventProposal(
        title_ar=title,
        title_en=None,
        actor_ids=tuple(dict.fromkeys(actors)),
        place_ids=tuple(dict.fromkeys(m.entity_id for m in mentions if m.kind == "place")),
        proposed=proposed,
        rule=rule,
        basis=basis,
        subject_id=doer.entity_id if doer is not None else None,
        evidence={m.entity_id: source[m.start:m.end] for m in reversed(mentions)},
        who=who,
    )


# -- the "who" of an event -------------------------------------------------------------------------------------


def _who(c: _Clause, v: _Verb, doer: Mention | None, registry: Mapping[str, Entity] | None,
         date_text: str) -> WhoProposal | None:
    """A "who" when the verb maps onto a relation (who_verbs) and names ONE registry person with a role:
    the doer of an active verb, the one it happened to for a passive reading. ``does_ar`` is the verb in the
    perfect, agreeing with the person, and the words it governs (``_governed``, cut like a title), never the
    person's name nor a date."""
    spec = _who_verb(c, v)
    if spec is None or registry is None:
        return None
    after, rest = _doer_after(c, v.index)
    people: list[int] = []
    if spec.passive:
        aside = _aside_start(c, v.index)
        people = [first for first, m in sorted(c.mention_at.items())
                  if v.index < first < aside and m.kind == "person"]
        if len(people) != 1:
            return None  # «مقتل سليماني والمهندس»: two right answers
        person = c.mention_at[people[0]]
        # «قُتلت X»: the feminine ending agrees with X only when X is what follows the verb.
        feminine = v.marked and after is person
        start = c.after(people[0])
    else:
        if doer is None or doer.kind != "person":
            return None
        person, feminine = doer, v.marked
        start = rest if after is doer else v.index + 1
    entity = registry.get(person.entity_id)
    if entity is None or entity.kind != "person" or not entity.roles:
        return None  # the loader wants a person with a role: the other options share it
    names = (*entity.all_names_ar(), _name(c, person))
    does = _deed(c, v, spec, start, feminine, people[0] if people else None, names, date_text)
    return None if does is None else WhoProposal(entity.id, spec.relation, does)


def _who_verb(c: _Clause, v: _Verb) -> WhoVerb | None:
    if _verb_key(c.toks[v.index]).endswith(("وا", "ون")):
        return None  # a plural verb: several people did it, no one answer
    return WHO_VERBS.get(v.verb.key)


def _new_person_who(c: _Clause, v: _Verb, proposed: Sequence[NewEntity], date_text: str) -> WhoProposal | None:
    """«أعلن الرئيس الأميركي جو بايدن ...» with a president the registry does not know: the person proposed right
    after the verb, if the teacher adds them with a role (``WhoProposal.new``: their place in ``proposed``)."""
    spec = _who_verb(c, v)
    if spec is None or v.index + 1 >= len(c.toks) or any(
            v.index < first < _aside_start(c, v.index) and m.kind == "person" for first, m in c.mention_at.items()):
        return None  # a registry person is there: the rule above, or two people
    following = c.toks[v.index + 1].start
    found = [(k, p) for k, p in enumerate(proposed) if p.kind == "person" and p.start == following]
    if not found:
        return None
    k, person = found[0]
    start = next((i for i, t in enumerate(c.toks) if t.start >= person.end), len(c.toks))
    if start < len(c.toks) and c.toks[start].norm.startswith("ال"):
        return None  # «سامي الحمداني خطة ...»: the name may go on where the proposal stopped it
    does = _deed(c, v, spec, start, v.marked, None, (person.name_ar,), date_text)
    return None if does is None else WhoProposal("", spec.relation, does, new=k)


def _deed(c: _Clause, v: _Verb, spec: WhoVerb, start: int, feminine: bool, named_at: int | None,
          names: Sequence[str], date_text: str) -> str | None:
    """The verb agreeing with the person and the words it governs from ``start``; None when that says nothing,
    names the person or holds the date."""
    governed = _governed(c, start, DOES_MAX_WORDS)
    # «... 30 ألف رجل إضافي يرفعون إجمالي ...»: a present-tense verb opens another statement; the deed ends there.
    governed = _tidy(c, governed[:next((k for k, i in enumerate(governed) if _is_trailing_verb(c.toks[i])),
                                       len(governed))])
    if spec.passive and not governed and named_at is not None:
        # «كُلّف تشكيل الحكومة رئيس الاستخبارات مصطفى الكاظمي»: what it was comes before the name
        before = _governed(c, v.index + 1, DOES_MAX_WORDS)
        titles = [i for i in before if i >= named_at or c.toks[i].norm in PERSON_TITLES]
        governed = _tidy(c, [i for i in before if i < min(titles, default=named_at)])
    if not spec.passive and (not governed or c.toks[governed[0]].norm[:1] == "و"):
        return None  # «أعلن» alone says nothing; «أعلن بايدن والكاظمي ...»: two people did it
    does = f"{spec.feminine if feminine else spec.masculine} {_render(c, governed)}".strip()
    norm = normalise_arabic(does)
    if not _safe(does, date_text) or any(normalise_arabic(n) in norm for n in names if n.strip()):
        return None
    return does


def _fallback(c: _Clause, candidate: Candidate) -> str:
    """Last resort: clause words that are neither date words nor words of the date expression."""
    date_words = {normalise_arabic(w) for w in candidate.date_text.split()}
    kept = [i for i in range(len(c.toks)) if c.toks[i].is_word and c.toks[i].norm not in date_words]
    tidy = _tidy(c, kept, lead=True)[:TITLE_MAX_WORDS]
    # Nothing left once particles go («في 2003 المدعومة»): the words themselves, the teacher will rewrite them.
    rest = tidy or [i for i in kept if i not in c.dated and not _is_year_or_month(c.toks[i])][:TITLE_MAX_WORDS]
    title = _render(c, rest)
    return title if any(ch.isalnum() for ch in title) else NO_TITLE
