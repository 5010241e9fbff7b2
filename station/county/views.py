"""The county's pages: ``/county/`` (the last full month) and ``/county/<YYYY-MM>``, every
station of a month side by side. County users only (docs/domain.md "The county's view")."""

from flask import Blueprint, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..access import roles_required
from ..i18n import gettext as _
from ..i18n import show_month
from ..rules import roles as R
from ..summary import exports, months
from ..timeutil import local_today, station_tz
from . import service, tables

bp = Blueprint("county", __name__, url_prefix="/county")


def _refused(code: int, message: str) -> ResponseReturnValue:
    title = _("No summary for this month")
    return render_template("errors/error.html", code=code, title=title, message=message), code


@bp.route("/", methods=["GET"])
@roles_required(R.COUNTY)
def index() -> ResponseReturnValue:
    """The month the county reviews: the last one that has ended."""
    return _side_by_side(months.of(local_today(station_tz())).previous)


@bp.route("/<string:month>", methods=["GET"])
@roles_required(R.COUNTY)
def month(month: str) -> ResponseReturnValue:
    parsed = months.parse(month)
    if parsed is None:
        return _refused(400, _("A month is written as year and month, such as 2026-10."))
    return _side_by_side(parsed)


@bp.route("/<string:month>.xlsx", methods=["GET"])
@roles_required(R.COUNTY)
def xlsx(month: str) -> ResponseReturnValue:
    parsed = months.parse(month)
    if parsed is None:
        return _refused(400, _("A month is written as year and month, such as 2026-10."))
    found = _rows(parsed)
    if not isinstance(found, list):
        return found
    heading = show_month(parsed.first)
    body = exports.workbook_bytes(heading, [tables.side_by_side(found, service.totals(found))])
    name = _("Stations side by side-%(month)s", month=parsed.key)
    return exports.download(body, exports.XLSX, name, f"stations-{parsed.key}", "xlsx")


def _rows(month: months.Month) -> list[service.StationMonth] | ResponseReturnValue:
    """The month's rows, or the page that says why there are none."""
    tz = station_tz()
    today = local_today(tz)
    if month.first > months.of(today).first:
        return _refused(404, _("%(month)s has not begun yet.", month=month.key))
    first = service.first_month()
    if first is None or month.first < first.first:
        start = (first or months.of(today)).key
        return _refused(404, _("The stations' first case was received in %(month)s.", month=start))
    return service.live_rows(month, tz, today, current_user) + service.imported_rows(month)


def _side_by_side(month: months.Month) -> ResponseReturnValue:
    this_month = months.of(local_today(station_tz()))
    rows = _rows(month)
    if not isinstance(rows, list):
        return rows
    first = service.first_month()
    following = month.following if month.first < this_month.first else None
    previous = month.previous if month.first > first.first else None
    return render_template(
        "county/month.html",
        month=month,
        current=month == this_month,
        rows=rows,
        total=service.totals(rows),
        previous_url=previous and url_for("county.month", month=previous.key),
        next_url=following and url_for("county.month", month=following.key),
    )
