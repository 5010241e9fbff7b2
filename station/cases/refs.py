"""Reference numbers: ``2026-0001``, one sequence per station and year, never reused.

The counter row is bumped with a single ``UPDATE … RETURNING``, which the
database serialises: on PostgreSQL by the row lock, on SQLite by the write lock
that a writing request takes at ``BEGIN IMMEDIATE`` (station/database.py).
The first case of a year inserts the row inside a savepoint; when another
request inserted it first, the bump is simply repeated.
"""

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from .models import CaseSequence

# The years a case can be received in: a reference's year has four digits, and no
# station kept this register before 2000 (a year-1 date would also overflow UTC).
YEARS = range(2000, 2101)


def format_ref(year: int, number: int) -> str:
    return f"{year}-{number:04d}"


def next_ref(station_id: int, year: int) -> str:
    """Take the next reference number of the station's year (inside the caller's transaction)."""
    number = _bump(station_id, year)
    if number is None:
        try:
            with db.session.begin_nested():
                db.session.add(CaseSequence(station_id=station_id, year=year, last=1))
            number = 1
        except IntegrityError:
            number = _bump(station_id, year)
    if number is None:  # pragma: no cover - the row exists by now
        raise RuntimeError("could not take a reference number")
    return format_ref(year, number)


def _bump(station_id: int, year: int) -> int | None:
    stmt = (
        update(CaseSequence)
        .where(CaseSequence.station_id == station_id, CaseSequence.year == year)
        .values(last=CaseSequence.last + 1)
        .returning(CaseSequence.last)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(stmt).scalar_one_or_none()
