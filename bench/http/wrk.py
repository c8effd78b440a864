"""Running wrk with replay.lua over a pool of requests, and what one run measured."""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("replay.lua")


@dataclass
class Run:
    """One wrk run: closed loop, `connections` requests always in flight."""

    requests: int
    seconds: float
    rps: float
    errors: int  # socket errors, timeouts, and responses that were not what the route must answer
    first_error: str
    wrapped: bool  # the pool ran out and requests were repeated: the figure is not valid for answers
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    slow: int  # requests slower than the slow_ms asked for (0 when none asked)

    def to_json(self) -> dict:
        return asdict(self)


def run(address: str, pool: Path, *, expect: str, seconds: float, connections: int, timeout_s: float = 30.0,
        slow_ms: float = 0.0) -> Run:
    """`expect`: "redirect" for answer POSTs, "page" for GETs, "not-modified" for polls answered 304 (see
    replay.lua)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", f"--timeout={timeout_s:g}s",
               "-s", str(SCRIPT), f"http://{address}", "--", str(pool), expect, f"{slow_ms:g}", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + timeout_s + 60)
    line = next((line for line in done.stdout.splitlines() if line.startswith("BENCH-JSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    data = json.loads(line.removeprefix("BENCH-JSON "))
    socket_errors = sum(data["errors"][k] for k in ("connect", "read", "write", "timeout"))
    # wrk counts a non-2xx/3xx status in errors.status and replay.lua counts it again as bad: count it once.
    errors = socket_errors + data["bad"]
    first = data["first_bad"] or ", ".join(f"{k} {v}" for k, v in data["errors"].items() if v)
    latency = data["latency_us"]
    seconds_run = data["duration_us"] / 1e6
    return Run(requests=data["requests"], seconds=round(seconds_run, 3),
               rps=round(data["requests"] / seconds_run, 1) if seconds_run else 0.0,
               errors=errors, first_error=first if errors else "", wrapped=data["wrapped"] > 0,
               p50_ms=latency["p50"] / 1000, p95_ms=latency["p95"] / 1000, p99_ms=latency["p99"] / 1000,
               max_ms=latency["max"] / 1000, slow=data["slow"])
