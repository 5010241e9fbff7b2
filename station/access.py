"""The one permission mechanism: every view declares who may use it.

A view is either ``@public`` (the login page, the health check) or
``@roles_required(...)``. A view that declares nothing is refused to everyone,
and ``tests/access/test_access.py`` holds the table of who may use every route.
The check reads a ``Principal`` (roles, station, whether a person), not the
User model, so that a device signed in at the station (a reception kiosk, a
wall display) goes through the same rules; such a device reaches only views
declared with ``devices=True``.
Records are looked up through ``get_in_station_or_404`` so that a user of one
station never reaches another station's records, not even by guessing ids.
"""

from collections.abc import Callable, Set
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit, urlunsplit

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    request,
    session,
    url_for,
)
from flask_login import current_user, logout_user

from .extensions import db, login_manager
from .htmx import is_htmx
from .i18n import gettext as _
from .models import User
from .rules import roles as R

PUBLIC = "public"
ANY_ROLE = frozenset(R.ALL_ROLES)
F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M")

# Pages a user who must change the password may still reach.
_PASSWORD_CHANGE_ENDPOINTS = {"auth.change_password", "auth.logout", "static", "auth.health"}


class Principal(Protocol):
    """Whoever makes a request: a member of staff (a User) or a device of a station."""

    @property
    def roles(self) -> Set[str]: ...

    @property
    def station_id(self) -> int | None: ...


def is_person(principal: Principal) -> bool:
    """A device says ``is_person = False``; a User says nothing, since every user is one."""
    return bool(getattr(principal, "is_person", True))


def public(view: F) -> F:
    """Reachable without logging in."""
    view.access_rule = PUBLIC  # type: ignore[attr-defined]
    return view


def roles_required(
    *roles: str,
    installation_only: bool = False,
    devices: bool = False,
    county_level: bool = False,
    polled: bool = False,
) -> Callable[[F], F]:
    """Reachable by a logged-in user holding at least one of ``roles``.

    ``installation_only`` narrows it to users of the whole installation (no station),
    such as a county server's admin: a station's own admin is refused. ``devices``
    admits a device holding one of the roles too; without it only persons may.
    A station role held by a user of no station (the county-level inspector) counts only
    where ``county_level`` says so: everywhere else such a user has the county's pages.
    ``polled``: the page refreshes itself (htmx); such a refresh is not the user's activity,
    so that the idle logout still comes (station/auth/sessions.py).
    """
    unknown = R.unknown_roles(r for r in roles if r not in R.DEVICE_KINDS)
    if unknown or not roles:
        raise ValueError(f"roles_required needs known roles, got {roles!r}")

    def decorate(view: F) -> F:
        view.access_rule = frozenset(roles)  # type: ignore[attr-defined]
        view.installation_only = installation_only  # type: ignore[attr-defined]
        view.admits_devices = devices  # type: ignore[attr-defined]
        view.county_level = county_level  # type: ignore[attr-defined]
        view.polled = polled  # type: ignore[attr-defined]
        return view

    return decorate


def logged_in(view: F) -> F:
    """Reachable by any logged-in user, whatever the role."""
    return roles_required(*R.ALL_ROLES)(view)


def acting_user() -> User:
    """The logged-in user as the model object (not Flask-Login's proxy), to store or compare."""
    return current_user._get_current_object()


def access_rule(app: Flask, endpoint: str) -> str | frozenset[str] | None:
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def check_access() -> Any:
    """Run before every request: refuse what the view's rule does not allow."""
    if request.endpoint is None:
        return None  # no such page: the 404 handler answers
    rule = access_rule(current_app, request.endpoint)
    if rule is None:
        current_app.logger.error("View %s declares no access rule; refused", request.endpoint)
        abort(403)
    device = _device()
    if device is not None:
        return _check_device(device, rule)
    if rule == PUBLIC:
        return None
    if not current_user.is_authenticated:
        flash(login_manager.login_message)
        return _send_to(_login_url())
    view = current_app.view_functions[request.endpoint]
    ended = _session_ended(touch=not (getattr(view, "polled", False) and is_htmx()))
    if ended:
        logout_user()
        session.clear()
        if ended == "idle":
            flash(_("Your session ended after a period without activity. Please log in again."))
        else:
            flash(login_manager.login_message)
        return _send_to(_login_url())
    if current_user.must_change_password and request.endpoint not in _PASSWORD_CHANGE_ENDPOINTS:
        return _send_to(url_for("auth.change_password"))
    if not may_use(current_app, request.endpoint, current_user):
        abort(403)
    return None


def _device() -> Any:
    """The station device this browser was turned into, or None (station/devices/)."""
    if "devices" not in current_app.blueprints:
        return None
    from .devices import service  # here: the devices room imports this module

    return service.current_device()


def _check_device(device: Any, rule: str | frozenset[str]) -> Any:
    """A device's request: a public page, or a view that admits its kind; from any other
    page it is sent to its own (docs/domain.md "Who uses it": the kiosk reaches no staff
    page). A person's login in a device's browser does not count there: it is dropped."""
    from .devices import service

    if current_user.is_authenticated:
        logout_user()
        session.clear()
    if rule == PUBLIC or may_use(current_app, request.endpoint, device):
        return None
    return _send_to(service.home_url(device))


def may_use(app: Flask, endpoint: str, principal: Principal) -> bool:
    """Whether ``principal`` (signed in) may use the view: its roles, if asked no station,
    and for a device a view that admits devices."""
    view = app.view_functions.get(endpoint)
    rule = getattr(view, "access_rule", None)
    if rule is None:
        return False
    if rule == PUBLIC:
        return True
    if not is_person(principal) and not getattr(view, "admits_devices", False):
        return False
    if getattr(view, "installation_only", False) and principal.station_id is not None:
        return False
    held = set(principal.roles)
    if principal.station_id is None and not getattr(view, "county_level", False):
        held -= R.STATION_ROLES  # a station's pages need a station
    return bool(rule & held)


def _login_url() -> str:
    """The login page, then back to the page the user was on (for htmx: the whole page)."""
    target = request.full_path.rstrip("?")
    if is_htmx():
        page = urlsplit(request.headers.get("HX-Current-URL", ""))
        target = urlunsplit(("", "", page.path or "/", page.query, ""))
    return url_for("auth.login", next=target)


def _send_to(location: str) -> Response:
    """A redirect; htmx gets it as HX-Redirect, else it would swap a whole page into a part."""
    if not is_htmx():
        return redirect(location)
    response = current_app.response_class(status=204)
    response.headers["HX-Redirect"] = location
    return response


def _session_ended(*, touch: bool = True) -> str | None:
    """Why the server-side session is over (logged out elsewhere, idle, too old), or None."""
    from .auth import sessions  # here: the auth room's views import this module

    return sessions.check(acting_user(), touch=touch)


def get_in_station_or_404(model: type[M], ident: Any) -> M:
    """The record of the user's own station with this id, or 404."""
    record = db.session.get(model, ident)
    if record is None or not same_station(record):
        abort(404)
    return record


def same_station(record: Any) -> bool:
    return (
        current_user.station_id is not None
        and getattr(record, "station_id", None) == current_user.station_id
    )
