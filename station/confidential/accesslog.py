"""Reading the access log (log.py writes it): for the station's inspectors, never with
an entry of a report the reader is excluded from (docs/domain.md "Confidentiality")."""

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, exists, select

from ..cases.models import Case
from ..extensions import db
from . import gate
from .models import AccessEntry, Exclusion

PER_PAGE = 50

# What a refused attempt tried, and why it was refused: the log's words for them.
WHAT = {
    "disclosure_request": _l("identity request"),
    "disclosure_decision": _l("decision on an identity request"),
    "message": _l("message for the reporter"),
}
WHY = {
    "no_reason": _l("no reason given"),
    "no_text": _l("no text"),
    "too_long": _l("too long"),
    "bad_days": _l("wrong number of days"),
    "own_request": _l("their own request"),
    "excluded": _l("a person reported"),
    "decided": _l("already decided"),
    "already_waiting": _l("already waiting"),
    "already_disclosed": _l("already approved"),
    "sees_already": _l("sees who reported already"),
    "not_inspector": _l("not an inspector"),
}


def entries(user: Any, case_id: int | None = None) -> Select:
    """The entries of the user's station (of one report if ``case_id``), newest first."""
    mac = gate.user_mac(user.id)
    excluded = exists().where(Exclusion.case_id == AccessEntry.case_id, Exclusion.user_mac == mac)
    query = select(AccessEntry).where(AccessEntry.station_id == user.station_id, ~excluded)
    if case_id is not None:
        query = query.where(AccessEntry.case_id == case_id)
    return query.order_by(AccessEntry.at.desc(), AccessEntry.id.desc())


def refs(items: Iterable[AccessEntry]) -> dict[int, str]:
    """The reports' references of ``items``, by case id."""
    ids = {e.case_id for e in items if e.case_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(Case.id, Case.ref).where(Case.id.in_(ids))).all())


def detail(entry: AccessEntry) -> str:
    """A few words on the entry: whether the identity was shown, what was refused."""
    data = entry.detail or {}
    if entry.action == "refused_attempt":
        what = WHAT.get(data.get("what", ""), "")
        why = WHY.get(data.get("why", ""), "")
        return _join(what, why)
    if data.get("identity") and entry.action in ("view", "print", "action"):
        return str(_l("identity shown"))
    if entry.action == "disclosure_requested" and data.get("days"):
        return str(_l("for %(days)s days", days=data["days"]))
    return ""


def _join(what: Any, why: Any) -> str:
    if what and why:
        return str(_l("%(what)s: %(why)s", what=what, why=why))
    return str(what or why or "")
