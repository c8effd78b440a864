"""Measure the article date extractor on texts it was not written for: recall and precision per text.

    python -m bench.extractor_eval                    # the dev part of the corpus (the only part to tune on)
    python -m bench.extractor_eval --part heldout     # the held-out part: report its figure, never tune on it
    python -m bench.extractor_eval --part seeds       # the five seed articles, with bench/extractor_key.yaml
    python -m bench.extractor_eval --part all         # dev, held-out and seeds, one table each, then the corpus
    python -m bench.extractor_eval --text SLUG        # one corpus text (dev or held-out, as asked)
    python -m bench.extractor_eval --check            # exit 1 if a part is under 90% recall or precision
    python -m bench.extractor_eval --agreement        # how far two keyers agree (extractor_corpus/agreement/)

Each part ends with the teacher's side of the same figures ("review ..."): of the key's statements, how many the
review page offers as found, how many need one edit of a candidate found at them (a wrong date there is a miss
and a false hit to recall and precision, but one edit to the teacher), how many must be typed by hand, and how
many candidates the teacher rejects.

The corpus is tests/data/extractor_corpus (README.md there: what the texts are, the key format and the
annotation rules; SPLIT.yaml: which texts are held out, chosen by a seeded rule before any tuning).

Matching (corpus). Each key entry has a value and one or more quotes (where the text states it). A candidate
of ``quiz.chronology.extract.extract_events`` has a value and the span of its date expression
(``date_start:date_end``). They match when

* the values are equal: precision and date (``PartialDate.iso()``) and qualifier (early/mid/late) for a
  day, month or year; for a range, the ISO forms of its start and its end (the candidate's ``range_end``);
  a key entry that is not a range never matches a candidate that is one, and the other way round; a key
  entry of precision ``decade`` matches a candidate marked ``decade`` with the same first year and qualifier;
* and the candidate's date span overlaps one of the entry's quotes.

Recall = key entries matched / key entries; each candidate is used for one entry at most (entries in key
order take the first free candidate in text order). A candidate is correct when it matches some entry,
even one already matched through another of its quotes (a date heading and the same date in the body);
such repeats are listed as duplicates. Precision = correct candidates / candidates. Figures are per text
and overall (summed over the texts of the part, not averaged).

Seeds. The five seed articles keep the key the project already scores them with (bench/extractor_key.yaml)
and its matching (``bench/score_extractor.py``: same date, precision and qualifier, no positions: that
key has no quotes).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from quiz.chronology.extract import Candidate, extract_events  # noqa: E402
from quiz.chronology.load import load_registry  # noqa: E402
from quiz.chronology.model import Entity, PartialDate  # noqa: E402
from quiz.paths import registry_path  # noqa: E402

CORPUS = REPO / "tests" / "data" / "extractor_corpus"
SPLIT = CORPUS / "SPLIT.yaml"
TARGET = 0.90  # issue 18: held-out part and seeds, recall and precision
PARTS = ("dev", "heldout", "seeds", "all")
PRECISIONS = ("day", "month", "year", "range", "decade")
QUALIFIERS = ("early", "mid", "late")
_DECADE = re.compile(r"^\d{3}0s$")

# (precision, date or range start, range end or None, qualifier or None)
Value = tuple[str, str, str | None, str | None]


class BadKey(ValueError):
    """An answer key that does not fit its text or the format (README.md): said with the file and entry."""


# -- the key -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    value: Value
    spans: tuple[tuple[int, int], ...]  # where the text states it: one span per quote
    quote: str  # the first quote, for the report
    note: str = ""
    inferred: bool = False

    def __str__(self) -> str:
        return f"{show(self.value)} «{self.quote}»"


@dataclass(frozen=True)
class Excluded:
    span: tuple[int, int]
    quote: str
    why: str


@dataclass(frozen=True)
class Document:
    slug: str
    text: str
    entries: tuple[Entry, ...]
    excluded: tuple[Excluded, ...]
    source: str


def show(value: Value) -> str:
    precision, date, end, qualifier = value
    text = f"{date}..{end}" if precision == "range" else date
    return f"{text} {qualifier}" if qualifier else f"{text} ({precision})"


def _iso(raw: object, where: str) -> str:
    text = str(raw)
    if re.fullmatch(r"\d{1,3}", text):  # a year before 1000 ("681"): the model's form is 0681
        text = text.zfill(4)
    try:
        return PartialDate.parse(text).iso()
    except ValueError as error:
        raise BadKey(f"{where}: {error}") from None


def _value(item: dict, where: str) -> Value:
    precision = item.get("precision")
    if precision not in PRECISIONS:
        raise BadKey(f"{where}: precision must be one of {PRECISIONS}, not {precision!r}")
    qualifier = item.get("qualifier")
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise BadKey(f"{where}: qualifier must be one of {QUALIFIERS}, not {qualifier!r}")
    if precision == "range":
        return ("range", _iso(item.get("start"), where), _iso(item.get("end"), where), None)
    date = str(item.get("date", ""))
    if precision == "decade":
        if not _DECADE.match(date):
            raise BadKey(f"{where}: a decade is written like 1980s, not {date!r}")
        return ("decade", date, None, qualifier)
    iso = _iso(date, where)
    if PartialDate.parse(iso).precision.value != precision:
        raise BadKey(f"{where}: {date!r} is not of precision {precision!r}")
    if qualifier and precision == "day":
        raise BadKey(f"{where}: a day carries no early/mid/late")
    return (precision, iso, None, qualifier)


def _span(text: str, quote: str, nth: int, where: str) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.find(quote, start + 1)
        if start < 0:
            raise BadKey(f"{where}: quote {quote!r} (occurrence {nth}) is not in the text")
    return (start, start + len(quote))


def load_document(slug: str, corpus: Path = CORPUS, keys: Path | None = None) -> Document:
    """A corpus text and its key (from ``keys`` if given: a second keyer's folder); BadKey when a quote is not in
    the text or a value is malformed."""
    text = (corpus / f"{slug}.txt").read_text(encoding="utf-8")
    key_path = (keys or corpus) / f"{slug}.key.yaml"
    raw = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    entries = []
    for index, item in enumerate(raw.get("entries") or [], start=1):
        where = f"{key_path.name} entry {index}"
        quotes = item.get("quote")
        quotes = [quotes] if isinstance(quotes, str) else list(quotes or [])
        if not quotes:
            raise BadKey(f"{where}: no quote")
        nth = int(item.get("nth", 1))
        spans = tuple(_span(text, q, nth if i == 0 else 1, where) for i, q in enumerate(quotes))
        entries.append(Entry(_value(item, where), spans, quotes[0], str(item.get("note", "")),
                             bool(item.get("inferred", False))))
    excluded = []
    for index, item in enumerate(raw.get("excluded") or [], start=1):
        where = f"{key_path.name} excluded {index}"
        quote = str(item.get("quote", ""))
        excluded.append(Excluded(_span(text, quote, int(item.get("nth", 1)), where), quote, str(item.get("why", ""))))
    if not raw.get("source"):
        raise BadKey(f"{key_path.name}: no source URL")
    return Document(slug, text, tuple(entries), tuple(excluded), str(raw["source"]))


def load_split(path: Path = SPLIT) -> dict[str, list[str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {"dev": list(raw["dev"]), "heldout": list(raw["heldout"])}


# -- matching ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """What the scorer needs of one extractor candidate: its value and where its date expression is."""

    value: Value
    start: int
    end: int
    text: str = ""
    basis: str = ""


def found_from(candidate: Candidate) -> Found:
    date = candidate.date
    if candidate.decade:
        qualifier = candidate.period_qualifier.value if candidate.period_qualifier else None
        value: Value = ("decade", f"{date.year}s", None, qualifier)
    elif candidate.range_end is not None:
        value = ("range", date.iso(), candidate.range_end.iso(), None)
    else:
        qualifier = date.qualifier.value if date.qualifier else None
        value = (date.precision.value, date.iso(), None, qualifier)
    return Found(value, candidate.date_start, candidate.date_end, candidate.date_text, candidate.basis)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _matches(entry: Entry, found: Found) -> bool:
    return found.value == entry.value and any(_overlaps(span, (found.start, found.end)) for span in entry.spans)


@dataclass
class Score:
    name: str
    entries: int
    candidates: int
    matched: int
    correct: int
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    # The teacher's review of the same output (see ``review_effort``): the key entries fixed by one edit of a
    # candidate found at them, the entries typed by hand, and the candidates rejected.
    edited: int = 0
    typed: int = 0
    rejected: int = 0

    @property
    def recall(self) -> float:
        return self.matched / self.entries if self.entries else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.candidates if self.candidates else 1.0


def _pair(doc: Document, found: Sequence[Found]) -> tuple[set[int], list[Entry]]:
    """The scorer's matching: each key entry takes the first free candidate (``found`` in text order) with its value
    at one of its quotes. Returns the candidates so taken and the entries left without one."""
    used: set[int] = set()
    missed: list[Entry] = []
    for entry in doc.entries:
        index = next((i for i, f in enumerate(found) if i not in used and _matches(entry, f)), None)
        if index is None:
            missed.append(entry)
        else:
            used.add(index)
    return used, missed


def score_document(doc: Document, found: Sequence[Found]) -> Score:
    found = sorted(found, key=lambda f: (f.start, f.end))
    used, missed = _pair(doc, found)
    score = Score(doc.slug, len(doc.entries), len(found), len(used), 0)
    score.misses = [_why_missed(doc, entry, found) for entry in missed]
    wrong: list[int] = []
    for index, f in enumerate(found):
        if index in used:
            score.correct += 1
        elif any(_matches(entry, f) for entry in doc.entries):
            score.correct += 1
            score.duplicates.append(f"{show(f.value)} «{f.text}» at {f.start}")
        else:
            score.false_hits.append(_why_false(doc, f))
            wrong.append(index)
    score.edited, score.typed, score.rejected = review_effort(missed, found, wrong)
    return score


def review_effort(missed: Sequence[Entry], found: Sequence[Found], wrong: Sequence[int]) -> tuple[int, int, int]:
    """What the teacher does on the review page with this output, as (edited, typed, rejected).

    Recall and precision count a date found at a statement with the wrong value twice: a miss and a false hit.
    The teacher meets it once: the candidate is there, with its sentence, and one edit of its date fixes it.
    So each key entry the extractor missed is *edited* when a wrong candidate (``wrong``: the indexes of the
    candidates that match no entry) overlaps its quote, and *typed* by hand (select the text, type the date)
    when nothing wrong was found there; every other wrong candidate is *rejected*. Entries matched are
    accepted as found (``Score.matched``)."""
    free = list(wrong)
    edited = typed = 0
    for entry in missed:
        at = next((i for i in free if any(_overlaps(span, (found[i].start, found[i].end)) for span in entry.spans)),
                  None)
        if at is None:
            typed += 1
        else:
            free.remove(at)
            edited += 1
    return edited, typed, len(free)


def _why_missed(doc: Document, entry: Entry, found: Sequence[Found]) -> str:
    there = [f for f in found if any(_overlaps(span, (f.start, f.end)) for span in entry.spans)]
    read = "; ".join(f"read as {show(f.value)} «{f.text}»" for f in there) or "nothing found there"
    return f"{entry}: {read}"


def _why_false(doc: Document, f: Found) -> str:
    where = (f.start, f.end)
    label = f"{show(f.value)} «{f.text}» at {f.start}"
    for excluded in doc.excluded:
        if _overlaps(excluded.span, where):
            return f"{label}: not a dated statement ({excluded.why})"
    for entry in doc.entries:
        if any(_overlaps(span, where) for span in entry.spans):
            return f"{label}: wrong value, the key has {show(entry.value)}"
    return f"{label}: not in the key ({f.basis})"


# -- running -------------------------------------------------------------------------------------------------


@cache
def _registry() -> dict[str, Entity]:
    return load_registry(registry_path())


def run_document(doc: Document) -> Score:
    candidates = extract_events(doc.text, doc=doc.slug, registry=_registry())
    return score_document(doc, [found_from(c) for c in candidates])


def run_corpus(slugs: Iterable[str], corpus: Path = CORPUS) -> list[Score]:
    return [run_document(load_document(slug, corpus)) for slug in slugs]


def run_seeds() -> list[Score]:
    """The seed articles with the project's existing key and matching; FileNotFoundError without them."""
    from bench import score_extractor as seeds  # the seeds' scorer; imported here, it reads ../shared

    scores = []
    for s in seeds.score_all():
        score = Score(s.doc, s.entries, s.candidates, s.matched, s.matched)
        score.misses = [f"{m} ({m.note})" for m in s.misses]
        score.false_hits = [f"{c.date} «{c.date_text}» at {c.date_start} ({c.basis})" for c in s.false_positives]
        # that key has no positions, so a wrong date cannot be told from a missing one: the upper bound, every
        # miss typed by hand and every false hit rejected
        score.typed, score.rejected = len(score.misses), len(score.false_hits)
        scores.append(score)
    return scores


def total(name: str, scores: Sequence[Score]) -> Score:
    return Score(name, sum(s.entries for s in scores), sum(s.candidates for s in scores),
                 sum(s.matched for s in scores), sum(s.correct for s in scores),
                 edited=sum(s.edited for s in scores), typed=sum(s.typed for s in scores),
                 rejected=sum(s.rejected for s in scores))


def review_line(s: Score) -> str:
    """The teacher's side of a total: how the key's statements reach the saved chronology on the review page."""
    if not s.entries:
        return f"review {s.name}: no statements"
    def share(n: int) -> str:
        return f"{n} ({n / s.entries:.1%})"
    return (f"review {s.name}: of {s.entries} statements, {share(s.matched)} accepted as found, "
            f"{share(s.edited)} fixed by one edit, {share(s.typed)} typed by hand; "
            f"{s.rejected} candidates rejected ({s.rejected / s.entries * 100:.1f} per 100 statements)")


def report(part: str, scores: Sequence[Score]) -> str:
    if not scores:  # a part with no text yet measures nothing: say so rather than print 100%
        return f"== {part} ==\nno texts in this part"
    width = max([len(s.name) for s in scores] + [len(part) + 8])
    lines = [f"== {part} ==", f"{'text':<{width}} {'key':>4} {'found':>5} {'match':>5} {'recall':>7} {'precision':>9}"]
    for s in [*scores, total(f"overall {part}", scores)]:
        figures = f"{s.entries:>4} {s.candidates:>5} {s.matched:>5} {s.recall:>7.1%} {s.precision:>9.1%}"
        lines.append(f"{s.name:<{width}} {figures}")
    lines.append(review_line(total(part, scores)))
    for s in scores:
        lines += [f"miss  {s.name}: {m}" for m in s.misses]
        lines += [f"false {s.name}: {f}" for f in s.false_hits]
        lines += [f"dup   {s.name}: {d}" for d in s.duplicates]
    return "\n".join(lines)


# -- misses and false hits by kind ---------------------------------------------------------------------------

# The key's reason for excluding a span, by the words it uses: what kind of "not a dated statement" a false hit is.
_EXCLUDED_KINDS = (
    ("scope", "a list's or a text's scope"), ("present", "the article's present"), ("stamp", "a stamp"),
    ("plan", "a plan"), ("schedul", "a plan"), ("deadline", "a plan"), ("recurring", "a recurring day"),
    ("comparison", "a point of comparison"), ("offset", "an offset restating another date"),
    ("title", "a title, heading or caption"), ("heading", "a title, heading or caption"),
    ("caption", "a title, heading or caption"), ("label", "a title, heading or caption"),
    ("link", "a title, heading or caption"), ("name", "a year in a name"), ("cited", "a year in a name"),
    ("duration", "a duration"), ("Common Era", "a year before the common era"), ("age", "an age"),
)


_DIGIT_RE = re.compile(r"[0-9\u0660-\u0669]")


def _excluded_kind(why: str) -> str:
    return next((kind for word, kind in _EXCLUDED_KINDS if word in why), "other exclusion")


def _value_kind(entry: Value, found: Value) -> str:
    """What differs between the key's value and the one read at the same place."""
    if entry[0] != found[0]:
        return f"wrong value: {found[0]} read for a {entry[0]}"
    if entry[1][:4] != found[1][:4] or (entry[2] or "")[:4] != (found[2] or "")[:4]:
        return "wrong value: the year"
    return "wrong value: the qualifier" if entry[3] != found[3] else "wrong value: the month or day"


def kinds(doc: Document, found: Sequence[Found]) -> Counter[str]:
    """The document's misses and false hits counted by kind, with the scorer's own matching: a statement missed
    with nothing found at it (its date inferred, in digits or in words), a statement read with the wrong value (by
    what differs), a candidate at a span the key excludes (by the key's reason), a candidate the key has nothing at.
    Counting by kind, not reading misses one form at a time, is how the nineteenth round chose what to change."""
    found = sorted(found, key=lambda f: (f.start, f.end))
    counts: Counter[str] = Counter()
    used, missed = _pair(doc, found)
    for entry in missed:
        there = [f for f in found if any(_overlaps(span, (f.start, f.end)) for span in entry.spans)]
        if there:
            counts[_value_kind(entry.value, there[0].value)] += 1
        else:
            how = "inferred" if entry.inferred else "in digits" if _DIGIT_RE.search(entry.quote) else "in words"
            counts[f"missed, nothing found: a date {how}"] += 1
    for index, f in enumerate(found):
        if index in used or any(_matches(entry, f) for entry in doc.entries):
            continue
        where = (f.start, f.end)
        excluded = next((x for x in doc.excluded if _overlaps(x.span, where)), None)
        if excluded is not None:
            counts[f"false hit, excluded: {_excluded_kind(excluded.why)}"] += 1
        elif not any(_overlaps(span, where) for entry in doc.entries for span in entry.spans):
            counts["false hit, not in the key"] += 1
    return counts


def kinds_report(part: str, docs: Iterable[Document]) -> str:
    counts: Counter[str] = Counter()
    for doc in docs:
        candidates = extract_events(doc.text, doc=doc.slug, registry=_registry())
        counts += kinds(doc, [found_from(c) for c in candidates])
    lines = [f"== {part}: misses and false hits by kind =="]
    lines += [f"{n:>6}  {kind}" for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    return "\n".join(lines)


# -- how far two keyers agree ---------------------------------------------------------------------------------


AGREEMENT = CORPUS / "agreement"  # second keys of some texts, written blind to the first (README: "Two keyers")


@dataclass
class Agreement:
    name: str
    first: int  # entries of the corpus key
    second: int  # entries of the second keyer's key
    agreed: int  # entries of the one matched to an entry of the other (same value, overlapping quotes)
    only_first: list[str] = field(default_factory=list)
    only_second: list[str] = field(default_factory=list)


def key_agreement(first: Document, second: Document) -> Agreement:
    """How far two keys of one text agree: each entry of the first takes the first free entry of the second with
    the same value and a quote overlapping one of its own (the scorer's matching, between two keys)."""
    used: set[int] = set()
    result = Agreement(first.slug, len(first.entries), len(second.entries), 0)
    for entry in first.entries:
        index = next((i for i, other in enumerate(second.entries) if i not in used and other.value == entry.value
                      and any(_overlaps(a, b) for a in entry.spans for b in other.spans)), None)
        if index is None:
            result.only_first.append(str(entry))
        else:
            used.add(index)
            result.agreed += 1
    result.only_second = [str(other) for i, other in enumerate(second.entries) if i not in used]
    return result


def agreement_report(folder: Path = AGREEMENT) -> str:
    """Per text and overall: how many of each key's entries the other has, then the extractor against either key."""
    slugs = sorted(path.name[: -len(".key.yaml")] for path in folder.glob("*.key.yaml"))
    lines, rows = [], []
    against: dict[str, list[Score]] = {"the corpus key": [], "the second key": []}
    for slug in slugs:
        first, second = load_document(slug), load_document(slug, keys=folder)
        rows.append(row := key_agreement(first, second))
        lines.append(f"{slug:<40} {row.first:>5} {row.second:>6} {row.agreed:>6}")
        lines += [f"    only in the corpus key: {e}" for e in row.only_first]
        lines += [f"    only in the second key: {e}" for e in row.only_second]
        against["the corpus key"].append(run_document(first))
        against["the second key"].append(run_document(second))
    a, b, agreed = (sum(getattr(r, k) for r in rows) for k in ("first", "second", "agreed"))
    out = [f"{'text':<40} {'first':>5} {'second':>6} {'agreed':>6}", *lines,
           f"overall ({len(rows)} texts): the second key has {agreed / a:.1%} of the corpus key's {a} entries, "
           f"the corpus key {agreed / b:.1%} of the second's {b}" if a and b else "no second keys"]
    for name, scores in against.items():
        t = total(name, scores)
        out.append(f"extractor against {name}: recall {t.recall:.1%}, precision {t.precision:.1%}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=PARTS, default="dev", help="which texts (default: dev, the tuning part)")
    parser.add_argument("--text", help="only this corpus text (its slug)")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 if a part is under {TARGET * 100:.0f}%% recall or precision")
    parser.add_argument("--kinds", action="store_true",
                        help="count the part's misses and false hits by kind (what to change next, on dev)")
    parser.add_argument("--agreement", action="store_true",
                        help="how far a second keyer's keys (extractor_corpus/agreement/) agree with the corpus's")
    args = parser.parse_args(argv)
    if args.agreement:
        print(agreement_report())
        return 0
    if args.kinds:
        if args.part not in ("dev", "heldout"):
            parser.error("--kinds counts a corpus part: --part dev or --part heldout")
        print(kinds_report(args.part, (load_document(slug) for slug in load_split()[args.part])))
        return 0
    split = load_split()
    if args.text:
        if args.text not in split["dev"] + split["heldout"]:
            parser.error(f"no corpus text {args.text!r} in {SPLIT.name}")
        parts = {args.text: [args.text]}
    else:
        names = ["dev", "heldout", "seeds"] if args.part == "all" else [args.part]
        parts = {name: split.get(name, []) for name in names}
    failed = False
    corpus: list[Score] = []  # every corpus text run, for the whole corpus's figure under --part all
    for name, slugs in parts.items():
        if name == "seeds":
            try:
                scores = run_seeds()
            except FileNotFoundError as error:
                print(f"extractor_eval: seeds skipped: {error}", file=sys.stderr)
                continue
        else:
            scores = run_corpus(slugs)
            corpus += scores
        print(report(name, scores), end="\n\n")
        overall = total(name, scores)
        failed |= not scores or overall.recall < TARGET or overall.precision < TARGET  # nothing measured: no pass
    if args.part == "all" and not args.text and corpus:
        whole = total(f"overall corpus ({len(corpus)} texts)", corpus)
        print(f"{whole.name}: {whole.entries} entries, {whole.candidates} found, {whole.matched} matched, "
              f"recall {whole.recall:.1%}, precision {whole.precision:.1%}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
