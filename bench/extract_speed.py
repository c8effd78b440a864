"""How long the article extractor takes, by the size of the article (issue 18, item 6: linear in the text, a
200 KB article in under 2 s).

    python -m bench.extract_speed            # the table: each shape at 10, 50 and 200 KB
    python -m bench.extract_speed --check    # exit 1 if 200 KB takes 2 s or more, or the time per KB grows
    python -m bench.extract_speed --sizes 10 50 200 400 --repeat 5

For each shape of text the table gives the best wall-clock time of ``--repeat`` runs at each size (the best,
so that other work on a shared machine does not decide the figure), the CPU time at the largest size, the
CPU time per KB, and the **linearity ratio**: the CPU time per KB at the largest size divided by the CPU
time per KB at the smallest. A linear extractor gives about
1.0; a quadratic one gives about the ratio of the sizes (20 for 200 KB against 10 KB).

The shapes: the dev part of the extractor corpus laid end to end (real prose: lists, headings, stamps, Hijri
dates; the held-out texts are not read), and the shapes that once were quadratic (tests/unit/
test_extract_linear.py): many dated sentences, one endless sentence of dated clauses, no punctuation at all,
anniversaries next to dates, bare years one after another. With the registry, as the server runs it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from quiz.chronology.extract import extract_events  # noqa: E402
from quiz.chronology.load import load_registry  # noqa: E402
from quiz.paths import registry_path  # noqa: E402

CORPUS = REPO / "tests" / "data" / "extractor_corpus"
BUDGET_SECONDS = 2.0  # a 200 KB article
BUDGET_KB = 200
MAX_RATIO = 2.0  # time per KB, largest size against smallest

SHAPES = {
    "sentences": "في 20 مارس 2003 دخلت القوات الأمريكية بغداد. ",
    "one sentence": "في 20 مارس 2003 دخلت القوات بغداد، ",
    "no punctuation": "في 20 مارس 2003 دخلت القوات بغداد و",
    "anniversaries": "في الذكرى العاشرة للحرب في 20 مارس 2003 الحرب. ",
    "bare years": "في عام 2003 ",
}


def dev_corpus() -> str:
    """The dev texts of the corpus, one after another (never the held-out ones)."""
    split = yaml.safe_load((CORPUS / "SPLIT.yaml").read_text(encoding="utf-8"))
    return "\n\n".join((CORPUS / f"{slug}.txt").read_text(encoding="utf-8") for slug in split["dev"]) + "\n\n"


def article(unit: str, kilobytes: int) -> str:
    """``unit`` repeated up to ``kilobytes`` KB of UTF-8."""
    size = kilobytes * 1000
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def best_seconds(text: str, registry: dict, repeat: int) -> tuple[float, float]:
    """The best wall-clock and the best CPU time of ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        extract_events(text, registry=registry)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    return wall, cpu


def measure(sizes: list[int], repeat: int) -> list[tuple[str, list[float], list[float], float]]:
    registry = load_registry(registry_path())
    shapes = {"dev corpus": dev_corpus(), **SHAPES}
    extract_events(SHAPES["sentences"], registry=registry)  # compile the patterns once, as a server has
    rows = []
    for name, unit in shapes.items():
        measured = [best_seconds(article(unit, kb), registry, repeat) for kb in sizes]
        times, cpu = [w for w, _ in measured], [c for _, c in measured]
        # the ratio from CPU time: other work on a shared machine stretches wall time unevenly
        ratio = (cpu[-1] / sizes[-1]) / (cpu[0] / sizes[0]) if cpu[0] > 0 else float("inf")
        rows.append((name, times, cpu, ratio))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200], help="article sizes in KB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept")
    parser.add_argument("--check", action="store_true", help="exit 1 over budget or not linear")
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes)
    rows = measure(sizes, args.repeat)
    header = ("shape".ljust(16) + "".join(f"{kb:>6} KB" for kb in sizes) + f"  cpu {sizes[-1]} KB"
              + "   ms/KB (min..max)   ratio")
    print(header)
    failed = False
    for name, times, cpu, ratio in rows:
        per_kb = [1000 * t / kb for t, kb in zip(cpu, sizes)]
        line = name.ljust(16) + "".join(f"{t:>8.3f}s" for t in times) + f"{cpu[-1]:>10.3f}s"
        line += f"   {min(per_kb):6.2f}..{max(per_kb):6.2f}   {ratio:5.2f}"
        if BUDGET_KB in sizes and times[sizes.index(BUDGET_KB)] >= BUDGET_SECONDS:
            line += f"   OVER {BUDGET_SECONDS:.0f} s at {BUDGET_KB} KB"
            failed = True
        if ratio > MAX_RATIO:
            line += "   NOT LINEAR"
            failed = True
        print(line)
    print("wall-clock columns: best of the runs; ms/KB and ratio: CPU time (steadier on a shared machine)")
    print(f"ratio = time per KB at {sizes[-1]} KB / time per KB at {sizes[0]} KB (1.0 is linear; "
          f"{sizes[-1] / sizes[0]:.0f} would be quadratic)")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
