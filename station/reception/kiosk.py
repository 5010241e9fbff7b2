"""The kiosk at the door: one click turns a staff member's browser into it; visitors sign in;
a staff login turns it back. The same sign-in page serves a clerk at their desk.

Nothing of an earlier visitor may show to the next one (docs/domain.md "Station duties"):
every sign-in redirects to an empty form (POST-redirect-GET), pages are no-store, the
fields get a new random prefix on every page (signed into the form, so that the server
knows it again), autocomplete is off and static/reception.js empties the form when the
browser shows a page from its back-forward cache.
"""

import secrets

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..access import acting_user, roles_required
from ..auth import sessions
from ..auth.service import authenticate
from ..auth.throttle import Limits, client_address
from ..devices import service as devices
from ..extensions import db
from ..forms import EmptyForm
from ..i18n import gettext as _
from ..rules import roles as R
from . import service
from .forms import LeaveKioskForm, SignInForm
from .views import STAFF, bp

NUMBER = "reception_number"  # the queue number to show once, after the redirect
KEY_AGE = 24 * 3600  # a sign-in page older than a day is sent again


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="reception-signin")


def _new_key() -> tuple[str, str]:
    key = secrets.token_hex(8)
    return key, _signer().dumps(key)


def _key_of(signed: str | None) -> str | None:
    try:
        key = _signer().loads(signed or "", max_age=KEY_AGE)
    except BadSignature:
        return None
    return key if isinstance(key, str) and len(key) == 16 else None


def _forms(key: str) -> tuple[SignInForm, LeaveKioskForm]:
    """The page's forms, their fields named after the page's own key."""
    return SignInForm(prefix=f"v{key}"), LeaveKioskForm(prefix=f"s{key}")


def _station_id() -> int:
    device = devices.current_device()
    return device.station_id if device is not None else current_user.station_id


def _page(form: SignInForm, leave: LeaveKioskForm, signed: str, status: int = 200):
    device = devices.current_device()
    station_id = _station_id()
    return (
        render_template(
            "reception/signin.html",
            form=form,
            leave=leave,
            signed_key=signed,
            kiosk=device is not None,
            reception_today=service.is_reception_day(station_id, service.today()),
            number=session.pop(NUMBER, None) if request.method == "GET" else None,
            grant_form=EmptyForm(),
        ),
        status,
    )


@bp.route("/signin", methods=["GET", "POST"])
@roles_required(*STAFF, R.KIOSK, devices=True)
def signin():
    """The sign-in: the kiosk's whole page, or a clerk's desk form for a visitor who cannot
    use the tablet. After each sign-in an empty form and the queue number, once."""
    if request.method == "GET":
        key, signed = _new_key()
        return _page(*_forms(key), signed)
    key = _key_of(request.form.get("k"))
    if key is None:
        flash(_("This page had expired; please enter your details again."), "error")
        return redirect(url_for("reception.signin"), code=303)
    if service.signed_in_with(key):
        flash(_("You are signed in already."), "info")
        return redirect(url_for("reception.signin"), code=303)
    form, leave = _forms(key)
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            flash(_("This page had expired; please enter your details again."), "error")
            return redirect(url_for("reception.signin"), code=303)
        return _page(form, leave, request.form["k"], 400)
    device = devices.current_device()
    try:
        visitor = service.sign_in(
            _station_id(),
            name=form.name.data,
            phone=form.phone.data or "",
            matter=form.matter.data,
            headcount=form.headcount.data,
            form_key=key,
            device=device,
            user=None if device is not None else acting_user(),
        )
    except service.AlreadySignedIn as twice:
        db.session.rollback()
        flash(str(twice.message), "info")
        return redirect(url_for("reception.signin"), code=303)
    except service.ReceptionError as refused:
        db.session.rollback()
        flash(str(refused.message), "error")
        return _page(form, leave, request.form["k"], 400)
    db.session.commit()
    session[NUMBER] = visitor.number
    return redirect(url_for("reception.signin"), code=303)


@bp.route("/kiosk", methods=["POST"])
@roles_required(*R.STATION_ROLES)
def grant_kiosk():
    """Turn this browser into today's kiosk: a device grant until the day ends; the staff
    member's session in this browser ends."""
    back = url_for("reception.index") if current_user.has_role(*STAFF) else url_for("main.index")
    if not EmptyForm().validate_on_submit():
        flash(_("The form expired; please try again."), "error")
        return redirect(back, code=303)
    user = acting_user()
    if not devices.may_grant(user, R.KIOSK):
        flash(_("Only a clerk or the head may turn a browser into the kiosk."), "error")
        return redirect(back, code=303)
    today = service.today()
    if not service.is_reception_day(user.station_id, today):
        flash(_("Today is not a reception day: there is no kiosk to open."), "error")
        return redirect(back, code=303)
    device, token = devices.grant(user, R.KIOSK, service.end_of(today))
    sessions.end_current("kiosk")
    db.session.commit()
    logout_user()
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    flash(_("This browser is the reception kiosk until the end of the day."), "success")
    response = redirect(url_for("reception.signin"), code=303)
    devices.set_cookie(response, token, device.expires_at)
    return response


@bp.route("/kiosk/leave", methods=["POST"])
@roles_required(R.KIOSK, devices=True)
def leave_kiosk():
    """A clerk or head of the station logs in on the kiosk: the grant ends and the browser
    is theirs again."""
    device = devices.current_device()
    if device is None:  # the access check let a running device in; it cannot be gone
        abort(403)
    key = _key_of(request.form.get("k"))
    leave = LeaveKioskForm(prefix=f"s{key}") if key else None
    if leave is None or not leave.validate_on_submit():
        flash(_("Enter a staff username and password."), "error")
        return redirect(url_for("reception.signin"), code=303)
    limits = Limits.from_config()
    user = authenticate(
        leave.username.data, leave.password.data, ip=client_address(), limits=limits
    )
    if (
        user is None
        or not devices.may_grant(user, device.kind)
        or user.station_id != device.station_id
    ):
        flash(_("Only a clerk or the head of this station can end kiosk mode."), "error")
        return redirect(url_for("reception.signin"), code=303)
    devices.revoke(device, user, "left")
    session.clear()
    session.permanent = True
    login_user(user)
    sessions.start(user)
    db.session.commit()
    flash(_("Kiosk mode has ended."), "success")
    response = redirect(url_for("reception.index"), code=303)
    devices.clear_cookie(response)
    return response
