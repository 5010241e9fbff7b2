"""A station's month as the county reads it (docs/domain.md "The county's view"): the live
summary of a station of this installation, its submitted versions, and the month a station
that runs alone sent as a file; each with its XLSX. County users only.

Every page is the summary as the county receives it (``summarize`` with no user: reports
only as counts, late cases by reference), drawn by the station's own template.
"""

import json

from flask import abort, render_template, url_for
from flask.typing import ResponseReturnValue

from ..access import roles_required
from ..extensions import db
from ..i18n import gettext as _
from ..i18n import show_month
from ..models import Station
from ..rules import roles as R
from ..summary import data, exports, months, service, tables, versions
from ..summary.views import first_month, page_figures, trend_figures
from ..timeutil import local_today, station_tz
from . import imports
from .models import ImportedSummary
from .views import _refused, bp


def _station_month(month: str, station_id: int):
    """(month, station) to show, or the page that says why not (a response tuple)."""
    parsed = months.parse(month)
    if parsed is None:
        return _refused(400, _("A month is written as year and month, such as 2026-10."))
    station = db.session.get(Station, station_id) or abort(404)
    if parsed.first > months.of(local_today(station_tz())).first:
        return _refused(404, _("%(month)s has not begun yet.", month=parsed.key))
    start = first_month(station.id)
    if parsed.first < start.first:
        return _refused(
            404, _("The station's first case was received in %(month)s.", month=start.key)
        )
    return parsed, station


def _render(month, station_name: str, summary, trend: dict, county: dict) -> str:
    return render_template(
        "summary/month.html",
        month=month,
        current=False,
        **page_figures(summary),
        **trend,
        previous_url=None,
        next_url=None,
        county={
            "station": station_name,
            "back": url_for("county.month", month=month.key),
            **county,
        },
    )


@bp.route("/<string:month>/stations/<int:station_id>", methods=["GET"])
@roles_required(R.COUNTY)
def station_month(month: str, station_id: int) -> ResponseReturnValue:
    found = _station_month(month, station_id)
    if not isinstance(found[0], months.Month):
        return found
    parsed, station = found
    tz = station_tz()
    summary = service.summarize(station.id, parsed, tz, local_today(tz), None)
    trend = trend_figures(parsed, summary, first_month(station.id), station.id)
    rows = versions.versions(station.id, parsed.key)
    return _render(
        parsed,
        station.name,
        summary,
        trend,
        {
            "xlsx": url_for("county.station_xlsx", month=parsed.key, station_id=station.id),
            "versions": rows,
            "station_id": station.id,
        },
    )


@bp.route("/<string:month>/stations/<int:station_id>.xlsx", methods=["GET"])
@roles_required(R.COUNTY)
def station_xlsx(month: str, station_id: int) -> ResponseReturnValue:
    found = _station_month(month, station_id)
    if not isinstance(found[0], months.Month):
        return found
    parsed, station = found
    tz = station_tz()
    summary = service.summarize(station.id, parsed, tz, local_today(tz), None)
    return _xlsx(station.name, parsed, summary)


@bp.route("/<string:month>/stations/<int:station_id>/versions/<int:version>", methods=["GET"])
@roles_required(R.COUNTY)
def station_version(month: str, station_id: int, version: int) -> ResponseReturnValue:
    found = _station_month(month, station_id)
    if not isinstance(found[0], months.Month):
        return found
    parsed, station = found
    row = versions.get_version(station.id, parsed.key, version) or abort(404)
    summary = versions.frozen_summary(row)
    trend = trend_figures(parsed, summary, first_month(station.id), station.id)
    return _render(parsed, station.name, summary, trend, {"frozen": row})


@bp.route("/<string:month>/files/<int:imported_id>", methods=["GET"])
@roles_required(R.COUNTY)
def imported(month: str, imported_id: int) -> ResponseReturnValue:
    row = _imported(month, imported_id)
    summary = versions.ordered(data.load(json.loads(row.data)))
    return _render(
        row_month(row),
        row.station.name,
        summary,
        {"chart": None, "trend_points": []},
        {
            "imported": row,
            "xlsx": url_for("county.imported_xlsx", month=row.month, imported_id=row.id),
        },
    )


@bp.route("/<string:month>/files/<int:imported_id>.xlsx", methods=["GET"])
@roles_required(R.COUNTY)
def imported_xlsx(month: str, imported_id: int) -> ResponseReturnValue:
    row = _imported(month, imported_id)
    summary = versions.ordered(imports.summary_of(row))
    return _xlsx(row.station.name, row_month(row), summary)


def _imported(month: str, imported_id: int) -> ImportedSummary:
    row = db.session.get(ImportedSummary, imported_id)
    if row is None or row.month != month:
        abort(404)
    return row


def row_month(row: ImportedSummary) -> months.Month:
    return months.Month(row.first_day)


def _xlsx(station_name: str, month: months.Month, summary) -> ResponseReturnValue:
    heading = _(
        "%(station)s, monthly summary for %(month)s",
        station=station_name,
        month=show_month(month.first),
    )
    body = exports.workbook_bytes(heading, tables.tables(summary))
    name = _("%(station)s monthly summary-%(month)s", station=station_name, month=month.key)
    return exports.download(body, exports.XLSX, name, f"summary-{month.key}", "xlsx")
