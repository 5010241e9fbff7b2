"""Finding cases the current user may see; every case view goes through here."""

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, func, select

from ..extensions import db
from ..rules.vocab import CONFIDENTIAL_KINDS
from .models import Case
from .permissions import can_open, reads_confidential

# A list's count stops here ("over 1,000"), so that a list costs what it shows.
COUNT_LIMIT = 1000


def visible_cases() -> Select:
    """The cases of the user's station that the user may open (no confidential ones otherwise)."""
    query = select(Case).where(Case.station_id == current_user.station_id)
    if not reads_confidential(current_user):
        query = query.where(Case.kind.not_in(CONFIDENTIAL_KINDS))
    return query


def get_case_or_404(ref: str) -> Case:
    """The case with this reference in the user's station that the user may open, else 404."""
    case = db.session.scalar(
        select(Case).where(Case.station_id == current_user.station_id, Case.ref == ref)
    )
    # A report the user may not read answers as one that does not exist: a 403 would tell
    # that a report has this reference (docs/threat-model.md).
    if case is None or not can_open(current_user, case):
        abort(404)
    return case


def capped_count(query: Select) -> int:
    """How many cases ``query`` has, counted no further than COUNT_LIMIT + 1."""
    limited = query.order_by(None).with_only_columns(Case.id).limit(COUNT_LIMIT + 1)
    return db.session.scalar(select(func.count()).select_from(limited.subquery()))
