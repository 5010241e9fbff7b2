"""The figures of a month's summary, for one station (docs/domain.md "The monthly summary").

Reports (举报) are in none of the tables: they appear once, as the month's count, through
the confidentiality gate (``gate.count_reports``), for every role alike, so that no table
cell of a topic or a channel can tell anything about a report.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy import case as when

from .. import changes
from ..cases import overdue
from ..cases.models import Case
from ..confidential import gate
from ..database import plain_rows
from ..duties import registry
from ..extensions import db
from ..models import User
from ..policies.models import Topic
from ..rules import clocks
from ..rules.deadlines import workdays_late
from ..rules.vocab import CHANNELS, CONFIDENTIAL_KINDS, IMPORTANCE, KINDS, SATISFACTION
from . import people as staff
from . import returns
from .months import Month
from .people import PersonRow

TABLE_KINDS = tuple(k for k in KINDS if k not in CONFIDENTIAL_KINDS)
# The three deadlines of the summary, each with the column that holds its due date.
DEADLINES = ("contact", "reply", "close")
ON_TIME, LATE, OPEN_LATE, OPEN = "on_time", "late", "open_late", "open"


def _cases(station_id: int):
    return gate.without_reports(select(Case).where(Case.station_id == station_id))


@dataclass
class Received:
    by_channel_kind: dict[tuple[str, str], int]
    by_topic: list[tuple[str, int]]  # topic name ("" for none), count; largest first
    by_importance: dict[str, int]
    reports: int
    total: int

    def row(self, channel: str) -> list[int]:
        return [self.by_channel_kind.get((channel, k), 0) for k in TABLE_KINDS]

    def channel_total(self, channel: str) -> int:
        return sum(self.row(channel))

    def kind_total(self, kind: str) -> int:
        return sum(self.by_channel_kind.get((c, kind), 0) for c in CHANNELS)

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(c for c in CHANNELS if self.channel_total(c))


def received(station_id: int, month: Month, tz: str) -> Received:
    """Cases received in the month, by ``received_on`` (the station's local day): three
    GROUP BY statements and the gate's count of reports."""
    in_month = (Case.received_on >= month.first, Case.received_on <= month.last)
    # Counted straight from the case table (no subquery of every column of a case: building
    # one costs more than the count, at ten cases as at ten thousand).
    base = _cases(station_id).where(*in_month)
    by_ck = {
        (channel, kind): n
        for channel, kind, n in db.session.execute(
            base.with_only_columns(Case.channel, Case.kind, func.count()).group_by(
                Case.channel, Case.kind
            )
        )
    }
    topic_rows = db.session.execute(
        base.with_only_columns(Topic.name, func.count())
        .select_from(Case)
        .outerjoin(Topic, Topic.id == Case.topic_id)
        .group_by(Topic.name)
        # Ties by name, the cases without a topic last: the same order on every database
        # (SQLite and PostgreSQL put NULL at opposite ends).
        .order_by(func.count().desc(), when((Topic.name.is_(None), 1), else_=0), Topic.name)
    ).all()
    by_importance = dict(
        db.session.execute(
            base.with_only_columns(Case.importance, func.count()).group_by(Case.importance)
        ).all()
    )
    start, end = month.utc_bounds(tz)
    return Received(
        by_channel_kind=by_ck,
        by_topic=[(name or "", n) for name, n in topic_rows],
        by_importance={i: by_importance.get(i, 0) for i in IMPORTANCE},
        reports=gate.count_reports(station_id, start, end),
        total=sum(by_ck.values()),
    )


@dataclass
class Kept:
    """One deadline over the cases whose due date fell in the month."""

    counts: Counter = field(default_factory=Counter)  # ON_TIME, LATE, OPEN_LATE, OPEN
    extended: Counter = field(default_factory=Counter)  # the same, extended cases only

    @property
    def due(self) -> int:
        return sum(self.counts.values())

    @property
    def rate(self) -> float | None:
        return self.counts[ON_TIME] / self.due if self.due else None


def _due_in(name: str, month: Month):
    """The cases whose deadline ``name`` fell in the month, as conditions that an index
    serves: the reply's due day is its extension when there is one (each half has its own
    index; ``coalesce`` of the two would have none and scan the station's history)."""
    if name == "contact":
        return Case.due_contact.between(month.first, month.last)
    if name == "reply":
        return or_(
            and_(Case.extended_to.is_(None), Case.due_reply.between(month.first, month.last)),
            Case.extended_to.between(month.first, month.last),
        )
    return Case.due_close.between(month.first, month.last)


# What ``clocks.case_clocks`` reads of a case, and the assignee: read as plain rows, not as
# mapped cases, since the cases still open at a month's end are thousands of them.
CLOCK_COLUMNS = (
    Case.id, Case.assignee_id, Case.status, Case.received_on, Case.due_contact,
    Case.due_reply, Case.due_close, Case.due_review, Case.due_followup, Case.extended_to,
    Case.external_due, Case.superior_due, Case.review_pending, Case.contacted_at,
    Case.replied_at, Case.followed_up_at, Case.closed_at,
)  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    """How one deadline stands for ``count`` cases of one assignee: what the deadline table
    and the per-person figures both count, so that they never disagree."""

    deadline: str
    assignee_id: int | None
    extended: bool
    outcome: str  # ON_TIME, LATE, OPEN_LATE, OPEN
    count: int


def outcomes(station_id: int, month: Month, tz: str, today: date) -> list[Outcome]:
    """First contact, reply and close, over the cases whose deadline fell in the month, as
    they stand ``today``, counted by assignee: one GROUP BY statement a deadline.

    A running clock is open, and late once ``today`` is past its due day; a stopped one is
    on time when it was met by the end of its due day at the station, late otherwise (met
    after, or stopped unmet): ``clocks.case_clocks`` and ``Clock.late``, in the SQL form of
    ``cases/overdue.owed_clock``. Counted in Python, case by case, a month of a county's
    station took a third of a second at a million cases."""
    out = []
    for name in DEADLINES:
        clock = overdue.owed_clock(name)
        outcome = when(
            (and_(clock.running, clock.due < today), OPEN_LATE),
            (clock.running, OPEN),
            (overdue.met_by_due(clock, month.days, tz), ON_TIME),
            else_=LATE,
        )
        rows = (
            _cases(station_id)
            .where(_due_in(name, month))
            .with_only_columns(
                Case.assignee_id.label("assignee_id"),
                Case.extended_to.is_not(None).label("extended"),
                outcome.label("outcome"),
            )
            .subquery()
        )
        # Grouped over a subquery: PostgreSQL would not take the CASE, with its parameters
        # written twice, as the same expression in the GROUP BY.
        counted = select(rows.c.assignee_id, rows.c.extended, rows.c.outcome, func.count())
        for assignee_id, extended, kept, n in db.session.execute(
            counted.group_by(rows.c.assignee_id, rows.c.extended, rows.c.outcome)
        ):
            out.append(Outcome(name, assignee_id, bool(extended), kept, n))
    return out


def deadlines_of(found: list[Outcome]) -> dict[str, Kept]:
    out = {name: Kept() for name in DEADLINES}
    for item in found:
        kept = out[item.deadline]
        (kept.extended if item.extended else kept.counts)[item.outcome] += item.count
    return out


def deadlines(station_id: int, month: Month, tz: str, today: date) -> dict[str, Kept]:
    return deadlines_of(outcomes(station_id, month, tz, today))


def first_received(station_id: int) -> date | None:
    """The station's first day of receipt (any case, reports included): no summary before."""
    return db.session.scalar(
        select(func.min(Case.received_on)).where(Case.station_id == station_id)
    )


@dataclass
class FollowUp:
    by_satisfaction: dict[str, int]
    appeals: int = 0  # cases reopened as appeals in the month (returns.appeals)
    repeats: int = 0  # repeat complaints received in the month (returns.repeats)

    @property
    def calls(self) -> int:
        return sum(self.by_satisfaction.values())

    @property
    def reached(self) -> int:
        return self.calls - self.by_satisfaction["unreachable"]

    @property
    def rate(self) -> float | None:
        """Satisfied or basically satisfied, over the calls that reached the person."""
        pleased = self.by_satisfaction["satisfied"] + self.by_satisfaction["basically"]
        return pleased / self.reached if self.reached else None


def follow_up(station_id: int, month: Month, tz: str, *, with_returns: bool = True) -> FollowUp:
    """The follow-up calls made in the month (``followed_up_at``, a UTC moment, against the
    month's local bounds in UTC), by answer: one GROUP BY statement; and, unless
    ``with_returns`` is False (the trend needs only the rate), appeals and repeats."""
    start, end = month.utc_bounds(tz)
    calls = _cases(station_id).where(Case.followed_up_at >= start, Case.followed_up_at < end)
    rows = dict(
        db.session.execute(
            calls.with_only_columns(Case.satisfaction, func.count()).group_by(Case.satisfaction)
        ).all()
    )
    answers = {answer: rows.get(answer, 0) for answer in SATISFACTION}
    if not with_returns:
        return FollowUp(answers)
    return FollowUp(
        answers,
        appeals=returns.appeals(station_id, month, tz),
        repeats=returns.repeats(station_id, month),
    )


@dataclass(frozen=True)
class LateRow:
    ref: str
    assignee: str
    clock: str  # the earliest of its clocks late on the day
    due: date
    days_late: int  # working days


@dataclass
class StillOpen:
    on: date  # the month's last day, or today for the current month
    count: int  # every open case, reports included (counted only, for who may not read them)
    late: list[LateRow]  # as rows: the cases the user may see, most late first
    late_unread: int  # the reports late that the user counts but may not see


def still_open(station_id: int, month: Month, tz: str, today: date, user) -> StillOpen:
    """For ``user``, or with ``user=None`` as the county sees it (every report counted, none
    as a row). The cases still open at the end of the month (received by its last day, not closed
    before the next month began), or now for the current month, and those of them late on
    that day. Which case is late, and by how many working days, is the one list of clocks'
    (``Clock.late_on``); the open cases are read one by one for it, a set bounded by the
    open cases of one station, as on the overdue board."""
    on = min(month.last, today)
    _start, end = month.utc_bounds(tz)
    rows, unread, count = [], 0, 0
    names = _assignee_names()
    # Thousands of late rows share a few hundred due days: each is counted once.
    days_late: dict[date, int] = {}
    # What the user may read, and what they count, asked of the gate as columns and
    # conditions of the one statement that reads the open cases.
    readable = gate.readable(user).label("readable")
    for query in _open_at_end(station_id, month, end):
        shown = query.where(gate.counted(user)).with_only_columns(
            Case.ref, *CLOCK_COLUMNS, readable
        )
        for case in plain_rows(db.session.execute(shown)):
            count += 1
            late = [c for c in clocks.case_clocks(case, tz) if c.owed and c.late_on(on)]
            if not late:
                continue
            if not case.readable:
                unread += 1
                continue
            first = min(late, key=lambda c: (c.due, clocks.ORDER.index(c.name)))
            if first.due not in days_late:
                days_late[first.due] = workdays_late(first.due, on)
            rows.append(
                LateRow(
                    ref=case.ref,
                    assignee=names.get(case.assignee_id, ""),
                    clock=first.name,
                    due=first.due,
                    days_late=days_late[first.due],
                )
            )
    rows.sort(key=lambda r: (-r.days_late, r.ref))
    return StillOpen(on=on, count=count, late=rows, late_unread=unread)


def _open_at_end(station_id: int, month: Month, end) -> tuple:
    """The cases not closed before ``end`` (the next month's first moment, in UTC) and
    received by the month's last day, as two queries that each have an index: those still
    open today, by ``closed_at IS NULL``, and those closed since ``end``. Both ask the day
    of receipt through an expression that no index holds. As a plain column, SQLite
    without statistics walked the station's history by the day of receipt for the first;
    for the second, its index on (station, day of receipt) tied with (station, closed), and
    SQLite took the one created last (0.2 -> 450 ms at a million cases, after an index was
    made again). Filtered here rather than row by row in Python, the cases received since
    (a fifth of those open, early in a month) are not read at all."""
    of_station = select(Case).where(Case.station_id == station_id)
    received_on = func.coalesce(Case.received_on, Case.received_on)  # NOT NULL: itself
    return (
        of_station.where(Case.closed_at.is_(None), received_on <= month.last),
        of_station.where(Case.closed_at >= end, received_on <= month.last),
    )


def _assignee_names() -> dict[int, str]:
    """Every user's name by id, for the late rows' assignees: one statement over the
    installation's staff (a few hundred at a county), instead of one per assignee; not of
    the station only, since a case keeps its assignee after a move to another station."""
    return dict(db.session.execute(select(User.id, User.name)).all())


@dataclass
class Summary:
    """A month's figures, all in one: what the page, the exports and a submitted snapshot
    show (``data.dump`` / ``data.load`` turn it into plain JSON data and back)."""

    month: Month
    received: Received
    deadlines: dict[str, Kept]
    follow_up: FollowUp
    still_open: StillOpen
    people: list[PersonRow]  # everyone's: who reads which rows is people.visible_rows
    duties: dict[str, dict[str, int]]  # duty -> figure -> count (duties.registry)


def summarize(station_id: int, month: Month, tz: str, today: date, user) -> Summary:
    """Every figure of the month for ``user``: reports as rows only where the gate lets
    ``user`` read them (``user=None``: as the county sees it, reports counted only).

    Computed once and kept until a write commits (``changes.remembered``): at a county's
    size the figures take seconds, and the page, its files and the county read them
    again and again. The result is shared: read it, never change it."""
    key = ("summary", station_id, month.key, tz, today, None if user is None else user.id)
    return changes.remembered(key, lambda: _summarize(station_id, month, tz, today, user))


def _summarize(station_id: int, month: Month, tz: str, today: date, user) -> Summary:
    found = outcomes(station_id, month, tz, today)
    return Summary(
        month=month,
        received=received(station_id, month, tz),
        deadlines=deadlines_of(found),
        follow_up=follow_up(station_id, month, tz),
        still_open=still_open(station_id, month, tz, today, user),
        people=staff.people(station_id, month, tz, found),
        duties=registry.month_figures(station_id, month.first, month.last, tz, today),
    )
