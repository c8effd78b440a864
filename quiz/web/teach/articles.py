"""Teachers bring an Arabic article: paste or upload → review the dated events found → save as their own
chronology → generate questions from it like from the shipped one (sets.generate)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ...chronology.load import parse_registry
from ...chronology.model import Entity
from ...clock import now
from ...extensions import db
from ...i18n import digits
from ...services import articles as article_service
from ...services.chronologies import get_chronology
from ..forms import EmptyForm
from ..input_guard import whole_number
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


def _article_spans(text: str, marks: list[tuple[int, int, int]]) -> Markup:
    """The article as spans that know their offset (data-at), so a selection in it maps to exact character
    offsets (quiz/static/js/article_select.js); each candidate's clause (start, end, number) marked and numbered."""
    parts, position = [], 0

    def span(start: int, end: int) -> Markup:
        return Markup('<span data-at="{a}">{t}</span>').format(a=start, t=text[start:end]) if end > start else Markup()

    for start, end, number in sorted(marks):
        if start < position:
            continue
        parts.append(span(position, start))
        parts.append(Markup('<mark id="clause-{n}"><sup>{n}</sup> ').format(n=number) + span(start, end)
                     + Markup("</mark>"))
        position = end
    parts.append(span(position, len(text)))
    return Markup("").join(parts)


def _review_rows(draft, candidates) -> list[dict]:
    """One editable row per candidate, as the review screen first shows it (the seam proposes title and actors)."""
    rows = []
    for number, candidate in enumerate(candidates, start=1):
        fields = article_service.default_fields(candidate, draft)
        rows.append({
            "n": number, "id": "", "accept": True, "date": candidate.date.iso(),
            "qualifier": candidate.qualifier.value if candidate.qualifier else "",
            "end": candidate.range_end.iso() if candidate.range_end else "", "title_ar": fields["title_ar"],
            "title_en": fields["title_en"], "summary_ar": candidate.text_ar, "summary_en": "", "era": "",
            "actors": list(fields["actors"]), "places": list(fields["places"]), "proposed": list(fields["proposed"]),
            "candidate": candidate, "low": candidate.confidence < article_service.LOW_CONFIDENCE,
            "note": candidate.basis if candidate.inferred else None, "quote": "", "merge": "",
        })
    return rows


def _event_rows(document) -> list[dict]:
    """One editable row per event of a saved chronology."""
    content = document.content["chronology"]
    era_names = {era["id"]: era["title_ar"] for era in content["eras"]}
    return [{
        "n": number, "id": event["id"], "accept": True, "date": str(event["date"]),
        "qualifier": event.get("qualifier") or "", "end": event.get("end") or "", "title_ar": event["title_ar"],
        "title_en": "" if event["title_en"] == event["title_ar"] else event["title_en"],
        "summary_ar": event["summary_ar"],
        "summary_en": "" if event["summary_en"] == event["summary_ar"] else event["summary_en"],
        "era": era_names.get(event["era"], ""), "actors": list(event.get("actors", [])),
        "places": list(event.get("places", [])), "proposed": [], "candidate": None, "low": False,
        "note": (event.get("sources") or [{}])[0].get("note"), "quote": "", "merge": "",
    } for number, event in enumerate(content["events"], start=1)]


def _names(registry: dict[str, Entity]) -> dict[str, str]:
    """Every name, alias and id of the registry → the entity's id (what a teacher may type to add someone)."""
    names: dict[str, str] = {}
    for entity in registry.values():
        for name in (entity.id, entity.name_en, *entity.aliases_en, *entity.all_names_ar()):
            names.setdefault(name.strip().casefold(), entity.id)
    return names


def _posted_row(base: dict, number: int, names: dict[str, str], registry: dict[str, Entity]) -> dict:
    """A row as the form sent it (the base row gives what the form does not carry: the candidate, proposals)."""
    def field(name: str) -> str:
        return (request.form.get(f"c{number}-{name}") or "").strip()

    row = dict(base, n=number, accept=field("accept") == "y", date=field("date"), qualifier=field("qualifier"),
               end=field("end"), title_ar=field("title_ar"), title_en=field("title_en"),
               summary_ar=field("summary_ar"), summary_en=field("summary_en"), era=field("era"), merge=field("merge"),
               problems=[])
    for kind, key in (("actors", "actor"), ("places", "place")):
        chosen = [i for i in request.form.getlist(f"c{number}-{kind}") if i in registry]
        added = field(f"{key}-add")
        if added:
            found = names.get(added.casefold())
            if found is None:
                row["problems"].append("who")
            else:
                chosen.append(found)
        row[kind] = list(dict.fromkeys(chosen))
    return row


def _new_row(number: int, article: str | None, data: dict[str, str]) -> dict:
    """An event the teacher adds from a passage of the article (offsets from a selection, or a typed quote)."""
    row = {"n": number, "id": "", "accept": True, "date": data.get("date", "").strip(),
           "qualifier": data.get("qualifier", "").strip(), "end": data.get("end", "").strip(),
           "title_ar": data.get("title_ar", "").strip(), "title_en": "", "summary_ar": "", "summary_en": "",
           "era": data.get("era", "").strip(), "actors": [], "places": [], "proposed": [], "candidate": None,
           "low": False, "note": None, "merge": "", "problems": []}
    try:
        start, end = article_service.locate_quote(article or "", data.get("quote", ""),
                                                  _offset(data.get("start")), _offset(data.get("end_at")))
    except article_service.ArticleError:
        row.update(quote=data.get("quote", "").strip(), problems=["quote"])
        return row
    quote = (article or "")[start:end].strip()
    row.update(quote=quote, start=start, end_at=end, summary_ar=data.get("summary_ar", "").strip() or quote)
    row["title_ar"] = row["title_ar"] or article_service.cut_at_word(quote, article_service.TITLE_WORDS_CHARS)
    return row


MAX_ADDED_ROWS = 200  # events added from the article in one sitting; bounds the work a forged form can ask for


def _offset(value: str | None) -> int | None:
    return whole_number(value, max_digits=7)


def _posted(prefix: str) -> dict[str, str]:
    names = ("quote", "start", "end_at", "date", "qualifier", "end", "title_ar", "summary_ar", "era")
    return {name: request.form.get(f"{prefix}{name}") or "" for name in names}


def _rows_from_form(base_rows: list[dict], article: str | None, registry: dict[str, Entity]) -> list[dict]:
    """The rows the form sent: the page's own, those added earlier (kept as hidden quotes), and the new one."""
    names = _names(registry)
    posted = whole_number(request.form.get("rows"), max_digits=4) or 0
    count = min(max(posted, len(base_rows)), len(base_rows) + MAX_ADDED_ROWS)
    rows = []
    for number in range(1, count + 1):
        if number <= len(base_rows):
            rows.append(_posted_row(base_rows[number - 1], number, names, registry))
        else:
            added = _new_row(number, article, _posted(f"c{number}-"))
            rows.append(_posted_row(added, number, names, registry) | {
                k: added[k] for k in ("quote", "start", "end_at") if k in added} | {
                "problems": added["problems"]})
    new = _posted("new-")
    if new["quote"].strip():
        rows.append(_new_row(len(rows) + 1, article, new))
    return rows


def _confirmed(row: dict) -> list[dict]:
    """The people and places proposed for this row that the teacher ticked, with the role chosen for each."""
    confirmed = []
    for index, proposal in enumerate(row.get("proposed", ()), start=1):
        if request.form.get(f"c{row['n']}-new-{index}") == "y":
            role = (request.form.get(f"c{row['n']}-new-{index}-role") or "").strip()
            confirmed.append(dict(proposal, role=role or proposal.get("role")))
    return confirmed


def _events_from_rows(rows: list[dict]) -> tuple[list[article_service.ReviewedEvent], list[dict], bool]:
    """The accepted rows as events (merged rows folded into the row they name), the registry entries the teacher
    confirmed, and whether any row has a problem (then nothing is saved)."""
    events: dict[int, article_service.ReviewedEvent] = {}
    added: list[dict] = []
    merges: list[tuple[int, int]] = []
    for row in rows:
        if not row["accept"]:
            row["problems"] = []  # a rejected row is not saved, so nothing in it needs correcting
            continue
        entries = []
        for entry in article_service.new_entities(_confirmed(row)):
            same = next((e for e in added if (e["kind"], e["name_ar"]) == (entry["kind"], entry["name_ar"])), None)
            if same is None:  # the same new person ticked for two events is one person
                added.append(entry)
            entries.append(same or entry)
        people = tuple(e["id"] for e in entries if e["kind"] != "place")
        places = tuple(e["id"] for e in entries if e["kind"] == "place")
        event = article_service.ReviewedEvent(
            date=row["date"], qualifier=row["qualifier"] or None, title_ar=row["title_ar"],
            summary_ar=row["summary_ar"], title_en=row["title_en"], summary_en=row["summary_en"],
            actors=tuple(row["actors"]) + people, places=tuple(row["places"]) + places, note=row["note"],
            event_id=row["id"] or None, end=row["end"] or None, era=row["era"])
        row["problems"] = row.get("problems", []) + article_service.review_problems(event)
        events[row["n"]] = event
        if row["merge"]:
            target = whole_number(row["merge"], max_digits=4) or -1
            kept = {r["n"] for r in rows if r["accept"] and not r["merge"]}
            if target == row["n"] or target not in kept:
                row["problems"].append("merge")
            else:
                merges.append((row["n"], target))
    for source, target in merges:
        if source in events and target in events:
            events[target] = article_service.merged(events[target], events.pop(source))
    return list(events.values()), added, any(row.get("problems") for row in rows)


def _editor(rows: list[dict], registry: dict[str, Entity], article: Markup | None, **context) -> dict:
    """What the one event editor (templates/teach/_event_editor.html) needs, on both pages."""
    people = [e for e in registry.values() if e.kind != "place"]
    roles: dict[str, list[str]] = {}
    for person in people:
        for role in person.roles:
            roles.setdefault(role, []).append(person.name_ar)
    eras = sorted({row["era"] for row in rows if row.get("era")})
    return dict(context, rows=rows, registry=registry, article=article, people=people, eras=eras,
                places=[e for e in registry.values() if e.kind == "place"],
                roles=sorted(roles.items()), has_problems=any(row.get("problems") for row in rows),
                low=[row for row in rows if row.get("low")])


@bp.route("/articles/<int:draft_id>/review", methods=["GET", "POST"])
def article_review(draft_id: int):
    draft = article_service.draft_for(draft_id, current_user.id)
    if draft is None:  # saved already (the same review sent twice): show what was saved
        saved = article_service.saved_from_draft(draft_id, current_user.id)
        return redirect(url_for("teach.chronology", slug=saved.slug)) if saved else load_draft(draft_id)
    candidates = article_service.candidates_in(draft)
    rows, error = _review_rows(draft, candidates), None
    registry = article_service.shipped_registry()
    if request.method == "POST":
        require_button()
        rows = _rows_from_form(rows, draft.text, registry)
        events, added, wrong = _events_from_rows(rows)
        if not wrong and "add" not in request.form:
            try:
                return _save_draft(draft, events, added)
            except article_service.ArticleError as exc:
                db.session.rollback()
                error = _article_error(exc)
    marks = [(row["candidate"].start, row["candidate"].end, row["n"]) for row in rows if row["candidate"]]
    status = 422 if (error or any(row.get("problems") for row in rows)) else 200
    return render_template("teach/article_review.html", draft=draft, error=error, **_editor(
        rows, registry, _article_spans(draft.text, marks), action=url_for("teach.article_review",
                                                                          draft_id=draft.id))), status


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
    rows, error = _event_rows(document), None
    seen = whole_number(request.form.get("version")) if request.method == "POST" else None
    if request.method == "POST":
        require_button()
        rows = _rows_from_form(rows, document.article, registry)
        events, added, wrong = _events_from_rows(rows)
        if not wrong and "add" not in request.form:
            try:
                article_service.update_chronology(document, events, now(), seen_version=seen if seen is not None
                                                  else -1, added=added)
            except article_service.ArticleError as exc:
                db.session.rollback()
                error = _article_error(exc)
            else:
                db.session.commit()
                return redirect(url_for("teach.chronology", slug=slug))
    article = _article_spans(document.article, []) if document.article else None
    status = 422 if (error or any(row.get("problems") for row in rows)) else 200
    return render_template("teach/chronology_edit.html", document=document, error=error, **_editor(
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
