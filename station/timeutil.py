"""Time: stored as naive UTC, shown and counted in the station's time zone."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """Now, as the naive UTC datetime that the database stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_local(moment: datetime, tz: str) -> datetime:
    """A stored (naive UTC) moment in the station's time zone."""
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(tz))


def to_utc(local_moment: datetime, tz: str) -> datetime:
    """A local wall-clock moment (naive, in ``tz``) as stored naive UTC."""
    aware = local_moment.replace(tzinfo=ZoneInfo(tz))
    return aware.astimezone(UTC).replace(tzinfo=None)


def local_today(tz: str) -> date:
    return datetime.now(ZoneInfo(tz)).date()
