"""The import benchmark (bench/interop_import.py) still runs: a small bank in every format, each imported in a
fresh interpreter, timed and measured. No timing or memory is asserted here (the 5 s / 200 MB budget for 2,000
questions is printed by the bench, figures in bench/README.md): only that every format is measured and reads
back every question, in the encoding it was written in."""

from __future__ import annotations

import pytest

from bench.interop_import import FORMATS, measure, table


@pytest.mark.slow
def test_the_import_benchmark_measures_every_format() -> None:
    results = measure(12)
    assert list(results) == list(FORMATS)
    assert {key: row["questions"] for key, row in results.items()} == dict.fromkeys(FORMATS, 12)
    assert results["csv-cp1256"]["encoding"] == "cp1256" and results["gift-utf16"]["encoding"] == "utf-16-le"
    assert results["kahoot"]["encoding"] == "" and results["native-json"]["encoding"] == "utf-8"
    assert all(float(row["seconds"]) > 0 and float(row["peak_mb"]) > 0 and float(row["max_rss_mb"]) > 0
               for row in results.values())
    rendered = table(results)
    assert all(key in rendered for key in FORMATS) and ("PASS" in rendered or "FAIL" in rendered)
