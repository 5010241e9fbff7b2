"""The case list's filter form: a GET form without CSRF, its choices set by the view."""

from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SubmitField
from wtforms.validators import Optional, ValidationError

from ..forms import BooleanField, DateField, SelectField
from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..i18n import plain_vocabularies
from . import labels, refs
from .listing import UNASSIGNED, Filters

ANY = ""


def _choices(vocabulary: dict, values=None) -> list[SelectChoice]:
    keys = vocabulary if values is None else values
    return [SelectChoice(ANY, _l("Any"))] + [SelectChoice(k, vocabulary[k]) for k in keys]


def in_register_years(form: FlaskForm, field: DateField) -> None:
    """A date within ``refs.YEARS`` (a year-1 or year-9999 bound would overflow in UTC)."""
    if field.data is not None and field.data.year not in refs.YEARS:
        first, last = refs.YEARS.start, refs.YEARS.stop - 1
        raise ValidationError(
            _l("Enter a date between %(first)d and %(last)d.", first=first, last=last)
        )


class CaseFilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), default=ANY)
    channel = SelectField(_l("Channel"), default=ANY)
    kind = SelectField(_l("Kind"), default=ANY)
    importance = SelectField(_l("Importance"), default=ANY)
    assignee = SelectField(_l("Assigned to"), default=ANY)
    received_from = DateField(_l("Received from"), validators=[Optional(), in_register_years])
    received_to = DateField(_l("Received until"), validators=[Optional(), in_register_years])
    overdue = BooleanField(_l("Overdue only"))
    submit = SubmitField(_l("Show"))

    def set_choices(self, *, kinds: list[str], staff: Iterable[tuple[int, str]]) -> None:
        shown = plain_vocabularies(labels)
        self.status.choices = _choices(shown.STATUS)
        self.channel.choices = _choices(shown.CHANNEL)
        self.kind.choices = _choices(shown.KIND, kinds)
        self.importance.choices = _choices(shown.IMPORTANCE)
        self.assignee.choices = [
            SelectChoice(ANY, _l("Anyone")),
            SelectChoice(UNASSIGNED, _l("Nobody yet")),
        ] + [SelectChoice(str(user_id), name) for user_id, name in staff]

    def filters(self) -> tuple[Filters, list[str]]:
        """The filters to apply and, for each one left out, a message saying why."""
        self.validate()
        problems = [
            _("%(field)s: %(problem)s", field=f.label.text, problem=" ".join(map(str, f.errors)))
            for f in self
            if f.errors
        ]
        chosen = {
            name: (getattr(self, name).data or None) if not getattr(self, name).errors else None
            for name in ("status", "channel", "kind", "importance", "assignee")
        }
        if chosen["assignee"] not in (None, UNASSIGNED):
            chosen["assignee"] = int(chosen["assignee"])
        start = None if self.received_from.errors else self.received_from.data
        end = None if self.received_to.errors else self.received_to.data
        if start and end and end < start:
            problems.append(
                _("The end date is before the start date, so the dates were not applied.")
            )
            start = end = None
        for f in self:
            f.errors = []  # shown once, above the results, where the htmx update puts them
        return (
            Filters(
                **chosen,
                received_from=start,
                received_to=end,
                overdue_only=bool(self.overdue.data),
            ),
            problems,
        )
