"""Sign up, log in, log out, and teacher invitations."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..clock import now as _now
from ..extensions import db
from ..services import accounts
from . import guard
from .access import teacher_required
from .forms import EmptyForm, LoginForm, SignupForm
from .prefs import _safe_next
from .public_url import external_url

bp = Blueprint("auth", __name__)


def signup_error(form: SignupForm, error: accounts.AccountError) -> None:
    if str(error) == "taken":
        form.username.errors.append(_("This user name is taken."))
    else:
        form.username.errors.append(_("3 to 40 letters, digits, dots, dashes or underscores."))


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("learn.home"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(form.username.data, form.password.data, form.display_name.data)
        except accounts.AccountError as error:
            signup_error(form, error)
        else:
            db.session.commit()
            login_user(user)
            flash(_("Welcome, %(name)s. Your practice and scores are now saved.", name=user.display_name), "success")
            return redirect(url_for("learn.home"))
    return render_template("auth/signup.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("learn.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        blocked = guard.refused("login", account=form.username.data)
        if blocked is not None:
            return blocked
        user = accounts.authenticate(form.username.data, form.password.data)
        if user is not None:
            guard.succeeded("login", account=form.username.data)
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(form.next.data))
        guard.failed("login", account=form.username.data)
        form.password.errors.append(_("The user name or the password is wrong."))
    return render_template("auth/login.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
def logout():
    if not EmptyForm().validate_on_submit():
        abort(400)
    logout_user()
    return redirect(url_for("learn.home"))


@bp.get("/account")
@login_required
def account():
    return render_template("auth/account.html", form=EmptyForm())


@bp.post("/account/invitations")
@teacher_required
def invite():
    if not EmptyForm().validate_on_submit():
        abort(400)
    invitation = accounts.invite_teacher(current_user, _now())
    db.session.commit()
    link = external_url("auth.accept_invitation", token=invitation.token)  # sent to a colleague elsewhere
    return render_template("auth/invitation.html", link=link, expires_at=invitation.expires_at)


def _invitation_used():
    """A used invitation says so (409 to a form sent too late, 410 to the link opened again), rather than
    a bare 404: whoever sent it in a double click, or a moment after a colleague, needs to know why."""
    return render_template("auth/invitation_used.html"), 409 if request.method == "POST" else 410


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    blocked = guard.refused("invitation")
    if blocked is not None:
        return blocked
    status = accounts.invitation_status(token, _now())
    if status is None:
        guard.failed("invitation")  # someone trying links until one works
        abort(404)
    if status == "used":
        return _invitation_used()
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = accounts.accept_invitation(token, form.username.data, form.password.data,
                                              form.display_name.data, _now())
        except accounts.AccountError as error:
            if str(error) == "invitation":  # another request used it a moment ago (or a double click)
                return _invitation_used()
            signup_error(form, error)
        else:
            db.session.commit()
            logout_user()
            login_user(user)
            flash(_("Your teacher account is ready."), "success")
            return redirect(url_for("learn.home"))
    return render_template("auth/signup.html", form=form, invitation=True), 422 if form.errors else 200


# The pages about becoming a teacher attach their views to bp; imported last, as they import bp from here.
from . import teacher_access  # noqa: E402, F401
