"""Print every proposed event title next to its clause, for the five seed articles (a reading aid, not a test).

    python bench/titles_review.py [SEEDS_DIR]

For each candidate the extractor finds: the date, the title with the rule that made it, the linked actors
(the doer first), places, proposed new entities, and the clause it was made from. Read it as a history
teacher would: is the title a timeline entry, does it say what happened, are the actors right?
"""

from __future__ import annotations

import sys
from pathlib import Path

from quiz.chronology.extract import extract_events
from quiz.chronology.load import load_registry
from quiz.chronology.titles import propose
from quiz.paths import registry_path

DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def main(argv: list[str]) -> int:
    seeds = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEEDS
    if not seeds.is_dir():
        print(f"no seed articles at {seeds}", file=sys.stderr)
        return 1
    registry = load_registry(registry_path())
    count = 0
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        print(f"\n=== {path.name}")
        for candidate in extract_events(text, doc=path.stem, registry=registry):
            proposal = propose(candidate, text, registry)
            count += 1
            print(f"[{count}] {candidate.date}  «{proposal.title_ar}»  ({proposal.rule})")
            actors, places = ", ".join(proposal.actor_ids) or "-", ", ".join(proposal.place_ids) or "-"
            print(f"     actors: {actors}   places: {places}")
            if proposal.proposed:
                print("     new: " + "; ".join(f"{p.name_ar} ({p.kind}: {p.evidence})" for p in proposal.proposed))
            print(f"     clause: {' '.join(candidate.text_ar.split())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
