"""Which days are the head's reception days (所长接待日, P1 §5). No Flask here.

The station receives the public on one weekday a week, Monday unless the head chose
another (Monday to Friday). When that day of a week is not a working day, the reception
day is the next working day (docs/domain.md "Station duties"): Monday 5 October 2026 is
National Day, and 1 to 7 October are off, so that week's reception day is Thursday
8 October. Each week has one reception day; a move never skips a week's own.

Functions take the working-day calendar (``rules.workdays.WorkCalendar``) to count on;
without one, the current calendar (with the local overrides inside a request).
"""

from collections.abc import Iterator
from datetime import date, timedelta

from ..rules.workdays import WorkCalendar, current_calendar

MONDAY = 0
WEEKDAYS = range(5)  # Monday (0) to Friday (4)


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    return calendar if calendar is not None else current_calendar()


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def of_week(day: date, weekday: int = MONDAY, calendar: WorkCalendar | None = None) -> date:
    """The reception day of the week ``day`` is in: its ``weekday``, or the next working day
    after it when that is not one (which may be in the week after)."""
    if weekday not in WEEKDAYS:
        raise ValueError(f"weekday must be 0 (Monday) to 4 (Friday), got {weekday}")
    planned = week_start(day) + timedelta(days=weekday)
    return _calendar(calendar).next_workday(planned)


def is_reception_day(
    day: date, weekday: int = MONDAY, calendar: WorkCalendar | None = None
) -> bool:
    """Whether ``day`` is a reception day: its own week's, or the week before's moved on."""
    return day in (
        of_week(day, weekday, calendar),
        of_week(day - timedelta(days=7), weekday, calendar),
    )


def days_from(
    start: date, weekday: int = MONDAY, calendar: WorkCalendar | None = None
) -> Iterator[date]:
    """The reception days on or after ``start``, in order, without end."""
    calendar = _calendar(calendar)
    week = week_start(start) - timedelta(days=7)  # the week before's may land on or after start
    last = None
    while True:
        day = of_week(week, weekday, calendar)
        if day >= start and day != last:
            yield day
            last = day
        week += timedelta(days=7)


def coming(
    start: date, count: int, weekday: int = MONDAY, calendar: WorkCalendar | None = None
) -> list[date]:
    """The first ``count`` reception days on or after ``start``."""
    found = []
    for day in days_from(start, weekday, calendar):
        if len(found) == count:
            break
        found.append(day)
    return found


def between(
    start: date, end: date, weekday: int = MONDAY, calendar: WorkCalendar | None = None
) -> list[date]:
    """The reception days from ``start`` to ``end``, both included."""
    found = []
    for day in days_from(start, weekday, calendar):
        if day > end:
            break
        found.append(day)
    return found
