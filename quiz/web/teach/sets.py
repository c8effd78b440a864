"""Question sets: the list, a new set, a set's page, settings, the paper test, duplicate, delete, and the wizard
that adds questions generated from a chronology (the shipped one or one of the teacher's own)."""

from __future__ import annotations

import random

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...authoring.model import SetData, SetValidationError
from ...clock import now
from ...extensions import db
from ...generate import KINDS, InvalidRequest, NotEnoughEvents, QuizRequest
from ...i18n import current_prefs, digits, localized, render_message
from ...messages import N_
from ...scoring.answer_types import answer_type
from ...services import articles as article_service
from ...services import question_sets as set_service
from ...services.chronologies import get_chronology
from ..forms import KIND_LABELS, EmptyForm, options
from . import bp
from .files import interop
from .forms import GenerateForm, SetSettingsForm, require_button
from .loaders import load_set
from .undo import confirm_page, confirmed_state, record_and_flash


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
    question_set = load_set(set_id, write=False)
    data = set_service.content_of(question_set.latest)
    return render_template("teach/set.html", question_set=question_set, data=data,
                           mine=question_set.owner_id == current_user.id, form=EmptyForm(),
                           export_formats=[f for f in interop().FORMATS.values() if f.exporter],
                           frozen=set_service.version_has_attempts(question_set.latest))


@bp.get("/sets/<int:set_id>/print")
def print_set(set_id: int):
    """The set as a paper test; with ?answers=1, with its answer key."""
    question_set = load_set(set_id, write=False)
    data = set_service.content_of(question_set.latest)
    rng = random.Random(set_id)  # a fixed order per set, so every printed copy is the same
    orders = []
    for question in data.questions:
        # Multiple choice prints in the set's order (a paper key reads a, b, c); each type decides.
        orders.append(answer_type(question.type).display_order(range(len(question.options)), shuffle=False,
                                                               rng=rng))
    # The paper is in the teacher's language when the set has it, else in the set's only language: an
    # Arabic-only set prints as an Arabic paper (right to left, options أ ب ج) even from the English pages.
    lang = current_prefs().lang
    paper_lang = lang if data.language in (lang, "both", "mixed") else data.language
    return render_template("teach/print.html", question_set=question_set, data=data, orders=orders,
                           answers=request.args.get("answers") == "1", paper_lang=paper_lang)


@bp.route("/sets/<int:set_id>/settings", methods=["GET", "POST"])
def set_settings(set_id: int):
    question_set = load_set(set_id)
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
            form.language.errors.append(render_message(N_(
                "Some questions do not have text in this language: %(problems)s", problems=error.messages)))
        else:
            question_set.shared = form.shared.data
            db.session.commit()
            return redirect(url_for("teach.set_page", set_id=question_set.id))
    return render_template("teach/set_settings.html", question_set=question_set, form=form), 422 if form.errors else 200


@bp.post("/sets/<int:set_id>/duplicate")
def duplicate_set(set_id: int):
    question_set = load_set(set_id, write=False)
    require_button()
    copy = set_service.duplicate_set(question_set, current_user, now(), _("(copy)"))
    db.session.commit()
    return redirect(url_for("teach.set_page", set_id=copy.id))


@bp.route("/sets/<int:set_id>/delete", methods=["GET", "POST"])
def delete_set(set_id: int):
    question_set = load_set(set_id, deleted=request.method == "POST")
    if request.method == "GET":
        questions, assignments = set_service.set_at_stake(question_set)
        losses = [digits(ngettext("Its %(num)s question leaves your sets.", "Its %(num)s questions leave your sets.",
                                  questions))]
        if assignments:
            losses.append(digits(ngettext(
                "%(num)s assignment uses it: it stays open to its students, and its results keep the questions as "
                "they were.",
                "%(num)s assignments use it: they stay open to their students, and their results keep the questions "
                "as they were.", assignments)))
        if question_set.shared:
            losses.append(_("Colleagues you shared it with no longer see it."))
        return confirm_page(_("Delete the set «%(title)s»?", title=question_set.latest.title), losses,
                            _("Delete the set"), url_for("teach.set_page", set_id=question_set.id))
    confirmed_state()
    kept = set_service.delete_set(question_set, now())
    if kept is not None:
        record_and_flash("delete_set", kept, _("The set %(title)s was deleted.", title=question_set.latest.title))
        db.session.commit()
    return redirect(url_for("teach.sets"))


@bp.route("/sets/<int:set_id>/generate", methods=["GET", "POST"])
def generate(set_id: int):
    """The wizard: questions generated from the chronology join the set as editable drafts."""
    question_set = load_set(set_id)
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
    error: str | None = None
    if form.validate_on_submit():
        # Stored in the canonical style (Gregorian months, Western digits); pages restyle for each reader.
        try:
            made = set_service.add_generated(question_set, chronology, QuizRequest(
                count=form.count.data, seed=form.seed.data, kinds=tuple(form.kinds.data) or None,
                eras=tuple(form.eras.data) or None, year_from=form.year_from.data, year_to=form.year_to.data,
                actors=tuple(form.people.data) or None, difficulty=form.difficulty.data or None), now())
        except InvalidRequest as exc:
            error = render_message(exc.reason)
        except NotEnoughEvents as exc:
            # Flask-Babel's ngettext fills %(num)s itself, so the reader's digits go on the whole message.
            error = digits(ngettext("These choices leave too few events for %(num)s question (%(made)s possible). "
                                    "Tick more eras or kinds, or ask for fewer questions.",
                                    "These choices leave too few events for %(num)s questions (%(made)s possible). "
                                    "Tick more eras or kinds, or ask for fewer questions.", form.count.data,
                                    made=getattr(exc, "made", 0) or 0))
        else:
            db.session.commit()
            flash(digits(ngettext("%(num)s generated question was added. Check and edit it before assigning.",
                                  "%(num)s generated questions were added. Check and edit them before assigning.",
                                  made)), "success")
            return redirect(url_for("teach.set_page", set_id=question_set.id))
    status = 422 if (form.errors or error) else 200
    return render_template("teach/generate.html", question_set=question_set, form=form, error=error), status
