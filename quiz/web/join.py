"""Students join a class with its code and a name (no e-mail), and come back with their personal code."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..clock import now
from ..extensions import db
from ..services import assignments as assignment_service
from ..services import classes as class_service
from ..services import live as live_service
from ..services.transactions import keep_lazy_changes
from . import guard
from .access import account_row
from .forms import EmptyForm, JoinForm, ResumeForm
from .prefs import _safe_next
from .sessions import start_session

bp = Blueprint("join", __name__)

_JOIN_ERRORS = {
    "code": lambda: _("No open class has this code. Check it with your teacher."),
    "name": lambda: _("Please write your name."),
    "teacher": lambda: _("Teachers cannot join a class as students."),
    # Another join got in the way and then went away (a student removed at that moment): rare, harmless.
    "busy": lambda: _("The class was busy. Please send the form again."),
}


def _name_taken(form: JoinForm) -> None:
    form.display_name.errors.append(_(
        "A student called %(name)s has already joined this class. If that is you, continue with your personal "
        "code; otherwise add your family name or an initial.", name=form.display_name.data.strip()))


@bp.route("/join", methods=["GET", "POST"])
@bp.route("/join/<code>", methods=["GET"])
def join(code: str | None = None):
    form = JoinForm(code=code) if request.method == "GET" else JoinForm()
    if current_user.is_authenticated and not current_user.is_teacher:
        form.display_name.data = form.display_name.data or current_user.display_name
    if form.validate_on_submit():
        blocked = guard.refused("join")
        if blocked is not None:
            return blocked
        try:
            membership, resume_code = class_service.join_class(
                form.code.data, form.display_name.data, now(),
                user=account_row() if current_user.is_authenticated else None,
                join_token=form.join_token.data or None)
        except class_service.ClassError as error:
            if str(error) == "name_taken":
                _name_taken(form)
            else:
                if str(error) == "code":
                    guard.failed("join")
                form.code.errors.append(_JOIN_ERRORS[str(error)]())
        else:
            db.session.commit()
            start_session(membership.user, remember=True)
            if resume_code is None:
                flash(_("You are in the class %(name)s.", name=membership.classroom.name), "success")
                return redirect(url_for("learn.home"))
            return render_template("join/welcome.html", membership=membership, resume_code=resume_code)
    if not form.join_token.data or form.join_token.errors:
        # Kept when the form comes back with an error: correcting it and sending it again is the same join.
        form.join_token.data = secrets.token_urlsafe(24)
    return render_template("join/join.html", form=form), 422 if form.errors else 200


@bp.route("/resume", methods=["GET", "POST"])
def resume():
    form = ResumeForm()
    if form.validate_on_submit():
        blocked = guard.refused("resume")
        if blocked is not None:
            return blocked
        membership = class_service.resume(form.code.data)
        if membership is None:
            guard.failed("resume")
            form.code.errors.append(_("This code is not known. Ask your teacher for a new one."))
        else:
            start_session(membership.user, remember=True)
            # ?next=: where the student was going (a live lesson's page sends its class students here first).
            return redirect(_safe_next(request.args.get("next")))
    return render_template("join/resume.html", form=form), 422 if form.errors else 200


# Why an assignment cannot be started (assignment_service.AssignmentError), for the start button and the start page.
_START_REFUSED = {
    "not_open": lambda: _("This assignment is not open yet."),
    "closed": lambda: _("This assignment is closed."),
    "no_attempts_left": lambda: _("You have used all your attempts."),
    "not_member": lambda: _("You are not in this class."),
}


@bp.post("/assignments/<int:assignment_id>/start")
def start_assignment(assignment_id: int):
    if not current_user.is_authenticated:
        return redirect(url_for("join.resume"))
    if not EmptyForm().validate_on_submit():
        abort(400)
    assignment = assignment_service.assignment_for_student(assignment_id, current_user.id)
    if assignment is None:
        abort(404)
    if assignment.live:  # answered in its live lesson, with the class, never alone
        code = live_service.codes_of_assignments([assignment.id]).get(assignment.id)
        return redirect(url_for("live.enter", code=code) if code else url_for("learn.home"))
    pressed = _started_from_start_page(assignment)
    if pressed is not None:
        return pressed
    try:
        attempt = assignment_service.start_attempt(current_user, assignment, now())
    except assignment_service.AssignmentError as error:
        db.session.commit()
        message = _START_REFUSED.get(str(error))
        flash(message() if message else str(error), "error")
        return redirect(url_for("learn.home"))
    db.session.commit()
    return redirect(url_for("play.attempt", attempt_id=attempt.id))


# -- the start page of a timed assignment ------------------------------------------------------------------


def _started_from_start_page(assignment):
    """For a timed assignment, the answer to a Start that did not come from its start page (the page first: its
    clock starts only once the student has read the rules), or that page's attempt when it was already started
    (a double click, a second tab). None: go on and start."""
    number = request.form.get("attempt_number", type=int)
    if number is None:
        if assignment_service.needs_start_page(assignment):
            return redirect(url_for("join.start_page", assignment_id=assignment.id), 303)
        return None
    earlier = assignment_service.numbered_attempt(assignment, current_user.id, number)
    if earlier is None:
        return None
    return redirect(url_for("play.attempt", attempt_id=earlier.id))


@bp.get("/assignments/<int:assignment_id>/start")
def start_page(assignment_id: int):
    """What a timed assignment asks before its clock starts: the time, the questions, the attempts left and
    the closing time; then Start (POST). An attempt in progress is continued instead."""
    if not current_user.is_authenticated:
        return redirect(url_for("join.resume", next=request.path))
    assignment = assignment_service.assignment_for_student(assignment_id, current_user.id)
    if assignment is None:
        abort(404)
    if assignment.live:
        return redirect(url_for("learn.home"))
    facts = assignment_service.start_page(assignment, current_user.id, now())
    keep_lazy_changes()  # an attempt whose time ran out was closed while reading
    if facts.in_progress is not None:
        return redirect(url_for("play.attempt", attempt_id=facts.in_progress.id))
    return render_template("join/start.html", facts=facts, form=EmptyForm(),
                           blocked=_START_REFUSED[facts.blocked]() if facts.blocked else None)
