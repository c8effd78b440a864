"""The HTTP benchmark (bench/http) still runs: a tiny class, one route for a second on app and baseline, a burst.

Only that it works end to end is checked (servers start, students log in, answers are stored, the report is
built); no timing is asserted, ever: the figures belong in bench/README.md, not in a test that flakes.
"""

from __future__ import annotations

import pytest

from bench.http.servers import gunicorn_missing, wrk_missing


@pytest.mark.slow
def test_the_http_benchmark_runs_end_to_end() -> None:
    missing = gunicorn_missing() or wrk_missing()
    if missing:
        pytest.skip(f"the HTTP benchmark cannot run here: {missing}")
    from bench.http.report import summary, table
    from bench.http.run import Options, run

    results = run(Options(workers=1, seconds=1, alternations=1, warmup_seconds=0, routes=("answer",), students=3,
                          burst_seconds=0.2, stress=False, demo=False, setup_in_process=True, log=lambda _: None))
    data = summary(results)

    [answer] = data["routes"]
    assert answer["app_rps"] > 0 and answer["baseline_rps"] > 0
    assert answer["app_errors"] == 0 and answer["baseline_errors"] == 0, answer["runs"]
    assert data["burst"]["sent"] == 3 and data["burst"]["errors"] == 0, data["burst"]
    # Every answer the app acknowledged is a new row: the replayed requests were fresh, and really logged in.
    assert data["answers_posted"] > 0
    assert data["answers_stored"] >= data["answers_posted"]
    assert data["memory"]["app"] and all(w["rss_mb"] > 0 for w in data["memory"]["app"])
    assert "POST /attempts/<id>/answer" in table(data)


@pytest.mark.slow
def test_the_stack_floor_baseline_accepts_the_apps_cookies() -> None:
    """--baseline floor: the baseline reads the app's session, user and CSRF token; had it refused them, its
    requests would count as errors (401 or 400)."""
    missing = gunicorn_missing() or wrk_missing()
    if missing:
        pytest.skip(f"the HTTP benchmark cannot run here: {missing}")
    from bench.http.report import summary, table
    from bench.http.run import Options, run

    results = run(Options(workers=1, seconds=1, alternations=1, warmup_seconds=0, routes=("answer", "question"),
                          students=3, burst=False, stress=False, demo=False, setup_in_process=True,
                          baseline="floor", log=lambda _: None))
    data = summary(results)
    for route in data["routes"]:
        assert route["baseline_rps"] > 0 and route["baseline_errors"] == 0, route["runs"]
        assert route["target_min_ratio"] is None  # targets are ratios to the bare baseline only
    assert "the stack's floor" in table(data)
