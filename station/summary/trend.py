"""The summary's 12-month trend (docs/domain.md "The monthly summary"): per month the cases
received, the cases closed on time and the satisfaction rate, and the chart drawn from
them as server-side SVG (``templates/summary/_trend.html``; no script, so the CSP holds).

Each figure is the one the month's own summary gives (``service``): received by
``received_on`` without reports, the close's outcomes on time (``service.outcomes``,
extended cases apart), ``FollowUp.rate``. A month whose figures are known already, a
submitted month's snapshot or the month on the page, comes in ``frozen`` and is not
counted again.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from sqlalchemy import func

from .. import changes
from ..cases.models import Case
from ..cases.overdue import closed_on_time
from ..extensions import db
from . import service
from .months import Month

MONTHS = 12


@dataclass(frozen=True)
class Point:
    month: Month
    received: int
    closed_on_time: int
    satisfaction: float | None  # None: no call reached anyone


def point_of(summary: service.Summary) -> Point:
    """A month's point from its summary (live, or a submitted month's ``data.load``)."""
    return Point(
        month=summary.month,
        received=summary.received.total,
        closed_on_time=summary.deadlines["close"].counts[service.ON_TIME],
        satisfaction=summary.follow_up.rate,
    )


def months_ending(month: Month, start: Month, count: int = MONTHS) -> list[Month]:
    """The ``count`` months up to ``month``, none before ``start`` (the station's first)."""
    out = [month]
    while len(out) < count and out[0].first > start.first:
        out.insert(0, out[0].previous)
    return out


def trend(
    station_id: int,
    months: Sequence[Month],
    tz: str,
    today: date,
    frozen: Mapping[str, Point] | None = None,
) -> list[Point]:
    """The points of ``months``, in their order: those in ``frozen`` (by month key) as
    given, the others counted: one GROUP BY for what they received, and per month the
    close deadline and one GROUP BY of the follow-up calls."""
    frozen = frozen or {}
    key = ("trend", station_id, tuple(months), tz, today, tuple(sorted(frozen.items())))
    return list(changes.remembered(key, lambda: _trend(station_id, months, tz, frozen)))


def _trend(
    station_id: int, months: Sequence[Month], tz: str, frozen: Mapping[str, Point]
) -> list[Point]:
    todo = [m for m in months if m.key not in frozen]
    received = _received(station_id, todo)
    on_time = _closed_on_time(station_id, todo, tz)
    points = []
    for month in months:
        if month.key in frozen:
            points.append(frozen[month.key])
            continue
        points.append(
            Point(
                month=month,
                received=received.get(month.key, 0),
                closed_on_time=on_time.get(month.key, 0),
                satisfaction=service.follow_up(station_id, month, tz, with_returns=False).rate,
            )
        )
    return points


def _closed_on_time(station_id: int, months: Iterable[Month], tz: str) -> dict[str, int]:
    """Per month key, the cases closed on time among those whose close fell due in the
    month, extended cases apart (``service.outcomes``' ON_TIME of the close, reports not
    included): one count per month, over its due days, with the one SQL form of the close
    met on time (cases/overdue.py). The hand-counted tests of the trend hold it to the
    month's own deadline table, a close at 00:30 the day after the due day included."""
    out = {}
    for month in months:
        query = service._cases(station_id).where(
            Case.due_close.between(month.first, month.last),
            Case.extended_to.is_(None),
            closed_on_time(month.days, tz),
        )
        out[month.key] = db.session.scalar(query.with_only_columns(func.count())) or 0
    return out


def _received(station_id: int, months: Iterable[Month]) -> dict[str, int]:
    """Cases received (reports not included, as in ``service.received``) per month key:
    counted per day of receipt, which the index on (station, day of receipt) gives in its
    order, and added up per month here. Grouped by a month computed in SQL, a year's
    46,000 rows at a million cases were sorted again: 110 -> 45-60 ms. (An index with the
    kind too would answer it alone, in 10 ms, but SQLite then preferred it for the cases
    still open at a month's end, and walked the history: measured, and not kept.)"""
    months = list(months)
    if not months:
        return {}
    first = min(m.first for m in months)
    last = max(m.last for m in months)
    query = (
        service._cases(station_id)
        .where(Case.received_on >= first, Case.received_on <= last)
        .with_only_columns(Case.received_on, func.count())
        .group_by(Case.received_on)
    )
    out: dict[str, int] = {}
    for day, count in db.session.execute(query):
        key = f"{day.year:04d}-{day.month:02d}"
        out[key] = out.get(key, 0) + count
    return out


# ---- the chart's geometry (the template draws it; sizes in SVG user units) ----

WIDTH, LEFT, RIGHT, PAD = 720, 56, 24, 20
COUNTS_TOP, COUNTS_HEIGHT = 40, 150  # the upper panel: received and closed on time
RATES_TOP, RATES_HEIGHT = 236, 80  # the lower panel: the satisfaction rate, 0 to 100 %
AXIS_LABELS = RATES_TOP + RATES_HEIGHT + 18
HEIGHT = AXIS_LABELS + 22


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    label: str  # the figure, written beside the marker
    below: bool = False  # under it: the lower of the two count lines has its figures below


@dataclass(frozen=True)
class Series:
    key: str  # received, closed, satisfaction: the template's label, dash and marker
    marks: list[Mark]
    lines: list[list[Mark]]  # runs of consecutive months that have a figure

    @property
    def paths(self) -> list[str]:
        return [" ".join(f"{m.x:.1f},{m.y:.1f}" for m in run) for run in self.lines]


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class XLabel:
    x: float
    month: str  # 10月 / Oct
    year: str  # written under the first month and under each January, else ""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int  # x of the plot's right edge
    counts: tuple[int, int]  # top and bottom y of the upper panel
    rates: tuple[int, int]
    count_ticks: list[Tick]
    rate_ticks: list[Tick]
    months: list[XLabel]
    series: list[Series]

    @property
    def empty(self) -> bool:
        return not self.months


def _step(top: int) -> int:
    """A round step that divides the count axis into at most five parts."""
    for magnitude in (1, 10, 100, 1000, 10000, 100000):
        for step in (1, 2, 5):
            if top <= 5 * step * magnitude:
                return step * magnitude
    return 1000000


def _runs(marks: list[Mark | None]) -> list[list[Mark]]:
    runs: list[list[Mark]] = [[]]
    for mark in marks:
        if mark is None:
            runs.append([])
        else:
            runs[-1].append(mark)
    return [run for run in runs if run]


def chart(points: Sequence[Point]) -> Chart:
    """Where each month, figure and tick goes. Called inside a request (month names in the
    user's language)."""
    right = WIDTH - RIGHT
    n = len(points)
    inner = LEFT + PAD, right - PAD  # the first and the last month, clear of the edges
    span = inner[1] - inner[0]
    xs = [inner[0] + span / 2] if n == 1 else [inner[0] + span * i / (n - 1) for i in range(n)]
    highest = max([p.received for p in points] + [p.closed_on_time for p in points] + [0])
    step = _step(max(highest, 1))
    top = max(step, -(-highest // step) * step)  # the first multiple of step reaching highest
    bottom = COUNTS_TOP + COUNTS_HEIGHT

    def count_y(value: int) -> float:
        return bottom - COUNTS_HEIGHT * value / top

    def rate_y(rate: float) -> float:
        return RATES_TOP + RATES_HEIGHT * (1 - rate)

    def percent(rate: float) -> str:
        return f"{rate * 100:.0f}%"

    received, closed = [], []
    for x, p in zip(xs, points, strict=True):
        lower = p.received < p.closed_on_time
        received.append(Mark(x, count_y(p.received), str(p.received), below=lower))
        closed.append(Mark(x, count_y(p.closed_on_time), str(p.closed_on_time), not lower))
    pleased = [
        None if p.satisfaction is None else Mark(x, rate_y(p.satisfaction), percent(p.satisfaction))
        for x, p in zip(xs, points, strict=True)
    ]
    labels = []
    for i, p in enumerate(points):
        first = p.month.first
        new_year = i == 0 or first.month == 1
        labels.append(XLabel(xs[i], format_date(first, "MMM"), str(first.year) if new_year else ""))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=right,
        counts=(COUNTS_TOP, bottom),
        rates=(RATES_TOP, RATES_TOP + RATES_HEIGHT),
        count_ticks=[Tick(count_y(v), str(v)) for v in range(0, top + 1, step)],
        rate_ticks=[Tick(rate_y(r), percent(r)) for r in (0, 0.5, 1)],
        months=labels,
        series=[
            Series("received", received, _runs(received)),
            Series("closed", closed, _runs(closed)),
            Series("satisfaction", [m for m in pleased if m], _runs(pleased)),
        ],
    )
