"""The county's forms: importing summary files and registering a station's key."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from ..i18n import lazy_gettext as _l
from .imports import NAME_MAX

# A summary file is a few kilobytes; anything much larger is not one.
FILE_MAX = 2 * 1024 * 1024


class ImportForm(FlaskForm):
    files = MultipleFileField(_l("Summary files (.json)"))
    submit = SubmitField(_l("Import"))


class RegisterForm(FlaskForm):
    name = StringField(_l("Station's name"), validators=[DataRequired(), Length(max=NAME_MAX)])
    key_file = FileField(_l("Its public key file (.pem)"))
    fingerprint = StringField(_l("or its fingerprint, as its page shows it"))
    submit = SubmitField(_l("Register the station"))
