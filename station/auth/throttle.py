"""Failed logins counted per account and per address, and the locks they lead to.

Five wrong passwords for one account lock that account from that address only,
so that one PC on the LAN cannot lock the head out everywhere; twenty failures
from one address, whatever the accounts, lock the address. Both last
LOCKOUT_MINUTES and count the failures of the last LOCKOUT_MINUTES; a login
from the address starts the account's count there over, not the address's.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, has_request_context, request
from sqlalchemy import delete, func, or_, select

from ..extensions import db
from ..models import User
from .models import LoginFailure, LoginLock, UserSession


@dataclass(frozen=True)
class Limits:
    attempts: int  # wrong passwords for one account from one address
    address_attempts: int  # failures from one address, whatever the accounts
    minutes: int

    @classmethod
    def from_config(cls) -> "Limits":
        config = current_app.config
        return cls(
            config["LOCKOUT_ATTEMPTS"],
            config["LOCKOUT_ADDRESS_ATTEMPTS"],
            config["LOCKOUT_MINUTES"],
        )


def client_address() -> str:
    return (request.remote_addr or "")[:45] if has_request_context() else ""


def address_locked(ip: str, now: datetime) -> bool:
    """Whether logins from ``ip`` are refused for every account."""
    return is_locked(None, ip, now)


def is_locked(user_id: int | None, ip: str, now: datetime) -> bool:
    """Whether logins from ``ip`` are refused: for every account, or for ``user_id``."""
    whose = LoginLock.user_id.is_(None)
    if user_id is not None:
        whose = or_(whose, LoginLock.user_id == user_id)
    query = select(LoginLock.id).where(LoginLock.ip == ip, LoginLock.until > now, whose)
    return db.session.scalar(query.limit(1)) is not None


def record_failure(
    user: User | None, username: str, ip: str, now: datetime, limits: Limits
) -> list[str]:
    """Count one failure; the audit actions of the locks it starts ("lockout", "address_locked")."""
    db.session.add(
        LoginFailure(at=now, ip=ip, user_id=user.id if user else None, username=username[:50])
    )
    db.session.flush()
    window = now - timedelta(minutes=limits.minutes)
    until = now + timedelta(minutes=limits.minutes)
    started = []
    if user is not None:
        since = max(window, _last_login(user.id, ip) or window)
        if _failures(since, ip, user.id) >= limits.attempts:
            db.session.add(LoginLock(ip=ip, user_id=user.id, locked_at=now, until=until))
            user.locked_until = until  # what the admin's pages show: locked from somewhere
            started.append("lockout")
    if _failures(window, ip) >= limits.address_attempts:
        db.session.add(LoginLock(ip=ip, user_id=None, locked_at=now, until=until))
        started.append("address_locked")
    return started


def clear(user: User) -> None:
    """Forget the account's failures and locks, from every address (an admin's unlock)."""
    db.session.execute(delete(LoginLock).where(LoginLock.user_id == user.id))
    db.session.execute(delete(LoginFailure).where(LoginFailure.user_id == user.id))
    user.failed_logins = 0
    user.locked_until = None


def _failures(since: datetime, ip: str, user_id: int | None = None) -> int:
    query = select(func.count(LoginFailure.id)).where(
        LoginFailure.ip == ip, LoginFailure.at > since
    )
    if user_id is not None:
        query = query.where(LoginFailure.user_id == user_id)
    return db.session.scalar(query) or 0


def _last_login(user_id: int, ip: str) -> datetime | None:
    query = select(func.max(UserSession.created_at)).where(
        UserSession.user_id == user_id, UserSession.ip == ip
    )
    return db.session.scalar(query)
