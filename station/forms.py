"""Forms shared by every feature."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class EmptyForm(FlaskForm):
    """Nothing but the CSRF token: for buttons that POST."""

    submit = SubmitField(_l("Submit"))
