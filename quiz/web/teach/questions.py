"""The question editor of a set: write a question of any answer type (multiple choice, several correct
answers, true/false, ordering), edit one, delete one.

Several correct answers: the teacher ticks the right options, and each gets its share by `default_fractions`
(right ones share 100%, wrong ones share -100%), or writes every option's percentage (Moodle's grades) under
"Advanced". True/false: the statement and whether it is true; no options are written.

A question is addressed by its number in the set's latest version (1 for the first). Saving goes through the
set's rules (quiz.authoring.model), and a version that students answered is never changed: saving makes a new
one (services.question_sets.save_content).
"""

from __future__ import annotations

from dataclasses import replace

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from ...authoring.media import Media
from ...authoring.model import SetData, SetOption, SetQuestion, SetValidationError
from ...clock import now
from ...extensions import db
from ...i18n import localized
from ...interop import limits
from ...interop.media import ImageRefused
from ...messages import N_, Message
from ...scoring.answer_types import ANSWER_TYPES, AnswerType, answer_type, default_fractions
from ...services import media as media_service
from ...services import question_sets as set_service
from . import bp
from .forms import percent_value, question_form_class
from .loaders import load_set
from .undo import confirm_page, confirmed_state, record_and_flash


def _position_or_404(data: SetData, number: int) -> int:
    """The index of question `number` (counted from 1) in the set's content, or a 404."""
    if not 1 <= number <= len(data.questions):
        abort(404)
    return number - 1


def _question_form(kind: AnswerType, question: SetQuestion | None):
    form_class = question_form_class(kind.name)
    if request.method == "POST" or question is None:
        return form_class()
    form = form_class(formdata=None, prompt_ar=question.prompt_ar, prompt_en=question.prompt_en,
                      explanation_ar=question.explanation_ar, explanation_en=question.explanation_en,
                      image_alt=question.image_alt)
    for entry, option in zip(form.options.entries, question.options):
        entry.form.text_ar.data = option.text_ar
        entry.form.text_en.data = option.text_en
        entry.form.image_alt.data = option.image_alt
    if kind.gives_shares:
        _show_fractions(form, [option.fraction or 0.0 for option in question.options])
    if kind.marks_one_correct and question.correct is not None:
        form.correct.data = question.correct + 1
    return form


def _show_fractions(form, fractions: list[float]) -> None:
    """A several-answer question's marks on its form: the "right" boxes, and the percentages only when they
    are not the ones the boxes give by themselves (so a plain question opens without "Advanced")."""
    right = [index for index, fraction in enumerate(fractions) if fraction > 0]
    custom = fractions != default_fractions(len(fractions), right)
    for entry, fraction in zip(form.options.entries, fractions):
        entry.form.right.data = fraction > 0
        entry.form.percent.data = f"{fraction * 100:g}" if custom else ""


def _fractions_from_form(form, rows: list[int]) -> list[float] | None:
    """The shares of the options in `rows` (entry indexes): the typed percentages when any is written, else
    the default shares of the ticked ones; None when neither says which options are right."""
    entries = [form.options.entries[i].form for i in rows]
    if form.has_percents():
        return [percent_value(entry.percent.data) or 0.0 for entry in entries]
    right = [n for n, entry in enumerate(entries) if entry.right.data]
    return default_fractions(len(entries), right) if right else None


def _kept_language(previous: SetQuestion | None, question: SetQuestion) -> SetQuestion:
    """An imported question's recorded language (a French question) survives an edit while its text stays in
    the same fields; a question rewritten in Arabic, or given both texts, says its language by its fields."""
    if previous is None or previous.lang is None or question.prompt_ar or not question.prompt_en:
        return question
    return replace(question, lang=previous.lang)


def _question_from_form(kind: AnswerType, form, previous: SetQuestion | None,
                        pictures: list[Picture]) -> SetQuestion | Message:
    """The question the form describes, with the options' `pictures` (one per option row), or what keeps it
    from being one before the set's rules are asked."""
    filled = [(e.form.text_ar.data or "").strip() or None for e in form.options.entries]
    filled_en = [(e.form.text_en.data or "").strip() or None for e in form.options.entries]
    old_options = previous.options if previous else ()
    old = [old_options[i] if i < len(old_options) else SetOption() for i in range(len(filled))]
    # An option that is only an image (issue 17) has no text in the form and is kept with its image.
    rows = [(i, ar, en) for i, (ar, en) in enumerate(zip(filled, filled_en)) if ar or en or pictures[i][0]]
    fractions: list[float | None] = [None] * len(rows)
    if kind.gives_shares:
        shares = _fractions_from_form(form, [i for i, _a, _e in rows])
        if shares is None:
            return N_("Tick at least one right option.")
        fractions = list(shares)
    opts = tuple(SetOption(ar, en, old[i].event_id, fraction, image=pictures[i][0], image_alt=pictures[i][1])
                 for (i, ar, en), fraction in zip(rows, fractions))
    correct = None
    if kind.fixed_options:
        correct = (form.correct.data or 0) - 1
    elif kind.marks_one_correct:
        marked = (form.correct.data or 0) - 1
        correct = next((n for n, (i, _a, _e) in enumerate(rows) if i == marked), -1)
    return _kept_language(previous, SetQuestion(
        type=kind.name, prompt_ar=(form.prompt_ar.data or "").strip() or None,
        prompt_en=(form.prompt_en.data or "").strip() or None, options=opts, correct=correct,
        explanation_ar=(form.explanation_ar.data or "").strip() or None,
        explanation_en=(form.explanation_en.data or "").strip() or None,
        sources=previous.sources if previous else (), event_ids=previous.event_ids if previous else (),
        origin=previous.origin if previous else "authored", category=previous.category if previous else None,
        image=previous.image if previous else None, image_alt=previous.image_alt if previous else None,
    ))


Picture = tuple[str | None, str | None]  # (sha256, alternative text)


def _picture(question_set, fields, old: Picture, new_media: dict[str, Media]) -> Picture | Message:
    """A question's or an option's picture after this save (`fields`: the form or an option row, with their
    image, image_alt and remove_image): a new upload, checked as an import checks one and described (its bytes
    go into `new_media`); none when "Remove" is ticked; else the one it had, with the alternative text as typed
    (kept when left empty: an imported picture may come without one). A refused upload is a Message."""
    upload = fields.image.data
    alt = (fields.image_alt.data or "").strip() or None
    if isinstance(upload, FileStorage) and upload.filename:
        if alt is None:
            return N_("Write what the picture shows: screen readers read it aloud in its place.")
        try:
            # Bounded by MAX_CONTENT_LENGTH; read whole so that the message gives the picture's real size.
            media = media_service.checked_upload(question_set, upload.read(), new_media)
        except ImageRefused as refused:
            return N_("The picture was not saved: %(reason)s. Use a PNG, JPEG, GIF or WebP picture of at most "
                      "%(max)s MB.", reason=refused.reason, max=limits.MAX_IMAGE_BYTES // (1024 * 1024))
        new_media[media.sha256] = media
        return media.sha256, alt
    if fields.remove_image.data or old[0] is None:
        return None, None
    return old[0], alt or old[1]


def _pictures_from_form(question_set, form, previous: SetQuestion | None
                        ) -> tuple[Picture, list[Picture], dict[str, Media]] | list[Message]:
    """The question's picture, each option row's, and the new pictures' bytes; or every upload refused (then
    nothing is saved, and the old pictures stay)."""
    new_media: dict[str, Media] = {}
    old_options = previous.options if previous else ()
    refused: list[Message] = []
    question = _picture(question_set, form, (previous.image, previous.image_alt) if previous else (None, None),
                        new_media)
    if isinstance(question, Message):
        refused.append(question)
    options: list[Picture] = []
    for number, entry in enumerate(form.options.entries, start=1):
        old = old_options[number - 1] if number <= len(old_options) else SetOption()
        found = _picture(question_set, entry.form, (old.image, old.image_alt), new_media)
        if isinstance(found, Message):
            refused.append(N_("Option %(num)s: %(problem)s", num=number, problem=found))
            found = (None, None)
        options.append(found)
    if refused or isinstance(question, Message):
        return refused
    return question, options, new_media


def _edit_question(question_set, kind: AnswerType, position: int | None):
    data = set_service.content_of(question_set.latest)
    previous = data.questions[position] if position is not None else None
    form = _question_form(kind, previous)
    problems: list[str] = []
    if form.validate_on_submit():
        pictures = _pictures_from_form(question_set, form, previous)
        if isinstance(pictures, list):
            return _editor_page(question_set, form, kind, previous, pictures, data.language)
        (image, image_alt), option_pictures, media = pictures
        question = _question_from_form(kind, form, previous, option_pictures)
        if isinstance(question, Message):
            return _editor_page(question_set, form, kind, previous, [question], data.language)
        questions = list(data.questions)
        question = replace(question, image=image, image_alt=image_alt)
        if position is None:
            questions.append(question)
        else:
            questions[position] = question
        try:
            set_service.save_content(question_set, SetData(data.title, data.language, data.description,
                                                           data.grading_type, tuple(questions), media), now())
        except SetValidationError as error:
            problems = [message for _n, message in error.problems]  # Messages: rendered by the template
        else:
            db.session.commit()
            return redirect(url_for("teach.set_page", set_id=question_set.id))
    return _editor_page(question_set, form, kind, previous, problems, data.language)


def _editor_page(question_set, form, kind: AnswerType, previous: SetQuestion | None, problems: list,
                 language: str):
    status = 422 if (form.errors or problems) else 200
    return render_template("teach/question_form.html", question_set=question_set, form=form, kind=kind,
                           previous=previous, problems=problems, language=language,
                           slots=kind.max_options), status


@bp.route("/sets/<int:set_id>/questions/new/<kind>", methods=["GET", "POST"])
def new_question(set_id: int, kind: str):
    if kind not in ANSWER_TYPES or not ANSWER_TYPES[kind].authorable:
        abort(404)
    return _edit_question(load_set(set_id), ANSWER_TYPES[kind], None)


@bp.route("/sets/<int:set_id>/questions/<int:number>", methods=["GET", "POST"])
def edit_question(set_id: int, number: int):
    question_set = load_set(set_id)
    data = set_service.content_of(question_set.latest)
    position = _position_or_404(data, number)
    return _edit_question(question_set, answer_type(data.questions[position].type), position)


@bp.route("/sets/<int:set_id>/questions/<int:number>/delete", methods=["GET", "POST"])
def delete_question(set_id: int, number: int):
    question_set = load_set(set_id)
    data = set_service.content_of(question_set.latest)
    back = url_for("teach.set_page", set_id=question_set.id)
    if request.method == "GET":
        question = data.questions[_position_or_404(data, number)]
        return confirm_page(
            _("Delete question %(number)s?", number=number),
            [_("The question leaves the set: «%(prompt)s».", prompt=localized(question, "prompt")),
             _("Students' answers to it in assignments already given are kept, with their scores.")],
            _("Delete"), back, expected=set_service.question_fingerprint(question))
    expected = confirmed_state()
    if not 1 <= number <= len(data.questions):
        return redirect(back)  # the last question, deleted already (the same form sent twice)
    if expected and expected != set_service.question_fingerprint(data.questions[number - 1]):
        return redirect(back)  # sent twice: the question now at this number is another one; keep it
    kept = set_service.delete_question(question_set, number - 1, now())
    record_and_flash("delete_question", kept, _("Question %(number)s was deleted.", number=number))
    db.session.commit()
    return redirect(back)
