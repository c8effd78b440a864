"""Becoming a teacher, on the auth blueprint: the page that explains how, the one-time setup page that makes a
fresh install's first teacher, a learner's request for teacher access, and the page a non-teacher gets on a
teacher's page (access.teacher_required). Teachers decide requests under /teach/requests (teach.teacher_requests).
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from ..clock import now
from ..extensions import db
from ..services import teacher_access as service
from ..services.accounts import AccountError
from .access import account_row
from .auth import bp, signup_error
from .forms import SetupForm, TeacherAccessForm
from .sessions import start_session


@bp.get("/become-a-teacher")
def become_teacher():
    return render_template("auth/become_teacher.html", setup_open=service.setup_open())


def _setup_done(status: int):
    service.discard_setup_token(service.setup_token_path())
    return render_template("auth/setup_done.html"), status


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """The first teacher, from whoever holds the setup token; once any teacher exists, a page that says setup is
    done (404 to a visit, 409 to a form sent too late), and the token is gone."""
    if not service.setup_open():
        return _setup_done(409 if request.method == "POST" else 404)
    path = service.setup_token_path()
    service.announce_setup_token(path)
    form = SetupForm()
    if form.validate_on_submit():
        if not service.setup_token_matches(path, form.setup_token.data):
            form.setup_token.errors.append(_("This is not the setup token. Copy it from the server's console or "
                                             "from the file named there."))
        else:
            try:
                user = service.create_first_teacher(form.username.data, form.password.data,
                                                    form.display_name.data, now())
            except AccountError as error:
                if str(error) == "setup done":  # another form got there first, or a double click
                    return _setup_done(409)
                signup_error(form, error)
            else:
                db.session.commit()
                service.discard_setup_token(path)
                start_session(user)
                flash(_("Your teacher account is ready. Invite colleagues from your account page."), "success")
                return redirect(url_for("teach.dashboard"))
    return render_template("auth/setup.html", form=form), 422 if form.errors else 200


@bp.route("/account/teacher-access", methods=["GET", "POST"])
@login_required
def teacher_access():
    user = account_row()
    form = TeacherAccessForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            changed = service.request_teacher_access(user, form.message.data or "", now())[1]
        except AccountError:  # a teacher, or a student of a class: the page explains, nothing is stored
            db.session.rollback()
            flash(_("Nothing was sent: this account cannot ask for teacher access."), "error")
        else:
            db.session.commit()
            flash(_("Your request was sent. A teacher of this school will answer it.") if changed
                  else _("Your request is already waiting for a teacher's answer; nothing was changed."),
                  "success" if changed else "info")
        return redirect(url_for("auth.teacher_access"))
    return render_template("auth/teacher_access.html", form=form, request_=service.request_of(user.id),
                           student=service.joined_with_a_code(user)), 422 if form.errors else 200


def teachers_only_response() -> Response:
    """The page a signed-in learner or student gets on a teacher's page (403): what the pages are, and how to
    get access: the request form for an account that can ask, "ask your teacher" for a class's student."""
    user = account_row()
    html = render_template("auth/teachers_only.html", student=service.joined_with_a_code(user),
                           request_=service.request_of(user.id), form=TeacherAccessForm())
    return current_app.make_response((html, 403))
