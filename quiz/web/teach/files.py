"""Question sets in and out of files: an upload is previewed before anything is saved, and a set downloads in
every format that can export it (quiz.interop does the reading and writing)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from flask import Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup

from ...clock import now
from ...extensions import db
from ...i18n import current_prefs, digits, render_message
from ...services import imports as import_service
from ...services import question_sets as set_service
from . import bp
from .forms import ConfirmImportForm, ImportForm, RereadImportForm
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
    "gift": (_l("Moodle GIFT"), _l("sources, event links, origin and images; line breaks inside ordering items; "
                                   "Moodle reads the grading type longest ordered subset only from Moodle XML")),
    "kahoot": (_l("Kahoot! spreadsheet"), _l("ordering questions, questions with more than 4 options, explanations, "
                                             "sources, images, the second language, and partial credit (Kahoot has "
                                             "none: true/false becomes two answers)")),
    "csv": (_l("CSV spreadsheet"), _l("the title, description, grading type, sources and images")),
}


@bp.app_template_global()
def format_label(key: str) -> str:
    return str(FORMAT_LABELS.get(key, (key, None))[0])


@bp.app_template_global()
def format_loses(key: str) -> str | None:
    loses = FORMAT_LABELS.get(key, (None, None))[1]
    return str(loses) if loses else None


@bp.before_app_request
def _larger_import_uploads() -> None:
    """The import form may send a file with its images (up to IMPORT_MAX_CONTENT_LENGTH); every other request
    keeps MAX_CONTENT_LENGTH. An app-level hook, so it runs before quiz.web.input_guard reads the form."""
    if request.method == "POST" and request.endpoint == "teach.import_set":
        request.max_content_length = current_app.config["IMPORT_MAX_CONTENT_LENGTH"]
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
    if form.validate_on_submit():
        upload = request.files.get("upload")
        if upload is None or not upload.filename:
            return _import_page(form, _("Choose a file to import."))
        data = upload.read(interop().MAX_UPLOAD_BYTES + 1)  # the importers hold the text to MAX_BYTES
        upload.close()  # a big upload is spooled to a temporary file: closed as soon as it is read
        return _read(upload.filename, data, None, form)
    return _import_page(form)


@bp.post("/sets/import/reread")
def reread_import():
    """The previewed file read again with the encoding the teacher chose, from the bytes kept with the preview:
    a new preview replaces the old one; a choice that cannot read the file leaves the old one in place."""
    form = _reread_form(None)
    if not form.validate_on_submit() or not form.token.data:
        abort(400)
    source = import_service.source_of(current_user, form.token.data)
    if source is None:  # confirmed, dropped, or not this teacher's
        flash(_("This preview was already imported or has expired. Upload the file again to import it."), "error")
        return redirect(url_for("teach.import_set"))
    return _read(*source, form.encoding.data, ImportForm(), replaces=form.token.data)


def _read(filename: str, data: bytes, encoding: str | None, form: ImportForm, replaces: str | None = None):
    """The preview of a file read (with the teacher's choice of encoding, when given), or the import page with
    the reason it cannot be read."""
    try:
        result = interop().import_any(data, filename, encoding=encoding)
    except interop().InteropError as exc:  # Messages: the template renders them (filter msg)
        reread = _reread_form(replaces, encoding) if replaces else None
        return _import_page(form, exc.message, list(exc.issues), reread)
    payload = interop().export_native(result.set, fmt="json").decode("utf-8")
    if replaces:
        import_service.drop_preview(current_user, replaces)
    token = import_service.keep_preview(current_user, payload, now(),
                                        source=(filename, data) if result.encoding else None)
    db.session.commit()
    g.pictures_pending = True  # not stored before the confirmation: templates/macros/media.html
    return render_template("teach/import_preview.html", result=result, filename=filename,
                           form=ConfirmImportForm(token=token),
                           reread=_reread_form(token, result.encoding) if result.encoding else None)


def _import_page(form: ImportForm, error: Any = None, issues: list[Any] | None = None,
                 reread: RereadImportForm | None = None):
    return render_template("teach/import.html", form=form, error=error, issues=issues or [], reread=reread,
                           formats=interop().FORMATS.values()), 422 if error else 200


@bp.app_template_global()
def encoding_label(codec: str) -> Markup:
    """An encoding's name in the interface's language (codecs without a label by their own name)."""
    label = interop().decode.CANDIDATES.get(codec)
    return render_message(label) if label else Markup.escape(codec.upper())


def _reread_form(token: str | None, encoding: str | None = None) -> RereadImportForm:
    """The form to read a kept file again; the encodings offered are the usual ones, plus the one used."""
    form = RereadImportForm(prefix="reread", token=token, encoding=encoding)
    codecs = list(interop().decode.CANDIDATES)
    if encoding and encoding not in codecs:
        codecs.append(encoding)
    form.encoding.choices = [(codec, encoding_label(codec)) for codec in codecs]
    return form


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
            result = interop().import_native_json(payload.encode("utf-8"))  # its images too (quiz.interop.native)
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
    try:
        result = interop().export_set(set_service.content_with_media(question_set.latest), key)
    except interop().InteropError as exc:  # nothing the format can hold (Kahoot and a set of ordering questions)
        flash(render_message(exc.message), "error")
        return redirect(url_for("teach.set_page", set_id=set_id))
    stem = re.sub(r"[^\w-]+", "-", question_set.latest.title, flags=re.UNICODE).strip("-")[:60] or f"set-{set_id}"
    filename = f"{stem}{file_format.extensions[0]}"
    ascii_name = f"set-{set_id}{file_format.extensions[0]}"
    return Response(result.data, mimetype=file_format.mime_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"})
