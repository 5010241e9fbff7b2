"""The access log of reports: every view, print, search hit, contact shown, disclosure
and receipt-code query, with who, when and from which address (append-only).

An entry is written at once and survives whatever the request does next: a GET
writes it in a short transaction of its own (the request's own began as a read);
a POST adds it to the request's transaction, which the view commits, after a
refusal too (docs/threat-model.md).
"""

from typing import Any

from flask import has_request_context, request
from flask_login import current_user

from ..database import SAFE_METHODS, write_intent
from ..extensions import db
from .models import AccessEntry

# What an entry says was done; their words for the reader live in confidential/labels.py.
ACTIONS = (
    "registered", "view", "print", "export", "search_hit", "contact_shown", "identity_search",
    "message_written", "disclosure_requested", "disclosure_approved", "disclosure_refused",
    "referral_requested", "referral_approved", "referral_refused", "county_queue",
    "refused_attempt", "receipt_query", "receipt_miss", "receipt_malformed", "receipt_throttled",
    "role_requested", "role_approved", "role_refused", "user_created", "action",
)  # fmt: skip


def record(
    action: str,
    *,
    case_id: int | None = None,
    station_id: int | None = None,
    user_id: int | None = None,
    **detail: Any,
) -> None:
    """Log ``action``; the user and the address are the request's unless given."""
    record_each(action, [{"case_id": case_id, "station_id": station_id}], user_id, **detail)


def record_each(
    action: str, cases: list[dict[str, int | None]], user_id: int | None = None, **detail: Any
) -> None:
    """Log ``action`` once for each of ``cases`` (their case_id and station_id), in one
    statement: a search's hits on the reports of its page."""
    if action not in ACTIONS:
        raise ValueError(f"not an access-log action: {action}")
    if not cases:
        return
    if user_id is None and has_request_context() and current_user.is_authenticated:
        user_id = current_user.id
    default_station = None
    if has_request_context() and current_user.is_authenticated:
        default_station = current_user.station_id
    address = (request.remote_addr or "")[:45] if has_request_context() else ""
    rows = [
        {
            "action": action,
            "case_id": case["case_id"],
            "station_id": case["station_id"] if case["station_id"] is not None else default_station,
            "user_id": user_id,
            "address": address,
            "detail": detail,
        }
        for case in cases
    ]
    if not has_request_context() or request.method not in SAFE_METHODS or write_intent.get():
        db.session.add_all(AccessEntry(**values) for values in rows)
        return
    token = write_intent.set(True)
    try:
        with db.engine.begin() as conn:
            conn.execute(AccessEntry.__table__.insert(), rows)
    finally:
        write_intent.reset(token)
