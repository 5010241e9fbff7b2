"""The confidentiality room's pages: the receipt-code status query; a report's identity
requests, contact, message for the reporter (the panel of its case page); the
inspectors' waiting requests and the access log."""

from typing import Any

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
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..access import acting_user, roles_required
from ..cases import labels as case_labels
from ..cases.models import Case
from ..cases.queries import get_case_or_404
from ..database import page_number
from ..extensions import db
from ..htmx import is_htmx
from ..i18n import show_datetime
from ..rules import roles as R
from ..timeutil import utcnow
from . import accesslog, county, disclosures, gate, labels, log, panel, receipts, referrals
from .forms import IdentitySearchForm, StatusForm
from .models import Disclosure, Referral

bp = Blueprint("confidential", __name__, url_prefix="/confidential")


@bp.route("/status", methods=["GET", "POST"])
@roles_required(*R.STATION_ROLES)
def status():
    """A reporter quotes a receipt code on the phone: any staff member learns the report's
    state, due date and the message for the reporter, and nothing else."""
    form = StatusForm()
    found, problem = None, None
    if form.validate_on_submit():
        try:
            case = receipts.query(form.code.data, current_user.id, gate.client_address(), utcnow())
        except receipts.Malformed:
            problem = _("A receipt code has 16 digits. Check the number and type it again.")
        except receipts.Throttled:
            problem = _(
                "Too many codes that were not found. Wait a quarter of an hour, then try again."
            )
        else:
            if case is None:
                problem = _("No report has this receipt code. Check the number with the reporter.")
            else:
                found = {
                    "status": case_labels.STATUS[case.status],
                    "due": case.extended_to or case.due_reply,
                    "message": gate.reporter_message(case.id),
                    "closed": case.closed_at is not None,
                }
        db.session.commit()  # the access-log entry of the query, whatever it found
        form.code.data = ""
    elif form.is_submitted():
        problem = form.code.errors[0] if form.code.errors else None
    return render_template("confidential/status.html", form=form, found=found, problem=problem)


# ---------------------------------------------------------------- a report's panel


def _report(ref: str) -> Case:
    """The report with this reference, opened through the gate; else 404 like any case."""
    case = get_case_or_404(ref)
    if not gate.is_report(case):
        abort(404)
    return case


def _refuse_if_excluded(ref: str, what: str) -> None:
    """A person reported gets the 404 of a report that does not exist; the attempt is
    logged all the same (the log of that report is never theirs to read)."""
    case = db.session.scalar(
        select(Case).where(Case.station_id == current_user.station_id, Case.ref == ref)
    )
    if case is not None and gate.is_report(case) and gate.is_excluded(current_user, case.id):
        log.record(
            "refused_attempt",
            case_id=case.id,
            station_id=case.station_id,
            what=what,
            why="excluded",
        )
        db.session.commit()
        abort(404)


def _panel_answer(
    case: Case,
    message: str,
    status: int = 200,
    forms: dict[str, Any] | None = None,
    contact: dict[str, str] | None = None,
) -> ResponseReturnValue:
    """The panel for htmx; without it the case page (done) or the panel alone (refused)."""
    db.session.commit()  # the access-log entries, after a refusal too
    notice = {"category": "error" if status >= 400 else "success", "text": message}
    built = panel.build(case, acting_user(), forms=forms, contact=contact)
    if not is_htmx() and status < 400 and contact is None:
        flash(message, "success")
        return redirect(url_for("cases.show", ref=case.ref), 303)
    template = "confidential/_report_panel.html" if is_htmx() else "confidential/panel_page.html"
    response = make_response(render_template(template, panel=built, notice=notice), status)
    response.vary.add("HX-Request")
    if status >= 400:
        response.headers["X-Swap-On-Error"] = "1"  # static/app.js: show the message
    return response


@bp.route("/reports/<ref>/disclosure", methods=["POST"])
@roles_required(R.HEAD)
def request_disclosure(ref: str) -> ResponseReturnValue:
    """A head asks to see who made the report; an inspector decides."""
    _refuse_if_excluded(ref, "disclosure_request")
    case = _report(ref)
    form = panel.request_form()
    form.validate()
    days = form.days.data if not form.days.errors else None
    try:
        disclosures.request(case, acting_user(), form.reason.data or "", days)
    except disclosures.Refused as refused:
        return _panel_answer(case, str(labels.REFUSED[refused.why]), 400, {"request": form})
    return _panel_answer(case, _("Your request was sent. An inspector will decide it."))


@bp.route("/reports/<ref>/disclosures/<int:disclosure_id>", methods=["POST"])
@roles_required(R.INSPECTOR)
def decide_disclosure(ref: str, disclosure_id: int) -> ResponseReturnValue:
    """An inspector approves or refuses a head's request, with a reason."""
    _refuse_if_excluded(ref, "disclosure_decision")
    case = _report(ref)
    disclosure = db.session.get(Disclosure, disclosure_id)
    if disclosure is None or disclosure.case_id != case.id:
        abort(404)
    form = panel.decide_form(disclosure_id)
    form.validate()
    if form.decision.data not in ("approve", "refuse"):
        # Neither button: nothing to decide (a form sent by hand), logged as the referral's is.
        disclosures.refuse(case, "no_decision", "disclosure_decision", disclosure=disclosure_id)
        return _panel_answer(case, _("Choose approve or refuse."), 400, {disclosure_id: form})
    approve = form.decision.data == "approve"
    try:
        disclosures.decide(case, disclosure, acting_user(), approve, form.reason.data or "")
    except disclosures.Refused as refused:
        status = _DECISION_STATUS.get(refused.why, 400)
        message = str(labels.REFUSED[refused.why])
        return _panel_answer(case, message, status, {disclosure_id: form})
    if approve:
        done = _("Approved. %(name)s sees who reported until %(date)s.", **_whom(disclosure))
    else:
        done = _("Refused. %(name)s sees your reason on the report's page.", **_whom(disclosure))
    return _panel_answer(case, done)


def _whom(disclosure: Disclosure) -> dict[str, str]:
    expires = disclosure.expires_at
    return {
        "name": disclosure.requested_by.display_name,
        "date": show_datetime(expires) if expires else "",
    }


@bp.route("/reports/<ref>/referral", methods=["POST"])
@roles_required(R.HEAD, R.INSPECTOR)
def request_referral(ref: str) -> ResponseReturnValue:
    """The head or inspector handling a report asks to refer it to the discipline commission."""
    _refuse_if_excluded(ref, "referral_request")
    case = _report(ref)
    form = panel.referral_form()
    form.validate()
    try:
        referrals.request(case, acting_user(), form.reason.data or "")
    except disclosures.Refused as refused:
        status = 409 if refused.why in ("already_referred", "referral_waiting") else 400
        return _panel_answer(case, str(labels.REFUSED[refused.why]), status, {"refer": form})
    return _panel_answer(case, _("Your request was sent. It waits for approval."))


@bp.route("/reports/<ref>/referrals/<int:referral_id>", methods=["POST"])
@roles_required(R.HEAD, R.INSPECTOR)
def decide_referral(ref: str, referral_id: int) -> ResponseReturnValue:
    """The station's head approves or refuses a referral, with a reason."""
    _refuse_if_excluded(ref, "referral_decision")
    case = _report(ref)
    referral = db.session.get(Referral, referral_id)
    if referral is None or referral.case_id != case.id:
        abort(404)
    form = panel.referral_decide_form(referral_id)
    form.validate()
    forms: dict[Any, Any] = {("refer", referral_id): form}
    if form.decision.data not in ("approve", "refuse"):
        disclosures.refuse(case, "no_decision", "referral_decision", referral=referral_id)
        return _panel_answer(case, _("Choose approve or refuse."), 400, forms)
    approve = form.decision.data == "approve"
    try:
        referrals.decide(case, referral, acting_user(), approve, form.reason.data or "")
    except disclosures.Refused as refused:
        status = _DECISION_STATUS.get(refused.why, 400)
        return _panel_answer(case, str(labels.REFUSED[refused.why]), status, forms)
    if approve:
        return _panel_answer(
            case, _("Approved: the report is referred to the discipline commission.")
        )
    return _panel_answer(case, _("Refused. The requester sees your reason on the report's page."))


# A refused decision: whoever may not decide gets 403, a request already decided 409.
_DECISION_STATUS = {"own_referral": 403, "own_request": 403, "not_inspector": 403,
                    "not_approver": 403, "excluded": 403, "decided": 409}  # fmt: skip


@bp.route("/reports/<ref>/contact", methods=["POST"])
@roles_required(R.HEAD, R.INSPECTOR)
def contact(ref: str) -> ResponseReturnValue:
    """The reporter's phone and address in full, for the reply or the follow-up call;
    each showing is logged. The name and ID number stay masked."""
    case = _report(ref)
    shown = gate.contact(case)
    db.session.commit()  # the log of the showing
    if is_htmx():
        return render_template("confidential/_contact.html", contact=shown)
    built = panel.build(case, acting_user(), contact=shown)
    return render_template("confidential/panel_page.html", panel=built, notice=None)


@bp.route("/reports/<ref>/message", methods=["POST"])
@roles_required(R.HEAD, R.INSPECTOR)
def write_message(ref: str) -> ResponseReturnValue:
    """The message that whoever quotes the report's receipt code hears."""
    case = _report(ref)
    form = panel.message_form()
    if not form.validate():
        log.record(
            "refused_attempt",
            case_id=case.id,
            station_id=case.station_id,
            what="message",
            why="no_text" if not (form.text.data or "").strip() else "too_long",
        )
        return _panel_answer(case, _("Please correct the marked fields."), 400, {"message": form})
    gate.set_reporter_message(case, form.text.data)
    return _panel_answer(case, _("The message for the reporter was saved."))


# ---------------------------------------------------------------- the inspectors' pages


@bp.route("/disclosures")
@roles_required(R.INSPECTOR)
def disclosure_list() -> ResponseReturnValue:
    """The station's requests waiting for an inspector. Only their reference, requester and
    date: the reason is read on the report's own page, which the gate opens."""
    rows = disclosures.pending_for(acting_user())
    return render_template("confidential/disclosures.html", rows=rows, me=acting_user())


@bp.route("/log")
@roles_required(R.INSPECTOR)
def access_log() -> ResponseReturnValue:
    """The access log of the station's reports, newest first."""
    return _log_page(accesslog.entries(acting_user()), None, "confidential.access_log", {})


@bp.route("/reports/<ref>/log")
@roles_required(R.INSPECTOR)
def report_log(ref: str) -> ResponseReturnValue:
    """The access log of one report. The report is not opened: the page holds no words."""
    case = db.session.scalar(
        select(Case).where(Case.station_id == current_user.station_id, Case.ref == ref)
    )
    if case is None or not gate.is_report(case) or not gate.may_open(current_user, case):
        abort(404)
    query = accesslog.entries(acting_user(), case_id=case.id)
    return _log_page(query, case, "confidential.report_log", {"ref": case.ref})


def _log_page(query: Any, case: Case | None, endpoint: str, args: dict) -> ResponseReturnValue:
    page = db.paginate(query, page=page_number(), per_page=accesslog.PER_PAGE, error_out=False)
    return render_template(
        "confidential/log.html",
        page=page,
        case=case,
        refs=accesslog.refs(page.items),
        endpoint=endpoint,
        args=args,
        action_label=labels.action_label,
        detail=accesslog.detail,
    )


# ---------------------------------------------------------------- the identity search


@bp.route("/identity", methods=["GET", "POST"])
@roles_required(R.INSPECTOR)
def identity_search() -> ResponseReturnValue:
    """The inspector's search for a reporter by a whole phone or ID number: the only search
    that finds one, so that the mask and a search for four digits cannot confirm a suspect.
    The number searched is never logged, only how many reports it found."""
    form = IdentitySearchForm()
    if not form.is_submitted():
        return render_template("confidential/identity.html", form=form, rows=None)
    if not form.validate():
        log.record("refused_attempt", what="identity_search", why="no_number")
        db.session.commit()
        return render_template("confidential/identity.html", form=form, rows=None), 400
    rows = county.identity_hits(acting_user(), form.number.data)
    log.record("identity_search", hits=len(rows))
    gate.log_search_hits(rows)
    db.session.commit()
    form.number.data = ""  # not left on a shared PC's screen
    return render_template("confidential/identity.html", form=form, rows=rows)


# ---------------------------------------------------------------- the county-level inspector


def _county_inspector() -> None:
    """The county pages are the county-level inspector's: a station's inspector is not one."""
    if not gate.is_county_inspector(current_user):
        abort(403)


@bp.route("/county")
@roles_required(R.INSPECTOR, county_level=True)
def county_queue() -> ResponseReturnValue:
    """Across the stations, the waiting requests on reports naming their head: the station,
    the reference, the state, who asked and when. No words: the reason is read on opening."""
    _county_inspector()
    rows = county.queue(acting_user())
    log.record("county_queue", requests=len(rows))
    return render_template("confidential/county.html", rows=rows)


@bp.route("/county/<kind>/<int:item_id>", methods=["GET", "POST"])
@roles_required(R.INSPECTOR, county_level=True)
def county_request(kind: str, item_id: int) -> ResponseReturnValue:
    """One waiting request, its report opened through the gate to read the reason; a POST
    decides it (approve or refuse, with a reason)."""
    _county_inspector()
    if kind not in county.KINDS:
        abort(404)
    user = acting_user()
    item, case = county.find(kind, item_id)
    if item is None or not gate.may_open_as_county_inspector(user, case):
        if item is not None:
            log.record(
                "refused_attempt",
                case_id=case.id,
                station_id=case.station_id,
                what=f"county_{kind}",
                why="not_head_excluded",
            )
            db.session.commit()
        abort(404)
    gate.open_report(case, user, "view" if not form_posted() else "action")
    form = (
        panel.decide_form(item_id) if kind == "disclosure" else panel.referral_decide_form(item_id)
    )
    if not form_posted():
        return _county_page(kind, item, case, form, None)
    form.validate()
    if form.decision.data not in ("approve", "refuse"):
        log.record("refused_attempt", case_id=case.id, station_id=case.station_id,
                   what=f"county_{kind}", why="no_decision")  # fmt: skip
        return _county_page(kind, item, case, form, _("Choose approve or refuse."), 400)
    decide = disclosures.decide if kind == "disclosure" else referrals.decide
    try:
        decide(case, item, user, form.decision.data == "approve", form.reason.data or "")
    except disclosures.Refused as refused:
        status = _DECISION_STATUS.get(refused.why, 400)
        return _county_page(kind, item, case, form, str(labels.REFUSED[refused.why]), status)
    db.session.commit()
    flash(_("Decided: %(ref)s.", ref=case.ref), "success")
    return redirect(url_for("confidential.county_queue"), 303)


def form_posted() -> bool:
    return request.method == "POST"


def _county_page(
    kind: str, item: Any, case: Case, form: Any, problem: str | None, status: int = 200
) -> ResponseReturnValue:
    db.session.commit()  # the access-log entries, after a refusal too
    return (
        render_template(
            "confidential/county_request.html",
            kind=kind,
            item=item,
            case=case,
            station=county.station_name(case.station_id),
            status_label=case_labels.STATUS[case.status],
            form=form,
            problem=problem,
        ),
        status,
    )
