"""A second look at the years the rules left unread: a learned reader of one question.

The extractor's rules (``extract.py``) read a year when its form or its words say it dates an event, and leave
it alone when they say it is a count, a name, a title, a plan... Between the two sits a long tail the rules do
not decide: a year after a place («ماجستير العلوم العسكرية بماليزيا 1983»), after an event's name in brackets
(«مجزرة بوسطن (1770)»), on a line of its own over the entry it dates. On the corpus's dev texts about one key
statement in forty is such a year, and a rule written for one part's forms did not reach the next part.

So the question "does this year, which no candidate covers, date an event?" is answered by a logistic
regression over the words and marks around the year (``features``), trained on the corpus's dev keys by
``bench/train_second_look.py``, which writes ``second_look.json`` (its weights, its threshold, and what it
was trained on). A year scored at or over the threshold becomes a year candidate with low confidence and a
basis that says how it was found, so the review page shows it as one to check.

Measured one keying round left out at a time (each of ``t9_`` to ``t23_`` scored by a model trained on every
other dev text): recall 85.6% -> 86.5% and precision 90.0% -> 89.4% over the fifteen rounds, 4,852 statements
(``python -m bench.train_second_look --rounds``). A year the rules found and set aside (a stamp, a title, a
comparison, the second date of a clause...) or judged a count is not looked at: giving the model the rule's reason
as a feature measured the same, and the rules' decisions stay theirs (their tests say what they are). A bare number
the rules only doubted (no particle before it, a year before the page's centuries) is looked at, with that doubt
among its features: leaving those to the rules took the whole gain away.

Pure and linear: one pass over the year tokens, each looked up against the candidates by bisection.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .arabic_dates import to_western_digits

__all__ = ["BASIS", "MODEL_PATH", "Covered", "Model", "Seen", "YearToken", "load_model", "unread_years"]

MODEL_PATH = Path(__file__).with_name("second_look.json")
BASIS = "a year standing alone, judged a date by the second look"
EARLIEST, LATEST = 500, 2030  # the years a token may be (three digits from 500: Western years of early pages)

# A run of three or four digits that is not part of a longer number, a decimal, a clock time or a numeric date
_TOKEN_RE = re.compile(
    r"(?<![0-9\u0660-\u0669./:-])([0-9\u0660-\u0669]{3,4})(?![0-9\u0660-\u0669]|[.,][0-9]|/[0-9]|:[0-9])")
_WORD_RE = re.compile(r"[\u0621-\u0652\u0671-\u06d3a-zA-Z]+")  # letters with their short vowels and tatweel
_MARKS_RE = re.compile("[\u064b-\u0652\u0640]")  # short vowels and the tatweel
_CLITICS = ("وب", "ول", "وف", "و", "ب", "ل", "ف", "ك")
_LINE_EDGE = " -–•*·:()"
_WINDOW = 400  # how far back or ahead a line or sentence end is looked for (bounded: linear in the text)


@dataclass(frozen=True)
class YearToken:
    """A year no candidate covers, where it is, and the features the model reads of it."""

    start: int
    end: int
    year: int
    features: dict[str, float]


@dataclass(frozen=True)
class Seen:
    """What the rules saw at ``text[start:end]``: a date expression they ``found`` (kept or set aside: theirs to
    decide), a number they judged a ``count`` (also theirs), or one they ``doubted`` was a year (a bare number, a
    year before the page's centuries: the second look weighs that doubt among its features)."""

    start: int
    end: int
    kind: str  # found | count | doubted


@dataclass(frozen=True)
class Model:
    """A logistic regression: ``bias`` plus the weights of the features present, through the logistic."""

    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The trained model, or None when the file is absent (the extractor then reads by its rules alone)."""
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Model(float(raw["bias"]), {str(k): float(v) for k, v in raw["weights"].items()}, float(raw["threshold"]))


@lru_cache(maxsize=65536)  # (a page repeats its words: normalising each once is a fifth of the look's time)
def _normal(word: str) -> str:
    word = _MARKS_RE.sub("", word)
    return word.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").replace("ة", "ه").replace("ى", "ي")


@lru_cache(maxsize=65536)
def _without_clitic(word: str) -> str:
    """«وبماليزيا» -> «ماليزيا»: the word without a leading conjunction or preposition (a stem of three at least)."""
    for clitic in _CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            return word[len(clitic):]
    return word


def _mark(ch: str) -> str:
    """What kind of character touches the year: a space, a line break, a digit, a letter, or the mark itself."""
    if ch == "":
        return "none"
    if ch == "\n":
        return "nl"
    if ch.isspace():
        return "sp"
    if ch.isdigit():
        return "dig"
    if "\u0621" <= ch <= "\u064a":
        return "ar"
    if ch.isalpha():
        return "lat"
    return "p" + ch


def _bucket(value: int, bounds: Sequence[int]) -> int:
    return bisect_right(bounds, value)


class Covered:
    """The candidates' date spans, merged and sorted, for "is this token covered" and "how far is the last one"."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]
        self.span_starts = sorted(s for s, _ in spans)

    def covers(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def starting_in(self, start: int, end: int) -> int:
        return bisect_left(self.span_starts, end) - bisect_left(self.span_starts, start)

    def distance_back(self, pos: int) -> int | None:
        i = bisect_right(self.ends, pos) - 1
        return pos - self.ends[i] if i >= 0 else None


def _year_of(digits: str) -> int:
    return int(to_western_digits(digits))


def features(text: str, start: int, end: int, year: int, covered: Covered, years: Sequence[int],
             page: dict[str, float]) -> dict[str, float]:
    """What the model reads of the year at ``text[start:end]``: the three words before it and the two after (as
    written, and without a leading clitic), the characters touching it, where it sits in its line and
    sentence, how near the candidates are (in the text and in years), and the page's own figures."""
    f: dict[str, float] = {}
    line_before = text[max(0, start - 60):start].rsplit("\n", 1)[-1]
    line_after = text[end:end + 60].split("\n", 1)[0]
    before = [_normal(w) for w in _WORD_RE.findall(line_before)][-3:]
    after = [_normal(w) for w in _WORD_RE.findall(line_after)][:2]
    for i, word in enumerate(reversed(before), start=1):
        f[f"p{i}={word}"] = 1.0
        f[f"p{i}s={_without_clitic(word)}"] = 1.0
    if before:
        f[f"p1pre={before[-1][:1]}"] = 1.0
    else:
        f["p1=<none>"] = 1.0
    for i, word in enumerate(after, start=1):
        f[f"n{i}={word}"] = 1.0
        f[f"n{i}s={_without_clitic(word)}"] = 1.0
    if not after:
        f["n1=<none>"] = 1.0
    f["cb=" + _mark(text[start - 1] if start else "")] = 1.0
    f["ca=" + _mark(text[end] if end < len(text) else "")] = 1.0
    f["cb2=" + _mark(text[start - 2] if start > 1 else "")] = 1.0
    f["ca2=" + _mark(text[end + 1] if end + 1 < len(text) else "")] = 1.0
    f[f"len={end - start}"] = 1.0
    f["eastern"] = float(not text[start].isascii())
    f[f"cent={year // 100}"] = 1.0
    f["round100"] = float(year % 100 == 0)
    f["round10"] = float(year % 10 == 0)
    # (each search bounded by _WINDOW: a page with no line break must not cost a scan of the page per year)
    back, ahead = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    line_start = text.rfind("\n", back, start) + 1 or back
    line_end = text.find("\n", end, ahead)
    line_end = ahead if line_end < 0 else line_end
    f["linestart"] = float(text[line_start:start].strip(_LINE_EDGE) == "")
    f["lineend"] = float(text[end:line_end].strip(" -–:.،,)") == "")
    f[f"linelen={min(5, (line_end - line_start) // 40)}"] = 1.0
    sentence_start = max(text.rfind(".", back, start) + 1, line_start)
    dot = text.find(".", end, ahead)
    sentence_end = line_end if dot < 0 else min(dot, line_end)
    f[f"sent_cands={min(3, covered.starting_in(sentence_start, sentence_end))}"] = 1.0
    gap = covered.distance_back(start)
    f[f"prevdist={4 if gap is None else _bucket(gap, (5, 20, 80, 300))}"] = 1.0
    if years:
        f["inrange"] = float(years[0] - 5 <= year <= years[-1] + 5)
        i = bisect_left(years, year)
        near = min(abs(year - years[j]) for j in (i - 1, i) if 0 <= j < len(years))
        f[f"near={_bucket(near, (1, 4, 21, 101))}"] = 1.0
    else:
        f["nocands"] = 1.0
    f.update(page)
    return f


def _empty_heading(text: str, start: int, end: int) -> bool:
    """A year alone on its line with another year opening the next: a heading with nothing under it (a list of
    years whose entry for this one is missing), which dates no statement."""
    line_start = text.rfind("\n", max(0, start - 20), start) + 1
    line_end = text.find("\n", end, end + 20)
    if line_end < 0 or text[line_start:start].strip(_LINE_EDGE) or text[end:line_end].strip(_LINE_EDGE + ".،,"):
        return False
    return _TOKEN_RE.match(text[line_end + 1:line_end + 20].lstrip(" -–•*·")) is not None


def unread_years(text: str, spans: Sequence[tuple[int, int]], years: Sequence[int],
                 seen: Sequence[Seen] = ()) -> list[YearToken]:
    """Every year token of ``text`` that the rules did not decide, with its features: no date span of ``spans``
    (the candidates') covers it, nor anything ``seen`` says the rules found or judged a count. ``years`` are the
    candidates' own years (the page's timeline, for "is this year near the others")."""
    covered = Covered(spans)
    decided = Covered([*spans, *((s.start, s.end) for s in seen if s.kind != "doubted")])
    doubted = Covered([(s.start, s.end) for s in seen if s.kind == "doubted"])
    tokens = []
    for m in _TOKEN_RE.finditer(text):
        year = _year_of(m.group(1))
        if EARLIEST <= year <= LATEST:
            tokens.append((m.start(1), m.end(1), year))
    if not tokens:
        return []
    # the page's figures: how much of its years the rules read, and how many it has
    share = sum(1 for t in tokens if covered.covers(t[0], t[1])) / len(tokens)
    page = {f"cov={int(share * 4)}": 1.0, f"ntok={min(4, len(tokens) // 10)}": 1.0}
    ordered = sorted(years)
    out = []
    for start, end, year in tokens:
        if decided.covers(start, end) or _empty_heading(text, start, end):
            continue
        f = features(text, start, end, year, covered, ordered, page)
        if doubted.covers(start, end):
            f["doubted"] = 1.0  # the rules judged it no year (a bare number, a year before the page's centuries)
        out.append(YearToken(start, end, year, f))
    return out
