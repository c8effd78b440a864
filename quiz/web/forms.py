"""Forms shared by the public pages: the timeline filters, the display preferences, accounts, joining a class and
practice. The teachers' forms live beside their views, in quiz/web/teach/."""

from __future__ import annotations

import secrets

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    Form,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional, Regexp, ValidationError

from ..authoring.text_rules import text_problem
from ..i18n import DIGIT_STYLES, MONTH_STYLES, render_message
from ..i18n import digits as in_readers_digits

YEAR_RANGE = NumberRange(min=1900, max=2100)


class CleanText:
    """Refuses control, direction-changing and invisible characters (quiz.authoring.text_rules), naming the one
    found, in the reader's language. Every field whose text is stored and shown to others has one: names,
    titles (`CleanText()`), questions and descriptions (`CleanText(multiline=True)`), user names
    (`CleanText(identifier=True)`)."""

    def __init__(self, *, multiline: bool = False, identifier: bool = False) -> None:
        self.multiline = multiline
        self.identifier = identifier

    def __call__(self, form: Form, field: Field) -> None:
        if not isinstance(field.data, str):
            return
        problem = text_problem(field.data, multiline=self.multiline, identifier=self.identifier)
        if problem is not None:
            raise ValidationError(render_message(problem.message))


NAME_TEXT = CleanText()
MULTILINE_TEXT = CleanText(multiline=True)


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (labels may be lazy translations)."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class TimelineFilterForm(Form):
    """GET filters for the timeline. Choices are filled from the chronology by the view."""

    era = SelectField(_l("Era"), choices=[], validate_choice=True, default="")
    year_from = IntegerField(_l("From year"), validators=[Optional(), YEAR_RANGE])
    year_to = IntegerField(_l("To year"), validators=[Optional(), YEAR_RANGE])
    person = SelectField(_l("Person or group"), choices=[], validate_choice=True, default="")

    def validate_year_to(self, field: IntegerField) -> None:
        if field.data is not None and self.year_from.data is not None and field.data < self.year_from.data:
            raise ValidationError(_l("The end year is before the start year."))

    def only_years_reversed(self) -> bool:
        """After validate(): whether the one mistake is an end year before the start year, which the form can
        show back (the number fields keep other wrong years out of the form; a URL with them points nowhere)."""
        return set(self.errors) == {"year_to"} and len(self.year_to.errors) == 1 and self.year_to.data is not None \
            and self.year_from.data is not None and self.year_to.data < self.year_from.data


class PrefsForm(FlaskForm):
    lang = SelectField(_l("Language"), choices=options([("ar", "العربية"), ("en", "English")]))
    month_style = SelectField(
        _l("Month names"),
        choices=options([("gregorian", "أبريل"), ("levantine", "نيسان"), ("both", "أبريل (نيسان)")]),
    )
    digits = SelectField(_l("Digits"), choices=options([("western", "2003"), ("eastern", "٢٠٠٣")]))
    # Absent from the language switch, which leaves projector mode as it is.
    projector = SelectField(_l("Big type for a projector"), choices=options([("0", _l("Off")), ("1", _l("On"))]),
                            validators=[Optional()], validate_choice=False)
    next = HiddenField()

    def validate_month_style(self, field: SelectField) -> None:
        if field.data not in MONTH_STYLES:  # pragma: no cover - SelectField already refuses
            raise ValidationError("unknown month style")

    def validate_digits(self, field: SelectField) -> None:
        if field.data not in DIGIT_STYLES:  # pragma: no cover
            raise ValidationError("unknown digit style")


# -- accounts -----------------------------------------------------------------------------------------


USERNAME_RULE = Regexp(r"^[\w.-]{3,40}$", message=_l("3 to 40 letters, digits, dots, dashes or underscores."))


class LoginForm(FlaskForm):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=40)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class SignupForm(FlaskForm):
    username = StringField(_l("User name"), validators=[DataRequired(), CleanText(identifier=True), USERNAME_RULE],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    display_name = StringField(_l("Your name as others will see it"),
                               validators=[DataRequired(), Length(max=80), NAME_TEXT],
                               render_kw={"autocomplete": "name"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=8, max=200)],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Password again"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
                            render_kw={"autocomplete": "new-password"})


class PasswordChangeForm(FlaskForm):
    """The new password follows the sign-up form's rules."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)],
                            render_kw={"autocomplete": "current-password"})
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=8, max=200)],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
                            render_kw={"autocomplete": "new-password"})


class EmptyForm(FlaskForm):
    """A POST-only button (log out, invite) still needs its CSRF token."""


# -- joining a class ----------------------------------------------------------------------------------


class JoinForm(FlaskForm):
    code = StringField(_l("Class code"), validators=[DataRequired(), Length(min=4, max=12)],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"})
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=80), NAME_TEXT],
                               render_kw={"autocomplete": "nickname"})
    # One-time token, made when the form is shown (views.join): the same form sent twice joins once.
    # Optional, so that a page rendered before it existed still works (without that protection).
    join_token = HiddenField(validators=[Optional(), Length(min=16, max=64), Regexp(r"^[A-Za-z0-9_-]+$")])


class ResumeForm(FlaskForm):
    code = StringField(_l("Your personal code"), validators=[DataRequired(), Length(min=8, max=14)],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"})


# -- practice -----------------------------------------------------------------------------------------


KIND_LABELS = {
    "when": _l("When did it happen?"),
    "what_happened": _l("What happened on a date?"),
    "who": _l("Who did it?"),
    "how_many": _l("How many?"),
    "first": _l("Which came first?"),
    "last": _l("Which came last?"),
    "before": _l("Which came before?"),
    "after": _l("Which came after?"),
    "order": _l("Put events in order"),
    "storyline_order": _l("Put the steps of one storyline in order"),
    "era": _l("Which stage of the story?"),
    "cause": _l("What led to it?"),
    "consequence": _l("What did it lead to?"),
    "source_says": _l("Which source says what?"),
}
GRADING_LABELS = {
    "relative_all_previous_and_next": _l("Share of pairs in the right order (recommended)"),
    "longest_ordered_subset": _l("Longest run in the right order"),
    "relative_to_siblings": _l("Right neighbours before and after"),
    "absolute_position": _l("Each item in its exact place"),
    "all_or_nothing": _l("All or nothing"),
}
# An assignment's grading method (quiz.scoring.grading_method), as results and exports name it.
GRADING_METHOD_LABELS = {
    "highest": _l("Highest attempt"),
    "average": _l("Average of the attempts"),
    "first": _l("First attempt"),
    "last": _l("Last attempt"),
}


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class StartForm(FlaskForm):
    """A form that starts an attempt. Its one-time token, made when the form is shown, makes a double-click,
    a retry or a second tab sending the same form start one attempt, not two."""

    start_token = HiddenField(default=lambda: secrets.token_urlsafe(16),
                              validators=[Optional(), Regexp(r"^[A-Za-z0-9_-]{8,40}$")])

    def token(self) -> str:
        """The form's token, or a new one for a form sent without (an older page): that start is not deduplicated."""
        return self.start_token.data or secrets.token_urlsafe(16)


class PracticeForm(StartForm):
    # The counts in the reader's digits, worked out when the list is drawn (a class attribute outlives requests).
    count = SelectField(_l("Number of questions"), choices=options([(n, LazyString(in_readers_digits, n))
                                                                        for n in (5, 10, 15, 20)]),
                        coerce=int, default=10)
    eras = CheckboxesField(_l("Eras (none ticked: all)"), choices=[])
    kinds = CheckboxesField(_l("Question kinds (none ticked: all)"), choices=[])
    difficulty = SelectField(_l("Difficulty"), default="", choices=options([
        ("", _l("A mix")), ("easy", _l("Easy")), ("medium", _l("Medium")), ("hard", _l("Hard"))]))
    grading_type = SelectField(_l("How ordering questions are scored"),
                               choices=options(GRADING_LABELS.items()), default="relative_all_previous_and_next")


# -- becoming a teacher -------------------------------------------------------------------------------


class SetupForm(SignupForm):
    """The first teacher's account, on a fresh install, with the proof that its sender runs the server."""

    setup_token = StringField(_l("Setup token"), validators=[DataRequired(), Length(max=100)],
                              render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false",
                                         "dir": "ltr"})


class TeacherAccessForm(FlaskForm):
    message = TextAreaField(_l("A message for the teachers (optional)"),
                            validators=[Optional(), Length(max=500), MULTILINE_TEXT],
                            render_kw={"rows": 3})
