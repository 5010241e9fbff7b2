""" "Overdue" and "due next" as SQL, read from the one list of clocks. No Flask here.

``Case.next_due`` is the earliest due date of a case's running clocks owed to
the public or a superior (station/rules/clocks.py keeps it whenever a case is saved),
so a case is overdue exactly when that date is before today, and "soonest due
first" sorts on it. A case has a next due date exactly while it is open (its close
clock runs in every open state), so ``is_open`` is the open cases as the partial indexes
on open cases read them (migration 0014: ``WHERE next_due IS NOT NULL``, about 2% of the
register). The case lists, the home panels and the overdue board use these expressions
and write no condition of their own.
"""

from datetime import date

from sqlalchemy import ColumnElement

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
