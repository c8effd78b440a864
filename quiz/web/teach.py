"""Teachers: classes with join codes, question sets (authored, generated, versioned), assignments, results.

Every route is for teachers only (404 for anyone else) and every object is loaded through its owner, so a
teacher never reaches another teacher's class, set or results. Every change is a POST with CSRF.
"""

from __future__ import annotations

import io
import random

import segno
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..authoring.from_generated import to_set_question
from ..authoring.model import MAX_ITEMS, MAX_OPTIONS, SetData, SetOption, SetQuestion, SetValidationError
from ..clock import now
from ..extensions import db
from ..interop import FORMATS
from ..generate import KINDS, InvalidRequest, NotEnoughEvents, QuizRequest, generate_quiz
from ..i18n import current_prefs, from_school_time, localized, to_school_time
from ..services import articles as article_service
from ..services import assignments as assignment_service
from ..services import classes as class_service
from ..services import question_sets as set_service
from ..services import results as results_service
from ..services.chronologies import get_chronology
from .access import teacher_required
from .forms import KIND_LABELS, EmptyForm, options
from .public_url import external_url
from .teach_forms import AssignmentForm, ClassForm, GenerateForm, McqForm, OrderingForm, SetSettingsForm

bp = Blueprint("teach", __name__, url_prefix="/teach")


@bp.before_request
@teacher_required
def _teachers_only() -> None:
    """Every route below is for teachers: others get a 404 before any view runs."""


def _require(form: EmptyForm | None = None) -> None:
    if not (form or EmptyForm()).validate_on_submit():
        abort(400)


def _class_or_404(class_id: int):
    classroom = class_service.class_for_teacher(class_id, current_user.id)
    if classroom is None:
        abort(404)
    return classroom


def _set_or_404(set_id: int, *, write: bool = True):
    question_set = set_service.set_for_teacher(set_id, current_user.id, write=write)
    if question_set is None:
        abort(404)
    return question_set


def _assignment_or_404(assignment_id: int):
    assignment = assignment_service.assignment_for_teacher(assignment_id, current_user.id)
    if assignment is None:
        abort(404)
    return assignment


def join_url(classroom) -> str:
    """The link (and QR code) students open on their phones: an address their phones can reach."""
    return external_url("join.join", code=classroom.join_code)


def qr_svg(url: str) -> str:
    """A QR code of the join link as inline SVG (segno), sized by CSS so it reads from the back of a room."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=10, border=2, xmldecl=False, svgns=True,
                                    svgclass="qr", lineclass="qr-line", dark="#000", light="#fff",
                                    title=_("QR code of the join link"))
    return out.getvalue().decode("utf-8")


# -- dashboard and classes ------------------------------------------------------------------------------


@bp.get("/")
def dashboard():
    classes = class_service.classes_of(current_user.id)
    return render_template("teach/dashboard.html", classes=classes, sets=set_service.visible_sets(current_user.id),
                           form=ClassForm(), archived=class_service.classes_of(current_user.id, archived=True))


@bp.post("/classes")
def create_class():
    form = ClassForm()
    if not form.validate_on_submit():
        flash(_("A class needs a name."), "error")
        return redirect(url_for("teach.dashboard"))
    classroom = class_service.create_class(current_user, form.name.data, now())
    db.session.commit()
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.get("/classes/<int:class_id>")
def class_page(class_id: int):
    classroom = _class_or_404(class_id)
    url = join_url(classroom)
    return render_template("teach/class.html", classroom=classroom, join_url=url, qr=qr_svg(url),
                           assignments=assignment_service.assignments_of_class(classroom.id),
                           form=EmptyForm(), rename_form=ClassForm(name=classroom.name))


@bp.get("/classes/<int:class_id>/projector")
def projector(class_id: int):
    classroom = _class_or_404(class_id)
    url = join_url(classroom)
    return render_template("teach/projector.html", classroom=classroom, join_url=url, qr=qr_svg(url))


@bp.post("/classes/<int:class_id>/rename")
def rename_class(class_id: int):
    classroom = _class_or_404(class_id)
    form = ClassForm()
    if form.validate_on_submit():
        classroom.name = form.name.data.strip()
        db.session.commit()
    else:
        flash(_("A class needs a name."), "error")
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.post("/classes/<int:class_id>/code")
def regenerate_code(class_id: int):
    classroom = _class_or_404(class_id)
    _require()
    class_service.regenerate_join_code(classroom)
    db.session.commit()
    flash(_("The class has a new code; the old one no longer works."), "success")
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.post("/classes/<int:class_id>/archive")
def archive_class(class_id: int):
    classroom = _class_or_404(class_id)
    _require()
    classroom.archived_at = None if classroom.is_archived else now()
    db.session.commit()
    return redirect(url_for("teach.dashboard"))


@bp.post("/classes/<int:class_id>/students/<int:membership_id>/remove")
def remove_student(class_id: int, membership_id: int):
    classroom = _class_or_404(class_id)
    _require()
    if not class_service.remove_student(classroom, membership_id):
        abort(404)
    db.session.commit()
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.post("/classes/<int:class_id>/students/<int:membership_id>/resume-code")
def reissue_resume_code(class_id: int, membership_id: int):
    classroom = _class_or_404(class_id)
    _require()
    membership = next((m for m in classroom.memberships if m.id == membership_id), None)
    if membership is None:
        abort(404)
    code = class_service.reissue_resume_code(membership)
    db.session.commit()
    return render_template("teach/resume_code.html", classroom=classroom, membership=membership, code=code)


@bp.get("/classes/<int:class_id>/overview")
def class_overview(class_id: int):
    classroom = _class_or_404(class_id)
    assignments, rows = results_service.class_overview(classroom, now())
    return render_template("teach/overview.html", classroom=classroom, assignments=assignments, rows=rows)


# -- question sets ----------------------------------------------------------------------------------------


@bp.get("/sets")
def sets():
    return render_template("teach/sets.html", sets=set_service.visible_sets(current_user.id),
                           form=SetSettingsForm(formdata=None))


@bp.post("/sets")
def create_set():
    form = SetSettingsForm()
    if not form.validate_on_submit():
        return render_template("teach/sets.html", sets=set_service.visible_sets(current_user.id), form=form), 422
    question_set = set_service.create_set(current_user, SetData(
        title=form.title.data.strip(), language=form.language.data, description=form.description.data or None,
        grading_type=form.grading_type.data), now())
    question_set.shared = form.shared.data
    db.session.commit()
    return redirect(url_for("teach.set_page", set_id=question_set.id))


@bp.get("/sets/<int:set_id>")
def set_page(set_id: int):
    question_set = _set_or_404(set_id, write=False)
    data = set_service.content_of(question_set.latest)
    return render_template("teach/set.html", question_set=question_set, data=data,
                           mine=question_set.owner_id == current_user.id, form=EmptyForm(),
                           export_formats=[f for f in FORMATS.values() if f.exporter],
                           frozen=set_service.version_has_attempts(question_set.latest))


@bp.get("/sets/<int:set_id>/print")
def print_set(set_id: int):
    """The set as a paper test; with ?answers=1, with its answer key."""
    question_set = _set_or_404(set_id, write=False)
    rng = random.Random(set_id)  # a fixed order per set, so every printed copy is the same
    orders = []
    for question in set_service.content_of(question_set.latest).questions:
        positions = list(range(len(question.options)))
        if question.type == "ordering":
            while positions == sorted(positions):
                rng.shuffle(positions)
        orders.append(positions)
    return render_template("teach/print.html", question_set=question_set,
                           data=set_service.content_of(question_set.latest), orders=orders,
                           answers=request.args.get("answers") == "1")


@bp.route("/sets/<int:set_id>/settings", methods=["GET", "POST"])
def set_settings(set_id: int):
    question_set = _set_or_404(set_id)
    data = set_service.content_of(question_set.latest)
    form = SetSettingsForm(obj=data if request.method == "GET" else None)
    if request.method == "GET":
        form.shared.data = question_set.shared
    if form.validate_on_submit():
        try:
            set_service.save_content(question_set, SetData(
                title=form.title.data.strip(), language=form.language.data, description=form.description.data or None,
                grading_type=form.grading_type.data, questions=data.questions), now())
        except SetValidationError as error:
            form.language.errors.append(_("Some questions do not have text in this language: %(problems)s",
                                          problems=str(error)))
        else:
            question_set.shared = form.shared.data
            db.session.commit()
            return redirect(url_for("teach.set_page", set_id=question_set.id))
    return render_template("teach/set_settings.html", question_set=question_set, form=form), 422 if form.errors else 200


def _question_form(kind: str, question: SetQuestion | None):
    form_class = McqForm if kind == "mcq" else OrderingForm
    if request.method == "POST" or question is None:
        return form_class()
    form = form_class(formdata=None, prompt_ar=question.prompt_ar, prompt_en=question.prompt_en,
                      explanation_ar=question.explanation_ar, explanation_en=question.explanation_en)
    for entry, option in zip(form.options.entries, question.options):
        entry.form.text_ar.data = option.text_ar
        entry.form.text_en.data = option.text_en
    if kind == "mcq" and question.correct is not None:
        form.correct.data = question.correct + 1
    return form


def _question_from_form(kind: str, form, previous: SetQuestion | None) -> SetQuestion:
    filled = [(e.form.text_ar.data or "").strip() or None for e in form.options.entries]
    filled_en = [(e.form.text_en.data or "").strip() or None for e in form.options.entries]
    rows = [(i, ar, en) for i, (ar, en) in enumerate(zip(filled, filled_en)) if ar or en]
    old_options = previous.options if previous else ()
    opts = tuple(SetOption(ar, en, old_options[i].event_id if i < len(old_options) else None) for i, ar, en in rows)
    correct = None
    if kind == "mcq":
        marked = (form.correct.data or 0) - 1
        correct = next((n for n, (i, _a, _e) in enumerate(rows) if i == marked), -1)
    return SetQuestion(
        type=kind, prompt_ar=(form.prompt_ar.data or "").strip() or None,
        prompt_en=(form.prompt_en.data or "").strip() or None, options=opts, correct=correct,
        explanation_ar=(form.explanation_ar.data or "").strip() or None,
        explanation_en=(form.explanation_en.data or "").strip() or None,
        sources=previous.sources if previous else (), event_ids=previous.event_ids if previous else (),
        origin=previous.origin if previous else "authored", category=previous.category if previous else None,
    )


def _edit_question(question_set, kind: str, position: int | None):
    data = set_service.content_of(question_set.latest)
    previous = data.questions[position] if position is not None else None
    form = _question_form(kind, previous)
    problems: list[str] = []
    if form.validate_on_submit():
        question = _question_from_form(kind, form, previous)
        questions = list(data.questions)
        if position is None:
            questions.append(question)
        else:
            questions[position] = question
        try:
            set_service.save_content(question_set, SetData(data.title, data.language, data.description,
                                                           data.grading_type, tuple(questions)), now())
        except SetValidationError as error:
            problems = [message for _n, message in error.problems]
        else:
            db.session.commit()
            return redirect(url_for("teach.set_page", set_id=question_set.id))
    status = 422 if (form.errors or problems) else 200
    return render_template("teach/question_form.html", question_set=question_set, form=form, kind=kind,
                           position=position, problems=problems, language=data.language,
                           slots=MAX_OPTIONS if kind == "mcq" else MAX_ITEMS), status


@bp.route("/sets/<int:set_id>/questions/new/<kind>", methods=["GET", "POST"])
def new_question(set_id: int, kind: str):
    if kind not in ("mcq", "ordering"):
        abort(404)
    return _edit_question(_set_or_404(set_id), kind, None)


@bp.route("/sets/<int:set_id>/questions/<int:number>", methods=["GET", "POST"])
def edit_question(set_id: int, number: int):
    question_set = _set_or_404(set_id)
    data = set_service.content_of(question_set.latest)
    if not 1 <= number <= len(data.questions):
        abort(404)
    return _edit_question(question_set, data.questions[number - 1].type, number - 1)


@bp.post("/sets/<int:set_id>/questions/<int:number>/delete")
def delete_question(set_id: int, number: int):
    question_set = _set_or_404(set_id)
    _require()
    data = set_service.content_of(question_set.latest)
    if not 1 <= number <= len(data.questions):
        abort(404)
    questions = data.questions[: number - 1] + data.questions[number:]
    set_service.save_content(question_set, SetData(data.title, data.language, data.description, data.grading_type,
                                                   questions), now())
    db.session.commit()
    return redirect(url_for("teach.set_page", set_id=question_set.id))


@bp.post("/sets/<int:set_id>/duplicate")
def duplicate_set(set_id: int):
    question_set = _set_or_404(set_id, write=False)
    _require()
    copy = set_service.duplicate_set(question_set, current_user, now(), _("(copy)"))
    db.session.commit()
    return redirect(url_for("teach.set_page", set_id=copy.id))


@bp.post("/sets/<int:set_id>/delete")
def delete_set(set_id: int):
    question_set = _set_or_404(set_id)
    _require()
    set_service.delete_set(question_set, now())
    db.session.commit()
    flash(_("The set was deleted."), "success")
    return redirect(url_for("teach.sets"))


@bp.route("/sets/<int:set_id>/generate", methods=["GET", "POST"])
def generate(set_id: int):
    """The wizard: questions generated from the chronology join the set as editable drafts."""
    question_set = _set_or_404(set_id)
    default_slug = current_app.config["DEFAULT_CHRONOLOGY"]
    own = article_service.chronologies_of(current_user.id)
    form = GenerateForm()
    form.chronology.choices = options(
        [(default_slug, localized(get_chronology(default_slug), "title"))] + [(d.slug, d.title_ar) for d in own])
    wanted = (form.chronology.data if request.method == "POST" else request.args.get("chronology")) or default_slug
    if wanted not in {default_slug, *(d.slug for d in own)}:
        abort(404)
    form.chronology.data = wanted
    chronology = get_chronology(wanted)
    form.eras.choices = options((era.id, localized(era, "title")) for era in chronology.eras)
    form.people.choices = options((p.id, localized(p, "name")) for p in chronology.people() if p.kind == "person")
    form.kinds.choices = options((name, KIND_LABELS.get(name, name)) for name in KINDS)
    error = None
    if form.validate_on_submit():
        # Stored in the canonical style (Gregorian months, Western digits); pages restyle for each reader.
        try:
            generated = generate_quiz(chronology, QuizRequest(
                count=form.count.data, seed=form.seed.data, kinds=tuple(form.kinds.data) or None,
                eras=tuple(form.eras.data) or None, year_from=form.year_from.data, year_to=form.year_to.data,
                actors=tuple(form.people.data) or None, difficulty=form.difficulty.data or None))
        except (NotEnoughEvents, InvalidRequest) as exc:
            error = _("These choices leave too few events for %(count)s questions (%(made)s possible). "
                      "Tick more eras or kinds, or ask for fewer questions.", count=form.count.data,
                      made=getattr(exc, "made", 0) or 0)
        else:
            data = set_service.content_of(question_set.latest)
            questions = data.questions + tuple(to_set_question(q) for q in generated)
            set_service.save_content(question_set, SetData(data.title, "both", data.description,
                                                           data.grading_type, questions), now())
            db.session.commit()
            flash(_("%(n)s generated questions were added. Check and edit them before assigning.", n=len(generated)),
                  "success")
            return redirect(url_for("teach.set_page", set_id=question_set.id))
    status = 422 if (form.errors or error) else 200
    return render_template("teach/generate.html", question_set=question_set, form=form, error=error), status


# -- assignments and results ------------------------------------------------------------------------------


@bp.route("/classes/<int:class_id>/assignments/new", methods=["GET", "POST"])
def new_assignment(class_id: int):
    classroom = _class_or_404(class_id)
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
        question_set = _set_or_404(int(form.question_set.data), write=False)
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
    assignment = _assignment_or_404(assignment_id)
    results = results_service.assignment_results(assignment, now())
    db.session.commit()  # attempts past their deadline were closed while reading
    return render_template("teach/results.html", assignment=assignment, results=results)


@bp.get("/assignments/<int:assignment_id>/attempts/<int:attempt_id>")
def attempt_detail(assignment_id: int, attempt_id: int):
    assignment = _assignment_or_404(assignment_id)
    attempt = results_service.attempt_of_assignment(assignment, attempt_id)
    if attempt is None:
        abort(404)
    from ..services.attempts import StoredQuiz, total_score

    state = StoredQuiz(attempt)
    score, answered = total_score(state)
    return render_template("teach/attempt.html", assignment=assignment, attempt=attempt, state=state, score=score,
                           answered=answered)


@bp.get("/assignments/<int:assignment_id>/export.<fmt>")
def export_results(assignment_id: int, fmt: str):
    assignment = _assignment_or_404(assignment_id)
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
