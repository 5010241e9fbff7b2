"""Which month a summary is of: parsing ``YYYY-MM`` and its bounds. No Flask here."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from ..timeutil import to_utc

_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Month:
    first: date  # the month's first local day

    @property
    def key(self) -> str:
        return f"{self.first.year:04d}-{self.first.month:02d}"

    # Cached: a month's summary asks for its last day once per open case (8,800 at a million).
    @cached_property
    def next_first(self) -> date:
        return (self.first + timedelta(days=31)).replace(day=1)

    @cached_property
    def last(self) -> date:
        return self.next_first - timedelta(days=1)

    @property
    def days(self) -> list[date]:
        """Every day of the month, in order: the due days a deadline can fall on."""
        return [self.first + timedelta(days=i) for i in range(self.last.day)]

    @property
    def previous(self) -> "Month":
        return Month((self.first - timedelta(days=1)).replace(day=1))

    @property
    def following(self) -> "Month":
        return Month(self.next_first)

    def utc_bounds(self, tz: str) -> tuple[datetime, datetime]:
        """[start, end) as stored UTC moments: the local first day of the month and of the
        next at 00:00, converted (SQLite has no time-zone data, so the bounds are computed
        here and the UTC column is compared against them)."""
        return (
            to_utc(datetime.combine(self.first, time.min), tz),
            to_utc(datetime.combine(self.next_first, time.min), tz),
        )


def parse(text: str) -> Month | None:
    """``2026-10`` as a Month; None for anything else (2026-1, 2026-13, 26-10…)."""
    match = _MONTH.fullmatch(text)
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and year >= 2000):
        return None
    return Month(date(year, month, 1))


def of(day: date) -> Month:
    return Month(day.replace(day=1))
