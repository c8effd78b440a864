"""Score the article date extractor against the hand-written answer key (bench/extractor_key.yaml).

Runs ``quiz.chronology.extract.extract_events`` over the seed articles in ../shared/seeds (relative to
the repository: ``Path(__file__).resolve().parents[2] / "shared" / "seeds"``), with the shipped registry,
and matches candidates to key entries per article by (date, precision, qualifier): candidates are taken
in text order and each one matches the first still-unmatched key entry with the same date, precision and
qualifier, so each key entry is matched at most once. Then

    recall    = matched entries / key entries
    precision = matched candidates / candidates

per article and overall (micro-averaged), with every miss and false positive listed.

    python bench/score_extractor.py            # report; exit 0
    python bench/score_extractor.py --check    # also exit 1 if an article is under the targets
    python bench/score_extractor.py --seeds DIR

Targets: recall >= 0.90 and precision >= 0.85 on each article.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from quiz.chronology.extract import Candidate, extract_events  # noqa: E402
from quiz.chronology.load import load_registry  # noqa: E402
from quiz.chronology.model import PartialDate  # noqa: E402
from quiz.paths import registry_path  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
KEY = Path(__file__).resolve().parent / "extractor_key.yaml"
RECALL_TARGET = 0.90
PRECISION_TARGET = 0.85

Key = tuple[str, str, str | None]  # (iso date, precision, qualifier)


@dataclass(frozen=True)
class KeyEntry:
    date: PartialDate
    note: str
    inferred: bool = False
    range_end: PartialDate | None = None

    @property
    def key(self) -> Key:
        return (self.date.iso(), self.date.precision.value, self.date.qualifier.value if self.date.qualifier else None)

    def __str__(self) -> str:
        span = f"..{self.range_end}" if self.range_end else ""
        return f"{self.date}{span}"


@dataclass
class ArticleScore:
    doc: str
    entries: int
    candidates: int
    matched: int
    misses: list[KeyEntry] = field(default_factory=list)
    false_positives: list[Candidate] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.entries if self.entries else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.candidates if self.candidates else 1.0

    @property
    def meets_targets(self) -> bool:
        return self.recall >= RECALL_TARGET and self.precision >= PRECISION_TARGET


def parse_key_date(text: str) -> PartialDate:
    """ "2003-03-20", "2004-04 late", "2007 early" -> PartialDate."""
    parts = str(text).split()
    if not 1 <= len(parts) <= 2:
        raise ValueError(f"bad key date {text!r}")
    return PartialDate.parse(parts[0], parts[1] if len(parts) == 2 else None)


def load_key(path: Path = KEY) -> dict[str, list[KeyEntry]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    key: dict[str, list[KeyEntry]] = {}
    for doc, article in raw["articles"].items():
        key[doc] = [
            KeyEntry(
                date=parse_key_date(item["date"]),
                note=item.get("note", ""),
                inferred=bool(item.get("inferred", False)),
                range_end=parse_key_date(item["range_end"]) if item.get("range_end") else None,
            )
            for item in article["entries"]
        ]
    return key


def candidate_key(candidate: Candidate) -> Key:
    qualifier = candidate.qualifier.value if candidate.qualifier else None
    return (candidate.date.iso(), candidate.precision.value, qualifier)


def score_article(doc: str, candidates: list[Candidate], entries: list[KeyEntry]) -> ArticleScore:
    unmatched = list(entries)
    score = ArticleScore(doc, len(entries), len(candidates), 0)
    for candidate in candidates:
        wanted = candidate_key(candidate)
        for index, entry in enumerate(unmatched):
            if entry.key == wanted:
                del unmatched[index]
                score.matched += 1
                break
        else:
            score.false_positives.append(candidate)
    score.misses = unmatched
    return score


def score_all(seeds: Path = SEEDS, key_path: Path = KEY) -> list[ArticleScore]:
    """Run the extractor over every article of the key; FileNotFoundError if the seeds are absent."""
    if not seeds.is_dir():
        raise FileNotFoundError(f"seed articles not found at {seeds}")
    key = load_key(key_path)
    registry = load_registry(registry_path())
    scores = []
    for doc, entries in key.items():
        path = seeds / doc
        if not path.is_file():
            raise FileNotFoundError(f"seed article {doc} not found in {seeds}")
        candidates = extract_events(path.read_text(encoding="utf-8"), doc=doc, registry=registry)
        scores.append(score_article(doc, candidates, entries))
    return scores


def _report(scores: list[ArticleScore]) -> str:
    lines = [f"{'article':<28} {'key':>4} {'found':>5} {'match':>5} {'recall':>7} {'precision':>9}"]
    for s in scores:
        flag = "" if s.meets_targets else "  (under target)"
        lines.append(f"{s.doc:<28} {s.entries:>4} {s.candidates:>5} {s.matched:>5} "
                     f"{s.recall:>7.1%} {s.precision:>9.1%}{flag}")
    entries = sum(s.entries for s in scores)
    candidates = sum(s.candidates for s in scores)
    matched = sum(s.matched for s in scores)
    lines.append(
        f"{'overall':<28} {entries:>4} {candidates:>5} {matched:>5} "
        f"{matched / entries:>7.1%} {matched / candidates:>9.1%}"
    )
    lines.append(f"targets: recall >= {RECALL_TARGET:.0%}, precision >= {PRECISION_TARGET:.0%} on each article")
    for s in scores:
        for entry in s.misses:
            lines.append(f"miss  {s.doc}: {entry}  ({entry.note})")
        for c in s.false_positives:
            lines.append(f"false {s.doc}: {c.date}  [{c.date_text}] at {c.start}-{c.end}  ({c.basis})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help=f"seed articles (default: {SEEDS})")
    parser.add_argument("--check", action="store_true", help="exit 1 if an article is under the targets")
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"score_extractor: the seed articles are not there: {args.seeds}\n"
              "(they live outside the repository, in ../shared/seeds; pass --seeds DIR)", file=sys.stderr)
        return 2
    try:
        scores = score_all(args.seeds)
    except FileNotFoundError as error:
        print(f"score_extractor: {error}", file=sys.stderr)
        return 2
    print(_report(scores))
    return 1 if args.check and not all(s.meets_targets for s in scores) else 0


if __name__ == "__main__":
    sys.exit(main())
