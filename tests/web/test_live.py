"""Live lessons over HTTP: the host's flow, players joining and answering, and what must never happen twice."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quiz.extensions import db
from quiz.models.attempt import Attempt, Response
from quiz.models.live import LiveGame, LivePlayer
from tests.web.helpers import page
from tests.web.test_teach import create_class, create_set, join, new_client


def start_game(teacher, set_id, **overrides) -> tuple[int, str]:
    data = {"source": str(set_id), "classroom": "", "time_limit": "30", "leaderboard": "all",
            "grading_type": "relative_all_previous_and_next", **overrides}
    response = teacher.post("/teach/live", data=data)
    assert response.status_code == 302, page(response)
    game_id = int(response.headers["Location"].rsplit("/", 1)[1])
    code = re.search(r'class="join-code projector-code" dir="ltr">(\d+)<', page(teacher.get(f"/teach/live/{game_id}")))
    return game_id, code.group(1)


def shown_version(teacher, game_id) -> str:
    """The version the host's screen shows now (its controls send it back)."""
    return re.search(r'name="version" value="(\d+)"', page(teacher.get(f"/teach/live/{game_id}"))).group(1)


def control(teacher, app, game_id, action):
    return teacher.post(f"/teach/live/{game_id}/control",
                        data={"action": action, "version": shown_version(teacher, game_id)})


def player(app, code, nickname):
    phone = new_client(app)
    form = page(phone.get(f"/live/{code}"))
    token = re.search(r'name="token" value="([^"]+)"', form).group(1)
    response = phone.post(f"/live/{code}/join", data={"nickname": nickname, "token": token})
    assert response.status_code == 302, page(response)
    return phone


def current_question(app, game_id) -> dict:
    with app.app_context():
        game = db.session.get(LiveGame, game_id)
        return game.questions[game.question_index]


def answer(phone, code, question, *, right=True):
    if question["type"] == "mcq":
        choice = question["answer"] if right else next(c["id"] for c in question["choices"]
                                                       if c["id"] != question["answer"])
        data = {"question_id": question["id"], "choice": choice}
    else:
        order = question["answer"] if right else list(reversed(question["answer"]))
        data = {"question_id": question["id"], **{f"pos-{item}": str(i + 1) for i, item in enumerate(order)}}
    return phone.post(f"/live/{code}/answer", data=data)


def test_a_whole_game_with_two_players(app, teacher, clock):
    set_id = create_set(teacher)
    game_id, code = start_game(teacher, set_id)
    sara = player(app, code, "سارة")
    omar = player(app, code, "Omar")
    lobby = page(teacher.get(f"/teach/live/{game_id}"))
    assert "سارة" in lobby and "Omar" in lobby
    assert control(teacher, app, game_id, "start").status_code == 302
    first = current_question(app, game_id)
    assert f'value="{first["id"]}"' in page(sara.get(f"/live/{code}"))
    assert answer(sara, code, first).status_code == 302
    assert answer(omar, code, first, right=False).status_code == 302
    assert control(teacher, app, game_id, "close").status_code == 302
    reveal = page(teacher.get(f"/teach/live/{game_id}"))
    assert "سارة" in reveal
    assert control(teacher, app, game_id, "next").status_code == 302
    second = current_question(app, game_id)
    assert answer(sara, code, second).status_code == 302
    clock.advance(seconds=40)
    late = answer(omar, code, second)
    assert late.status_code == 409
    assert control(teacher, app, game_id, "next").status_code == 302
    ended = page(teacher.get(f"/teach/live/{game_id}"))
    with app.app_context():
        attempts = db.session.execute(db.select(Attempt).join(LivePlayer, LivePlayer.attempt_id == Attempt.id)).scalars().all()
        assert all(a.is_finished for a in attempts)
        assert sorted(a.score for a in attempts) == [0.0, 1.0]
