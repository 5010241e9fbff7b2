"""Who submitted a case for the head's review, and when (issue 7: whose delay a review is).

The review clock runs from the receipt (P3 第四条), so a case submitted after it ran out
shows the head a late review at once; the submission tells where the delay arose. The
case page reads it here, and so may the head's home page.
"""

from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from ..models import User
from ..rules import clocks
from ..timeutil import local_day
from .models import Case, CaseEvent


def review_submission(case: Case) -> tuple[datetime, User | None] | None:
    """The stored (UTC) moment and the user of the submission the head has still to
    answer: the latest ``submit_review`` event while a review is pending, else None."""
    if not case.review_pending:
        return None
    event = db.session.scalar(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "submit_review")
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
        .limit(1)
    )
    return (event.at, event.actor) if event else None


def submitted_late(review_clock: clocks.Clock | None, at: datetime | None, tz: str) -> bool:
    """Whether the case reached the head only after its review clock had run out: the
    delay then arose before the head, with whoever submitted it."""
    if review_clock is None or review_clock.name != "review" or at is None:
        return False
    return review_clock.late(local_day(at, tz))
