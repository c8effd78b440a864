"""Live lessons over HTTP: a whole game, players who join, drop and come back, the host's controls, and the rules
that keep a class's answers honest (nothing counted twice, nothing after the question closed, no key shown early).
The pure rules are tested in tests/unit/test_live_*.py; the browser flow in tests/browser/test_browser_live.py."""

from __future__ import annotations

import csv
import io
import re

import pytest

from quiz.extensions import db
from quiz.models.attempt import Attempt, Response, ReviewCard
from quiz.models.live import LiveGame, LivePlayer
from quiz.services import live as live_service
from tests.web.helpers import page, signup
from tests.web.test_teach import create_class, create_set, join, new_client


def start_game(teacher, set_id, **overrides) -> tuple[int, str]:
    data = {"source": str(set_id), "classroom": "", "time_limit": "30", "leaderboard": "all",
            "grading_type": "relative_all_previous_and_next", **overrides}
    response = teacher.post("/teach/live", data=data)
    assert response.status_code == 302, page(response)
    game_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with teacher.application.app_context():
        return game_id, db.session.get(LiveGame, game_id).code


def shown_version(teacher, game_id) -> str:
    """The version the host's screen shows now (its controls send it back)."""
    return re.search(r'name="version" value="(\d+)"', page(teacher.get(f"/teach/live/{game_id}"))).group(1)


def control(teacher, game_id, action, version=None):
    return teacher.post(f"/teach/live/{game_id}/control",
                        data={"action": action, "version": version or shown_version(teacher, game_id)})


def join_form(phone, code) -> str:
    return re.search(r'name="token" value="([^"]+)"', page(phone.get(f"/live/{code}"))).group(1)


def player(app, code, nickname):
    phone = new_client(app)
    response = phone.post(f"/live/{code}/join", data={"nickname": nickname, "token": join_form(phone, code)})
    assert response.status_code == 302, page(response)
    return phone


def current_question(app, game_id) -> dict:
    with app.app_context():
        game = db.session.get(LiveGame, game_id)
        return game.questions[game.question_index]


def answer_fields(question, *, right=True) -> dict:
    if question["type"] == "mcq":
        choice = question["answer"] if right else next(c["id"] for c in question["choices"]
                                                       if c["id"] != question["answer"])
        return {"question_id": question["id"], "choice": choice}
    order = question["answer"] if right else list(reversed(question["answer"]))
    return {"question_id": question["id"], **{f"pos-{item}": str(i + 1) for i, item in enumerate(order)}}


def answer(phone, code, question, *, right=True, fragment=False):
    headers = {"X-Chronoquiz-Live": "1"} if fragment else {}
    return phone.post(f"/live/{code}/answer", data=answer_fields(question, right=right), headers=headers)


def responses(app, game_id) -> list[Response]:
    with app.app_context():
        return list(db.session.execute(
            db.select(Response).join(LivePlayer, LivePlayer.attempt_id == Response.attempt_id)
            .where(LivePlayer.game_id == game_id)).scalars())


@pytest.fixture
def game(app, teacher):
    game_id, code = start_game(teacher, create_set(teacher))
    return game_id, code


# -- a whole game ------------------------------------------------------------------------------------------


def test_a_whole_game_counts_accuracy_first_and_shows_everyone_their_place(app, teacher, clock, game):
    game_id, code = game
    sara, omar = player(app, code, "سارة"), player(app, code, "Omar")
    lobby = page(teacher.get(f"/teach/live/{game_id}"))
    assert "سارة" in lobby and "Omar" in lobby and "<svg" in lobby and code in lobby  # the QR code and the code

    assert control(teacher, game_id, "start").status_code == 302
    first = current_question(app, game_id)
    question_page = page(sara.get(f"/live/{code}"))
    assert f'value="{first["id"]}"' in question_page
    assert "is-key" not in question_page and first["explanation_ar"] not in question_page  # no key before answering
    assert answer(sara, code, first).status_code == 302
    assert "is-key" not in page(sara.get(f"/live/{code}"))  # answered: still no key while the question is open
    assert answer(omar, code, first, right=False).status_code == 302
    host = page(teacher.get(f"/teach/live/{game_id}"))
    assert re.search(r"2 (من|of) 2", host)  # the live count of answers

    assert control(teacher, game_id, "close").status_code == 302
    reveal = page(teacher.get(f"/teach/live/{game_id}"))
    assert "live-answers" in reveal and "سارة" in reveal  # the answers' chart and the leaderboard
    feedback = page(sara.get(f"/live/{code}"))
    assert "verdict-right" in feedback and "1000" in feedback and "is-key" in feedback
    assert "verdict-wrong" in page(omar.get(f"/live/{code}"))

    assert control(teacher, game_id, "next").status_code == 302
    second = current_question(app, game_id)
    assert answer(sara, code, second).status_code == 302
    clock.advance(seconds=40)  # Omar thinks too long: the 30-second timer closed the question
    late = answer(omar, code, second)
    assert late.status_code == 409 and "لم يعد يقبل" in page(late)
    assert control(teacher, game_id, "next").status_code == 302

    ended = page(teacher.get(f"/teach/live/{game_id}"))
    assert "live-ended" in ended and "2000" in ended
    final = page(sara.get(f"/live/{code}"))
    assert re.search(r"1 (من|of) 2", final)  # her place
    with app.app_context():
        attempts = db.session.execute(
            db.select(Attempt).join(LivePlayer, LivePlayer.attempt_id == Attempt.id)).scalars().all()
        assert all(a.is_finished and a.kind == "live" for a in attempts)
        assert sorted(a.score for a in attempts) == [0.0, 1.0]  # results record accuracy


def test_the_places_shown_at_a_reveal_count_an_answer_the_timers_grace_took_after_another_phone_looked(
        app, teacher, clock, game):
    """The standings are computed once per process and game version, not per phone; an answer that arrived in the
    grace after the deadline, committed after a phone already saw the reveal, still changes everyone's places."""
    game_id, code = game
    sara, omar = player(app, code, "سارة"), player(app, code, "Omar")
    control(teacher, game_id, "start")
    first = current_question(app, game_id)
    answer(sara, code, first, right=False)
    clock.advance(seconds=31)  # past the 30-second deadline and its grace: the phones show the reveal
    assert re.search(r"1 (من|of) 2", page(sara.get(f"/live/{code}")))  # 0 points each: a shared first place
    clock.advance(seconds=-0.6)  # Omar's answer was sent within the grace, and is written only now
    assert answer(omar, code, first).status_code == 302
    clock.advance(seconds=0.6)
    assert re.search(r"2 (من|of) 2", page(sara.get(f"/live/{code}")))
    assert re.search(r"1 (من|of) 2", page(omar.get(f"/live/{code}")))


def test_the_speed_bonus_is_optional_and_counted_apart(app, teacher, clock):
    game_id, code = start_game(teacher, create_set(teacher), speed_bonus="y")
    sara = player(app, code, "سارة")
    control(teacher, game_id, "start")
    clock.advance(seconds=15)  # half the time gone
    answer(sara, code, current_question(app, game_id))
    control(teacher, game_id, "close")
    feedback = page(sara.get(f"/live/{code}"))
    assert "1000" in feedback and "250" in feedback  # accuracy, and half of the 500 speed points apart


def test_a_question_without_a_timer_stays_open_until_the_host_closes_it(app, teacher, clock):
    game_id, code = start_game(teacher, create_set(teacher), time_limit="")
    sara = player(app, code, "سارة")
    control(teacher, game_id, "start")
    clock.advance(minutes=20)
    assert answer(sara, code, current_question(app, game_id)).status_code == 302


def test_the_host_sets_a_time_per_question_in_the_lobby(app, teacher, game):
    game_id, code = game
    version = shown_version(teacher, game_id)
    response = teacher.post(f"/teach/live/{game_id}/times", data={"limit-0": "٤٥", "limit-1": "", "version": version})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(LiveGame, game_id).settings["limits"] == [45, None]
    teacher.post(f"/teach/live/{game_id}/times", data={"limit-0": "2", "limit-1": "", "version": shown_version(
        teacher, game_id)})
    assert "5" in page(teacher.get(f"/teach/live/{game_id}"))
    with app.app_context():
        assert db.session.get(LiveGame, game_id).settings["limits"] == [45, None]  # 2 s refused, nothing changed


def test_pause_keeps_the_time_left_and_refuses_answers_while_paused(app, teacher, clock, game):
    game_id, code = game
    sara = player(app, code, "سارة")
    control(teacher, game_id, "start")
    clock.advance(seconds=20)
    control(teacher, game_id, "pause")
    clock.advance(minutes=5)
    assert answer(sara, code, current_question(app, game_id)).status_code == 409
    control(teacher, game_id, "resume")
    clock.advance(seconds=9)  # 10 seconds were left
    assert answer(sara, code, current_question(app, game_id)).status_code == 302


def test_with_auto_advance_the_game_runs_and_ends_by_itself(app, teacher, clock):
    game_id, code = start_game(teacher, create_set(teacher), time_limit="20", auto_advance="10")
    sara = player(app, code, "سارة")
    control(teacher, game_id, "start")
    answer(sara, code, current_question(app, game_id))
    clock.advance(seconds=21)  # closed by its timer (and its grace)
    assert "verdict-right" in page(sara.get(f"/live/{code}"))
    clock.advance(seconds=10)  # the answer stayed up 10 seconds: the next question came by itself
    with app.app_context():
        second = db.session.get(LiveGame, game_id).questions[1]
    assert f'value="{second["id"]}"' in page(sara.get(f"/live/{code}"))
    clock.advance(minutes=2)
    assert 'data-phase="ended"' in page(sara.get(f"/live/{code}"))
    with app.app_context():
        game_row = db.session.get(LiveGame, game_id)
        assert game_row.ended_at is not None and game_row.phase == "ended"
        assert all(a.is_finished for a in db.session.execute(db.select(Attempt)).scalars())
        assert db.session.execute(db.select(Attempt.score)).scalar() == 0.5


def test_skip_moves_on_without_a_reveal_and_end_finishes_every_attempt(app, teacher, game):
    game_id, code = game
    sara = player(app, code, "سارة")
    control(teacher, game_id, "start")
    first = current_question(app, game_id)
    control(teacher, game_id, "skip")
    assert current_question(app, game_id)["id"] != first["id"]
    assert answer(sara, code, first).status_code == 409  # the skipped question is closed
    control(teacher, game_id, "end")
    with app.app_context():
        assert db.session.get(LiveGame, game_id).ended_at is not None
        assert all(a.is_finished for a in db.session.execute(db.select(Attempt)).scalars())
    assert 'data-phase="ended"' in page(sara.get(f"/live/{code}"))


# -- nobody dropped, nothing counted twice --------------------------------------------------------------------


def test_a_player_who_reloads_or_comes_back_on_another_network_keeps_answers_and_points(app, teacher, game):
    game_id, code = game
    sara = player(app, code, "سارة")
    control(teacher, game_id, "start")
    first = current_question(app, game_id)
    answer(sara, code, first)
    cookie = sara.get_cookie(f"cq_live_{game_id}", path="/live/")
    back = new_client(app)  # the same phone after its browser lost everything but the cookie
    back.set_cookie(cookie.key, cookie.value, path="/live/")
    screen = page(back.get(f"/live/{code}"))
    assert "سارة" in screen and f'value="{first["id"]}"' not in screen  # her answer is known: no second form
    control(teacher, game_id, "close")
    assert "1000" in page(back.get(f"/live/{code}"))


def test_an_answer_sent_twice_counts_once(app, teacher, game):
    game_id, code = game
    sara = player(app, code, "سارة")
    control(teacher, game_id, "start")
    question = current_question(app, game_id)
    assert answer(sara, code, question).status_code == 302
    assert answer(sara, code, question, right=False).status_code == 302  # a retry: the first answer stands
    assert answer(sara, code, question, fragment=True).status_code == 200
    stored = responses(app, game_id)
    assert len(stored) == 1 and stored[0].correct


def test_the_same_join_form_sent_twice_is_one_player(app, game):
    _, code = game
    phone = new_client(app)
    token = join_form(phone, code)
    for _ in range(2):
        assert phone.post(f"/live/{code}/join", data={"nickname": "سارة", "token": token}).status_code == 302
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(LivePlayer.id))).scalar() == 1


def test_a_second_host_tab_or_a_double_click_never_moves_the_game_twice(app, teacher, game):
    game_id, code = game
    control(teacher, game_id, "start")
    version = shown_version(teacher, game_id)
    control(teacher, game_id, "close", version)
    first_index = current_question(app, game_id)["id"]
    assert control(teacher, game_id, "next", version).status_code == 302  # the old tab's click
    assert current_question(app, game_id)["id"] == first_index  # nothing moved
    stale = teacher.post(f"/teach/live/{game_id}/control", data={"action": "next", "version": version},
                         headers={"X-Chronoquiz-Live": "1"})
    assert stale.status_code == 409 and "لم يتغيّر شيء" in page(stale)


# -- bad input ------------------------------------------------------------------------------------------------


def test_a_wrong_code_says_so_in_arabic_and_eastern_digits_are_read(app, game):
    _, code = game
    phone = new_client(app)
    wrong = phone.get("/live/000000")
    assert wrong.status_code == 404 and "لا يوجد درس مباشر" in page(wrong)
    eastern = "".join(chr(0x0660 + int(d)) for d in code)
    response = phone.post("/live", data={"code": f" {eastern[:3]} {eastern[3:]} "})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/live/{code}")
    assert phone.post("/live", data={"code": "abc"}).status_code == 404


@pytest.mark.parametrize("nickname, message", [
    ("", "اختر اسماً"), ("س", "على الأقل"), ("ا" * 21, "لا يزيد"), ("سا\u202eرة", "محارف خفية"),
    ("fuck", "لا يصح"), ("سَارة", "يلعب أحدٌ في هذه اللعبة"),
])
def test_refused_nicknames_get_a_clear_arabic_message_and_store_nothing(app, game, nickname, message):
    _, code = game
    player(app, code, "سارة")
    phone = new_client(app)
    response = phone.post(f"/live/{code}/join", data={"nickname": nickname, "token": join_form(phone, code)})
    assert response.status_code == 422 and message in page(response), page(response)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(LivePlayer.id))).scalar() == 1


def test_an_ended_or_expired_game_takes_no_players(app, teacher, clock):
    game_id, code = start_game(teacher, create_set(teacher))
    clock.advance(hours=13)
    phone = new_client(app)
    expired = phone.get(f"/live/{code}")
    assert expired.status_code == 410 and "انتهت صلاحية" in page(expired)
    game_id, code = start_game(teacher, create_set(teacher))
    control(teacher, game_id, "end")
    ended = new_client(app).get(f"/live/{code}")
    assert ended.status_code == 410 and "انتهى هذا الدرس" in page(ended)


def test_answers_before_the_start_or_to_another_question_are_refused(app, teacher, game):
    game_id, code = game
    sara = player(app, code, "سارة")
    with app.app_context():
        questions = db.session.get(LiveGame, game_id).questions
    early = answer(sara, code, questions[0])
    assert early.status_code == 409 and "انتظر" in page(early)
    control(teacher, game_id, "start")
    assert answer(sara, code, questions[1]).status_code == 409  # not the one on the board
    bad = sara.post(f"/live/{code}/answer", data={"question_id": questions[0]["id"], "choice": "nope"})
    assert bad.status_code == 422
    assert responses(app, game_id) == []


def test_the_state_endpoint_is_small_the_same_for_everyone_and_304_while_nothing_changes(app, teacher, clock, game):
    game_id, code = game
    phone = new_client(app)
    first = phone.get(f"/live/{code}/state")
    assert first.status_code == 200 and first.json["phase"] == "lobby" and "question" not in first.json
    etag = first.headers["ETag"]
    assert phone.get(f"/live/{code}/state", headers={"If-None-Match": etag}).status_code == 304
    control(teacher, game_id, "start")
    changed = phone.get(f"/live/{code}/state", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json["phase"] == "question" and changed.json["left_ms"] == 30000
    assert phone.get("/live/999999/state").status_code == 404


def test_a_phone_that_asks_as_live_js_does_gets_its_new_screen_with_the_change(app, teacher, clock, game):
    """live.js sends X-Chronoquiz-Live: a change comes back as the player's screen itself (one request, not two),
    still a 304 while nothing changed, and a 204 for a page whose player is gone (it reloads to the join form)."""
    game_id, code = game
    sara = player(app, code, "سارة")
    asks = {"X-Chronoquiz-Live": "1"}
    lobby = sara.get(f"/live/{code}/state", headers=asks)
    assert lobby.status_code == 200 and lobby.mimetype == "text/html" and "live-screen" in page(lobby)
    etag = lobby.headers["ETag"]
    assert f'data-etag="{etag.strip(chr(34))}"' in page(lobby)
    assert sara.get(f"/live/{code}/state", headers={**asks, "If-None-Match": etag}).status_code == 304
    control(teacher, game_id, "start")
    question = sara.get(f"/live/{code}/state", headers={**asks, "If-None-Match": etag})
    assert question.status_code == 200 and question.headers["ETag"] != etag
    assert 'name="question_id"' in page(question) and question.headers["Cache-Control"] == "no-store"
    stranger = new_client(app)
    assert stranger.get(f"/live/{code}/state", headers=asks).status_code == 204


def test_host_pages_are_the_hosts_alone(app, teacher, game):
    game_id, code = game
    student = player(app, code, "سارة")
    assert student.get(f"/teach/live/{game_id}").status_code == 302  # to the log-in page
    learner = new_client(app)
    signup(learner)
    assert learner.get(f"/teach/live/{game_id}").status_code == 403  # the page for non-teachers
    assert learner.post(f"/teach/live/{game_id}/control", data={"action": "start", "version": "1"}).status_code == 403
    from quiz.services import accounts

    with app.app_context():
        accounts.create_user("huda", "another-teacher", "هدى", role="teacher")
        db.session.commit()
    colleague = new_client(app)
    colleague.post("/login", data={"username": "huda", "password": "another-teacher"})
    assert colleague.get(f"/teach/live/{game_id}").status_code == 404


# -- a class's lesson lands where teachers look ---------------------------------------------------------------


def test_a_class_lesson_lands_in_the_class_results_exports_history_and_review(app, teacher, clock):
    class_id, class_code = create_class(teacher)
    response = teacher.post("/teach/live", data={"source": "generated", "generated_count": "3",
                                                 "classroom": str(class_id), "time_limit": "30",
                                                 "leaderboard": "top5",
                                                 "grading_type": "relative_all_previous_and_next"})
    assert response.status_code == 302, page(response)
    game_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        game_row = db.session.get(LiveGame, game_id)
        code, assignment_id = game_row.code, game_row.assignment_id
    layla, _resume = join(app, class_code, "ليلى")
    join_page = page(layla.get(f"/live/{code}"))
    assert "ليلى" in join_page  # "join as ليلى"
    assert layla.post(f"/live/{code}/join", data={"as_user": "1"}).status_code == 302
    assert "يمكنك المتابعة" not in page(layla.get("/"))
    guest = player(app, code, "Visitor")
    control(teacher, game_id, "start")
    for _ in range(3):
        question = current_question(app, game_id)
        answer(layla, code, question)
        answer(guest, code, question, right=False)
        control(teacher, game_id, "close")
        control(teacher, game_id, "next")

    results = page(teacher.get(f"/teach/assignments/{assignment_id}"))
    assert "ليلى" in results and "Visitor" not in results  # a nickname is not a student of the class
    rows = list(csv.reader(io.StringIO(
        teacher.get(f"/teach/assignments/{assignment_id}/export.csv").get_data().decode("utf-8-sig"))))
    assert rows[1][0] == "ليلى" and rows[1][3] == "100.0"
    history = page(layla.get("/history"))
    assert "درس مباشر" in history and "100" in history
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(ReviewCard.id))).scalar() >= 3  # spaced review learnt
    home = page(layla.get("/"))
    assert "نتيجتي" in home
    # The lesson's assignment is never started alone, even by a crafted request.
    started = layla.post(f"/assignments/{assignment_id}/start")
    assert f"/live/{code}" in started.headers["Location"]


def test_a_live_attempt_cannot_be_answered_outside_its_lesson(app, teacher):
    class_id, class_code = create_class(teacher)
    game_id, code = start_game(teacher, create_set(teacher), classroom=str(class_id))
    layla, _resume = join(app, class_code, "ليلى")
    layla.post(f"/live/{code}/join", data={"as_user": "1"})
    with app.app_context():
        attempt_id = db.session.execute(db.select(LivePlayer.attempt_id)).scalar()
        question = db.session.get(LiveGame, game_id).questions[0]
    assert f"/live/{code}" in layla.get(f"/attempts/{attempt_id}").headers["Location"]
    posted = layla.post(f"/attempts/{attempt_id}/answer", data=answer_fields(question))
    assert f"/live/{code}" in posted.headers["Location"]
    assert responses(app, game_id) == []


def test_the_player_count_and_codes_are_services_not_guesses(app, game):
    game_id, code = game
    player(app, code, "سارة")
    with app.app_context():
        assert live_service.player_count(game_id) == 1
        assert live_service.normalise_code("١٢٣ ٤٥٦") == "123456"


# -- clean-up -------------------------------------------------------------------------------------------------


def test_guests_accounts_are_purged_a_while_after_their_game_and_students_are_kept(app, teacher, clock, game):
    game_id, code = game
    player(app, code, "ضيف")
    sara = new_client(app)
    signup(sara)
    player_page = sara.post(f"/live/{code}/join", data={"as_user": "1"})
    assert player_page.status_code == 302, page(player_page)
    control(teacher, game_id, "start")
    answer(sara, code, current_question(app, game_id))
    control(teacher, game_id, "end")

    def purge(days: int) -> str:
        result = app.test_cli_runner().invoke(args=["purge-deleted", "--days", str(days)])
        assert result.exit_code == 0, result.output
        return result.output

    assert "and 0 live-lesson guest account(s)" in purge(30)  # too recent
    clock.advance(days=31)
    assert "and 1 live-lesson guest account(s)" in purge(30)
    with app.app_context():
        players = db.session.execute(db.select(LivePlayer.nickname)).scalars().all()
        assert players == ["سارة"]  # the student, her attempt and her answer stay
        assert len(responses(app, game_id)) == 1
        assert db.session.get(LiveGame, game_id) is not None
