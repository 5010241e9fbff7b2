""" "Overdue" and "due next" as SQL, read from the one list of clocks. No Flask here.

``Case.next_due`` is the earliest due date of a case's running clocks owed to
the public or a superior (station/rules/clocks.py keeps it whenever a case is saved),
so a case is overdue exactly when that date is before today, and "soonest due
first" sorts on it. The case lists, the home panels and the overdue board use
these two expressions and write no condition of their own.
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
