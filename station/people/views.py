"""Key persons at /people/: the list with each next visit due, a person's page (their
visits and cases together), recording a visit, and the head's visit interval.

Clerks and heads see the pages and record visits; only heads set the interval. A person
no longer followed keeps their page, for the history, with nothing due."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from wtforms import SelectChoice

from ..access import acting_user, get_in_station_or_404, may_use, roles_required
from ..cases import labels
from ..extensions import db
from ..i18n import gettext as _
from ..rules import roles as R
from ..timeutil import local_today, station_tz
from . import service, visits
from .forms import IntervalForm, VisitForm
from .models import KeyPerson

bp = Blueprint("people", __name__, url_prefix="/people")

STAFF = (R.CLERK, R.HEAD)


@bp.app_template_global()
def key_person_url(person: KeyPerson) -> str | None:
    """For the key-person marker: the person's page, where the user may open it."""
    if not may_use(current_app, "people.show", current_user):
        return None
    return url_for("people.show", person_id=person.id)


@bp.app_template_global()
def key_person_title(person: KeyPerson) -> str:
    """The person's name, or their number where none was given."""
    return person.name or _("Key person no. %(number)d", number=person.id)


@bp.route("/")
@roles_required(*STAFF)
def index() -> ResponseReturnValue:
    """The station's key persons, each with the day their next visit is due."""
    station_id = current_user.station_id
    return render_template(
        "people/index.html",
        rows=visits.with_due(station_id),
        cleared=visits.key_persons(station_id, active=False),
        today=local_today(station_tz()),
    )


def _visit_form(person: KeyPerson) -> VisitForm:
    form = VisitForm()
    form.visitor.choices = [SelectChoice("", "—")] + [
        SelectChoice(str(u.id), u.display_name) for u in visits.possible_visitors(person.station_id)
    ]
    return form


def _page(person: KeyPerson, visit_form: VisitForm, interval_form: IntervalForm, status=200):
    return (
        render_template(
            "people/show.html",
            person=person,
            due=visits.next_due(person),
            today=local_today(station_tz()),
            marked_on=visits.marked_on(person),
            visits=visits.visits(person),
            cases=service.cases_of(person),
            visit_form=visit_form,
            interval_form=interval_form,
            sets_interval=current_user.has_role(R.HEAD),
            satisfaction_labels=labels.SATISFACTION,
            kind_labels=labels.KIND,
            status_labels=labels.STATUS,
            failed=status != 200,
        ),
        status,
    )


@bp.route("/<int:person_id>")
@roles_required(*STAFF)
def show(person_id: int) -> ResponseReturnValue:
    """A key person: the next visit due, their visits and their cases."""
    person = get_in_station_or_404(KeyPerson, person_id)
    visit_form = _visit_form(person)
    visit_form.visited_on.data = local_today(station_tz())
    visit_form.visitor.data = str(current_user.id)
    interval_form = IntervalForm(visit_interval=person.visit_interval)
    return _page(person, visit_form, interval_form)


@bp.route("/<int:person_id>/visits", methods=["POST"])
@roles_required(*STAFF)
def record_visit(person_id: int) -> ResponseReturnValue:
    """Record a visit made to the person."""
    person = get_in_station_or_404(KeyPerson, person_id)
    form = _visit_form(person)
    interval_form = IntervalForm(formdata=None, visit_interval=person.visit_interval)
    if not form.validate_on_submit():
        return _page(person, form, interval_form, status=400)
    try:
        visits.record_visit(
            person,
            acting_user(),
            visited_on=form.visited_on.data,
            visitor_id=form.visitor_id(),
            said=(form.said.data or "").strip(),
            satisfaction=form.satisfaction.data or "",
        )
    except visits.Refused as refused:
        db.session.rollback()
        _show_errors(form, refused)
        return _page(person, form, interval_form, status=400)
    db.session.commit()
    flash(_("The visit was recorded."), "success")
    return redirect(url_for("people.show", person_id=person.id), code=303)


@bp.route("/<int:person_id>/interval", methods=["POST"])
@roles_required(R.HEAD)
def set_interval(person_id: int) -> ResponseReturnValue:
    """The head sets how many days may pass between two visits to the person."""
    person = get_in_station_or_404(KeyPerson, person_id)
    form = IntervalForm()
    visit_form = _visit_form(person)
    if form.validate_on_submit():
        try:
            visits.set_interval(person, form.visit_interval.data)
        except visits.Refused as refused:
            db.session.rollback()
            _show_errors(form, refused)
        else:
            db.session.commit()
            flash(_("The visit interval was saved."), "success")
            return redirect(url_for("people.show", person_id=person.id), code=303)
    return _page(person, visit_form, form, status=400)


def _show_errors(form, refused: visits.Refused) -> None:
    for name, message in refused.errors.items():
        form[name].errors = [*form[name].errors, message]
