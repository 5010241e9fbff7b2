"""The reporting-line log's figures of a month, for the monthly summary (docs/domain.md
"The monthly summary"): the calls received in the month, by disposition. One GROUP BY."""

from datetime import date

from sqlalchemy import func, select

from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..summary.months import Month
from .labels import DISPOSITION_LABELS
from .models import DISPOSITIONS, Call

OPEN = "open"
LABELS = {"calls": _l("Calls logged"), **DISPOSITION_LABELS, OPEN: _l("Not dealt with yet")}


def month(station_id: int, first: date, last: date, tz: str, today: date) -> dict[str, int]:
    start, end = Month(first).utc_bounds(tz)
    rows = dict(
        db.session.execute(
            select(Call.disposition, func.count())
            .where(Call.station_id == station_id, Call.received_at >= start, Call.received_at < end)
            .group_by(Call.disposition)
        ).all()
    )
    figures = {"calls": sum(rows.values())}
    figures.update({d: rows.get(d, 0) for d in DISPOSITIONS})
    figures[OPEN] = rows.get(None, 0)
    return figures
