"""Referral to the discipline commission (报纪委, P2 §三.3(5)): the inspector or head handling
a report asks, the station's head approves; where the head is named in the report, a
county-level inspector (县纪委) instead (docs/domain.md "Confidentiality").

Like a disclosure, a referral is never approved by itself, nor by its requester, nor by
anyone excluded from the report; where nobody may decide it, it waits and the panel says
whom to add. Its reasons are sealed with the report (sealing.PROTECTED). An approval puts
"referred" on the report's timeline. Every request, decision and refused attempt is logged.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..cases import service as cases
from ..cases.models import Case
from ..extensions import db
from ..models import User
from ..rules import roles as R
from ..timeutil import utcnow
from . import gate, log
from .disclosures import REASON_MAX, refuse
from .models import Referral

# Who asks: the report's handlers. Who approves in the station: its heads.
REQUESTERS = (R.HEAD, R.INSPECTOR)


def of_case(case: Case) -> list[Referral]:
    """The report's referral requests, newest first."""
    return list(
        db.session.scalars(
            select(Referral)
            .where(Referral.case_id == case.id)
            .order_by(Referral.requested_at.desc(), Referral.id.desc())
        )
    )


def approvers(case: Case, requester_id: int | None) -> list[User]:
    """Who may decide a referral asked by ``requester_id``: the station's heads, or the
    county-level inspectors where the head is excluded (gate.approvers_for)."""
    return gate.approvers_for(case, requester_id, station_role=R.HEAD)


def _open_one(case: Case, state: str) -> Referral | None:
    return db.session.scalar(
        select(Referral).where(Referral.case_id == case.id, Referral.state == state).limit(1)
    )


def waiting(case: Case) -> Referral | None:
    return _open_one(case, "pending")


def referred(case: Case) -> Referral | None:
    return _open_one(case, "approved")


def _checked_reason(case: Case, reason: str, what: str, referral: int | None = None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise refuse(case, "no_reason", what, referral=referral)
    if len(reason) > REASON_MAX:
        raise refuse(case, "too_long", what, referral=referral)
    return reason


def request(case: Case, user: Any, reason: str) -> Referral:
    """The handler's request to refer ``case`` to the discipline commission; one at a time,
    and none once it is referred."""
    if not user.has_role(*REQUESTERS) or not gate.may_open(user, case):
        raise refuse(case, "may_not_refer", "referral_request")
    if referred(case) is not None:
        raise refuse(case, "already_referred", "referral_request")
    if waiting(case) is not None:
        raise refuse(case, "referral_waiting", "referral_request")
    reason = _checked_reason(case, reason, "referral_request")
    referral = Referral(
        case_id=case.id,
        station_id=case.station_id,
        requested_by_id=user.id,
        requested_at=utcnow(),
        reason=reason,
    )
    db.session.add(referral)
    db.session.flush()
    log.record(
        "referral_requested",
        case_id=case.id,
        station_id=case.station_id,
        user_id=user.id,
        referral=referral.id,
    )
    return referral


def decide(
    case: Case,
    referral: Referral,
    user: Any,
    approve: bool,
    reason: str,
    now: datetime | None = None,
) -> None:
    """One of ``approvers`` approves or refuses ``referral``, with a reason; an approval is
    the "referred" step of the report's timeline."""
    if referral.requested_by_id == user.id:
        raise refuse(case, "own_referral", "referral_decision", referral=referral.id)
    if gate.is_excluded(user, case.id):
        raise refuse(case, "excluded", "referral_decision", referral=referral.id)
    if referral.state != "pending":
        raise refuse(case, "decided", "referral_decision", referral=referral.id)
    if user.id not in {u.id for u in approvers(case, referral.requested_by_id)}:
        raise refuse(case, "not_approver", "referral_decision", referral=referral.id)
    reason = _checked_reason(case, reason, "referral_decision", referral=referral.id)
    now = now or utcnow()
    referral.state = "approved" if approve else "refused"
    referral.decided_by_id = user.id
    referral.decided_at = now
    referral.decision_reason = reason
    if approve:
        # The timeline's note is sealed like every event of a report's.
        cases.record_event(case, user, "referred", note=referral.reason, referral=referral.id)
    log.record(
        "referral_approved" if approve else "referral_refused",
        case_id=case.id,
        station_id=case.station_id,
        user_id=user.id,
        referral=referral.id,
    )
