"""The working-day calendar that every deadline is counted on. No Flask here.

Counting rules (docs/domain.md "The working-day calendar"): "N working days" is the Nth working
day strictly after the start; "N days" is the start plus N calendar days, moved
to the next working day when that day is not one.

Where a day's answer comes from, first match wins:

1. local overrides (table ``calendar_day``, edited and imported by an admin);
2. the official schedule from ``chinese_calendar`` (holidays and adjusted
   weekend working days; it knows a fixed range of years and raises for others);
3. for a year it does not know: Monday to Friday, less the statutory holidays
   fixed by law (dates from the ``holidays`` package, without substituted or
   observed days, because their matching weekend working days are unknown).

A year is confirmed when ``chinese_calendar`` knows it or an admin imported or
confirmed its schedule (table ``calendar_year``). Nothing here raises for a
year without data.

The module functions use the current calendar: a plain one built from official
data, or, when the calendar blueprint has registered a loader with
``set_override_loader`` and an app context is active, one that includes the
local overrides (the loader caches it per request). After changing overrides,
the calendar views send the ``CALENDAR_CHANGED`` signal (blinker) with the years
touched, inside the same database transaction and before the commit, so that
a feature can move the deadlines it stores (the policies room connects the
moving of open cases' due dates). A receiver that raises aborts the change.
"""

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from blinker import Namespace

if TYPE_CHECKING:
    import holidays

# chinese_calendar and holidays are imported where a year's schedule is first built
# (``official_year``), not with this module: together some 0.1 s of every start-up, and
# holidays is needed only for a year chinese_calendar does not know.

UNITS = ("workdays", "days")
HOLIDAY = "holiday"
WORKDAY = "workday"
KINDS = (HOLIDAY, WORKDAY)

# Sent with ``years=`` (those whose days changed) before the change is committed.
CALENDAR_CHANGED = Namespace().signal("calendar-changed")

_MEMO_LIMIT = 50_000  # answers kept per calendar; a request's calendar lives briefly


@dataclass(frozen=True)
class YearData:
    """Where one year departs from "Monday to Friday": days off and weekend working days."""

    off: frozenset[date]
    on: frozenset[date]
    official: bool  # True when the schedule is the published one


@lru_cache(maxsize=256)
def official_year(year: int) -> YearData:
    """The official schedule of ``year``, or weekends plus statutory holidays when unknown."""
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return YearData(frozenset(_statutory_weekdays(year)), frozenset(), official=False)
    # The package's own rule: a listed holiday is off, a listed working day is on.
    off = {d for d in chinese_calendar.holidays if d.year == year and d.weekday() < 5}
    on = {d for d in chinese_calendar.workdays if d.year == year and d.weekday() >= 5}
    return YearData(frozenset(off), frozenset(on), official=True)


def _statutory_weekdays(year: int) -> set[date]:
    """The statutory holidays of ``year`` that fall on Monday to Friday."""
    import holidays

    try:
        found = holidays.China(years=year, observed=False)
        special = _special_days(found, year)
    except Exception:  # a year outside the package's range: weekends only, never a crash
        return set()
    return {d for d in found if d.weekday() < 5 and (d.month, d.day) not in special}


def _special_days(found: "holidays.HolidayBase", year: int) -> set[tuple[int, int]]:
    """(month, day) of one-off and substituted days off, which are not fixed by law."""
    entries = getattr(found, "special_public_holidays", {}).get(year, ())
    if entries and isinstance(entries[0], int):
        entries = (entries,)
    return {(entry[0], entry[1]) for entry in entries}


def _weekdays_upto(day: date) -> int:
    """Mondays to Fridays from an arbitrary fixed Monday (day 1) up to ``day`` included."""
    ordinal = day.toordinal()  # 1 January of year 1 was a Monday: ordinal 1
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


class WorkCalendar:
    """Working days from official data plus local overrides (True: a working day)."""

    def __init__(
        self, overrides: Mapping[date, bool] | None = None, confirmed_years: Iterable[int] = ()
    ) -> None:
        self.overrides = dict(overrides or {})
        self.confirmed_years = frozenset(confirmed_years)
        self._memo: dict[tuple[date, int], date] = {}
        self._year_memo: dict[int, tuple[list[date], list[int]]] = {}

    def is_workday(self, d: date) -> bool:
        if d in self.overrides:
            return self.overrides[d]
        data = official_year(d.year)
        if d in data.on:
            return True
        return d.weekday() < 5 and d not in data.off

    def add_workdays(self, d: date, n: int) -> date:
        """The ``n``th working day strictly after ``d`` (``d`` itself when ``n`` is 0)."""
        if n < 0:
            raise ValueError(f"n must not be negative, got {n}")
        key = (d, n)
        if key not in self._memo:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = self._count(d, n)
        return self._memo[key]

    def _count(self, d: date, n: int) -> date:
        day = d
        while n:
            day += timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """How many working days fall after ``start`` up to ``end`` included (0 if none).

        Counted as Monday to Friday by arithmetic, then corrected on the few days that
        depart from it (overrides, official days off and weekend working days), so that a
        case late for years costs as much as one late for a day (the overdue board lists
        hundreds of them)."""
        if end <= start:
            return 0
        count = _weekdays_upto(end) - _weekdays_upto(start)
        count += self._correction_upto(end) - self._correction_upto(start)
        return count + sum(self._year_correction(y) for y in range(start.year, end.year))

    def _corrections(self, year: int) -> tuple[list[date], list[int]]:
        """The days of ``year`` that depart from Monday to Friday (overrides, official days
        off, weekend working days), in order, with the running sum of what each changes
        (+1 a weekend working day, -1 a weekday off); worked out once a year."""
        kept = self._year_memo.get(year)
        if kept is None:
            data = official_year(year)
            # is_workday asks a day's own year's data: only this year's days count here.
            special = set(self.overrides) | data.off | data.on
            days = sorted(d for d in special if d.year == year)
            running, total = [], 0
            for day in days:
                total += self.is_workday(day) - (day.weekday() < 5)
                running.append(total)
            kept = self._year_memo[year] = (days, running)
        return kept

    def _year_correction(self, year: int) -> int:
        running = self._corrections(year)[1]
        return running[-1] if running else 0

    def _correction_upto(self, d: date) -> int:
        """What the special days of ``d``'s year up to ``d`` included change, in all."""
        days, running = self._corrections(d.year)
        i = bisect_right(days, d)
        return running[i - 1] if i else 0

    def next_workday(self, d: date) -> date:
        """``d`` if it is a working day, else the first working day after it."""
        while not self.is_workday(d):
            d += timedelta(days=1)
        return d

    def due_date(self, start: date, amount: int, unit: str) -> date:
        """The due day of a period of ``amount`` working days or calendar days from ``start``."""
        if amount < 0:
            raise ValueError(f"amount must not be negative, got {amount}")
        if unit == "workdays":
            return self.add_workdays(start, amount)
        if unit == "days":
            return self.next_workday(start + timedelta(days=amount))
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")

    def year_confirmed(self, year: int) -> bool:
        return year in self.confirmed_years or official_year(year).official

    def range_confirmed(self, start: date, end: date) -> bool:
        """Whether every year from ``start`` to ``end`` has a confirmed schedule."""
        return all(self.year_confirmed(y) for y in range(start.year, end.year + 1))

    def needs_warning(self, today: date) -> list[int]:
        """The unconfirmed years among this one and, from 1 November, the next one."""
        years = [today.year]
        if today >= date(today.year, 11, 1):
            years.append(today.year + 1)
        return [y for y in years if not self.year_confirmed(y)]


_PLAIN = WorkCalendar()
_loader: Callable[[], WorkCalendar | None] | None = None


def set_override_loader(loader: Callable[[], WorkCalendar | None] | None) -> None:
    """Install the function that gives the calendar with local overrides (None outside an app)."""
    global _loader
    _loader = loader


def current_calendar() -> WorkCalendar:
    """The calendar with local overrides when a loader gives one, else official data only."""
    if _loader is not None:
        calendar = _loader()
        if calendar is not None:
            return calendar
    return _PLAIN


def calendar_changed(years: set[int]) -> None:
    """Tell every receiver of ``CALENDAR_CHANGED`` which years changed (call before committing)."""
    CALENDAR_CHANGED.send(None, years=set(years))


def is_workday(d: date) -> bool:
    return current_calendar().is_workday(d)


def add_workdays(d: date, n: int) -> date:
    """The ``n``th working day strictly after ``d``; ``d`` itself when ``n`` is 0."""
    return current_calendar().add_workdays(d, n)


def workdays_between(start: date, end: date) -> int:
    """The working days after ``start`` up to ``end`` included."""
    return current_calendar().workdays_between(start, end)


def due_date(start: date, amount: int, unit: str) -> date:
    """``unit`` "workdays": the ``amount``th working day after ``start``; "days": see module."""
    return current_calendar().due_date(start, amount, unit)


def year_confirmed(year: int) -> bool:
    return current_calendar().year_confirmed(year)


def range_confirmed(start: date, end: date) -> bool:
    return current_calendar().range_confirmed(start, end)


def needs_warning(today: date) -> list[int]:
    return current_calendar().needs_warning(today)
