from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from ..forms import SelectField
from ..i18n import lazy_gettext as _l
from ..rules.workdays import HOLIDAY, WORKDAY
from .csv_import import FIRST_YEAR, LAST_YEAR

KIND_LABELS = {HOLIDAY: _l("Day off"), WORKDAY: _l("Working day")}


class DayForm(FlaskForm):
    """Add or change the override of one day."""

    day = DateField(_l("Date"), validators=[DataRequired()])
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice(value, label) for value, label in KIND_LABELS.items()],
        validators=[DataRequired()],
    )
    name = StringField(_l("Holiday name"), validators=[Length(max=50)])
    submit = SubmitField(_l("Save day"))


class ImportForm(FlaskForm):
    """Upload a year's official schedule as CSV; ``year`` says which year it is for."""

    year = IntegerField(
        _l("Year of the schedule"),
        validators=[
            InputRequired(_l("Enter the year the schedule is for.")),
            NumberRange(
                FIRST_YEAR,
                LAST_YEAR,
                _l("Enter a year between %(min)s and %(max)s."),
            ),
        ],
    )
    file = FileField(_l("CSV file"), validators=[FileRequired()])
    submit = SubmitField(_l("Import"))


class CheckForm(FlaskForm):
    """Ask about one date (a GET form: nothing changes)."""

    class Meta:
        csrf = False

    day = DateField(_l("Date"), validators=[DataRequired()])
    submit = SubmitField(_l("Check"))
