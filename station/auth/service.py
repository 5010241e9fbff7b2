"""Checking a password with lockout; no Flask request handling here.

Every refusal does the same work as a wrong password, the hash included, so
that neither the answer nor its time tells a locked account from an unknown one.
"""

from functools import cache

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..extensions import db
from ..models import User
from ..timeutil import utcnow
from . import throttle
from .throttle import Limits

# The audit's data of a wrong (or refused) current password on the password-change page.
PASSWORD_PAGE = {"where": "password"}


@cache
def _dummy_hash() -> str:
    """Checked when the username is unknown, so that the answer takes as long either way.

    Made on the first password check rather than at import: a scrypt hash costs about
    0.15 s of every start-up otherwise. ``_password_matches`` asks for it on every check,
    a real user's too, so that only the process's very first check pays for making it,
    whoever it is for, and the time still tells nothing about the username."""
    return generate_password_hash("not-a-real-password", method="scrypt")


def find_user(username: str) -> User | None:
    name = username.strip().lower()
    return db.session.scalar(select(User).where(func.lower(User.username) == name))


def authenticate(username: str, password: str, *, ip: str, limits: Limits) -> User | None:
    """The user if the password is right and neither the account nor ``ip`` is locked;
    records every outcome."""
    user = find_user(username)
    if user is not None and not user.active:
        user = None
    right = _password_matches(user, password)
    now = utcnow()
    name = user.username if user else username.strip().lower()[:100]
    if throttle.address_locked(ip, now):
        audit.record("login_refused_locked", target=name, actor=user)
    elif user is not None and throttle.is_locked(user.id, ip, now):
        # Counted towards the address like a wrong name: else twenty tries on a real name
        # (locked after five) would leave the address open, and on an unknown one not.
        _record_locks(throttle.record_failure(None, name, ip, now, limits), name, user, ip, limits)
        audit.record("login_refused_locked", target=name, actor=user)
    elif user is None or not right:
        started = throttle.record_failure(user, name, ip, now, limits)
        audit.record(
            "login_failed", target=name, actor=user, data=None if user else {"reason": "unknown"}
        )
        _record_locks(started, name, user, ip, limits)
    else:
        user.last_login_at = now
        audit.record("login", target=user.username, actor=user)
        db.session.commit()
        return user
    db.session.commit()
    return None


def check_current_password(user: User, password: str, *, ip: str, limits: Limits) -> bool:
    """For changing one's password: a wrong current one counts like a wrong login, and a
    locked account (from ``ip``) is refused even with the right one."""
    right = _password_matches(user, password)
    now = utcnow()
    if throttle.is_locked(user.id, ip, now):
        audit.record("login_refused_locked", target=user.username, actor=user, data=PASSWORD_PAGE)
    elif not right:
        started = throttle.record_failure(user, user.username, ip, now, limits)
        audit.record("login_failed", target=user.username, actor=user, data=PASSWORD_PAGE)
        _record_locks(started, user.username, user, ip, limits)
    else:
        return True
    db.session.commit()
    return False


def _password_matches(user: User | None, password: str) -> bool:
    # One hash for every answer: a real one, or the dummy when there is no usable account.
    dummy = _dummy_hash()
    return check_password_hash(user.password_hash if user else dummy, password) and bool(user)


def _record_locks(
    started: list[str], name: str, user: User | None, ip: str, limits: Limits
) -> None:
    if "lockout" in started:
        data = {"attempts": limits.attempts, "ip": ip}
        audit.record("lockout", target=name, actor=user, data=data)
    if "address_locked" in started:
        data = {"attempts": limits.address_attempts}
        audit.record("address_locked", target=ip, actor=user, data=data)
