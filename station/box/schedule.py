"""When a suggestion box is due to be opened. No Flask here.

P1 §6 asks for an opening at least every five days: a box is due on its last opening's
date plus its interval (a box never opened: its creation date plus the interval). When
that day is not a working day (station/rules/workdays.py), the box is due on the working
day before it, so that the interval is never stretched by a holiday. A box not opened by
its due day is overdue (``DutyItem.late``). An opening made late restarts the interval
from the day it was made.
"""

from datetime import date, timedelta

from ..rules import workdays


def previous_workday(day: date) -> date:
    """``day`` itself when it is a working day, else the last working day before it."""
    while not workdays.is_workday(day):
        day -= timedelta(days=1)
    return day


def due_date(last_opened: date | None, created_on: date, interval_days: int) -> date:
    """The day the next opening is due."""
    start = last_opened if last_opened is not None else created_on
    return previous_workday(start + timedelta(days=interval_days))
