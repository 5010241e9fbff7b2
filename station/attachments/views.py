"""Attachments of a case: upload a scan or photo, and download it again.

Both go through ``get_case_or_404``: a user of another station gets 404, one who
may not open the case (a clerk and a confidential report) gets 403. Files live
under ``<instance>/uploads/<station id>/`` with generated names.
"""

import io
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    send_file,
    url_for,
)
from flask_login import current_user
from sqlalchemy import Select, bindparam, select

from ..access import roles_required
from ..attachments.models import Attachment
from ..cases.models import Case
from ..cases.permissions import may
from ..cases.queries import get_case_or_404
from ..cases.service import record_event
from ..confidential import gate
from ..database import built_once
from ..extensions import db
from ..i18n import gettext as _
from ..rules import roles as R
from ..rules import workflow
from . import storage
from .forms import UploadForm

bp = Blueprint("attachments", __name__)


def _folder(case: Case) -> Path:
    return storage.station_folder(Path(current_app.config["UPLOAD_FOLDER"]), case.station_id)


def may_attach(case: Case) -> bool:
    """Whether the current user may add files to the case now (archived files are sealed)."""
    return may(current_user, "note", case) and workflow.can("note", case.status)


def _case_page(case: Case):
    return redirect(url_for("cases.show", ref=case.ref, _anchor="attachments"))


@bp.route("/cases/<ref>/attachments", methods=["POST"])
@roles_required(*R.STATION_ROLES)
def upload(ref: str):
    """Keep an uploaded scan or photo with the case and note it on the timeline."""
    case = get_case_or_404(ref)
    if not may(current_user, "note", case):
        abort(403)
    if not workflow.can("note", case.status):
        flash(_("An archived case takes no more attachments."), "error")
        return _case_page(case)
    form = UploadForm()
    if not form.validate_on_submit():
        flash(_("Choose a file to attach."), "error")
        return _case_page(case)
    upload_file = form.file.data
    limit = int(current_app.config["MAX_UPLOAD_MB"]) * 1024 * 1024
    try:
        seal = gate.seal_file if gate.is_report(case) else None
        stored = storage.save(upload_file.stream, _folder(case), limit, seal=seal)
    except storage.UploadError as exc:
        if exc.code == "size":
            abort(413)  # the error page says how large a file may be; nothing was kept
        flash(_refusal(exc.code), "error")
        return _case_page(case)
    ext = Path(stored.name).suffix
    name = storage.display_name(upload_file.filename, ext)
    try:
        _record(case, stored, name)
        db.session.commit()
    except Exception:
        db.session.rollback()
        storage.remove(_folder(case), stored.name)
        raise
    if gate.is_report(case):  # a flash waits in the browser's cookie: no report's words there
        flash(_("The file was attached."), "success")
    else:
        flash(_("Attached %(name)s.", name=name), "success")
    return _case_page(case)


def _refusal(code: str) -> str:
    if code == "empty":
        return _("The file is empty. Nothing was attached.")
    return _(
        "Only PDF, JPEG and PNG files can be attached, judged by their content rather than "
        "their name. Nothing was attached."
    )


def _record(case: Case, stored: storage.Stored, name: str) -> None:
    item = Attachment(
        case_id=case.id,
        filename=name,
        stored_name=stored.name,
        mimetype=stored.mimetype,
        size=stored.size,
        uploaded_by_id=current_user.id,
    )
    db.session.add(item)
    db.session.flush()
    record_event(case, current_user, "attachment", name, attachment_id=item.id, size=stored.size)


@bp.route("/cases/<ref>/attachments/<int:attachment_id>")
@roles_required(*R.STATION_ROLES)
def download(ref: str, attachment_id: int):
    """The file, shown in the browser (all accepted types are images or PDF)."""
    case = get_case_or_404(ref)
    item = db.session.scalar(
        select(Attachment).where(Attachment.id == attachment_id, Attachment.case_id == case.id)
    )
    if item is None:
        abort(404)
    path = _folder(case) / item.stored_name
    if not path.is_file():
        current_app.logger.error("Attachment %s of case %s is missing on disk", item.id, case.ref)
        abort(404)
    content = path
    if gate.is_report(case):
        content = io.BytesIO(gate.open_file(item.stored_name, path.read_bytes()))
    response = send_file(
        content, mimetype=item.mimetype, download_name=item.filename, as_attachment=False
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def attachments_of(case: Case) -> list[Attachment]:
    return list(db.session.scalars(_attachments_of_case(), {"case_id": case.id}))


@built_once
def _attachments_of_case() -> Select:
    return (
        select(Attachment).where(Attachment.case_id == bindparam("case_id")).order_by(Attachment.id)
    )


@bp.app_context_processor
def _inject() -> dict:
    # Functions for templates/attachments/_list.html, which the case page includes.
    return {
        "attachments_of": attachments_of,
        "may_attach": may_attach,
        "attachment_form": UploadForm,
    }
