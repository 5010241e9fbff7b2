"""The board's filters: a small GET form without CSRF; a value it does not know is left out
with a message, never an error page."""

from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SubmitField

from ..cases import labels
from ..cases.listing import UNASSIGNED, Filters
from ..forms import SelectField
from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..i18n import plain_vocabularies

ANY = ""


def _choices(vocabulary: dict, keys) -> list[SelectChoice]:
    return [SelectChoice(ANY, _l("Any"))] + [SelectChoice(k, vocabulary[k]) for k in keys]


class BoardFilterForm(FlaskForm):
    class Meta:
        csrf = False

    mine = BooleanField(_l("Mine only"))
    assignee = SelectField(_l("Assigned to"), default=ANY)
    channel = SelectField(_l("Channel"), default=ANY)
    kind = SelectField(_l("Kind"), default=ANY)
    submit = SubmitField(_l("Show"))

    def set_choices(self, *, kinds: list[str], staff: Iterable[tuple[int, str]]) -> None:
        shown = plain_vocabularies(labels)
        self.channel.choices = _choices(shown.CHANNEL, shown.CHANNEL)
        self.kind.choices = _choices(shown.KIND, kinds)
        self.assignee.choices = [
            SelectChoice(ANY, _l("Anyone")),
            SelectChoice(UNASSIGNED, _l("Nobody yet")),
        ] + [SelectChoice(str(user_id), name) for user_id, name in staff]

    def filters(self, user_id: int) -> tuple[Filters, list[str]]:
        """The filters to apply and, for each value left out, a message saying why. "Mine"
        is the assignee filter with the user's own id; it wins over another assignee."""
        self.validate()
        problems = [
            _("%(field)s: %(problem)s", field=f.label.text, problem=" ".join(map(str, f.errors)))
            for f in self
            if f.errors
        ]
        chosen = {
            name: (getattr(self, name).data or None) if not getattr(self, name).errors else None
            for name in ("channel", "kind", "assignee")
        }
        if chosen["assignee"] not in (None, UNASSIGNED):
            chosen["assignee"] = int(chosen["assignee"])
        if self.mine.data:
            chosen["assignee"] = user_id
        for f in self:
            f.errors = []  # said once, above the board
        return Filters(**chosen), problems

    @property
    def active(self) -> bool:
        return bool(self.mine.data or self.assignee.data or self.channel.data or self.kind.data)
