"""The county's figures per station: open cases, late ones, received this month.

County staff (role ``county``, no station) read across the installation's stations, in
aggregate only (docs/domain.md "Who uses it"): counts, never a case, a person, a subject
or a report's detail. These live figures leave reports out, as the confidentiality gate
narrows them for a role that does not read reports: a count that moves from one day to
the next would tell when a report came in; reports are counted only over a month or more
(``gate.count_reports``, for the monthly summary). These queries do not start from
``visible_cases`` (a station's view); each count is a range of an index of the case
table (station with status, next due, received).
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from flask_login import current_user
from sqlalchemy import ColumnElement, ScalarSelect, func, select

from ..confidential import gate
from ..extensions import db
from ..models import Station
from ..rules.workflow import OPEN_STATES
from ..timeutil import local_today, station_tz, to_utc
from .models import Case
from .overdue import overdue


@dataclass(frozen=True)
class StationFigures:
    name: str
    open: int
    late: int
    received: int  # this month, by the station's local days


def _count_in(station: type[Station], condition: ColumnElement[bool]) -> ScalarSelect[int]:
    # Correlated per station, so that each count is a range of an index that starts with
    # the station (a count grouped over every station would read the whole index).
    count = select(func.count(Case.id)).where(Case.station_id == station.id, condition)
    return gate.narrow(count, current_user).correlate(station).scalar_subquery()


def month_start(today: date, tz: str) -> datetime:
    """The stored (UTC) moment at which the station's current month began."""
    return to_utc(datetime.combine(today.replace(day=1), time.min), tz)


def county_figures() -> list[StationFigures]:
    """Every station of the installation, by name, with its three counts: one statement."""
    tz = station_tz()
    today = local_today(tz)
    query = select(
        Station.name,
        _count_in(Station, Case.status.in_(OPEN_STATES)),
        _count_in(Station, overdue(today)),
        _count_in(Station, Case.received_at >= month_start(today, tz)),
    ).order_by(Station.name)
    return [StationFigures(*row) for row in db.session.execute(query)]
