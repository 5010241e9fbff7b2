"""Forms of the policy and topic pages: one per action."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectChoice, StringField, SubmitField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..cases import labels
from ..forms import SelectField
from ..i18n import lazy_gettext as _l
from ..policies.models import Policy
from ..rules import deadlines, vocab

MIN_AMOUNT, MAX_AMOUNT = 1, 365
TOPIC_MAX = 50
# The clocks every row has; the review clock may be switched off.
REQUIRED_CLOCKS = ("contact", "reply", "close", "followup")
RANGE_MESSAGE = _l("Enter a whole number from %(min)d to %(max)d.", min=MIN_AMOUNT, max=MAX_AMOUNT)


def _unit_choices() -> list[SelectChoice]:
    return [SelectChoice(u, labels.UNIT[u]) for u in vocab.TIME_UNITS]


def _amount(label: object, *, required: bool = True) -> IntegerField:
    first = InputRequired(message=RANGE_MESSAGE) if required else Optional()
    return IntegerField(
        label,
        validators=[first, NumberRange(min=MIN_AMOUNT, max=MAX_AMOUNT, message=RANGE_MESSAGE)],
        render_kw={"min": MIN_AMOUNT, "max": MAX_AMOUNT, "inputmode": "numeric"},
    )


def _unit() -> SelectField:
    return SelectField(_l("Unit"), choices=_unit_choices(), default="workdays")


class PolicyForm(FlaskForm):
    """The clocks of one kind and importance of case."""

    contact_amount = _amount(labels.DEADLINE["contact"])
    contact_unit = _unit()
    reply_amount = _amount(labels.DEADLINE["reply"])
    reply_unit = _unit()
    close_amount = _amount(labels.DEADLINE["close"])
    close_unit = _unit()
    followup_amount = _amount(labels.DEADLINE["followup"])
    followup_unit = _unit()
    review_on = BooleanField(_l("The head reviews these cases within a deadline"))
    review_amount = _amount(labels.DEADLINE["review"], required=False)
    review_unit = _unit()
    submit = SubmitField(_l("Save"))

    def fill(self, policy: Policy) -> None:
        for name, clock in policy.clocks().items():
            if clock is not None:
                self[f"{name}_amount"].data, self[f"{name}_unit"].data = clock
        self.review_on.data = policy.review_amount is not None

    def validate(self, extra_validators=None) -> bool:  # type: ignore[override]
        ok = super().validate(extra_validators)
        # Here, not inline: Optional() ends the field's own chain when it is empty.
        review = self.review_amount
        if self.review_on.data and review.data is None and not review.errors:
            review.errors = [*review.errors, _l("Enter the review deadline, or switch it off.")]
            ok = False
        return ok

    def validate_close_amount(self, field: IntegerField) -> None:
        # Comparable only in the same unit; mixed units are the admin's judgement.
        reply = self.reply_amount.data
        same_unit = self.close_unit.data == self.reply_unit.data
        if field.data is not None and reply is not None and same_unit and field.data < reply:
            raise ValidationError(_l("A case cannot be due to close before its reply is due."))

    def clocks(self) -> dict[str, deadlines.Clock | None]:
        out: dict[str, deadlines.Clock | None] = {
            n: (self[f"{n}_amount"].data, self[f"{n}_unit"].data) for n in REQUIRED_CLOCKS
        }
        review_on = self.review_on.data and self.review_amount.data is not None
        out["review"] = (self.review_amount.data, self.review_unit.data) if review_on else None
        return out


class TopicForm(FlaskForm):
    name = StringField(_l("Topic"), validators=[DataRequired(), Length(max=TOPIC_MAX)])
    submit = SubmitField(_l("Add topic"))


class RenameTopicForm(FlaskForm):
    name = StringField(_l("New name"), validators=[DataRequired(), Length(max=TOPIC_MAX)])
    submit = SubmitField(_l("Rename"))
