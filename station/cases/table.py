"""The case table, one piece for every list of cases: the case lists, "my cases" and search.

``render_table`` sorts and pages a query of cases the user may see and renders the page
around ``templates/cases/_table.html``, or the table alone for an htmx update; each row
shows the case's next clock (``listing.table_rows``).

The cost of a list follows what it shows: one page of rows, and a count that stops
at ``queries.COUNT_LIMIT`` (the table then says "over 1,000", and the pager "page 3" without
a last page).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from math import ceil
from typing import NamedTuple

from flask import current_app, render_template, request, url_for
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import selectinload

from ..confidential import gate
from ..database import built_once, page_number
from ..extensions import db
from ..htmx import is_htmx
from ..i18n import gettext as _
from ..i18n import plain_vocabularies
from ..models import User
from ..timeutil import local_today, station_tz
from . import labels, listing, queries
from .models import Case

# The way a column is sorted on its first click: the newest, the soonest, the lowest first.
FIRST_CLICK = {"ref": "ref", "received": "-received", "due": "due"}


class TableCase(NamedTuple):
    """A case as a row of the table shows it (templates/cases/_table.html), with what its
    clocks are made of (rules/clocks.CaseLike), and its holder's name.

    Read as plain columns, not as a Case: a case's texts and its forty other columns,
    made into an ORM object with its holder loaded beside it, cost three times the read
    of these (README, "A list page's Python")."""

    id: int
    station_id: int
    ref: str
    channel: str
    kind: str
    subject: str
    status: str
    anonymous: bool
    person_name: str
    received_on: date
    review_pending: bool
    due_contact: date
    due_reply: date
    extended_to: date | None
    due_review: date | None
    due_followup: date | None
    due_close: date
    external_due: date | None
    superior_due: date | None
    contacted_at: datetime | None
    replied_at: datetime | None
    followed_up_at: datetime | None
    closed_at: datetime | None
    holder_name: str | None
    holder_username: str | None

    @property
    def holder(self) -> str:
        """Who holds the case, as users.display_name writes it; "" for nobody."""
        return self.holder_name or self.holder_username or ""


_CASE_COLUMNS = [getattr(Case, name) for name in TableCase._fields[:-2]]


@dataclass
class Listing:
    """A list whose count is asked in a form of its own, and whose reports may need a check
    in Python that the database cannot make (the search's words in a report's sealed text).

    ``query`` gives the rows (render_table sorts it), and ``many_query`` the same rows when
    they are more than the count's limit, written for walking the list's order; ``count_query``
    the same cases written for counting, in no order; ``confirm`` says which of some report
    ids among them really belong to the list (gate.reports_holding); ``probe_query`` the ids
    of some of its cases, no report needing a check among them, counted first: when they
    alone pass the count's limit, so does the list. ``plain_ids``, when given, are the ids
    of the list's cases that are not reports, counted as they are (the search index's,
    read without a case); ``count_query`` then holds only its reports, None for none.
    ``walk_from``, with ``plain_ids``: ``many_query`` reads the rows only when more than
    this many of ``plain_ids`` exist, since it walks past every case that does not match.
    """

    query: Select
    count_query: Select | None = None
    confirm: Callable[[list[int]], set[int]] | None = None
    many_query: Select | None = None
    probe_query: Select | None = None
    plain_ids: Select | None = None
    walk_from: int | None = None

    def sorted(self, key: str) -> "Listing":
        many = None if self.many_query is None else listing.sort(self.many_query, key)
        return replace(self, query=listing.sort(self.query, key), many_query=many)

    def rows_for(self, counted: int, probed: int | None = None) -> "Listing":
        """The form that reads the rows best, knowing how many there are, and how many of
        them the probe found among the newest cases (``probed``)."""
        if self.many_query is None or counted <= queries.COUNT_LIMIT:
            return self
        if probed is not None and probed < PROBED_FOR_WALK:
            return self  # few among the newest: a walk would pass many cases for each
        if self.walk_from is not None and self.plain_ids is not None:
            past = db.session.scalar(queries.capped_count_of(self.plain_ids, self.walk_from))
            if past <= self.walk_from:
                return self
        return replace(self, query=self.many_query, many_query=None)


def with_people(query: Select) -> Select:
    return query.options(selectinload(Case.assignee))


def is_fragment_request() -> bool:
    """An htmx update of the results (not htmx restoring a page missing from its history)."""
    return is_htmx() and not request.headers.get("HX-History-Restore-Request")


@dataclass
class TablePage:
    """One page of a list, with a count that stops at queries.COUNT_LIMIT."""

    items: list[TableCase]
    page: int
    per_page: int
    counted: int  # at most queries.COUNT_LIMIT + 1
    has_next: bool
    past_end: int | None = None  # the page asked for, when it lay past the last one
    notes: list[str] = field(default_factory=list)

    @property
    def limit(self) -> int:
        return queries.COUNT_LIMIT

    @property
    def capped(self) -> bool:
        return self.counted > queries.COUNT_LIMIT

    @property
    def pages(self) -> int | None:
        """The number of pages; None when the count stopped at the limit."""
        return None if self.capped else max(1, ceil(self.counted / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1


def _rows(query: Select, number: int, per_page: int) -> tuple[list[TableCase], bool]:
    """The cases of page ``number``, and whether a next page has any. The page's ids are
    found first and its rows read after: a sort that no index serves (the overdue list,
    newest first, over thousands of late cases) then sorts ids, not whole cases with their
    words (33 -> 15 ms at a million cases)."""
    found = db.session.scalars(
        query.with_only_columns(Case.id).offset((number - 1) * per_page).limit(per_page + 1)
    ).all()
    return _by_ids(found[:per_page]), len(found) > per_page


def _by_ids(ids: Sequence[int]) -> list[TableCase]:
    """The rows of the cases ``ids``, in the order of ``ids``."""
    if not ids:
        return []
    found = db.session.execute(_rows_of_ids(), {"ids": list(ids)})
    by_id = {row.id: row for row in map(TableCase._make, found)}
    return [by_id[i] for i in ids]


@built_once
def _rows_of_ids() -> Select:
    return (
        select(*_CASE_COLUMNS, User.name, User.username)
        .outerjoin(User, User.id == Case.assignee_id)
        .where(Case.id.in_(bindparam("ids", expanding=True)))
    )


def _count(found: Listing) -> int:
    """How many cases the list has, counted no further than COUNT_LIMIT + 1; a report is
    counted once confirmed, and only while the cases that need no check fall short."""
    counting = found.count_query if found.count_query is not None else found.query
    if found.plain_ids is not None:
        counted = _capped_ids(found.plain_ids)
        reports = found.count_query
    elif found.confirm is None:
        return queries.capped_count(counting)
    else:
        counted = queries.capped_count(gate.without_reports(counting))
        reports = gate.reports_only(counting)
    if reports is None or counted > queries.COUNT_LIMIT:
        return min(counted, queries.COUNT_LIMIT + 1)
    if found.confirm is None:
        return min(counted + queries.capped_count(reports), queries.COUNT_LIMIT + 1)
    last = 0
    while counted <= queries.COUNT_LIMIT:
        ids = db.session.scalars(
            reports.with_only_columns(Case.id)
            .where(Case.id > last)
            .order_by(Case.id)
            .limit(_CONFIRM_BATCH)
        ).all()
        if not ids:
            break
        counted += len(found.confirm(list(ids)))
        last = ids[-1]
    return min(counted, queries.COUNT_LIMIT + 1)


_CONFIRM_BATCH = 200


# A list whose probe (Listing.probe_query) found fewer of its cases than this among the
# newest is read from its matches, not by walking the newest cases, past the count's limit.
PROBED_FOR_WALK = 100


def _capped_ids(ids: Select) -> int:
    return db.session.scalar(queries.capped_count_of(ids))


def _confirmed_rows(found: Listing, number: int, per_page: int) -> tuple[list[TableCase], bool]:
    """Page ``number`` of a list whose reports need a check: the candidates are read in
    order, ids only, and the reports among them checked, until the page and one more are
    known; the cost follows the page asked for, not the candidates."""
    wanted = number * per_page + 1
    limit, kept, confirmed, checked = wanted, [], set(), set()
    while True:
        candidates = db.session.execute(
            found.query.with_only_columns(Case.id, Case.kind).limit(limit)
        ).all()
        unsure = [row.id for row in candidates if gate.is_report(row) and row.id not in checked]
        if unsure:
            confirmed |= found.confirm(unsure)
            checked.update(unsure)
        kept = [row.id for row in candidates if not gate.is_report(row) or row.id in confirmed]
        if len(kept) >= wanted or len(candidates) < limit:
            break
        limit *= 4
    ids = kept[(number - 1) * per_page : number * per_page]
    return _by_ids(ids), len(kept) > number * per_page


def paged(found: Select | Listing, number: int, per_page: int) -> TablePage:
    """Page ``number`` of a list; a page past the last shows the last one, and says so."""
    if not isinstance(found, Listing):
        found = Listing(found)
    probed = None if found.probe_query is None else _capped_ids(found.probe_query)
    counted = queries.COUNT_LIMIT + 1 if (probed or 0) > queries.COUNT_LIMIT else _count(found)
    asked = number
    if counted <= queries.COUNT_LIMIT:
        number = min(number, max(1, ceil(counted / per_page)))
    found = found.rows_for(counted, probed)
    if found.confirm is None:
        items, has_next = _rows(found.query, number, per_page)
    else:
        items, has_next = _confirmed_rows(found, number, per_page)
    page = TablePage(items, number, per_page, counted, has_next)
    if asked != number or (not items and number > 1):
        page.past_end = asked
    return page


def sort_links(endpoint: str, args: dict, current: str) -> dict[str, dict[str, str]]:
    """For each sortable heading: the address that sorts on it (the filters kept) and,
    for the column the list is sorted on, its aria-sort direction."""
    links = {}
    for column, first in FIRST_CLICK.items():
        if current.removeprefix("-") == column:
            key = column if current.startswith("-") else "-" + column
            state = "descending" if current.startswith("-") else "ascending"
        else:
            key, state = first, ""
        links[column] = {"href": url_for(endpoint, **args, sort=key), "aria": state}
    return links


def render_table(
    template: str,
    query: Select | Listing,
    endpoint: str,
    args: dict,
    *,
    default_sort: str = listing.NEWEST,
    shown: Callable[[list[Case]], None] | None = None,
    **context: object,
) -> str:
    """The page, or for an htmx request only the table partial, of ``query`` sorted and paged.

    ``args`` are the list's filters, kept by the headings and the pager; ``?sort=``
    chooses the order (listing.SORT_COLUMNS), ``default_sort`` when it names none;
    ``shown`` is told the rows of the page (the search logs its hits on reports).
    """
    tz = station_tz()
    sort = listing.sort_key(request.args.get("sort"), default_sort)
    found = query if isinstance(query, Listing) else Listing(query)
    page = paged(found.sorted(sort), page_number(), current_app.config["PAGE_SIZE"])
    if page.past_end is not None and page.pages is not None:
        page.notes.append(
            _(
                "There is no page %(asked)d; the last page is %(n)d, shown here.",
                asked=page.past_end,
                n=page.pages,
            )
        )
    elif page.past_end is not None:
        page.notes.append(
            _("There is no page %(asked)d; the list ends before it.", asked=page.past_end)
        )
    if shown is not None:
        shown(page.items)
    pager_args = args | ({"sort": sort} if sort != default_sort else {})
    today = local_today(tz)
    context.update(
        page=page,
        rows=listing.table_rows(page.items, today, tz),
        today=today,
        endpoint=endpoint,
        args=pager_args,
        sort=sort,
        sorting=sort_links(endpoint, args, sort),
        labels=plain_vocabularies(labels),
    )
    if is_fragment_request():
        return render_template("cases/_table.html", **context)
    return render_template(template, **context)
