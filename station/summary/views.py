"""The monthly summary, ``/summary/`` (the current month) and ``/summary/<YYYY-MM>``.

Who (docs/domain.md "The monthly summary"): a station's clerks, head and inspectors, for
their own station. County users and admins are refused for now (the county's view is a
later part of issue 10). A month that is not one, is in the future, or comes before the
station's first case gets a page that says so, never an error. The exports
(``exports.py``) refuse the same months through ``checked_month``.
"""

from flask import Blueprint, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..access import roles_required
from ..cases import labels as case_labels
from ..duties import labels as duty_labels
from ..duties import registry
from ..i18n import gettext as _
from ..rules import roles as R
from ..timeutil import local_today, station_tz
from . import months, service, trend, versions
from . import people as staff

bp = Blueprint("summary", __name__, url_prefix="/summary")

VIEWERS = (R.CLERK, R.HEAD, R.INSPECTOR)
# The most late cases that the page lists (most late first). A station has a handful; a
# county's thousands would make the page a ledger nobody reads: the files list them all.
LATE_ON_PAGE = 100


def _refused(code: int, message: str) -> ResponseReturnValue:
    title = _("No summary for this month")
    return render_template("errors/error.html", code=code, title=title, message=message), code


def checked_month(text: str | None) -> months.Month | ResponseReturnValue:
    """The month ``text`` names (None: the current month) if the current user's station has
    a summary of it, else the page that refuses it. The page and every export ask this."""
    this_month = months.of(local_today(station_tz()))
    if text is None:
        return this_month
    month = months.parse(text)
    if month is None:
        return _refused(400, _("A month is written as year and month, such as 2026-10."))
    if month.first > this_month.first:
        return _refused(404, _("%(month)s has not begun yet.", month=month.key))
    start = first_month(current_user.station_id)
    if month.first < start.first:
        return _refused(
            404,
            _("The station's first case was received in %(month)s.", month=start.key),
        )
    return month


def first_month(station_id: int) -> months.Month:
    """The month of the station's first case; the current month when it has none."""
    first = service.first_received(station_id)
    return months.of(first if first is not None else local_today(station_tz()))


@bp.route("/", methods=["GET"])
@roles_required(*VIEWERS)
def current() -> ResponseReturnValue:
    return _summary(checked_month(None))


@bp.route("/<string:month>", methods=["GET"])
@roles_required(*VIEWERS)
def month(month: str) -> ResponseReturnValue:
    return _summary(checked_month(month))


def _summary(month: months.Month | ResponseReturnValue) -> ResponseReturnValue:
    if not isinstance(month, months.Month):
        return month
    tz = station_tz()
    today = local_today(tz)
    this_month = months.of(today)
    station_id = current_user.station_id
    start = first_month(station_id)
    previous = month.previous if month.first > start.first else None
    following = month.following if month.first < this_month.first else None
    summary = service.summarize(station_id, month, tz, today, current_user)
    return render_template(
        "summary/month.html",
        month=month,
        current=month == this_month,
        **page_figures(summary),
        **trend_figures(month, summary, start),
        previous_url=previous and url_for("summary.month", month=previous.key),
        next_url=following and url_for("summary.month", month=following.key),
    )


def trend_figures(
    month: months.Month,
    summary: service.Summary,
    start: months.Month,
    station_id: int | None = None,
) -> dict:
    """The 12-month trend ending with ``month`` (from ``start``, the station's first month),
    whose own point is ``summary``'s; of the user's station unless ``station_id`` says."""
    tz = station_tz()
    station_id = station_id if station_id is not None else current_user.station_id
    shown = trend.months_ending(month, start)
    # Submitted months are read from their snapshot, and the month on the page is counted
    # already: the trend counts only the others.
    frozen = versions.submitted_points(station_id, [m.key for m in shown])
    frozen[month.key] = trend.point_of(summary)
    points = trend.trend(station_id, shown, tz, local_today(tz), frozen=frozen)
    return {"chart": trend.chart(points), "trend_points": points}


def page_figures(summary: service.Summary) -> dict:
    """What month.html needs to show ``summary``'s figures to the user: the live page's,
    and a submitted version's (submissions.py), alike."""
    late = summary.still_open.late
    return {
        "summary": summary,
        "late_shown": late[:LATE_ON_PAGE],
        "late_more": max(len(late) - LATE_ON_PAGE, 0),
        "people": staff.visible_rows(summary.people, current_user),
        "duty_titles": duty_labels.TITLE,
        "duty_figure": registry.figure_label,
        "table_kinds": service.TABLE_KINDS,
        "case_labels": case_labels,
    }
