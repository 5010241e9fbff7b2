"""Deadline policies and topics of a station: admins change them, heads may read the policies.

The station is the admin's own; an admin of the whole installation (no
station) picks one with ``?station=id``. Topics are never deleted, since
cases refer to them: they are deactivated and no longer offered at intake.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..access import roles_required
from ..accounts import stations
from ..cases import labels
from ..database import row_id
from ..extensions import db
from ..forms import EmptyForm
from ..i18n import gettext as _
from ..models import Station
from ..policies.models import Policy, Topic
from ..rules import roles as R
from . import service
from .defaults import ensure_defaults
from .forms import TOPIC_MAX, PolicyForm, RenameTopicForm, TopicForm

bp = Blueprint("policies", __name__, url_prefix="/admin")


def _chosen_station() -> Station | None:
    """The user's own station; for an installation admin, the one named by ``?station=``."""
    if current_user.station_id is not None:
        return current_user.station
    station_id = row_id(request.args.get("station"))
    return db.session.get(Station, station_id) if station_id else None


def _in_reach(record: Policy | Topic | None) -> Policy | Topic:
    """A record of the admin's station (any station for an installation admin), or 404."""
    if record is None:
        abort(404)
    if current_user.station_id is not None and record.station_id != current_user.station_id:
        abort(404)
    return record


def _pick_station(endpoint: str) -> str:
    return render_template("policies/pick_station.html", stations=stations(), endpoint=endpoint)


def _back(endpoint: str, station_id: int) -> ResponseReturnValue:
    """Back to a page; an installation admin's pages name the station."""
    station = None if current_user.station_id is not None else station_id
    return redirect(url_for(endpoint, station=station), code=303)


# ---------------------------------------------------------------- policies


@bp.route("/policies")
@roles_required(R.ADMIN, R.HEAD)
def index() -> ResponseReturnValue:
    """Every kind × importance with its clocks; admins edit a row or restore its defaults."""
    station = _chosen_station()
    if station is None:
        return _pick_station(".index")
    rows = service.station_policies(station.id)
    if len(rows) < len(labels.KIND) * len(labels.IMPORTANCE):
        ensure_defaults(station)  # a station made before the case register had none
        db.session.commit()
        rows = service.station_policies(station.id)
    return render_template(
        "policies/index.html",
        station=station,
        rows=rows,
        is_default=service.is_default,
        can_edit=current_user.has_role(R.ADMIN),
        installation=current_user.station_id is None,
        labels=labels,
        action_form=EmptyForm(),
    )


@bp.route("/policies/<int:policy_id>", methods=["GET", "POST"])
@roles_required(R.ADMIN)
def edit(policy_id: int) -> ResponseReturnValue:
    """One row's clocks: an amount and a unit each; the review clock may be off."""
    policy = _in_reach(db.session.get(Policy, policy_id))
    form = PolicyForm(prefix=f"p{policy.id}")
    if request.method == "GET":
        form.fill(policy)
    elif form.validate_on_submit():
        changed = service.change_policy(policy, form.clocks())
        db.session.commit()
        if changed:
            flash(_("Saved. The new deadlines apply to cases received from now on."), "success")
        else:
            flash(_("Nothing was changed."), "info")
        return _back("policies.index", policy.station_id)
    return render_template(
        "policies/edit.html",
        policy=policy,
        form=form,
        labels=labels,
        installation=current_user.station_id is None,
    ), (400 if form.errors else 200)


@bp.route("/policies/<int:policy_id>/defaults", methods=["POST"])
@roles_required(R.ADMIN)
def restore(policy_id: int) -> ResponseReturnValue:
    """Put the row's clocks back to the defaults (docs/domain.md "Deadlines")."""
    policy = _in_reach(db.session.get(Policy, policy_id))
    if EmptyForm().validate_on_submit():
        changed = service.restore_defaults(policy)
        db.session.commit()
        if changed:
            flash(_("Default deadlines restored for cases received from now on."), "success")
        else:
            flash(_("This row already has the default deadlines."), "info")
    return _back("policies.index", policy.station_id)


# ---------------------------------------------------------------- topics


@bp.route("/topics", methods=["GET", "POST"])
@roles_required(R.ADMIN)
def topics() -> ResponseReturnValue:
    """The station's topics in their order; the form adds one at the end."""
    station = _chosen_station()
    if station is None:
        return _pick_station(".topics")
    form = TopicForm()
    if form.validate_on_submit():
        try:
            topic = service.add_topic(station.id, form.name.data)
        except service.TopicError as exc:
            form.name.errors = [str(exc)]
        else:
            db.session.commit()
            flash(_("Topic “%(name)s” added.", name=topic.name), "success")
            return _back("policies.topics", station.id)
    return render_template(
        "policies/topics.html",
        station=station,
        topics=service.station_topics(station.id),
        counts=service.case_counts(station.id),
        form=form,
        rename_form=RenameTopicForm,
        installation=current_user.station_id is None,
        action_form=EmptyForm(),
    ), (400 if form.errors else 200)


@bp.route("/topics/<int:topic_id>/rename", methods=["POST"])
@roles_required(R.ADMIN)
def rename_topic(topic_id: int) -> ResponseReturnValue:
    """Give a topic a new name; its cases show the new one."""
    topic = _in_reach(db.session.get(Topic, topic_id))
    form = RenameTopicForm(prefix=f"t{topic.id}")
    if not form.validate_on_submit():
        flash(_("Enter the new name (at most %(max)d characters).", max=TOPIC_MAX), "error")
        return _back("policies.topics", topic.station_id)
    before = topic.name
    try:
        changed = service.rename_topic(topic, form.name.data)
    except service.TopicError as exc:
        flash(str(exc), "error")
        return _back("policies.topics", topic.station_id)
    db.session.commit()
    if changed:
        flash(_("“%(old)s” renamed to “%(new)s”.", old=before, new=topic.name), "success")
    return _back("policies.topics", topic.station_id)


@bp.route("/topics/<int:topic_id>/move/<any(up, down):direction>", methods=["POST"])
@roles_required(R.ADMIN)
def move_topic(topic_id: int, direction: str) -> ResponseReturnValue:
    """Move a topic one place up or down in the order intake offers them."""
    topic = _in_reach(db.session.get(Topic, topic_id))
    if EmptyForm().validate_on_submit() and service.move_topic(
        topic, -1 if direction == "up" else 1
    ):
        db.session.commit()
    return _back("policies.topics", topic.station_id)


@bp.route("/topics/<int:topic_id>/<any(activate, deactivate):change>", methods=["POST"])
@roles_required(R.ADMIN)
def toggle_topic(topic_id: int, change: str) -> ResponseReturnValue:
    """Deactivate (intake no longer offers it; its cases keep it) or reactivate a topic."""
    topic = _in_reach(db.session.get(Topic, topic_id))
    active = change == "activate"
    if EmptyForm().validate_on_submit() and service.set_topic_active(topic, active):
        db.session.commit()
        if active:
            flash(_("Topic “%(name)s” is offered again.", name=topic.name), "success")
        else:
            flash(
                _("Topic “%(name)s” is no longer offered; its cases keep it.", name=topic.name),
                "success",
            )
    return _back("policies.topics", topic.station_id)
