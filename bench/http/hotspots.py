"""`python -m bench.http.hotspots --route answer`: where one route of the HTTP benchmark spends its time.

The same classroom, the same kinds of requests (a student's cookies, a new answer each time), but sent
in-process through the Flask test client under cProfile, without a server: what is left is the app's
own work per request. Prints the mean time per request (measured without the profiler) and the top
functions by cumulative and by own time. (Not named profile.py: that would be the standard library's
`profile`, which cProfile imports, for anything run from this folder.)
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import random
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from . import pools
from .classroom import Classroom
from .livehotspots import LIVE_ROUTES, profile_live
from .rawhttp import USER_AGENT, Request
from .run import LABELS, ROUTES
from .sessions import Login, csrf_token

ADDRESS = "127.0.0.1"


def _send(app_client, request: Request):  # type: ignore[no-untyped-def]
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html", **dict(request.headers)}
    if request.cookie:
        headers["Cookie"] = request.cookie
    response = app_client.open(request.path, method=request.method, headers=headers, data=dict(request.form))
    response.get_data()  # the whole body, as a server sends it
    return response


def _log_in(app: Flask, resume_code: str, form_page: str) -> Login:
    """/resume with the personal code, as in the HTTP run, through a cookie-keeping test client."""
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": USER_AGENT})
    token = csrf_token(client.get("/resume").get_data(as_text=True))
    assert client.post("/resume", data={"csrf_token": token, "code": resume_code}).status_code == 302
    page = client.get(form_page)
    assert page.status_code == 200, page.status_code
    cookies = "; ".join(f"{name}={client.get_cookie(name).value}"  # type: ignore[union-attr]
                        for name in ("session", "remember_token") if client.get_cookie(name))
    return Login(cookies, csrf_token(page.get_data(as_text=True)))


def profile(route: str, requests: int, students: int, top: int, sampler: bool = False) -> str:
    folder = Path(tempfile.mkdtemp(prefix="chronoquiz-profile-"))
    try:
        url = f"sqlite:///{folder / 'chronoquiz.sqlite3'}"
        classroom = Classroom(url, secrets.token_hex(32))
        classroom.run_command(["setup", "--no-demo"])
        with sqlite3.connect(folder / "chronoquiz.sqlite3") as connection:
            connection.execute("PRAGMA journal_mode=WAL")
        people = classroom.enrol(students)
        viewed = classroom.start_practice(len(people))
        app = classroom.app
        logins = [_log_in(app, s.resume_code, f"/attempts/{ref.id}") for s, ref in zip(people, viewed)]
        rng = random.Random(2003)
        if route == "answer":
            pool = pools.answers(classroom.start_practice((2 * requests + 40) // 10 + 1), logins, rng)
        elif route == "question":
            pool = pools.pages([f"/attempts/{ref.id}" for ref in viewed], logins)
        elif route == "home":
            pool = pools.pages(["/"] * len(logins), logins)
        else:
            pool = pools.pages(["/timeline"], None)
        cycle = itertools.cycle(pool)  # answers: the pool holds more than the warm-up and both passes use
        client = app.test_client(use_cookies=False)
        client.environ_base.update({"REMOTE_ADDR": ADDRESS})
        expected = (302, 303) if route == "answer" else (200,)
        for _ in range(20):  # warm: templates compiled, chronology cached
            status = _send(client, next(cycle)).status_code
            assert status in expected, f"{LABELS[route]} answered {status}"
        locked = _WriteLockTimer(app)
        text = profile_loop(LABELS[route], lambda: _send(client, next(cycle)), requests, locked, top, sampler,
                            _sampled)
        classroom.close()
        return text
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def profile_loop(label: str, send: Callable[[], object], requests: int, locked: _WriteLockTimer, top: int,
                 sampler: bool, sampled: Callable[[Callable[[], object], int], str]) -> str:
    """`requests` sends timed (wall and CPU, no profiler), then as many under cProfile or the sampler."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(requests):
        send()
    mean_ms = (time.perf_counter() - start) / requests * 1000
    # CPU time too: on a shared machine it moves much less than the wall clock.
    cpu_ms = (time.process_time() - cpu) / requests * 1000
    locked.stop()
    out = io.StringIO()
    out.write(f"{label}: {mean_ms:.2f} ms per request in-process, {cpu_ms:.2f} ms of CPU "
              f"(mean of {requests}, no profiler)\n")
    if locked.count:
        # On SQLite every other writer waits while one holds the write lock: its hold time, not the
        # request's, bounds the answers a server takes per second (about 1000 / this many ms).
        out.write(f"  write lock held {locked.total / requests * 1000:.2f} ms per request "
                  f"({locked.count} writing transactions)\n")
    if sampler:
        out.write(sampled(send, requests))
        return out.getvalue()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        send()
    profiler.disable()
    for order in ("cumulative", "tottime"):
        out.write(f"\n-- top {top} by {order} (over {requests} requests) --\n")
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(top)
    return out.getvalue()


class _WriteLockTimer:
    """Time from each BEGIN IMMEDIATE (a writing transaction, quiz/extensions.py) to its commit or rollback."""

    def __init__(self, app: Flask):
        from sqlalchemy import event

        from quiz.extensions import WRITE_OPTION, db

        with app.app_context():
            self.engine = db.engine
        self.option, self.total, self.count, self._since = WRITE_OPTION, 0.0, 0, None
        self._event = event
        self._hooks = {"begin": self._begin, "commit": self._end, "rollback": self._end}
        for name, hook in self._hooks.items():
            event.listen(self.engine, name, hook)

    def _begin(self, connection) -> None:  # type: ignore[no-untyped-def]
        if connection.get_execution_options().get(self.option):
            self._since = time.perf_counter()

    def _end(self, _connection) -> None:  # type: ignore[no-untyped-def]
        if self._since is not None:
            self.total += time.perf_counter() - self._since
            self.count += 1
            self._since = None

    def stop(self) -> None:
        for name, hook in self._hooks.items():
            self._event.remove(self.engine, name, hook)


def _sampled(send, requests: int) -> str:  # type: ignore[no-untyped-def]
    """pyinstrument's call tree: a sampling profiler, which does not inflate code made of many small calls
    (templates, SQLAlchemy) the way cProfile's per-call hook does, so its shares are closer to the real ones."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return "\n--sampler needs pyinstrument: .venv/bin/pip install pyinstrument\n"
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(requests):
        send()
    profiler.stop()
    return "\n" + profiler.output_text(unicode=True, color=False, show_all=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.http.hotspots", description=__doc__.split("\n")[0])
    parser.add_argument("--route", choices=ROUTES + LIVE_ROUTES, default="answer",
                        help="live-*: a live lesson's requests (bench/http/livehotspots.py)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--players", type=int, default=300, help="live-*: players in the game")
    parser.add_argument("--questions", type=int, default=10, help="live-*: questions in the game")
    parser.add_argument("--answered", type=int, default=None,
                        help="live-*: questions every player has answered (default: all but the last)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sampler", action="store_true",
                        help="pyinstrument's sampled call tree instead of cProfile's tables (pip install pyinstrument)")
    args = parser.parse_args(argv)
    if args.route in LIVE_ROUTES:
        print(profile_live(args.route, args.requests, args.players, args.questions, args.answered, args.top,
                           args.sampler))
        return 0
    print(profile(args.route, args.requests, args.students, args.top, args.sampler))
    return 0


if __name__ == "__main__":
    sys.exit(main())
