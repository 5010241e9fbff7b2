"""Local calendar overrides: loading them for ``workdays``, changing them, importing a year.

Every change is flushed, then the per-request calendar is dropped and the
``workdays.CALENDAR_CHANGED`` hooks run with the years touched, all before the
caller's commit: a hook's own changes (moved deadlines) commit with it, and a
hook that raises leaves nothing changed. Each change adds an audit entry.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from flask import g, has_app_context
from sqlalchemy import select

from .. import audit, changes
from ..extensions import db
from ..models import CalendarDay, CalendarYear
from ..rules import workdays
from ..timeutil import utcnow
from .csv_import import ImportedDay

_G_KEY = "work_calendar"


def load_calendar() -> workdays.WorkCalendar | None:
    """The calendar with local overrides (None outside an app): kept for the request, and
    between requests until a write commits (changes.remembered), since every list and
    the board ask it and it changes a few times a year. A request that has written reads
    it anew: its own change to the calendar, not yet committed, moves deadlines."""
    if not has_app_context():
        return None
    calendar = g.get(_G_KEY)
    if calendar is None:
        calendar = changes.remembered(_KEPT_KEY, _read_calendar)
        setattr(g, _G_KEY, calendar)
    return calendar


_KEPT_KEY = ("work_calendar",)


def _read_calendar() -> workdays.WorkCalendar:
    rows = db.session.execute(select(CalendarDay.day, CalendarDay.kind)).all()
    confirmed = db.session.scalars(select(CalendarYear.year)).all()
    return workdays.WorkCalendar({day: kind == workdays.WORKDAY for day, kind in rows}, confirmed)


def forget_calendar() -> None:
    """Drop the cached calendar so that the next question sees the changes."""
    if has_app_context():
        g.pop(_G_KEY, None)


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def overrides_of(year: int) -> list[CalendarDay]:
    first, last = _year_bounds(year)
    query = select(CalendarDay).where(CalendarDay.day.between(first, last))
    return list(db.session.scalars(query.order_by(CalendarDay.day)))


@dataclass(frozen=True)
class YearStatus:
    year: int
    overrides: int
    official: bool  # chinese_calendar knows the year
    confirmed_by: str | None  # who imported or confirmed it, None if nobody
    confirmed_at: datetime | None

    @property
    def confirmed(self) -> bool:
        return self.official or self.confirmed_by is not None


def year_statuses(years: Iterable[int]) -> list[YearStatus]:
    """The given years and every year with overrides or a confirmation, newest first."""
    counts: dict[int, int] = {}
    for day in db.session.scalars(select(CalendarDay.day)):
        counts[day.year] = counts.get(day.year, 0) + 1
    confirmed = {row.year: row for row in db.session.scalars(select(CalendarYear))}
    wanted = set(years) | set(counts) | set(confirmed)
    return [
        YearStatus(
            year=y,
            overrides=counts.get(y, 0),
            official=workdays.official_year(y).official,
            confirmed_by=confirmed[y].confirmed_by if y in confirmed else None,
            confirmed_at=confirmed[y].confirmed_at if y in confirmed else None,
        )
        for y in sorted(wanted, reverse=True)
    ]


def save_day(day: date, kind: str, name: str) -> bool:
    """Add or change the override of ``day``; False when it already said exactly that."""
    row = db.session.get(CalendarDay, day)
    before = {"kind": row.kind, "name": row.name} if row else None
    if row is not None and (row.kind, row.name) == (kind, name):
        return False
    if row is None:
        row = CalendarDay(day=day)
        db.session.add(row)
    row.kind, row.name = kind, name
    data = {"kind": kind, "name": name} | ({"before": before} if before else {})
    audit.record("calendar_day_set", target=day.isoformat(), data=data)
    _changed({day.year})
    return True


def remove_day(day: date) -> bool:
    """Remove the override of ``day``; False when there was none."""
    row = db.session.get(CalendarDay, day)
    if row is None:
        return False
    data = {"kind": row.kind, "name": row.name}
    audit.record("calendar_day_removed", target=day.isoformat(), data=data)
    db.session.delete(row)
    _changed({day.year})
    return True


def import_days(
    year: int, own: list[ImportedDay], spill: list[ImportedDay], *, by: str, filename: str = ""
) -> set[int]:
    """Import the schedule of ``year``; the years touched.

    ``own`` (the days of ``year``) replaces that year's overrides and confirms
    it. ``spill`` (days of the neighbouring years that the schedule lists) is
    saved day by day: those years keep their other overrides and are not
    confirmed, since the file is not their whole schedule.
    """
    for row in overrides_of(year):
        db.session.delete(row)
    db.session.flush()
    db.session.add_all(CalendarDay(day=d.day, kind=d.kind, name=d.name) for d in own)
    spilled = [_upsert(d) for d in sorted(spill, key=lambda d: d.day)]
    _confirm(year, by)
    data = {"days": len(own), "file": filename, "others": spilled}
    audit.record("calendar_imported", target=str(year), data=data)
    years = {year} | {d.day.year for d in spill}
    _changed(years)
    return years


def _upsert(d: ImportedDay) -> dict:
    """Save one neighbouring year's day; what the audit entry records of it."""
    row = db.session.get(CalendarDay, d.day)
    before = {"kind": row.kind, "name": row.name} if row else None
    if row is None:
        row = CalendarDay(day=d.day)
        db.session.add(row)
    row.kind, row.name = d.kind, d.name
    now = {"kind": d.kind, "name": d.name}
    return (
        {"day": d.day.isoformat()} | now | ({"before": before} if before not in (None, now) else {})
    )


def confirm_year(year: int, *, by: str) -> bool:
    """Mark ``year`` confirmed as entered by hand; False when it already was."""
    if db.session.get(CalendarYear, year) is not None:
        return False
    _confirm(year, by)
    audit.record("calendar_year_confirmed", target=str(year))
    _changed({year})
    return True


def _confirm(year: int, by: str) -> None:
    row = db.session.get(CalendarYear, year) or CalendarYear(year=year)
    row.confirmed_by, row.confirmed_at = by[:50], utcnow()
    db.session.add(row)


def _changed(years: set[int]) -> None:
    db.session.flush()
    forget_calendar()
    workdays.calendar_changed(years)
