"""Forms of the admin pages: one per action; filters are GET forms without CSRF."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import SelectField
from ..i18n import ROLE_LABELS
from ..i18n import lazy_gettext as _l
from ..models import Station

NO_STATION = 0  # the station choice for installation-wide users (county staff, the server admin)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def role_choices(roles: tuple[str, ...]) -> list[SelectChoice]:
    return [SelectChoice(r, ROLE_LABELS[r]) for r in roles]


def station_choices(stations: list[Station]) -> list[SelectChoice]:
    return [SelectChoice(str(NO_STATION), _l("None (installation-wide)"))] + [
        SelectChoice(str(s.id), s.name) for s in stations
    ]


def _roles_field() -> MultiCheckboxField:
    # accounts.check_roles judges the roles, so that every refusal reads the same.
    return MultiCheckboxField(_l("Roles"), validate_choice=False)


class UserFilterForm(FlaskForm):
    class Meta:
        csrf = False

    inactive = BooleanField(_l("Show deactivated users too"))
    submit = SubmitField(_l("Show"))


class NewUserForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=50)])
    name = StringField(_l("Full name"), validators=[Optional(), Length(max=50)])
    roles = _roles_field()
    station = SelectField(_l("Station"), coerce=int, default=NO_STATION)
    submit = SubmitField(_l("Create user"))


class EditUserForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[Optional(), Length(max=50)])
    roles = _roles_field()
    submit = SubmitField(_l("Save"))


class StationForm(FlaskForm):
    name = StringField(_l("Station name"), validators=[DataRequired(), Length(max=100)])
    submit = SubmitField(_l("Add station"))


class StationContactForm(FlaskForm):
    """How the public reaches the station: printed on the receipt and the reply letter."""

    phone = StringField(
        _l("Phone for the public"),
        validators=[
            Optional(),
            Length(max=50),
            Regexp(
                r"^[0-9+()\- ]*$", message=_l("A phone number has only digits, spaces, + - ( ).")
            ),
        ],
    )
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    reception_place = StringField(_l("Reception place"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Save"))


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = SelectField(_l("Action"), validate_choice=False)
    username = StringField(_l("Username"), validators=[Optional(), Length(max=100)])
    submit = SubmitField(_l("Filter"))
