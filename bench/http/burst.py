"""Open-loop load: requests sent at fixed times whatever the server's pace (a class pressing "Answer"
within a second), latency counted from when each was due, so a slow server cannot hide its queue."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from .rawhttp import Request, fetch_async


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class Burst:
    sent: int
    seconds: float  # over how long they were spread
    ok: int
    errors: int
    first_error: str
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    def to_json(self) -> dict:
        return asdict(self)


async def _one(host: str, port: int, raw: bytes, due: float, timeout: float) -> tuple[float, str | None]:
    await asyncio.sleep(max(0.0, due - time.perf_counter()))
    try:
        reply = await fetch_async(host, port, raw, timeout=timeout)
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
        return time.perf_counter() - due, f"{type(error).__name__}: {error}"
    location = reply.header("location") or ""
    if reply.status not in (302, 303) or "login" in location:
        return time.perf_counter() - due, f"HTTP {reply.status} {location}".strip()
    return time.perf_counter() - due, None


async def _burst(host: str, port: int, raws: list[bytes], seconds: float, timeout: float) -> list:
    start = time.perf_counter() + 0.05  # every task created before the first is due
    gap = seconds / len(raws)
    return await asyncio.gather(*(_one(host, port, raw, start + i * gap, timeout) for i, raw in enumerate(raws)))


def burst(host: str, port: int, requests: list[Request], *, seconds: float = 1.0, timeout: float = 30.0) -> Burst:
    """Send each answer (a redirect is expected) on its own connection, evenly over `seconds`."""
    raws = [request.to_bytes(f"{host}:{port}", close=True) for request in requests]
    # A loop of its own, in a thread of its own: the caller's thread may already run one (Playwright's sync API
    # does, for the rest of a pytest session), and asyncio.run refuses to start inside another loop.
    with ThreadPoolExecutor(1) as thread:
        results = thread.submit(lambda: asyncio.run(_burst(host, port, raws, seconds, timeout))).result()
    latencies = [latency * 1000 for latency, _ in results]
    failures = [error for _, error in results if error]
    return Burst(sent=len(raws), seconds=seconds, ok=len(raws) - len(failures), errors=len(failures),
                 first_error=failures[0] if failures else "",
                 p50_ms=round(percentile(latencies, 50), 1), p95_ms=round(percentile(latencies, 95), 1),
                 p99_ms=round(percentile(latencies, 99), 1), max_ms=round(max(latencies), 1))
