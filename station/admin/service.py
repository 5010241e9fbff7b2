"""Changes an administrator makes to accounts; each one is written to the audit log.

Granting head or inspector, or resetting the password of someone who holds one, does
not happen here: it becomes a request (``RoleRequest``) that a second person decides
(station/admin/approvals.py). The caller commits, so that the change and its audit
entry are saved together.
"""

from sqlalchemy import select

from .. import accounts, audit
from ..accounts import AccountError, check_roles, generate_password
from ..auth import sessions, throttle
from ..confidential import log
from ..extensions import db
from ..i18n import ROLE_LABELS, join_list
from ..i18n import lazy_gettext as _l
from ..models import Station, User
from ..rules import roles as R
from .models import GRANT, PASSWORD, PENDING, RoleRequest
from .queries import is_installation_admin


def grantable_roles(admin: User) -> tuple[str, ...]:
    """Roles ``admin`` may hand out: county staff read every station, so only the installation
    admin grants that role."""
    if is_installation_admin(admin):
        return R.ALL_ROLES
    return tuple(r for r in R.ALL_ROLES if r != R.COUNTY)


def check_grant(admin: User, added: set[str]) -> None:
    refused = sorted(set(R.ALL_ROLES).intersection(added) - set(grantable_roles(admin)))
    if refused:
        raise AccountError(
            _l(
                "Only the installation's administrator can grant the role %(role)s.",
                role=join_list(ROLE_LABELS[r] for r in refused),
            )
        )


def create_user(
    admin: User, username: str, roles: set[str], *, name: str, station: Station | None
) -> tuple[User, str, RoleRequest | None]:
    """A new account with the roles that need nobody's approval, its one-time password,
    and the request for head or inspector if asked."""
    check_roles(roles, station)
    check_grant(admin, roles)
    asked = R.gated(roles)
    user, password = accounts.create_user(
        username, roles - asked, name=name, station=station, withheld=asked
    )
    return user, password, _ask(admin, user, GRANT, asked) if asked else None


def change_user(
    admin: User, user: User, *, name: str, roles: set[str]
) -> tuple[bool, RoleRequest | None]:
    """Set name and roles, a grant of head or inspector as a request; whether anything
    changed now, and the request made. Refuses to lock ``admin`` out."""
    check_roles(roles, user.station)
    check_grant(admin, roles - user.roles)
    if user.id == admin.id and R.ADMIN not in roles:
        raise AccountError(
            _l("You cannot remove your own administrator role: you would lock yourself out.")
        )
    asked = R.gated(roles) - user.roles
    changed = _set_name_and_roles(user, name, roles - asked)
    asked -= pending_roles(user)  # asked before: one request is enough
    return changed, _ask(admin, user, GRANT, asked) if asked else None


def _set_name_and_roles(user: User, name: str, roles: set[str]) -> bool:
    changed = False
    name = name.strip()[:50]
    if name != user.name:
        audit.record(
            "name_changed",
            target=user.username,
            data={"before": user.name, "after": name},
            station_id=user.station_id,
        )
        user.name = name
        changed = True
    return set_roles(user, roles) or changed


def set_roles(user: User, roles: set[str]) -> bool:
    """Give ``user`` exactly ``roles`` now; False when they hold them already."""
    if roles == user.roles:
        return False
    audit.record(
        "roles_changed",
        target=user.username,
        data={"before": sorted(user.roles), "after": sorted(roles)},
        station_id=user.station_id,
    )
    user.roles = roles
    sessions.end_all(user, "roles")  # a session must not keep what the roles gave it
    return True


def needs_approval_to_reset(user: User) -> bool:
    """Whoever holds head or inspector gets a new password only with a second person."""
    return bool(R.gated(user.roles))


def request_password_reset(admin: User, user: User) -> RoleRequest | None:
    """Ask for a new password for ``user``; None when that is asked already."""
    if pending_requests(user, PASSWORD):
        return None
    return _ask(admin, user, PASSWORD, R.gated(user.roles))


def pending_requests(user: User, kind: str | None = None) -> list[RoleRequest]:
    """The requests about ``user`` that wait for a decision, oldest first."""
    query = select(RoleRequest).where(RoleRequest.user_id == user.id, RoleRequest.state == PENDING)
    if kind is not None:
        query = query.where(RoleRequest.kind == kind)
    return list(db.session.scalars(query.order_by(RoleRequest.id)))


def pending_roles(user: User) -> set[str]:
    return {r for req in pending_requests(user, GRANT) for r in req.roles}


def _ask(admin: User, user: User, kind: str, roles: set[str]) -> RoleRequest:
    names = sorted(roles)
    request = RoleRequest(
        station_id=user.station_id, user=user, kind=kind, roles=names, requested_by=admin
    )
    db.session.add(request)
    db.session.flush()
    data = {"kind": kind, "roles": names, "request": request.id}
    audit.record("role_requested", target=user.username, data=data, station_id=user.station_id)
    log.record(
        "role_requested",
        station_id=user.station_id,
        target=user.id,
        roles=names,
        kind=kind,
        request=request.id,
    )
    return request


def reset_password(user: User) -> str:
    """A new one-time password, to be changed at the next login; also lifts a lockout."""
    password = generate_password()
    user.set_password(password, by_self=False)
    throttle.clear(user)
    sessions.end_all(user, "reset")
    audit.record("password_reset", target=user.username, station_id=user.station_id)
    return password


def unlock(user: User) -> None:
    """Lift the account's locks from every address (an address's own lock runs out)."""
    throttle.clear(user)
    audit.record("user_unlocked", target=user.username, station_id=user.station_id)


def deactivate(admin: User, user: User) -> None:
    """The account can no longer log in; its history keeps its name."""
    if user.id == admin.id:
        raise AccountError(_l("You cannot deactivate yourself: you would lock yourself out."))
    user.active = False
    sessions.end_all(user, "deactivated")  # so that reactivating does not revive them
    audit.record("user_deactivated", target=user.username, station_id=user.station_id)


def reactivate(user: User) -> None:
    user.active = True
    throttle.clear(user)
    audit.record("user_reactivated", target=user.username, station_id=user.station_id)
