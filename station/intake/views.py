"""Intake: registering a case per channel, its confirmation and receipt, repeat callers."""

from types import SimpleNamespace

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ..access import acting_user, roles_required
from ..cases import labels
from ..cases.models import Case
from ..cases.permissions import may
from ..cases.queries import get_case_or_404
from ..confidential import gate, receipts
from ..database import reads_only
from ..extensions import db
from ..i18n import gettext as _
from ..people import service as people
from ..policies.defaults import topics
from ..rules import roles as R
from ..rules.vocab import CHANNELS, KINDS, RECORD_ONLY_CHANNELS
from ..timeutil import local_now, local_today, utcnow
from . import service, sources
from .channels import FORMS, MAX_ENCLOSURES, EnclosureForm
from .forms import (
    ClearKeyPersonForm,
    IntakeForm,
    KeyPersonForm,
    error_items,
    set_defaults,
    topic_choices,
)

bp = Blueprint("intake", __name__)


@bp.app_template_global()
def key_person_markable(case: Case) -> bool:
    return people.markable(case)


@bp.app_template_global()
def key_person_for_case(case: Case):
    """For templates (the case page too): the active key person this case's person is.

    Asked once a request for the same person: the case page shows the mark and its
    form, two templates asking the same (a statement and 0.6 ms each)."""
    asked = g.setdefault("key_person_asked", {})
    key = (case.id, case.station_id, case.person_phone, case.person_id_number)
    if key not in asked:
        asked[key] = people.key_person_of_case(case)
    return asked[key]


def _tz() -> str:
    return current_app.config["STATION_TIMEZONE"]


def case_page(case: Case) -> str | None:
    """The case page's address, when the case page is there."""
    if "cases.show" in current_app.view_functions:
        return url_for("cases.show", ref=case.ref)
    return None


def case_url(case: Case) -> str:
    """The case page, else the intake confirmation."""
    return case_page(case) or url_for("intake.registered", ref=case.ref)


@bp.route("/cases/new", methods=["GET", "POST"])
@roles_required(*R.STATION_ROLES)
def new():
    """The intake form of a channel, or the channel picker when none (or no such) is given."""
    channel = request.args.get("channel", "")
    if channel not in CHANNELS or channel in RECORD_ONLY_CHANNELS:
        return render_template("intake/choose.html")
    origin = _origin(channel)
    form = _form(channel)
    if request.method == "GET":
        set_defaults(form, local_now(_tz()))
        if origin is not None:
            _fill(form, origin[0].prefill(origin[1]))
        form.intake_token.data = service.new_token()
        return _form_page(form, channel)
    # Every check at once: the spot answer's permission too, not only once the rest is right.
    if all([form.validate_on_submit(), _spot_answer_allowed(form)]):
        return _register(form, channel, origin)
    return _form_page(form, channel)


def _origin(channel: str):
    """The record the case comes from (``from=call:12``), or None; 404 when ``from`` names a
    record that is not this station's or already became a case."""
    value = request.args.get("from")
    if not value:
        return None
    parsed = sources.parse(value, channel)
    if parsed is None:
        abort(404)
    source, ident = parsed
    record = source.find(current_user.station_id, ident)
    if record is None:
        abort(404)
    return source, record


def _fill(form: IntakeForm, values: dict) -> None:
    for name, value in values.items():
        if name in form:
            form[name].data = value


def _form_page(form: IntakeForm, channel: str, **notice) -> str:
    """The form; after a POST with what was typed, its errors or a question about it."""
    errors = error_items(form)
    return render_template(
        "intake/new.html",
        form=form,
        channel=channel,
        channel_label=labels.CHANNEL[channel],
        origin=request.args.get("from") or None,
        failed=bool(errors or form.form_errors),
        errors=errors,
        duplicate=notice.get("duplicate"),
        sent_before=notice.get("sent_before"),
        case_url=case_url,
        may_open=lambda case: gate.may_open(current_user, case),
        **_earlier_context(form.person_phone.data, form.person_id_number.data),
    )


def _earlier_context(phone: str | None, id_number: str | None) -> dict:
    """What ``_earlier_cases.html`` shows for this phone or ID number."""
    return {
        "earlier": people.earlier_cases(phone, id_number),
        "key_person": people.key_person_for(current_user.station_id, phone, id_number),
        "case_link": case_page,
        "status_labels": labels.STATUS,
    }


def _form(channel: str) -> IntakeForm:
    form = FORMS[channel]()
    form.topic.choices = topic_choices(topics(current_user.station_id))
    service.offer_staff(form, service.station_staff(current_user.station_id))
    return form


def _spot_answer_allowed(form: IntakeForm) -> bool:
    """Answering on the spot is a desk action: not every role may take it for every kind."""
    if not service.wants_spot_answer(form) or form.kind.data not in KINDS:
        return True
    probe = SimpleNamespace(
        station_id=current_user.station_id, kind=form.kind.data, assignee_id=None
    )
    if may(current_user, "answer_on_spot", probe):
        return True
    form.answered_on_spot.errors = [_("You may not answer this kind of case on the spot.")]
    return False


def _register(form: IntakeForm, channel: str, origin=None):
    """Register the case, unless this form was registered before or repeats a case just
    registered: then the form again, with everything typed, says which case and asks."""
    station_id = current_user.station_id
    token = service.clean_token(form.intake_token.data)
    existing = service.case_with_token(station_id, token)
    if existing is not None:
        return _sent_before(form, channel, existing)
    if not request.form.get("register_anyway"):
        duplicate = service.likely_duplicate(form, utcnow())
        if duplicate is not None:
            return _form_page(form, channel, duplicate=duplicate)
    try:
        case = service.register(form, channel, acting_user(), _tz(), token)
        sources.after_register(case, acting_user(), origin)
        code = (
            receipts.issue(case) if gate.is_report(case) and receipts.wants_receipt(case) else None
        )
        db.session.commit()
    except IntegrityError:
        # The same form sent twice at once: the other request registered it.
        db.session.rollback()
        existing = service.case_with_token(station_id, token)
        if existing is None:
            raise
        return _sent_before(form, channel, existing)
    if gate.is_report(case):
        return _report_confirmation(case, code)
    flash(_("Case %(ref)s registered.", ref=case.ref), "success")
    return redirect(url_for("intake.registered", ref=case.ref), code=303)


def _report_confirmation(case: Case, code: str | None):
    """The one confirmation of a report, in the answer to the POST that registered it: its
    reference and receipt code, and the receipt to print. Nothing keeps the code: a reload
    finds the form already sent, and the clerk who took it cannot open the report again."""
    return render_template(
        "intake/reported.html",
        case=case,
        code=receipts.show_code(code) if code else None,
        station=current_user.station,
        issued_on=local_today(_tz()),
        case_url=case_page(case) if gate.may_open(current_user, case) else None,
    )


def _sent_before(form: IntakeForm, channel: str, existing: Case):
    """The same token again: the same form sent twice (its case once), or the form of a case
    brought back with Back and changed, which would be a new case: asked with a new token."""
    if gate.is_report(existing):
        # A report's words are sealed, so they are not compared: its one-time token says
        # enough, and its confirmation is not shown twice.
        flash(
            _(
                "This form was already sent; the report was registered once as %(ref)s.",
                ref=existing.ref,
            ),
            "info",
        )
        return redirect(url_for("intake.new"), code=303)
    if service.same_as(existing, form):
        flash(_("This form was already sent; the case was registered once."), "info")
        return redirect(url_for("intake.registered", ref=existing.ref), code=303)
    form.intake_token.data = service.new_token()
    return _form_page(form, channel, sent_before=existing)


@bp.route("/cases/<ref>/registered")
@roles_required(*R.STATION_ROLES)
def registered(ref: str):
    """The confirmation: the reference number and every deadline, at once."""
    case = get_case_or_404(ref)
    return render_template(
        "intake/registered.html",
        case=case,
        deadline_rows=service.deadline_rows(case, _tz()),
        deadline_labels=labels.DEADLINE,
        channel_label=labels.CHANNEL[case.channel],
        case_url=case_page(case),
    )


@bp.route("/cases/<ref>/receipt")
@roles_required(*R.STATION_ROLES)
def receipt(ref: str):
    """The acceptance receipt (受理回执) to print and hand to the person."""
    case = get_case_or_404(ref)
    return render_template(
        "intake/receipt.html",
        case=case,
        station=current_user.station,
        enclosures=service.enclosures_of(case),
        channel_label=labels.CHANNEL[case.channel],
        enclosure_labels=labels.ENCLOSURE,
        issued_on=local_today(_tz()),
        back_url=case_url(case),
    )


@bp.route("/cases/new/lookup", methods=["POST"])
@reads_only
@roles_required(*R.STATION_ROLES)
def lookup():
    """Earlier cases of this phone or ID number, and whether the person is a key person.

    POST so that the numbers stay out of the address bar and the browser's history on a
    shared desk PC; it writes nothing."""
    phone = request.form.get("phone") or request.form.get("person_phone")
    id_number = request.form.get("id_number") or request.form.get("person_id_number")
    response = make_response(
        render_template("intake/_earlier_cases.html", **_earlier_context(phone, id_number))
    )
    response.headers["Vary"] = "HX-Request"
    return response


@bp.route("/cases/new/enclosure-row")
@roles_required(*R.STATION_ROLES)
def enclosure_row():
    """One more empty row of a letter's enclosed items (htmx), and the button for the next."""
    index = min(max(request.args.get("index", 0, type=int), 0), MAX_ENCLOSURES)
    row = EnclosureForm(prefix=f"enclosures-{index}") if index < MAX_ENCLOSURES else None
    response = make_response(
        render_template(
            "intake/_enclosure_more.html", row=row, next_index=index + 1, max_rows=MAX_ENCLOSURES
        )
    )
    response.headers["Vary"] = "HX-Request"
    return response


@bp.route("/cases/<ref>/key-person", methods=["POST"])
@roles_required(R.HEAD)
def mark_key_person(ref: str):
    """Mark the case's person as a key person to follow closely (P5)."""
    case = get_case_or_404(ref)
    form = KeyPersonForm()
    if not form.validate_on_submit():
        flash(_("Give the reason for following this person closely."), "error")
        return redirect(case_url(case), code=303)
    try:
        people.mark(case, acting_user(), form.reason.data.strip())
    except people.NoIdentity:
        flash(_("This case has no phone or ID number to recognise the person by."), "error")
        return redirect(case_url(case), code=303)
    except people.ConfidentialCase:
        flash(_("A reporter is not marked as a key person: every clerk would see it."), "error")
        return redirect(case_url(case), code=303)
    db.session.commit()
    flash(_("The person is now followed as a key person."), "success")
    return redirect(case_url(case), code=303)


@bp.route("/cases/<ref>/key-person/clear", methods=["POST"])
@roles_required(R.HEAD)
def clear_key_person(ref: str):
    """The person is no longer followed closely."""
    case = get_case_or_404(ref)
    form = ClearKeyPersonForm()
    if not form.validate_on_submit():
        flash(_("The note is too long."), "error")
        return redirect(case_url(case), code=303)
    if people.clear(case, acting_user(), (form.reason.data or "").strip()):
        db.session.commit()
        flash(_("The person is no longer followed as a key person."), "success")
    else:
        flash(_("This person is not a key person."), "info")
    return redirect(case_url(case), code=303)
