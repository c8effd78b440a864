"""Importing a large question bank in every format: time and peak memory (issue 17, item 7).

Budget: 2,000 questions (limits.MAX_QUESTIONS, the most one file may hold) imported by `import_any` in under
5 s and 200 MB in each format: Chronoquiz YAML and JSON, Moodle XML, GIFT, Kahoot .xlsx and CSV. The files are
the app's own exports of a bilingual set of multiple-choice questions with four options and an explanation (the
Kahoot one in Arabic only, four options, as Kahoot holds them), written in the UTF-8 each exporter writes. A
Windows-1256 CSV and a UTF-16 GIFT (the re-encoded exports) are measured too, to cost the encoding detection.

Each import runs in a fresh interpreter (`python -m bench.interop_import --child FILE NAME`): once for the
time (wall clock of `import_any`, modules already imported), once under tracemalloc for the peak of Python
allocations; the child's peak resident size after the timed run (VmHWM, interpreter and libraries
included) is reported beside them. The budget is printed beside the figures (PASS/FAIL), never asserted:
tests/test_bench_interop.py runs this on a small bank so that it does not rot. Figures: bench/README.md.

Run:  .venv/bin/python -m bench.interop_import [--questions 2000] [--formats csv,gift]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SECONDS = 5.0
MEGABYTES = 200
FORMATS = ("native-yaml", "native-json", "moodle-xml", "gift", "kahoot", "csv", "csv-cp1256", "gift-utf16")


def bank(count: int, *, arabic_only: bool = False):  # -> SetData (imports kept inside: the child stays lean)
    from quiz.authoring import SetData, SetOption, SetQuestion, validate_set

    def question(number: int) -> SetQuestion:
        years = [1900 + (number + k * 7) % 120 for k in range(4)]
        return SetQuestion(
            type="mcq",
            prompt_ar=f"السؤال {number}: في أي عام وقعت معركة ذات أثر كبير في تاريخ المنطقة العربية الحديث؟",
            prompt_en=None if arabic_only else f"Question {number}: in which year did a battle of lasting effect "
                                               "on the modern history of the Arab region take place?",
            options=tuple(SetOption(text_ar=f"عام {year}", text_en=None if arabic_only else f"in {year}")
                          for year in years),
            correct=number % 4,
            explanation_ar=None if arabic_only else "وقعت المعركة في ذلك العام، وتبعتها معاهدة غيّرت الحدود.",
            explanation_en=None if arabic_only else "The battle took place that year; a treaty followed.",
            origin="imported",
            category=f"الوحدة {number // 100 + 1}",
        )

    return validate_set(SetData(title="بنك أسئلة كبير", language="ar" if arabic_only else "both",
                                questions=tuple(question(n) for n in range(1, count + 1))))


def files(count: int, keys: tuple[str, ...]) -> dict[str, tuple[str, bytes]]:
    """The exported files, by format key: (file name, bytes)."""
    from quiz.interop import FORMATS as REGISTRY
    from quiz.interop import export_set

    both, arabic = bank(count), bank(count, arabic_only=True)
    out: dict[str, tuple[str, bytes]] = {}
    for key in keys:
        base = key.split("-")[0] if key in ("csv-cp1256", "gift-utf16") else key
        data = export_set(arabic if base == "kahoot" else both, base).data
        if key == "csv-cp1256":
            data = data.decode("utf-8-sig").encode("cp1256")
        elif key == "gift-utf16":
            data = data.decode("utf-8").encode("utf-16")
        out[key] = (f"bank{REGISTRY[base].extensions[0]}", data)
    return out


def child(path: str, name: str) -> dict[str, float | int]:
    """Runs in the fresh interpreter: the import timed, then again under tracemalloc."""
    from quiz.interop import import_any, limits

    data = Path(path).read_bytes()
    start = time.perf_counter()
    result = import_any(data, name)
    seconds = time.perf_counter() - start
    rss_kb = _high_water_kb()  # before tracemalloc, whose traces cost memory too
    limits.TIME_BUDGET_SECONDS = 600  # tracemalloc slows Python code several times: only memory counts here
    tracemalloc.start()
    import_any(data, name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"questions": len(result.set.questions), "seconds": round(seconds, 3), "bytes": len(data),
            "peak_mb": round(peak / 2**20, 1), "max_rss_mb": round(rss_kb / 1024, 1),
            "encoding": result.encoding or ""}


def _high_water_kb() -> int:
    """The process's peak resident size: VmHWM on Linux (ru_maxrss there survives exec, so a child started by a
    big parent would report the parent's), ru_maxrss elsewhere."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(count: int, keys: tuple[str, ...] = FORMATS) -> dict[str, dict[str, float | int]]:
    results: dict[str, dict[str, float | int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for key, (name, data) in files(count, keys).items():
            path = Path(folder) / name
            path.write_bytes(data)
            done = subprocess.run([sys.executable, "-m", "bench.interop_import", "--child", str(path), name],
                                  capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
            if done.returncode:
                raise RuntimeError(f"{key}: the import failed:\n{done.stderr[-2000:]}")
            results[key] = json.loads(done.stdout.strip().splitlines()[-1])
    return results


def table(results: dict[str, dict[str, float | int]]) -> str:
    lines = [f"{'format':<12} {'questions':>9} {'file MB':>8} {'encoding':>10} {'seconds':>8} {'peak MB':>8} "
             f"{'max RSS MB':>10}  budget ({SECONDS:g} s; {MEGABYTES} MB peak and RSS)"]
    for key, row in results.items():
        ok = float(row["seconds"]) < SECONDS and max(float(row["peak_mb"]), float(row["max_rss_mb"])) < MEGABYTES
        lines.append(f"{key:<12} {row['questions']:>9} {int(row['bytes']) / 2**20:>8.2f} {row['encoding']:>10} "
                     f"{row['seconds']:>8.2f} {row['peak_mb']:>8.1f} {row['max_rss_mb']:>10.1f}  "
                     f"{'PASS' if ok else 'FAIL'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--child", nargs=2, metavar=("FILE", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    print(table(measure(args.questions, tuple(args.formats.split(",")))))


if __name__ == "__main__":
    main()
