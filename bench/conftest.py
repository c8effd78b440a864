"""Benchmark plumbing (bench/ only; the normal `pytest` run never loads this file, testpaths = tests).

- `pytest bench` collects the `bench_*.py` files of this folder (pytest's default pattern is `test_*.py`,
  which is why the files are not collected by accident anywhere else);
- tests marked `baseline` (the bare Flask floor) run first in their file, so every page can be given as a ratio to a
  baseline measured in the same run: `benchmark.extra_info["ratio_to_baseline"]`;
- a short table of medians, ratios and budgets (and any notes, such as page weights) is printed at the end.

Budgets are reported, never asserted: a timing assertion is a test that flakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "baseline: a bare-Flask floor that page benchmarks are divided by")


def pytest_collect_file(file_path, parent):  # type: ignore[no-untyped-def]
    # A file named on the command line is collected by pytest itself; only add the ones found in a folder.
    if file_path.suffix == ".py" and file_path.name.startswith("bench_") and not parent.session.isinitpath(file_path):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Within each file, baselines first (measured just before the pages they are compared with); the order of
    # files and of the other tests is kept.
    files: dict[str, int] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], len(files))
    items.sort(key=lambda item: (files[item.nodeid.split("::", 1)[0]], 0 if item.get_closest_marker("baseline") else 1))


@dataclass
class Row:
    label: str
    median: float
    ratio: float | None
    budget: float | None


@dataclass
class Ledger:
    """Medians of this run, by label; the first baseline recorded is what ratios are taken against."""

    baseline_label: str | None = None
    baseline_median: float | None = None
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def record(self, benchmark, label: str, *, budget: float | None = None, baseline: bool = False) -> float | None:  # type: ignore[no-untyped-def]
        """Note a finished benchmark; returns its ratio to the baseline (None when there is none this run)."""
        if benchmark.disabled or benchmark.stats is None:  # --benchmark-disable: one plain call, no figures
            return None
        median = benchmark.stats.stats.median
        if baseline and self.baseline_median is None:
            self.baseline_label, self.baseline_median = label, median
        ratio = median / self.baseline_median if self.baseline_median else None
        if ratio is not None:
            benchmark.extra_info["ratio_to_baseline"] = round(ratio, 2)
            benchmark.extra_info["baseline"] = self.baseline_label
        if budget is not None:
            benchmark.extra_info["budget_ratio"] = budget
        self.rows.append(Row(label, median, ratio, budget))
        return ratio

    def note(self, text: str) -> None:
        self.notes.append(text)


LEDGER = pytest.StashKey[Ledger]()


@pytest.fixture(scope="session")
def ratios(request: pytest.FixtureRequest) -> Ledger:
    return request.config.stash.setdefault(LEDGER, Ledger())


@pytest.hookimpl(trylast=True)  # after pytest-benchmark's own table
def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    ledger = config.stash.get(LEDGER, None)
    if ledger is None or not (ledger.rows or ledger.notes):
        return
    tr = terminalreporter
    tr.write_sep("-", "pages as ratios to bare Flask (same run)")
    if ledger.baseline_median is None:
        tr.write_line("no baseline ran in this session (deselected?): medians only")
    tr.write_line(f"{'benchmark':<38} {'median ms':>10} {'ratio':>8}  budget")
    for row in ledger.rows:
        ratio = f"{row.ratio:.1f}x" if row.ratio is not None else "-"
        if row.budget is None:
            budget = ""
        elif row.ratio is None:
            budget = f"<={row.budget:g}x"
        else:
            budget = f"<={row.budget:g}x " + ("ok" if row.ratio <= row.budget else "OVER")
        tr.write_line(f"{row.label:<38} {row.median * 1000:>10.3f} {ratio:>8}  {budget}".rstrip())
    for text in ledger.notes:
        tr.write_line(text)
