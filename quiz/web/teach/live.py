"""The host's side of a live lesson: start one, run it on the projector, and see how it went.

The host page is one screen that changes with the game (lobby, question, answer, end). With JavaScript it asks
`…/state` every second (an ETag: 304 while nothing changed) and swaps in `…/screen` when something did; without,
it refreshes itself. Every control is a POST carrying the version the page showed (services.live.act), so a
double click or a second host tab never moves the game twice.
"""

from __future__ import annotations

from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...authoring.from_generated import to_set_question
from ...authoring.model import SetData
from ...clock import now
from ...extensions import db
from ...generate import InvalidRequest, NotEnoughEvents, QuizRequest, generate_quiz
from ...i18n import render_message, to_school_time
from ...live.game import GameRuleError, Phase
from ...live.points import shown_on_projector
from ...services import classes as class_service
from ...services import live as live_service
from ...services import question_sets as set_service
from ...services.chronologies import get_chronology
from ..forms import options
from ..input_guard import whole_number
from ..public_url import external_url
from . import bp
from .classes import qr_svg
from .forms import LiveForm
from .loaders import load_class, load_set


def _load_game(game_id: int):
    game = live_service.game_for_host(game_id, current_user.id)
    if game is None:
        abort(404)
    if live_service.keep_if_over(game, now()):  # it ended by itself: its attempts are finished now
        db.session.commit()
        db.session.refresh(game)
    return game


@bp.route("/live", methods=["GET", "POST"])
def live_new():
    visible = [s for s in set_service.visible_sets(current_user.id) if set_service.content_of(s.latest).questions]
    form = LiveForm()
    form.source.choices = options([("generated", _("New questions generated from the chronology"))]
                                  + [(str(s.id), s.latest.title) for s in visible])
    form.classroom.choices = options([("", _("Anyone with the code (nicknames)"))]
                                     + [(str(c.id), c.name) for c in class_service.classes_of(current_user.id)])
    if request.method == "GET":
        if request.args.get("set", type=int) in {s.id for s in visible}:
            form.source.data = str(request.args.get("set", type=int))
        if request.args.get("class", type=int) is not None:
            form.classroom.data = str(request.args.get("class", type=int))
    error = None
    if form.validate_on_submit():
        moment = now()
        classroom = load_class(int(form.classroom.data)) if form.classroom.data else None
        try:
            version = _questions_from(form, moment)
            game = live_service.create_game(current_user, version, live_service.LiveSettings(
                time_limit=form.time_limit.data, auto_advance=form.auto_advance.data,
                speed_bonus=form.speed_bonus.data, leaderboard=form.leaderboard.data,
                grading_type=form.grading_type.data), moment, classroom=classroom)
        except GameRuleError as refused:
            error = render_message(refused.message)
        except InvalidRequest as refused:
            error = render_message(refused.reason)
        except NotEnoughEvents:
            error = _("The chronology has too few events for that many questions. Ask for fewer.")
        else:
            db.session.commit()
            return redirect(url_for("teach.live_host", game_id=game.id))
    status = 422 if (form.errors or error) else 200
    return render_template("teach/live_new.html", form=form, error=error,
                           games=live_service.games_of(current_user.id)), status


def _questions_from(form: LiveForm, moment):
    """The set version the game asks: the chosen set's latest, or a new set of questions generated now (kept
    among the teacher's sets, to look at, edit or use again)."""
    if form.source.data != "generated":
        return load_set(int(form.source.data), write=False).latest
    slug = current_app.config["DEFAULT_CHRONOLOGY"]
    generated = generate_quiz(get_chronology(slug), QuizRequest(count=form.generated_count.data or 10))
    # The school's time, not UTC: the title is shown to the class (the lesson's record among their assignments).
    title = _("Live lesson %(date)s", date=to_school_time(moment).strftime("%Y-%m-%d %H:%M"))
    question_set = set_service.create_set(current_user, SetData(
        title=title, language="both", questions=tuple(to_set_question(q) for q in generated)), moment)
    return question_set.latest


def _host_context(game) -> dict:
    moment = now()
    state = live_service.settled(game, moment)
    question = live_service.current_question(game, state)
    context = {"game": game, "state": state, "question": question, "moment": moment,
               "players": live_service.nicknames_in(game.id), "classroom": live_service.class_of(game)}
    if state.phase is Phase.LOBBY:
        url = external_url("live.enter", code=game.code)
        context.update(join_url=url, qr=qr_svg(url), questions=list(live_service.questions_of(game)))
    if question is not None and state.phase is Phase.QUESTION:
        context["answered"] = live_service.answered_count(game.id, question.id)
    if question is not None and state.phase is Phase.REVEAL:
        context["counts"] = live_service.question_counts(game, question)
    if state.phase in (Phase.REVEAL, Phase.ENDED):
        standings = live_service.standings(game, state)
        context["standings"] = shown_on_projector(standings, game.settings.get("leaderboard", "all"))
        context["leaderboard_mode"] = game.settings.get("leaderboard", "all")
        context["everyone"] = standings
    return context


def _host_etag(game) -> str:
    """Changes with the game's state, the players who joined and the answers given: what the host screen shows."""
    state = live_service.settled(game, now())
    question = live_service.current_question(game, state)
    answered = live_service.answered_count(game.id, question.id) if question is not None else 0
    return f"h{game.id}.{state.version}.{live_service.player_count(game.id)}.{answered}"


@bp.get("/live/<int:game_id>")
def live_host(game_id: int):
    game = _load_game(game_id)
    return render_template("teach/live_host.html", etag=_host_etag(game), **_host_context(game))


@bp.get("/live/<int:game_id>/screen")
def live_host_screen(game_id: int):
    game = _load_game(game_id)
    return render_template("teach/live_host_screen.html", etag=_host_etag(game), **_host_context(game))


@bp.get("/live/<int:game_id>/state")
def live_host_state(game_id: int):
    game = _load_game(game_id)
    etag = _host_etag(game)
    if request.if_none_match.contains(etag):
        response = make_response("", 304)
    else:
        state = live_service.settled(game, now())
        left = state.time_left(now())
        response = make_response({"v": etag, "phase": state.phase.value, "paused": state.paused,
                                   "left_ms": None if left is None else int(left.total_seconds() * 1000)})
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _wants_fragment() -> bool:
    return request.headers.get("X-Chronoquiz-Live") == "1"


@bp.post("/live/<int:game_id>/control")
def live_control(game_id: int):
    game = _load_game(game_id)
    action = request.form.get("action", "")
    if action not in live_service.ACTIONS:
        abort(400)
    seen = request.form.get("version", type=int)
    message = None
    try:
        live_service.act(game.id, current_user.id, action, seen, now())
    except live_service.LiveError as refused:
        message = render_message(refused.message)
    except GameRuleError as refused:
        message = render_message(refused.message)
    db.session.commit()
    db.session.refresh(game)
    if _wants_fragment():
        return render_template("teach/live_host_screen.html", etag=_host_etag(game), notice=message,
                               **_host_context(game)), (409 if message else 200)
    if message:
        flash(message, "warning")
    return redirect(url_for("teach.live_host", game_id=game.id))


@bp.post("/live/<int:game_id>/times")
def live_times(game_id: int):
    """The lobby's per-question timers: one field per question, empty for no timer."""
    game = _load_game(game_id)
    count = len(game.questions)
    limits: list[int | None] = []
    message = None
    for index in range(count):
        raw = (request.form.get(f"limit-{index}") or "").strip()
        if not raw:
            limits.append(None)
        elif (seconds := whole_number(raw)) is not None:
            limits.append(seconds)
        else:
            message = _("Write each time as a whole number of seconds, or leave it empty for no timer.")
            break
    if message is None:
        try:
            live_service.set_limits(game.id, current_user.id, tuple(limits), request.form.get("version", type=int),
                                    now())
        except (live_service.LiveError, GameRuleError) as refused:
            message = render_message(refused.message)
    db.session.commit()
    flash(message or _("The times were saved."), "warning" if message else "success")
    return redirect(url_for("teach.live_host", game_id=game.id))
