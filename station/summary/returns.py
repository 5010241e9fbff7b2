"""What came back in a month: cases reopened as appeals, and repeat complaints (docs/domain.md
"The monthly summary"). Reports are in neither count, as in every table of the summary.

A repeat complaint is a complaint received in the month from a person (the same phone or
the same ID number) who complained on the same topic in the ``REPEAT_DAYS`` days before it.
"""

from datetime import timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from ..cases.models import Case, CaseEvent
from ..confidential import gate
from ..database import sqlite_unindexed
from ..extensions import db
from .months import Month

REPEAT_DAYS = 90
COMPLAINT = "complaint"


def appeals(station_id: int, month: Month, tz: str) -> int:
    """Cases reopened as an appeal in the month (the reopening's moment, in local days)."""
    start, end = month.utc_bounds(tz)
    query = gate.without_reports(
        select(func.count())
        .select_from(CaseEvent)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(
            Case.station_id == station_id,
            CaseEvent.action == "reopen_appeal",
            CaseEvent.at >= start,
            CaseEvent.at < end,
        )
    )
    return db.session.scalar(query) or 0


def _pairs(station_id: int, month: Month, column):
    """(case, its day, the earlier one's day) for the month's complaints and the earlier
    complaints on the same topic with the same ``column`` (phone, or ID number): an
    equality join that the column's index serves (an OR of the two would scan)."""
    earlier = aliased(Case)
    return gate.without_reports(
        select(Case.id, Case.received_on, earlier.received_on)
        .join(
            earlier,
            and_(
                getattr(earlier, column.key) == column,
                # No index on the station for the earlier case, so that SQLite, without
                # statistics, takes the phone's (or the ID number's) index, not the station's.
                sqlite_unindexed(earlier.station_id) == Case.station_id,
                earlier.id != Case.id,
                earlier.kind == COMPLAINT,
                earlier.topic_id == Case.topic_id,
                earlier.received_on >= month.first - timedelta(days=REPEAT_DAYS),
                earlier.received_on <= month.last,
                or_(
                    earlier.received_at < Case.received_at,
                    and_(earlier.received_at == Case.received_at, earlier.id < Case.id),
                ),
            ),
        )
        .where(
            Case.station_id == station_id,
            Case.kind == COMPLAINT,
            Case.topic_id.is_not(None),
            column != "",
            Case.received_on >= month.first,
            Case.received_on <= month.last,
        )
    )


def repeats(station_id: int, month: Month) -> int:
    """The month's complaints with an earlier complaint of the same person and topic. The
    database pairs them within the window's outer bounds (two dates that every database
    compares alike); the exact 90 days of each pair are checked here, over the month's
    pairs only."""
    found = set()
    for column in (Case.person_phone, Case.person_id_number):
        for case_id, on, before in db.session.execute(_pairs(station_id, month, column)):
            if (on - before).days <= REPEAT_DAYS:
                found.add(case_id)
    return len(found)
