"""The station's devices: the head sees the grants and revokes one."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from ..access import acting_user, get_in_station_or_404, roles_required
from ..extensions import db
from ..forms import EmptyForm
from ..i18n import gettext as _
from ..rules import roles as R
from ..timeutil import station_tz, utcnow
from . import service
from .models import Device

bp = Blueprint("devices", __name__, url_prefix="/devices")


@bp.route("/")
@roles_required(R.HEAD)
def index():
    """The station's device grants, the running ones with a button to revoke."""
    return render_template(
        "devices/index.html",
        devices=service.recent(current_user.station_id),
        now=utcnow(),
        kind_label=lambda d: service.kind_of(d).label if service.kind_of(d) else d.kind,
        tz=station_tz(),
        form=EmptyForm(),
    )


@bp.route("/<int:device_id>/revoke", methods=["POST"])
@roles_required(R.HEAD)
def revoke(device_id: int):
    """End a device's grant now: its browser gets nothing more."""
    device = get_in_station_or_404(Device, device_id)
    if not EmptyForm().validate_on_submit():
        flash(_("The form expired; please try again."), "error")
    elif service.revoke(device, acting_user()):
        db.session.commit()
        flash(_("The device's grant has ended."), "success")
    else:
        flash(_("This device's grant had already ended."), "info")
    return redirect(url_for("devices.index"), code=303)
