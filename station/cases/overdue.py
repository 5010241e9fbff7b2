"""What "overdue" and "due next" mean, as SQL expressions every list shares. No Flask here.

A case is overdue when a clock it still has to meet has run out:
- before the reply, the reply deadline (or its approved extension) has passed;
- before the reply, the first contact is not made and its deadline has passed;
- after the reply, the follow-up call is not made and its deadline has passed.
The case lists, the home panel and the overdue board all use ``overdue(today)``.
"""

from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, or_

from ..workflow import BEFORE_REPLY, REPLIED
from .models import Case


def reply_due() -> ColumnElement[date]:
    """The reply deadline in force: the approved extension, else the policy's date."""
    return func.coalesce(Case.extended_to, Case.due_reply)


def overdue(today: date) -> ColumnElement[bool]:
    """True for a case with a clock still to meet whose date is before ``today``."""
    before_reply = Case.status.in_(BEFORE_REPLY)
    return or_(
        and_(before_reply, reply_due() < today),
        and_(before_reply, Case.contacted_at.is_(None), Case.due_contact < today),
        and_(Case.status == REPLIED, Case.due_followup < today),
    )


def next_due() -> ColumnElement[date]:
    """The date of the next clock the case has to meet, for "soonest due first"."""
    return case(
        (Case.status.in_(BEFORE_REPLY), reply_due()),
        (Case.status == REPLIED, func.coalesce(Case.due_followup, Case.due_close)),
        else_=Case.due_close,
    )
