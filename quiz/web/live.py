"""Players of a live lesson: enter the code, join with a nickname (or as the signed-in student), answer on the phone.

A player is found again by a token kept in a cookie on the device (a refresh, a sleeping phone, a new network), or
by the signed-in account (a class student on another device, after their resume code). With JavaScript the page
asks `/live/<code>/state` several times a second with the ETag of its screen: a 304 while nothing changed, its new
screen when the game moved on; without, it refreshes itself every few seconds. Every request here reads the game as
a state row and its questions from the process's memory (services.live), so 300 phones asking at once stay cheap.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from ..clock import now
from ..extensions import db
from ..i18n import render_message
from ..live.game import Phase
from ..live.nicknames import NicknameRefused
from ..scoring import InvalidAnswer
from ..scoring.answer_types import grade
from ..services import live as live_service
from ..services.transactions import begins_its_own_write
from . import guard
from .access import account_row
from .play import invalid_answer_message

bp = Blueprint("live", __name__, url_prefix="/live")


@bp.before_request
def _pictures_under_live() -> None:
    """Question pictures on a player's screens come from /live/media/ (quiz/web/media.py), where the player's
    token cookie is sent."""
    g.live_player = True

COOKIE_AGE = 12 * 3600  # as long as a game takes players (services.live.EXPIRES_AFTER)


def _cookie(game_id: int) -> str:
    return f"cq_live_{game_id}"


def _game_or_404(code: str):
    """The game as its state row (what every request of a player needs, one small statement); a game that ended
    by itself is ended for good first."""
    row = live_service.state_row(live_service.normalise_code(code))
    if row is None:
        abort(404)
    if row.ended_at is None and live_service.settled(row, now()).phase is Phase.ENDED:
        game = live_service.game_by_code(row.code)
        if game is not None and live_service.keep_if_over(game, now()):  # its attempts are finished now
            db.session.commit()
        row = live_service.state_row(row.code)
    return row


def _player(game):
    player = live_service.player_by_token(game.id, request.cookies.get(_cookie(game.id)))
    if player is None and current_user.is_authenticated:
        player = live_service.player_of_user(game.id, current_user.id)
    return player


@bp.route("", methods=["GET", "POST"])
def enter_code():
    """The page a player opens by hand: type the code from the board."""
    code = live_service.normalise_code(request.values.get("code", ""))
    error = None
    if request.method == "POST" or request.args.get("code"):
        blocked = guard.refused("live_code")
        if blocked is not None:
            return blocked
        game = live_service.game_by_code(code)
        if game is None:
            guard.failed("live_code")
            error = render_message(live_service.message_for("no_game"))
        else:
            return redirect(url_for("live.enter", code=game.code))
    return render_template("live/enter.html", code=code, error=error), (404 if error else 200)


@bp.get("/<code>")
def enter(code: str):
    """Where the QR code leads: the game for a player who has joined, the join form for one who has not."""
    blocked = guard.refused("live_code")
    if blocked is not None:
        return blocked
    if live_service.state_row(live_service.normalise_code(code)) is None:
        guard.failed("live_code")
        return render_template("live/enter.html", code=live_service.normalise_code(code),
                               error=render_message(live_service.message_for("no_game"))), 404
    game = _game_or_404(code)
    player = _player(game)
    if player is not None:
        return _play_page(game, player)
    return _join_page(game)


def _join_page(game, nickname: str = "", error: str | None = None, status: int = 200):
    moment = now()
    closed = None
    if live_service.is_expired(game, moment):
        closed = render_message(live_service.message_for("expired"))
    elif game.ended_at is not None or live_service.settled(game, moment).phase is Phase.ENDED:
        closed = render_message(live_service.message_for("ended"))
    as_user = current_user.is_authenticated and not current_user.is_teacher
    return render_template("live/join.html", game=game, nickname=nickname, error=error, closed=closed,
                           as_user=as_user, token=live_service.new_player_token(),
                           max_length=20), status if not closed else 410


@bp.post("/<code>/join")
@begins_its_own_write
def join(code: str):
    game = live_service.game_by_code(_game_or_404(code).code)
    moment = now()
    token = request.form.get("token", "")
    try:
        if request.form.get("as_user") and current_user.is_authenticated and not current_user.is_teacher:
            player = live_service.join_as_user(game, account_row(), moment)
            token = None
        else:
            if not (16 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum()):
                abort(400)
            player = live_service.join_with_nickname(game, request.form.get("nickname", ""), token, moment)
    except NicknameRefused as refused:
        db.session.rollback()
        return _join_page(game, request.form.get("nickname", ""), render_message(refused.message), 422)
    except live_service.LiveError:
        db.session.rollback()
        return _join_page(game)
    db.session.commit()
    response = redirect(url_for("live.enter", code=game.code))
    if token:
        response.set_cookie(_cookie(game.id), token, max_age=COOKIE_AGE, httponly=True, samesite="Lax",
                            secure=request.is_secure, path="/live/")
    del player
    return response


@bp.get("/<code>/state")
def state(code: str):
    """What every phone polls: a 304 while the game's version is the one the phone shows (one small statement,
    the same for every player: no answers, no keys). When it moved on: the phone's new screen straight away for
    live.js (`X-Chronoquiz-Live: 1`; one request instead of two when 300 phones ask within a second), or the
    public state as JSON for anyone else."""
    row = live_service.state_row(live_service.normalise_code(code))
    if row is None:
        abort(404)
    public = live_service.public_state(row, now())
    etag = f"p{row.id}.{public['v']}"
    if request.if_none_match.contains(etag):
        response = make_response("", 304)
    elif _wants_screen():
        return screen(code)
    else:
        response = make_response(public)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _wants_screen() -> bool:
    return request.headers.get("X-Chronoquiz-Live") == "1"


def _screen_context(game, player, error: str | None = None) -> dict:
    moment = now()
    game_state = live_service.settled(game, moment)
    accommodation = live_service.accommodation_of_player(game, player.user_id, guest=player.guest)
    question = live_service.current_question(game, game_state)
    if question is not None:
        question = live_service.as_player_sees(question, game, player.user_id, accommodation)
    left = game_state.time_left(moment)
    context = {"game": game, "player": player, "state": game_state, "question": question, "error": error,
               "read_aloud": bool(accommodation.read_aloud),
               "etag": f"p{game.id}.{game_state.version}",
               "left_ms": None if left is None else int(left.total_seconds() * 1000)}
    if question is not None:
        response = live_service.player_response(player, question.id)
        context["response"] = response
        if response is not None:
            context["points"] = live_service.answer_points(game, game_state.index, response.points,
                                                           response.max_points, response.correct,
                                                           response.time_spent_ms)
            if game_state.phase is not Phase.QUESTION:
                context["outcome"] = grade(question, response.answer, game.grading_type)
    if game_state.phase in (Phase.REVEAL, Phase.ENDED):
        standings = live_service.standings(game, game_state)
        context["mine"] = next((s for s in standings if s.tally.player_id == player.id), None)
        context["player_total"] = len(standings)
    return context


def _play_page(game, player, error: str | None = None, status: int = 200):
    return render_template("live/play.html", **_screen_context(game, player, error)), status


@bp.get("/<code>/screen")
def screen(code: str):
    game = _game_or_404(code)
    player = _player(game)
    if player is None:
        return "", 204  # the page was left open after the cookie went: the next full load shows the join form
    context = _screen_context(game, player)
    response = make_response(render_template("live/screen.html", **context))
    response.set_etag(context["etag"])  # what live.js compares with its next poll's answer
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/<code>/answer")
@begins_its_own_write
def answer(code: str):
    game = _game_or_404(code)
    player = _player(game)
    if player is None:
        return redirect(url_for("live.enter", code=game.code))
    error = None
    status = 200
    try:
        live_service.answer(game, player, request.form.get("question_id", ""), request.form, now())
    except live_service.LiveError as refused:
        db.session.rollback()
        error, status = render_message(refused.message), 409
    except InvalidAnswer as invalid:
        db.session.rollback()
        error, status = invalid_answer_message(invalid), 422
    else:
        db.session.commit()
    if _wants_screen():
        return render_template("live/screen.html", **_screen_context(game, player, error)), status
    if error:
        return _play_page(game, player, error, status)
    return redirect(url_for("live.enter", code=game.code))
