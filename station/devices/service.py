"""Granting a browser a device's use, finding the device a request comes from, revoking it.

A grant is server-side: the browser holds a random token in an HttpOnly, SameSite=Strict
cookie, the ``device`` row its hash. The request's principal is then the device
(station/access.py ``check_access``), which reaches only views declared with
``devices=True`` for its kind and is sent to its kind's own page from every other.
Each kind (the kiosk, later the wall display) is registered by the room that uses it,
with who may grant it and the page it lives on. The views commit.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app, g, request, url_for
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import User
from ..timeutil import utcnow
from .models import Device

COOKIE = "station_device"


@dataclass(frozen=True)
class Kind:
    name: str  # one of rules.roles.DEVICE_KINDS
    home: str  # the endpoint a device of this kind is sent to from any other page
    granters: frozenset[str]  # the roles that may grant it
    label: object  # its name for people (lazy)


_KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> None:
    """Called by the room that uses the kind, in its ``init_app``."""
    _KINDS[kind.name] = kind


def kind_of(device: Device) -> Kind | None:
    return _KINDS.get(device.kind)


class GrantRefused(Exception):
    """A grant the user may not give (or of a kind nobody registered): nothing is saved."""


def may_grant(user: User, kind: str) -> bool:
    """Whether ``user`` may turn a browser into a device of ``kind``: an active person of a
    station, holding one of the kind's granting roles."""
    found = _KINDS.get(kind)
    return (
        found is not None
        and getattr(user, "is_person", True)
        and user.active
        and user.station_id is not None
        and user.has_role(*found.granters)
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def grant(user: User, kind: str, expires_at: datetime) -> tuple[Device, str]:
    """A new device of ``user``'s station and its token (for the cookie, never stored)."""
    if not may_grant(user, kind) or expires_at <= utcnow():
        raise GrantRefused(kind)
    token = secrets.token_urlsafe(32)
    device = Device(
        station_id=user.station_id,
        kind=kind,
        token_hash=_digest(token),
        granted_by_id=user.id,
        granted_at=utcnow(),
        expires_at=expires_at,
        address=(request.remote_addr or "")[:45],
        user_agent=request.headers.get("User-Agent", "")[:200],
    )
    db.session.add(device)
    db.session.flush()
    audit.record("device_granted", target=kind, actor=user, data={"device": device.id})
    return device, token


def current_device() -> Device | None:
    """The running device this request comes from, or None (cached for the request)."""
    if "station_device" in g:
        return g.station_device
    token = request.cookies.get(COOKIE)
    device = None
    if token:
        found = db.session.scalar(select(Device).where(Device.token_hash == _digest(token)))
        if found is not None and found.running(utcnow()):
            device = found
    g.station_device = device
    return device


def home_url(device: Device) -> str:
    kind = kind_of(device)
    return url_for(kind.home) if kind is not None else url_for("auth.login")


def revoke(device: Device, by: User | None, reason: str = "revoked") -> bool:
    """End the grant now; False when it had ended already."""
    if not device.running(utcnow()):
        return False
    device.revoked_at = utcnow()
    device.revoked_by_id = by.id if by is not None else None
    device.revoke_reason = reason
    audit.record(
        "device_revoked",
        target=device.kind,
        actor=by,
        station_id=device.station_id,
        data={"device": device.id, "reason": reason},
    )
    return True


def running(station_id: int) -> list[Device]:
    """The station's devices whose grant runs now, newest first."""
    return list(
        db.session.scalars(
            select(Device)
            .where(
                Device.station_id == station_id,
                Device.revoked_at.is_(None),
                Device.expires_at > utcnow(),
            )
            .order_by(Device.granted_at.desc(), Device.id.desc())
        )
    )


def recent(station_id: int, limit: int = 20) -> list[Device]:
    """The station's latest grants, running or ended, newest first."""
    return list(
        db.session.scalars(
            select(Device)
            .where(Device.station_id == station_id)
            .order_by(Device.granted_at.desc(), Device.id.desc())
            .limit(limit)
        )
    )


def set_cookie(response, token: str, expires_at: datetime) -> None:
    response.set_cookie(
        COOKIE,
        token,
        expires=expires_at.replace(tzinfo=UTC),
        httponly=True,
        samesite="Strict",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )


def clear_cookie(response) -> None:
    response.delete_cookie(
        COOKIE,
        httponly=True,
        samesite="Strict",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )
