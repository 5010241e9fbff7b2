"""When a key person is due a visit. No Flask here.

P5 §三(一)8 asks that the station follow its key persons (重点客户) closely and that a leader
call on them from time to time to ask their opinion (主管领导定期上门征询意见). Each key
person has a visit interval in days: 90 unless the head set another, from 7 to 365.

A visit is due on the last visit's day plus the interval; a person never visited since
being marked, on the day marked plus the interval. Where the person was marked again
after a visit (cleared, then marked anew), the interval counts from the later of the
two days. The days are calendar days, not moved for holidays: a visit is arranged with
the person, not on the office's clock. A visit not made by its due day is overdue
(``DutyItem.late``); a visit made late starts the interval again from its own day.
"""

from datetime import date, timedelta

DEFAULT_INTERVAL = 90
MIN_INTERVAL = 7
MAX_INTERVAL = 365


def valid_interval(days: int | None) -> bool:
    return days is not None and MIN_INTERVAL <= days <= MAX_INTERVAL


def due_date(last_visited: date | None, marked_on: date, interval_days: int) -> date:
    """The day the next visit is due."""
    start = marked_on if last_visited is None else max(last_visited, marked_on)
    return start + timedelta(days=interval_days)
