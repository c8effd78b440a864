"""Forms for teachers and for joining a class. Question forms are built from the set's rules
(quiz.authoring.model): 2–6 options for multiple choice, 3–8 items for ordering."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
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
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ..authoring.model import MAX_ITEMS, MAX_OPTIONS, MAX_TEXT
from .forms import GRADING_LABELS, CheckboxesField
from .forms import options as choice_list

SHOW_ANSWER_LABELS = {
    "immediately": _l("After each question"),
    "after_submit": _l("After the student submits"),
    "after_close": _l("After the closing time"),
    "never": _l("Never"),
}
LANGUAGE_LABELS = {"ar": _l("Arabic"), "en": _l("English"), "both": _l("Arabic and English")}


class ClassForm(FlaskForm):
    name = StringField(_l("Class name"), validators=[DataRequired(), Length(max=120)])


class JoinForm(FlaskForm):
    code = StringField(_l("Class code"), validators=[DataRequired(), Length(min=4, max=12)],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"})
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=80)],
                               render_kw={"autocomplete": "nickname"})
    # One-time token, made when the form is shown (views.join): the same form sent twice joins once.
    # Optional, so that a page rendered before it existed still works (without that protection).
    join_token = HiddenField(validators=[Optional(), Length(min=16, max=64), Regexp(r"^[A-Za-z0-9_-]+$")])


class ResumeForm(FlaskForm):
    code = StringField(_l("Your personal code"), validators=[DataRequired(), Length(min=8, max=14)],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"})


class SetSettingsForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    language = SelectField(_l("Language of the questions"), choices=choice_list(LANGUAGE_LABELS.items()), default="ar")
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])
    grading_type = SelectField(_l("How ordering questions are scored"), choices=choice_list(GRADING_LABELS.items()),
                               default="relative_all_previous_and_next")
    shared = BooleanField(_l("Share with the other teachers on this server"))


class OptionForm(Form):
    text_ar = StringField(_l("Arabic"), validators=[Optional(), Length(max=MAX_TEXT)])
    text_en = StringField(_l("English"), validators=[Optional(), Length(max=MAX_TEXT)])


class _QuestionForm(FlaskForm):
    prompt_ar = TextAreaField(_l("Question (Arabic)"), validators=[Optional(), Length(max=MAX_TEXT)])
    prompt_en = TextAreaField(_l("Question (English)"), validators=[Optional(), Length(max=MAX_TEXT)])
    explanation_ar = TextAreaField(_l("Explanation shown after answering (Arabic)"),
                                   validators=[Optional(), Length(max=MAX_TEXT)])
    explanation_en = TextAreaField(_l("Explanation shown after answering (English)"),
                                   validators=[Optional(), Length(max=MAX_TEXT)])


class McqForm(_QuestionForm):
    options = FieldList(FormField(OptionForm), min_entries=MAX_OPTIONS, max_entries=MAX_OPTIONS)
    correct = RadioField(_l("Correct option"), choices=choice_list((i, str(i)) for i in range(1, MAX_OPTIONS + 1)),
                         coerce=int, validators=[InputRequired(message=_l("Mark the correct option."))])


class OrderingForm(_QuestionForm):
    options = FieldList(FormField(OptionForm), min_entries=MAX_ITEMS, max_entries=MAX_ITEMS)


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


class AssignmentForm(FlaskForm):
    question_set = SelectField(_l("Question set"), choices=[], validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    opens_at = DateTimeLocalField(_l("Opens"), validators=[InputRequired()], format="%Y-%m-%dT%H:%M")
    closes_at = DateTimeLocalField(_l("Closes"), validators=[InputRequired()], format="%Y-%m-%dT%H:%M")
    time_limit_minutes = IntegerField(_l("Time limit in minutes (empty: none)"),
                                      validators=[Optional(), NumberRange(1, 600)])
    max_attempts = IntegerField(_l("Attempts allowed"), default=1, validators=[InputRequired(), NumberRange(1, 20)])
    shuffle_questions = BooleanField(_l("Shuffle the questions for each student"), default=True)
    shuffle_options = BooleanField(_l("Shuffle the options for each student"), default=True)
    grading_type = SelectField(_l("How ordering questions are scored"), choices=choice_list(GRADING_LABELS.items()),
                               default="relative_all_previous_and_next")
    show_answers = SelectField(_l("Students see the right answers"), choices=choice_list(SHOW_ANSWER_LABELS.items()),
                               default="after_submit")

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The closing time must come after the opening time."))
