"""Regrading an assignment after its set was fixed: the preview (a dry run) and applying it.

The notices that offer a regrade (on the set's page and the assignment's results) and the note students see on
their result and history pages are small template includes that ask for what they show through the template
globals below, so that the pages' own views and templates stay as they are (several people change them).
"""

from __future__ import annotations

from typing import Iterable

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField

from ...clock import now
from ...extensions import db
from ...models import Assignment, QuestionSet
from ...services import regrades as regrade_service
from . import bp
from .loaders import load_assignment


class RegradeForm(FlaskForm):
    """The versions the teacher previewed: applying regrades exactly from the one to the other, or nothing."""

    from_version = HiddenField(_l("Version regraded"))
    to_version = HiddenField(_l("Version to regrade against"))

    def versions(self) -> tuple[int, int] | None:
        try:
            return int(self.from_version.data), int(self.to_version.data)
        except (TypeError, ValueError):
            return None


def _preview(assignment: Assignment, form: RegradeForm, *, refused: bool = False, status: int = 200):
    newer = regrade_service.newer_version(assignment)
    plan = (regrade_service.plan_regrade(assignment, newer, current_app.config["SECRET_KEY"])
            if newer is not None else None)
    if plan is not None:
        form.from_version.data = str(plan.from_version.id)
        form.to_version.data = str(plan.to_version.id)
    return render_template("teach/regrade.html", assignment=assignment, plan=plan, form=form, refused=refused,
                           regrades=regrade_service.regrades_of(assignment.id)), status


@bp.get("/assignments/<int:assignment_id>/regrade")
def regrade(assignment_id: int):
    """The dry run: whose scores the newest version of the set would change, per question, and what it cannot
    grade. Nothing is changed."""
    return _preview(load_assignment(assignment_id), RegradeForm(formdata=None))


@bp.post("/assignments/<int:assignment_id>/regrade")
def apply_regrade(assignment_id: int):
    assignment = load_assignment(assignment_id)
    form = RegradeForm()
    versions = form.versions() if form.validate_on_submit() else None
    if versions is None:
        return _preview(assignment, form, status=400)
    try:
        done = regrade_service.apply_regrade(assignment.id, current_user, *versions, now(),
                                             current_app.config["SECRET_KEY"])
    except regrade_service.RegradeRefused as refusal:
        db.session.rollback()
        if refusal.code == "stale":
            flash(_("The set or the assignment changed since this preview. Here is the preview again; nothing "
                    "was changed."), "error")
            return redirect(url_for("teach.regrade", assignment_id=assignment_id))
        return _preview(assignment, RegradeForm(formdata=None), refused=True, status=409)
    db.session.commit()
    if done is None:
        flash(_("This regrade was already applied; nothing was changed again."), "info")
    else:
        flash(_("The assignment was regraded. Students see their new scores and a note."), "success")
    return redirect(url_for("teach.assignment_results", assignment_id=assignment_id))


# -- what the includes ask for ----------------------------------------------------------------------------


@bp.app_template_global()
def regrade_offers(question_set: QuestionSet) -> list[Assignment]:
    """The current teacher's assignments on an older version of this set (teach/_regrade_notice.html)."""
    if not current_user.is_authenticated:
        return []
    return regrade_service.assignments_behind(question_set.id, current_user.id)


@bp.app_template_global()
def regrade_record(assignment: Assignment) -> dict:
    """What the assignment's results say about regrading: a newer version to regrade against, and the past
    regrades (teach/_regrade_status.html)."""
    return {"newer": regrade_service.newer_version(assignment),
            "regrades": regrade_service.regrades_of(assignment.id)}


@bp.app_template_global()
def regrade_notes(attempt_ids: Iterable[int]) -> dict[int, list[regrade_service.RegradeNote]]:
    """The regrade notes of a student's attempts (play/_regrade_note.html), by attempt id."""
    return regrade_service.notes_for(attempt_ids)
