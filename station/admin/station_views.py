"""The station settings page: how the public reaches the station (phone, address, reception
place), printed on the acceptance receipt and the reply letter.

A station's admin sets their own station at ``/admin/station``; the installation's admin
(no station) picks one in the list of stations and sets it at ``/admin/stations/<id>``.
"""

from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from .. import audit
from ..access import acting_user, roles_required
from ..extensions import db
from ..i18n import gettext as _
from ..models import Station
from ..rules import roles as R
from . import queries
from .forms import StationContactForm
from .views import bp

CONTACT_FIELDS = ("phone", "address", "reception_place")


@dataclass(frozen=True)
class Contact:
    """What the receipt and the letter print; ``fallback`` is the old STATION_CONTACT setting,
    shown only while the station has neither phone nor address."""

    phone: str = ""
    address: str = ""
    reception_place: str = ""
    fallback: str = ""


@bp.app_template_global()
def station_contact(station_id: int | None) -> Contact:
    """The station's contact for the sheets handed to the public (templates/_station_contact)."""
    station = db.session.get(Station, station_id) if station_id is not None else None
    if station is None:
        return Contact(fallback=current_app.config.get("STATION_CONTACT", ""))
    given = Contact(**{name: getattr(station, name) or "" for name in CONTACT_FIELDS})
    if given.phone or given.address:
        return given
    return Contact(
        reception_place=given.reception_place,
        fallback=current_app.config.get("STATION_CONTACT", ""),
    )


@bp.route("/station", methods=["GET", "POST"])
@roles_required(R.ADMIN)
def own_station() -> ResponseReturnValue:
    """The admin's own station's settings; the installation's admin picks one in the list."""
    admin = acting_user()
    if admin.station_id is None:
        return redirect(url_for("admin.stations"))
    return _settings(admin.station, url_for("admin.own_station"))


@bp.route("/stations/<int:station_id>", methods=["GET", "POST"])
@roles_required(R.ADMIN)
def station(station_id: int) -> ResponseReturnValue:
    """One station's settings: its own admin's, or any for the installation's admin."""
    found = queries.managed_station(acting_user(), station_id)
    if found is None:
        abort(404)
    return _settings(found, url_for("admin.station", station_id=found.id))


def _settings(station: Station, here: str) -> ResponseReturnValue:
    form = StationContactForm(obj=None if request.method == "POST" else station)
    if form.validate_on_submit():
        values = {name: (getattr(form, name).data or "").strip() for name in CONTACT_FIELDS}
        if all(getattr(station, name) == value for name, value in values.items()):
            flash(_("Nothing was changed."), "info")
        else:
            for name, value in values.items():
                setattr(station, name, value)
            detail = " | ".join(values[name] for name in CONTACT_FIELDS)
            audit.record(
                "station_contact_changed",
                target=station.name,
                detail=detail,
                station_id=station.id,
            )
            db.session.commit()
            flash(_("Saved. The receipt and the reply letter now show these."), "success")
        return redirect(here, code=303)
    return render_template(
        "admin/station.html",
        form=form,
        station=station,
        installation=acting_user().station_id is None,
    )
