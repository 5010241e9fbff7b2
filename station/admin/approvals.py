"""The second person: a head or inspector decides an admin's request to grant head or
inspector, or to reset the password of someone who holds one (docs/threat-model.md,
threat 5).

Never automatically and never by the requester or the user concerned: where nobody
else of the station may decide, the request waits. Approving gives the user a new
one-time password, shown to the approver alone, so that the admin, who may have known
the old one (they created the account), never holds a password of a head or inspector.
The caller commits.
"""

from sqlalchemy import func, select, update

from .. import audit, changes
from ..confidential import log
from ..extensions import db
from ..i18n import ROLE_LABELS, join_list
from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..models import User, UserRole
from ..rules import roles as R
from ..timeutil import utcnow
from . import service
from .models import APPROVED, GRANT, PENDING, REFUSED, RoleRequest

RECENT = 20  # decided requests shown below the pending ones


class Refusal(ValueError):
    """A decision the rules refuse; ``str()`` is for the user."""


ALREADY_DECIDED = _l("This request has already been decided.")
OWN_REQUEST = _l("You asked for this change: another head or inspector must decide it.")
OWN_ACCOUNT = _l(
    "This request concerns your own account: another head or inspector must decide it."
)
NOT_A_DECIDER = _l("Only a head or inspector of the station decides this request.")
NOBODY = _l(
    "Nobody can decide it yet: add a head or inspector of the station, on the PC's console "
    "with the command station create-user."
)


def describe(request: RoleRequest) -> str:
    """What the request asks, in one line for people."""
    name = request.user.display_name
    if request.kind == GRANT:
        roles = join_list(ROLE_LABELS.get(r, r) for r in request.roles)
        return _("Grant %(roles)s to %(name)s", roles=roles, name=name)
    return _("A new password for %(name)s", name=name)


def why_not(request: RoleRequest, user: User) -> object | None:
    """Why ``user`` may not decide ``request`` now (a message), or None when they may."""
    if request.state != PENDING:
        return ALREADY_DECIDED
    if user.id == request.requested_by_id:
        return OWN_REQUEST
    if user.id == request.user_id:
        return OWN_ACCOUNT
    if user.station_id != request.station_id or not R.gated(user.roles):
        return NOT_A_DECIDER
    return None


def approvers(request: RoleRequest) -> list[User]:
    """Who may decide ``request``: the station's active heads and inspectors, other than
    the requester and the user concerned. Empty: it waits until one is added."""
    query = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            User.station_id == request.station_id,
            User.active.is_(True),
            UserRole.role.in_(R.GATED_ROLES),
            User.id.not_in((request.requested_by_id, request.user_id)),
        )
        .distinct()
        .order_by(User.username)
    )
    return list(db.session.scalars(query))


def approve(request: RoleRequest, user: User) -> str:
    """Grant the roles or reset the password; the user's new one-time password, for the
    approver to hand over."""
    _decide(request, user, APPROVED)
    target = request.user
    if request.kind == GRANT:
        service.set_roles(target, target.roles | set(request.roles))
    return service.reset_password(target)


def refuse(request: RoleRequest, user: User) -> None:
    _decide(request, user, REFUSED)


def _decide(request: RoleRequest, user: User, state: str) -> None:
    reason = why_not(request, user)
    if reason is not None:
        raise Refusal(reason)
    # Only while still pending: two approvers clicking at once decide it once.
    decided = db.session.execute(
        update(RoleRequest)
        .where(RoleRequest.id == request.id, RoleRequest.state == PENDING)
        .values(state=state, decided_by_id=user.id, decided_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if decided.rowcount != 1:
        raise Refusal(ALREADY_DECIDED)
    db.session.refresh(request)
    action = "role_approved" if state == APPROVED else "role_refused"
    data = {"kind": request.kind, "roles": request.roles, "request": request.id}
    audit.record(action, target=request.user.username, data=data, station_id=request.station_id)
    log.record(
        action,
        station_id=request.station_id,
        target=request.user_id,
        roles=request.roles,
        kind=request.kind,
        request=request.id,
    )


def station_requests(station_id: int) -> tuple[list[RoleRequest], list[RoleRequest]]:
    """The station's pending requests, oldest first, and the latest decided ones."""
    query = select(RoleRequest).where(RoleRequest.station_id == station_id)
    pending = query.where(RoleRequest.state == PENDING).order_by(RoleRequest.id)
    decided = query.where(RoleRequest.state != PENDING).order_by(RoleRequest.decided_at.desc())
    return list(db.session.scalars(pending)), list(db.session.scalars(decided.limit(RECENT)))


def waiting_for(user: User) -> int:
    """How many requests ``user`` could decide now (for the navigation bar)."""
    if user.station_id is None or not R.gated(user.roles):
        return 0

    def count() -> int:
        query = select(func.count(RoleRequest.id)).where(
            RoleRequest.station_id == user.station_id,
            RoleRequest.state == PENDING,
            RoleRequest.requested_by_id != user.id,
            RoleRequest.user_id != user.id,
        )
        return db.session.scalar(query) or 0

    # Every page of a head shows it: kept until a write commits, and the statement built
    # only then (building it cost more than reading what was kept).
    return changes.remembered(("approvals_waiting", user.station_id, user.id), count)
