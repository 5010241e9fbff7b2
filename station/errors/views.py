"""Error pages in the user's language; nothing about the failure leaks to the page."""

from flask import Blueprint, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..confidential.keys import KeyProblem
from ..extensions import db
from ..htmx import is_htmx
from ..i18n import gettext as _

bp = Blueprint("errors", __name__)


def _page(code: int, title: str, message: str) -> ResponseReturnValue:
    if is_htmx():
        return render_template("errors/_message.html", message=message), code
    return render_template("errors/error.html", code=code, title=title, message=message), code


@bp.app_errorhandler(CSRFError)
def csrf_error(error: CSRFError) -> ResponseReturnValue:
    return _page(
        400,
        _("The form has expired"),
        _("The page was open too long or was sent twice. Go back, reload it and try again."),
    )


@bp.app_errorhandler(413)
def too_large(error: HTTPException) -> ResponseReturnValue:
    limit = current_app.config["MAX_UPLOAD_MB"]
    return _page(
        413,
        _("The file is too large"),
        _("A file may be at most %(mb)d MB. Nothing was saved; choose a smaller file.", mb=limit),
    )


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException) -> ResponseReturnValue:
    messages = {
        400: (_("Bad request"), _("The request could not be understood. Nothing was changed.")),
        403: (_("Not allowed"), _("Your role does not allow you to open this page.")),
        404: (_("Not found"), _("There is no such page, or it is not in your station.")),
        405: (_("Not allowed"), _("This page cannot be used that way.")),
    }
    title, message = messages.get(error.code or 500, (error.name, error.description or ""))
    return _page(error.code or 500, title, message)


@bp.app_errorhandler(KeyProblem)
def key_problem(error: KeyProblem) -> ResponseReturnValue:
    """The confidentiality key went missing or was changed while the app ran: nothing is
    sealed or opened under a wrong key (docs/threat-model.md)."""
    db.session.rollback()
    current_app.logger.error("Confidentiality key: %s", error)
    return _page(
        503,
        _("The confidentiality key is missing"),
        _(
            "Nothing was changed. The key file of this installation is missing or is not the "
            "right one; tell the administrator, who puts back the report_key file from the "
            "backup of the instance folder."
        ),
    )


@bp.app_errorhandler(500)
def server_error(error: Exception) -> ResponseReturnValue:
    db.session.rollback()
    current_app.logger.exception("Unhandled error on %s", request.path)
    return _page(
        500,
        _("Something went wrong"),
        _(
            "The request failed and nothing was changed. Try again; if it happens again, "
            "tell the administrator the time it happened."
        ),
    )
