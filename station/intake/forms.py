"""Intake forms: one common base, one subclass per channel, each asking only what it needs.

Each form's ``LAYOUT`` lists its sections in the order a clerk fills them, the
essentials of the channel first (a phone complaint: the line, the number, what
it is about), so that the template needs no per-channel markup.
"""

from datetime import datetime, time
from typing import ClassVar
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.utils import unset_value
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from .. import vocab
from ..cases import labels

SUBJECT_MAX = 200
TEXT_MAX = 10_000
PHONE_PATTERN = r"^[0-9+()\- ]*$"
NO_TOPIC = "0"
MAX_ENCLOSURES = 20

MATTER = (_l("The matter"), ("kind", "topic", "importance", "subject", "content"))
PERSON = (
    _l("The person"),
    ("person_name", "person_phone", "person_id_number", "person_address", "anonymous"),
)
RECEIVED = (_l("Received"), ("received_date", "received_time"))
ON_SPOT = (_l("Answered on the spot"), ("answered_on_spot", "answer"))


def _choices(mapping: dict, blank: object | None = None) -> list[SelectChoice]:
    head = [SelectChoice("", blank)] if blank is not None else []
    return head + [SelectChoice(value, label) for value, label in mapping.items()]


def _text(label: object, limit: int = TEXT_MAX) -> TextAreaField:
    # No Optional(): it would stop the chain, and the checks that need the field run after it.
    return TextAreaField(label, validators=[Length(max=limit)], render_kw={"rows": 3})


class IntakeForm(FlaskForm):
    """What every channel asks: the matter, the person, when it came in."""

    LAYOUT: ClassVar[tuple] = (MATTER, PERSON, RECEIVED)
    HELP: ClassVar[dict[str, object]] = {}

    intake_token = HiddenField()
    kind = SelectField(_l("Kind"), choices=_choices(labels.KIND), default="complaint")
    topic = SelectField(_l("Topic"), default=NO_TOPIC)
    importance = SelectField(
        _l("Importance"), choices=_choices(labels.IMPORTANCE), default="general"
    )
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=SUBJECT_MAX)])
    content = _text(_l("Content"))
    person_name = StringField(_l("Name"), validators=[Optional(), Length(max=50)])
    person_phone = StringField(
        _l("Phone"),
        validators=[
            Optional(),
            Length(max=30),
            Regexp(PHONE_PATTERN, message=_l("A phone number has only digits, spaces, + - ( ).")),
        ],
    )
    person_id_number = StringField(_l("ID number"), validators=[Optional(), Length(max=30)])
    person_address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    anonymous = BooleanField(_l("Anonymous (the person does not give a name)"))
    received_date = DateField(_l("Received on"), validators=[DataRequired()])
    received_time = TimeField(_l("Time"), validators=[DataRequired()])
    submit = SubmitField(_l("Register"))

    def validate(self, extra_validators=None) -> bool:  # type: ignore[override]
        ok = super().validate(extra_validators)
        for field, message in self.cross_checks():
            field.errors = [*field.errors, message]
            ok = False
        return ok

    def cross_checks(self) -> list[tuple[object, object]]:
        """Checks of one field against others, run after every field's own (an empty
        optional field stops its own chain, so they cannot live there)."""
        return []

    def received_local(self) -> datetime:
        return datetime.combine(self.received_date.data, self.received_time.data)

    def validate_received_time(self, field: TimeField) -> None:
        if self.received_date.data is None or field.data is None:
            return
        now = datetime.now(ZoneInfo(current_app.config["STATION_TIMEZONE"])).replace(tzinfo=None)
        if self.received_local() > now:
            raise ValidationError(_l("The time of receipt cannot be in the future."))

    def validate_kind(self, field: SelectField) -> None:
        if field.data not in vocab.KINDS:
            raise ValidationError(_l("Choose a kind."))


class SpotMixin:
    """For channels where the person is present or on the line: answer at once and close."""

    answered_on_spot = BooleanField(_l("Answered on the spot (closes the case now)"))
    answer = _text(_l("The answer given"))

    def validate_answer(self, field: TextAreaField) -> None:
        if self.answered_on_spot.data and not (field.data or "").strip():
            raise ValidationError(_l("Write down the answer given on the spot."))


class EnclosureForm(Form):
    """One item enclosed with a letter; a row left empty is ignored."""

    kind = SelectField(_l("Item"), choices=_choices(labels.ENCLOSURE, blank="—"), default="")
    description = StringField(_l("Description"), validators=[Optional(), Length(max=200)])
    kept_at = StringField(_l("Kept where"), validators=[Optional(), Length(max=100)])
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


class Rows(FieldList):
    """A FieldList whose padding rows start empty.

    WTForms renumbers posted rows 0 and 2 as 0 and 1, then reads row 2 from the
    posted data a second time into the padding row: an item would be saved twice.
    """

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        wanted, self.min_entries = self.min_entries, 0
        super().process(formdata, data, extra_filters)
        self.min_entries = wanted
        while len(self.entries) < wanted:
            self._add_entry(None)


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
            ),
        ),
        (_l("The matter"), ("kind", "topic", "importance", "subject", "content", "summary")),
        (_l("Enclosed items"), ("enclosures",)),
    )
    HELP: ClassVar[dict[str, object]] = {
        "summary": _l("For important letters: a short summary for the head.")
    }

    received_date = DateField(_l("Letter received on"), validators=[DataRequired()])
    postmark_date = DateField(_l("Postmark date"), validators=[Optional()])
    person_address = StringField(_l("Sender address"), validators=[Optional(), Length(max=200)])
    postcode = StringField(
        _l("Postcode"),
        validators=[Optional(), Regexp(r"^\d{6}$", message=_l("A postcode has 6 digits."))],
    )
    summary = _text(_l("Summary"))
    enclosures = Rows(FormField(EnclosureForm), min_entries=3, max_entries=MAX_ENCLOSURES)

    def validate_postmark_date(self, field: DateField) -> None:
        received = self.received_date.data
        if field.data and received and field.data > received:
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
            ),
        ),
        (
            _l("The matter"),
            ("kind", "topic", "importance", "subject", "content", "demands", "earlier_petitions"),
        ),
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

    content = _text(_l("Facts"))
    identity_checked = BooleanField(_l("Identity checked"))
    identity_document = StringField(_l("Document type"), validators=[Optional(), Length(max=30)])
    demands = _text(_l("Demands"))
    earlier_petitions = _text(_l("Earlier petitions and their handling"))
    skip_level = BooleanField(_l("Skipped a level"))
    repeat_visit = BooleanField(_l("Repeat visit"))
    skip_or_repeat_reason = _text(_l("Why it skipped a level or repeats"))
    collective = BooleanField(_l("Collective visit"))
    headcount = IntegerField(
        _l("Headcount"), validators=[Optional(), NumberRange(min=1, max=10_000)]
    )
    representatives = StringField(_l("Representatives"), validators=[Optional(), Length(max=200)])
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
        (_l("The call"), ("phone_line", "person_phone", "external_ref", "external_due")),
        (_l("The matter"), ("subject", "content", "kind", "importance", "topic")),
        (
            _l("The caller"),
            ("person_name", "person_address", "person_id_number", "anonymous"),
        ),
        RECEIVED,
        ON_SPOT,
    )
    HELP: ClassVar[dict[str, object]] = {
        "person_phone": _l("Leave empty when the number is withheld."),
        "external_ref": _l("For work orders from 95598, 12398 or 12345."),
    }

    phone_line = SelectField(_l("Line"), choices=_choices(labels.PHONE_LINE), default="station")
    person_phone = StringField(
        _l("Caller number"),
        validators=[
            Optional(),
            Length(max=30),
            Regexp(PHONE_PATTERN, message=_l("A phone number has only digits, spaces, + - ( ).")),
        ],
    )
    external_ref = StringField(_l("Work order number"), validators=[Length(max=50)])
    external_due = DateField(_l("Work order deadline"), validators=[Optional()])

    def validate_external_ref(self, field: StringField) -> None:
        if self.phone_line.data in vocab.WORK_ORDER_LINES and not (field.data or "").strip():
            raise ValidationError(_l("A work order from this line has a number: enter it."))


class CounterForm(SpotMixin, IntakeForm):
    LAYOUT = (
        (_l("The matter"), ("subject", "content", "kind", "importance", "topic")),
        PERSON,
        RECEIVED,
        ON_SPOT,
    )


class TransferForm(IntakeForm):
    LAYOUT = (
        (_l("From the superior"), ("superior_name", "superior_ref", "superior_due")),
        MATTER,
        PERSON,
        RECEIVED,
    )

    superior_name = StringField(_l("Transferred by"), validators=[DataRequired(), Length(max=100)])
    superior_ref = StringField(_l("Their reference"), validators=[Optional(), Length(max=50)])
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


def topic_choices(topics: list) -> list[SelectChoice]:
    return [SelectChoice(NO_TOPIC, "—")] + [SelectChoice(str(t.id), t.name) for t in topics]


def set_defaults(form: IntakeForm, now: datetime) -> None:
    """The values of a fresh form: received now (to the minute)."""
    form.received_date.data = now.date()
    form.received_time.data = time(now.hour, now.minute)


class KeyPersonForm(FlaskForm):
    reason = TextAreaField(
        _l("Why this person is followed closely"),
        validators=[DataRequired(), Length(max=1000)],
        render_kw={"rows": 2},
    )
    submit = SubmitField(_l("Mark as key person"))


class ClearKeyPersonForm(FlaskForm):
    reason = StringField(_l("Note"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("No longer a key person"))
