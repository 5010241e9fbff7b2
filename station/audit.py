"""The audit log: logins, lockouts, account and settings changes. Append-only.

An entry's detail is data (``data=``, stored as JSON), which the admin's page puts in the
reader's language (station/admin/audit_details.py); the command line's entries have the
address "cli", shown as the command line.
"""

import json
from typing import Any

from flask import has_request_context, request
from flask_login import current_user

from .access import acting_user
from .extensions import db
from .i18n import lazy_gettext as _l
from .models import AuditLog, User


def record(
    action: str,
    *,
    target: str = "",
    detail: str = "",
    data: dict[str, Any] | None = None,
    station_id: int | None = None,
    actor: User | None = None,
) -> AuditLog:
    """Add an entry to the session; the caller's commit saves it with the change it records.

    ``data`` is what the entry records beyond its action and target, as values (role
    names, counts, an address), never as words: the page says it in the reader's language.
    ``detail`` is text shown as written, for what has no words to translate (a name).
    """
    if data is not None:
        detail = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = acting_user()
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


# What each audit action is called on the admin's page (English source, translated).
ACTION_LABELS = {
    "login": _l("Logged in"),
    "login_failed": _l("Failed login"),
    "login_refused_locked": _l("Login refused: account locked"),
    "lockout": _l("Account locked"),
    "address_locked": _l("Address locked"),
    "logout": _l("Logged out"),
    "password_changed": _l("Changed own password"),
    "password_reset": _l("Password reset"),
    "user_created": _l("User created"),
    "name_changed": _l("Name changed"),
    "roles_changed": _l("Roles changed"),
    "user_unlocked": _l("User unlocked"),
    "user_deactivated": _l("User deactivated"),
    "user_reactivated": _l("User reactivated"),
    "role_requested": _l("Approval requested"),
    "role_approved": _l("Request approved"),
    "role_refused": _l("Request refused"),
    "station_added": _l("Station added"),
    "station_contact_changed": _l("Station contact changed"),
    "calendar_day_set": _l("Calendar day set"),
    "calendar_day_removed": _l("Calendar day removed"),
    "calendar_imported": _l("Calendar imported"),
    "calendar_year_confirmed": _l("Calendar year confirmed"),
    "policy_changed": _l("Deadline policy changed"),
    "topic_added": _l("Topic added"),
    "topic_renamed": _l("Topic renamed"),
    "topic_moved": _l("Topic moved"),
    "topic_deactivated": _l("Topic deactivated"),
    "topic_reactivated": _l("Topic reactivated"),
    "reports_sealed": _l("Existing reports sealed"),
    "device_granted": _l("Device granted"),
    "device_revoked": _l("Device revoked"),
}


def action_label(action: str) -> str:
    """The action's name for people; an action without a label shows as recorded."""
    return str(ACTION_LABELS.get(action, action))
