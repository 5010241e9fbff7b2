""" "Overdue", "due next" and "met on time" as SQL, read from the one list of clocks.
No Flask request here.

``Case.next_due`` is the earliest due date of a case's running clocks owed to
the public or a superior (station/rules/clocks.py keeps it whenever a case is saved),
so a case is overdue exactly when that date is before today, and "soonest due
first" sorts on it. A case has a next due date exactly while it is open (its close
clock runs in every open state), so ``is_open`` is the open cases as the partial indexes
on open cases read them (migration 0014: ``WHERE next_due IS NOT NULL``, about 2% of the
register). The case lists, the home panels, the overdue board and the summary's deadline
table and trend use these expressions and write no condition of their own.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, case, func, not_

from ..rules.workflow import BEFORE_REPLY, OPEN_STATES
from ..timeutil import to_utc
from .models import Case


def overdue(today: date) -> ColumnElement[bool]:
    """True for a case with a running clock it owes whose date is before ``today``."""
    return Case.next_due < today


def next_due() -> ColumnElement[date | None]:
    """The date of the next clock the case owes, for "soonest due first" (None once closed)."""
    return Case.next_due


def is_open() -> ColumnElement[bool]:
    """True for an open case: one with a running clock it owes. Written as the partial
    indexes' condition, literally, so that SQLite uses them (and PostgreSQL alike)."""
    return Case.next_due.is_not(None)


def closed_on_time(due_days: Iterable[date], tz: str) -> ColumnElement[bool]:
    """True for a case whose close fell due on one of ``due_days`` and that was closed by the
    end of that day at the station: the close clock met on time (``clocks.case_clocks``:
    the clock stops at the station's day of ``closed_at``, on time when that day is not
    after ``due_close``). Give the due days the query selects (``met_by_due``)."""
    close = owed_clock("close")
    return and_(not_(close.running), met_by_due(close, due_days, tz))


class OwedClock(NamedTuple):
    """One of the three clocks the monthly summary counts, as SQL: what ``clocks.case_clocks``
    makes of its due day, whether it still runs, and the moment it was met."""

    due: ColumnElement[date]
    running: ColumnElement[bool]
    met_at: ColumnElement[datetime | None]


def owed_clock(name: str) -> OwedClock:
    """First contact, the reply (its extension when there is one) or the close, as
    ``clocks.case_clocks`` has them; ``tests/summary/test_outcome_sql.py`` holds the two
    to the same answers, case by case."""
    is_open = Case.status.in_(OPEN_STATES)
    if name == "contact":
        return OwedClock(Case.due_contact, and_(is_open, Case.contacted_at.is_(None)),
                         Case.contacted_at)  # fmt: skip
    if name == "reply":
        return OwedClock(func.coalesce(Case.extended_to, Case.due_reply),
                         Case.status.in_(BEFORE_REPLY), Case.replied_at)  # fmt: skip
    if name == "close":
        return OwedClock(Case.due_close, is_open, Case.closed_at)
    raise ValueError(f"not a clock the summary counts: {name!r}")


def met_by_due(clock: OwedClock, due_days: Iterable[date], tz: str) -> ColumnElement[bool]:
    """True when ``clock`` was met by the end of its due day at the station (the clock's
    ``done_on``, the station's day of the moment, not after its due day).

    That local day is not stored and SQLite cannot compute it; but each due day's end is
    one UTC moment, so "met by the end of the due day" is the moment met before the one
    the day after begins. Give the due days the query selects (a month has at most 31):
    a clock due on another day is never counted as met, nor one never met (NULL)."""
    ends = {d: to_utc(datetime.combine(d + timedelta(days=1), time.min), tz) for d in due_days}
    return clock.met_at < case(ends, value=clock.due)
