"""Reception day's figures of a month, for the monthly summary (docs/domain.md "The monthly
summary"): the reception days the calendar gave the month (up to today), the days on which
visitors came, the visitors and their outcomes. Two GROUP BY statements."""

from datetime import date

from sqlalchemy import func, select

from ..extensions import db
from ..i18n import lazy_gettext as _l
from . import schedule
from .labels import OUTCOME_LABELS
from .models import OUTCOMES, Visitor
from .service import setting

OPEN = "open"
LABELS = {
    "days": _l("Reception days"),
    "days_with_visitors": _l("Days with visitors"),
    "visitors": _l("Visitors received"),
    **OUTCOME_LABELS,
    OPEN: _l("Not dealt with yet"),
}


def month(station_id: int, first: date, last: date, tz: str, today: date) -> dict[str, int]:
    in_month = (Visitor.station_id == station_id, Visitor.day >= first, Visitor.day <= last)
    rows = dict(
        db.session.execute(
            select(Visitor.outcome, func.count()).where(*in_month).group_by(Visitor.outcome)
        ).all()
    )
    days_with_visitors = db.session.scalar(
        select(func.count(func.distinct(Visitor.day))).where(*in_month)
    )
    figures = {
        "days": len(schedule.between(first, min(last, today), setting(station_id).weekday)),
        "days_with_visitors": days_with_visitors or 0,
        "visitors": sum(rows.values()),
    }
    figures.update({o: rows.get(o, 0) for o in OUTCOMES})
    figures[OPEN] = rows.get(None, 0)
    return figures
