"""Logging in and out, changing one's password, the language, the health check."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user
from sqlalchemy import text

from .. import audit
from ..access import acting_user, logged_in, public
from ..extensions import db
from ..forms import EmptyForm
from ..i18n import LANGUAGES
from ..i18n import gettext as _
from ..rules import roles as R
from . import sessions
from .forms import ChangePasswordForm, LanguageForm, LoginForm
from .service import authenticate, check_current_password
from .throttle import Limits, client_address

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str:
    """Where to go after logging in: only a path on this site, never another host."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return landing()


def landing() -> str:
    """The page a login leads to: the overdue board for a station's heads and clerks (their
    home page, docs/domain.md "The overdue board"), the home page for everyone else."""
    if (
        "board.index" in current_app.view_functions
        and current_user.is_authenticated
        and current_user.station_id is not None
        and current_user.has_role(R.HEAD, R.CLERK)
    ):
        return url_for("board.index")
    return url_for("main.index")


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> ResponseReturnValue:
    """The login page; the same answer whether the name, the password or the lock is wrong."""
    if _logged_in_here():
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(
            form.username.data, form.password.data, ip=client_address(), limits=Limits.from_config()
        )
        if user is not None:
            locale = session.get("locale")
            sessions.end_current("replaced")  # another user's session in this browser ends
            session.clear()  # a fresh session, so that nothing from before the login carries over
            if locale:
                session["locale"] = locale
            session.permanent = True  # clear() dropped it; the cookie expires with the idle timeout
            login_user(user)
            sessions.start(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
        flash(
            _(
                "Wrong username or password. After %(n)d wrong tries an account is locked "
                "for %(m)d minutes.",
                n=current_app.config["LOCKOUT_ATTEMPTS"],
                m=current_app.config["LOCKOUT_MINUTES"],
            ),
            "error",
        )
    return render_template(
        "auth/login.html",
        form=form,
        language_form=LanguageForm(
            locale=session.get("locale", current_app.config["BABEL_DEFAULT_LOCALE"])
        ),
    )


@bp.route("/logout", methods=["POST"])
@logged_in
def logout() -> ResponseReturnValue:
    """Log out (a POST, so that no link or image can do it)."""
    if EmptyForm().validate_on_submit():
        audit.record("logout", target=current_user.username)
        sessions.end_current("logout")  # this browser's only: the user's others go on
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("You have logged out."))
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@logged_in
def change_password() -> ResponseReturnValue:
    """Change one's own password; required after an admin has set it."""
    form = ChangePasswordForm()
    user = acting_user()
    limits = Limits.from_config()
    if form.validate_on_submit():
        if not check_current_password(user, form.current.data, ip=client_address(), limits=limits):
            form.current.errors.append(
                _(
                    "The current password is wrong. After %(n)d wrong tries an account is "
                    "locked for %(m)d minutes.",
                    n=limits.attempts,
                    m=limits.minutes,
                )
            )
        else:
            user.set_password(form.new.data, by_self=True)
            audit.record("password_changed", target=user.username)
            # Whoever else holds a session of this account is out; this browser stays, with
            # a new session, so that the user need not log in again after their own change.
            sessions.end_all(user, "password")
            sessions.start(user)
            db.session.commit()
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/language", methods=["POST"])
@public
def set_language() -> ResponseReturnValue:
    """Choose the language: for the account when logged in, else for this browser."""
    form = LanguageForm()
    if form.validate_on_submit() and form.locale.data in LANGUAGES:
        session["locale"] = form.locale.data
        if _logged_in_here():
            current_user.locale = form.locale.data
            db.session.commit()
    return redirect(safe_next(request.form.get("next")))


def _logged_in_here() -> bool:
    """Logged in with a session that still runs (a public page has no access check)."""
    return current_user.is_authenticated and sessions.check(acting_user()) is None


@bp.route("/health")
@public
def health() -> ResponseReturnValue:
    """For monitoring: answers ok when the database answers, and nothing more."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"
        current_app.logger.exception("Health check failed")
        return {"status": "unavailable"}, 503
    return {"status": "ok"}
