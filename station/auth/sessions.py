"""Server-side sessions: every login has a row, so that it can be ended.

The signed cookie only carries a random token; the row (found by the token's
hash) says whether the session still runs. Logout ends this session only; a
password change, an admin's reset, deactivation or a role change end all of the
user's. The idle timeout and the absolute lifetime are judged here from the
row, so a copied cookie stops working when the session ends, wherever it is used.
"""

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from flask import current_app, g, request, session
from sqlalchemy import Select, and_, bindparam, select, update
from sqlalchemy.orm import joinedload

from ..database import write_intent
from ..extensions import db
from ..models import User
from ..timeutil import utcnow
from .models import UserSession

KEY = "sid"
# This request's session row as the user loader read it, with its token's digest.
_LOADED = "station_session_row"
# last_seen_at is written at most this often: SQLite has one writer at a time.
TOUCH_EVERY = timedelta(minutes=1)
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start(user: User) -> None:
    """Open a session for ``user`` in this browser; the caller commits."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        UserSession(
            token_hash=_digest(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            ip=(request.remote_addr or "")[:45],
            user_agent=request.headers.get("User-Agent", "")[:200],
        )
    )
    session[KEY] = token


@cache
def _user_query(with_session: bool) -> Select:
    """The loader's statement, built once: building it again each request cost more than
    SQLAlchemy's cached compilation of it. Parameters ``user_id`` and ``digest``."""
    query = select(User).options(joinedload(User.role_rows))
    query = query.where(User.id == bindparam("user_id"))
    if not with_session:
        return query
    mine = and_(UserSession.user_id == User.id, UserSession.token_hash == bindparam("digest"))
    return query.add_columns(UserSession).outerjoin(UserSession, mine)


def load_user(user_id: int) -> User | None:
    """The user, its station, its roles and this browser's session row, in one statement.

    Every page needs all four (the access check judges the roles and the session), which
    were three statements; the row is kept for ``check`` in this request's ``g``."""
    token = session.get(KEY)
    if not isinstance(token, str):
        found = db.session.execute(_user_query(False), {"user_id": user_id})
        return found.scalars().unique().first()
    digest = _digest(token)
    found = db.session.execute(_user_query(True), {"user_id": user_id, "digest": digest})
    row = found.unique().first()
    if row is None:
        return None
    user, current = row
    if current is not None:
        setattr(g, _LOADED, (digest, current))
    return user


def _current() -> UserSession | None:
    token = session.get(KEY)
    if not isinstance(token, str):
        return None
    digest = _digest(token)
    loaded = g.get(_LOADED)
    if loaded is not None and loaded[0] == digest:
        return loaded[1]
    return db.session.scalar(select(UserSession).where(UserSession.token_hash == digest))


def check(user: User, *, touch: bool = True) -> str | None:
    """Why this browser's session of ``user`` is over ("ended", "idle", "lifetime"), or None
    while it runs, which counts as activity unless ``touch`` is False (a page refreshing
    itself: the overdue board's minute refresh must not keep an unattended PC logged in)."""
    row = _current()
    if row is None or row.user_id != user.id or row.ended_at is not None:
        return "ended"
    now = utcnow()
    idle = timedelta(minutes=current_app.config["IDLE_TIMEOUT_MINUTES"])
    lifetime = timedelta(hours=current_app.config["SESSION_LIFETIME_HOURS"])
    for reason, too_old in (
        ("idle", now - row.last_seen_at > idle),
        ("lifetime", now - row.created_at > lifetime),
    ):
        if too_old:
            _write(_ending(UserSession.id == row.id, reason, now))
            return reason
    if touch and now - row.last_seen_at >= TOUCH_EVERY:
        _write(update(UserSession).where(UserSession.id == row.id).values(last_seen_at=now))
    return None


def end_current(reason: str = "logout") -> None:
    """End this browser's session (logout); the caller commits."""
    row = _current()
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()
        row.end_reason = reason
    session.pop(KEY, None)


def end_all(user: User, reason: str) -> None:
    """End every running session of ``user``, in every browser; the caller commits."""
    db.session.execute(_ending(UserSession.user_id == user.id, reason, utcnow()))


def _ending(where: Any, reason: str, now: datetime) -> Any:
    return (
        update(UserSession)
        .where(where, UserSession.ended_at.is_(None))
        .values(ended_at=now, end_reason=reason)
        .execution_options(synchronize_session=False)
    )


def _write(statement: Any) -> None:
    """Save one change now, from the access check before the view.

    A POST's transaction already holds SQLite's write lock: write there and commit.
    A GET's is a plain read, which must not turn into a write half-way (it can fail
    at once when another writer got in between): write in a short transaction of its own.
    """
    if request.method not in _SAFE_METHODS or write_intent.get():
        db.session.execute(statement)
        db.session.commit()
        return
    token = write_intent.set(True)
    try:
        with db.engine.begin() as conn:
            conn.execute(statement)
    finally:
        write_intent.reset(token)
