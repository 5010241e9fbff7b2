"""The approvals page: heads and inspectors decide the requests of their station's admin."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from ..access import acting_user, get_in_station_or_404, roles_required
from ..extensions import db
from ..forms import EmptyForm
from ..i18n import gettext as _
from ..rules import roles as R
from . import approvals
from .models import RoleRequest

bp = Blueprint("approvals", __name__, url_prefix="/approvals")


@bp.route("/")
@roles_required(R.HEAD, R.INSPECTOR)
def index() -> ResponseReturnValue:
    """The station's requests waiting for a second person, and the latest decided."""
    user = acting_user()
    pending, decided = approvals.station_requests(user.station_id)
    return render_template(
        "admin/approvals.html",
        pending=[(r, approvals.why_not(r, user), approvals.approvers(r)) for r in pending],
        decided=decided,
        describe=approvals.describe,
        nobody=approvals.NOBODY,
    )


@bp.route("/<int:request_id>/approve", methods=["POST"])
@roles_required(R.HEAD, R.INSPECTOR)
def approve(request_id: int) -> ResponseReturnValue:
    """Approve; the user's new one-time password is shown once, on this answer only."""
    asked = get_in_station_or_404(RoleRequest, request_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("approvals.index"), code=303)
    try:
        password = approvals.approve(asked, acting_user())
    except approvals.Refusal as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("approvals.index"), code=303)
    db.session.commit()
    # Rendered, not redirected, so that the password is never stored in the session.
    return render_template(
        "admin/approved.html", asked=asked, password=password, describe=approvals.describe
    )


@bp.route("/<int:request_id>/refuse", methods=["POST"])
@roles_required(R.HEAD, R.INSPECTOR)
def refuse(request_id: int) -> ResponseReturnValue:
    asked = get_in_station_or_404(RoleRequest, request_id)
    if EmptyForm().validate_on_submit():
        try:
            approvals.refuse(asked, acting_user())
        except approvals.Refusal as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            name = asked.user.username
            flash(_("Refused; nothing was changed for %(name)s.", name=name), "success")
    return redirect(url_for("approvals.index"), code=303)
