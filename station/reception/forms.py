"""Reception day's forms. The sign-in form's fields take a new prefix on every page."""

from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    PasswordField,
    SelectChoice,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from ..cases import labels
from ..forms import SelectField
from ..i18n import lazy_gettext as _l
from ..intake.forms import PHONE_PATTERN
from ..rules.vocab import CONFIDENTIAL_KINDS, KINDS

# Whatever a visitor types is never offered to the next one (docs/domain.md "Station duties").
PRIVATE = {
    "autocomplete": "off",
    "autocorrect": "off",
    "autocapitalize": "off",
    "spellcheck": "false",
}
WEEKDAY_NAMES = (_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"))


class SignInForm(FlaskForm):
    """Name, phone, the matter in a sentence and how many came; made with a fresh
    ``prefix`` per page, so that no field name repeats for the browser to fill."""

    name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Enter your name.")), Length(max=50)],
        render_kw=PRIVATE,
    )
    phone = StringField(
        _l("Phone"),
        validators=[
            Optional(),
            Length(max=30),
            Regexp(PHONE_PATTERN, message=_l("A phone number has only digits, spaces, + - ( ).")),
        ],
        render_kw={**PRIVATE, "inputmode": "tel"},
    )
    matter = TextAreaField(
        _l("Your matter, in a sentence"),
        validators=[DataRequired(_l("Say in a sentence what you came about.")), Length(max=500)],
        render_kw={**PRIVATE, "rows": 3},
    )
    headcount = IntegerField(
        _l("How many of you came"),
        default=1,
        validators=[DataRequired(_l("How many of you came?")), NumberRange(min=1, max=200)],
        render_kw={**PRIVATE, "inputmode": "numeric", "min": 1, "max": 200},
    )


class LeaveKioskForm(FlaskForm):
    """A staff login, to turn the kiosk back into a staff member's browser."""

    username = StringField(_l("Username"), validators=[DataRequired()], render_kw=PRIVATE)
    password = PasswordField(
        _l("Password"), validators=[DataRequired()], render_kw={"autocomplete": "off"}
    )


class SettingForm(FlaskForm):
    weekday = SelectField(
        _l("Reception day"),
        choices=[SelectChoice(i, label) for i, label in enumerate(WEEKDAY_NAMES)],
        coerce=int,
    )
    closes_at = TimeField(_l("Closing time"), validators=[DataRequired()])


class HostForm(FlaskForm):
    day = StringField(validators=[DataRequired()])
    host = SelectField(_l("Host"), choices=[], validate_choice=False)


def _kind_choices():
    return [SelectChoice(k, labels.KIND[k]) for k in KINDS if k not in CONFIDENTIAL_KINDS]


class OutcomeForm(FlaskForm):
    """One visitor's outcome: the ``outcome`` button pressed says which."""

    outcome = StringField(validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=1000)])
    kind = SelectField(_l("Kind"), choices=_kind_choices, default="consultation")
    answer = TextAreaField(
        _l("What the visitor was told"), validators=[Optional(), Length(max=2000)]
    )
