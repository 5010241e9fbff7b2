"""The confidentiality room's pages: the receipt-code status query, for now."""

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_login import current_user

from ..access import roles_required
from ..cases import labels
from ..extensions import db
from ..rules import roles as R
from ..timeutil import utcnow
from . import gate, receipts
from .forms import StatusForm

bp = Blueprint("confidential", __name__, url_prefix="/confidential")


@bp.route("/status", methods=["GET", "POST"])
@roles_required(*R.STATION_ROLES)
def status():
    """A reporter quotes a receipt code on the phone: any staff member learns the report's
    state, due date and the message for the reporter, and nothing else."""
    form = StatusForm()
    found, problem = None, None
    if form.validate_on_submit():
        try:
            case = receipts.query(form.code.data, current_user.id, gate.client_address(), utcnow())
        except receipts.Malformed:
            problem = _("A receipt code has 16 digits. Check the number and type it again.")
        except receipts.Throttled:
            problem = _(
                "Too many codes that were not found. Wait a quarter of an hour, then try again."
            )
        else:
            if case is None:
                problem = _("No report has this receipt code. Check the number with the reporter.")
            else:
                found = {
                    "status": labels.STATUS[case.status],
                    "due": case.extended_to or case.due_reply,
                    "message": gate.reporter_message(case.id),
                    "closed": case.closed_at is not None,
                }
        db.session.commit()  # the access-log entry of the query, whatever it found
        form.code.data = ""
    elif form.is_submitted():
        problem = form.code.errors[0] if form.code.errors else None
    return render_template("confidential/status.html", form=form, found=found, problem=problem)
