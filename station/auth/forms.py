from flask import current_app
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..forms import SelectField
from ..i18n import LANGUAGES
from ..i18n import lazy_gettext as _l


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


def check_new_password(form: FlaskForm, field: PasswordField) -> None:
    """The rules every new password follows, wherever it is set."""
    minimum = current_app.config["MIN_PASSWORD_LENGTH"]
    if len(field.data or "") < minimum:
        raise ValidationError(_l("The password needs at least %(n)d characters.", n=minimum))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=200), check_new_password]
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two passwords differ."))],
    )
    submit = SubmitField(_l("Change password"))

    def validate_new(self, field: PasswordField) -> None:
        if field.data and field.data == self.current.data:
            raise ValidationError(_l("Choose a password different from the current one."))


class LanguageForm(FlaskForm):
    locale = SelectField(
        _l("Language"), choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()]
    )
    submit = SubmitField(_l("Switch"))
