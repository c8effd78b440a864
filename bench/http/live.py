"""`python -m bench.http.live [options]`: a live lesson at class and hall scale, over HTTP, on the production server.

It sets up a fresh database with the app's own `flask setup`, makes a teacher and a set of generated questions
(through the app's services), serves the app through quiz/gunicorn_conf.py (what `make run` runs) and the bare
Flask baseline (baseline.py), logs the host in and creates each game over HTTP, then plays it with simulated
phones and a host on one asyncio loop (livegame.py):

1. "steady": every player joins, polls, and answers each question;
2. "drop": a new game, where during each question a share of the players (--drop, 20%) drop mid-question and come
   back with only their player cookie.

After each game it checks the database against what the phones were told (lost, doubled, unfinished). Last, the
cost of one poll: `GET /live/<code>/state` answered 304 against the baseline's simplest route, with wrk.
Prints a table with the targets (budgets.py, never asserted) and writes JSON (bench/http/results/). What each
figure means: bench/README.md, "Live lessons".

Exit status: 0 when the run completed (whatever the figures), 2 when gunicorn or wrk is missing, 1 when the run
itself failed.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import math
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from quiz.config import normalise_database_url
from quiz.gunicorn_conf import default_workers

from . import baseline, budgets, servers, wrk
from .burst import percentile
from .classroom import Classroom
from .livegame import Click, Game, Plan, Played, clock
from .machine import machine
from .rawhttp import Request, fetch
from .report import verdict, write_json
from .run import run_setup
from .sessions import _Browser, csrf_token

DEFAULT_OUTPUT = Path(__file__).with_name("results") / "live-latest.json"
SCENARIOS = ("steady", "drop")

# Nicknames as a class types them: Arabic, Latin, and both in one name; a number keeps each one distinct.
ARABIC_NAMES = ("سارة", "عمر", "مريم", "يوسف", "ليلى", "أحمد", "نور", "زينب", "حسن", "فاطمة", "علي", "هدى",
                "كريم", "رنا", "سلمى", "خالد", "آمنة", "طارق", "دينا", "بلال")
LATIN_NAMES = ("Sara", "Omar", "Maryam", "Youssef", "Layla", "Ahmed", "Noor", "Zainab", "Hassan", "Fatima", "Ali",
               "Huda", "Karim", "Rana", "Salma", "Khaled", "Amna", "Tariq", "Dina", "Bilal")
EASTERN_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass
class Options:
    players: int = 300
    questions: int = 10
    workers: int = field(default_factory=lambda: default_workers(os.cpu_count()))  # what `make run` starts
    scenarios: tuple[str, ...] = SCENARIOS
    drop: float = 0.2  # the drop scenario: share of the players dropping during each question
    think: tuple[float, float] = (1.0, 6.0)
    answer_cap: float = 10.0
    reveal_seconds: float = 2.0
    join_seconds: float = 10.0
    lobby_seconds: float = 2.0  # from the projector showing every player to "start"
    end_wait: float = 10.0  # after "end", at most this long for every phone to show the end screen
    away: tuple[float, float] = (1.0, 3.0)  # how long a dropped phone stays away
    time_limit: int = 30  # the game's timer per question (the form's default); the host closes before it
    ratio: bool = True  # measure the poll against the baseline with wrk
    ratio_seconds: float = 3.0
    ratio_alternations: int = 3
    database_url: str | None = None
    demo: bool = False  # `flask setup --demo`: not needed by a live lesson, and 10 s slower
    setup_in_process: bool = False
    keep: bool = False
    seed: int = 2026
    app_spec: str = servers.APP_SPEC  # what gunicorn serves: another factory measures a change without editing quiz/
    log: Callable[[str], None] = field(default=lambda text: print(text, file=sys.stderr, flush=True))

    def plan(self, scenario: str) -> Plan:
        return Plan(think=self.think, answer_cap=self.answer_cap, reveal_seconds=self.reveal_seconds,
                    join_seconds=self.join_seconds, lobby_seconds=self.lobby_seconds, end_wait=self.end_wait,
                    away=self.away,
                    drop_window=(min(0.3, self.think[0]), self.think[1]),  # while the player may still answer
                    drop_share=self.drop if scenario == "drop" else 0.0)


def nicknames(count: int) -> list[str]:
    """`count` distinct nicknames the app accepts (checked here with its own rules)."""
    from quiz.live.nicknames import NicknameRefused, clean_nickname, same_name_key

    names, keys = [], set()
    for n in range(count):
        arabic, latin = ARABIC_NAMES[n % len(ARABIC_NAMES)], LATIN_NAMES[(7 * n + 3) % len(LATIN_NAMES)]
        forms = [f"{arabic} {str(n + 1).translate(EASTERN_DIGITS)}", f"{latin} {n + 1}", f"{latin} {arabic} {n + 1}"]
        name = ""
        # The word list refuses a few harmless names with some numbers (a false positive noted in the live issue):
        # the next form of the same player's name is taken then.
        for form in forms[n % 3:] + forms[:n % 3]:
            try:
                name = clean_nickname(form)
                break
            except NicknameRefused:
                continue
        key = same_name_key(name)
        if key in keys:
            raise ValueError(f"nickname {name!r} repeats another")
        keys.add(key)
        names.append(name)
    return names


# -- set-up -------------------------------------------------------------------------------------------------


@dataclass
class Lesson:
    """The teacher and questions written into the database, and the host's browser once logged in."""

    username: str
    password: str
    set_id: int
    kinds: dict[str, int]
    browser: _Browser | None = None


def prepare_lesson(classroom: Classroom, questions: int) -> Lesson:
    from quiz.authoring.from_generated import to_set_question
    from quiz.authoring.model import SetData
    from quiz.clock import now
    from quiz.extensions import db
    from quiz.generate import QuizRequest, generate_quiz
    from quiz.services import accounts, question_sets
    from quiz.services.chronologies import get_chronology

    with classroom.app.app_context():
        username, password = f"bench-live-{secrets.token_hex(3)}", secrets.token_urlsafe(16)
        teacher = accounts.create_user(username, password, "معلّمة الدرس المباشر", role="teacher")
        generated = generate_quiz(get_chronology(classroom.slug), QuizRequest(count=questions, seed=7))
        question_set = question_sets.create_set(teacher, SetData(
            title="درس القياس المباشر", language="both", description="",
            questions=tuple(to_set_question(q) for q in generated)), now())
        db.session.commit()
        return Lesson(username, password, question_set.id, dict(Counter(q.type for q in generated)))


def log_host_in(port: int, lesson: Lesson) -> None:
    browser = _Browser(servers.HOST, port)
    token = csrf_token(browser.send("GET", "/login").text)
    reply = browser.send("POST", "/login", (("csrf_token", token), ("username", lesson.username),
                                            ("password", lesson.password)))
    if reply.status not in (302, 303):
        raise RuntimeError(f"the host's log-in answered {reply.status}: {reply.text[:300]}")
    lesson.browser = browser


@dataclass
class GameInfo:
    id: int
    code: str
    question_ids: list[str]
    kinds: list[str]
    host_token: str
    host_etag: str
    seconds: float  # POST /teach/live to the host page, over HTTP


def create_game(classroom: Classroom, lesson: Lesson, time_limit: int) -> GameInfo:
    """Over HTTP, as the teacher does it: the form, POST /teach/live with the set, the host page."""
    from quiz.extensions import db
    from quiz.models.live import LiveGame

    browser = lesson.browser
    assert browser is not None
    started = time.perf_counter()
    token = csrf_token(browser.send("GET", "/teach/live").text)
    reply = browser.send("POST", "/teach/live", (
        ("csrf_token", token), ("source", str(lesson.set_id)), ("classroom", ""), ("generated_count", "10"),
        ("time_limit", str(time_limit)), ("auto_advance", ""), ("leaderboard", "all"),
        ("grading_type", "relative_all_previous_and_next")))
    if reply.status not in (302, 303):
        raise RuntimeError(f"POST /teach/live answered {reply.status}: {reply.text[:500]}")
    path = urlsplit(reply.header("location") or "").path
    page = browser.send("GET", path)
    seconds = time.perf_counter() - started
    code = re.search(r'class="join-code projector-code" dir="ltr">(\d+)<', page.text)
    etag = re.search(r'<div class="live-screen" data-etag="([^"]+)"', page.text)
    if page.status != 200 or code is None or etag is None:
        raise RuntimeError(f"{path} answered {page.status} without a code: {page.text[:500]}")
    game_id = int(path.rstrip("/").rsplit("/", 1)[1])
    with classroom.app.app_context():
        questions = db.session.get(LiveGame, game_id).questions  # type: ignore[union-attr]
        ids, kinds = [q["id"] for q in questions], [q["type"] for q in questions]
        db.session.remove()
    return GameInfo(game_id, code.group(1), ids, kinds, csrf_token(page.text), etag.group(1), seconds)


# -- figures ------------------------------------------------------------------------------------------------


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _spread(values: list[float]) -> dict:
    """p50/p95/p99/max in ms of latencies in seconds (None when there are none)."""
    if not values:
        return {"n": 0, "p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    return {"n": len(values), "p50_ms": _ms(percentile(values, 50)), "p95_ms": _ms(percentile(values, 95)),
            "p99_ms": _ms(percentile(values, 99)), "max_ms": _ms(max(values))}


def seen_after(played: Played, click: Click) -> dict:
    """How long after `click` was sent each player had a screen at its version or later (players away at the
    click, dropped, are counted apart: their delay is their absence)."""
    delays: list[float] = []
    waits: list[float] = []  # click -> the poll that found the change was sent (polling's share of the delay)
    serves: list[float] = []  # that poll sent -> the new screen read (the server's share)
    away = missed = 0
    for phone in played.phones:
        if not phone.joined:
            continue
        if phone.was_away(click.sent):
            away += 1
            continue
        seen = phone.first_seen(click.version) if click.version >= 0 else None
        if seen is None:
            missed += 1
            delays.append(math.inf)
            continue
        delays.append(seen - click.sent)
        poll = phone.poll_before(seen)
        if poll is not None and poll >= click.sent:
            waits.append(poll - click.sent)
            serves.append(seen - poll)
    finite = [d for d in delays if math.isfinite(d)]
    within = sum(1 for d in delays if d <= budgets.LIVE_SEEN_WITHIN_S)
    return {"action": click.action, "question": click.question + 1, "click_ms": _ms(click.seconds),
            "click_status": click.status, "players": len(delays), "away": away, "missed": missed,
            "within_share": round(within / len(delays), 4) if delays else None,
            **{k: v for k, v in _spread(finite).items() if k != "n"},
            "poll_wait": _spread(waits), "served": _spread(serves)}


def check_database(classroom: Classroom, game_id: int, played: Played) -> dict:
    """What the database holds against what the phones were told."""
    from quiz.extensions import db
    from quiz.models.attempt import Attempt, Response
    from quiz.models.live import LivePlayer

    with classroom.app.app_context():
        players = db.session.execute(
            db.select(LivePlayer.nickname, LivePlayer.attempt_id, Attempt.finished_at)
            .join(Attempt, Attempt.id == LivePlayer.attempt_id).where(LivePlayer.game_id == game_id)).all()
        rows = db.session.execute(
            db.select(Response.attempt_id, Response.question_id, Response.answer)
            .join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id)
            .where(LivePlayer.game_id == game_id)).all()
        db.session.remove()
    attempt_of = {nickname: attempt for nickname, attempt, _ in players}
    stored: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for attempt, question, answer in rows:
        stored[attempt].append((question, answer))
    out = Counter()
    notes: list[str] = []
    for phone in played.phones:
        if not phone.joined:
            continue
        attempt = attempt_of.get(phone.nickname)
        if attempt is None:
            out["players_missing"] += 1
            notes.append(f"{phone.nickname}: no player row")
            continue
        mine = stored.get(attempt, [])
        questions = [q for q, _ in mine]
        out["doubled"] += len(questions) - len(set(questions))  # the schema's unique keys forbid it
        answers = dict(mine)
        for question in phone.confirmed:
            if question not in answers:
                out["lost"] += 1
                notes.append(f"{phone.nickname}: confirmed answer to {question} not stored")
        for question, answer in answers.items():
            sent = phone.sent.get(question, [])
            first_confirmed = phone.confirmed.get(question)
            if not sent:
                out["doubled"] += 1  # an answer the phone never gave
                notes.append(f"{phone.nickname}: stored answer to {question} it never sent")
            elif answer not in sent or (len(sent) == 1 and question in phone.confirmed and answer != first_confirmed):
                out["changed"] += 1  # not the answer it sent (or was confirmed): points not kept
                notes.append(f"{phone.nickname}: {question} stored {answer!r}, sent {sent!r}")
            if question in phone.in_flight:
                out["in_flight_stored"] += 1
            elif question not in phone.confirmed:
                out["unconfirmed_stored"] += 1  # stored though the phone was never told (and sent none blind)
                notes.append(f"{phone.nickname}: {question} stored, never confirmed")
        out["confirmed"] += len(phone.confirmed)
        out["in_flight"] += len(phone.in_flight)
        out["stored"] += len(mine)
    unfinished = sum(1 for _, _, finished in players if finished is None)
    joined = sum(1 for p in played.phones if p.joined)
    result = {"players_in_database": len(players), "players_joined": joined, "stored": out["stored"],
              "confirmed": out["confirmed"], "in_flight": out["in_flight"], "in_flight_stored": out["in_flight_stored"],
              "lost": out["lost"], "doubled": out["doubled"] + out["changed"], "changed": out["changed"],
              "unconfirmed_stored": out["unconfirmed_stored"], "players_missing": out["players_missing"],
              "unfinished_attempts": unfinished, "notes": notes[:10]}
    result["verdict"] = verdict(result["lost"] <= budgets.LIVE_MAX_LOST
                                and result["doubled"] <= budgets.LIVE_MAX_DOUBLED and unfinished == 0
                                and not out["players_missing"] and not out["unconfirmed_stored"]
                                and len(players) == joined)
    return result


def _machine_busy() -> float:
    """Seconds of CPU the whole machine has spent busy (every process, every core) since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _cpu_ticks(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def summarise(name: str, info: GameInfo, played: Played, database: dict, server_cpu: float, machine_cpu: float,
              plan: Plan) -> dict:
    traffic = played.traffic
    clicks = played.clicks
    opening = [c for c in clicks if c.action in ("start", "next")]
    questions = [seen_after(played, c) for c in opening]
    reveals = [seen_after(played, c) for c in clicks if c.action == "close"]
    ends = [seen_after(played, c) for c in clicks if c.action == "end"]
    worst = min((q["within_share"] for q in questions if q["within_share"] is not None), default=0.0)
    answers = traffic.of("answer")
    answered = [e.seconds for e in answers if e.status in (200, 409)]
    errors = [e for e in traffic.log if e.error]
    error_kinds = Counter(e.kind for e in errors)
    span = max(1e-9, played.game_ended - played.game_started)
    during = [e for e in traffic.log if played.game_started <= e.sent <= played.game_ended]
    polls = [e for e in during if e.kind == "state"]
    polls_304 = sum(1 for e in polls if e.status == 304)
    joined = [p for p in played.phones if p.joined]
    drops = [d for p in played.phones for d in p.drops]
    rejoins = [e.seconds for e in traffic.of("rejoin") if e.status == 200]
    late = sum(len(p.late) for p in played.phones)
    errors_total = len(errors) + len(traffic.client_errors)
    answer_p99 = percentile(answered, 99) * 1000 if answered else math.inf
    out = {
        "scenario": name, "game": {"id": info.id, "code": info.code, "questions": len(info.question_ids),
                                   "kinds": dict(Counter(info.kinds)), "create_ms": _ms(info.seconds)},
        "plan": dataclasses.asdict(plan),
        "players": len(played.phones), "joined": len(joined),
        "join": _spread([p.join_seconds for p in joined]),
        "game_seconds": round(span, 1),
        "questions": questions, "reveals": reveals, "end": ends[0] if ends else None,
        "seen": {"worst_within_share": worst, "target_share": budgets.LIVE_SEEN_SHARE,
                 "target_within_s": budgets.LIVE_SEEN_WITHIN_S, "verdict": verdict(
                     bool(questions) and worst >= budgets.LIVE_SEEN_SHARE
                     and len(questions) == len(info.question_ids))},
        "answers": {"confirmed": sum(1 for e in answers if e.status == 200), "late_409": late,
                    **_spread(answered), "target_p99_ms": budgets.LIVE_ANSWER_P99_MS,
                    "verdict": verdict(answer_p99 <= budgets.LIVE_ANSWER_P99_MS)},
        "errors": {"total": errors_total, "by_kind": dict(error_kinds), "client": traffic.client_errors[:10],
                   "first": list(dict.fromkeys(e.error for e in errors))[:10],
                   "target": budgets.LIVE_MAX_ERRORS, "verdict": verdict(errors_total <= budgets.LIVE_MAX_ERRORS)},
        "requests": {
            "total": len(traffic.log), "during_game": len(during), "per_second": round(len(during) / span, 1),
            "polls_per_second": round(len(polls) / span, 1),
            "poll_304_share": round(polls_304 / len(polls), 4) if polls else None,
            "screens_per_second": round(sum(1 for e in during if e.kind == "screen") / span, 2),
            "connections_opened": traffic.connections,
            "by_kind": {kind: {"count": len(items), **_spread([e.seconds for e in items if e.status])}
                        for kind, items in _by_kind(traffic).items()},
        },
        "host_clicks": _spread([c.seconds for c in clicks]),
        "cpu": _cpu_shares(played, server_cpu, machine_cpu),
        "database": database,
    }
    if plan.drop_share:
        out["drops"] = {
            "drops": len(drops), "players_dropping": sum(1 for p in joined if p.drops),
            "answered_before": sum(d.answered_before for d in drops), "in_flight": sum(d.in_flight for d in drops),
            "in_flight_shown_taken": sum(d.shown_answered for d in drops),
            "answered_after": sum(d.answered_after for d in drops),
            "not_back": sum(1 for d in drops if math.isnan(d.back)), "rejoin": _spread(rejoins),
        }
    return out


def _cpu_shares(played: Played, server_cpu: float, machine_cpu: float) -> dict:
    """Cores busy on average over the game (from its first join to its last request): the app's workers, this
    client, and everything else on the machine (other people's work on a shared machine)."""
    seconds = max(1e-9, played.finished - played.started)
    server, client, machine_busy = server_cpu / seconds, played.client_cpu_seconds / seconds, machine_cpu / seconds
    return {"server_workers_cores": round(server, 2), "client_cores": round(client, 2),
            "machine_busy_cores": round(machine_busy, 2),
            "others_cores": round(max(0.0, machine_busy - server - client), 2)}


def _by_kind(traffic) -> dict:  # type: ignore[no-untyped-def]
    kinds: dict[str, list] = defaultdict(list)
    for exchange in traffic.log:
        kinds[exchange.kind].append(exchange)
    return dict(kinds)


# -- the poll's cost against the baseline (wrk) ---------------------------------------------------------------


def poll_ratio(app: servers.Server, base: servers.Server, code: str, folder: Path, *, seconds: float,
               alternations: int, connections: int) -> dict:
    """Closed loop with wrk: the app's `GET /live/<code>/state` answered 304, the baseline's simplest route
    (`GET /`, a small Jinja page) and the baseline's floor of the same poll (one SELECT, an ETag, 304)."""
    from .pools import write_pool

    path = f"/live/{code}/state"

    def etag_of(server: servers.Server) -> str:
        reply = fetch(servers.HOST, server.port, Request("GET", path))
        etag = reply.header("etag")
        if reply.status != 200 or not etag:
            raise RuntimeError(f"{server.name} {path} answered {reply.status} without an ETag")
        check = fetch(servers.HOST, server.port, Request("GET", path, headers=(("If-None-Match", etag),)))
        if check.status != 304:
            raise RuntimeError(f"{server.name} {path} with If-None-Match answered {check.status}, not 304")
        return etag

    sides = {
        "app_state_304": (app, Request("GET", path, headers=(("If-None-Match", etag_of(app)),)), "not-modified"),
        "baseline_home": (base, Request("GET", "/"), "page"),
        "baseline_state_304": (base, Request("GET", path, headers=(("If-None-Match", etag_of(base)),)),
                               "not-modified"),
    }
    pools = {name: write_pool(folder / f"pool-live-{name}.txt", [request], server.address)
             for name, (server, request, _) in sides.items()}
    runs: dict[str, list[wrk.Run]] = {name: [] for name in sides}
    names = list(sides)
    for turn in range(-1, alternations):  # turn -1: a one-second warm-up of each
        for name in (names if turn % 2 == 0 else names[::-1]):
            server, _request, expect = sides[name]
            run = wrk.run(server.address, pools[name], expect=expect, seconds=1 if turn < 0 else seconds,
                          connections=connections)
            if turn >= 0:
                runs[name].append(run)
    home_bytes = len(fetch(servers.HOST, base.port, Request("GET", "/")).body)

    def median(values: list[float]) -> float:
        ordered = sorted(values)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    rps = {name: median([r.rps for r in items]) for name, items in runs.items()}
    ratios_home = [a.rps / b.rps for a, b in zip(runs["app_state_304"], runs["baseline_home"]) if b.rps]
    ratios_floor = [a.rps / b.rps for a, b in zip(runs["app_state_304"], runs["baseline_state_304"]) if b.rps]
    return {"connections": connections, "seconds": seconds, "alternations": alternations, "rps": rps,
            "ratio_to_baseline_home": round(median(ratios_home), 3) if ratios_home else None,
            "ratios_to_baseline_home": [round(r, 3) for r in ratios_home],
            "ratio_to_baseline_poll": round(median(ratios_floor), 3) if ratios_floor else None,
            "ratios_to_baseline_poll": [round(r, 3) for r in ratios_floor],
            "baseline_home_bytes": home_bytes,
            "p50_ms": {name: median([r.p50_ms for r in items]) for name, items in runs.items()},
            "p99_ms": {name: median([r.p99_ms for r in items]) for name, items in runs.items()},
            "errors": {name: sum(r.errors for r in items) for name, items in runs.items()},
            "runs": {name: [r.to_json() for r in items] for name, items in runs.items()}}


# -- the run ------------------------------------------------------------------------------------------------


def _play(game: Game) -> Played:
    # A loop of its own in a thread of its own, as burst.py does: the caller may already run one.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(game.play())).result()


def warm_up(app: servers.Server, info: GameInfo) -> None:
    """A few requests per worker before the first game (templates compiled, first queries made), as a server
    started before the lesson has had: the games measure a running server, not its first seconds."""
    for _ in range(4 * len(app.workers()) or 8):
        for path in (f"/live/{info.code}", f"/live/{info.code}/state", "/live"):
            fetch(servers.HOST, app.port, Request("GET", path))


def run(options: Options) -> dict:
    o = options
    begun = clock()

    def log(text: str) -> None:
        o.log(f"[{clock() - begun:4.0f} s] {text}")

    folder = Path(tempfile.mkdtemp(prefix="chronoquiz-live-bench-"))
    secret = secrets.token_hex(32)
    if o.database_url:
        database_url = baseline_url = normalise_database_url(o.database_url)
    else:
        database_url = f"sqlite:///{folder / 'chronoquiz.sqlite3'}"
        baseline_url = f"sqlite:///{folder / 'baseline.sqlite3'}"
    env = {"DATABASE_URL": database_url, "SECRET_KEY": secret}
    out: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "machine": machine(),
                           "options": {f.name: getattr(o, f.name) for f in dataclasses.fields(o) if f.name != "log"},
                           "scenarios": []}
    app = base = None
    classroom = None
    try:
        names = nicknames(o.players)
        log(f"setting up {folder} (flask --app quiz setup), starting the app with {o.workers} workers "
            f"(quiz/gunicorn_conf.py) and the baseline")
        app = servers.start("app", o.app_spec, workers=o.workers, env=env, log_dir=folder)
        if o.ratio:
            baseline.prepare_database(baseline_url)
            base = servers.start("baseline", servers.BASELINE_SPEC, workers=o.workers, log_dir=folder,
                                 env={baseline.DATABASE_ENV: baseline_url})
        classroom = Classroom(database_url, secret)
        run_setup(classroom, env, folder, demo=o.demo, in_process=o.setup_in_process)
        lesson = prepare_lesson(classroom, o.questions)
        app.wait_ready()
        log_host_in(app.port, lesson)
        first_code = None
        for number, scenario in enumerate(o.scenarios):
            plan = o.plan(scenario)
            info = create_game(classroom, lesson, o.time_limit)
            first_code = first_code or info.code
            log(f"{scenario}: game {info.code}, {o.players} players join over {plan.join_seconds:g} s, "
                f"{len(info.question_ids)} questions ({', '.join(f'{n} {k}' for k, n in Counter(info.kinds).items())})"
                + (f", {plan.drop_share:.0%} of the players drop during each question" if plan.drop_share else ""))
            game = Game(host=servers.HOST, port=app.port, game_id=info.id, code=info.code,
                        question_ids=info.question_ids, plan=plan, nicknames=names,
                        host_jar=dict(lesson.browser.jar), host_token=info.host_token,  # type: ignore[union-attr]
                        host_etag=info.host_etag, seed=o.seed + number)
            if number == 0:
                warm_up(app, info)
            workers = app.workers()
            cpu_before, machine_before = _cpu_ticks(workers), _machine_busy()
            played = _play(game)
            server_cpu, machine_cpu = _cpu_ticks(workers) - cpu_before, _machine_busy() - machine_before
            database = check_database(classroom, info.id, played)
            summary = summarise(scenario, info, played, database, server_cpu, machine_cpu, plan)
            out["scenarios"].append(summary)
            log(_scenario_line(summary))
        if o.ratio and base is not None and first_code is not None:
            baseline.add_game(baseline_url, first_code, 1)
            base.wait_ready()
            log(f"poll cost: GET /live/<code>/state (304) against the baseline, wrk, {o.ratio_alternations} x "
                f"{o.ratio_seconds:g} s each")
            out["poll_ratio"] = poll_ratio(app, base, first_code, folder, seconds=o.ratio_seconds,
                                           alternations=o.ratio_alternations, connections=2 * o.workers)
        out["memory"] = {"app": [dataclasses.asdict(m) for m in app.memory()]}
        out["machine"]["load_after"] = machine()["load"]
    finally:
        running = [server for server in (app, base) if server is not None]
        for server in running:
            server.terminate()
        for server in running:
            server.stop()
        if classroom is not None:
            classroom.close()
        if o.keep:
            log(f"kept {folder} (database, server logs)")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return out


def _scenario_line(s: dict) -> str:
    q, a = s["seen"], s["answers"]
    return (f"  {s['scenario']}: worst question {q['worst_within_share']:.1%} within 1 s, answers p99 "
            f"{a['p99_ms']} ms, errors {s['errors']['total']}, database {s['database']['verdict']}")


# -- the report -----------------------------------------------------------------------------------------------


def _f(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def table(data: dict) -> str:
    o, m = data["options"], data["machine"]
    db = "PostgreSQL" if o["database_url"] else "SQLite"
    lines = [f"Chronoquiz live lesson over HTTP, {data['started']}: {m['cpu']}, {m['cores']} cores, load "
             f"{m['load'][0]} -> {m.get('load_after', ['?'])[0]}; Python {m['python']}, gunicorn {m['gunicorn']} "
             f"sync x {o['workers']} workers (quiz/gunicorn_conf.py), {db}; commit {m['commit']}",
             f"{o['players']} players, {o['questions']} questions; think {o['think'][0]:g}-{o['think'][1]:g} s; "
             f"the host closes when all answered or after {o['answer_cap']:g} s, shows the answer "
             f"{o['reveal_seconds']:g} s"]
    for s in data["scenarios"]:
        kinds = ", ".join(f"{n} {k}" for k, n in s["game"]["kinds"].items())
        join = s["join"]
        lines += ["", f"== {s['scenario']} (game {s['game']['code']}: {kinds}) ==",
                  f"joined {s['joined']}/{s['players']} over {s['plan']['join_seconds']:g} s (join, 3 requests: "
                  f"p50 {_f(join['p50_ms'])} ms, p95 {_f(join['p95_ms'])} ms, max {_f(join['max_ms'])} ms); "
                  f"game {s['game_seconds']:g} s from start to end",
                  "question on the phones after the host's click (players present at the click; ms):",
                  f"  {'q':>3} {'click':>6} {'p50':>6} {'p95':>6} {'max':>6} {'<=1 s':>7} {'away':>5} {'missed':>6}   "
                  f"{'waiting for the poll p50/p95':>28}   {'poll sent to screen read p50/p95':>32}"]
        for q in s["questions"]:
            wait, served = q["poll_wait"], q["served"]
            lines.append(f"  {q['question']:>3} {_f(q['click_ms']):>6} {_f(q['p50_ms']):>6} {_f(q['p95_ms']):>6} "
                         f"{_f(q['max_ms']):>6} {(q['within_share'] or 0):>7.1%} {q['away']:>5} {q['missed']:>6}   "
                         f"{_f(wait['p50_ms']) + ' / ' + _f(wait['p95_ms']):>28}   "
                         f"{_f(served['p50_ms']) + ' / ' + _f(served['p95_ms']):>32}")
        seen = s["seen"]
        lines.append(f"  worst question {seen['worst_within_share']:.1%} within {seen['target_within_s']:g} s; "
                     f"target >= {seen['target_share']:.0%} on every question: {seen['verdict']}")
        if s["reveals"]:
            p95s = [r["p95_ms"] for r in s["reveals"] if r["p95_ms"] is not None]
            shares = [r["within_share"] for r in s["reveals"] if r["within_share"] is not None]
            lines.append(f"  the answer (reveal) on the phones: p95 {_f(min(p95s))}-{_f(max(p95s))} ms over the "
                         f"questions, worst {min(shares):.1%} within 1 s")
        if s["end"]:
            e = s["end"]
            lines.append(f"  the end screen: p50 {_f(e['p50_ms'])} ms, p95 {_f(e['p95_ms'])} ms, "
                         f"{(e['within_share'] or 0):.1%} within 1 s"
                         + (f"; {e['missed']} phones still without it {o['end_wait']:g} s after the click"
                            if e["missed"] else ""))
        a = s["answers"]
        lines.append(f"answers: {a['confirmed']} confirmed, {a['late_409']} refused as late (409); POST to reply "
                     f"p50 {_f(a['p50_ms'])} / p95 {_f(a['p95_ms'])} / p99 {_f(a['p99_ms'])} / max "
                     f"{_f(a['max_ms'])} ms; target p99 <= {a['target_p99_ms']:g} ms: {a['verdict']}")
        e = s["errors"]
        lines.append(f"errors: {e['total']}" + (f" {e['by_kind']} first: {e['first'][:3]} {e['client'][:3]}"
                                                if e["total"] else "") + f"; target 0: {e['verdict']}")
        r = s["requests"]
        lines.append(f"requests during the game: {r['per_second']:g}/s; polls {r['polls_per_second']:g}/s "
                     f"({(r['poll_304_share'] or 0):.1%} answered 304), screens {r['screens_per_second']:g}/s; "
                     f"{r['connections_opened']:,} connections opened for {r['total']:,} requests")
        by_kind = r["by_kind"]
        lines.append("  latency by request, p50 / p95 / p99 ms: " + "; ".join(
            f"{k} {_f(v['p50_ms'], 1)} / {_f(v['p95_ms'])} / {_f(v['p99_ms'])}" for k, v in by_kind.items()
            if k in ("state", "screen", "answer", "rejoin", "host-screen", "control")))
        if "drops" in s:
            d = s["drops"]
            lines.append(f"drops: {d['drops']} ({d['players_dropping']} players); answer confirmed before dropping "
                         f"{d['answered_before']}, dropped with the answer in flight {d['in_flight']} (shown as taken "
                         f"on return {d['in_flight_shown_taken']}), answered after coming back {d['answered_after']}; "
                         f"rejoin page p50 {_f(d['rejoin']['p50_ms'])} ms, p95 {_f(d['rejoin']['p95_ms'])} ms")
        d = s["database"]
        lines.append(f"database: {d['players_in_database']} players, {d['stored']} answers stored, {d['confirmed']} "
                     f"confirmed + {d['in_flight_stored']} sent in flight; lost {d['lost']}, doubled or changed "
                     f"{d['doubled']}, unfinished attempts {d['unfinished_attempts']}: {d['verdict']}")
        c = s["cpu"]
        lines.append(f"CPU, cores busy on average: app workers {c['server_workers_cores']:.2f}, this client "
                     f"{c['client_cores']:.2f}, other processes {c['others_cores']:.2f} (of {m['cores']}); host clicks "
                     f"p50 {_f(s['host_clicks']['p50_ms'])} ms, max {_f(s['host_clicks']['max_ms'])} ms")
    if "poll_ratio" in data:
        p = data["poll_ratio"]
        lines += ["", f"Poll cost, closed loop with wrk ({p['connections']} connections, {p['alternations']} x "
                      f"{p['seconds']:g} s each, medians):",
                  f"  app GET /live/<code>/state answered 304   {p['rps']['app_state_304']:8.0f}/s  p50 "
                  f"{p['p50_ms']['app_state_304']:.1f} ms",
                  f"  baseline GET / ({p['baseline_home_bytes']:,} B page)   {p['rps']['baseline_home']:8.0f}/s  "
                  f"ratio app/baseline {_f(p['ratio_to_baseline_home'], 2)}x {p['ratios_to_baseline_home']}",
                  f"  baseline poll floor (SELECT, 304)      {p['rps']['baseline_state_304']:8.0f}/s  "
                  f"ratio app/floor {_f(p['ratio_to_baseline_poll'], 2)}x {p['ratios_to_baseline_poll']}"]
        if any(p["errors"].values()):
            lines.append(f"  errors: {p['errors']}")
    if "memory" in data:
        lines.append("\nRSS per app worker after the run, MB: " + ", ".join(
            f"{w['rss_mb']:.0f}" for w in data["memory"]["app"]))
    return "\n".join(lines)


def _pair(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    return float(low), float(high or low)


def parse(argv: list[str] | None = None) -> tuple[Options, Path | None]:
    d = Options()
    parser = argparse.ArgumentParser(prog="python -m bench.http.live", description=__doc__.split("\n")[0])
    parser.add_argument("--players", type=int, default=d.players, help="simulated phones (one connection each)")
    parser.add_argument("--questions", type=int, default=d.questions, help="questions in the game")
    parser.add_argument("--workers", type=int, default=d.workers,
                        help=f"gunicorn workers (default: what `make run` starts here, {d.workers})")
    parser.add_argument("--scenarios", default=",".join(d.scenarios),
                        help=f"comma-separated, of {', '.join(SCENARIOS)}")
    parser.add_argument("--drop", type=float, default=d.drop,
                        help="drop scenario: share of the players who drop during each question")
    parser.add_argument("--think", type=_pair, default=d.think, help="seconds before answering, e.g. 1-6")
    parser.add_argument("--answer-cap", type=float, default=d.answer_cap,
                        help="the host closes a question when all answered or after this many seconds")
    parser.add_argument("--reveal-seconds", type=float, default=d.reveal_seconds)
    parser.add_argument("--join-seconds", type=float, default=d.join_seconds, help="the players join over this long")
    parser.add_argument("--away", type=_pair, default=d.away, help="seconds a dropped phone stays away, e.g. 1-3")
    parser.add_argument("--time-limit", type=int, default=d.time_limit, help="the game's timer per question")
    parser.add_argument("--no-ratio", dest="ratio", action="store_false",
                        help="leave out the poll's cost against the baseline (wrk)")
    parser.add_argument("--ratio-seconds", type=float, default=d.ratio_seconds)
    parser.add_argument("--ratio-alternations", type=int, default=d.ratio_alternations)
    parser.add_argument("--database-url", default=None,
                        help="a database to use and fill (e.g. an empty PostgreSQL one); default: SQLite in a "
                             "temporary folder")
    parser.add_argument("--demo", action="store_true", help="flask setup with its demo data (slower, not needed)")
    parser.add_argument("--seed", type=int, default=d.seed)
    parser.add_argument("--app-spec", default=d.app_spec,
                        help="the WSGI app gunicorn serves (default %(default)s); another factory, e.g. one that "
                             "patches the app, measures a change without editing quiz/")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server logs)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"JSON file (default {DEFAULT_OUTPUT})")
    parser.add_argument("--no-output", dest="output", action="store_const", const=None, help="write no JSON")
    args = parser.parse_args(argv)
    scenarios = tuple(s for s in args.scenarios.split(",") if s)
    if set(scenarios) - set(SCENARIOS):
        parser.error(f"unknown scenario(s): {', '.join(sorted(set(scenarios) - set(SCENARIOS)))}")
    options = Options(players=args.players, questions=args.questions, workers=args.workers, scenarios=scenarios,
                      drop=args.drop, think=args.think, answer_cap=args.answer_cap,
                      reveal_seconds=args.reveal_seconds, join_seconds=args.join_seconds, away=args.away,
                      time_limit=args.time_limit, ratio=args.ratio, ratio_seconds=args.ratio_seconds,
                      ratio_alternations=args.ratio_alternations, database_url=args.database_url, demo=args.demo,
                      seed=args.seed, keep=args.keep, app_spec=args.app_spec)
    return options, args.output


def main(argv: list[str] | None = None) -> int:
    options, output = parse(argv)
    missing = servers.gunicorn_missing() or (servers.wrk_missing() if options.ratio else None)
    if missing:
        print(f"bench/http/live: {missing}", file=sys.stderr)
        return 2
    started = clock()
    data = run(options)
    data["seconds"] = round(clock() - started, 1)
    print(table(data))
    print(f"\n(run took {data['seconds']:.0f} s)")
    if output is not None:
        write_json(json.loads(json.dumps(data, default=str)), output)
        print(f"JSON: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
