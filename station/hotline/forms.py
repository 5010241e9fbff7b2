"""The reporting-line log's forms."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectChoice,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..cases import labels
from ..forms import SelectField
from ..i18n import lazy_gettext as _l
from ..intake.forms import PHONE_PATTERN
from ..rules.vocab import CONFIDENTIAL_KINDS, KINDS, PHONE_LINES

PRIVATE = {"autocomplete": "off"}


class CallForm(FlaskForm):
    """A call as the one who took it tells it."""

    received_date = DateField(_l("Date"), validators=[DataRequired(_l("Enter the call's date."))])
    received_time = TimeField(_l("Time"), validators=[DataRequired(_l("Enter the call's time."))])
    line = SelectField(
        _l("Line"),
        choices=[SelectChoice(k, labels.PHONE_LINE[k]) for k in PHONE_LINES],
        default="station",
    )
    number = StringField(
        _l("Caller number"),
        description=_l("Leave empty when the number is withheld."),
        validators=[
            Optional(),
            Length(max=30),
            Regexp(PHONE_PATTERN, message=_l("A phone number has only digits, spaces, + - ( ).")),
        ],
        render_kw={**PRIVATE, "inputmode": "tel"},
    )
    anonymous = BooleanField(_l("Anonymous (the caller does not give a name)"))
    name = StringField(
        _l("Caller name"), validators=[Optional(), Length(max=50)], render_kw=PRIVATE
    )
    words = TextAreaField(
        _l("What was said"), validators=[Optional(), Length(max=5000)], render_kw={"rows": 4}
    )


def _kind_choices():
    return [SelectChoice(k, labels.KIND[k]) for k in KINDS if k not in CONFIDENTIAL_KINDS]


class DispositionForm(FlaskForm):
    """One call's disposition: the ``disposition`` button pressed says which."""

    disposition = StringField(validators=[DataRequired()])
    # Any kind gets through to the service, which says why a report is not answered here.
    kind = SelectField(
        _l("Kind"), choices=_kind_choices, default="consultation", validate_choice=False
    )
    answer = TextAreaField(
        _l("What the caller was told"), validators=[Optional(), Length(max=2000)]
    )
    ref = StringField(_l("Case reference"), validators=[Optional(), Length(max=20)])


class LineForm(FlaskForm):
    reporting_line = StringField(
        _l("Reporting-line number"),
        validators=[
            Optional(),
            Length(max=30),
            Regexp(PHONE_PATTERN, message=_l("A phone number has only digits, spaces, + - ( ).")),
        ],
    )
