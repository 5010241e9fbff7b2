"""Disclosure requests: a head asks to see who reported, an inspector decides
(docs/domain.md "Confidentiality").

A request is never approved by itself, nor by its requester, nor by anyone
excluded from the report. Where nobody else may decide it, it waits: the page
says whom to add. Its reasons are sealed with the report (sealing.PROTECTED);
this module only sets them on the object. Every request and decision, and every
refused attempt, is in the access log.
"""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select

from ..cases.models import Case
from ..extensions import db
from ..models import User
from ..rules import roles as R
from ..timeutil import utcnow
from . import gate, log
from .models import Disclosure, Exclusion

DEFAULT_DAYS = 7
MAX_DAYS = 30
REASON_MAX = 500


class Refused(Exception):
    """The request or decision may not be made; ``why`` names the reason for the message."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def refuse(case: Case, why: str, what: str, **request: int | None) -> Refused:
    """Log the refused attempt (``request``: the disclosure's or referral's id, if any) and
    return the exception to raise."""
    detail: dict[str, Any] = {"what": what, "why": why}
    detail.update({name: ident for name, ident in request.items() if ident is not None})
    log.record("refused_attempt", case_id=case.id, station_id=case.station_id, **detail)
    return Refused(why)


def of_case(case: Case) -> list[Disclosure]:
    """The report's requests, newest first."""
    return list(
        db.session.scalars(
            select(Disclosure)
            .where(Disclosure.case_id == case.id)
            .order_by(Disclosure.requested_at.desc(), Disclosure.id.desc())
        )
    )


def approvers(case: Case, requester_id: int) -> list[User]:
    """Who may decide a request of ``requester_id`` (gate.approvers_for, the one rule)."""
    return gate.approvers_for(case, requester_id)


def current(case: Case, user: Any, now: datetime | None = None) -> Disclosure | None:
    """The user's approved request that is still running, if any."""
    now = now or utcnow()
    return db.session.scalar(
        select(Disclosure)
        .where(
            Disclosure.case_id == case.id,
            Disclosure.requested_by_id == user.id,
            Disclosure.state == "approved",
            Disclosure.expires_at > now,
        )
        .order_by(Disclosure.expires_at.desc())
        .limit(1)
    )


def waiting(case: Case, user: Any) -> Disclosure | None:
    """The user's request that waits for a decision, if any."""
    return db.session.scalar(
        select(Disclosure).where(
            Disclosure.case_id == case.id,
            Disclosure.requested_by_id == user.id,
            Disclosure.state == "pending",
        )
    )


def request(case: Case, user: Any, reason: str, days: int | None) -> Disclosure:
    """A head's request to see the reporter's identity of ``case`` for ``days`` days."""
    reason = (reason or "").strip()
    if gate.sees_identity_by_role(user):
        raise refuse(case, "sees_already", "disclosure_request")
    if not reason:
        raise refuse(case, "no_reason", "disclosure_request")
    if len(reason) > REASON_MAX:
        raise refuse(case, "too_long", "disclosure_request")
    if days is None or not 1 <= days <= MAX_DAYS:
        raise refuse(case, "bad_days", "disclosure_request")
    if waiting(case, user) is not None:
        raise refuse(case, "already_waiting", "disclosure_request")
    if current(case, user) is not None:
        raise refuse(case, "already_disclosed", "disclosure_request")
    disclosure = Disclosure(
        case_id=case.id,
        station_id=case.station_id,
        requested_by_id=user.id,
        requested_at=utcnow(),
        days=days,
        reason=reason,
    )
    db.session.add(disclosure)
    db.session.flush()
    log.record(
        "disclosure_requested",
        case_id=case.id,
        station_id=case.station_id,
        user_id=user.id,
        disclosure=disclosure.id,
        days=days,
    )
    return disclosure


def decide(
    case: Case,
    disclosure: Disclosure,
    user: Any,
    approve: bool,
    reason: str,
    now: datetime | None = None,
) -> None:
    """An inspector approves or refuses ``disclosure``: one of ``approvers``; never its
    requester, never a person reported, never a request already decided."""
    reason = (reason or "").strip()
    if not user.has_role(R.INSPECTOR):
        raise refuse(case, "not_inspector", "disclosure_decision", disclosure=disclosure.id)
    if disclosure.requested_by_id == user.id:
        raise refuse(case, "own_request", "disclosure_decision", disclosure=disclosure.id)
    if gate.is_excluded(user, case.id):
        raise refuse(case, "excluded", "disclosure_decision", disclosure=disclosure.id)
    if disclosure.state != "pending":
        raise refuse(case, "decided", "disclosure_decision", disclosure=disclosure.id)
    if user.id not in {u.id for u in approvers(case, disclosure.requested_by_id)}:
        # The station's inspector of a report naming its head: a county-level one decides.
        raise refuse(case, "not_approver", "disclosure_decision", disclosure=disclosure.id)
    if not reason:
        raise refuse(case, "no_reason", "disclosure_decision", disclosure=disclosure.id)
    if len(reason) > REASON_MAX:
        raise refuse(case, "too_long", "disclosure_decision", disclosure=disclosure.id)
    now = now or utcnow()
    disclosure.state = "approved" if approve else "refused"
    disclosure.decided_by_id = user.id
    disclosure.decided_at = now
    disclosure.expires_at = now + timedelta(days=disclosure.days) if approve else None
    disclosure.decision_reason = reason
    log.record(
        "disclosure_approved" if approve else "disclosure_refused",
        case_id=case.id,
        station_id=case.station_id,
        user_id=user.id,
        disclosure=disclosure.id,
    )


def pending_for(user: Any) -> list[tuple[Disclosure, str]]:
    """The station's waiting requests an inspector may see, with their report's reference:
    none of a report the inspector is excluded from."""
    mac = gate.user_mac(user.id)
    excluded = exists().where(Exclusion.case_id == Disclosure.case_id, Exclusion.user_mac == mac)
    rows = db.session.execute(
        select(Disclosure, Case.ref)
        .join(Case, Case.id == Disclosure.case_id)
        .where(
            Disclosure.station_id == user.station_id,
            Case.station_id == user.station_id,
            Disclosure.state == "pending",
            ~excluded,
        )
        .order_by(Disclosure.requested_at, Disclosure.id)
    ).all()
    return [(d, ref) for d, ref in rows]
