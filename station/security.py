"""Request-wide protections: the access check, login loading, security headers."""

from flask import Flask, Response, session

from .access import PUBLIC, check_access
from .auth import sessions
from .extensions import login_manager
from .i18n import lazy_gettext as _l
from .models import User

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = sessions.load_user(int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.session_protection = "strong"
    app.view_functions["static"].access_rule = PUBLIC  # type: ignore[attr-defined]
    app.before_request(_permanent_session)
    app.before_request(check_access)
    app.after_request(_security_headers)


def _permanent_session() -> None:
    # The cookie then expires, and the signed session is refused, after the idle timeout.
    session.permanent = True


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    response.vary.add("HX-Request")
    return response
