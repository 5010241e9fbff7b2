"""The navigation bar: each entry names the roles that see it.

The link is only shown; the view's own access rule decides who may open it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request
from flask_login import current_user

from .access import is_person, may_use
from .i18n import lazy_gettext as _l
from .rules import roles as R


@dataclass(frozen=True)
class NavEntry:
    endpoint: str
    label: object
    roles: frozenset[str]
    prefix: str  # the path prefix that marks the entry as the current one
    also: tuple[str, ...] = ()  # further prefixes of pages the entry leads to
    # A further condition on the user, for entries that the roles alone do not decide.
    when: Callable[[Any], bool] | None = None
    # A number shown beside the label (hidden when 0): what waits for the user there.
    badge: Callable[[Any], int] | None = None


def installation_wide(user: Any) -> bool:
    """A user of the whole installation (no station), e.g. the county server's admin."""
    return user.station_id is None


def approvals_waiting(user: Any) -> int:
    from .admin.approvals import waiting_for  # here: the admin room imports its models

    return waiting_for(user)


NAV: list[NavEntry] = [
    NavEntry("main.index", _l("Home"), frozenset(R.ALL_ROLES), "/"),
    NavEntry("board.index", _l("Board"), frozenset({*R.STATION_ROLES, R.COUNTY}), "/board"),
    NavEntry("intake.new", _l("Register"), R.STATION_ROLES, "/cases/new"),
    NavEntry("cases.index", _l("Cases"), R.STATION_ROLES, "/cases/"),
    NavEntry("cases.mine", _l("My cases"), R.STATION_ROLES, "/cases/mine"),
    NavEntry(
        "summary.current",
        _l("Monthly summary"),
        frozenset({R.CLERK, R.HEAD, R.INSPECTOR}),
        "/summary/",
    ),
    NavEntry(
        "county.index",
        _l("Stations by month"),
        frozenset({R.COUNTY}),
        "/county/",
    ),
    NavEntry(
        "county.imports_page",
        _l("Summary files"),
        frozenset({R.COUNTY, R.ADMIN}),
        "/county/import",
        also=("/county/stations",),
        when=installation_wide,
    ),
    NavEntry(
        "duties.index",
        _l("Duties"),
        frozenset({R.CLERK, R.HEAD, R.INSPECTOR}),
        "/duties/",
        also=("/box/", "/hotline/", "/reception/", "/people/"),
    ),
    NavEntry(
        "approvals.index",
        _l("Approvals"),
        R.GATED_ROLES,
        "/approvals",
        badge=approvals_waiting,
    ),
    NavEntry(
        "confidential.disclosure_list",
        _l("Identity requests"),
        frozenset({R.INSPECTOR}),
        "/confidential/disclosures",
    ),
    NavEntry(
        "confidential.access_log", _l("Access log"), frozenset({R.INSPECTOR}), "/confidential/log"
    ),
    NavEntry(
        "confidential.identity_search",
        _l("Find a reporter"),
        frozenset({R.INSPECTOR}),
        "/confidential/identity",
    ),
    NavEntry(
        "confidential.county_queue",
        _l("Reports naming a head"),
        frozenset({R.INSPECTOR}),
        "/confidential/county",
        when=lambda user: user.station_id is None and R.is_county_inspector(user.roles),
    ),
    NavEntry("admin.users", _l("Users"), frozenset({R.ADMIN}), "/admin/users"),
    NavEntry("calendar.index", _l("Calendar"), frozenset({R.ADMIN}), "/admin/calendar"),
    NavEntry("policies.index", _l("Deadlines"), frozenset({R.ADMIN}), "/admin/policies"),
    NavEntry("policies.topics", _l("Topics"), frozenset({R.ADMIN}), "/admin/topics"),
    NavEntry("admin.audit", _l("Audit log"), frozenset({R.ADMIN}), "/admin/audit"),
    NavEntry(
        "admin.own_station",
        _l("Station settings"),
        frozenset({R.ADMIN}),
        "/admin/station",
        when=lambda user: not installation_wide(user),
    ),
    NavEntry(
        "admin.stations",
        _l("Stations"),
        frozenset({R.ADMIN}),
        "/admin/stations",
        when=installation_wide,
    ),
]


def visible_entries() -> list[tuple[NavEntry, bool]]:
    """The entries the current user may use, each with whether it is the current page."""
    # The user already loaded for this request, taken once from its proxy: every attribute
    # read through current_user is a lookup of its own, and the entries read it often.
    user = current_user._get_current_object()
    if not user.is_authenticated:
        return []
    entries = [
        e
        for e in _admitted(current_app._get_current_object(), user)
        if e.when is None or e.when(user)
    ]
    current = _current_entry(entries, request.path)
    return [(e, e is current) for e in entries]


def _admitted(app: Flask, user: Any) -> tuple[NavEntry, ...]:
    """The entries that the user's roles and the views' access rules admit.

    What ``has_role`` and ``may_use`` read of a user is its roles, whether it has a
    station and whether it is a person; the views' rules are fixed once the app is
    built. So the answer is kept per app for each such user, not judged again for every
    entry of every page (the entries' ``when`` still is, on the user itself)."""
    roles = frozenset(user.roles)
    key = (roles, user.station_id is None, is_person(user))
    kept = app.extensions.setdefault("station_nav", {})
    found = kept.get(key)
    if found is None:
        endpoints = app.view_functions
        found = tuple(
            e
            for e in NAV
            if e.endpoint in endpoints
            and user.has_role(*e.roles)
            and may_use(app, e.endpoint, user)
        )
        kept[key] = found
    return found


def _current_entry(entries: list[NavEntry], path: str) -> NavEntry | None:
    """The entry whose prefix matches the path longest (/cases/new is not /cases/)."""
    best, best_length = None, -1
    for entry in entries:
        for prefix in (entry.prefix, *entry.also):
            hit = path == prefix if prefix == "/" else path.startswith(prefix)
            if hit and len(prefix) > best_length:
                best, best_length = entry, len(prefix)
    return best


def init_app(app: Flask) -> None:
    @app.context_processor
    def inject_nav() -> dict[str, object]:
        return {"nav_entries": visible_entries}
