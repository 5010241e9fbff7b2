"""Intake forms: the base every channel shares, and the key-person forms.

The forms of each channel, built on ``IntakeForm``, are in ``channels.py``.
"""

from datetime import datetime, time
from typing import ClassVar

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.utils import unset_value
from wtforms.validators import (
    DataRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from ..cases import labels, refs
from ..forms import SelectField
from ..i18n import gettext
from ..i18n import lazy_gettext as _l
from ..rules import vocab
from ..timeutil import local_now, station_tz

SUBJECT_MAX = 200
TEXT_MAX = 10_000
PHONE_PATTERN = r"^[0-9+()\- ]*$"
NO_TOPIC = "0"

MATTER = (_l("The matter"), ("kind", "topic", "importance", "subject", "content"))
PERSON = (
    _l("The person"),
    (
        "person_name",
        "person_phone",
        "person_id_number",
        "person_address",
        "anonymous",
        "phone_for_reply",
    ),
)
RECEIVED = (_l("Received"), ("received_date", "received_time"))
REPORTED = (_l("Persons reported"), ("persons_reported",))
ON_SPOT = (_l("Answered on the spot"), ("answered_on_spot", "answer"))


# A shared desk PC must not offer one person's details to the next clerk who types there.
PRIVATE = {"autocomplete": "off"}


def limit(most: int) -> Length:
    """At most ``most`` characters, said with the length typed: the browser cuts nothing
    (templates/intake/new.html renders no maxlength), so the clerk shortens it, all kept."""
    return Length(
        max=most,
        message=_l("At most %(max)d characters; this has %(length)d. Shorten it: nothing was cut."),
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


# The persons a report names (被举报人): a few rows, each a name, a unit and, where the person
# is one of the station's users, their account, which the gate then excludes from the report.
MAX_PERSONS_REPORTED = 3
NOT_STAFF = ""
NO_STAFF_LABEL = _l("Not a staff member of this station")
PERSON_NAME_MAX = 50
UNIT_MAX = 100


class PersonReportedForm(Form):
    """One person reported; a row left empty is ignored. Its checks are the report's
    (``IntakeForm.persons_checks``): for any other kind the rows are not read at all."""

    name = StringField(_l("Name of the person reported"), render_kw=PRIVATE)
    unit = StringField(_l("Unit or department"), render_kw=PRIVATE)
    # The station's active users are its choices (views._form); a value that is not one
    # is refused with a message rather than WTForms' "Not a valid choice".
    user = SelectField(
        _l("Staff account"),
        choices=[SelectChoice(NOT_STAFF, NO_STAFF_LABEL)],
        default=NOT_STAFF,
        validate_choice=False,
    )

    def is_blank(self) -> bool:
        return not (
            (self.name.data or "").strip()
            or (self.unit.data or "").strip()
            or (self.user.data or NOT_STAFF) != NOT_STAFF
        )

    def staff_ids(self) -> set[str]:
        """The accounts offered (the station's active users), as the form posts them."""
        return {str(c.value) for c in self.user.choices if str(c.value) != NOT_STAFF}


NOT_FOUND = _l(
    "This person reported is not found among the station's active users: "
    "choose one from the list, or “Not a staff member of this station”."
)


def choice_list(mapping: dict, blank: object | None = None) -> list[SelectChoice]:
    head = [SelectChoice("", blank)] if blank is not None else []
    return head + [SelectChoice(value, label) for value, label in mapping.items()]


def text_field(label: object, most: int = TEXT_MAX) -> TextAreaField:
    # No Optional(): it would stop the chain, and the checks that need the field run after it.
    return TextAreaField(label, validators=[limit(most)], render_kw={"rows": 3})


class IntakeForm(FlaskForm):
    """What every channel asks: the matter, the person, when it came in."""

    LAYOUT: ClassVar[tuple] = (MATTER, REPORTED, PERSON, RECEIVED)
    HELP: ClassVar[dict[str, object]] = {}
    # A section asked only for some values of another field: (field, values). static/app.js
    # hides it (and leaves it out of the POST) otherwise; without JavaScript it shows.
    SHOWN_FOR: ClassVar[dict[str, tuple[str, frozenset[str]]]] = {
        "persons_reported": ("kind", frozenset(vocab.CONFIDENTIAL_KINDS))
    }
    FOCUS: ClassVar[str | None] = None  # the field a fresh form starts in; else the first

    # A text field kept out of sight rather than a hidden one: after Back, the browser
    # restores it with the values typed (static/intake.js explains).
    intake_token = StringField(
        render_kw={
            "hidden": True,
            "tabindex": "-1",
            "aria-hidden": "true",
            "data-keep-on-back": True,
        }
    )
    kind = SelectField(_l("Kind"), choices=choice_list(labels.KIND), default="complaint")
    topic = SelectField(_l("Topic"), default=NO_TOPIC)
    importance = SelectField(
        _l("Importance"), choices=choice_list(labels.IMPORTANCE), default="general"
    )
    subject = StringField(_l("Subject"), validators=[DataRequired(), limit(SUBJECT_MAX)])
    content = text_field(_l("Content"))
    person_name = StringField(_l("Name"), validators=[Optional(), limit(50)], render_kw=PRIVATE)
    person_phone = StringField(
        _l("Phone"),
        validators=[
            Optional(),
            limit(30),
            Regexp(PHONE_PATTERN, message=_l("A phone number has only digits, spaces, + - ( ).")),
        ],
        render_kw=PRIVATE,
    )
    person_id_number = StringField(
        _l("ID number"), validators=[Optional(), limit(30)], render_kw=PRIVATE
    )
    person_address = StringField(
        _l("Address"), validators=[Optional(), limit(200)], render_kw=PRIVATE
    )
    anonymous = BooleanField(_l("Anonymous (the person does not give a name)"))
    # Not stored: whether an anonymous person's number is kept (service.fields_from).
    phone_for_reply = BooleanField(_l("Anonymous, but gives the phone number for the reply"))
    received_date = DateField(_l("Received on"), validators=[DataRequired()])
    received_time = TimeField(_l("Time"), validators=[DataRequired()])
    persons_reported = Rows(
        FormField(PersonReportedForm),
        min_entries=MAX_PERSONS_REPORTED,
        max_entries=MAX_PERSONS_REPORTED,
    )
    submit = SubmitField(_l("Register"))

    def validate(self, extra_validators=None) -> bool:  # type: ignore[override]
        ok = super().validate(extra_validators)
        for field, message in [*self.cross_checks(), *self.persons_checks()]:
            field.errors = [*field.errors, message]
            ok = False
        return ok

    def is_report(self) -> bool:
        return self.kind.data in vocab.CONFIDENTIAL_KINDS

    def persons_checks(self) -> list[tuple[object, object]]:
        """The rows of persons reported, for a report only: another kind ignores them."""
        if not self.is_report():
            return []
        problems: list[tuple[object, object]] = []
        for entry in self.persons_reported:
            row = entry.form
            if row.is_blank():
                continue
            problems += _too_long(row.name, PERSON_NAME_MAX) + _too_long(row.unit, UNIT_MAX)
            chosen = row.user.data or NOT_STAFF
            if chosen != NOT_STAFF and chosen not in row.staff_ids():
                problems.append((row.user, NOT_FOUND))
            elif chosen == NOT_STAFF and not (row.name.data or "").strip():
                problems.append((row.name, _l("Write the name of the person reported.")))
        return problems

    def cross_checks(self) -> list[tuple[object, object]]:
        """Checks of one field against others, run after every field's own (an empty
        optional field stops its own chain, so they cannot live there)."""
        return []

    def received_local(self) -> datetime:
        return datetime.combine(self.received_date.data, self.received_time.data)

    def validate_received_time(self, field: TimeField) -> None:
        if self.received_date.data is None or field.data is None:
            return
        if self.received_local() > local_now(station_tz()):
            raise ValidationError(_l("The time of receipt cannot be in the future."))

    def validate_received_date(self, field: DateField) -> None:
        if field.data is not None and field.data.year < refs.YEARS.start:
            raise ValidationError(
                _l("The date of receipt cannot be before %(year)d.", year=refs.YEARS.start)
            )

    def validate_kind(self, field: SelectField) -> None:
        if field.data not in vocab.KINDS:
            raise ValidationError(_l("Choose a kind."))


def _too_long(field: StringField, most: int) -> list[tuple[object, object]]:
    length = len((field.data or "").strip())
    if length <= most:
        return []
    message = gettext(
        "At most %(max)d characters; this has %(length)d. Shorten it: nothing was cut.",
        max=most,
        length=length,
    )
    return [(field, message)]


class SpotMixin:
    """For channels where the person is present or on the line: answer at once and close."""

    answered_on_spot = BooleanField(_l("Answered on the spot (closes the case now)"))
    answer = text_field(_l("The answer given"))

    def validate_answer(self, field: TextAreaField) -> None:
        if self.answered_on_spot.data and not (field.data or "").strip():
            raise ValidationError(_l("Write down the answer given on the spot."))


def error_items(form: IntakeForm) -> list[tuple[str, str, str]]:
    """(field id, label, message) of every error, in the order of the form: all of them shown
    together above it, each one a link to its field further down."""
    items: list[tuple[str, str, str]] = []
    laid_out = [name for _legend, names in form.LAYOUT for name in names]
    others = [f.name for f in form if f.name not in laid_out]
    for name in laid_out + others:
        field = form[name]
        if isinstance(field, FieldList):
            for number, entry in enumerate(field, start=1):
                for sub in entry.form:
                    label = gettext("Row %(n)d: %(label)s", n=number, label=sub.label.text)
                    items += [(sub.id, label, str(e)) for e in sub.errors]
        else:
            items += [(field.id, str(field.label.text), str(e)) for e in field.errors]
    return items


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
