"""Teachers bring an Arabic article: paste or upload → review the dated events found → save as their own
chronology → generate questions from it like from the shipped one (sets.generate)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from ...clock import now
from ...extensions import db
from ...i18n import digits
from ...services import articles as article_service
from ...services.chronologies import get_chronology
from . import bp
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


def _highlighted(text: str, candidates) -> Markup:
    """The article with each candidate's clause marked and numbered (offsets are exact)."""
    parts, position = [], 0
    for number, candidate in enumerate(candidates, start=1):
        if candidate.start < position:
            continue
        parts.append(escape(text[position:candidate.start]))
        parts.append(Markup('<mark id="clause-{n}"><sup>{n}</sup> {t}</mark>').format(
            n=number, t=text[candidate.start:candidate.end]))
        position = candidate.end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def _reviewed_from_form(candidates) -> tuple[list[article_service.ReviewedEvent], dict[int, list[str]]]:
    accepted, problems = [], {}
    for number, candidate in enumerate(candidates, start=1):
        field = lambda name: (request.form.get(f"c{number}-{name}") or "").strip()  # noqa: E731
        if field("accept") != "y":
            continue
        event = article_service.ReviewedEvent(
            date=field("date"), qualifier=field("qualifier") or None, title_ar=field("title_ar"),
            summary_ar=field("summary_ar"), title_en=field("title_en"), summary_en=field("summary_en"),
            actors=candidate.actors + candidate.people, places=candidate.places,
            note=candidate.basis if candidate.inferred else None,
        )
        found = article_service.review_problems(event)
        if found:
            problems[number] = found
        accepted.append(event)
    return accepted, problems


@bp.route("/articles/<int:draft_id>/review", methods=["GET", "POST"])
def article_review(draft_id: int):
    draft = load_draft(draft_id)
    candidates = article_service.candidates_in(draft)
    error, problems = None, {}
    if request.method == "POST":
        require_button()
        accepted, problems = _reviewed_from_form(candidates)
        if not problems:
            try:
                document = article_service.save_chronology(current_user, draft, accepted)
            except article_service.ArticleError as exc:
                db.session.rollback()
                error = _article_error(exc)
            else:
                db.session.commit()
                return redirect(url_for("teach.chronology", slug=document.slug))
    status = 422 if (error or problems) else 200
    return render_template("teach/article_review.html", draft=draft, candidates=candidates, error=error,
                           problems=problems, posted=request.form if request.method == "POST" else None,
                           article=_highlighted(draft.text, candidates)), status


@bp.get("/chronologies/<slug>")
def chronology(slug: str):
    document = load_chronology(slug)
    return render_template("teach/chronology.html", document=document, chronology=get_chronology(slug))
