"""The case table, one piece for every list of cases: the case lists, "my cases" and search.

``render_table`` pages a query of cases the user may see and renders the page around
``templates/cases/_table.html``, or the table alone for an htmx update; each row shows the
case's next clock (``listing.table_rows``).
"""

from flask import current_app, render_template, request
from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from ..database import page_number
from ..extensions import db
from ..htmx import is_htmx
from ..timeutil import local_today, station_tz
from . import labels, listing
from .models import Case


def with_people(query: Select) -> Select:
    return query.options(selectinload(Case.assignee))


def is_fragment_request() -> bool:
    """An htmx update of the results (not htmx restoring a page missing from its history)."""
    return is_htmx() and not request.headers.get("HX-History-Restore-Request")


def render_table(template: str, query: Select, endpoint: str, args: dict, **context: object) -> str:
    """The page, or for an htmx request only the table partial, of ``query`` paged."""
    tz = station_tz()
    page = db.paginate(
        with_people(query),
        page=page_number(),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
        count=True,
    )
    context.update(
        page=page,
        rows=listing.table_rows(page.items, local_today(tz), tz),
        endpoint=endpoint,
        args=args,
        labels=labels,
    )
    if is_fragment_request():
        return render_template("cases/_table.html", **context)
    return render_template(template, **context)
