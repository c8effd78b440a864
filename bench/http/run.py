"""One benchmark run, start to finish: set up, serve, log the class in, measure, read memory, stop.

The order matters on a small machine: everything that costs CPU (making attempts, building requests) happens
between measurements, never during one, and app and baseline take turns on each route so that a change in
the machine's load falls on both.
"""

from __future__ import annotations

import json
import math
import random
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quiz.config import normalise_database_url

from . import baseline, pools, servers, wrk
from .burst import Burst, burst
from .classroom import AttemptRef, Classroom, Student
from .machine import machine
from .rawhttp import Request, fetch
from .sessions import Login, log_in_all

ROUTES = ("answer", "question", "timeline", "home")
LABELS = {
    "answer": "POST /attempts/<id>/answer",
    "question": "GET /attempts/<id>",
    "timeline": "GET /timeline",
    "home": "GET / (student)",
}
EXPECT = {"answer": "redirect", "question": "page", "timeline": "page", "home": "page"}
# Answers per second assumed when sizing an answer pool, until a run is faster: a pool too large costs a second
# of set-up, one too small repeats answers (flagged) and the figure is lost.
MIN_RATE_ASSUMED = 400.0
POOL_MARGIN = 1.5  # an answer pool holds this many times what the last measured rate would use
SAMPLE_PAGES = 20  # pages fetched to learn the app's page sizes for the baseline


@dataclass
class Options:
    workers: int = 2
    connections: int | None = None  # closed-loop runs; default 2 per worker (one served, one waiting)
    seconds: float = 5.0
    alternations: int = 3
    warmup_seconds: float = 2.0
    routes: tuple[str, ...] = ROUTES
    students: int = 300
    burst: bool = True
    burst_seconds: float = 1.0
    stress: bool = True
    stress_connections: int = 300
    stress_seconds: float = 10.0
    database_url: str | None = None  # default: a fresh SQLite file in a temporary folder
    journal_mode: str = "wal"  # SQLite: "wal", or "app" to keep what `flask setup` leaves
    demo: bool = True  # `flask setup` with its demo data, as `make run` does
    # The same `setup` command run inside this process (through Flask's CLI runner) instead of `flask` in a new
    # one: saves an interpreter start and the app's import, seconds that matter to the smoke test only.
    setup_in_process: bool = False
    keep: bool = False  # keep the temporary folder (database, server logs)
    # "bare": the floor of each route's work (the targets' baseline); "floor": the same plus what the stack
    # itself costs a signed-in request (session, user, CSRF; bench/http/baseline.py). Targets: "bare" only.
    baseline: str = "bare"
    log: Callable[[str], None] = field(default=lambda text: print(text, file=sys.stderr, flush=True))


@dataclass
class RouteResult:
    route: str
    app: list[wrk.Run] = field(default_factory=list)
    baseline: list[wrk.Run] = field(default_factory=list)

    def ratios(self) -> list[float]:
        """App over baseline throughput, per alternation (the two ran back to back)."""
        return [a.rps / b.rps for a, b in zip(self.app, self.baseline) if b.rps]


@dataclass
class Results:
    options: Options
    started: str = ""
    machine: dict = field(default_factory=dict)
    page_bytes: dict[str, int] = field(default_factory=dict)
    baseline_page_bytes: dict[str, int] = field(default_factory=dict)
    routes: list[RouteResult] = field(default_factory=list)
    burst: Burst | None = None
    baseline_burst: Burst | None = None
    stress: wrk.Run | None = None
    memory: dict[str, list[servers.Memory]] = field(default_factory=dict)
    answers_posted: int = 0  # answer POSTs the app answered with the expected redirect
    answers_stored: int = 0  # response rows the database gained meanwhile
    notes: list[str] = field(default_factory=list)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


class Bench:
    def __init__(self, options: Options):
        self.o = options
        self.log = options.log
        self.connections = options.connections or 2 * options.workers
        self.folder = Path(tempfile.mkdtemp(prefix="chronoquiz-http-bench-"))
        self.secret = secrets.token_hex(32)
        self.rng = random.Random(2003)
        self.results = Results(options)
        self.app: servers.Server | None = None
        self.base: servers.Server | None = None
        self.classroom: Classroom | None = None
        self.students: list[Student] = []
        self.assignment: list[AttemptRef] = []  # every student's started assignment (burst, then stress)
        self.viewed: list[AttemptRef] = []  # one practice attempt each, never answered (the question pages)
        self.logins: list[Login] = []
        self.answer_rate: float | None = None  # the fastest the app has answered so far, per second
        self.pool_count = 0
        if options.database_url:
            self.database_url = normalise_database_url(options.database_url)
            self.baseline_url = self.database_url  # the floor pays the same round trips to the same server
        else:
            self.database_url = f"sqlite:///{self.folder / 'chronoquiz.sqlite3'}"
            self.baseline_url = f"sqlite:///{self.folder / 'baseline.sqlite3'}"
        if options.baseline == "floor":
            self.baseline_url = self.database_url  # it reads the app's users and attempts

    # -- set-up -------------------------------------------------------------------------------------------

    def set_up(self) -> None:
        env = {"DATABASE_URL": self.database_url, "SECRET_KEY": self.secret}
        # With --keep, what it takes to serve this database again (and read its cookies) for a closer look.
        settings = self.folder / "server.env"
        settings.touch(mode=0o600)
        settings.write_text("".join(f"{k}={v}\n" for k, v in env.items()))
        # Both servers boot (seconds of imports) while the database is set up: neither touches its database
        # before the first request, which comes once everything is ready.
        self.log(f"setting up {self.folder} (flask --app quiz setup{'' if self.o.demo else ' --no-demo'}), "
                 f"starting app and baseline with {self.o.workers} workers each")
        self.app = servers.start("app", servers.APP_SPEC, workers=self.o.workers, env=env, log_dir=self.folder)
        floor = self.o.baseline == "floor"
        if not floor:
            baseline.prepare_database(self.baseline_url)
        sizes_file = self.folder / "baseline-sizes.json"
        base_env = {baseline.DATABASE_ENV: self.baseline_url, baseline.SIZES_ENV: str(sizes_file)}
        if floor:
            base_env.update({baseline.FLOOR_ENV: "1", baseline.SECRET_ENV: self.secret})
        self.base = servers.start("baseline", servers.BASELINE_SPEC, workers=self.o.workers, log_dir=self.folder,
                                  env=base_env)
        self.classroom = Classroom(self.database_url, self.secret)
        self._run_setup(env)
        if floor:  # its table in the app's database, once the app's schema is there
            baseline.prepare_database(self.baseline_url)
        if self.database_url.startswith("sqlite") and self.o.journal_mode == "wal":
            # The journal mode is a property of the file: set once, every connection of every worker uses it.
            with sqlite3.connect(self.database_url.removeprefix("sqlite:///")) as connection:
                connection.execute("PRAGMA journal_mode=WAL")
        self.log(f"enrolling {self.o.students} students, starting their assignment and one practice attempt each")
        self.students = self.classroom.enrol(self.o.students)
        self.assignment = self.classroom.start_assignment() if (self.o.burst or self.o.stress) else []
        self.viewed = self.classroom.start_practice(len(self.students))  # the question pages, never answered
        self.app.wait_ready()
        self.log("logging the class in (/resume with each personal code)")
        self.logins = log_in_all(servers.HOST, self.app.port, self.students,
                                 [f"/attempts/{ref.id}" for ref in self.viewed])
        self._measure_page_sizes()
        sizes_file.write_text(json.dumps(self.results.page_bytes))
        self.base.wait_ready()
        self._check_baseline_sizes()

    def _run_setup(self, env: dict[str, str]) -> None:
        assert self.classroom
        run_setup(self.classroom, env, self.folder, demo=self.o.demo, in_process=self.o.setup_in_process)

    def _measure_page_sizes(self) -> None:
        def mean_size(requests: list[Request]) -> int:
            sizes = []
            for request in requests:
                reply = fetch(servers.HOST, self.app.port, request)  # type: ignore[union-attr]
                if reply.status != 200:
                    raise RuntimeError(f"{request.path} answered {reply.status}")
                sizes.append(len(reply.body))
            return round(statistics.mean(sizes))

        sample = slice(0, SAMPLE_PAGES)
        self.results.page_bytes = {
            "question": mean_size(self._requests("question")[sample]),
            "timeline": mean_size(self._requests("timeline")[:1]),
            "home": mean_size(self._requests("home")[sample]),
        }

    def _check_baseline_sizes(self) -> None:
        for route in ("question", "timeline", "home"):
            reply = fetch(servers.HOST, self.base.port, self._requests(route)[0])  # type: ignore[union-attr]
            self.results.baseline_page_bytes[route] = len(reply.body)

    # -- requests -----------------------------------------------------------------------------------------

    def _requests(self, route: str) -> list[Request]:
        if route == "question":
            return pools.pages([f"/attempts/{ref.id}" for ref in self.viewed], self.logins)
        if route == "home":
            return pools.pages(["/"] * len(self.logins), self.logins)
        if route == "timeline":
            return pools.pages(["/timeline"], None)  # a visitor: the page is the same for everyone
        raise ValueError(route)

    def _fresh_answers(self, seconds: float) -> list[Request]:
        """New answers for a run of `seconds`: practice attempts made now, enough for the fastest answer rate seen
        so far (a run that uses them all up is flagged as wrapped)."""
        needed = int(max(self.answer_rate or 0.0, MIN_RATE_ASSUMED) * seconds * POOL_MARGIN) + 2 * self.connections
        attempts = self.classroom.start_practice(math.ceil(needed / 10))  # type: ignore[union-attr]
        return pools.answers(attempts, self.logins, self.rng)

    def _pool(self, server: servers.Server, route: str, requests: list[Request]) -> Path:
        self.pool_count += 1
        path = self.folder / f"pool-{self.pool_count:03d}-{route}-{server.name}.txt"
        return pools.write_pool(path, requests, server.address)

    # -- measurements -------------------------------------------------------------------------------------

    def _wrk(self, server: servers.Server, route: str, requests: list[Request], seconds: float) -> wrk.Run:
        result = wrk.run(server.address, self._pool(server, route, requests), expect=EXPECT[route], seconds=seconds,
                         connections=self.connections)
        if route == "answer" and server is self.app:
            self.results.answers_posted += result.requests - result.errors
            self.answer_rate = max(self.answer_rate or 0.0, result.rps)
        return result

    def throughput(self, route: str) -> RouteResult:
        assert self.app and self.base
        outcome = RouteResult(route)
        sides = (self.app, self.base)
        for turn in range(-1, self.o.alternations):  # turn -1: warm-up (templates compiled, caches filled)
            seconds = self.o.warmup_seconds if turn < 0 else self.o.seconds
            if turn < 0 and seconds <= 0:
                continue
            requests = self._fresh_answers(seconds) if route == "answer" else self._requests(route)
            # ABBA: each side goes first as often as the other, so a drift in the machine's load cancels out.
            for server in (sides if turn % 2 == 0 else sides[::-1]):
                run = self._wrk(server, route, requests, seconds)
                if turn >= 0:
                    (outcome.app if server is self.app else outcome.baseline).append(run)
            if turn >= 0:
                a, b = outcome.app[-1], outcome.baseline[-1]
                self.log(f"  {LABELS[route]:<28} app {a.rps:7.1f}/s  baseline {b.rps:7.1f}/s  "
                         f"ratio {a.rps / b.rps if b.rps else math.nan:.2f}"
                         + ("  (pool wrapped)" if a.wrapped and route == "answer" else "")
                         + (f"  errors {a.errors} ({a.first_error})" if a.errors else ""))
        return outcome

    def class_burst(self) -> None:
        assert self.app and self.base
        first_answers = pools.answers(self.assignment, self.logins, self.rng, last_question=0)
        self.log(f"burst: {len(first_answers)} students answer within {self.o.burst_seconds:g} s")
        self.results.burst = burst(servers.HOST, self.app.port, first_answers, seconds=self.o.burst_seconds)
        self.results.answers_posted += self.results.burst.ok
        self.results.baseline_burst = burst(servers.HOST, self.base.port, first_answers,
                                            seconds=self.o.burst_seconds)

    def stress(self) -> None:
        assert self.app
        # The class's assignment first (questions 2..10 of every student), then practice answers.
        requests = pools.answers(self.assignment, self.logins, self.rng, first_question=1)
        rate = max(self.answer_rate or 0.0, MIN_RATE_ASSUMED)
        more = int(rate * self.o.stress_seconds * POOL_MARGIN) + self.o.stress_connections - len(requests)
        if more > 0:
            requests += pools.answers(self.classroom.start_practice(math.ceil(more / 10)),  # type: ignore[union-attr]
                                      self.logins, self.rng)
        self.log(f"stress: {self.o.stress_connections} connections post answers for {self.o.stress_seconds:g} s")
        self.results.stress = wrk.run(self.app.address, self._pool(self.app, "stress", requests), expect="redirect",
                                      seconds=self.o.stress_seconds, connections=self.o.stress_connections,
                                      timeout_s=60, slow_ms=2000)
        self.results.answers_posted += self.results.stress.requests - self.results.stress.errors

    def run(self) -> Results:
        self.results.started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
        self.results.machine = machine()
        try:
            self.set_up()
            stored_before = self.classroom.count_answers()  # type: ignore[union-attr]
            for route in self.o.routes:
                self.results.routes.append(self.throughput(route))
            if self.o.burst:
                self.class_burst()
            if self.o.stress:
                self.stress()
            self.results.answers_stored = self.classroom.count_answers() - stored_before  # type: ignore[union-attr]
            if self.results.answers_stored < self.results.answers_posted:
                self.results.notes.append(
                    f"WARNING: {self.results.answers_posted - self.results.answers_stored} acknowledged answers were "
                    "not new (an answer pool ran out, or requests answered the same question twice)")
            self.results.memory = {"app": self.app.memory(), "baseline": self.base.memory()}  # type: ignore[union-attr]
            self.results.machine["load_after"] = machine()["load"]
        finally:
            running = [server for server in (self.app, self.base) if server is not None]
            for server in running:
                server.terminate()  # both at once: each takes a moment to stop its workers
            for server in running:
                server.stop()
            if self.classroom is not None:
                self.classroom.close()
            if self.o.keep:
                self.log(f"kept {self.folder} (database, server logs, request pools)")
            else:
                shutil.rmtree(self.folder, ignore_errors=True)
        return self.results


def run_setup(classroom: Classroom, env: dict[str, str], folder: Path, *, demo: bool, in_process: bool) -> None:
    """`flask --app quiz setup` on the servers' database (`env`: DATABASE_URL, SECRET_KEY); its output in
    setup.log. In process (through Flask's CLI runner) saves an interpreter start: seconds, for smoke tests."""
    args = ["setup", "--demo" if demo else "--no-demo"]
    if in_process:
        output = classroom.run_command(args)
    else:
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "quiz", *args], cwd=servers.REPO,
                              env={**servers.clean_environment(), **env}, capture_output=True, text=True,
                              timeout=600)
        output = done.stdout + done.stderr
        if done.returncode != 0:
            raise RuntimeError(f"flask setup failed:\n{output[-3000:]}")
    (folder / "setup.log").write_text(output)


def run(options: Options) -> Results:
    return Bench(options).run()

