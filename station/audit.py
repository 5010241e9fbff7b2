"""The audit log: logins, lockouts, account and settings changes. Append-only."""

from flask import has_request_context, request
from flask_login import current_user

from .extensions import db
from .models import AuditLog, User


def record(
    action: str,
    *,
    target: str = "",
    detail: str = "",
    station_id: int | None = None,
    actor: User | None = None,
) -> AuditLog:
    """Add an entry to the session; the caller's commit saves it with the change it records."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    entry = AuditLog(
        action=action,
        target=target[:100],
        detail=detail,
        station_id=station_id if station_id is not None else getattr(actor, "station_id", None),
        actor_id=actor.id if actor else None,
        actor_name=actor.username if actor else "",
        ip=(request.remote_addr or "")[:45] if has_request_context() else "cli",
    )
    db.session.add(entry)
    return entry
