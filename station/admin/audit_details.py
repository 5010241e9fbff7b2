"""The audit log's details in the reader's language.

An entry's ``detail`` holds data, not words: a JSON object that ``audit.record(data=...)``
wrote (``{"roles": ["clerk"]}``, ``{"attempts": 5, "ip": "10.0.0.7"}``), rendered here
when the page is shown. Entries written before that hold English text ("roles=clerk",
"5 wrong passwords from 10.0.0.7"); the forms the code wrote are read back into the
same data, and any other text is shown as it was stored.
"""

import json
import re
from collections.abc import Callable
from datetime import date

from ..calendar.forms import KIND_LABELS
from ..cases.labels import DEADLINE, IMPORTANCE, KIND, UNIT
from ..i18n import ROLE_LABELS, in_parens, join_list, show_date
from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..models import AuditLog
from ..rules import deadlines

CLI = "cli"  # the ip of an entry that the command line wrote
WHERE = {"password": _l("while changing the password")}
REASONS = {"unknown": _l("unknown or inactive account")}
WHY = {"defaults": _l("defaults restored")}


def show_ip(entry: AuditLog) -> str:
    return _("command line") if entry.ip == CLI else entry.ip


def show_target(entry: AuditLog) -> str:
    """What the entry concerns; a deadline policy's kind/importance in words, a day as dates
    are written."""
    kind, _slash, importance = entry.target.partition("/")
    if entry.action == "policy_changed" and kind in KIND and importance in IMPORTANCE:
        return f"{KIND[kind]}/{IMPORTANCE[importance]}"
    if entry.action.startswith("calendar_day"):
        return _iso_day(entry.target)
    return entry.target


def _iso_day(text: str) -> str:
    try:
        return show_date(date.fromisoformat(text))
    except ValueError:
        return text


def show_detail(entry: AuditLog) -> str:
    """The entry's detail for people, in the language of the page."""
    data = _data(entry.action, entry.detail or "")
    if data is None:
        return entry.detail or ""
    render = RENDER.get(entry.action)
    try:
        return render(data) if render else entry.detail
    except (KeyError, TypeError, ValueError, IndexError):  # data of a shape this code never wrote
        return entry.detail


def _data(action: str, detail: str) -> dict | None:
    if detail.startswith("{"):
        try:
            data = json.loads(detail)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None
    old = OLD_FORMS.get(action)
    return old(detail) if old and detail else None


def _roles(names: list[str]) -> str:
    return join_list(str(ROLE_LABELS.get(n, n)) for n in names) if names else _("none")


def _kind(data: dict | None) -> str:
    if not data:
        return _("none")
    kind = str(KIND_LABELS.get(data.get("kind", ""), data.get("kind", "")))
    return f"{kind} {data.get('name', '')}".strip()


def _day(data: dict) -> str:
    shown = _kind(data)
    if data.get("before"):
        shown += in_parens(_("was %(before)s", before=_kind(data["before"])))
    return shown


def _clocks(clocks: dict) -> str:
    parts = []
    for name in deadlines.CLOCK_NAMES:
        clock = clocks.get(name)
        label = str(DEADLINE.get(name, name))
        if clock:
            unit = UNIT.get(clock[1], clock[1])
            parts.append(_("%(clock)s %(n)d %(unit)s", clock=label, n=int(clock[0]), unit=unit))
        else:
            parts.append(_("%(clock)s off", clock=label))
    return join_list(parts)


def _policy(data: dict) -> str:
    shown = f"{_clocks(data['before'])} → {_clocks(data['after'])}"
    why = data.get("why")
    return shown + (in_parens(str(WHY.get(why, why))) if why else "")


def _login(data: dict) -> str:
    if "reason" in data:
        return str(REASONS.get(data["reason"], data["reason"]))
    return str(WHERE.get(data.get("where", ""), data.get("where", "")))


def _imported(data: dict) -> str:
    shown = _("Days imported: %(n)d", n=data["days"])
    if data.get("file"):
        shown += in_parens(data["file"])
    if data.get("others"):
        others = join_list(f"{_iso_day(d['day'])} {_day(d)}" for d in data["others"])
        shown += _("; also in other years: %(days)s", days=others)
    return shown


def _request(data: dict) -> str:
    """A role request: the roles to grant, or a new password for a holder of them."""
    if data["kind"] == "password":
        return _("New password (holds %(roles)s)", roles=_roles(data["roles"]))
    return _("Grant %(roles)s", roles=_roles(data["roles"]))


RENDER: dict[str, Callable[[dict], str]] = {
    "role_requested": _request,
    "role_approved": _request,
    "role_refused": _request,
    "user_created": lambda d: _("Roles: %(roles)s", roles=_roles(d["roles"])),
    "roles_changed": lambda d: f"{_roles(d['before'])} → {_roles(d['after'])}",
    "name_changed": lambda d: f"{d['before']} → {d['after']}",
    "topic_renamed": lambda d: f"{d['before']} → {d['after']}",
    "topic_moved": lambda d: _("to place %(n)d", n=int(d["position"]) + 1),
    "login_failed": _login,
    "login_refused_locked": _login,
    "lockout": lambda d: _("%(n)d wrong passwords from %(ip)s", n=d["attempts"], ip=d["ip"]),
    "address_locked": lambda d: _("%(n)d failed logins", n=d["attempts"]),
    "calendar_day_set": _day,
    "calendar_day_removed": _kind,
    "calendar_imported": _imported,
    "policy_changed": _policy,
    # 0006_confidential sealed the reports kept in plain text until then, lifting the
    # timeline's append-only trigger for that one transaction.
    "reports_sealed": lambda d: _(
        "%(n)d reports encrypted by the upgrade; the timeline was opened for it alone",
        n=d["reports"],
    ),
}


# ---- entries written before the details were data: the English text the code wrote ----


def _old_roles(text: str) -> list[str]:
    return [r for r in text.split(",") if r]


def _old_kind(text: str) -> dict | None:
    kind, _space, name = text.partition(" ")
    return {"kind": kind, "name": name} if kind in KIND_LABELS else None


def _old_day(text: str) -> dict | None:
    found = re.fullmatch(r"(.*?)(?: \(was (.*)\))?", text)
    day = _old_kind(found.group(1))
    if day is None:
        return None
    return day | ({"before": _old_kind(found.group(2))} if found.group(2) else {})


def _old_imported(text: str) -> dict | None:
    found = re.fullmatch(r"(\d+) days ?([^;]*)(?:; also in other years: (.*))?", text)
    if not found:
        return None
    others = []
    for item in (found.group(3) or "").split("; ") if found.group(3) else []:
        day, _space, rest = item.partition(" ")
        parsed = _old_day(rest)
        if parsed is None:
            return None
        others.append({"day": day} | parsed)
    return {"days": int(found.group(1)), "file": found.group(2), "others": others}


def _old_clocks(text: str) -> dict | None:
    clocks: dict = {}
    for part in text.split(", "):
        bits = part.split(" ")
        if bits[0] not in deadlines.CLOCK_NAMES:
            return None
        clocks[bits[0]] = None if bits[1:] == ["off"] else [int(bits[1]), bits[2]]
    return clocks


def _old_policy(text: str) -> dict | None:
    found = re.fullmatch(r"(.*?) → (.*?)(?: \((.*)\))?", text)
    if not found:
        return None
    before, after = _old_clocks(found.group(1)), _old_clocks(found.group(2))
    if before is None or after is None:
        return None
    why = {"defaults restored": "defaults"}.get(found.group(3) or "", found.group(3) or "")
    return {"before": before, "after": after, "why": why}


def _old_pattern(pattern: str, build: Callable[..., dict]) -> Callable[[str], dict | None]:
    def read(text: str) -> dict | None:
        found = re.fullmatch(pattern, text)
        return build(*found.groups()) if found else None

    return read


def _old_login(text: str) -> dict | None:
    return {"unknown or inactive": {"reason": "unknown"}, "/password": {"where": "password"}}.get(
        text
    )


OLD_FORMS: dict[str, Callable[[str], dict | None]] = {
    "user_created": _old_pattern(r"roles=(.*)", lambda r: {"roles": _old_roles(r)}),
    "roles_changed": _old_pattern(
        r"(.*) -> (.*)", lambda a, b: {"before": _old_roles(a), "after": _old_roles(b)}
    ),
    "name_changed": _old_pattern(r"(.*) -> (.*)", lambda a, b: {"before": a, "after": b}),
    "topic_renamed": _old_pattern(r"(.*) → (.*)", lambda a, b: {"before": a, "after": b}),
    "topic_moved": _old_pattern(r"(\d+)", lambda n: {"position": int(n)}),
    "login_failed": _old_login,
    "login_refused_locked": _old_login,
    "lockout": _old_pattern(
        r"(\d+) wrong passwords from (.+)", lambda n, ip: {"attempts": int(n), "ip": ip}
    ),
    "address_locked": _old_pattern(r"(\d+) failed logins", lambda n: {"attempts": int(n)}),
    "calendar_day_set": _old_day,
    "calendar_day_removed": _old_kind,
    "calendar_imported": _old_imported,
    "policy_changed": _old_policy,
}
