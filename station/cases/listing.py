"""The case lists' rules: which filters narrow a query, and what each row shows. No Flask here.

The list page, "my cases", the home panel and the search results all show
cases through ``templates/cases/_table.html``; ``table_rows`` gives it, for
each case, the clock that the list sorts "soonest due" on (station/rules/clocks.py):
the next one owed while the case is open, else the reply, with its light.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select

from ..rules import clocks, deadlines
from ..timeutil import to_utc
from .models import Case
from .overdue import overdue

UNASSIGNED = "none"  # the assignee filter's value for cases nobody holds yet


@dataclass
class Filters:
    """The filters a user chose; a value of None (or False) does not narrow the list."""

    status: str | None = None
    channel: str | None = None
    kind: str | None = None
    importance: str | None = None
    assignee: int | str | None = None  # a user id, or UNASSIGNED
    received_from: date | None = None
    received_to: date | None = None
    overdue_only: bool = False


def apply(query: Select, filters: Filters, *, today: date, tz: str) -> Select:
    """``query`` (a select of Case) narrowed by every filter that has a value."""
    for name in ("status", "channel", "kind", "importance"):
        value = getattr(filters, name)
        if value:
            query = query.where(getattr(Case, name) == value)
    if filters.assignee == UNASSIGNED:
        query = query.where(Case.assignee_id.is_(None))
    elif filters.assignee is not None:
        query = query.where(Case.assignee_id == filters.assignee)
    # received_at is stored in UTC: the local days' bounds are turned into UTC moments.
    if filters.received_from is not None:
        query = query.where(Case.received_at >= _utc_start(filters.received_from, tz))
    if filters.received_to is not None:
        end = _utc_start(filters.received_to + timedelta(days=1), tz)
        query = query.where(Case.received_at < end)
    if filters.overdue_only:
        query = query.where(overdue(today))
    return query


def _utc_start(day: date, tz: str) -> datetime:
    return to_utc(datetime.combine(day, time.min), tz)


def newest_first(query: Select) -> Select:
    return sort(query, NEWEST)


# The orders a list offers: the columns an index serves, each both ways. A sort key is the
# column's name, with a "-" in front for the other way ("-received": newest first).
SORT_COLUMNS = {"ref": Case.ref, "received": Case.received_at, "due": Case.next_due}
NEWEST = "-received"
SOONEST = "due"


def sort_key(value: str | None, default: str) -> str:
    """``value`` when it names an order of SORT_COLUMNS, else ``default``."""
    if value and value.removeprefix("-") in SORT_COLUMNS:
        return value
    return default


def sort(query: Select, key: str) -> Select:
    """``query`` in the order ``key`` names, replacing any order it had.

    A case with no next due (closed, or nothing owed any more) comes after the others
    both ways: what it shows is met, not due. Ties fall back on the id, so that a page
    never shows a case twice.
    """
    column = SORT_COLUMNS[key.removeprefix("-")]
    backwards = key.startswith("-")
    order = column.desc() if backwards else column.asc()
    if column is Case.next_due:
        order = order.nulls_last()
    return query.order_by(None).order_by(order, Case.id.desc() if backwards else Case.id)


@dataclass(frozen=True)
class Row:
    case: clocks.CaseLike  # a Case, or a table.TableCase
    clock: clocks.Clock  # the one the row shows: see clocks.headline
    light: str  # deadlines.OK / WARN / LATE / DONE / DONE_LATE
    confirmed: bool  # False: the due date lies in a year whose official calendar is unknown

    @property
    def due(self) -> date:
        return self.clock.due


def table_rows(cases: Iterable[clocks.CaseLike], today: date, tz: str) -> Sequence[Row]:
    rows = []
    for case in cases:
        clock = clocks.headline(clocks.case_clocks(case, tz))
        rows.append(
            Row(
                case=case,
                clock=clock,
                light=clock.light(today),
                confirmed=deadlines.confirmed(clock.due),
            )
        )
    return rows
