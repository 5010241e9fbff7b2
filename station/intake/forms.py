"""Intake forms: the base every channel shares, and the key-person forms.

The forms of each channel, built on ``IntakeForm``, are in ``channels.py``.
"""

from datetime import datetime, time
from typing import ClassVar

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from ..cases import labels, refs
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


def choice_list(mapping: dict, blank: object | None = None) -> list[SelectChoice]:
    head = [SelectChoice("", blank)] if blank is not None else []
    return head + [SelectChoice(value, label) for value, label in mapping.items()]


def text_field(label: object, most: int = TEXT_MAX) -> TextAreaField:
    # No Optional(): it would stop the chain, and the checks that need the field run after it.
    return TextAreaField(label, validators=[limit(most)], render_kw={"rows": 3})


class IntakeForm(FlaskForm):
    """What every channel asks: the matter, the person, when it came in."""

    LAYOUT: ClassVar[tuple] = (MATTER, PERSON, RECEIVED)
    HELP: ClassVar[dict[str, object]] = {}
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
