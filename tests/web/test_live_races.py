"""A live lesson under real simultaneous requests (gunicorn workers on this test's database, SQLite or PostgreSQL):
a class's phones joining and answering in the same instant, double taps, and the host's clicks racing the answers.
Nothing is counted twice, no acknowledged answer is lost, and nobody gets a server error."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from quiz.authoring.model import SetData, SetOption, SetQuestion
from quiz.extensions import db
from quiz.models import LiveGame, LivePlayer, Response
from quiz.services import accounts, question_sets
from quiz.services import live as live_service
from tests.live_server import at_once

NOW = dt.datetime.now(dt.timezone.utc)
SET = SetData(title="الحرب على داعش", language="ar", questions=tuple(
    SetQuestion(type="mcq", prompt_ar=f"سؤال {n}", options=tuple(SetOption(f"خيار {n}-{i}") for i in range(4)),
                correct=n % 4)
    for n in range(1, 4)
))
N = 12  # more than the server's 8 threads: some requests queue, as in a class


def make_game(app) -> tuple[int, str]:
    """A game without a timer (the server's clock is real), in its lobby; (id, code)."""
    with app.app_context():
        teacher = accounts.create_user("salma", "teach-history-1", "سلمى", role="teacher")
        version = question_sets.create_set(teacher, SET, NOW).latest
        game = live_service.create_game(teacher, version, live_service.LiveSettings(time_limit=None), NOW)
        db.session.commit()
        return game.id, game.code


def host(live_server):
    browser = live_server.browser()
    assert browser.submit(browser.form("/login"), username="salma", password="teach-history-1").status_code == 302
    return browser


def click(browser, game_id: int, action: str):
    form = browser.form(f"/teach/live/{game_id}", action="/control")
    return browser.prepare(form, action=action)


def joined(live_server, code: str, nickname: str):
    phone = live_server.browser()
    response = phone.submit(phone.form(f"/live/{code}", action="/join"), nickname=nickname)
    assert response.status_code == 302, response.text[:300]
    return phone


def answer_call(phone, code: str, choice_index: int):
    form = phone.form(f"/live/{code}", action="/answer")
    with_choices = phone.get(f"/live/{code}").text
    choices = [part.split('"', 1)[0] for part in with_choices.split('name="choice" value="')[1:]]
    return phone.prepare(form, choice=choices[choice_index])


def stored(app, game_id: int) -> int:
    with app.app_context():
        count = db.session.scalar(db.select(db.func.count(Response.id)).join(
            LivePlayer, LivePlayer.attempt_id == Response.attempt_id).where(LivePlayer.game_id == game_id))
        db.session.remove()
    return count


def test_one_join_form_sent_from_many_tabs_is_one_player(app, live_server):
    _, code = make_game(app)
    phone = live_server.browser()
    form = phone.form(f"/live/{code}", action="/join")
    responses = at_once(tab.prepare(form, nickname="ليلى") for tab in [phone.fork() for _ in range(N)])
    assert Counter(r.status_code for r in responses) == {302: N}
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(LivePlayer.id))) == 1
    live_server.assert_no_server_errors()


def test_many_phones_taking_one_nickname_at_once_make_one_player_and_tell_the_others(app, live_server):
    _, code = make_game(app)
    phones = [live_server.browser() for _ in range(N)]
    forms = [p.form(f"/live/{code}", action="/join") for p in phones]
    responses = at_once(p.prepare(f, nickname="عمر") for p, f in zip(phones, forms))
    assert Counter(r.status_code for r in responses) == {302: 1, 422: N - 1}
    assert all("يلعب أحدٌ في هذه اللعبة" in r.text for r in responses if r.status_code == 422)
    live_server.assert_no_server_errors()


def test_a_class_answering_in_the_same_instant_is_counted_whole_and_once(app, live_server):
    game_id, code = make_game(app)
    phones = [joined(live_server, code, f"لاعب {i}") for i in range(N)]
    teacher = host(live_server)
    assert click(teacher, game_id, "start")().status_code == 302
    calls = [answer_call(p, code, i % 4) for i, p in enumerate(phones)]
    double_taps = [answer_call(phones[0], code, 1), answer_call(phones[1], code, 2)]  # second tabs, other choices
    responses = at_once(calls + double_taps)
    assert {r.status_code for r in responses} == {302}
    assert stored(app, game_id) == N
    live_server.assert_no_server_errors()


def test_closing_the_question_while_answers_arrive_never_loses_an_acknowledged_answer(app, live_server):
    game_id, code = make_game(app)
    phones = [joined(live_server, code, f"لاعب {i}") for i in range(N)]
    teacher = host(live_server)
    click(teacher, game_id, "start")()
    close = click(teacher, game_id, "close")
    responses = at_once([answer_call(p, code, 0) for p in phones] + [close])
    answers, closed = responses[:-1], responses[-1]
    assert closed.status_code == 302
    taken = sum(1 for r in answers if r.status_code == 302)
    assert {r.status_code for r in answers} <= {302, 409}  # counted, or refused with a reason
    assert stored(app, game_id) == taken
    with app.app_context():
        game = db.session.get(LiveGame, game_id)
        counts = live_service.question_counts(game, live_service.questions_of(game)[0])
        assert counts.answered == taken  # what the projector's chart shows is what was acknowledged
    live_server.assert_no_server_errors()


def test_two_host_tabs_clicking_next_at_once_move_the_game_one_question(app, live_server):
    game_id, code = make_game(app)
    teacher = host(live_server)
    click(teacher, game_id, "start")()
    click(teacher, game_id, "close")()
    tabs = [teacher.fork() for _ in range(4)]
    responses = at_once(click(tab, game_id, "next") for tab in tabs)
    assert {r.status_code for r in responses} == {302}
    with app.app_context():
        game = db.session.get(LiveGame, game_id)
        assert (game.phase, game.question_index) == ("question", 1)
    live_server.assert_no_server_errors()
