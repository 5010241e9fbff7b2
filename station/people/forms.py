"""Forms of the people room: recording a visit to a key person, and the head's interval."""

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, TextAreaField
from wtforms.validators import Optional

from ..cases import labels
from ..forms import SelectField
from ..i18n import lazy_gettext as _l
from ..intake.forms import choice_list, limit
from ..rules.vocab import VISIT_SATISFACTION
from .visits import SAID_MAX


class VisitForm(FlaskForm):
    """The checks that need the person and the station run in ``visits.check_visit``."""

    visited_on = DateField(_l("Visited on"), validators=[Optional()])
    visitor = SelectField(_l("Who went"), choices=[], validate_choice=False)
    said = TextAreaField(
        _l("What was said at the visit"), validators=[limit(SAID_MAX)], render_kw={"rows": 4}
    )
    satisfaction = SelectField(
        _l("Satisfaction"),
        choices=choice_list({k: labels.SATISFACTION[k] for k in VISIT_SATISFACTION}, blank="—"),
        default="",
        validate_choice=False,
    )

    def visitor_id(self) -> int | None:
        chosen = self.visitor.data or ""
        return int(chosen) if chosen.isdigit() else None


class IntervalForm(FlaskForm):
    visit_interval = IntegerField(_l("Visit interval (days)"), validators=[Optional()])
