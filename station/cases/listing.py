"""The case lists' rules: which filters narrow a query, and what each row shows. No Flask here.

The list page, "my cases", the home panel and the search results all show
cases through ``templates/cases/_table.html``; ``table_rows`` gives it the
reply deadline's traffic light for each case.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select

from .. import deadlines
from ..timeutil import local_day, to_utc
from .models import Case
from .overdue import overdue

UNASSIGNED = "none"  # the assignee filter's value for cases nobody holds yet


@dataclass
class Filters:
    """The filters a user chose; a value of None (or False) does not narrow the list."""

    status: str | None = None
    channel: str | None = None
    kind: str | None = None
    importance: str | None = None
    assignee: int | str | None = None  # a user id, or UNASSIGNED
    received_from: date | None = None
    received_to: date | None = None
    overdue_only: bool = False


def apply(query: Select, filters: Filters, *, today: date, tz: str) -> Select:
    """``query`` (a select of Case) narrowed by every filter that has a value."""
    for name in ("status", "channel", "kind", "importance"):
        value = getattr(filters, name)
        if value:
            query = query.where(getattr(Case, name) == value)
    if filters.assignee == UNASSIGNED:
        query = query.where(Case.assignee_id.is_(None))
    elif filters.assignee is not None:
        query = query.where(Case.assignee_id == filters.assignee)
    # received_at is stored in UTC: the local days' bounds are turned into UTC moments.
    if filters.received_from is not None:
        query = query.where(Case.received_at >= _utc_start(filters.received_from, tz))
    if filters.received_to is not None:
        end = _utc_start(filters.received_to + timedelta(days=1), tz)
        query = query.where(Case.received_at < end)
    if filters.overdue_only:
        query = query.where(overdue(today))
    return query


def _utc_start(day: date, tz: str) -> datetime:
    return to_utc(datetime.combine(day, time.min), tz)


def newest_first(query: Select) -> Select:
    return query.order_by(Case.received_at.desc(), Case.id.desc())


@dataclass(frozen=True)
class Row:
    case: Case
    reply_due: date
    light: str  # deadlines.OK / WARN / LATE / DONE
    confirmed: bool  # False: the due date lies in a year whose official calendar is unknown


def reply_light(case: Case, today: date, tz: str) -> str:
    """The reply deadline's light: done (or late) once replied, else by the time used."""
    done_on = local_day(case.replied_at, tz)
    return deadlines.light(case.received_on, case.due_reply_effective, today, done_on=done_on)


def table_rows(cases: Iterable[Case], today: date, tz: str) -> Sequence[Row]:
    return [
        Row(
            case=c,
            reply_due=c.due_reply_effective,
            light=reply_light(c, today, tz),
            confirmed=deadlines.confirmed(c.due_reply_effective),
        )
        for c in cases
    ]
