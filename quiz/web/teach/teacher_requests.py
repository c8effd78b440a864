"""Learners' requests for teacher access: the list for every teacher, and approve or decline (one decision per
request, whoever of the school's teachers makes it first)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...clock import now
from ...extensions import db
from ...services import teacher_access as service
from ...services.accounts import AccountError
from ..access import forget_signed_in
from ..forms import EmptyForm
from . import bp
from .forms import require_button


@bp.get("/requests")
def teacher_requests():
    return render_template("teach/teacher_requests.html", pending=service.pending_requests(),
                           decided=service.recent_decisions(), form=EmptyForm())


def _decide(request_id: int, approve: bool):
    require_button()
    try:
        decided = service.decide_request(request_id, current_user.id, approve, now())
    except AccountError:  # decided a moment ago by a colleague, or by this teacher's own double click
        flash(_("This request was already answered; nothing was changed."), "info")
        return redirect(url_for("teach.teacher_requests"))
    if decided is None:
        abort(404)
    db.session.commit()
    if approve:
        forget_signed_in(decided.user_id)  # the new teacher's next request here sees the role at once
    name = decided.user.display_name
    flash(_("%(name)s is now a teacher.", name=name) if approve
          else _("The request of %(name)s was declined.", name=name), "success")
    return redirect(url_for("teach.teacher_requests"))


@bp.post("/requests/<int:request_id>/approve")
def approve_request(request_id: int):
    return _decide(request_id, approve=True)


@bp.post("/requests/<int:request_id>/decline")
def decline_request(request_id: int):
    return _decide(request_id, approve=False)
