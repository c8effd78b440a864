"""One live lesson played over real sockets by simulated phones and a host, all on one asyncio loop.

A phone does what a player's browser does with templates/live/play.html and quiz/static/js/live.js: it joins (`GET
/live/<code>`, the form's hidden token and CSRF token, `POST /live/<code>/join`, the redirect), then asks `GET
/live/<code>/state` with `If-None-Match: "<the etag of the screen it shows>"` and `X-Chronoquiz-Live: 1` 0.75 s
after the previous ask finished (the first one at a random moment within the first 0.75 s), shows the new screen
that comes back instead of a 304 when the game moved on, and answers the question on its screen after a think time
with a random choice or order read from the screen's form (`POST /live/<code>/answer`, `X-Chronoquiz-Live: 1`: the
reply is its next screen). A phone asks one thing at a time on one connection, kept alive while the server keeps it
(gunicorn's sync workers close every connection after its response; then the next request opens a new one).

A dropping phone (the second scenario), mid-question: closes its connection, forgets everything but its player
cookie (`cq_live_<game id>`, the one a phone keeps), stays away, then loads `GET /live/<code>` again and carries
on from what that page shows. Some drop right after sending their answer, before its reply: the page they come
back to says whether it was taken.

The host is a teacher's browser on the projector page: it asks `/teach/live/<id>/state` every 0.75 s (its ETag
carries the players and answers counted) and fetches the screen when it changed, and clicks the controls
(`POST /teach/live/<id>/control` with the version its screen shows). Every request is logged (`Traffic`) with
when it was sent, how long it took and what came back; the figures are computed afterwards (live.py).
"""

from __future__ import annotations

import asyncio
import bisect
import math
import random
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from .rawhttp import USER_AGENT, Reply, parse_head
from .sessions import csrf_token

clock = time.perf_counter

# What each kind of request may answer; anything else (and no answer at all) is an error.
EXPECTED: dict[str, set[int]] = {
    "join-form": {200}, "join": {302, 303}, "page": {200}, "state": {200, 304}, "screen": {200},
    "answer": {200, 409},  # 409: the question was closed (counted apart, as late)
    "rejoin": {200}, "host-state": {200, 304}, "host-screen": {200}, "control": {200},
}


@dataclass(frozen=True)
class Exchange:
    kind: str
    sent: float  # perf_counter when the request was sent (connection opened if needed, then written)
    seconds: float  # until the whole response was read
    status: int  # 0: no response (connection failure, timeout)
    error: str  # "" when the answer was one this kind of request may get


class Traffic:
    """Every request of a game (some tens of thousands of small records), and the connections opened."""

    def __init__(self) -> None:
        self.log: list[Exchange] = []
        self.connections = 0
        self.client_errors: list[str] = []  # the simulation's own failures (a page it could not read)

    def add(self, kind: str, sent: float, seconds: float, status: int, error: str = "") -> None:
        self.log.append(Exchange(kind, sent, seconds, status, error))

    def of(self, *kinds: str) -> list[Exchange]:
        return [e for e in self.log if e.kind in kinds]


class Connection:
    """One client's HTTP/1.1 connection: reused while the server keeps it open, opened again when it closed it."""

    def __init__(self, host: str, port: int, traffic: Traffic, timeout: float):
        self.host, self.port, self.traffic, self.timeout = host, port, traffic, timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        self.traffic.connections += 1

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None

    async def exchange(self, raw: bytes) -> Reply:
        async with asyncio.timeout(self.timeout):
            for last_try in (False, True):
                reused = self._writer is not None
                if not reused:
                    await self._open()
                assert self._reader is not None and self._writer is not None
                try:
                    self._writer.write(raw)
                    await self._writer.drain()
                    head = await self._reader.readuntil(b"\r\n\r\n")
                except (ConnectionError, asyncio.IncompleteReadError):
                    self.close()
                    if reused and not last_try:
                        continue  # the server closed it while it was idle: once more, on a new one
                    raise
                status, headers = parse_head(head[:-4])
                body = await self._body(status, headers)
                if any(k == "connection" and v.lower() == "close" for k, v in headers):
                    self.close()
                return Reply(status, headers, body)
        raise AssertionError("unreachable")

    async def _body(self, status: int, headers: list[tuple[str, str]]) -> bytes:
        assert self._reader is not None
        if status in (204, 304) or 100 <= status < 200:
            return b""
        if any(k == "transfer-encoding" for k, _ in headers):
            raise ValueError("chunked responses are not expected here")
        length = next((int(v) for k, v in headers if k == "content-length"), None)
        if length is None:
            body = await self._reader.read()
            self.close()
            return body
        return await self._reader.readexactly(length)

    async def send_and_drop(self, raw: bytes) -> None:
        """Write a request and close at once, without waiting for its reply (a phone losing its network)."""
        if self._writer is None:
            await self._open()
        assert self._writer is not None
        self._writer.write(raw)
        await self._writer.drain()
        self.close()


class Client:
    """A connection and a cookie jar: one browser (or one of its connections: a host has two)."""

    def __init__(self, connection: Connection, jar: dict[str, str]):
        self.connection = connection
        self.jar = jar

    def raw(self, method: str, path: str, headers: Iterable[tuple[str, str]] = (),
            form: Iterable[tuple[str, str]] = ()) -> bytes:
        body = urlencode(list(form)).encode() if form else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.connection.host}:{self.connection.port}",
                 f"User-Agent: {USER_AGENT}", "Accept: text/html"]
        if self.jar:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.jar.items()))
        lines += [f"{k}: {v}" for k, v in headers]
        if method == "POST":
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def send(self, kind: str, method: str, path: str, *, headers: Iterable[tuple[str, str]] = (),
                   form: Iterable[tuple[str, str]] = ()) -> Reply | None:
        """The reply (whatever its status, logged as an error when unexpected), or None when none came."""
        raw = self.raw(method, path, headers, form)
        traffic = self.connection.traffic
        sent = clock()
        try:
            reply = await self.connection.exchange(raw)
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:  # TimeoutError is an OSError
            traffic.add(kind, sent, clock() - sent, 0, f"{kind} {path}: {type(error).__name__} {error}".strip())
            self.connection.close()
            return None
        traffic.add(kind, sent, clock() - sent, reply.status,
                    "" if reply.status in EXPECTED[kind] else f"{kind} {path}: HTTP {reply.status}")
        reply.update_jar(self.jar)
        return reply


# -- screens ------------------------------------------------------------------------------------------------

_SCREEN = re.compile(r'<div class="live-screen" data-etag="([^"]+)" data-phase="(\w+)"')
_ANSWER_FORM = re.compile(r'<form method="post" action="([^"]+)" class="[^"]*\blive-answer\b[^"]*">(.*?)</form>',
                          re.S)
_QUESTION_ID = re.compile(r'name="question_id" value="([^"]+)"')
_CHOICE = re.compile(r'name="choice" value="([^"]+)"')
_POSITION = re.compile(r'<select name="pos-([^"]+)"')
_JOIN_TOKEN = re.compile(r'name="token" value="([^"]+)"')


@dataclass(frozen=True)
class AnswerForm:
    path: str
    token: str
    question_id: str
    choices: tuple[str, ...]  # MCQ: the choice ids
    items: tuple[str, ...]  # ordering: the item ids, in the order shown

    def random_answer(self, rng: random.Random) -> tuple[list[tuple[str, str]], Any]:
        """The form's fields for a random answer, and that answer as the app stores it (a choice id, or the item
        ids in the order given)."""
        fields = [("csrf_token", self.token), ("question_id", self.question_id)]
        if self.choices:
            choice = rng.choice(self.choices)
            return fields + [("choice", choice)], choice
        order = list(self.items)
        rng.shuffle(order)
        return fields + [(f"pos-{item}", str(order.index(item) + 1)) for item in self.items], order


@dataclass(frozen=True)
class Screen:
    etag: str  # players: p<game>.<version>; host: h<game>.<version>.<players>.<answered>
    phase: str
    form: AnswerForm | None

    @property
    def version(self) -> int:
        return int(self.etag.split(".")[1])


def read_screen(html: str) -> Screen | None:
    found = _SCREEN.search(html)
    if found is None:
        return None
    form = None
    answer_form = _ANSWER_FORM.search(html, found.end())
    if answer_form is not None:
        inner = answer_form.group(2)
        question = _QUESTION_ID.search(inner)
        if question is not None:
            form = AnswerForm(urlsplit(answer_form.group(1).replace("&amp;", "&")).path, csrf_token(inner),
                              question.group(1), tuple(_CHOICE.findall(inner)), tuple(_POSITION.findall(inner)))
    return Screen(found.group(1), found.group(2), form)


def bare_etag(value: str | None) -> str:
    return (value or "").removeprefix("W/").replace('"', "")


# -- the simulation -----------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What the players and the host do."""

    think: tuple[float, float] = (1.0, 6.0)  # seconds from seeing a question to answering it
    poll_every: float = 0.75  # live.js (VISIBLE_EVERY): this long after the previous ask finished
    answer_cap: float = 10.0  # the host closes a question when all answered, or after this long
    reveal_seconds: float = 2.0  # the host shows the answer this long before "next"
    join_seconds: float = 10.0  # the players join spread evenly over this long
    lobby_seconds: float = 2.0  # after the last joined, before "start"
    end_wait: float = 10.0  # after "end", at most this long for every phone to show the end
    drop_share: float = 0.0  # of the players, this share drops during each question (a new draw each question)
    drop_window: tuple[float, float] = (0.3, 6.0)  # when, in seconds after seeing the question
    away: tuple[float, float] = (1.0, 3.0)  # how long a dropped phone stays away
    in_flight_share: float = 0.25  # of the droppers who answer before their drop, those who drop mid-answer
    rejoin_think: tuple[float, float] = (0.5, 2.0)  # back with the question unanswered: answer after this long
    timeout: float = 30.0  # one request; slower counts as an error


@dataclass
class Drop:
    question: int
    at: float
    back: float = math.nan
    answered_before: bool = False  # its answer confirmed before it dropped
    in_flight: bool = False  # dropped right after sending its answer
    answered_after: bool = False  # answered after coming back (a new POST confirmed)
    shown_answered: bool = False  # came back to a screen saying its in-flight answer was taken


class Phone:
    def __init__(self, game: Game, index: int, nickname: str):
        self.game, self.index, self.nickname = game, index, nickname
        self.rng = random.Random(game.seed * 100_003 + index)
        self.client = Client(Connection(game.host, game.port, game.traffic, game.plan.timeout), {})
        self.joined = False
        self.join_seconds = math.nan
        self.screen: Screen | None = None
        self.seen: list[tuple[float, int, str]] = []  # (when, version, phase) of every screen it got
        self.polls: list[float] = []  # when each state poll was sent
        self.away: list[tuple[float, float]] = []  # (dropped, back) intervals
        self.open_question: str | None = None  # the question whose form it last saw, and at which version
        self.open_version = -1
        self.answer_at: float | None = None
        self.drop_at: float | None = None
        self.drop_in_flight = False
        self.next_poll = math.inf
        self.sent: dict[str, list[Any]] = {}  # question id -> the answers sent, in order
        self.confirmed: dict[str, Any] = {}  # question id -> the answer a 200 confirmed (the first)
        self.in_flight: set[str] = set()  # questions answered by a POST whose reply it never read
        self.shown_answered: set[str] = set()  # ... which the page it came back to showed as taken
        self.late: list[str] = []  # answers refused with 409 (the question closed)
        self.drops: list[Drop] = []

    @property
    def cookie_name(self) -> str:
        return f"cq_live_{self.game.game_id}"

    # -- what a phone sees --

    def show(self, html: str, when: float, source: str) -> Screen | None:
        screen = read_screen(html)
        if screen is None:
            self.game.traffic.client_errors.append(f"{source}: no live screen in the page ({html[:120]!r})")
            return None
        self.screen = screen
        self.seen.append((when, screen.version, screen.phase))
        form = screen.form
        if screen.phase == "question" and form is not None and form.question_id != self.open_question:
            self.open_question, self.open_version = form.question_id, screen.version
            self._plan_question(form.question_id, when)
        return screen

    def _plan_question(self, question_id: str, when: float) -> None:
        plan = self.game.plan
        self.answer_at = when + self.rng.uniform(*plan.think)
        self.drop_at, self.drop_in_flight = None, False
        number = self.game.question_ids.index(question_id)
        if self.index in self.game.droppers[number]:
            self.drop_at = when + self.rng.uniform(*plan.drop_window)
            if self.answer_at < self.drop_at and self.rng.random() < plan.in_flight_share:
                self.drop_at, self.drop_in_flight = self.answer_at, True

    # -- what a phone does --

    async def join(self, due: float) -> bool:
        await asyncio.sleep(max(0.0, due - clock()))
        code = self.game.code
        started = clock()
        form = await self.client.send("join-form", "GET", f"/live/{code}")
        if form is None or form.status != 200:
            return False
        token = _JOIN_TOKEN.search(form.text)
        if token is None:
            self.game.traffic.client_errors.append(f"join form without a token: {form.text[:200]!r}")
            return False
        reply = await self.client.send("join", "POST", f"/live/{code}/join", form=(
            ("csrf_token", csrf_token(form.text)), ("token", token.group(1)), ("nickname", self.nickname)))
        if reply is None or reply.status not in (302, 303):
            return False
        page = await self.client.send("page", "GET", urlsplit(reply.header("location") or f"/live/{code}").path)
        if page is None or page.status != 200 or self.show(page.text, clock(), "page") is None:
            return False
        self.join_seconds = clock() - started
        self.joined = True
        self.next_poll = clock() + self.rng.random() * self.game.plan.poll_every  # a random phase
        return True

    async def live(self, due: float) -> None:
        if not await self.join(due):
            return
        self.game.joined += 1
        while True:
            wake = min(self.next_poll, self.answer_at or math.inf, self.drop_at or math.inf)
            if wake > clock():
                await asyncio.sleep(wake - clock())
            moment = clock()
            if self.drop_at is not None and moment >= self.drop_at:
                await self.drop_and_come_back()
            elif self.answer_at is not None and moment >= self.answer_at:
                await self.answer()
            elif moment >= self.next_poll:
                await self.poll()

    async def poll(self) -> None:
        etag = self.screen.etag if self.screen else ""
        self.polls.append(clock())
        reply = await self.client.send("state", "GET", f"/live/{self.game.code}/state",
                                       headers=(("If-None-Match", f'"{etag}"'), ("X-Chronoquiz-Live", "1")))
        if reply is not None and reply.status == 200 and bare_etag(reply.header("etag")) != etag:
            if (reply.header("content-type") or "").startswith("text/html"):
                self.show(reply.text, clock(), "state")  # the new screen came with the answer, as live.js reads it
            else:
                screen = await self.client.send("screen", "GET", f"/live/{self.game.code}/screen",
                                                headers=(("X-Chronoquiz-Live", "1"),))
                if screen is not None and screen.status == 200:
                    self.show(screen.text, clock(), "screen")
        self.next_poll = clock() + self.game.plan.poll_every

    def _form(self) -> AnswerForm | None:
        screen = self.screen
        return screen.form if screen is not None and screen.phase == "question" else None

    async def answer(self) -> None:
        self.answer_at = None
        form = self._form()
        if form is None or form.question_id in self.confirmed:
            return  # the question moved on before the player answered
        fields, given = form.random_answer(self.rng)
        self.sent.setdefault(form.question_id, []).append(given)
        reply = await self.client.send("answer", "POST", form.path, headers=(("X-Chronoquiz-Live", "1"),),
                                       form=fields)
        if reply is None:
            return
        if reply.status == 200:
            self.confirmed.setdefault(form.question_id, given)
            if self.drops and self.drops[-1].question == self.game.question_ids.index(form.question_id):
                self.drops[-1].answered_after = True
        elif reply.status == 409:
            self.late.append(form.question_id)
        self.show(reply.text, clock(), "answer")

    async def drop_and_come_back(self) -> None:
        plan = self.game.plan
        if self.screen is None or self.screen.phase != "question":
            self.drop_at = None  # the question closed first: it drops mid-question or not at all
            return
        dropped = clock()
        form = self._form()  # None when its screen already says "answer received"
        current = self.open_question  # the question on its screen (it drops only while one is open)
        question = self.game.question_ids.index(current) if current else -1
        drop = Drop(question, dropped, answered_before=current in self.confirmed)
        self.drops.append(drop)
        if self.drop_in_flight and form is not None and form.question_id not in self.confirmed:
            fields, given = form.random_answer(self.rng)
            self.sent.setdefault(form.question_id, []).append(given)
            self.in_flight.add(form.question_id)
            drop.in_flight = True
            try:
                await self.client.connection.send_and_drop(
                    self.client.raw("POST", form.path, (("X-Chronoquiz-Live", "1"),), fields))
            except OSError as error:
                self.game.traffic.client_errors.append(f"in-flight answer not written: {error}")
        self.client.connection.close()
        self.client.jar = {k: v for k, v in self.client.jar.items() if k == self.cookie_name}
        self.screen = None
        self.answer_at = self.drop_at = None
        self.drop_in_flight = False
        await asyncio.sleep(self.rng.uniform(*plan.away))
        page = await self.client.send("rejoin", "GET", f"/live/{self.game.code}")
        back = clock()
        drop.back = back
        self.away.append((dropped, back))
        self.next_poll = back + plan.poll_every
        screen = self.show(page.text, back, "rejoin") if page is not None and page.status == 200 else None
        if screen is None or screen.phase != "question":
            return
        if screen.form is not None:
            if screen.form.question_id not in self.confirmed:
                self.answer_at = back + self.rng.uniform(*plan.rejoin_think)
        elif screen.version == self.open_version and self.open_question in self.in_flight:
            self.shown_answered.add(self.open_question)  # its answer in flight was taken
            drop.shown_answered = True

    def was_away(self, moment: float) -> bool:
        return any(start <= moment < end for start, end in self.away)

    def first_seen(self, version: int) -> float | None:
        return next((when for when, seen, _phase in self.seen if seen >= version), None)

    def poll_before(self, moment: float) -> float | None:
        """When the last state poll sent before `moment` went out (the one that found a change seen then)."""
        index = bisect.bisect_right(self.polls, moment)
        return self.polls[index - 1] if index else None


@dataclass
class Click:
    action: str
    question: int  # the question it opens or closes (-1: the end)
    sent: float
    seconds: float
    status: int
    version: int  # the game's version after it (what phones must reach), -1 when unknown


class Host:
    def __init__(self, game: Game, jar: dict[str, str], token: str, etag: str):
        self.game, self.token, self.etag = game, token, etag
        traffic, plan = game.traffic, game.plan
        # The projector page's poll and its control clicks are two fetches of one browser: two connections.
        self.poller = Client(Connection(game.host, game.port, traffic, plan.timeout), jar)
        self.controls = Client(Connection(game.host, game.port, traffic, plan.timeout), jar)
        self.clicks: list[Click] = []

    @property
    def version(self) -> int:
        return int(self.etag.split(".")[1])

    @property
    def counts(self) -> tuple[int, int, int]:
        """(version, players, answered) as the projector shows them."""
        _game, version, players, answered = self.etag.split(".")
        return int(version), int(players), int(answered)

    def take(self, html: str) -> None:
        screen = read_screen(html)
        if screen is None:
            self.game.traffic.client_errors.append(f"host: no live screen ({html[:120]!r})")
        else:
            self.etag = screen.etag

    async def projector(self) -> None:
        base = f"/teach/live/{self.game.game_id}"
        while True:
            etag = self.etag
            reply = await self.poller.send("host-state", "GET", f"{base}/state",
                                           headers=(("If-None-Match", f'"{etag}"'),))
            if reply is not None and reply.status == 200 and bare_etag(reply.header("etag")) != etag:
                screen = await self.poller.send("host-screen", "GET", f"{base}/screen",
                                                headers=(("X-Chronoquiz-Live", "1"),))
                if screen is not None and screen.status == 200:
                    self.take(screen.text)
            await asyncio.sleep(self.game.plan.poll_every)

    async def click(self, action: str, question: int) -> Click:
        for _ in range(2):  # a stale version (409): once more with the version the new screen shows
            sent = clock()
            reply = await self.controls.send("control", "POST", f"/teach/live/{self.game.game_id}/control",
                                             headers=(("X-Chronoquiz-Live", "1"),),
                                             form=(("csrf_token", self.token), ("action", action),
                                                   ("version", str(self.version))))
            seconds = clock() - sent
            if reply is not None:
                self.take(reply.text)
            if reply is None or reply.status != 409:
                break
        ok = reply is not None and reply.status == 200
        click = Click(action, question, sent, seconds, reply.status if reply else 0, self.version if ok else -1)
        self.clicks.append(click)
        return click


@dataclass
class Played:
    phones: list[Phone]
    clicks: list[Click]
    traffic: Traffic
    started: float  # the first join
    game_started: float  # "start" sent
    game_ended: float  # "end" sent
    finished: float
    client_cpu_seconds: float


class Game:
    """One game from the players' joining to its end; `run()` plays it and returns what happened."""

    def __init__(self, *, host: str, port: int, game_id: int, code: str, question_ids: list[str], plan: Plan,
                 nicknames: list[str], host_jar: dict[str, str], host_token: str, host_etag: str, seed: int):
        self.host, self.port, self.game_id, self.code = host, port, game_id, code
        self.question_ids, self.plan, self.seed = question_ids, plan, seed
        self.traffic = Traffic()
        self.joined = 0
        rng = random.Random(seed)
        count = len(nicknames)
        droppers = round(plan.drop_share * count)
        self.droppers = [set(rng.sample(range(count), droppers)) for _ in question_ids]
        self.phones = [Phone(self, n, name) for n, name in enumerate(nicknames)]
        self.host_player = Host(self, host_jar, host_token, host_etag)

    async def _wait_until(self, condition, deadline: float) -> None:  # type: ignore[no-untyped-def]
        while clock() < deadline and not condition():
            await asyncio.sleep(0.05)

    async def play(self) -> Played:
        plan, host = self.plan, self.host_player
        cpu = time.process_time()
        started = clock() + 0.1
        gap = plan.join_seconds / max(1, len(self.phones))
        phones = [asyncio.create_task(phone.live(started + n * gap)) for n, phone in enumerate(self.phones)]
        projector = asyncio.create_task(host.projector())
        try:
            # The lobby: every phone has joined (or given up), and the projector shows them all.
            await self._wait_until(lambda: all(p.joined or t.done() for p, t in zip(self.phones, phones)),
                                   started + plan.join_seconds + 4 * plan.timeout)
            await self._wait_until(lambda: host.counts[1] >= self.joined, clock() + 5)
            await asyncio.sleep(plan.lobby_seconds)
            game_started = clock()
            opened = await host.click("start", 0)
            for number in range(len(self.question_ids)):
                # Until the projector says everyone answered this question, or the cap.
                await self._wait_until(lambda: host.counts[0] == opened.version and host.counts[2] >= host.counts[1],
                                       opened.sent + plan.answer_cap)
                await host.click("close", number)
                await asyncio.sleep(plan.reveal_seconds)
                if number + 1 < len(self.question_ids):
                    opened = await host.click("next", number + 1)
            end = await host.click("end", -1)
            game_ended = end.sent
            joined = [p for p in self.phones if p.joined]
            await self._wait_until(lambda: all(p.first_seen(end.version) is not None for p in joined),
                                   clock() + plan.end_wait)
        finally:
            for task in (*phones, projector):
                task.cancel()
            await asyncio.gather(*phones, projector, return_exceptions=True)
            for phone in self.phones:
                phone.client.connection.close()
            host.poller.connection.close()
            host.controls.connection.close()
        for task in phones:
            if not task.cancelled() and task.exception() is not None:
                self.traffic.client_errors.append(f"phone task failed: {task.exception()!r}")
        return Played(self.phones, host.clicks, self.traffic, started, game_started, game_ended, clock(),
                      time.process_time() - cpu)
