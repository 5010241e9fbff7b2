""" "Overdue", "due next" and "closed on time" as SQL, read from the one list of clocks.
No Flask request here.

``Case.next_due`` is the earliest due date of a case's running clocks owed to
the public or a superior (station/rules/clocks.py keeps it whenever a case is saved),
so a case is overdue exactly when that date is before today, and "soonest due
first" sorts on it. A case has a next due date exactly while it is open (its close
clock runs in every open state), so ``is_open`` is the open cases as the partial indexes
on open cases read them (migration 0014: ``WHERE next_due IS NOT NULL``, about 2% of the
register). The case lists, the home panels, the overdue board and the summary's trend use
these expressions and write no condition of their own.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, case

from ..rules.workflow import OPEN_STATES
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
    after ``due_close``).

    That local day is not stored and SQLite cannot compute it; but each due day's end is
    one UTC moment, so "closed by the end of the due day" is ``closed_at`` before the
    moment the day after begins. Give the due days the query selects (a month has at most
    31): a case whose ``due_close`` is not among them is never counted."""
    ends = {d: to_utc(datetime.combine(d + timedelta(days=1), time.min), tz) for d in due_days}
    return and_(Case.status.not_in(OPEN_STATES), Case.closed_at < case(ends, value=Case.due_close))
