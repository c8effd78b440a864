"""Students join a class with its code and a name (no e-mail), and come back with their personal code."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from ..clock import now
from ..extensions import db
from ..services import assignments as assignment_service
from ..services import classes as class_service
from ..services import live as live_service
from . import guard
from .access import account_row
from .forms import EmptyForm, JoinForm, ResumeForm
from .prefs import _safe_next

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
            login_user(membership.user, remember=True)
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
            login_user(membership.user, remember=True)
            # ?next=: where the student was going (a live lesson's page sends its class students here first).
            return redirect(_safe_next(request.args.get("next")))
    return render_template("join/resume.html", form=form), 422 if form.errors else 200


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
    try:
        attempt = assignment_service.start_attempt(current_user, assignment, now())
    except assignment_service.AssignmentError as error:
        db.session.commit()
        messages = {
            "not_open": _("This assignment is not open yet."),
            "closed": _("This assignment is closed."),
            "no_attempts_left": _("You have used all your attempts."),
            "not_member": _("You are not in this class."),
        }
        flash(messages.get(str(error), str(error)), "error")
        return redirect(url_for("learn.home"))
    db.session.commit()
    return redirect(url_for("play.attempt", attempt_id=attempt.id))
