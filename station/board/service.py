"""The overdue board's figures: every open case of a station in one of four groups. No Flask
request here: the views say whose board it is (docs/domain.md "The overdue board").

The board defines no light and no "late" of its own. A case's group comes from the one
list of its clocks (station/rules/clocks.py): *late* when ``clocks.is_late`` says so (with
the working days late of the clock the row shows), *due today* when that clock
(``clocks.headline``, the next one owed) falls due today, *due soon* when its light
(``Clock.light``) is amber, else *on track*. The close clock counts like every other: a
case followed up but not closed by its close date is late.

The board's cost follows what it lists, not the history. A case is late exactly when its
stored next due date is before today (station/cases/overdue.py, kept from the same list of
clocks), so the late group is counted in the database and only its first ROW_LIMIT rows
are read; the cases not late (due today or later: the current work, not the years of
cases left late) are placed here from their clocks' columns, and only those listed are read
whole. Each reads the partial indexes on open cases
(migration 0014), with the holders in one more query (``selectinload``); the clocks need
no other table (a member unit's transfer is an internal clock, which never decides a
case's next due).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from ..cases import listing
from ..cases.models import Case
from ..cases.overdue import is_open, overdue
from ..confidential import gate
from ..extensions import db
from ..models import Station
from ..rules import clocks, deadlines

LATE, DUE_TODAY, AMBER, ON_TRACK = "late", "due_today", "amber", "on_track"
GROUPS = (LATE, DUE_TODAY, AMBER, ON_TRACK)
ROW_LIMIT = 100  # rows listed per group (a wall shows fewer); the counts go on

# What a case's clocks are computed from: enough to place a case without its words.
CLOCK_COLUMNS = (
    Case.station_id,
    Case.kind,
    Case.status,
    Case.received_on,
    Case.due_contact,
    Case.due_reply,
    Case.due_close,
    Case.due_review,
    Case.due_followup,
    Case.extended_to,
    Case.external_due,
    Case.superior_due,
    Case.review_pending,
    Case.contacted_at,
    Case.replied_at,
    Case.followed_up_at,
    Case.closed_at,
    Case.next_due,
)


@dataclass(frozen=True)
class Row:
    """One case on the board: the clock it shows (the next one owed), its light and group."""

    case: Case
    clock: clocks.Clock
    light: str
    group: str
    days_late: int  # working days, 0 unless late

    @property
    def confirmed(self) -> bool:
        """False: the due date lies in a year whose official calendar is not yet known."""
        return deadlines.confirmed(self.clock.due)


@dataclass
class Group:
    key: str
    rows: list[Row] = field(default_factory=list)
    total: int = 0  # every case of the group, those not listed included
    unlisted_reports: int = 0  # reports counted here that the viewer may not see

    @property
    def more(self) -> int:
        """Cases the viewer may see that the group counts but does not list (ROW_LIMIT)."""
        return self.total - self.unlisted_reports - len(self.rows)


@dataclass
class Board:
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)

    @property
    def unlisted_reports(self) -> int:
        return sum(g.unlisted_reports for g in self.groups)

    def group(self, key: str) -> Group:
        return next(g for g in self.groups if g.key == key)


def place(case: clocks.CaseLike, today: date, tz: str) -> tuple[str, clocks.Clock]:
    """The group of an open case and the clock its row shows, from the one list of clocks."""
    every = clocks.case_clocks(case, tz)
    clock = clocks.headline(every)
    if clocks.is_late(every, today):
        return LATE, clock
    if clock.due == today:
        return DUE_TODAY, clock
    if clock.light(today) == deadlines.WARN:
        return AMBER, clock
    return ON_TRACK, clock


def open_cases(query: Select) -> Select:
    """``query`` (of Case) narrowed to the open cases, the soonest due first."""
    return query.where(is_open()).order_by(Case.next_due, Case.id)


def station_cases(station_id: int) -> Select:
    return select(Case).where(Case.station_id == station_id)


def build(
    query: Select,
    today: date,
    tz: str,
    *,
    filters: listing.Filters | None = None,
    counted_only: Select | None = None,
) -> Board:
    """The board of the cases of ``query`` (narrowed by the gate for its viewer) that are
    open and pass ``filters``. ``counted_only``: the reports the viewer may count but not
    see (``gate.counted_unread``), which go into the counts and nowhere else."""
    filters = filters or listing.Filters()
    groups = {key: Group(key) for key in GROUPS}
    shown = listing.apply(open_cases(query), filters, today=today, tz=tz)
    late = shown.where(overdue(today))
    groups[LATE].total = _count(late)
    for case in db.session.scalars(late.limit(ROW_LIMIT).options(selectinload(Case.assignee))):
        _add(groups, case, today, tz)
    _add_current(groups, shown.where(~overdue(today)), today, tz)
    if counted_only is not None:
        hidden = listing.apply(open_cases(counted_only), filters, today=today, tz=tz)
        for key, count in _counts(hidden, today, tz).items():
            groups[key].total += count
            groups[key].unlisted_reports += count
    return Board([groups[key] for key in GROUPS])


def _add(groups: dict[str, Group], case: Case, today: date, tz: str) -> None:
    """List ``case`` in its group (the late group's count comes from the database)."""
    key, clock = place(case, today, tz)
    _row(groups, case, key, clock, today)


def _row(groups: dict[str, Group], case: Case, key: str, clock: clocks.Clock, today: date) -> None:
    group = groups[key]
    if len(group.rows) < ROW_LIMIT:
        days = deadlines.workdays_late(clock.due, today) if key == LATE else 0
        group.rows.append(Row(case, clock, clock.light(today), key, days))


def _add_current(groups: dict[str, Group], query: Select, today: date, tz: str) -> None:
    """Count and list the cases of ``query`` that are not late. Each is placed from its
    clocks' columns alone; only the cases that get a row are read whole, in one more query:
    at a county's size the open cases not yet late are a thousand, the rows at most
    ``ROW_LIMIT`` a group."""
    chosen: dict[str, list[tuple[int, clocks.Clock]]] = {key: [] for key in GROUPS}
    for case in db.session.execute(query.with_only_columns(Case.id, *CLOCK_COLUMNS)):
        key, clock = place(case, today, tz)
        groups[key].total += 1
        if len(groups[key].rows) + len(chosen[key]) < ROW_LIMIT:
            chosen[key].append((case.id, clock))
    ids = [case_id for picks in chosen.values() for case_id, _clock in picks]
    if not ids:
        return
    whole = select(Case).where(Case.id.in_(ids)).options(selectinload(Case.assignee))
    cases = {case.id: case for case in db.session.scalars(whole)}
    for key, picks in chosen.items():
        for case_id, clock in picks:  # in the query's order: soonest due first
            _row(groups, cases[case_id], key, clock, today)


def _count(query: Select) -> int:
    """How many cases ``query`` has, counted by the database."""
    ids = query.order_by(None).with_only_columns(Case.id).subquery()
    return db.session.scalar(select(func.count()).select_from(ids))


def _counts(query: Select, today: date, tz: str) -> Counter:
    """How many cases of ``query`` fall in each group: the late ones counted by the
    database, the others placed from their clocks' columns alone."""
    counts = Counter({LATE: _count(query.where(overdue(today)))})
    current = query.where(~overdue(today)).with_only_columns(*CLOCK_COLUMNS)
    counts.update(place(case, today, tz)[0] for case in db.session.execute(current))
    return counts


@dataclass(frozen=True)
class StationCounts:
    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def county(viewer: object, today: date, tz: str) -> list[StationCounts]:
    """Every station's open cases per group, for county users: counts only, narrowed by the
    gate as the county's home figures are (reports are not in live counts, station/cases/
    county.py). Two queries per station (the late counted, the others placed), each on
    the open cases."""
    stations: Iterable[Station] = db.session.scalars(select(Station).order_by(Station.name))
    out = []
    for station in stations:
        query = gate.narrow(open_cases(station_cases(station.id)), viewer)
        counts = _counts(query, today, tz)
        out.append(StationCounts(station.name, {key: counts.get(key, 0) for key in GROUPS}))
    return out
