"""Forms of the box room: a box's settings, and one compact form for an opening and its items."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Form,
    FormField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, NumberRange, Optional, Regexp

from ..admin.forms import MultiCheckboxField
from ..cases import labels
from ..forms import SelectField
from ..i18n import lazy_gettext as _l
from ..intake.forms import PHONE_PATTERN, Rows, choice_list, limit
from .service import ITEM_KINDS, Item

MAX_ITEMS = 50
ROWS_SHOWN = 5
NOT_A_USER = ""


class BoxForm(FlaskForm):
    place = StringField(_l("Where it hangs"), validators=[DataRequired(), limit(100)])
    interval_days = IntegerField(
        _l("Opening interval (days)"),
        default=5,
        validators=[DataRequired(), NumberRange(min=1, max=60)],
    )
    openers = MultiCheckboxField(_l("Designated openers"), coerce=int, choices=[])
    active = BooleanField(_l("In use"), default=True)


class ItemForm(Form):
    """One item found in the box; a row left empty is ignored."""

    kind = SelectField(
        _l("Kind"),
        choices=choice_list({k: labels.KIND[k] for k in ITEM_KINDS}, blank="—"),
        default="",
    )
    subject = StringField(_l("Subject"), validators=[Optional(), limit(200)])
    content = TextAreaField(_l("Content"), validators=[limit(5000)], render_kw={"rows": 2})
    person_name = StringField(_l("Name (optional)"), validators=[Optional(), limit(50)])
    person_phone = StringField(
        _l("Phone (optional)"),
        validators=[
            Optional(),
            limit(30),
            Regexp(PHONE_PATTERN, message=_l("A phone number has only digits, spaces, + - ( ).")),
        ],
    )

    def is_blank(self) -> bool:
        return not any(
            (getattr(self, n).data or "").strip()
            for n in ("kind", "subject", "content", "person_name", "person_phone")
        )

    def row_errors(self) -> list[tuple[object, object]]:
        found = []
        if not self.kind.data:
            found.append((self.kind, _l("Choose the item's kind.")))
        if not (self.subject.data or "").strip():
            found.append((self.subject, _l("Give the item a subject.")))
        return found

    def item(self) -> Item:
        return Item(
            kind=self.kind.data,
            subject=self.subject.data.strip(),
            content=(self.content.data or "").strip(),
            person_name=(self.person_name.data or "").strip(),
            person_phone=(self.person_phone.data or "").strip(),
        )


class OpeningForm(FlaskForm):
    opened_on = DateField(_l("Opened on"), validators=[Optional()])
    opener = SelectField(_l("Opened by"), coerce=int, choices=[], validate_choice=False)
    witness = SelectField(_l("Witness"), choices=[], validate_choice=False)
    witness_name = StringField(_l("Witness who is not a user"), validators=[Optional(), limit(50)])
    item_count = IntegerField(
        _l("Items found"), validators=[Optional(), NumberRange(min=0, max=MAX_ITEMS)]
    )
    items = Rows(FormField(ItemForm), min_entries=ROWS_SHOWN, max_entries=MAX_ITEMS)

    def filled_rows(self) -> list[ItemForm]:
        return [entry.form for entry in self.items if not entry.form.is_blank()]
