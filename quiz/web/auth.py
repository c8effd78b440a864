"""Sign up, log in, log out, and teacher invitations."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..clock import now as _now
from ..extensions import db
from ..services import accounts
from . import guard
from .access import account_row, forget_signed_in, teacher_required
from .forms import EmptyForm, LoginForm, PasswordChangeForm, SignupForm
from .prefs import _safe_next
from .public_url import external_url
from .sessions import end_this_session, keeps_remember_cookie, leave_this_device, start_session

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
            start_session(user)
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
            start_session(user, remember=form.remember.data)
            return redirect(_safe_next(form.next.data))
        guard.failed("login", account=form.username.data)
        form.password.errors.append(_("The user name or the password is wrong."))
    return render_template("auth/login.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
def logout():
    if not EmptyForm().validate_on_submit():
        abort(400)
    end_this_session()
    return redirect(url_for("learn.home"))


def _account_page(password_form: PasswordChangeForm | None = None, status: int = 200):
    if password_form is None and accounts.has_password(account_row()):
        password_form = PasswordChangeForm()
    return render_template("auth/account.html", form=EmptyForm(), password_form=password_form), status


@bp.get("/account")
@login_required
def account():
    return _account_page()


@bp.post("/account/logout-everywhere")
@login_required
def logout_everywhere():
    """Every device logged in as this account is logged out, this one included (a lost phone, a shared
    computer someone forgot to log out of)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    user_id = current_user.id
    accounts.end_sessions(user_id)
    db.session.commit()
    forget_signed_in(user_id)
    leave_this_device()
    flash(_("You are logged out on every device."), "success")
    return redirect(url_for("auth.login"))


@bp.post("/account/password")
@login_required
def change_password():
    """A new password logs out every other device (whoever knew the old one); this one stays logged in."""
    user = account_row()
    if not accounts.has_password(user):
        abort(404)  # students who joined with a code have no password to change
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(user, form.current.data, form.password.data)
        except accounts.AccountError as error:
            if str(error) == "current":
                form.current.errors.append(_("This is not your current password."))
            else:
                form.password.errors.append(_("8 to 200 characters."))
        else:
            db.session.commit()
            forget_signed_in(user.id)
            start_session(user, remember=keeps_remember_cookie())
            flash(_("Your password was changed. Other devices are logged out."), "success")
            return redirect(url_for("auth.account"))
    return _account_page(form, 422)


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
            start_session(user)
            flash(_("Your teacher account is ready."), "success")
            return redirect(url_for("learn.home"))
    return render_template("auth/signup.html", form=form, invitation=True), 422 if form.errors else 200


# The pages about becoming a teacher attach their views to bp; imported last, as they import bp from here.
from . import teacher_access  # noqa: E402, F401
