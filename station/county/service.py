"""A month of every station side by side, for county users (docs/domain.md "The county's
view").

Each row is read from a month's summary as the county receives it (``summarize`` with no
user: reports only as counts, late cases by reference), so the side-by-side page defines no
figure of its own. A station of this installation is read live; "overdue now" and the late
duties exist only for those, since a station that runs alone sends only its months.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..board import service as board
from ..cases.models import Case
from ..duties import registry
from ..extensions import db
from ..models import Station
from ..summary import service as summary
from ..summary.months import Month, of, parse
from . import imports

LIVE, IMPORTED = "live", "imported"


@dataclass(frozen=True)
class Rate:
    met: int
    over: int

    @property
    def value(self) -> float | None:
        return self.met / self.over if self.over else None


@dataclass(frozen=True)
class StationMonth:
    name: str
    source: str  # LIVE, or where a frozen month came from
    received: int
    reports: int
    contact: Rate
    reply: Rate
    close: Rate
    satisfaction: Rate
    open_at_end: int
    late_at_end: int
    overdue_now: int | None  # None: not known (a station that runs alone)
    late_duties_now: int | None
    version: int | None = None  # of a month imported from a file: which version
    station_id: int | None = None  # a station of this installation: its live month
    imported_id: int | None = None  # a station that runs alone: the file shown


def _kept(kept: summary.Kept) -> Rate:
    return Rate(kept.counts[summary.ON_TIME], kept.due)


def from_summary(
    name: str,
    figures: summary.Summary,
    source: str,
    now: tuple[int, int] | None = None,
    version: int | None = None,
    **where: int,
) -> StationMonth:
    """One station's row from its month's figures; ``now`` (overdue cases, late duties)
    for a station read live."""
    follow = figures.follow_up
    pleased = follow.by_satisfaction["satisfied"] + follow.by_satisfaction["basically"]
    still = figures.still_open
    return StationMonth(
        name=name,
        source=source,
        received=figures.received.total,
        reports=figures.received.reports,
        contact=_kept(figures.deadlines["contact"]),
        reply=_kept(figures.deadlines["reply"]),
        close=_kept(figures.deadlines["close"]),
        satisfaction=Rate(pleased, follow.reached),
        open_at_end=still.count,
        late_at_end=len(still.late) + still.late_unread,
        overdue_now=now[0] if now else None,
        late_duties_now=now[1] if now else None,
        version=version,
        **where,
    )


def live_rows(month: Month, tz: str, today: date, viewer: object) -> list[StationMonth]:
    """Every station of this installation, by name, read live."""
    stations: Iterable[Station] = db.session.scalars(select(Station).order_by(Station.name))
    late_now = {s.name: s.counts[board.LATE] for s in board.county(viewer, today, tz)}
    rows = []
    for station in stations:
        figures = summary.summarize(station.id, month, tz, today, None)
        now = (late_now.get(station.name, 0), len(registry.late(station.id, today)))
        rows.append(from_summary(station.name, figures, LIVE, now, station_id=station.id))
    return rows


def imported_rows(month: Month) -> list[StationMonth]:
    """The stations that run alone, each from the newest version of the month it sent."""
    return [
        from_summary(
            row.station.name,
            imports.summary_of(row),
            IMPORTED,
            version=row.version,
            imported_id=row.id,
        )
        for row in imports.latest(month.key)
    ]


def first_month() -> Month | None:
    """The first month any station has: of this installation's cases, or imported."""
    first = db.session.scalar(select(func.min(Case.received_on)))
    found = [m for m in (first and of(first), parse(imports.earliest_month() or "")) if m]
    return min(found, key=lambda m: m.first) if found else None


def totals(rows: list[StationMonth]) -> StationMonth:
    """The county's row: sums, and rates over the summed counts (not an average of rates)."""

    def rate(name: str) -> Rate:
        return Rate(
            sum(getattr(r, name).met for r in rows), sum(getattr(r, name).over for r in rows)
        )

    def known(name: str) -> int | None:
        values = [getattr(r, name) for r in rows]
        return None if any(v is None for v in values) else sum(values)

    return StationMonth(
        name="",
        source="",
        received=sum(r.received for r in rows),
        reports=sum(r.reports for r in rows),
        contact=rate("contact"),
        reply=rate("reply"),
        close=rate("close"),
        satisfaction=rate("satisfaction"),
        open_at_end=sum(r.open_at_end for r in rows),
        late_at_end=sum(r.late_at_end for r in rows),
        overdue_now=known("overdue_now"),
        late_duties_now=known("late_duties_now"),
    )
