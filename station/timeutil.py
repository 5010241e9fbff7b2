"""Time: stored as naive UTC, shown and counted in the station's time zone.

Every "now" of the application comes from ``utcnow()``. ``clock_at(moment)``
pins it for the code that runs inside: the demo plays a past year through the
real services that way, and every table's defaults follow without knowing it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import overload
from zoneinfo import ZoneInfo

from flask import current_app


def station_tz() -> str:
    """The station's time zone (needs an app context)."""
    return current_app.config["STATION_TIMEZONE"]


_pinned: ContextVar[datetime | None] = ContextVar("pinned_clock", default=None)


def utcnow() -> datetime:
    """Now, as the naive UTC datetime that the database stores (or the pinned moment)."""
    pinned = _pinned.get()
    return pinned if pinned is not None else datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """Within the block, ``utcnow()`` is ``moment`` (naive UTC)."""
    token = _pinned.set(moment)
    try:
        yield
    finally:
        _pinned.reset(token)


def to_local(moment: datetime, tz: str) -> datetime:
    """A stored (naive UTC) moment in the station's time zone."""
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(tz))


def to_utc(local_moment: datetime, tz: str) -> datetime:
    """A local wall-clock moment (naive, in ``tz``) as stored naive UTC."""
    aware = local_moment.replace(tzinfo=ZoneInfo(tz))
    return aware.astimezone(UTC).replace(tzinfo=None)


def local_now(tz: str) -> datetime:
    """Now on the station's wall clock, naive: what a form shows and compares against."""
    return to_local(utcnow(), tz).replace(tzinfo=None)


def local_today(tz: str) -> date:
    return to_local(utcnow(), tz).date()


@overload
def local_day(moment: datetime, tz: str) -> date: ...
@overload
def local_day(moment: None, tz: str) -> None: ...
def local_day(moment: datetime | None, tz: str) -> date | None:
    """The station's day of a stored (naive UTC) moment: 20:00 UTC is already tomorrow in
    Shanghai, so a UTC moment's own date can be the day before."""
    return None if moment is None else to_local(moment, tz).date()
