"""What waits for the station head: one query per list, and the head's home panel of them.

Six lists (``KINDS``): late, due today, waiting for the head's instruction, extension
requests to decide, waiting to be closed, not yet assigned. Each is a function returning
an ordered select of the cases the user may see (``visible_cases``), most urgent or
oldest first, so that the board can reuse them. "Late" and "due today" are the stored
next due date (``overdue.py``), the one definition. The panel reads each list's first
rows (LIMIT) and its count, which stops at ``queries.COUNT_LIMIT``: the page costs what
it shows.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from flask import url_for
from flask_login import current_user
from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased, selectinload

from ..confidential import gate
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import User
from ..rules import clocks, deadlines
from ..rules.workflow import BEFORE_REPLY, FOLLOWED_UP, HANDLING, Facts
from ..timeutil import local_today, station_tz
from . import queries
from .models import Case, CaseEvent, Extension
from .next_steps import Step, head_action, step
from .overdue import is_open, next_due, overdue
from .queries import capped_count, visible_cases
from .review import submitted_late

ROWS = 5  # rows shown per list


def late(today: date) -> Select:
    """Open cases with an owed clock past due, the longest late first."""
    return visible_cases().where(overdue(today)).order_by(next_due(), Case.id)


def due_today(today: date) -> Select:
    """Open cases whose next owed clock falls due today, the oldest first."""
    return visible_cases().where(next_due() == today).order_by(Case.received_at, Case.id)


def waiting_for_instruction() -> Select:
    """Cases submitted to the head (审核), while the instruction can still be given."""
    return (
        visible_cases()
        .where(Case.review_pending.is_(True), Case.status.in_(HANDLING))
        .order_by(Case.due_review.nulls_last(), Case.id)
        # SQLite without statistics ties it with (station, status, kind), which reads every
        # case being handled, not the few submitted (migration 0020).
        .with_hint(Case, "INDEXED BY ix_case_review_pending", "sqlite")
    )


def extension_requests() -> Select:
    """Pending extension requests (a case, its request), while they can still be decided."""
    return (
        visible_cases()
        .add_columns(Extension)
        .join(Extension, Extension.case_id == Case.id)
        .where(Extension.decision == "pending", Case.status.in_(BEFORE_REPLY))
        # Said twice so that SQLite starts from the few pending requests (by the case's
        # rowid, ix_extension_pending) instead of walking the station's open cases.
        .where(Case.id.in_(select(Extension.case_id).where(Extension.decision == "pending")))
        .order_by(Extension.requested_at, Extension.id)
    )


def waiting_to_close() -> Select:
    """Followed-up cases, which only the head closes (permissions.HEAD_ONLY)."""
    return visible_cases().where(Case.status == FOLLOWED_UP).order_by(Case.followed_up_at, Case.id)


def not_assigned() -> Select:
    """Cases nobody holds yet, while they can still be assigned, the oldest first."""
    return (
        visible_cases()
        .where(Case.assignee_id.is_(None), Case.status.in_(BEFORE_REPLY), is_open())
        .order_by(Case.received_at, Case.id)
    )


@dataclass(frozen=True)
class Row:
    """One case of a list: the deadline it shows, since when it waits and for whom."""

    case: Case
    clock: clocks.Clock
    light: str  # deadlines' light of the clock, or SUBMITTED_LATE
    step: Step | None
    since: datetime | None = None  # a stored UTC moment
    by: str = ""
    asked_for: date | None = None  # an extension's requested date

    @property
    def confirmed(self) -> bool:
        """False: the due date lies in a year whose official calendar is not yet known."""
        return deadlines.confirmed(self.clock.due)


SUBMITTED_LATE = "submitted_late"  # a review submitted after its own clock had run out


@dataclass
class AttentionList:
    key: str
    title: object
    since_label: object  # the heading of the "since" column
    rows: list[Row] = field(default_factory=list)
    total: int = 0
    more_url: str | None = None  # the case list filtered the same way, where it can say it

    @property
    def capped(self) -> bool:
        return self.total > queries.COUNT_LIMIT

    @property
    def shown_total(self) -> str:
        return f"{queries.COUNT_LIMIT}+" if self.capped else str(self.total)


def _people(query: Select) -> Select:
    return query.options(selectinload(Case.assignee))


def _clock(case: Case, tz: str, name: str | None = None) -> clocks.Clock:
    """The clock called ``name`` (a policy without a review has none), else the headline."""
    every = clocks.case_clocks(case, tz)
    return next((c for c in every if c.name == name), None) or clocks.headline(every)


def _case_rows(
    query: Select, today: date, tz: str, action: str | None = None, since: str | None = None
) -> list[Row]:
    """The first rows of a list of cases, each with its holder (or since when it waits)
    and the head's action on it: ``action``, else what the case's state asks for."""
    rows = []
    cases = db.session.scalars(_people(query).limit(ROWS)).all()
    gate.look_up_exclusions(current_user, cases)
    for case in cases:
        clock = _clock(case, tz)
        holder = case.assignee.display_name if case.assignee else ""
        moment = getattr(case, since) if since else None
        link = step(current_user, case, action or head_action(case))
        rows.append(Row(case, clock, clock.light(today), link, moment, holder))
    return rows


def review_rows(today: date, tz: str) -> list[Row]:
    """The first reviews waiting, each with its latest submission and who made it: one
    query, the submission looked up for the rows shown only."""
    shown = waiting_for_instruction().limit(ROWS).subquery()
    case = aliased(Case, shown)
    earlier = aliased(CaseEvent)
    latest = (
        select(func.max(earlier.id))
        .where(earlier.case_id == case.id, earlier.action == "submit_review")
        .correlate(shown)
        .scalar_subquery()
    )
    query = (
        select(case, CaseEvent.at, User)
        .select_from(shown)
        .outerjoin(CaseEvent, CaseEvent.id == latest)
        .outerjoin(User, User.id == CaseEvent.actor_id)
        .order_by(shown.c.due_review.nulls_last(), shown.c.id)
    )
    rows = []
    for item, at, actor in db.session.execute(query):
        clock = _clock(item, tz, "review")
        light = SUBMITTED_LATE if submitted_late(clock, at, tz) else clock.light(today)
        action = step(current_user, item, "review_instruction")
        rows.append(Row(item, clock, light, action, at, actor.display_name if actor else ""))
    return rows


def extension_rows(today: date, tz: str) -> list[Row]:
    asker = aliased(User)
    query = (
        extension_requests()
        .add_columns(asker)
        .outerjoin(asker, asker.id == Extension.requested_by_id)
    )
    rows = []
    pending = Facts(extension_pending=True)
    for case, item, who in db.session.execute(query.limit(ROWS)):
        clock = _clock(case, tz, "reply")
        action = step(current_user, case, "decide_extension", pending)
        by = who.display_name if who else ""
        light = clock.light(today)
        rows.append(Row(case, clock, light, action, item.requested_at, by, item.new_due))
    return rows


def head_lists() -> list[AttentionList]:
    """The head's six lists, each with its first rows and its count."""
    tz = station_tz()
    today = local_today(tz)
    index = "cases.index"
    return [
        AttentionList("late", _l("Late"), _l("Holder"), _case_rows(late(today), today, tz),
                      capped_count(late(today)), url_for(index, overdue="y")),
        AttentionList("due_today", _l("Due today"), _l("Holder"),
                      _case_rows(due_today(today), today, tz), capped_count(due_today(today))),
        AttentionList("review", _l("Waiting for your instruction"), _l("Submitted"),
                      review_rows(today, tz), capped_count(waiting_for_instruction())),
        AttentionList("extension", _l("Extension requests to decide"), _l("Requested"),
                      extension_rows(today, tz), capped_count(extension_requests())),
        AttentionList("close", _l("Waiting for you to close"), _l("Followed up"),
                      _case_rows(waiting_to_close(), today, tz, "close", "followed_up_at"),
                      capped_count(waiting_to_close()), url_for(index, status=FOLLOWED_UP)),
        AttentionList("unassigned", _l("Not yet assigned"), _l("Received"),
                      _case_rows(not_assigned(), today, tz, "assign", "received_at"),
                      capped_count(not_assigned()), url_for(index, assignee="none")),
    ]  # fmt: skip
