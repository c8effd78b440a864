"""Train the extractor's second look (quiz/chronology/second_look.py) on the corpus's dev keys, and measure it.

    python -m bench.train_second_look             # train on every dev text, write quiz/chronology/second_look.json
    python -m bench.train_second_look --rounds    # measure first: each keying round left out in turn (no writing)

What it learns: for each year token the rules leave unread (``years_left_unread``), whether the key has a
statement of that year there (a key entry of precision ``year`` with that year whose quote overlaps the token).
A logistic regression (scikit-learn) over the features ``second_look.features`` writes; the file keeps its bias,
its weights (rounded; the negligible ones dropped), its threshold and what it was trained on.

**Only dev texts** (``SPLIT.yaml``) are read: a held-out text must never reach the model. Retrain after keys
change or the rules change what they read (the tokens left unread are the rules' complement):
``tests/unit/test_second_look.py`` fails when the file was trained on other texts than SPLIT.yaml's dev part.

``--rounds`` is the measurement that justified the model and chooses its threshold: each keying round ``t9_``
onwards, in dev, is scored (``bench.extractor_eval.score_document``, the corpus's own matching) with a model
trained on every other dev text, before and after adding the years it judges dates, at several thresholds.

Needs scikit-learn (``pip install -e '.[train]'``); the app does not: it reads the JSON file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.extractor_eval import (  # noqa: E402
    Document,
    Found,
    _registry,
    found_from,
    load_document,
    load_split,
    score_document,
)
from quiz.chronology.extract import extract_events, years_left_unread  # noqa: E402
from quiz.chronology.second_look import MODEL_PATH, YearToken  # noqa: E402

C = 1.0  # the regression's inverse regularisation (1.0 and 0.3 measured alike by --rounds)
THRESHOLD = 0.5  # --rounds: 0.4 gains a little more recall for a point of precision; 0.5 costs half a point
THRESHOLDS = (0.4, 0.5, 0.6, 0.7)
MIN_WEIGHT = 1e-3  # weights smaller than this change no probability by a thousandth: not written


@dataclass
class Text:
    doc: Document
    found: list[Found]  # what the rules alone find
    tokens: list[YearToken]
    labels: list[int]


def _round(slug: str) -> str:
    m = re.match(r"([td]\d+)_", slug)
    return m.group(1) if m else "first"


def label(doc: Document, token: YearToken) -> int:
    """1 when the key states this year here: an entry of precision ``year``, that year, a quote over the token."""
    value = ("year", f"{token.year:04d}", None, None)
    return int(any(entry.value == value and any(a < token.end and token.start < b for a, b in entry.spans)
                   for entry in doc.entries))


def read_texts(slugs: Iterable[str]) -> list[Text]:
    texts = []
    for slug in slugs:
        doc = load_document(slug)
        rules = extract_events(doc.text, doc=slug, registry=_registry(), second_look=False)
        tokens = years_left_unread(doc.text, registry=_registry())
        texts.append(Text(doc, [found_from(c) for c in rules], tokens, [label(doc, t) for t in tokens]))
    return texts


def fit(texts: Sequence[Text]):  # -> (DictVectorizer, LogisticRegression); scikit-learn is imported here only
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [t.features for text in texts for t in text.tokens]
    labels = [y for text in texts for y in text.labels]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=2000).fit(vectorizer.fit_transform(rows), labels)
    return vectorizer, model


def _added(text: Text, probabilities: Sequence[float], threshold: float) -> list[Found]:
    return [Found(("year", f"{t.year:04d}", None, None), t.start, t.end)
            for t, p in zip(text.tokens, probabilities) if p >= threshold]


def rounds_report(texts: Sequence[Text]) -> str:
    rounds = sorted({_round(t.doc.slug) for t in texts if _round(t.doc.slug).startswith("t")},
                    key=lambda r: int(r[1:]))
    rounds = [r for r in rounds if int(r[1:]) >= 9]
    header = "left out   before (recall / precision)   " + "   ".join(f"≥ {th}" for th in THRESHOLDS)
    lines = [header]
    totals = {th: [0, 0, 0, 0] for th in (None, *THRESHOLDS)}
    for name in rounds:
        vectorizer, model = fit([t for t in texts if _round(t.doc.slug) != name])
        part = [t for t in texts if _round(t.doc.slug) == name]
        sums = {th: [0, 0, 0, 0] for th in (None, *THRESHOLDS)}
        for text in part:
            rows = [t.features for t in text.tokens]
            p = model.predict_proba(vectorizer.transform(rows))[:, 1] if rows else []
            for th in sums:
                found = text.found if th is None else sorted(text.found + _added(text, p, th),
                                                              key=lambda f: (f.start, f.end))
                s = score_document(text.doc, found)
                for i, v in enumerate((s.matched, s.entries, s.correct, s.candidates)):
                    sums[th][i] += v
                    totals[th][i] += v
        lines.append(f"{name:<10} " + "   ".join(_figure(sums[th]) for th in sums))
    lines.append(f"{'all':<10} " + "   ".join(_figure(totals[th]) for th in totals))
    return "\n".join(lines)


def _figure(s: Sequence[int]) -> str:
    return f"{100 * s[0] / max(1, s[1]):.1f}% / {100 * s[2] / max(1, s[3]):.1f}%"


def dev_fingerprint(slugs: Iterable[str]) -> str:
    """Which texts a model learned from, in one string: the test checks it against SPLIT.yaml's dev part, so a
    held-out text can never have been read, and a new split without a retraining fails."""
    return hashlib.sha256("\n".join(sorted(slugs)).encode("utf-8")).hexdigest()


def write_model(texts: Sequence[Text], path: Path = MODEL_PATH) -> dict:
    vectorizer, model = fit(texts)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.feature_names_, model.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    raw = {
        "about": "the extractor's second look: written by python -m bench.train_second_look (do not edit by hand)",
        "trained_on": {"part": "dev", "texts": len(texts), "dev_sha256": dev_fingerprint([t.doc.slug for t in texts]),
                       "tokens": sum(len(t.tokens) for t in texts), "dates": sum(sum(t.labels) for t in texts),
                       "C": C},
        "threshold": THRESHOLD,
        "bias": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", action="store_true",
                        help="measure: each keying round from t9_ left out in turn; writes nothing")
    args = parser.parse_args(argv)
    texts = read_texts(load_split()["dev"])
    if args.rounds:
        print(rounds_report(texts))
        return 0
    raw = write_model(texts)
    print(f"wrote {MODEL_PATH.relative_to(REPO)}: {len(raw['weights'])} weights, trained on "
          f"{raw['trained_on']['texts']} dev texts ({raw['trained_on']['tokens']} years left unread, "
          f"{raw['trained_on']['dates']} of them dates in the key)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
