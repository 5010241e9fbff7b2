"""Reference numbers: ``2026-0001``, one sequence per station and year, never reused;
reports take their own, ``JB2026-001``.

The counter row is bumped with a single ``UPDATE … RETURNING``, which the
database serialises: on PostgreSQL by the row lock, on SQLite by the write lock
that a writing request takes at ``BEGIN IMMEDIATE`` (station/database.py).
The first case of a year inserts the row inside a savepoint; when another
request inserted it first, the bump is simply repeated.
"""

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from .models import CaseSequence, ReportSequence

# The years a case can be received in: a reference's year has four digits, and no
# station kept this register before 2000 (a year-1 date would also overflow UTC).
YEARS = range(2000, 2101)


def format_ref(year: int, number: int) -> str:
    return f"{year}-{number:04d}"


def format_report_ref(year: int, number: int) -> str:
    return f"JB{year}-{number:03d}"


def next_ref(station_id: int, year: int, *, report: bool = False) -> str:
    """Take the next reference number of the station's year (inside the caller's transaction):
    a report's from the reports' own sequence."""
    model = ReportSequence if report else CaseSequence
    number = _bump(model, station_id, year)
    if number is None:
        try:
            with db.session.begin_nested():
                db.session.add(model(station_id=station_id, year=year, last=1))
            number = 1
        except IntegrityError:
            number = _bump(model, station_id, year)
    if number is None:  # pragma: no cover - the row exists by now
        raise RuntimeError("could not take a reference number")
    return format_report_ref(year, number) if report else format_ref(year, number)


def _bump(model: type, station_id: int, year: int) -> int | None:
    stmt = (
        update(model)
        .where(model.station_id == station_id, model.year == year)
        .values(last=model.last + 1)
        .returning(model.last)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(stmt).scalar_one_or_none()
