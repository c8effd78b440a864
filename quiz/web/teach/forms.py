"""The teachers' forms. Question forms are built from the set's rules (quiz.authoring.model): 2–6 options for
multiple choice, 3–8 items for ordering. POST-only buttons (archive, delete, new code) post an EmptyForm, checked
by require_button."""

from __future__ import annotations

import functools

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ...authoring.model import MAX_TEXT
from ...interop.limits import MAX_IMAGE_BYTES
from ...scoring.answer_types import ANSWER_TYPES, answer_type
from ...scoring.grading_method import DEFAULT_METHOD
from ...services.assignments import ATTEMPTS_RANGE, TIME_LIMIT_RANGE
from ..forms import GRADING_LABELS, GRADING_METHOD_LABELS, MULTILINE_TEXT, NAME_TEXT, CheckboxesField, EmptyForm
from ..forms import options as choice_list


def require_button() -> None:
    """A POST-only button was pressed: a POST with a valid CSRF token, else 400."""
    if not EmptyForm().validate_on_submit():
        abort(400)


SHOW_ANSWER_LABELS = {
    "immediately": _l("After each question"),
    "after_submit": _l("After the student submits"),
    "after_close": _l("After the closing time"),
    "never": _l("Never"),
}
LANGUAGE_LABELS = {"ar": _l("Arabic"), "en": _l("English"), "both": _l("Arabic and English"),
                   "mixed": _l("Each question in its own language")}


class ClassForm(FlaskForm):
    name = StringField(_l("Class name"), validators=[DataRequired(), Length(max=120), NAME_TEXT])


class SetSettingsForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), NAME_TEXT])
    language = SelectField(_l("Language of the questions"), choices=choice_list(LANGUAGE_LABELS.items()), default="ar")
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000), MULTILINE_TEXT])
    grading_type = SelectField(_l("How ordering questions are scored"), choices=choice_list(GRADING_LABELS.items()),
                               default="relative_all_previous_and_next")
    shared = BooleanField(_l("Share with the other teachers on this server"))


def picture_fields() -> tuple[FileField, StringField, BooleanField]:
    """A question's or an option's picture (issue 17): the file, checked like an imported one when the question
    is saved (services.media.checked_upload); what it shows, which a screen reader says in its place; and
    "Remove"."""
    return (FileField(_l("Picture (PNG, JPEG, GIF or WebP, up to %(max)s MB)", max=MAX_IMAGE_BYTES // (1024 * 1024)),
                      render_kw={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
            StringField(_l("What the picture shows (read aloud by screen readers)"),
                        validators=[Optional(), Length(max=300), NAME_TEXT]),
            BooleanField(_l("Remove the picture")))


class OptionForm(Form):
    text_ar = StringField(_l("Arabic"), validators=[Optional(), Length(max=MAX_TEXT), NAME_TEXT])
    text_en = StringField(_l("English"), validators=[Optional(), Length(max=MAX_TEXT), NAME_TEXT])
    image, image_alt, remove_image = picture_fields()


# A percentage as a teacher types it: Arabic-Indic digits, the Arabic decimal comma and per cent sign, a typed
# minus sign.
_PERCENT_CHARS = str.maketrans({**{c: str(i % 10) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")},
                                "٫": ".", ",": ".", "−": "-", "%": "", "٪": "", " ": ""})


def percent_value(raw: str | None) -> float | None:
    """A typed percentage as a share of the mark (50 -> 0.5); None when empty; ValueError when not a number."""
    text = (raw or "").translate(_PERCENT_CHARS).strip()
    if not text:
        return None
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):  # "nan", "inf": float() reads them
        raise ValueError(text)
    return value / 100


def _a_percentage(form: Form, field: StringField) -> None:
    try:
        percent_value(field.data)
    except ValueError:
        raise ValidationError(_l("Write the share as a number of per cent, such as 50 or -25.")) from None


class MultiOptionForm(OptionForm):
    """An option of a question with several correct answers: its text, whether it is right, and (optionally)
    its share of the mark in per cent, which wins over the "right" box (Moodle's grades)."""

    right = BooleanField(_l("Right"))
    percent = StringField(_l("Share of the mark (%)"), validators=[Optional(), Length(max=12), _a_percentage])


# Each language's text runs in its own direction whatever the page's: an English question typed on the Arabic
# editor otherwise shows its question mark at the wrong end ("?Which…").
ARABIC_TEXT = {"dir": "rtl", "lang": "ar"}
ENGLISH_TEXT = {"dir": "ltr", "lang": "en"}


class _QuestionForm(FlaskForm):
    prompt_ar = TextAreaField(_l("Question (Arabic)"), validators=[Optional(), Length(max=MAX_TEXT), MULTILINE_TEXT],
                              render_kw=ARABIC_TEXT)
    prompt_en = TextAreaField(_l("Question (English)"), validators=[Optional(), Length(max=MAX_TEXT), MULTILINE_TEXT],
                              render_kw=ENGLISH_TEXT)
    explanation_ar = TextAreaField(_l("Explanation shown after answering (Arabic)"),
                                   validators=[Optional(), Length(max=MAX_TEXT), MULTILINE_TEXT], render_kw=ARABIC_TEXT)
    explanation_en = TextAreaField(_l("Explanation shown after answering (English)"),
                                   validators=[Optional(), Length(max=MAX_TEXT), MULTILINE_TEXT],
                                   render_kw=ENGLISH_TEXT)
    image, image_alt, remove_image = picture_fields()

    def has_percents(self) -> bool:
        """Whether any option row has a share of the mark written (several correct answers' advanced marks)."""
        return any((getattr(entry.form, "percent", None) and (entry.form.percent.data or "").strip())
                   for entry in self.options.entries)


@functools.cache
def question_form_class(type_name: str) -> type[_QuestionForm]:
    """The editor's form for an answer type: as many option rows as the type allows, and a "correct" pick
    where the teacher marks one option right (quiz.scoring.answer_types)."""
    kind = answer_type(type_name)
    slots = 0 if kind.fixed_options else kind.max_options  # true/false: the options are the interface's own
    option_form = MultiOptionForm if kind.gives_shares else OptionForm
    fields: dict[str, object] = {
        "options": FieldList(FormField(option_form), min_entries=slots, max_entries=slots)}
    if kind.marks_one_correct:
        missing = _l("Mark the statement true or false.") if kind.fixed_options else _l("Mark the correct option.")
        fields["correct"] = RadioField(
            _l("Correct option"), choices=choice_list((i, str(i)) for i in range(1, kind.max_options + 1)),
            coerce=int, validators=[InputRequired(message=missing)])
    return type(f"{type_name.title()}QuestionForm", (_QuestionForm,), fields)


# Built now, not at the first request: quiz.web.input_guard reads every form's file fields (the options'
# pictures among them) once, before any view runs.
for _type_name in ANSWER_TYPES:
    if ANSWER_TYPES[_type_name].authorable:
        question_form_class(_type_name)


class GenerateForm(FlaskForm):
    chronology = SelectField(_l("Chronology"), choices=[])
    eras = CheckboxesField(_l("Eras (none ticked: all)"), choices=[])
    year_from = IntegerField(_l("From year"), validators=[Optional(), NumberRange(1900, 2100)])
    year_to = IntegerField(_l("To year"), validators=[Optional(), NumberRange(1900, 2100)])
    people = CheckboxesField(_l("People (none ticked: all)"), choices=[])
    kinds = CheckboxesField(_l("Question kinds (none ticked: all)"), choices=[])
    count = IntegerField(_l("Number of questions"), default=10, validators=[InputRequired(), NumberRange(1, 50)])
    difficulty = SelectField(_l("Difficulty"), choices=choice_list([("", _l("A mix")), ("easy", _l("Easy")),
                                                                ("medium", _l("Medium")), ("hard", _l("Hard"))]),
                             default="")
    seed = IntegerField(_l("Seed (the same seed gives the same questions)"), default=1,
                        validators=[InputRequired(), NumberRange(0, 2**31 - 1)])

    def validate_year_to(self, field: IntegerField) -> None:
        if field.data is not None and self.year_from.data is not None and field.data < self.year_from.data:
            raise ValidationError(_l("The end year is before the start year."))


class AssignmentRulesForm(FlaskForm):
    """What a teacher sets for an assignment and may change while it runs (the edit page is this form)."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), NAME_TEXT])
    opens_at = DateTimeLocalField(_l("Opens"), validators=[InputRequired()], format="%Y-%m-%dT%H:%M")
    closes_at = DateTimeLocalField(_l("Closes"), validators=[InputRequired()], format="%Y-%m-%dT%H:%M")
    time_limit_minutes = IntegerField(_l("Time limit in minutes (empty: none)"),
                                      validators=[Optional(), NumberRange(*TIME_LIMIT_RANGE)])
    max_attempts = IntegerField(_l("Attempts allowed"), default=1,
                                validators=[InputRequired(), NumberRange(*ATTEMPTS_RANGE)])
    grading_method = SelectField(_l("A student's score when they make several attempts"),
                                 choices=choice_list(GRADING_METHOD_LABELS.items()), default=DEFAULT_METHOD)
    show_answers = SelectField(_l("Students see the right answers"), choices=choice_list(SHOW_ANSWER_LABELS.items()),
                               default="after_submit")

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The closing time must come after the opening time."))


class AssignmentForm(AssignmentRulesForm):
    """A new assignment: the rules, and what shapes the questions (fixed once students have them)."""

    question_set = SelectField(_l("Question set"), choices=[], validators=[DataRequired()])
    shuffle_questions = BooleanField(_l("Shuffle the questions for each student"), default=True)
    shuffle_options = BooleanField(_l("Shuffle the options for each student"), default=True)
    grading_type = SelectField(_l("How ordering questions are scored"), choices=choice_list(GRADING_LABELS.items()),
                               default="relative_all_previous_and_next")


class ClosingTimeForm(FlaskForm):
    """Extend for everyone, or reopen a closed assignment: a new closing time."""

    closes_at = DateTimeLocalField(_l("New closing time"), validators=[InputRequired()], format="%Y-%m-%dT%H:%M")


class ConfirmForm(FlaskForm):
    """A confirmation page's button. `expected` says what the page showed (a question's fingerprint, the class
    code): when the thing has changed since, the request is a repeat of one already done, and does nothing."""

    expected = HiddenField()


class ArticleForm(FlaskForm):
    title = StringField(_l("Title of the article"), validators=[Optional(), Length(max=200), NAME_TEXT])
    text = TextAreaField(_l("Paste the article"), validators=[Optional()])
    upload = FileField(_l("…or upload a .txt file (UTF-8)"))
    year = IntegerField(_l("The article's year, if it names months without a year"),
                        validators=[Optional(), NumberRange(1900, 2100)])


class ImportForm(FlaskForm):
    upload = FileField(_l("File to import"))


class ConfirmImportForm(FlaskForm):
    # The token of the previewed set, kept server-side (services/imports): confirming imports exactly what was
    # shown, whatever its size, and the document goes through the validating importer again.
    token = HiddenField()


class RereadImportForm(FlaskForm):
    # The previewed file read again with the encoding the teacher chooses (its bytes are kept server-side under
    # the preview's token). The choices are quiz.interop.decode.CANDIDATES, set by the view (their labels are
    # the core's messages, translated there).
    token = HiddenField()
    encoding = SelectField(_l("Read the file as"), choices=[])


LEADERBOARD_LABELS = {
    "all": _l("Everyone, in order"),
    "top5": _l("Only the top five"),
    "hidden": _l("Hidden (each player sees their own place)"),
}


class LiveForm(FlaskForm):
    """A live lesson: questions from a set (or generated now from the chronology), for a class or anyone with the
    code, and how it is paced and scored."""

    source = SelectField(_l("Questions"), choices=[], validators=[DataRequired()])
    generated_count = IntegerField(_l("How many generated questions"), default=10,
                                   validators=[Optional(), NumberRange(1, 30)])
    classroom = SelectField(_l("Who plays"), choices=[], default="")
    time_limit = IntegerField(_l("Seconds to answer each question (empty: no timer)"), default=30,
                              validators=[Optional(), NumberRange(5, 600)])
    auto_advance = IntegerField(_l("Go on by itself after showing the answer, seconds (empty: when I click)"),
                                validators=[Optional(), NumberRange(5, 600)])
    speed_bonus = BooleanField(_l("Bonus points for quick right answers (shown apart from accuracy)"), default=False)
    leaderboard = SelectField(_l("Leaderboard on the projector"), choices=choice_list(LEADERBOARD_LABELS.items()),
                              default="all")
    grading_type = SelectField(_l("How ordering questions are scored"), choices=choice_list(GRADING_LABELS.items()),
                               default="relative_all_previous_and_next")


class AccommodationForm(FlaskForm):
    """A student's accommodations (in a class, or for one assignment). Empty fields: none (for one assignment:
    the class's). The ranges are checked by the service (quiz.scoring.accommodations.check), in one place."""

    time_multiplier = DecimalField(_l("Time × (for example 1.5)"), places=None, validators=[Optional()],
                                   render_kw={"inputmode": "decimal", "dir": "ltr"})
    extra_minutes = IntegerField(_l("Extra minutes"), validators=[Optional()], render_kw={"dir": "ltr"})
    extra_attempts = IntegerField(_l("Extra attempts"), validators=[Optional()], render_kw={"dir": "ltr"})
    max_options = IntegerField(_l("Options per multiple-choice question (at least 2)"), validators=[Optional()],
                               render_kw={"dir": "ltr"})
    closes_at = DateTimeLocalField(_l("Closes later for this student"), validators=[Optional()],
                                   format="%Y-%m-%dT%H:%M")
    read_aloud = BooleanField(_l("Read-aloud button on questions"))
    # For one assignment: on, off, or as the class has it (a checkbox could not say "off although the class
    # has it").
    read_aloud_here = SelectField(
        _l("Read-aloud button on questions"), default="",
        choices=choice_list([("", _l("As in the class")), ("on", _l("On")), ("off", _l("Off"))]))
