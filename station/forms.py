"""Forms shared by every feature."""

from flask_wtf import FlaskForm
from wtforms import SubmitField

from .i18n import lazy_gettext as _l


class EmptyForm(FlaskForm):
    """Nothing but the CSRF token: for buttons that POST."""

    submit = SubmitField(_l("Submit"))
