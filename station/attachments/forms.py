"""The upload form of the case page's attachments."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField

from ..i18n import lazy_gettext as _l


class UploadForm(FlaskForm):
    file = FileField(_l("Scan or photo (PDF, JPEG or PNG)"), validators=[FileRequired()])
    submit = SubmitField(_l("Attach"))
