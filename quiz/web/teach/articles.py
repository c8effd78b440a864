"""Teachers bring an Arabic article: paste or upload → review the dated events found → save as their own
chronology ("Save and make a quiz" also makes a set of generated questions: a live lesson is then one button
away) → edit it later in the same editor (teach/event_editor.py), each save a version that can be restored."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ...chronology.load import parse_registry
from ...clock import now
from ...extensions import db
from ...i18n import digits
from ...services import articles as article_service
from ...services.chronologies import get_chronology
from ..forms import EmptyForm
from ..input_guard import whole_number
from . import bp
from .event_editor import article_spans, editor_context, event_rows, events_from_rows, review_rows, rows_from_form
from .forms import ArticleForm, require_button
from .loaders import load_chronology, load_draft


def _article_error(error: article_service.ArticleError) -> str:
    messages = {
        "empty": _("The article is empty."),
        "binary": _("This file is not text. Upload a .txt file."),
        "encoding": _("This file is not UTF-8 text (at byte %(byte)s). Save it as UTF-8 and upload it again.",
                      byte=digits(error.detail)),
        "size": _("The article is too long (at most %(kb)s KB).", kb=article_service.MAX_ARTICLE_BYTES // 1000),
        "no_dates": _("No dated event was found in this article, so there is nothing to review. Nothing was saved."),
        "nothing_accepted": _("Accept at least one event."),
        "invalid": _("These events cannot be saved: %(detail)s", detail=error.detail),
        "quote": _("This passage is not in the article. Select it in the article, or copy it exactly."),
        "stale": _("This chronology was changed since you opened it (in another tab?). Nothing was saved: "
                   "open it again and redo your change."),
    }
    return messages[error.key]


@bp.route("/articles", methods=["GET", "POST"])
def articles():
    form = ArticleForm()
    error = None
    if form.validate_on_submit():
        try:
            text = form.text.data or ""
            upload = request.files.get("upload")
            if upload is not None and upload.filename:
                text = article_service.decode_upload(upload.read(article_service.MAX_ARTICLE_BYTES + 1))
            draft = article_service.create_draft(current_user, form.title.data or "", text, form.year.data, now())
        except article_service.ArticleError as exc:
            db.session.rollback()
            error = _article_error(exc)
        else:
            db.session.commit()
            return redirect(url_for("teach.article_review", draft_id=draft.id))
    status = 422 if (error or form.errors) else 200
    return render_template("teach/articles.html", form=form, error=error,
                           chronologies=article_service.chronologies_of(current_user.id)), status


@bp.route("/articles/<int:draft_id>/review", methods=["GET", "POST"])
def article_review(draft_id: int):
    draft = article_service.draft_for(draft_id, current_user.id)
    if draft is None:  # saved already (the same review sent twice): show what was saved
        saved = article_service.saved_from_draft(draft_id, current_user.id)
        return redirect(url_for("teach.chronology", slug=saved.slug)) if saved else load_draft(draft_id)
    candidates = article_service.candidates_in(draft)
    rows, error = review_rows(draft, candidates), None
    registry = article_service.shipped_registry()
    if request.method == "POST":
        require_button()
        rows = rows_from_form(rows, draft.text, registry)
        events, added, wrong = events_from_rows(rows, registry)
        if not wrong and "add" not in request.form:
            try:
                return _save_draft(draft, events, added)
            except article_service.ArticleError as exc:
                db.session.rollback()
                error = _article_error(exc)
    marks = [(row["candidate"].start, row["candidate"].end, row["n"]) for row in rows if row["candidate"]]
    status = 422 if (error or any(row.get("problems") for row in rows)) else 200
    unread = article_service.unread_marks(draft)
    return render_template("teach/article_review.html", draft=draft, error=error, unread_count=len(unread),
                           **editor_context(rows, registry, article_spans(draft.text, marks, unread),
                                            action=url_for("teach.article_review", draft_id=draft.id))), status


def _save_draft(draft, events, added):
    """Save the reviewed draft; with "Save and make a quiz", also a set of questions generated from it."""
    count = whole_number(request.form.get("quiz_count"), max_digits=3) or 10
    draft_id = draft.id
    try:
        document = article_service.save_chronology(current_user, draft, events, now(), added=added)
        quiz = None
        if "save_quiz" in request.form:
            quiz = article_service.quiz_from_chronology(current_user, document, min(max(count, 1), 50), now())
        db.session.commit()
    except (IntegrityError, StaleDataError):  # the same review, sent twice at once, was saved by the other one
        db.session.rollback()
        saved = article_service.saved_from_draft(draft_id, current_user.id)
        return redirect(url_for("teach.chronology", slug=saved.slug) if saved else url_for("teach.articles"))
    if quiz is None:
        return redirect(url_for("teach.chronology", slug=document.slug))
    question_set, made = quiz
    if not made:
        flash(_("Your chronology was saved, but it has too few events to make questions from."), "error")
        return redirect(url_for("teach.chronology", slug=document.slug))
    flash(digits(ngettext("Your chronology was saved and a set of %(num)s question was made from it.",
                          "Your chronology was saved and a set of %(num)s questions was made from it.", made)),
          "success")
    return redirect(url_for("teach.set_page", set_id=question_set.id, ready=1))


@bp.get("/chronologies/<slug>")
def chronology(slug: str):
    document = load_chronology(slug)
    return render_template("teach/chronology.html", document=document, chronology=get_chronology(slug),
                           form=EmptyForm(), latest=article_service.latest_number(document))


@bp.route("/chronologies/<slug>/edit", methods=["GET", "POST"])
def chronology_edit(slug: str):
    """The saved chronology in the same editor: edit, delete, merge, add from the article; each save a version."""
    document = load_chronology(slug)
    registry = parse_registry(document.content["registry"], f"<{slug} registry>")
    rows, error = event_rows(document), None
    seen = whole_number(request.form.get("version")) if request.method == "POST" else None
    if request.method == "POST":
        require_button()
        rows = rows_from_form(rows, document.article, registry)
        events, added, wrong = events_from_rows(rows, registry)
        if not wrong and "add" not in request.form:
            try:
                article_service.update_chronology(document, events, now(), seen_version=seen if seen is not None
                                                  else -1, added=added)
                db.session.commit()
            except article_service.ArticleError as exc:
                db.session.rollback()
                error = _article_error(exc)
            except IntegrityError:  # another tab saved the same next version at the same moment
                db.session.rollback()
                error = _article_error(article_service.ArticleError("stale"))
            else:
                return redirect(url_for("teach.chronology", slug=slug))
    article = article_spans(document.article, []) if document.article else None
    status = 422 if (error or any(row.get("problems") for row in rows)) else 200
    return render_template("teach/chronology_edit.html", document=document, error=error, **editor_context(
        rows, registry, article, action=url_for("teach.chronology_edit", slug=slug),
        version=seen if seen is not None else article_service.latest_number(document))), status


@bp.post("/chronologies/<slug>/versions/<int:number>/restore")
def chronology_restore(slug: str, number: int):
    """Make an earlier version the current one again (as a new version, so this too can be undone)."""
    document = load_chronology(slug)
    require_button()
    if whole_number(request.form.get("version")) == article_service.latest_number(document):
        try:
            article_service.restore_version(document, number, now())
        except article_service.ArticleError:
            abort(404)
        db.session.commit()
        flash(_("Version %(number)s is the current one again.", number=digits(number)), "success")
    return redirect(url_for("teach.chronology", slug=slug))
