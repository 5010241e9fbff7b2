"""What waits for the station head: overdue cases, reviews, extension requests, new cases.

The head's home panel (``templates/cases/_home_head.html``) shows how many of each,
linking to the case list filtered the same way where its filters can say it (overdue,
status "registered"), and the oldest reviews and extension requests waiting for the
head, which the list cannot filter. Every query starts from ``visible_cases()``.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import Select, func, select

from ..extensions import db
from ..rules.workflow import BEFORE_REPLY, HANDLING, REGISTERED
from ..timeutil import local_today
from .models import Case, CaseEvent, Extension
from .overdue import overdue
from .queries import visible_cases
from .views import bp

ROWS = 5  # rows listed per kind of waiting item


@dataclass(frozen=True)
class Waiting:
    """A case waiting for the head, and since when (a stored UTC moment)."""

    case: Case
    since: datetime | None


def _count(query: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def _review_pending() -> Select:
    # Only while the case is handled: the instruction cannot be given any more after the reply.
    return visible_cases().where(Case.review_pending.is_(True), Case.status.in_(HANDLING))


def _reviews(limit: int) -> list[Waiting]:
    asked = (
        select(CaseEvent.case_id, func.max(CaseEvent.at).label("since"))
        .where(CaseEvent.action == "submit_review")
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    query = (
        _review_pending()
        .add_columns(asked.c.since)
        .outerjoin(asked, asked.c.case_id == Case.id)
        .order_by(asked.c.since, Case.id)
        .limit(limit)
    )
    return [Waiting(case, since) for case, since in db.session.execute(query)]


def _extension_requests() -> Select:
    # A request can be decided only before the reply (workflow "decide_extension").
    return (
        visible_cases()
        .add_columns(Extension.requested_at)
        .join(Extension, Extension.case_id == Case.id)
        .where(Extension.decision == "pending", Case.status.in_(BEFORE_REPLY))
    )


def _extensions(limit: int) -> list[Waiting]:
    query = _extension_requests().order_by(Extension.requested_at, Extension.id).limit(limit)
    return [Waiting(case, since) for case, since in db.session.execute(query)]


def head_panel() -> dict:
    """The counts and rows of the head's home panel, for the current user's station."""
    today = local_today(current_app.config["STATION_TIMEZONE"])
    return {
        "overdue": _count(visible_cases().where(overdue(today))),
        "reviews": _count(_review_pending()),
        "extensions": _count(_extension_requests()),
        "new": _count(visible_cases().where(Case.status == REGISTERED)),
        "review_rows": _reviews(ROWS),
        "extension_rows": _extensions(ROWS),
    }


@bp.app_context_processor
def _inject_head_panel() -> dict:
    # A function, so that the queries run only on the page that includes the panel.
    return {"head_panel": head_panel}
