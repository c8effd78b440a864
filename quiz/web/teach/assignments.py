"""Assignments: a set given to a class for a window of time, its results, one student's attempt, and the
results as CSV or Excel."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...clock import now
from ...extensions import db
from ...i18n import current_prefs, from_school_time, to_school_time
from ...services import accommodations as accommodation_service
from ...services import assignments as assignment_service
from ...services import question_sets as set_service
from ...services import results as results_service
from ...services.attempts import StoredQuiz, total_score
from ...services.transactions import keep_lazy_changes
from ..forms import options
from . import bp
from .accommodations import class_forms
from .forms import AssignmentForm
from .loaders import load_assignment, load_attempt, load_class, load_set


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
            show_answers=form.show_answers.data)
        assignment = assignment_service.create_assignment(classroom, question_set.latest, settings, now())
        db.session.commit()
        return redirect(url_for("teach.assignment_results", assignment_id=assignment.id))
    status = 422 if form.errors else 200
    return render_template("teach/assignment_form.html", classroom=classroom, form=form, has_sets=bool(visible)), status


def _result_labels() -> dict[str, str]:
    return {
        "student": _("Student"), "status": _("Status"), "attempts": _("Attempts"), "score": _("Score (%)"),
        "time": _("Time (seconds)"), "not_started": _("not started"), "in_progress": _("in progress"),
        "finished": _("finished"), "sheet": _("Results"), "items_sheet": _("Questions"), "question": _("Question"),
        "facility": _("Facility index"), "discrimination": _("Discrimination index"),
    }


@bp.get("/assignments/<int:assignment_id>")
def assignment_results(assignment_id: int):
    assignment = load_assignment(assignment_id)
    results = results_service.assignment_results(assignment, now())
    keep_lazy_changes()  # attempts past their deadline were closed while reading
    accommodations = accommodation_service.of_assignment(assignment)
    forms = class_forms(assignment.classroom.memberships, accommodations, for_assignment=True)
    return render_template("teach/results.html", assignment=assignment, results=results,
                           accommodations=accommodations, accommodation_forms=forms)


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
    elif fmt == "xlsx":
        body = results_service.results_xlsx(results, _result_labels(), right_to_left=current_prefs().lang == "ar")
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        abort(404)
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
