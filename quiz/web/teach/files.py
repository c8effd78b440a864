"""Question sets in and out of files: an upload is previewed before anything is saved, and a set downloads in
every format that can export it (quiz.interop does the reading and writing)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from ...clock import now
from ...extensions import db
from ...i18n import current_prefs, digits
from ...services import imports as import_service
from ...services import question_sets as set_service
from . import bp
from .forms import ConfirmImportForm, ImportForm
from .loaders import load_set


def interop() -> Any:
    """quiz.interop, imported on first use rather than by every server worker: its XML, HTML and spreadsheet
    readers cost each worker about 2.5 MB, for pages only teachers open."""
    from ... import interop as module

    return module


# The formats' names and what each export leaves out, in the interface's language (quiz/interop keeps the
# English originals for the CLI).
FORMAT_LABELS = {
    "native-yaml": (_l("Chronoquiz set (YAML)"), None),
    "native-json": (_l("Chronoquiz set (JSON)"), None),
    "moodle-xml": (_l("Moodle XML"), _l("sources, event links and origin")),
    "gift": (_l("Moodle GIFT"), _l("sources, event links and origin; line breaks inside ordering items")),
    "kahoot": (_l("Kahoot! spreadsheet"), _l("ordering questions, questions with more than 4 options, explanations, "
                                             "sources and the second language")),
    "csv": (_l("CSV spreadsheet"), _l("the title, description, grading type and sources")),
}


@bp.app_template_global()
def format_label(key: str) -> str:
    return str(FORMAT_LABELS.get(key, (key, None))[0])


@bp.app_template_global()
def format_loses(key: str) -> str | None:
    loses = FORMAT_LABELS.get(key, (None, None))[1]
    return str(loses) if loses else None


@bp.app_template_global()
def languages_summary(counts: dict[str, int] | Any) -> str:
    """ "42 questions in Arabic, 8 in English, 3 in French" in the reader's language, from an import's
    `languages` or a set's questions (language names from the CLDR data Babel ships, so every language a
    question can be in has its name without a catalogue entry)."""
    from babel import Locale

    from ...authoring.languages import BILINGUAL, language_counts

    if not isinstance(counts, dict):
        counts = language_counts(counts)
    lang = current_prefs().lang
    names = Locale.parse(lang).languages
    parts = [digits(ngettext("%(num)s question in %(language)s", "%(num)s questions in %(language)s", number,
                             language=_("Arabic and English") if code == BILINGUAL else names.get(code, code)))
             for code, number in counts.items()]
    return ("، " if lang == "ar" else ", ").join(parts)


@bp.route("/sets/import", methods=["GET", "POST"])
def import_set():
    form = ImportForm()
    error, issues = None, []
    if form.validate_on_submit():
        upload = request.files.get("upload")
        if upload is None or not upload.filename:
            error = _("Choose a file to import.")
        else:
            data = upload.read(interop().MAX_BYTES + 1)
            upload.close()  # a big upload is spooled to a temporary file: closed as soon as it is read
            try:
                result = interop().import_any(data, upload.filename)
            except interop().InteropError as exc:
                error, issues = exc.message, list(exc.issues)  # Messages: the template renders them (filter msg)
            else:
                payload = interop().export_native(result.set, fmt="json").decode("utf-8")
                token = import_service.keep_preview(current_user, payload, now())
                db.session.commit()
                return render_template("teach/import_preview.html", result=result, filename=upload.filename,
                                       form=ConfirmImportForm(token=token))
    return render_template("teach/import.html", form=form, error=error, issues=issues,
                           formats=interop().FORMATS.values()), 422 if error else 200


@bp.post("/sets/import/confirm")
def confirm_import():
    form = ConfirmImportForm()
    if not form.validate_on_submit() or not form.token.data:
        abort(400)
    payload = import_service.take_preview(current_user, form.token.data)
    if payload is None:  # already imported (a second click), expired, or not this teacher's
        flash(_("This preview was already imported or has expired. Upload the file again to import it."), "error")
        return redirect(url_for("teach.import_set"))
    try:
        with interop().limits.time_budget():
            result = interop().import_native_json(payload.encode("utf-8"))
    except interop().InteropError:
        abort(400)
    question_set = set_service.create_set(current_user, result.set, now())
    db.session.commit()
    flash(digits(ngettext("%(num)s question was imported.", "%(num)s questions were imported.",
                          len(result.set.questions))) + " " + _("Languages: %(summary)s",
                                                                 summary=languages_summary(result.languages)),
          "success")
    return redirect(url_for("teach.set_page", set_id=question_set.id))


@bp.get("/sets/<int:set_id>/export/<key>")
def export_set(set_id: int, key: str):
    question_set = load_set(set_id, write=False)
    file_format = interop().FORMATS.get(key)
    if file_format is None or file_format.exporter is None:
        abort(404)
    result = interop().export_set(set_service.content_of(question_set.latest), key)
    stem = re.sub(r"[^\w-]+", "-", question_set.latest.title, flags=re.UNICODE).strip("-")[:60] or f"set-{set_id}"
    filename = f"{stem}{file_format.extensions[0]}"
    ascii_name = f"set-{set_id}{file_format.extensions[0]}"
    return Response(result.data, mimetype=file_format.mime_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"})
