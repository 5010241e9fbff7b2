"""The confidentiality room's forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class StatusForm(FlaskForm):
    code = StringField(
        _l("Receipt code"),
        validators=[
            DataRequired(_l("Type the 16-digit receipt code the reporter quotes.")),
            Length(max=40),
        ],
        render_kw={"autocomplete": "off", "inputmode": "numeric", "autofocus": True},
    )
