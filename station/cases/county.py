"""The county's figures per station: open cases, late ones, received this month.

County staff (role ``county``, no station) read across the installation's stations, in
aggregate only (docs/domain.md "Who uses it"): counts, never a case, a person, a subject
or a report's detail. Reports count inside the totals like every other kind, with no
column of their own, so that no figure tells a report apart. These queries therefore
do not start from ``visible_cases`` (a station's view); each is one grouped count that
an index of the case table serves (station with status, next due, received).
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import ColumnElement, func, select

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


def _per_station(condition: ColumnElement[bool]) -> dict[int, int]:
    query = select(Case.station_id, func.count()).where(condition).group_by(Case.station_id)
    return {station_id: n for station_id, n in db.session.execute(query)}


def month_start(today: date, tz: str) -> datetime:
    """The stored (UTC) moment at which the station's current month began."""
    return to_utc(datetime.combine(today.replace(day=1), time.min), tz)


def county_figures() -> list[StationFigures]:
    """Every station of the installation, by name, with its three counts."""
    tz = station_tz()
    today = local_today(tz)
    opened = _per_station(Case.status.in_(OPEN_STATES))
    late = _per_station(overdue(today))
    received = _per_station(Case.received_at >= month_start(today, tz))
    stations = db.session.execute(select(Station.id, Station.name).order_by(Station.name))
    return [
        StationFigures(name, opened.get(sid, 0), late.get(sid, 0), received.get(sid, 0))
        for sid, name in stations
    ]
