"""The case table, one piece for every list of cases: the case lists, "my cases" and search.

``render_table`` sorts and pages a query of cases the user may see and renders the page
around ``templates/cases/_table.html``, or the table alone for an htmx update; each row
shows the case's next clock (``listing.table_rows``).

The cost of a list follows what it shows: one page of rows, and a count that stops
at ``queries.COUNT_LIMIT`` (the table then says "over 1,000", and the pager "page 3" without
a last page).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from math import ceil

from flask import current_app, render_template, request, url_for
from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from ..database import page_number
from ..extensions import db
from ..htmx import is_htmx
from ..i18n import gettext as _
from ..timeutil import local_today, station_tz
from . import labels, listing, queries
from .models import Case

# The way a column is sorted on its first click: the newest, the soonest, the lowest first.
FIRST_CLICK = {"ref": "ref", "received": "-received", "due": "due"}


def with_people(query: Select) -> Select:
    return query.options(selectinload(Case.assignee))


def is_fragment_request() -> bool:
    """An htmx update of the results (not htmx restoring a page missing from its history)."""
    return is_htmx() and not request.headers.get("HX-History-Restore-Request")


@dataclass
class TablePage:
    """One page of a list, with a count that stops at queries.COUNT_LIMIT."""

    items: list[Case]
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


def _rows(query: Select, number: int, per_page: int) -> tuple[list[Case], bool]:
    """The cases of page ``number``, and whether a next page has any."""
    found = db.session.scalars(
        with_people(query).offset((number - 1) * per_page).limit(per_page + 1)
    ).all()
    return list(found[:per_page]), len(found) > per_page


def paged(query: Select, number: int, per_page: int) -> TablePage:
    """Page ``number`` of ``query``; a page past the last shows the last one, and says so."""
    counted = queries.capped_count(query)
    asked = number
    if counted <= queries.COUNT_LIMIT:
        number = min(number, max(1, ceil(counted / per_page)))
    items, has_next = _rows(query, number, per_page)
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
    query: Select,
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
    page = paged(listing.sort(query, sort), page_number(), current_app.config["PAGE_SIZE"])
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
        labels=labels,
    )
    if is_fragment_request():
        return render_template("cases/_table.html", **context)
    return render_template(template, **context)
