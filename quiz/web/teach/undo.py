"""Confirm, then undo: the confirmation page every destructive action shows first, the flash message with an
Undo button it leaves after, and the one route that undoes (quiz.services.undo)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...clock import now
from ...extensions import db
from ...models.undo import UndoRecord
from ...services import undo as undo_service
from . import bp
from .forms import ConfirmForm, require_button
from .loaders import load_undo

UNDO_MINUTES = int(undo_service.UNDO_WINDOW.total_seconds() // 60)


def confirm_page(heading: str, losses: list[str], button: str, cancel_url: str, expected: str = ""):
    """The GET half of a destructive action: what will be lost, a POST form to the same address, a way back.
    Works without JavaScript."""
    form = ConfirmForm(expected=expected)
    return render_template("teach/confirm.html", heading=heading, losses=losses, button=button,
                           cancel_url=cancel_url, form=form, undo_minutes=UNDO_MINUTES)


def confirmed_state() -> str:
    """The POST half: the confirmation's CSRF check (400 if it fails); returns what the page showed ("" when
    the form did not say, e.g. a request built by hand)."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        require_button()  # aborts with the same 400 as every POST-only button
    return form.expected.data or ""


def record_and_flash(kind: str, payload: dict[str, Any], message: str) -> None:
    """After an action: keep what the undo needs, and say what happened with an Undo button (base.html renders
    a flash whose category is "undo:<id>:<minutes>" as a message with a POST form)."""
    record = undo_service.record_undo(current_user, kind, payload, now())
    flash(message, f"undo:{record.id}:{UNDO_MINUTES}")


def _back_to(record: UndoRecord, restored: bool) -> str:
    payload = record.payload
    if record.kind == "delete_question" or record.kind == "delete_set" and restored:
        return url_for("teach.set_page", set_id=payload["set_id"])
    if record.kind == "delete_set":
        return url_for("teach.sets")
    if record.kind == "delete_assignment" and restored:
        return url_for("teach.assignment_results", assignment_id=payload["assignment_id"])
    return url_for("teach.class_page", class_id=payload["class_id"])


@bp.post("/undo/<int:undo_id>")
def undo(undo_id: int):
    record = load_undo(undo_id)
    require_button()
    try:
        undo_service.apply_undo(record, now())
    except undo_service.UndoError as error:
        db.session.rollback()
        flash(_undo_messages().get(str(error), str(error)), "error")
        return redirect(_back_to(record, restored=False))
    db.session.commit()
    flash(_("Undone: everything is as it was before."), "success")
    return redirect(_back_to(record, restored=True))


def _undo_messages() -> dict[str, str]:
    return {
        "used": _("This was already undone."),
        "expired": _("Too late to undo: undo is possible for %(minutes)s minutes after the action.",
                     minutes=UNDO_MINUTES),
        "gone": _("Nothing to undo: what it would restore no longer exists."),
        "name_taken": _("Cannot undo: a new student in the class has this student's name now."),
        "code_taken": _("Cannot undo: another class has the old code now. The class keeps its new code."),
        "invalid": _("Cannot undo: the set has changed so that the question no longer fits it. Write it again."),
    }
