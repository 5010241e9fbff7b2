"""The auth room's tables: each login's server-side session, failed logins and the locks."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class UserSession(db.Model):
    """One login in one browser. The cookie carries a random token; only its hash is kept,
    so that a copy of the database cannot be used to log in."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ip: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    ended_at: Mapped[datetime | None]
    # "logout", "idle", "lifetime", "password", "reset", "deactivated", "roles"
    end_reason: Mapped[str] = mapped_column(String(20), default="")


class LoginFailure(db.Model):
    """A wrong password, or an unknown or inactive username, from one address."""

    __tablename__ = "login_failure"
    __table_args__ = (
        Index("ix_login_failure_ip_at", "ip", "at"),
        Index("ix_login_failure_user_id_ip_at", "user_id", "ip", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    ip: Mapped[str] = mapped_column(String(45), default="")
    # None when the username is unknown: it still counts against the address.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    username: Mapped[str] = mapped_column(String(50), default="")


class LoginLock(db.Model):
    """Logins refused from one address until a moment: for one account, or (no user) for all."""

    __tablename__ = "login_lock"
    __table_args__ = (Index("ix_login_lock_ip_until", "ip", "until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ip: Mapped[str] = mapped_column(String(45), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    locked_at: Mapped[datetime] = mapped_column(default=utcnow)
    until: Mapped[datetime]
