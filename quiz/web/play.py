"""Taking a quiz: practice set-up, one question per page, feedback, results, history and progress.

Learners with an account get stored attempts (`/attempts/<id>`); visitors get a session quiz
(`/practice/quiz`) that is never saved. Both answer through the one answer path (quiz/services/answering.py)
and show the same pages; what differs by question type is in the answer types' templates.
"""

from __future__ import annotations

import secrets
from typing import Any, Callable

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..clock import now
from ..extensions import db
from ..generate import KINDS, NotEnoughEvents
from ..i18n import digits, localized
from ..models.assignment import Assignment
from ..scoring import InvalidAnswer
from ..services import accommodations as accommodation_service
from ..services import answering
from ..services import assignments as assignment_service
from ..services import attempts as attempt_service
from ..services import live as live_service
from ..services import progress as progress_service
from ..services import reviews as review_service
from ..services.answering import AnswerRefused, AnswerStore, submit_answer
from ..services.attempts import QuizSettings, SessionQuiz
from ..services.chronologies import get_chronology
from ..services.transactions import begins_its_own_write
from .access import owned_or_404
from .forms import KIND_LABELS, EmptyForm, PracticeForm, StartForm, options

bp = Blueprint("play", __name__)


def _slug() -> str:
    return current_app.config["DEFAULT_CHRONOLOGY"]


def _practice_form(chronology) -> PracticeForm:
    form = PracticeForm()
    form.eras.choices = options((era.id, localized(era, "title")) for era in chronology.eras)
    form.kinds.choices = options((name, KIND_LABELS.get(name, name)) for name in KINDS)
    return form


def _settings_from(form: PracticeForm) -> QuizSettings:
    return QuizSettings(count=form.count.data, eras=tuple(form.eras.data or ()), kinds=tuple(form.kinds.data or ()),
                        difficulty=form.difficulty.data or None, grading_type=form.grading_type.data)


def invalid_answer_message(error: InvalidAnswer) -> str:
    """What was wrong with an answer, in the learner's language."""
    if error.code == "choose_one":
        return _("Choose one of the options.")
    if error.code == "choose_some":
        return _("Tick at least one option: every option that applies.")
    if error.code == "not_offered":
        return _("That option is not one of this question's options. Choose one of those shown.")
    # digits() on the whole message: the translation writes the "1" itself.
    return digits(_("Give every event a different position, from 1 to %(n)s.", n=error.params.get("n", "n")))


def _refused(error: AnswerRefused, result_url: str):
    """A page that says why an answer was not taken (nothing was stored), with the way on."""
    messages = {
        "unknown_question": (400, _("This question is not part of this quiz. Reload the page and answer the "
                                    "question it shows.")),
        "finished": (409, _("This quiz is already finished: no more answers are taken. Your answers given "
                            "before are kept.")),
        "time_up": (409, _("Time is up: answers after the time limit are not accepted. Your answers given "
                           "before are kept.")),
        "withdrawn": (410, _("This assignment is no longer open to you: your teacher deleted it or took you out "
                             "of the class. Your answers given before are kept; ask your teacher if this is a "
                             "mistake.")),
    }
    status, message = messages[error.code]
    link_label = None
    if error.code == "withdrawn":  # there is no score to see: the way on is the learner's own page
        result_url, link_label = url_for("learn.home"), _("Back to your page")
    return render_template("play/refused.html", message=message, result_url=result_url, link_label=link_label), status


# -- set-up ------------------------------------------------------------------------------------------


@bp.route("/practice", methods=["GET", "POST"])
def practice():
    chronology = get_chronology(_slug())
    form = _practice_form(chronology)
    error = None
    if form.validate_on_submit():
        settings = _settings_from(form)
        seed = secrets.randbelow(2**31)
        try:
            if current_user.is_authenticated:
                attempt = attempt_service.start_attempt(current_user, chronology, _slug(), settings, seed, now(),
                                                        start_key=form.token())
                db.session.commit()
                return redirect(url_for("play.attempt", attempt_id=attempt.id))
            quiz = SessionQuiz.start(chronology, _slug(), settings, seed, current_app.config["SECRET_KEY"])
            quiz.save(session)
            return redirect(url_for("play.session_quiz"))
        except NotEnoughEvents as exc:
            db.session.rollback()
            # Flask-Babel's ngettext fills %(num)s itself, so the reader's digits go on the whole message.
            error = digits(ngettext("These choices leave too few events for %(num)s question (%(made)s possible). "
                                    "Tick more eras or kinds, or ask for fewer questions.",
                                    "These choices leave too few events for %(num)s questions (%(made)s possible). "
                                    "Tick more eras or kinds, or ask for fewer questions.", settings.count,
                                    made=exc.made if exc.made is not None else 0))
    resume = attempt_service.unfinished_attempt(current_user.id) if current_user.is_authenticated else None
    status = 422 if (form.errors or error) else 200
    return render_template("play/setup.html", form=form, error=error, resume=resume), status


# -- shared rendering ----------------------------------------------------------------------------------


def _show(state, *, base_url: str, answer_url: str, result_url: str, finish_url: str | None = None,
          error: str | None = None, posted: dict | None = None, status: int = 200, feedback_allowed: bool = True,
          seconds_left: int | None = None, times_up_url: str | None = None, read_aloud: bool = False):
    """The page for a quiz in progress: feedback on one answered question, or the next question. A timed
    attempt's time left shows on both while its clock runs."""
    if state.is_finished:
        seconds_left = None  # the clock stopped: a feedback page after the last answer shows no timer
    timer = {"seconds_left": seconds_left, "times_up_url": times_up_url}
    feedback = request.args.get("feedback", type=int)
    if feedback is not None and feedback_allowed:
        if not 0 <= feedback < len(state.questions):
            abort(404)
        question = state.questions[feedback]
        outcome = state.outcome_of(question.id)
        if outcome is None:
            abort(404)  # no peeking at an explanation before answering
        next_index = attempt_service.next_unanswered(state)
        return render_template("play/feedback.html", question=question, index=feedback, outcome=outcome,
                               answer=state.answer_of(question.id), total=len(state.questions),
                               next_url=base_url if next_index is not None else result_url,
                               finished=next_index is None, **timer)
    index = attempt_service.next_unanswered(state)
    if index is None:
        return redirect(result_url)
    question = state.questions[index]
    return render_template("play/question.html", question=question, index=index, total=len(state.questions),
                           answer_url=answer_url, finish_url=finish_url, error=error, posted=posted or {},
                           grading_type=state.grading_type, read_aloud=read_aloud, **timer), status


def _result(state, *, attempt=None, show_answers: bool = True, assignment=None, times_up: bool = False):
    score, answered = attempt_service.total_score(state)
    return render_template("play/result.html", state=state, score=score, answered=answered, attempt=attempt,
                           show_answers=show_answers, assignment=assignment, times_up=times_up)


def _answer(store: AnswerStore, *, urls: dict[str, str], policy: Callable[[], dict[str, Any]],
            keep: Callable[[], None], keep_refused: bool, refused: Callable[[AnswerRefused], Any] | None = None):
    """Take the posted answer through the one answer path and answer the request.

    `keep()` stores what the answer changed (a commit, or the quiz's cookie); it comes before anything that
    only reads, such as `policy()` (how the attempt's pages behave), because on SQLite the commit ends the
    write lock that every other answer waits for. `keep_refused`: keep after a refusal too (an attempt closed
    at its deadline stays closed). `refused(error)`: the store's own page for a refusal, or None for the
    general one."""
    try:
        submitted = submit_answer(store, request.form.get("question_id", ""), request.form, now())
    except InvalidAnswer as exc:
        db.session.rollback()
        return _show(store, **urls, error=invalid_answer_message(exc), posted=request.form, status=422,
                     **policy())
    except AnswerRefused as exc:
        if keep_refused:
            keep()
        return (refused and refused(exc)) or _refused(exc, urls["result_url"])
    keep()
    if not policy()["feedback_allowed"]:
        return redirect(urls["base_url"])
    return redirect(f"{urls['base_url']}?feedback={submitted.index}")


# -- stored attempts -----------------------------------------------------------------------------------


def _own_attempt(attempt_id: int):
    return owned_or_404(attempt_service.attempt_for_user(attempt_id, current_user.id) if
                        current_user.is_authenticated else None)


UNTIMED_CLOCK_SECONDS = 3600  # an untimed attempt shows the assignment's closing countdown in its last hour


def _policy(attempt) -> dict[str, Any]:
    """How an attempt's pages behave: practice shows feedback after each answer; an assignment follows
    its teacher's review setting and time limit. Read-aloud follows the student's accommodations."""
    if attempt.assignment_id is None:
        found = accommodation_service.self_study(attempt.user_id)
        return {"feedback_allowed": True, "seconds_left": None, "read_aloud": bool(found and found.read_aloud)}
    assignment = db.session.get(Assignment, attempt.assignment_id)
    assert assignment is not None  # an assignment's attempts go with it (ON DELETE CASCADE)
    rules = accommodation_service.rules_for(assignment, attempt.user_id)
    seconds_left = assignment_service.seconds_left(attempt, now())
    # A clock for a timed attempt; an untimed one ends only when the assignment closes, and a countdown of
    # days ("175:22:40", a look at the pages found) would alarm for nothing: shown in its last hour only.
    if rules.time_limit is None and seconds_left is not None and seconds_left > UNTIMED_CLOCK_SECONDS:
        seconds_left = None
    return {"feedback_allowed": assignment_service.feedback_per_question(assignment),
            "seconds_left": seconds_left,
            "times_up_url": url_for("play.times_up", attempt_id=attempt.id),
            "read_aloud": rules.read_aloud}


def _urls(attempt_id: int) -> dict[str, str]:
    return {"base_url": url_for("play.attempt", attempt_id=attempt_id),
            "answer_url": url_for("play.answer", attempt_id=attempt_id),
            "result_url": url_for("play.result", attempt_id=attempt_id),
            "finish_url": url_for("play.finish", attempt_id=attempt_id)}


def _close_if_overdue(attempt) -> None:
    """An attempt whose time ran out while nobody was looking is closed when it is next looked at."""
    if attempt_service.overdue_at(attempt, now()) is None:
        return  # the usual case: no write, no lock, for a page view
    store = answering.open_attempt(attempt.id, attempt.user_id)
    if store is not None and store.close_if_overdue(now()):
        db.session.commit()
        db.session.refresh(attempt)


@bp.get("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    # Read as columns (answering.read_attempt), not as ORM objects: this page is every question of every
    # learner, and the ORM's loading cost more than the two statements.
    state = answering.read_attempt(attempt_id, current_user.id)
    if state is None:
        abort(404)
    if state.withdrawn and not state.is_finished:
        return _refused(AnswerRefused("withdrawn"), "")
    if state.attempt.kind == "live" and not state.is_finished:
        return _to_live_lesson(attempt_id)
    closed_now = False
    if attempt_service.overdue_at(state.attempt, now()) is not None:  # time ran out while nobody was looking
        state = answering.open_attempt(attempt_id, current_user.id)
        if state is None:
            abort(404)
        closed_now = state.close_if_overdue(now())
        if closed_now:
            db.session.commit()
    if state.is_finished and request.args.get("feedback") is None:
        ended_by_time = closed_now or attempt_service.ended_by_time(state.attempt)
        return redirect(url_for("play.times_up" if ended_by_time else "play.result", attempt_id=attempt_id))
    return _show(state, **_urls(attempt_id), **_policy(state.attempt))


@bp.post("/attempts/<int:attempt_id>/answer")
@begins_its_own_write  # open_attempt locks the attempt: the one write lock is held for the answer only
@login_required
def answer(attempt_id: int):
    store = answering.open_attempt(attempt_id, current_user.id)
    if store is None:
        abort(404)
    if store.attempt.kind == "live":  # answered in its lesson, while the teacher shows each question
        db.session.rollback()
        return _to_live_lesson(attempt_id)
    return _answer(store, urls=_urls(attempt_id), policy=lambda: _policy(store.attempt), keep=db.session.commit,
                   keep_refused=True, refused=lambda error: _answer_after_time(attempt_id, error))


def _to_live_lesson(attempt_id: int):
    """A live lesson's attempt is answered in the lesson, question by question as the teacher shows them."""
    code = live_service.code_of_attempt(attempt_id)
    if code is None:
        abort(404)
    return redirect(url_for("live.enter", code=code))


@bp.get("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    _close_if_overdue(attempt)
    if not attempt.is_finished:
        return redirect(url_for("play.attempt", attempt_id=attempt.id))
    assignment = db.session.get(Assignment, attempt.assignment_id) if attempt.assignment_id else None
    visible = assignment is None or assignment_service.answers_visible(assignment, attempt, now())
    return _result(attempt_service.StoredQuiz(attempt), attempt=attempt, show_answers=visible, assignment=assignment)


# -- time's up ---------------------------------------------------------------------------------------------


def _answer_after_time(attempt_id: int, error: AnswerRefused):
    """An answer sent after the attempt's time ran out gets the time's-up page (409), not a bare refusal."""
    if error.code not in ("time_up", "finished"):
        return None
    attempt = _own_attempt(attempt_id)
    if not attempt_service.ended_by_time(attempt):
        return None  # finished by its last answer or by "Stop here": the general refusal says so
    return _times_up_page(attempt), 409


def _times_up_page(attempt):
    """Time's up: what was saved (the answers given before the deadline), the score, and the right answers
    only as far as the assignment's review policy allows."""
    assignment = db.session.get(Assignment, attempt.assignment_id) if attempt.assignment_id else None
    visible = assignment is None or assignment_service.answers_visible(assignment, attempt, now())
    return _result(attempt_service.StoredQuiz(attempt), attempt=attempt, show_answers=visible, assignment=assignment,
                   times_up=True)


@bp.get("/attempts/<int:attempt_id>/time-up")
@login_required
def times_up(attempt_id: int):
    """Where the countdown goes at zero. Before the deadline it is the attempt; after a normal finish, the
    result."""
    attempt = _own_attempt(attempt_id)
    _close_if_overdue(attempt)
    if not attempt.is_finished:
        return redirect(url_for("play.attempt", attempt_id=attempt.id))
    if not attempt_service.ended_by_time(attempt):
        return redirect(url_for("play.result", attempt_id=attempt.id))
    return _times_up_page(attempt)


@bp.post("/attempts/<int:attempt_id>/finish")
@begins_its_own_write  # open_attempt locks the attempt
@login_required
def finish(attempt_id: int):
    """Stop early: unanswered questions count zero."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    store = answering.open_attempt(attempt_id, current_user.id)
    if store is None:
        abort(404)
    if store.attempt.kind == "live":  # the lesson ends it, for everyone at once
        db.session.rollback()
        return _to_live_lesson(attempt_id)
    if store.withdrawn:
        db.session.rollback()
        return _refused(AnswerRefused("withdrawn"), "")
    answering.finish_now(store, now())
    db.session.commit()
    return redirect(url_for("play.result", attempt_id=attempt_id))


# -- session quiz (no account) -------------------------------------------------------------------------


def _session_quiz() -> SessionQuiz:
    quiz = SessionQuiz.load(session, get_chronology, current_app.config["SECRET_KEY"])
    if quiz is None:
        abort(404)
    return quiz


_SESSION_URLS = {"base_url": "play.session_quiz", "answer_url": "play.session_answer",
                 "result_url": "play.session_result", "finish_url": "play.session_finish"}


def _session_urls() -> dict[str, str]:
    return {name: url_for(endpoint) for name, endpoint in _SESSION_URLS.items()}


@bp.get("/practice/quiz")
def session_quiz():
    return _show(_session_quiz(), **_session_urls())


@bp.post("/practice/quiz/answer")
def session_answer():
    quiz = _session_quiz()
    return _answer(quiz, urls=_session_urls(), policy=lambda: {"feedback_allowed": True, "seconds_left": None},
                   keep=lambda: quiz.save(session), keep_refused=False)


@bp.post("/practice/quiz/finish")
def session_finish():
    """Stop early: unanswered questions count zero."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    quiz = _session_quiz()
    quiz.finish(now())
    quiz.save(session)
    return redirect(url_for("play.session_result"))


@bp.get("/practice/quiz/result")
def session_result():
    quiz = _session_quiz()
    if attempt_service.next_unanswered(quiz) is not None and not quiz.finished:
        return redirect(url_for("play.session_quiz"))
    return _result(quiz)


# -- history, progress, review -------------------------------------------------------------------------


@bp.get("/history")
@login_required
def history():
    return render_template("play/history.html", attempts=attempt_service.attempts_of(current_user.id))


@bp.get("/progress")
@login_required
def progress():
    chronology = get_chronology(_slug())
    report = progress_service.progress_report(current_user.id, chronology)
    return render_template("play/progress.html", report=report, chronology=chronology)


@bp.route("/review", methods=["GET", "POST"])
@login_required
def review():
    chronology = get_chronology(_slug())
    moment = now()
    due = review_service.due_cards(current_user.id, _slug(), moment)
    form = StartForm()
    if form.validate_on_submit() and due:
        attempt = review_service.start_review(current_user, chronology, _slug(), due, secrets.randbelow(2**31),
                                              moment, start_key=form.token())
        if attempt is None:
            db.session.commit()  # the cards of questions no attempt keeps any more were dropped
            abort(409, description="no question can be made for the due cards")
        db.session.commit()
        return redirect(url_for("play.attempt", attempt_id=attempt.id))
    return render_template("play/review.html", due=due, form=form, chronology=chronology,
                           next_due=review_service.next_due(current_user.id, _slug()))
