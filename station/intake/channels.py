"""The intake form of each channel, each asking only what that channel needs.

Each form's ``LAYOUT`` lists its sections in the order a clerk fills them, the
essentials of the channel first (a phone complaint: the line, the number, what
it is about), so that the template needs no per-channel markup.
"""

from typing import ClassVar

from wtforms import (
    BooleanField,
    DateField,
    Form,
    FormField,
    IntegerField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from ..cases import labels
from ..forms import SelectField
from ..i18n import lazy_gettext as _l
from ..rules import vocab
from ..timeutil import local_now, station_tz
from .forms import (
    MATTER,
    ON_SPOT,
    PERSON,
    PHONE_PATTERN,
    PRIVATE,
    RECEIVED,
    REPORTED,
    IntakeForm,
    Rows,
    SpotMixin,
    choice_list,
    limit,
    text_field,
)

MAX_ENCLOSURES = 20


class EnclosureForm(Form):
    """One item enclosed with a letter; a row left empty is ignored."""

    kind = SelectField(_l("Item"), choices=choice_list(labels.ENCLOSURE, blank="—"), default="")
    description = StringField(_l("Description"), validators=[Optional(), limit(200)])
    kept_at = StringField(_l("Kept where"), validators=[Optional(), limit(100)])
    returned = BooleanField(_l("Returned"))
    returned_on = DateField(_l("Returned on"), validators=[Optional()])

    def is_blank(self) -> bool:
        return not (
            self.kind.data
            or (self.description.data or "").strip()
            or (self.kept_at.data or "").strip()
            or self.returned.data
            or self.returned_on.data
        )


class LetterForm(IntakeForm):
    LAYOUT = (
        (_l("The letter"), ("received_date", "received_time", "postmark_date")),
        (
            _l("The sender"),
            (
                "person_name",
                "person_address",
                "postcode",
                "person_phone",
                "person_id_number",
                "anonymous",
                "phone_for_reply",
            ),
        ),
        (_l("The matter"), ("kind", "topic", "importance", "subject", "content", "summary")),
        REPORTED,
        (_l("Enclosed items"), ("enclosures",)),
    )
    HELP: ClassVar[dict[str, object]] = {
        "summary": _l("For important letters: a short summary for the head.")
    }

    received_date = DateField(_l("Letter received on"), validators=[DataRequired()])
    postmark_date = DateField(_l("Postmark date"), validators=[Optional()])
    person_address = StringField(
        _l("Sender address"), validators=[Optional(), limit(200)], render_kw=PRIVATE
    )
    postcode = StringField(
        _l("Postcode"),
        validators=[Optional(), Regexp(r"^\d{6}$", message=_l("A postcode has 6 digits."))],
    )
    summary = text_field(_l("Summary"))
    enclosures = Rows(FormField(EnclosureForm), min_entries=3, max_entries=MAX_ENCLOSURES)

    def validate_postmark_date(self, field: DateField) -> None:
        # Without a valid day of receipt, today: else the error came only once that was fixed.
        received = self.received_date.data or local_now(station_tz()).date()
        if field.data and field.data > received:
            raise ValidationError(
                _l("The postmark cannot be later than the day the letter came in.")
            )

    def cross_checks(self) -> list[tuple[object, object]]:
        return [
            (entry.form.description, _l("Describe the item."))
            for entry in self.enclosures
            if not entry.form.is_blank() and not (entry.form.description.data or "").strip()
        ]


class VisitForm(SpotMixin, IntakeForm):
    LAYOUT = (
        (
            _l("The visitor"),
            (
                "person_name",
                "person_id_number",
                "identity_checked",
                "identity_document",
                "person_phone",
                "person_address",
                "anonymous",
                "phone_for_reply",
            ),
        ),
        (
            _l("The matter"),
            ("kind", "topic", "importance", "subject", "content", "demands", "earlier_petitions"),
        ),
        REPORTED,
        (
            _l("The visit"),
            (
                "skip_level",
                "repeat_visit",
                "skip_or_repeat_reason",
                "collective",
                "headcount",
                "representatives",
                "originals_returned",
            ),
        ),
        RECEIVED,
        ON_SPOT,
    )
    HELP: ClassVar[dict[str, object]] = {
        "collective": _l("A collective visit is always an important case."),
        "earlier_petitions": _l("Where and when, and how they were handled."),
    }

    content = text_field(_l("Facts"))
    identity_checked = BooleanField(_l("Identity checked"))
    identity_document = StringField(_l("Document type"), validators=[Optional(), limit(30)])
    demands = text_field(_l("Demands"))
    earlier_petitions = text_field(_l("Earlier petitions and their handling"))
    skip_level = BooleanField(_l("Skipped a level"))
    repeat_visit = BooleanField(_l("Repeat visit"))
    skip_or_repeat_reason = text_field(_l("Why it skipped a level or repeats"))
    collective = BooleanField(_l("Collective visit"))
    headcount = IntegerField(
        _l("Headcount"), validators=[Optional(), NumberRange(min=1, max=10_000)]
    )
    representatives = StringField(
        _l("Representatives"), validators=[Optional(), limit(200)], render_kw=PRIVATE
    )
    originals_returned = SelectField(
        _l("Original documents"),
        choices=[
            SelectChoice("", _l("None brought")),
            SelectChoice("yes", _l("Handed back")),
            SelectChoice("no", _l("Kept (with the person's consent)")),
        ],
        default="",
    )

    def cross_checks(self) -> list[tuple[object, object]]:
        count = self.headcount.data
        if self.collective.data and not self.headcount.errors and (count is None or count < 2):
            return [(self.headcount, _l("A collective visit has a headcount of at least 2."))]
        return []

    def validate_skip_or_repeat_reason(self, field: TextAreaField) -> None:
        needed = self.skip_level.data or self.repeat_visit.data
        if needed and not (field.data or "").strip():
            raise ValidationError(_l("Say why the visit skipped a level or repeats."))


class PhoneForm(SpotMixin, IntakeForm):
    LAYOUT = (
        (_l("The call"), ("phone_line", "person_phone")),
        (_l("The matter"), ("subject", "content", "kind", "importance", "topic")),
        REPORTED,
        (_l("Work order"), ("external_ref", "external_due")),
        (
            _l("The caller"),
            ("person_name", "person_address", "person_id_number", "anonymous", "phone_for_reply"),
        ),
        RECEIVED,
        ON_SPOT,
    )
    HELP: ClassVar[dict[str, object]] = {
        "person_phone": _l("Leave empty when the number is withheld."),
        "external_ref": _l("For work orders from 95598, 12398 or 12345."),
    }
    # The work order's section only for the hotlines' calls (static/app.js hides it for the
    # others; without JavaScript it stays, after the essentials). The rule is validate_external_ref.
    SHOWN_FOR: ClassVar[dict[str, tuple[str, frozenset[str]]]] = {
        **IntakeForm.SHOWN_FOR,
        "external_ref": ("phone_line", vocab.WORK_ORDER_LINES),
    }

    # The caller's number is typed first: digits typed into a focused drop-down changed the line.
    FOCUS = "person_phone"

    phone_line = SelectField(_l("Line"), choices=choice_list(labels.PHONE_LINE), default="service")
    person_phone = StringField(
        _l("Caller number"),
        validators=[
            Optional(),
            limit(30),
            Regexp(PHONE_PATTERN, message=_l("A phone number has only digits, spaces, + - ( ).")),
        ],
        render_kw=PRIVATE,
    )
    external_ref = StringField(_l("Work order number"), validators=[limit(50)])
    external_due = DateField(_l("Work order deadline"), validators=[Optional()])

    def validate_external_ref(self, field: StringField) -> None:
        if self.phone_line.data in vocab.WORK_ORDER_LINES and not (field.data or "").strip():
            raise ValidationError(_l("A work order from this line has a number: enter it."))


class CounterForm(SpotMixin, IntakeForm):
    LAYOUT = (
        (_l("The matter"), ("subject", "content", "kind", "importance", "topic")),
        REPORTED,
        PERSON,
        RECEIVED,
        ON_SPOT,
    )


class TransferForm(IntakeForm):
    LAYOUT = (
        (_l("From the superior"), ("superior_name", "superior_ref", "superior_due")),
        MATTER,
        REPORTED,
        PERSON,
        RECEIVED,
    )

    superior_name = StringField(_l("Transferred by"), validators=[DataRequired(), limit(100)])
    superior_ref = StringField(_l("Their reference"), validators=[Optional(), limit(50)])
    superior_due = DateField(_l("Result due by"), validators=[Optional()])

    def validate_superior_due(self, field: DateField) -> None:
        received = self.received_date.data
        if field.data and received and field.data < received:
            raise ValidationError(_l("The result cannot be due before the case came in."))


FORMS: dict[str, type[IntakeForm]] = {
    "letter": LetterForm,
    "visit": VisitForm,
    "phone": PhoneForm,
    "counter": CounterForm,
    "transfer": TransferForm,
}
