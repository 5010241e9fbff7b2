"""The reporting-line log's pages: the log, logging a call, a call and its disposition, and
the admin's line setting (not the calls)."""

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from ..access import acting_user, get_in_station_or_404, roles_required
from ..cases import labels
from ..confidential import gate
from ..database import page_number
from ..extensions import db
from ..i18n import gettext as _
from ..rules import roles as R
from ..timeutil import local_now, station_tz
from . import service
from .forms import CallForm, DispositionForm, LineForm
from .labels import DISPOSITION_LABELS
from .models import ANSWERED, DUPLICATE, WRONG, Call

bp = Blueprint("hotline", __name__, url_prefix="/hotline")

# Clerks and heads record calls and dispositions; inspectors read the log (docs/domain.md).
RECORDERS = (R.CLERK, R.HEAD)
READERS = (*RECORDERS, R.INSPECTOR)


def _may_record() -> bool:
    return current_user.has_role(*RECORDERS)


def _context() -> dict:
    return {
        "may_see": lambda call: service.may_see(call, current_user),
        "may_follow": lambda call: service.may_follow(call, current_user),
        "received": service.received_local,
        "confidential_label": service.CONFIDENTIAL_LABEL,
        "line_labels": labels.PHONE_LINE,
        "disposition_labels": DISPOSITION_LABELS,
        "may_record": _may_record(),
        "today": local_now(station_tz()).date(),
    }


def _new_call_form() -> CallForm:
    now = local_now(station_tz())
    form = CallForm(formdata=None)
    form.received_date.data = now.date()
    form.received_time.data = now.time().replace(second=0, microsecond=0)
    return form


def _calls_page():
    query = service.calls_query(current_user.station_id)
    page = db.paginate(query, page=page_number(), per_page=service.PER_PAGE, error_out=False)
    if page.pages and page.page > page.pages:  # past the end: the last page, not "page 9 of 3"
        page = db.paginate(query, page=page.pages, per_page=service.PER_PAGE, error_out=False)
    return page


def _index_page(form: CallForm, status: int = 200):
    calls = _calls_page()
    page = render_template(
        "hotline/index.html",
        calls=calls.items,
        page=calls,
        form=form,
        reporting_line=service.reporting_line(current_user.station_id),
        **_context(),
    )
    return page, status


@bp.route("/")
@roles_required(*READERS)
def index():
    """The log: every call, the latest first, with its disposition."""
    return _index_page(_new_call_form())


@bp.route("/calls", methods=["POST"])
@roles_required(*RECORDERS)
def log_call():
    """Log a call; a clear message and nothing saved when it cannot be."""
    form = CallForm()
    if not form.validate_on_submit():
        flash(_("The call is not logged: check the marked fields."), "error")
        return _index_page(form, 400)
    try:
        call = service.log_call(
            current_user.station_id,
            received_local=datetime.combine(form.received_date.data, form.received_time.data),
            line=form.line.data,
            number=form.number.data or "",
            anonymous=form.anonymous.data,
            name=form.name.data or "",
            words=form.words.data or "",
            taken_by=acting_user(),
        )
    except service.HotlineError as refused:
        db.session.rollback()
        flash(str(refused.message), "error")
        return _index_page(form, 400)
    db.session.commit()
    flash(_("The call is logged. Record its disposition."), "success")
    return redirect(url_for("hotline.call", call_id=call.id), code=303)


def _call_page(call: Call, form: DispositionForm, status: int = 200):
    page = render_template(
        "hotline/call.html", call=call, form=form, kind_labels=labels.KIND, **_context()
    )
    return page, status


@bp.route("/calls/<int:call_id>")
@roles_required(*READERS)
def call(call_id: int):
    """One call: what was said and, while it has none, its disposition."""
    return _call_page(get_in_station_or_404(Call, call_id), DispositionForm(formdata=None))


@bp.route("/calls/<int:call_id>/disposition", methods=["POST"])
@roles_required(*RECORDERS)
def dispose(call_id: int):
    """Record the call's disposition (became a case goes through the phone intake form)."""
    found = get_in_station_or_404(Call, call_id)
    form = DispositionForm()
    by = acting_user()
    try:
        chosen = form.disposition.data if form.validate_on_submit() else None
        if chosen == ANSWERED:
            case = service.answer_on_phone(
                found, by, kind=form.kind.data, answer=form.answer.data or ""
            )
            message = _("Answered on the phone: case %(ref)s, closed.", ref=case.ref)
        elif chosen == WRONG:
            service.wrong_number(found, by)
            message = _("The call is recorded as a wrong number or silent.")
        elif chosen == DUPLICATE:
            case = service.mark_duplicate(found, by, ref=form.ref.data or "")
            message = _("The call is linked to case %(ref)s.", ref=case.ref)
        else:
            raise service.HotlineError(_("Choose a disposition."))
    except service.HotlineError as refused:
        db.session.rollback()
        flash(str(refused.message), "error")
        return _call_page(found, form, 400)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("hotline.index"), code=303)


@bp.route("/line", methods=["GET", "POST"])
@roles_required(R.ADMIN)
def line():
    """The station's reporting-line number, which the hall notice prints (the admin's: the
    calls are not)."""
    admin = acting_user()
    if admin.station_id is None:
        return redirect(url_for("admin.stations"))
    form = LineForm()
    if form.validate_on_submit():
        number = (form.reporting_line.data or "").strip()
        if number == service.saved_reporting_line(admin.station_id):
            flash(_("Nothing was changed."), "info")
        else:
            service.save_reporting_line(admin.station_id, number, admin)
            db.session.commit()
            flash(_("The reporting line is saved."), "success")
        return redirect(url_for("hotline.line"), code=303)
    status = 400 if form.errors else 200
    if not form.is_submitted():
        form.reporting_line.data = service.saved_reporting_line(admin.station_id)
    return render_template("hotline/line.html", form=form), status


__all__ = ["bp", "gate"]
