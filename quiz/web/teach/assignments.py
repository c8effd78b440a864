"""Assignments: a set given to a class for a window of time, its results, one student's attempt, and the
results as CSV or Excel."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...clock import as_utc, now
from ...extensions import db
from ...i18n import current_prefs, digits, format_datetime, from_school_time, to_school_time
from ...services import accommodations as accommodation_service
from ...services import assignments as assignment_service
from ...services import question_sets as set_service
from ...services import results as results_service
from ...services.attempts import StoredQuiz, total_score
from ...services.transactions import keep_lazy_changes
from ..forms import GRADING_METHOD_LABELS, EmptyForm, options
from . import bp
from .accommodations import class_forms
from .forms import AssignmentForm, AssignmentRulesForm, ClosingTimeForm, require_button
from .loaders import load_assignment, load_attempt, load_class, load_set
from .undo import confirm_page, confirmed_state, record_and_flash


@bp.route("/classes/<int:class_id>/assignments/new", methods=["GET", "POST"])
def new_assignment(class_id: int):
    classroom = load_class(class_id)
    visible = [s for s in set_service.visible_sets(current_user.id)
               if set_service.content_of(s.latest).questions]
    form = AssignmentForm()
    form.question_set.choices = options((s.id, s.latest.title) for s in visible)
    if request.method == "GET":
        start = to_school_time(now()).replace(second=0, microsecond=0, tzinfo=None)
        form.opens_at.data = start
        form.closes_at.data = start.replace(hour=23, minute=59)
        if request.args.get("set", type=int) in {s.id for s in visible}:
            form.question_set.data = str(request.args.get("set", type=int))
    if form.validate_on_submit():
        question_set = load_set(int(form.question_set.data), write=False)
        settings = assignment_service.AssignmentSettings(
            title=form.title.data, opens_at=from_school_time(form.opens_at.data),
            closes_at=from_school_time(form.closes_at.data), time_limit_minutes=form.time_limit_minutes.data,
            max_attempts=form.max_attempts.data, shuffle_questions=form.shuffle_questions.data,
            shuffle_options=form.shuffle_options.data, grading_type=form.grading_type.data,
            show_answers=form.show_answers.data, grading_method=form.grading_method.data)
        assignment = assignment_service.create_assignment(classroom, question_set.latest, settings, now())
        db.session.commit()
        return redirect(url_for("teach.assignment_results", assignment_id=assignment.id))
    status = 422 if form.errors else 200
    return render_template("teach/assignment_form.html", classroom=classroom, form=form, has_sets=bool(visible)), status


def _result_labels() -> dict[str, str]:
    return {
        "student": _("Student"), "status": _("Status"), "attempts": _("Attempts"),
        "time": _("Time (seconds)"), "not_started": _("not started"), "in_progress": _("in progress"),
        "finished": _("finished"), "sheet": _("Results"), "items_sheet": _("Questions"), "question": _("Question"),
        "facility": _("Facility index"), "discrimination": _("Discrimination index"),
        "score": _("Score (%%) by %(method)s"), "removed": _("removed from the class"),
        "answers_sheet": _("Answers"), "question_number": _("Question number"), "answer": _("Answer given"),
        "points": _("Score (fraction of the mark)"),
        **{f"method_{key}": str(label).lower() for key, label in GRADING_METHOD_LABELS.items()},
    }


@bp.get("/assignments/<int:assignment_id>")
def assignment_results(assignment_id: int):
    assignment = load_assignment(assignment_id)
    results = results_service.assignment_results(assignment, now())
    keep_lazy_changes()  # attempts past their deadline were closed while reading
    accommodations = accommodation_service.of_assignment(assignment)
    forms = class_forms(assignment.classroom.memberships, accommodations, for_assignment=True)
    return render_template("teach/results.html", assignment=assignment, results=results,
                           accommodations=accommodations, accommodation_forms=forms,
                           method_label=GRADING_METHOD_LABELS[assignment.grading_method],
                           is_open=assignment_service.is_open(assignment, now()),
                           closing_form=_closing_form(assignment), form=EmptyForm())


def _closing_form(assignment) -> ClosingTimeForm:
    """Extend or reopen: proposes the current closing time a day later (or a day from now, if that is later)."""
    closes: dt.datetime = as_utc(assignment.closes_at)  # type: ignore[assignment]
    proposed = max(closes, now()) + dt.timedelta(days=1)
    return ClosingTimeForm(formdata=None, closes_at=_local(proposed))


def _error_message(error: assignment_service.AssignmentError) -> str:
    """A refused change, in the teacher's language (each message formatted only when it is the one)."""
    values = {key: digits(value) for key, value in error.values.items()}
    messages = {
        "window": lambda: _("The closing time must come after the opening time."),
        "time_limit": lambda: _("The time limit must be between %(low)s and %(high)s minutes.", **values),
        "attempts": lambda: _("Attempts allowed must be between %(low)s and %(high)s.", **values),
        "attempts_used": lambda: _("A student has already made %(used)s attempts: the limit cannot go below "
                                   "that.", **values),
        "close_in_past": lambda: _("The new closing time must be in the future."),
        "close_earlier": lambda: _("To close earlier, edit the assignment; extending needs a later closing time."),
    }
    return messages[str(error)]() if str(error) in messages else str(error)


@bp.route("/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
def edit_assignment(assignment_id: int):
    """Change the rules while the assignment runs; running attempts keep their time or get more."""
    assignment = _changeable(assignment_id)
    form = AssignmentRulesForm(obj=None if request.method == "POST" else _as_form_data(assignment))
    problem = None
    if form.validate_on_submit():
        changes = assignment_service.AssignmentChanges(
            title=form.title.data, opens_at=from_school_time(form.opens_at.data),
            closes_at=from_school_time(form.closes_at.data), time_limit_minutes=form.time_limit_minutes.data,
            max_attempts=form.max_attempts.data, show_answers=form.show_answers.data,
            grading_method=form.grading_method.data)
        try:
            assignment_service.update_assignment(assignment, changes, now())
        except assignment_service.AssignmentError as error:
            db.session.rollback()
            problem = _error_message(error)
        else:
            db.session.commit()
            flash(_("The assignment was changed."), "success")
            return redirect(url_for("teach.assignment_results", assignment_id=assignment.id))
    status = 422 if (form.errors or problem) else 200
    return render_template("teach/assignment_form.html", classroom=assignment.classroom, form=form,
                           assignment=assignment, problem=problem, has_sets=True,
                           attempts_used=assignment_service.most_attempts_used(assignment)), status


def _changeable(assignment_id: int):
    """An assignment the teacher may edit, extend, close or reopen: not a live lesson's record (the lesson
    itself opens and closes it)."""
    assignment = load_assignment(assignment_id)
    if assignment.live:
        abort(404)
    return assignment


def _as_form_data(assignment) -> SimpleNamespace:
    return SimpleNamespace(
        title=assignment.title, opens_at=_local(assignment.opens_at), closes_at=_local(assignment.closes_at),
        time_limit_minutes=assignment.time_limit_minutes, max_attempts=assignment.max_attempts,
        show_answers=assignment.show_answers, grading_method=assignment.grading_method)


def _local(moment: dt.datetime) -> dt.datetime:
    """A stored time as the form's datetime-local field shows it: school time, to the minute."""
    return to_school_time(as_utc(moment)).replace(second=0, microsecond=0, tzinfo=None)  # type: ignore[arg-type]


@bp.post("/assignments/<int:assignment_id>/closing-time")
def set_closing_time(assignment_id: int):
    """Extend for everyone, or reopen a closed assignment, until a new closing time."""
    assignment = _changeable(assignment_id)
    form = ClosingTimeForm()
    back = url_for("teach.assignment_results", assignment_id=assignment.id)
    if not form.validate_on_submit():
        flash(_("Give the new closing time as a date and a time."), "error")
        return redirect(back)
    was_open = assignment_service.is_open(assignment, now())
    closes_at = from_school_time(form.closes_at.data)
    try:
        assignment_service.set_closing_time(assignment, closes_at, now())
    except assignment_service.AssignmentError as error:
        db.session.rollback()
        flash(_error_message(error), "error")
        return redirect(back)
    db.session.commit()
    flash(_("Extended for everyone until %(when)s.", when=format_datetime(closes_at)) if was_open
          else _("Reopened until %(when)s.", when=format_datetime(closes_at)), "success")
    return redirect(back)


@bp.post("/assignments/<int:assignment_id>/close")
def close_assignment(assignment_id: int):
    """Close now: nobody starts an attempt after this; attempts already running keep their time."""
    assignment = _changeable(assignment_id)
    require_button()
    if assignment_service.close_now(assignment, now()):
        db.session.commit()
        flash(_("The assignment is closed. Attempts already started can be finished in the time they had."),
              "success")
    return redirect(url_for("teach.assignment_results", assignment_id=assignment.id))


@bp.route("/assignments/<int:assignment_id>/delete", methods=["GET", "POST"])
def delete_assignment(assignment_id: int):
    assignment = load_assignment(assignment_id, deleted=request.method == "POST")
    back = url_for("teach.class_page", class_id=assignment.classroom_id)
    if request.method == "GET":
        finished, running = assignment_service.results_at_stake(assignment)
        return confirm_page(
            _("Delete the assignment %(title)s?", title=assignment.title),
            [digits(ngettext("The results of %(num)s student disappear from your pages and theirs.",
                             "The results of %(num)s students disappear from your pages and theirs.", finished)),
             digits(ngettext("%(num)s attempt in progress disappears from its student's list.",
                             "%(num)s attempts in progress disappear from their students' lists.", running)),
             _("The results are kept for a while and come back with Undo.")],
            _("Delete the assignment"), url_for("teach.assignment_results", assignment_id=assignment.id))
    confirmed_state()
    if assignment_service.delete_assignment(assignment, now()):  # False: deleted already (sent twice)
        record_and_flash("delete_assignment", {"assignment_id": assignment.id, "class_id": assignment.classroom_id},
                         _("The assignment %(title)s was deleted.", title=assignment.title))
        db.session.commit()
    return redirect(back)


@bp.get("/assignments/<int:assignment_id>/attempts/<int:attempt_id>")
def attempt_detail(assignment_id: int, attempt_id: int):
    assignment = load_assignment(assignment_id)
    attempt = load_attempt(assignment, attempt_id)
    state = StoredQuiz(attempt)
    score, answered = total_score(state)
    return render_template("teach/attempt.html", assignment=assignment, attempt=attempt, state=state, score=score,
                           answered=answered)


@bp.get("/assignments/<int:assignment_id>/export.<fmt>")
def export_results(assignment_id: int, fmt: str):
    assignment = load_assignment(assignment_id)
    results = results_service.assignment_results(assignment, now())
    name = f"results-{assignment.id}"
    if fmt == "csv":
        body = results_service.results_csv(results, _result_labels())
        mimetype = "text/csv; charset=utf-8"
    elif fmt == "answers.csv":  # every answer given, readable (the XLSX's Answers sheet)
        body = results_service.answers_csv(results, _result_labels(), current_prefs().lang)
        mimetype = "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = results_service.results_xlsx(results, _result_labels(), right_to_left=current_prefs().lang == "ar")
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        abort(404)
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
