"""Checking a password with lockout; no Flask request handling here."""

from datetime import timedelta

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..extensions import db
from ..models import User
from ..timeutil import utcnow

# Checked when the username is unknown, so that the answer takes as long either way.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


def find_user(username: str) -> User | None:
    name = username.strip().lower()
    return db.session.scalar(select(User).where(func.lower(User.username) == name))


def authenticate(username: str, password: str, *, attempts: int, lock_minutes: int) -> User | None:
    """The user if the password is right and the account open; records every outcome."""
    user = find_user(username)
    if user is None or not user.active:
        check_password_hash(_DUMMY_HASH, password)
        audit.record("login_failed", target=username[:100], detail="unknown or inactive")
        db.session.commit()
        return None
    now = utcnow()
    if user.locked_until and user.locked_until > now:
        audit.record("login_refused_locked", target=user.username, actor=user)
        db.session.commit()
        return None
    if not user.check_password(password):
        user.failed_logins += 1
        audit.record("login_failed", target=user.username, actor=user)
        if user.failed_logins >= attempts:
            user.locked_until = now + timedelta(minutes=lock_minutes)
            user.failed_logins = 0
            audit.record(
                "lockout", target=user.username, actor=user, detail=f"{attempts} wrong passwords"
            )
        db.session.commit()
        return None
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    audit.record("login", target=user.username, actor=user)
    db.session.commit()
    return user
