"""Accommodations: a teacher sets or clears a student's, in the class (every assignment of it) or for one
assignment (over the class's; this is also how one student's close date is extended)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from ...clock import now
from ...extensions import db
from ...i18n import digits, from_school_time, to_school_time
from ...models import Assignment, Membership
from ...scoring import accommodations as rules
from ...scoring.accommodations import Accommodation
from ...services import accommodations as accommodation_service
from . import bp
from .forms import AccommodationForm
from .loaders import load_assignment, load_class, load_membership


def accommodation_form(membership: Membership, current: Accommodation | None, *,
                       for_assignment: bool) -> AccommodationForm:
    """The form of one student's row, filled with what is set (a prefix per student: a page has one each)."""
    data: dict = {}
    if current is not None:
        data = dict(extra_minutes=current.extra_minutes, extra_attempts=current.extra_attempts,
                    max_options=current.max_options, read_aloud=bool(current.read_aloud),
                    read_aloud_here=_READ_ALOUD_CHOICE[current.read_aloud],
                    time_multiplier=(Decimal(f"{current.time_multiplier:g}")
                                     if current.time_multiplier is not None else None),
                    closes_at=(to_school_time(current.closes_at).replace(tzinfo=None)
                               if current.closes_at is not None else None))
    form = AccommodationForm(prefix=f"acc{membership.id}", formdata=None, data=data)
    _fields_for(form, for_assignment=for_assignment)
    return form


_READ_ALOUD_CHOICE = {None: "", True: "on", False: "off"}


def _fields_for(form: AccommodationForm, *, for_assignment: bool) -> None:
    if for_assignment:
        del form.read_aloud
    else:
        del form.closes_at  # a later close is for one assignment: a class's assignments each close differently
        del form.read_aloud_here


def class_forms(memberships: list[Membership], current: dict[int, accommodation_service.StudentAccommodations],
                *, for_assignment: bool) -> dict[int, AccommodationForm]:
    """One form per student (by membership id)."""
    def set_for(m: Membership) -> Accommodation | None:
        found = current.get(m.user_id)
        return None if found is None else (found.for_assignment if for_assignment else found.in_class)
    return {m.id: accommodation_form(m, set_for(m), for_assignment=for_assignment) for m in memberships}


def _error_message(code: str) -> str:
    messages = {
        "multiplier": lambda: _("The time multiplier must be between %(low)s and %(high)s (1.5 gives half as much "
                                "time again).", low=f"{rules.MIN_MULTIPLIER:g}", high=f"{rules.MAX_MULTIPLIER:g}"),
        "extra_minutes": lambda: _("Extra minutes must be between 0 and %(high)s.", high=rules.MAX_EXTRA_MINUTES),
        "extra_attempts": lambda: _("Extra attempts must be between 0 and %(high)s.", high=rules.MAX_EXTRA_ATTEMPTS),
        "max_options": lambda: _("A multiple-choice question keeps between %(low)s and %(high)s options (the right "
                                 "one and at least one other).", low=rules.MIN_OPTIONS, high=rules.MAX_OPTIONS),
        "closes_at": lambda: _("The later close date must come after the assignment's own closing time."),
    }
    return digits(messages[code]())


def _values(form: AccommodationForm) -> Accommodation:
    closes_at: dt.datetime | None = None
    if getattr(form, "closes_at", None) is not None and form.closes_at.data is not None:
        closes_at = from_school_time(form.closes_at.data)
    multiplier = form.time_multiplier.data
    if getattr(form, "read_aloud_here", None) is not None:
        read_aloud = {"on": True, "off": False}.get(form.read_aloud_here.data or "")
    else:
        read_aloud = True if form.read_aloud.data else None
    return Accommodation(time_multiplier=float(multiplier) if multiplier is not None else None,
                         extra_minutes=form.extra_minutes.data, extra_attempts=form.extra_attempts.data,
                         closes_at=closes_at, max_options=form.max_options.data, read_aloud=read_aloud)


def _save(membership: Membership, assignment: Assignment | None, back: str):
    """Save the posted form (or clear, with the "clear" button); a bad value changes nothing and says why."""
    form = AccommodationForm(prefix=f"acc{membership.id}")
    _fields_for(form, for_assignment=assignment is not None)
    if not form.validate_on_submit():
        db.session.rollback()
        errors = [f"{getattr(form, name).label.text}: {' '.join(errs)}" for name, errs in form.errors.items()
                  if name != "csrf_token"]
        flash(" ".join(errors) or _("The form expired. Please send it again."), "error")
        return redirect(back)
    values = Accommodation() if request.form.get("clear") else _values(form)
    try:
        accommodation_service.save(membership, assignment, values, now())
    except rules.AccommodationError as error:
        db.session.rollback()
        flash(_error_message(str(error)), "error")
        return redirect(back)
    db.session.commit()
    name = membership.user.display_name
    flash(_("Accommodations cleared for %(name)s.", name=name) if values.is_empty
          else _("Accommodations saved for %(name)s.", name=name), "success")
    return redirect(back)


@bp.post("/classes/<int:class_id>/students/<int:membership_id>/accommodations")
def class_accommodation(class_id: int, membership_id: int):
    classroom = load_class(class_id)
    membership = load_membership(classroom, membership_id)
    return _save(membership, None,
                 url_for("teach.class_page", class_id=classroom.id, _anchor=f"student-{membership.id}"))


@bp.post("/assignments/<int:assignment_id>/students/<int:membership_id>/accommodations")
def assignment_accommodation(assignment_id: int, membership_id: int):
    assignment = load_assignment(assignment_id)
    membership = load_membership(assignment.classroom, membership_id)
    return _save(membership, assignment, url_for("teach.assignment_results", assignment_id=assignment.id,
                                                 _anchor=f"student-{membership.id}"))
