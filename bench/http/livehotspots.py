"""Where a live lesson's requests spend their time: `python -m bench.http.hotspots --route live-reveal`.

A game of `--players` players (joined with nicknames, as in bench/http/live.py) is played in-process through the
app's services up to a point: `--answered` questions answered by every player (default: all but the last, the
heaviest moment of a game), then parked in the phase the route needs. The route's requests, each with another
player's cookie, go through the Flask test client (no server), first timed, then under cProfile (or
pyinstrument's sampler). The routes:

- live-state: `GET /live/<code>/state` with the ETag the phone has (a 304), what every phone sends each second;
- live-question: `GET /live/<code>/screen` while a question is open (the screen every phone fetches on "next");
- live-answer: `POST /live/<code>/answer` (X-Chronoquiz-Live: the reply is the next screen), a new answer each;
- live-reveal: `GET /live/<code>/screen` after "close" (verdict, points, place among all players);
- live-end: `GET /live/<code>/screen` after "end" (place, points);
- live-host: `GET /teach/live/<id>/screen` after "close" (the projector: answers chart and leaderboard).
"""

from __future__ import annotations

import random
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from .classroom import Classroom
from .rawhttp import USER_AGENT, Request

LIVE_ROUTES = ("live-state", "live-question", "live-answer", "live-reveal", "live-end", "live-host")


def _answer_fields(question: dict, rng: random.Random) -> dict[str, str]:
    if question["type"] == "mcq":
        return {"choice": rng.choice([c["id"] for c in question["choices"]])}
    items = [i["id"] for i in question["items"]]
    order = items[:]
    rng.shuffle(order)
    return {f"pos-{item}": str(order.index(item) + 1) for item in items}


class LiveTable:
    """A game in the database, its players' cookies, moved through the app's services."""

    def __init__(self, classroom: Classroom, players: int, questions: int):
        from quiz.clock import now
        from quiz.extensions import db
        from quiz.models.question_set import QuestionSet
        from quiz.models.user import User
        from quiz.services import live as live_service

        from .live import nicknames, prepare_lesson

        self.classroom, self.app = classroom, classroom.app
        self.rng = random.Random(7)
        lesson = prepare_lesson(classroom, questions)
        self.username, self.password = lesson.username, lesson.password
        with self.app.app_context():
            teacher = db.session.execute(db.select(User).filter_by(username=lesson.username)).scalar_one()
            version = db.session.get(QuestionSet, lesson.set_id).latest  # type: ignore[union-attr]
            game = live_service.create_game(teacher, version, live_service.LiveSettings(time_limit=None), now())
            self.game_id, self.code, self.host_id = game.id, game.code, game.host_id
            self.questions = list(game.questions)
            db.session.commit()
            self.tokens = []
            for name in nicknames(players):
                token = live_service.new_player_token()
                game = db.session.get(live_service.LiveGame, self.game_id)
                live_service.join_with_nickname(game, name, token, now())
                db.session.commit()
                self.tokens.append(token)

    def cookie(self, player: int) -> str:
        return f"cq_live_{self.game_id}={self.tokens[player]}"

    def act(self, action: str) -> int:
        from quiz.clock import now
        from quiz.extensions import db
        from quiz.services import live as live_service

        with self.app.app_context():
            state = live_service.act(self.game_id, self.host_id, action, None, now())
            db.session.commit()
            return state.version

    def answer_all(self, index: int) -> None:
        """Every player answers question `index` (open), through the service the answer POST uses."""
        from quiz.clock import now
        from quiz.extensions import db
        from quiz.services import live as live_service

        question = self.questions[index]
        with self.app.app_context():
            for token in self.tokens:
                game = db.session.get(live_service.LiveGame, self.game_id)
                player = live_service.player_by_token(self.game_id, token)
                live_service.answer(game, player, question["id"], _answer_fields(question, self.rng), now())
                db.session.commit()
            db.session.remove()

    def play(self, answered: int) -> None:
        """Start, then `answered` questions answered by everyone and closed, leaving the game in the reveal of
        the last of them (or, with 0, on the first question)."""
        self.act("start")
        for index in range(answered):
            if index:
                self.act("next")
            self.answer_all(index)
            self.act("close")


def profile_live(route: str, requests: int, players: int, questions: int, answered: int | None, top: int,
                 sampler: bool) -> str:
    from .hotspots import _sampled, _send, _WriteLockTimer, profile_loop
    from .sessions import csrf_token

    folder = Path(tempfile.mkdtemp(prefix="chronoquiz-live-profile-"))
    try:
        classroom = Classroom(f"sqlite:///{folder / 'chronoquiz.sqlite3'}", secrets.token_hex(32))
        classroom.run_command(["setup", "--no-demo"])
        table = LiveTable(classroom, players, questions)
        answered = questions - 1 if answered is None else min(answered, questions)
        started = time.perf_counter()
        table.play(answered)
        setup_note = f"{players} players, {answered} of {questions} questions answered by all " \
                     f"(made in {time.perf_counter() - started:.0f} s)"
        code = table.code
        base = f"/live/{code}"
        if route in ("live-question", "live-answer") and answered:
            table.act("next")  # the next question open, nobody has answered it
        if route == "live-end":
            table.act("end")
        app = classroom.app
        client = app.test_client(use_cookies=False)
        client.environ_base.update({"REMOTE_ADDR": "127.0.0.1"})
        rng = random.Random(11)
        if route == "live-host":
            host = app.test_client()
            host.environ_base.update({"REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": USER_AGENT})
            token = csrf_token(host.get("/login").get_data(as_text=True))
            host.post("/login", data={"csrf_token": token, "username": table.username, "password": table.password})
            response = host.get(f"/teach/live/{table.game_id}/screen")
            assert response.status_code == 200, response.status_code
            cookie = "; ".join(f"{name}={host.get_cookie(name).value}"  # type: ignore[union-attr]
                               for name in ("session", "remember_token") if host.get_cookie(name))
            pool = [Request("GET", f"/teach/live/{table.game_id}/screen", cookie,
                            headers=(("X-Chronoquiz-Live", "1"),))]
            expected = 200
        elif route == "live-state":
            etag = client.get(f"{base}/state").headers["ETag"]
            pool = [Request("GET", f"{base}/state", table.cookie(n), headers=(("If-None-Match", etag),))
                    for n in range(players)]
            expected = 304
        elif route == "live-answer":
            pool = _answer_requests(table, client, rng)
            expected = 200
        else:
            pool = [Request("GET", f"{base}/screen", table.cookie(n), headers=(("X-Chronoquiz-Live", "1"),))
                    for n in range(players)]
            expected = 200
        if route == "live-answer" and len(pool) < 2 * requests + 20:
            raise SystemExit(f"live-answer: {len(pool)} players can answer once each; ask for at most "
                             f"{(len(pool) - 20) // 2} requests, or more --players")
        cursor = iter(pool * (1 if route == "live-answer" else (2 * requests + 20) // len(pool) + 1))

        def send() -> None:
            response = _send(client, next(cursor))
            assert response.status_code == expected, f"{route} answered {response.status_code}"

        for _ in range(10):
            send()
        locked = _WriteLockTimer(app)
        text = profile_loop(f"{route} ({setup_note})", send, requests, locked, top, sampler, _sampled)
        classroom.close()
        return text
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _answer_requests(table: LiveTable, client, rng: random.Random) -> list[Request]:  # type: ignore[no-untyped-def]
    """A new answer from each player to the open question, with the CSRF token of that player's own page."""
    from .sessions import csrf_token

    question = None
    requests = []
    for n in range(len(table.tokens)):
        page = client.get(f"/live/{table.code}", headers={"Cookie": table.cookie(n), "User-Agent": USER_AGENT})
        session = page.headers.get("Set-Cookie", "").split(";", 1)[0]
        html = page.get_data(as_text=True)
        if question is None:
            question_id = html.split('name="question_id" value="', 1)[1].split('"', 1)[0]
            question = next(q for q in table.questions if q["id"] == question_id)
        fields = {"csrf_token": csrf_token(html), "question_id": question["id"], **_answer_fields(question, rng)}
        requests.append(Request("POST", f"/live/{table.code}/answer", f"{table.cookie(n)}; {session}",
                                tuple(fields.items()), headers=(("X-Chronoquiz-Live", "1"),)))
    return requests
