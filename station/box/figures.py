"""The boxes' figures of a month, for the monthly summary (docs/domain.md "The monthly summary").

An opening is due on the day ``schedule.due_date`` gives after the opening before it. For
every due day that fell in the month: opened by that day (on time), opened after it (late),
or not opened yet (still owed). One box's openings around the month are read in one query:
a handful of rows, whatever the box's history.
"""

from datetime import date

from sqlalchemy import func, select

from ..extensions import db
from ..i18n import lazy_gettext as _l
from . import schedule
from .models import BoxOpening, SuggestionBox

LABELS = {
    "due": _l("Openings due"),
    "on_time": _l("Opened on time"),
    "late": _l("Opened late"),
    "owed": _l("Not opened yet"),
}


def _start(box: SuggestionBox, first: date) -> date | None:
    """The last opening before the month (the one the month's first due day follows from)."""
    return db.session.scalar(
        select(func.max(BoxOpening.opened_on)).where(
            BoxOpening.box_id == box.id, BoxOpening.opened_on < first
        )
    )


def _openings(box: SuggestionBox, since: date) -> list[date]:
    return list(
        db.session.scalars(
            select(BoxOpening.opened_on)
            .where(BoxOpening.box_id == box.id, BoxOpening.opened_on >= since)
            .order_by(BoxOpening.opened_on)
        )
    )


def _walk(box: SuggestionBox, first: date, last: date) -> dict[str, int]:
    counts = dict.fromkeys(LABELS, 0)
    start = _start(box, first)
    opened = _openings(box, first)
    while True:
        due = schedule.due_date(start, box.created_on, box.interval_days)
        if due > last:
            return counts
        # The opening that answers this due day: the first one after the last opening.
        after = next((day for day in opened if start is None or day > start), None)
        if due >= first:
            counts["due"] += 1
            if after is None:
                counts["owed"] += 1
            else:
                counts["on_time" if after <= due else "late"] += 1
        if after is None:
            return counts
        start = after


def month(station_id: int, first: date, last: date, tz: str, today: date) -> dict[str, int]:
    """Due days up to the month's last day (or today, in the current month)."""
    end = min(last, today)
    totals = dict.fromkeys(LABELS, 0)
    boxes = db.session.scalars(
        select(SuggestionBox).where(
            SuggestionBox.station_id == station_id,
            SuggestionBox.active.is_(True),
            SuggestionBox.created_on <= end,
        )
    )
    for box in boxes:
        for key, n in _walk(box, first, end).items():
            totals[key] += n
    return totals
