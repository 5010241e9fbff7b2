"""Finding cases the current user may see; every case view goes through here."""

from flask import abort, request
from flask_login import current_user
from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import joinedload

from .. import changes
from ..confidential import gate
from ..database import SAFE_METHODS, built_once
from ..extensions import db
from ..models import User
from ..rules import roles as R
from .models import Case

# A list's count stops here ("over 1,000"), so that a list costs what it shows.
COUNT_LIMIT = 1000


def visible_cases() -> Select:
    """The cases of the user's station that the user may open: reports only as the
    confidentiality gate allows."""
    return gate.narrow(select(Case).where(Case.station_id == current_user.station_id), current_user)


@built_once
def _case_by_ref() -> Select:
    """A case by its station and reference, with what every case page writes of its people
    and topic, instead of one statement each (and one more for the roles of each person,
    which no case page reads: they load if something asks)."""
    return (
        select(Case)
        .where(Case.station_id == bindparam("station_id"), Case.ref == bindparam("ref"))
        .options(
            joinedload(Case.topic),
            joinedload(Case.assignee).lazyload(User.role_rows),
            joinedload(Case.registered_by).lazyload(User.role_rows),
        )
    )


def get_case_or_404(ref: str) -> Case:
    """The case with this reference in the user's station that the user may open, else 404."""
    case = db.session.scalar(_case_by_ref(), {"station_id": current_user.station_id, "ref": ref})
    # A report the user may not read answers as one that does not exist: a 403 would tell
    # that a report has this reference (docs/threat-model.md).
    if case is None or not gate.may_open(current_user, case):
        abort(404)
    gate.open_report(case, current_user, _access_action())
    return case


# Pages under a case that put it on paper; the access log tells them from views.
PRINTS = frozenset(
    {
        "intake.receipt",
        "cases.print_file",
        "cases.transfer_slip",
        "cases.reminder",
        "cases.reply_letter",
    }
)


def _access_action() -> str:
    if request.method not in SAFE_METHODS:
        return "action"
    endpoint = request.endpoint or ""
    return "print" if endpoint in PRINTS else "view"


def capped_count(query: Select) -> int:
    """How many cases ``query`` has, counted no further than COUNT_LIMIT + 1."""
    return db.session.scalar(capped_count_of(query.order_by(None).with_only_columns(Case.id)))


def capped_count_of(ids: Select, limit: int | None = None) -> Select:
    """The statement that counts ``ids`` (a select of case ids) up to ``limit`` + 1, by
    default COUNT_LIMIT + 1."""
    stop = COUNT_LIMIT if limit is None else limit
    return select(func.count()).select_from(ids.limit(stop + 1).subquery())


def assignee_choices(station_id: int | None) -> tuple[tuple[int, str], ...]:
    """The station's active users who handle cases, as (id, name): the assignee filter's
    choices on the case list and the board. Kept until a write commits
    (``changes.remembered``), as plain pairs rather than the session's users: every list
    page asks for them (1 ms of a first page's 15 at a million cases), and they change
    only when someone's account does."""
    return changes.remembered(("assignee choices", station_id), lambda: _staff(station_id))


def _staff(station_id: int | None) -> tuple[tuple[int, str], ...]:
    users = db.session.scalars(
        select(User)
        .where(User.station_id == station_id, User.active.is_(True))
        .order_by(User.name, User.username)
    )
    return tuple((u.id, u.display_name) for u in users if u.has_role(*R.STATION_ROLES))
