"""What an administrator may see: the users they manage, the audit entries they read.

A station admin (an admin with a station) sees their own station only; an
installation admin (no station, e.g. on a county server) sees everything.
"""

from datetime import datetime

from sqlalchemy import Select, func, or_, select

from ..extensions import db
from ..models import AuditLog, Station, User
from ..rules import roles as R


def is_installation_admin(user: User) -> bool:
    return user.has_role(R.ADMIN) and user.station_id is None


def managed_users(admin: User, *, include_inactive: bool = False) -> Select:
    """The users ``admin`` may see and change, by station then username."""
    query = select(User).outerjoin(Station, User.station_id == Station.id)
    if not is_installation_admin(admin):
        query = query.where(User.station_id == admin.station_id)
    if not include_inactive:
        query = query.where(User.active.is_(True))
    return query.order_by(Station.name.nulls_first(), func.lower(User.username))


def managed_user(admin: User, user_id: int) -> User | None:
    """The user with this id if ``admin`` may manage them, else None (the view answers 404)."""
    user = db.session.get(User, user_id)
    if user is None:
        return None
    if is_installation_admin(admin) or user.station_id == admin.station_id:
        return user
    return None


def managed_station(admin: User, station_id: int) -> Station | None:
    """The station if ``admin`` may set it (their own; any for an installation admin)."""
    if not is_installation_admin(admin) and station_id != admin.station_id:
        return None
    return db.session.get(Station, station_id)


def is_locked(user: User, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def visible_audit(admin: User) -> Select:
    """Entries ``admin`` may read: their station's and their own, or all for installation admins."""
    query = select(AuditLog)
    if not is_installation_admin(admin):
        query = query.where(
            or_(AuditLog.station_id == admin.station_id, AuditLog.actor_id == admin.id)
        )
    return query


def audit_page_query(admin: User, *, action: str = "", username: str = "") -> Select:
    """The audit log newest first, narrowed to one action and/or one username (actor or target)."""
    query = visible_audit(admin)
    if action:
        query = query.where(AuditLog.action == action)
    name = username.strip().lower()
    if name:
        query = query.where(
            or_(func.lower(AuditLog.actor_name) == name, func.lower(AuditLog.target) == name)
        )
    return query.order_by(AuditLog.at.desc(), AuditLog.id.desc())


def audit_actions(admin: User) -> list[str]:
    """The action names that occur in the entries ``admin`` may read, for the filter."""
    visible = visible_audit(admin).subquery()
    return list(db.session.scalars(select(visible.c.action).distinct().order_by(visible.c.action)))
