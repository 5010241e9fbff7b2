"""Changes an administrator makes to accounts; each one is written to the audit log.

The caller commits, so that the change and its audit entry are saved together.
"""

from flask_babel import lazy_gettext as _l

from .. import audit
from ..accounts import AccountError, check_roles, generate_password
from ..auth import sessions, throttle
from ..i18n import ROLE_LABELS, join_list
from ..models import User
from ..rules import roles as R
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


def change_user(admin: User, user: User, *, name: str, roles: set[str]) -> bool:
    """Set name and roles; False when nothing changed. Refuses to lock ``admin`` out."""
    check_roles(roles, user.station)
    check_grant(admin, roles - user.roles)
    if user.id == admin.id and R.ADMIN not in roles:
        raise AccountError(
            _l("You cannot remove your own administrator role: you would lock yourself out.")
        )
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
    if roles != user.roles:
        audit.record(
            "roles_changed",
            target=user.username,
            data={"before": sorted(user.roles), "after": sorted(roles)},
            station_id=user.station_id,
        )
        user.roles = roles
        sessions.end_all(user, "roles")  # a session must not keep what the roles gave it
        changed = True
    return changed


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
