"""Admin pages: users, the audit log, stations. Every view is for administrators only."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from wtforms import SelectChoice

from .. import accounts
from .. import audit as audit_log
from ..access import acting_user, roles_required
from ..database import page_number
from ..extensions import db
from ..forms import EmptyForm
from ..i18n import ROLE_LABELS, join_list
from ..i18n import gettext as _
from ..models import Station, User
from ..rules import roles as R
from ..timeutil import utcnow
from . import approvals, audit_details, queries, service
from .forms import (
    NO_STATION,
    AuditFilterForm,
    EditUserForm,
    NewUserForm,
    StationForm,
    UserFilterForm,
    role_choices,
    station_choices,
)
from .models import PASSWORD, RoleRequest

bp = Blueprint("admin", __name__, url_prefix="/admin")
AUDIT_PER_PAGE = 50


def managed_user_or_404(user_id: int) -> User:
    """A user this admin manages; users of another station do not exist for them."""
    user = queries.managed_user(acting_user(), user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users")
@roles_required(R.ADMIN)
def users() -> ResponseReturnValue:
    """The accounts this admin manages, with their roles and state."""
    form = UserFilterForm(formdata=request.args)
    query = queries.managed_users(acting_user(), include_inactive=bool(form.inactive.data))
    return render_template(
        "admin/users.html",
        form=form,
        users=db.session.scalars(query).all(),
        now=utcnow(),
        is_locked=queries.is_locked,
        role_labels=ROLE_LABELS,
    )


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(R.ADMIN)
def new_user() -> ResponseReturnValue:
    """Create an account; its one-time password is shown once, on the answer to the POST."""
    admin = acting_user()
    form = NewUserForm()
    form.roles.choices = role_choices(service.grantable_roles(admin))
    if queries.is_installation_admin(admin):
        form.station.choices = station_choices(accounts.stations())
    else:
        del form.station
    if form.validate_on_submit():
        try:
            user, password, asked = _create(admin, form)
        except accounts.AccountError as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        else:
            db.session.commit()
            # Rendered, not redirected, so that the password is never stored in the session.
            return render_template(
                "admin/password.html",
                user=user,
                password=password,
                new=True,
                asked=asked,
                approvers=approvals.approvers(asked) if asked else [],
                describe=approvals.describe,
                nobody=approvals.NOBODY,
            )
    return render_template("admin/new_user.html", form=form)


def _create(admin: User, form: NewUserForm) -> tuple[User, str, RoleRequest | None]:
    if form.station is None:
        station = admin.station
    else:
        station = None
        if form.station.data != NO_STATION:
            station = db.session.get(Station, form.station.data)
    return service.create_user(
        admin,
        form.username.data,
        set(form.roles.data or []),
        name=form.name.data or "",
        station=station,
    )


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(R.ADMIN)
def user(user_id: int) -> ResponseReturnValue:
    """One account: name and roles, and the buttons for password, lock and deactivation."""
    admin = acting_user()
    user = managed_user_or_404(user_id)
    form = EditUserForm(obj=None if request.method == "POST" else user)
    offered = set(service.grantable_roles(admin)) | user.roles
    form.roles.choices = role_choices(tuple(r for r in R.ALL_ROLES if r in offered))
    if request.method == "GET":
        form.roles.data = sorted(user.roles)
    if form.validate_on_submit():
        try:
            changed, asked = service.change_user(
                admin, user, name=form.name.data or "", roles=set(form.roles.data or [])
            )
        except accounts.AccountError as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        else:
            db.session.commit()
            if asked:
                flash(_asked_message(asked), "success")
            else:
                flash(_("Saved.") if changed else _("Nothing was changed."), "success")
            return redirect(url_for("admin.user", user_id=user.id))
    pending = service.pending_requests(user)
    return render_template(
        "admin/user.html",
        user=user,
        form=form,
        locked=queries.is_locked(user, utcnow()),
        is_self=user.id == admin.id,
        pending=[(r, approvals.approvers(r)) for r in pending],
        describe=approvals.describe,
        nobody=approvals.NOBODY,
    )


def _asked_message(asked: RoleRequest) -> str:
    if asked.kind == PASSWORD:
        return _(
            "The new password waits for the approval of a head or inspector of the station; "
            "it is shown to them, not to you."
        )
    roles = join_list(ROLE_LABELS[r] for r in asked.roles)
    return _(
        "Saved. Granting %(roles)s waits for the approval of a head or inspector of the station.",
        roles=roles,
    )


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@roles_required(R.ADMIN)
def reset_password(user_id: int) -> ResponseReturnValue:
    """Give the user a new one-time password, shown once; it must be changed at login.

    For a head or inspector it becomes a request: the approver is shown the password."""
    user = managed_user_or_404(user_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("admin.user", user_id=user.id))
    if service.needs_approval_to_reset(user):
        asked = service.request_password_reset(acting_user(), user)
        db.session.commit()
        if asked:
            flash(_asked_message(asked), "success")
        else:
            name = user.username
            flash(_("A new password for %(name)s is already waiting for approval.", name=name))
        return redirect(url_for("admin.user", user_id=user.id))
    password = service.reset_password(user)
    db.session.commit()
    # Rendered, not redirected, so that the password is never stored in the session.
    return render_template("admin/password.html", user=user, password=password, new=False)


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
@roles_required(R.ADMIN)
def unlock(user_id: int) -> ResponseReturnValue:
    """Lift a lockout after too many wrong passwords."""
    user = managed_user_or_404(user_id)
    if EmptyForm().validate_on_submit():
        service.unlock(user)
        db.session.commit()
        flash(_("%(name)s can log in again.", name=user.username), "success")
    return redirect(url_for("admin.user", user_id=user.id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@roles_required(R.ADMIN)
def deactivate(user_id: int) -> ResponseReturnValue:
    """Close the account; it is kept, with its history, and can be reactivated."""
    user = managed_user_or_404(user_id)
    if EmptyForm().validate_on_submit():
        try:
            service.deactivate(acting_user(), user)
        except accounts.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("%(name)s has been deactivated.", name=user.username), "success")
    return redirect(url_for("admin.user", user_id=user.id))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@roles_required(R.ADMIN)
def reactivate(user_id: int) -> ResponseReturnValue:
    """Open a deactivated account again."""
    user = managed_user_or_404(user_id)
    if EmptyForm().validate_on_submit():
        service.reactivate(user)
        db.session.commit()
        flash(_("%(name)s has been reactivated.", name=user.username), "success")
    return redirect(url_for("admin.user", user_id=user.id))


@bp.route("/audit")
@roles_required(R.ADMIN)
def audit() -> ResponseReturnValue:
    """The audit log, newest first; read-only."""
    admin = acting_user()
    form = AuditFilterForm(formdata=request.args)
    actions = queries.audit_actions(admin)
    form.action.choices = [SelectChoice("", _("All actions"))] + [
        SelectChoice(a, audit_log.action_label(a)) for a in actions
    ]
    action = form.action.data if form.action.data in actions else ""
    username = (form.username.data or "").strip()[:100]
    query = queries.audit_page_query(admin, action=action, username=username)
    page = db.paginate(query, page=page_number(), per_page=AUDIT_PER_PAGE, error_out=False)
    if page.pages and page.page > page.pages:  # past the end: the last page, not "page 99 of 3"
        page = db.paginate(query, page=page.pages, per_page=AUDIT_PER_PAGE, error_out=False)
    args = {k: v for k, v in (("action", action), ("username", username)) if v}
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        args=args,
        action_label=audit_log.action_label,
        details=audit_details,
    )


@bp.route("/stations", methods=["GET", "POST"])
@roles_required(R.ADMIN, installation_only=True)
def stations() -> ResponseReturnValue:
    """The stations of this installation; only its own admin (no station) may add one."""
    form = StationForm()
    if form.validate_on_submit():
        try:
            station = accounts.add_station(form.name.data)
        except accounts.AccountError as exc:
            db.session.rollback()
            form.name.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Added the station %(name)s.", name=station.name), "success")
            return redirect(url_for("admin.stations"))
    return render_template("admin/stations.html", form=form, stations=accounts.stations())
