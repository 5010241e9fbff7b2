"""The confidentiality room's forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange


class StatusForm(FlaskForm):
    code = StringField(
        _l("Receipt code"),
        validators=[
            DataRequired(_l("Type the 16-digit receipt code the reporter quotes.")),
            Length(max=40),
        ],
        render_kw={"autocomplete": "off", "inputmode": "numeric", "autofocus": True},
    )


_AT_MOST_500 = Length(max=500, message=_l("At most 500 characters."))


class DisclosureRequestForm(FlaskForm):
    reason = TextAreaField(
        _l("Why do you need to know who reported?"),
        validators=[DataRequired(_l("Write the reason.")), _AT_MOST_500],
        render_kw={"rows": 3, "maxlength": 500},
    )
    days = IntegerField(
        _l("For how many days"),
        default=7,
        validators=[
            InputRequired(_l("Choose from 1 to 30 days.")),
            NumberRange(min=1, max=30, message=_l("Choose from 1 to 30 days.")),
        ],
        render_kw={"min": 1, "max": 30},
    )


class DisclosureDecisionForm(FlaskForm):
    decision = HiddenField(validators=[AnyOf(("approve", "refuse"))])
    reason = TextAreaField(
        _l("Reason for your decision"),
        validators=[DataRequired(_l("Write the reason.")), _AT_MOST_500],
        render_kw={"rows": 2, "maxlength": 500},
    )


class ReporterMessageForm(FlaskForm):
    text = TextAreaField(
        _l("Message for the reporter"),
        description=_l(
            "Whoever quotes the receipt code hears this. Write nothing that names anyone."
        ),
        validators=[DataRequired(_l("Write the message.")), _AT_MOST_500],
        render_kw={"rows": 3, "maxlength": 500},
    )


class ReferralRequestForm(FlaskForm):
    reason = TextAreaField(
        _l("Why refer it to the discipline commission?"),
        validators=[DataRequired(_l("Write the reason.")), _AT_MOST_500],
        render_kw={"rows": 3, "maxlength": 500},
    )


class IdentitySearchForm(FlaskForm):
    number = StringField(
        _l("Phone or ID number"),
        description=_l("The whole number: a part of one finds nothing."),
        validators=[
            DataRequired(_l("Type a whole phone or ID number.")),
            Length(max=40, message=_l("At most 40 characters.")),
        ],
        render_kw={"autocomplete": "off", "autofocus": True},
    )
