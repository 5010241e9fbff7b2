"""Reception day's staff pages: the overview, the hall notice, the host schedule and the
setting, the day's queue and each visitor's outcome. The kiosk is in ``kiosk.py``."""

import re
from datetime import date

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from ..access import acting_user, get_in_station_or_404, roles_required
from ..cases import labels
from ..confidential import gate
from ..devices import service as devices
from ..duties import registry
from ..extensions import db
from ..forms import EmptyForm
from ..htmx import is_htmx
from ..i18n import gettext as _
from ..rules import roles as R
from ..timeutil import utcnow
from . import service
from .forms import WEEKDAY_NAMES, HostForm, OutcomeForm, SettingForm
from .labels import OUTCOME_LABELS, PLACE_LABELS
from .models import ANSWERED, OUTCOMES, Visitor

bp = Blueprint("reception", __name__, url_prefix="/reception")

# Clerks run the kiosk and sign visitors in; heads do everything (docs/domain.md).
STAFF = (R.CLERK, R.HEAD)
COMING = 8  # reception days the overview and the host schedule show
ON_NOTICE = 4  # reception days the hall notice lists
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(value: str) -> date:
    """A day from the address (YYYY-MM-DD), else 404."""
    try:
        return date.fromisoformat(value) if _DAY.match(value) else abort(404)
    except ValueError:
        abort(404)


def _context(day: date) -> dict:
    station_id = current_user.station_id
    return {
        "day": day,
        "host": service.host_of(station_id, day),
        "visitors": service.visitors(station_id, day),
        "closed": service.closed(station_id, day),
        "is_reception_day": service.is_reception_day(station_id, day),
        "is_today": day == service.today(),
        "may_decide": service.may_decide(current_user, day),
        "may_see": lambda v: service.may_see(v, current_user),
        "may_open": lambda case: gate.may_open(current_user, case),
        "confidential_label": service.CONFIDENTIAL_LABEL,
        "outcome_labels": OUTCOME_LABELS,
        "place_labels": PLACE_LABELS,
        "now": utcnow(),
    }


@bp.route("/")
@roles_required(*STAFF)
def index():
    """The coming reception days and their hosts, today's queue, the kiosk, the past days."""
    station_id = current_user.station_id
    today = service.today()
    days = service.coming_days(station_id, today, COMING)
    setting = service.setting(station_id)
    form = SettingForm(weekday=setting.weekday, closes_at=setting.closes_at)
    return render_template(
        "reception/index.html",
        today=today,
        reception_today=service.is_reception_day(station_id, today),
        days=days,
        hosts=service.hosts(station_id, days),
        setting=setting,
        weekday_name=WEEKDAY_NAMES[setting.weekday],
        past=service.past_days(station_id, today),
        open_days=[
            d for d in service.open_days(station_id, today) if registry.is_late(d[0], today)
        ],
        setting_form=form,
        grant_form=EmptyForm(),
        kiosks=[d for d in devices.running(station_id) if d.kind == R.KIOSK],
    )


@bp.route("/notice")
@roles_required(*STAFF)
def notice():
    """The hall notice (P1 §5 在营业厅予以公布), to print on A4."""
    station = current_user.station
    days = service.coming_days(station.id, service.today(), ON_NOTICE)
    return render_template(
        "reception/notice.html",
        station=station,
        days=days,
        hosts=service.hosts(station.id, days),
        facts=service.notice_facts(station),
    )


@bp.route("/hosts", methods=["GET", "POST"])
@roles_required(R.HEAD)
def hosts():
    """The host schedule: the head names a host for each coming reception day (P3 第六条)."""
    station_id = current_user.station_id
    days = service.coming_days(station_id, service.today(), COMING)
    choices = service.host_choices(station_id)
    status = 200
    if request.method == "POST":
        form = HostForm()
        try:
            if not form.validate_on_submit():
                raise service.ReceptionError(_("Choose a reception day."))
            day = _parse_day(form.day.data)
            host = int(form.host.data) if (form.host.data or "").isdigit() else None
            service.name_host(station_id, day, host, acting_user())
        except service.ReceptionError as refused:
            db.session.rollback()
            flash(str(refused.message), "error")
            status = 400
        else:
            db.session.commit()
            flash(_("The host schedule is saved."), "success")
            return redirect(url_for("reception.hosts"), code=303)
    page = render_template(
        "reception/hosts.html",
        days=days,
        hosts=service.hosts(station_id, days),
        choices=choices,
        form=EmptyForm(),
    )
    return page, status


def _parse_day(value: str | None) -> date:
    try:
        if value and _DAY.match(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise service.ReceptionError(_("Choose a reception day."))


@bp.route("/settings", methods=["POST"])
@roles_required(R.HEAD)
def settings():
    """The station's reception weekday and closing time."""
    form = SettingForm()
    if not form.validate_on_submit():
        flash(_("Choose a weekday and a closing time."), "error")
        return redirect(url_for("reception.index"), code=303)
    try:
        service.save_setting(
            current_user.station_id, form.weekday.data, form.closes_at.data, acting_user()
        )
    except service.ReceptionError as refused:
        flash(str(refused.message), "error")
        return redirect(url_for("reception.index"), code=303)
    db.session.commit()
    flash(_("The reception day is saved."), "success")
    return redirect(url_for("reception.index"), code=303)


@bp.route("/<day>")
@roles_required(*STAFF)
def day(day: str):
    """A reception day: its queue (live while it runs), waiting times, outcomes, cases."""
    return render_template("reception/day.html", **_context(_day(day)))


@bp.route("/<day>/queue")
@roles_required(*STAFF)
def queue(day: str):
    """The queue alone, for htmx to poll."""
    response = make_response(render_template("reception/_queue.html", **_context(_day(day))))
    response.headers["Vary"] = "HX-Request"
    return response


def _visitor(day: str, visitor_id: int) -> tuple[date, Visitor]:
    return _day(day), get_in_station_or_404(Visitor, visitor_id)


def _decider(on: date) -> None:
    if not service.may_decide(current_user, on):
        abort(403)


@bp.route("/<day>/visitors/<int:visitor_id>")
@roles_required(*STAFF)
def visitor(day: str, visitor_id: int):
    """One visitor: call them in and record the outcome (the head's and the host's)."""
    on, found = _visitor(day, visitor_id)
    _decider(on)
    return _visitor_page(on, found, OutcomeForm(formdata=None))


def _visitor_page(on: date, found: Visitor, form: OutcomeForm, status: int = 200):
    page = render_template(
        "reception/visitor.html",
        visitor=found,
        form=form,
        other_day=found.day != on,
        kind_labels=labels.KIND,
        **_context(on),
    )
    return page, status


@bp.route("/<day>/visitors/<int:visitor_id>/call", methods=["POST"])
@roles_required(*STAFF)
def call_in(day: str, visitor_id: int):
    """The host calls the visitor in."""
    on, found = _visitor(day, visitor_id)
    _decider(on)
    if not EmptyForm().validate_on_submit():
        flash(_("The form expired; please try again."), "error")
    else:
        try:
            service.call_in(found, on)
        except service.ReceptionError as refused:
            flash(str(refused.message), "error")
            return redirect(url_for("reception.day", day=on.isoformat()), code=303)
        db.session.commit()
    return redirect(url_for("reception.visitor", day=on.isoformat(), visitor_id=found.id), code=303)


@bp.route("/<day>/visitors/<int:visitor_id>/outcome", methods=["POST"])
@roles_required(*STAFF)
def outcome(day: str, visitor_id: int):
    """Record the visitor's outcome; a clear message and nothing saved when it cannot be."""
    on, found = _visitor(day, visitor_id)
    _decider(on)
    form = OutcomeForm()
    try:
        if not form.validate_on_submit() or form.outcome.data not in OUTCOMES:
            raise service.ReceptionError(_("Choose an outcome."))
        if form.outcome.data == ANSWERED:
            case = service.answer_on_spot(
                found, on, acting_user(), kind=form.kind.data, answer=form.answer.data or ""
            )
            message = _("Answered on the spot: case %(ref)s, closed.", ref=case.ref)
        else:
            service.record_outcome(
                found, on, form.outcome.data, form.note.data or "", acting_user()
            )
            message = _("The outcome is recorded.")
    except service.ReceptionError as refused:
        db.session.rollback()
        flash(str(refused.message), "error")
        return _visitor_page(on, found, form, 400)
    db.session.commit()
    flash(message, "success")
    target = url_for("reception.day", day=on.isoformat())
    if is_htmx():
        response = make_response("", 204)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, code=303)
