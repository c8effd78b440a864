"""What a run found: a table for people, JSON for machines, each target beside its measured value."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from . import budgets
from .run import LABELS, Results, RouteResult, _median


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def route_summary(result: RouteResult, baseline: str = "bare") -> dict:
    ratios = result.ratios()
    ratio = _median(ratios)
    # The targets are ratios to the bare baseline; against the stack's floor there is no target to show.
    target = budgets.MIN_RATIO.get(result.route) if baseline == "bare" else None
    return {
        "route": result.route, "label": LABELS[result.route],
        "app_rps": _median([r.rps for r in result.app]), "baseline_rps": _median([r.rps for r in result.baseline]),
        "ratio": round(ratio, 3), "ratios": [round(r, 3) for r in ratios],
        "target_min_ratio": target, "verdict": verdict(ratio >= target) if target else None,
        "app_ms": {p: _median([getattr(r, f"{p}_ms") for r in result.app]) for p in ("p50", "p95", "p99")},
        "baseline_ms": {p: _median([getattr(r, f"{p}_ms") for r in result.baseline]) for p in ("p50", "p95", "p99")},
        "app_errors": sum(r.errors for r in result.app), "baseline_errors": sum(r.errors for r in result.baseline),
        "pool_wrapped": any(r.wrapped for r in result.app) if result.route == "answer" else False,
        "runs": {"app": [r.to_json() for r in result.app], "baseline": [r.to_json() for r in result.baseline]},
    }


def summary(results: Results) -> dict:
    o = results.options
    out: dict = {
        "started": results.started, "machine": results.machine,
        "options": {f.name: getattr(o, f.name) for f in dataclasses.fields(o) if f.name != "log"},
        "page_bytes": results.page_bytes, "baseline_page_bytes": results.baseline_page_bytes,
        "routes": [route_summary(r, o.baseline) for r in results.routes],
        "answers_posted": results.answers_posted, "answers_stored": results.answers_stored,
        "notes": results.notes,
    }
    if results.burst:
        b = results.burst
        out["burst"] = {**b.to_json(), "target_p95_ms": budgets.BURST_P95_MS,
                        "target_max_errors": budgets.BURST_MAX_ERRORS,
                        "verdict": verdict(b.p95_ms < budgets.BURST_P95_MS and b.errors <= budgets.BURST_MAX_ERRORS),
                        "baseline": results.baseline_burst.to_json() if results.baseline_burst else None}
    if results.stress:
        s = results.stress
        out["stress"] = {**s.to_json(), "connections": o.stress_connections,
                         "target_max_errors": budgets.STRESS_MAX_ERRORS,
                         "target_max_latency_s": budgets.STRESS_MAX_LATENCY_S,
                         "verdict": verdict(s.errors <= budgets.STRESS_MAX_ERRORS
                                            and s.max_ms <= budgets.STRESS_MAX_LATENCY_S * 1000)}
    if results.memory:
        app = results.memory.get("app", [])
        worst = max((m.rss_mb for m in app), default=0.0)
        out["memory"] = {side: [dataclasses.asdict(m) for m in mems] for side, mems in results.memory.items()}
        out["memory"]["target_max_rss_mb"] = budgets.MAX_WORKER_RSS_MB
        out["memory"]["verdict"] = verdict(bool(app) and worst <= budgets.MAX_WORKER_RSS_MB)
    return out


def write_json(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _ms(values: dict) -> str:
    return " / ".join(f"{values[p]:.0f}" if values[p] >= 10 else f"{values[p]:.1f}" for p in ("p50", "p95", "p99"))


def table(data: dict) -> str:
    o, m = data["options"], data["machine"]
    connections = o["connections"] or 2 * o["workers"]
    db = "PostgreSQL" if o["database_url"] else f"SQLite ({'WAL' if o['journal_mode'] == 'wal' else 'as set up'})"
    lines = [
        f"Chronoquiz over HTTP, {data['started']}: {m['cpu']}, {m['cores']} cores, load {m['load'][0]} -> "
        f"{m.get('load_after', ['?'])[0]}; Python {m['python']}, gunicorn {m['gunicorn']} sync x {o['workers']} "
        f"workers, {db}; commit {m['commit']}",
        "",
        f"Throughput, closed loop ({connections} connections, {o['seconds']:g} s per run, {o['alternations']} "
        "alternations; medians; ratio = median of app/baseline per alternation)"
        + ("; baseline: the stack's floor (session, user, CSRF; no targets)" if o.get("baseline") == "floor" else ""),
        f"{'route':<28} {'app req/s':>10} {'base req/s':>10} {'app/base':>9}  {'target':<12} "
        f"{'app p50/p95/p99 ms':>20} {'base p50/p95/p99 ms':>20}",
    ]
    for r in data["routes"]:
        target = f">={r['target_min_ratio']:.1f} {r['verdict']}" if r["target_min_ratio"] else ""
        flags = []
        if r["app_errors"] or r["baseline_errors"]:
            flags.append(f"errors app {r['app_errors']} / baseline {r['baseline_errors']}")
        if r["pool_wrapped"]:
            flags.append("answer pool ran out: repeats measured")
        lines.append(f"{r['label']:<28} {r['app_rps']:>10.1f} {r['baseline_rps']:>10.1f} {r['ratio']:>8.2f}x  "
                     f"{target:<12} {_ms(r['app_ms']):>20} {_ms(r['baseline_ms']):>20}"
                     + (f"  [{'; '.join(flags)}]" if flags else ""))
    if data["page_bytes"]:
        lines.append("page bytes, app / baseline: " + ", ".join(
            f"{k} {v:,} / {data['baseline_page_bytes'].get(k, 0):,}" for k, v in data["page_bytes"].items()))
    if "burst" in data:
        b = data["burst"]
        lines += ["", f"Class burst: {b['sent']} students, one new answer each, spread evenly over {b['seconds']:g} s "
                      "(open loop, one connection each; latency from when each was due)",
                  f"  app       p50 {b['p50_ms']:.0f} ms, p95 {b['p95_ms']:.0f} ms, p99 {b['p99_ms']:.0f} ms, "
                  f"max {b['max_ms']:.0f} ms, errors {b['errors']}"
                  + (f" ({b['first_error']})" if b["errors"] else "")
                  + f"   target p95 < {b['target_p95_ms']:.0f} ms and 0 errors: {b['verdict']}"]
        if b.get("baseline"):
            c = b["baseline"]
            lines.append(f"  baseline  p50 {c['p50_ms']:.0f} ms, p95 {c['p95_ms']:.0f} ms, p99 {c['p99_ms']:.0f} ms, "
                         f"max {c['max_ms']:.0f} ms, errors {c['errors']}")
    if "stress" in data:
        s = data["stress"]
        lines += ["", f"Stress: {s['connections']} connections posting new answers for {s['seconds']:.0f} s "
                      "(closed loop)",
                  f"  app       {s['requests']} answers ({s['rps']:.0f}/s), errors {s['errors']}"
                  + (f" ({s['first_error']})" if s["errors"] else "")
                  + f", p50 {s['p50_ms']:.0f} ms, p99 {s['p99_ms']:.0f} ms, max {s['max_ms'] / 1000:.2f} s, "
                    f"{s['slow']} over {s['target_max_latency_s']:g} s"
                  + f"   target 0 errors, none over {s['target_max_latency_s']:g} s: {s['verdict']}"]
        if s["wrapped"]:
            lines.append("  (the answer pool ran out: some requests repeated an answer)")
    if "memory" in data:
        mem = data["memory"]
        for side in ("app", "baseline"):
            workers = mem.get(side, [])
            shown = ", ".join(f"{w['rss_mb']:.0f}" + (f" ({w['pss_mb']:.0f})" if w["pss_mb"] is not None else "")
                              for w in workers)
            target = f"   target <= {mem['target_max_rss_mb']:.0f} MB each: {mem['verdict']}" if side == "app" else ""
            lines.append(("" if side == "baseline" else "\nMemory per worker after the run, RSS MB (PSS MB)\n")
                         + f"  {side:<9} {shown}{target}")
    lines += ["", f"Answers: {data['answers_posted']} answer POSTs redirected as expected, "
                  f"{data['answers_stored']} answers stored meanwhile"]
    lines += data["notes"]
    return "\n".join(lines)
