"""The handling forms of the case page: one small form per action.

Each form carries its action as prefix, so that the many forms of one page
have distinct field ids. Choices that depend on the case (users, transfers,
satisfaction) are filled in by ``handling.build_form``.
"""

from datetime import date, datetime, timedelta

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from .. import timeutil
from ..forms import SelectField
from ..i18n import lazy_gettext as _l
from ..timeutil import local_today, station_tz
from . import labels

NOTE_MAX = 2000
TEXT_MAX = 5000
LOCAL_MINUTE = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def local_now() -> datetime:
    """Now on the station's wall clock, to the minute (what a datetime-local input shows)."""
    return timeutil.local_now(station_tz()).replace(second=0, microsecond=0)


def _note(label=None) -> TextAreaField:
    return TextAreaField(label or _l("Note"), validators=[Optional(), Length(max=NOTE_MAX)])


def _text(label) -> TextAreaField:
    return TextAreaField(label, validators=[DataRequired(), Length(max=TEXT_MAX)])


def _choices(values, names) -> list[SelectChoice]:
    return [SelectChoice(v, names[v]) for v in values]


# A due date further off is a typing slip (2062 for 2026), not a plan.
MAX_DAYS_AHEAD = 366


def check_not_too_far(day: date) -> None:
    """Refuse a due date more than a year after today."""
    if day > local_today(station_tz()) + timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError(_l("Choose a date within a year from today."))


class ActionForm(FlaskForm):
    """Base of the action forms: the case's facts the validators need are set on it."""

    received_local: datetime | None = None  # when the case was received, station time
    current_due: date | None = None  # the reply deadline in force


class AcceptForm(ActionForm):
    contacted_at = DateTimeLocalField(
        _l("First contact with the person"), validators=[InputRequired()], format=LOCAL_MINUTE
    )
    note = _note()
    submit = SubmitField(_l("Accept"))

    def validate_contacted_at(self, field) -> None:
        if field.data is None:
            return  # not a date and time: WTForms has said so already
        if field.data > local_now():
            raise ValidationError(_l("The time of first contact cannot be in the future."))
        if self.received_local and field.data < self.received_local.replace(second=0):
            raise ValidationError(_l("The first contact cannot be before the case was received."))


def _user_id(value: object) -> int | None:
    # The empty "please choose" option is no one; a choice has to be made.
    return int(value) if value not in (None, "") else None  # type: ignore[arg-type]


class AssignForm(ActionForm):
    assignee = SelectField(
        _l("Assign to"),
        coerce=_user_id,
        validators=[InputRequired(message=_l("Choose whom to assign the case to."))],
    )
    note = _note()
    submit = SubmitField(_l("Assign"))


class TransferForm(ActionForm):
    unit = StringField(_l("Member unit"), validators=[DataRequired(), Length(max=100)])
    request = _text(_l("What is asked of the unit"))
    due = DateField(_l("Result due by"), validators=[InputRequired()])
    submit = SubmitField(_l("Transfer"))

    def validate_due(self, field) -> None:
        if field.data is None:
            return
        if field.data < local_today(station_tz()):
            raise ValidationError(_l("The due date cannot be in the past."))
        check_not_too_far(field.data)


class TransferResultForm(ActionForm):
    transfer = SelectField(_l("Transfer"), coerce=int, validators=[InputRequired()])
    result = _text(_l("Result reported by the unit"))
    submit = SubmitField(_l("Record the result"))


class SubmitReviewForm(ActionForm):
    note = _note()
    submit = SubmitField(_l("Submit to the head"))


class ReviewInstructionForm(ActionForm):
    instruction = _text(_l("Head's instruction"))
    submit = SubmitField(_l("Record the instruction"))


class NoteForm(ActionForm):
    text = _text(_l("Note"))
    submit = SubmitField(_l("Add the note"))


class RemindForm(ActionForm):
    text = _text(_l("Reminder"))
    submit = SubmitField(_l("Send the reminder"))


class RequestExtensionForm(ActionForm):
    reason = _text(_l("Reason"))
    new_due = DateField(_l("New reply deadline"), validators=[InputRequired()])
    submit = SubmitField(_l("Request the extension"))

    def validate_new_due(self, field) -> None:
        if field.data is None:
            return
        if self.current_due and field.data <= self.current_due:
            raise ValidationError(_l("The new date must be later than the present deadline."))
        check_not_too_far(field.data)


DECISIONS = ("approve", "refuse")


class DecideExtensionForm(ActionForm):
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice("approve", _l("Approve")), SelectChoice("refuse", _l("Refuse"))],
        validators=[InputRequired()],
    )
    note = _note()
    # Shown as two buttons, approve and refuse (templates/cases/_action_form.html).
    submit = SubmitField(_l("Decide the extension"))


class ReplyForm(ActionForm):
    method = RadioField(
        _l("Method"),
        choices=_choices(("phone", "letter", "in_person"), labels.REPLY_METHOD),
        validators=[InputRequired()],
    )
    content = _text(_l("What the person was told"))
    remedy = _note(_l("Remedy given"))
    superior_reply = _note(_l("Reply to the superior"))
    submit = SubmitField(_l("Record the reply"))


class AnswerOnSpotForm(ActionForm):
    content = _text(_l("What the person was told"))
    submit = SubmitField(_l("Answered on the spot"))


class FollowUpForm(ActionForm):
    satisfaction = RadioField(_l("The person is"), validators=[InputRequired()])
    remarks = _note(_l("Remarks"))
    submit = SubmitField(_l("Record the follow-up call"))


class CloseForm(ActionForm):
    note = _note()
    submit = SubmitField(_l("Close the case"))


class ReopenAppealForm(ActionForm):
    reason = _text(_l("Why the person appeals"))
    submit = SubmitField(_l("Reopen as an appeal"))


class ArchiveForm(ActionForm):
    year = IntegerField(
        _l("Archive year"), validators=[InputRequired(), NumberRange(min=2000, max=2100)]
    )
    volume = StringField(
        _l("Volume"),
        validators=[DataRequired(), Length(max=30)],
        description=_l("The volume within the archive year, such as: Volume 1."),
        render_kw={"placeholder": _l("Volume 1")},
    )
    submit = SubmitField(_l("Archive"))


FORMS: dict[str, type[ActionForm]] = {
    "accept": AcceptForm,
    "answer_on_spot": AnswerOnSpotForm,
    "assign": AssignForm,
    "transfer": TransferForm,
    "transfer_result": TransferResultForm,
    "submit_review": SubmitReviewForm,
    "review_instruction": ReviewInstructionForm,
    "note": NoteForm,
    "remind": RemindForm,
    "request_extension": RequestExtensionForm,
    "decide_extension": DecideExtensionForm,
    "reply": ReplyForm,
    "follow_up": FollowUpForm,
    "close": CloseForm,
    "reopen_appeal": ReopenAppealForm,
    "archive": ArchiveForm,
}


# What the case page's button that opens each form says: the action, as a verb.
OPENERS = {
    "accept": _l("Accept"),
    "answer_on_spot": _l("Answered on the spot"),
    "assign": _l("Assign"),
    "transfer": _l("Transfer"),
    "transfer_result": _l("Result from the member unit"),
    "submit_review": _l("Submit to the head"),
    "review_instruction": _l("Give the instruction"),
    "note": _l("Add the note"),
    "remind": _l("Send the reminder"),
    "request_extension": _l("Request the extension"),
    "decide_extension": _l("Decide the extension"),
    "reply": _l("Reply"),
    "follow_up": _l("Follow-up call"),
    "close": _l("Close the case"),
    "reopen_appeal": _l("Reopen as an appeal"),
    "archive": _l("Archive"),
}
