"""The demo's clock: every moment in working hours, 08:30–17:30 on working days. No Flask here.

A story's steps are offsets from its receipt in round-the-clock hours; ``later`` counts
them on the working clock instead (a day of offset is a working day), so a letter that
came in at 16:00 is accepted the next working morning, never at night or on a Sunday,
and the steps keep their order.
"""

from datetime import date, datetime, time, timedelta

from ..rules.workdays import is_workday

OPEN, CLOSE = time(8, 30), time(17, 30)
DAY_HOURS = 9.0
PER_OFFSET_HOUR = DAY_HOURS / 24  # working hours per hour of a step's offset
HOUR = timedelta(hours=1)


def _on_or_before(day: date) -> date:
    while not is_workday(day):
        day -= timedelta(days=1)
    return day


def _after(day: date) -> date:
    day += timedelta(days=1)
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock)


def is_working(moment: datetime) -> bool:
    return is_workday(moment.date()) and OPEN <= moment.time() <= CLOSE


def latest(moment: datetime) -> datetime:
    """The last working moment at or before ``moment``."""
    if is_workday(moment.date()) and moment.time() >= OPEN:
        return min(moment, _at(moment.date(), CLOSE))
    return _at(_on_or_before(moment.date() - timedelta(days=1)), CLOSE)


def on_day(day: date, minutes: int) -> datetime:
    """``minutes`` after opening time on ``day``, or on the working day before it."""
    return _at(_on_or_before(day), OPEN) + timedelta(minutes=min(minutes, DAY_HOURS * 60))


def later(start: datetime, hours: float) -> datetime:
    """``hours`` of working time after the working moment ``start``."""
    moment, left = start, hours
    while left > (room := (_at(moment.date(), CLOSE) - moment) / HOUR):
        left -= room
        moment = _at(_after(moment.date()), OPEN)
    return moment + left * HOUR


def earlier(end: datetime, hours: float) -> datetime:
    """``hours`` of working time before the working moment ``end``."""
    moment, left = end, hours
    while left > (room := (moment - _at(moment.date(), OPEN)) / HOUR):
        left -= room
        moment = _at(_on_or_before(moment.date() - timedelta(days=1)), CLOSE)
    return moment - left * HOUR


def between(start: datetime, end: datetime) -> float:
    """The working hours from ``start`` to ``end``, both working moments."""
    if end <= start:
        return 0.0
    if start.date() == end.date():
        return (end - start) / HOUR
    total = (_at(start.date(), CLOSE) - start) / HOUR + (end - _at(end.date(), OPEN)) / HOUR
    day = _after(start.date())
    while day < end.date():
        total += DAY_HOURS
        day = _after(day)
    return total
