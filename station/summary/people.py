"""Per-person figures of a month, for the station's assessment (考核), docs/domain.md
"The monthly summary".

A case counts for the person it is assigned to. Reports are in none of these figures, as in
every table of the summary. Each figure is one GROUP BY over the month's rows, except the
deadlines, which are the deadline table's own outcomes (``service.outcomes``) tallied by
assignee, so that a person's "late" is the one list of clocks' late.
"""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from ..cases.models import Case, CaseEvent
from ..confidential import gate
from ..extensions import db
from ..models import User
from ..rules import roles as R
from .months import Month

# Who is listed even with nothing to show: those who handle cases.
HANDLERS = (R.CLERK, R.HEAD)


@dataclass(frozen=True)
class PersonRow:
    username: str
    name: str
    handled: int  # cases closed in the month
    on_time: int  # deadlines that fell in the month, met on time
    late: int  # deadlines that fell in the month, met late or still open past due
    dissatisfied: int  # follow-up calls of the month answered "dissatisfied"
    reminders: int  # reminders (催办) received in the month


def _by_assignee(query) -> Counter:
    return Counter(dict(db.session.execute(query).all()))


def _closed(station_id: int, start, end) -> Counter:
    base = gate.without_reports(
        select(Case.assignee_id, func.count()).where(
            Case.station_id == station_id, Case.closed_at >= start, Case.closed_at < end
        )
    )
    return _by_assignee(base.group_by(Case.assignee_id))


def _dissatisfied(station_id: int, start, end) -> Counter:
    base = gate.without_reports(
        select(Case.assignee_id, func.count()).where(
            Case.station_id == station_id,
            Case.followed_up_at >= start,
            Case.followed_up_at < end,
            Case.satisfaction == "dissatisfied",
        )
    )
    return _by_assignee(base.group_by(Case.assignee_id))


def _reminders(station_id: int, start, end) -> Counter:
    """Counted against whom the case was assigned to when reminded (the event records it)."""
    assignee = CaseEvent.data["assignee"].as_integer()
    base = gate.without_reports(
        select(assignee, func.count())
        .join(Case, Case.id == CaseEvent.case_id)
        .where(
            Case.station_id == station_id,
            CaseEvent.action == "remind",
            CaseEvent.at >= start,
            CaseEvent.at < end,
        )
    )
    return _by_assignee(base.group_by(assignee))


def _kept(found) -> tuple[Counter, Counter]:
    on_time, late = Counter(), Counter()
    for item in found:
        if item.outcome == "on_time":
            on_time[item.assignee_id] += item.count
        elif item.outcome in ("late", "open_late"):
            late[item.assignee_id] += item.count
    return on_time, late


def _staff(station_id: int, ids: set[int]) -> list[User]:
    users = db.session.scalars(select(User).where(User.station_id == station_id)).all()
    return [u for u in users if u.id in ids or (u.active and u.roles & set(HANDLERS))]


def people(station_id: int, month: Month, tz: str, found) -> list[PersonRow]:
    """Everyone who handles cases at the station, and anyone else with a figure in the
    month, by name. ``found``: the month's ``service.outcomes``."""
    start, end = month.utc_bounds(tz)
    handled = _closed(station_id, start, end)
    dissatisfied = _dissatisfied(station_id, start, end)
    reminders = _reminders(station_id, start, end)
    on_time, late = _kept(found)
    ids = {i for c in (handled, dissatisfied, reminders, on_time, late) for i in c if i}
    rows = [
        PersonRow(
            username=user.username,
            name=user.display_name,
            handled=handled[user.id],
            on_time=on_time[user.id],
            late=late[user.id],
            dissatisfied=dissatisfied[user.id],
            reminders=reminders[user.id],
        )
        for user in _staff(station_id, ids)
    ]
    return sorted(rows, key=lambda r: (r.name, r.username))


def visible_rows(rows: list[PersonRow], user) -> list[PersonRow]:
    """A clerk sees their own row; heads, inspectors and the county see everyone's. The
    snapshot keeps every row: this is a question of who reads it."""
    if user is None or user.has_role(R.HEAD, R.INSPECTOR, R.COUNTY):
        return rows
    return [r for r in rows if r.username == user.username]
