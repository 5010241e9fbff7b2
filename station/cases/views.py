"""The case register: the case page with its handling actions, and its print sheets.

The lists live in ``lists.py`` on this same blueprint. Each action is a small
form that posts with htmx to ``act`` and gets back the refreshed region of the
page (status, deadlines, actions, timeline); without htmx it redirects back.
"""

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from ..access import acting_user, roles_required
from ..extensions import db
from ..htmx import is_htmx
from ..rules import roles as R
from ..rules.workflow import IllegalMove, can
from ..timeutil import local_day, local_today, station_tz
from . import handling, labels, page, permissions, refusals
from .forms import FORMS, ActionForm
from .models import Case, CaseEvent, Transfer
from .queries import get_case_or_404
from .service import facts

bp = Blueprint("cases", __name__, url_prefix="/cases")


@bp.record_once
def _give_new_stations_defaults(state) -> None:
    from ..accounts import STATION_CREATED
    from ..policies.defaults import ensure_defaults

    if ensure_defaults not in STATION_CREATED:
        STATION_CREATED.append(ensure_defaults)


def _context(case: Case, *, forms: dict[str, ActionForm] | None = None, **extra: Any) -> dict:
    """Everything the case page and its region show."""
    tz = station_tz()
    offered = handling.offered(case, acting_user())
    built = {a: handling.build_form(a, case, tz) for a in offered}
    built.update({a: f for a, f in (forms or {}).items() if a in built})
    return {
        "case": case,
        "labels": labels,
        "deadlines": page.deadline_rows(case, local_today(tz), tz),
        "transfers": page.transfers(case),
        "extensions": page.extensions(case),
        "events": page.events(case),
        "event_details": page.event_details,
        "user_name": page.user_name,
        "forms": built,
        "today_iso": local_today(tz).isoformat(),
        **extra,
    }


def _render(case: Case, status: int = 200, **extra: Any) -> Response:
    """The region alone for htmx, else the whole page; always varying on HX-Request."""
    if is_htmx():
        body = render_template("cases/_region.html", oob=True, **_context(case, **extra))
    else:
        body = render_template(
            "cases/show.html",
            enclosures=page.enclosures(case),
            back_url=url_for(
                "cases.index" if "cases.index" in current_app.view_functions else "main.index"
            ),
            **_context(case, **extra),
        )
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response


def _refuse(case: Case, message: str, status: int) -> Response:
    """A refused action: nothing saved, the message shown where the user looks."""
    db.session.rollback()
    response = _render(case, status, notice={"category": "error", "text": message})
    # The region replaces itself even on an error status (static/app.js).
    response.headers["X-Swap-On-Error"] = "1"
    return response


@bp.route("/<ref>")
@roles_required(*R.STATION_ROLES)
def show(ref: str) -> ResponseReturnValue:
    """The case page: what was received, deadlines, transfers, extensions, actions, timeline."""
    return _render(get_case_or_404(ref))


@bp.route("/<ref>/act/<action>", methods=["POST"])
@roles_required(*R.STATION_ROLES)
def act(ref: str, action: str) -> ResponseReturnValue:
    """Take one handling action on the case; only legal moves by permitted users are saved."""
    case = get_case_or_404(ref)
    if action not in FORMS:
        abort(404)
    user = acting_user()
    if not permissions.may(user, action, case):
        return _refuse(case, refusals.not_permitted(user, action, case), 403)
    if not can(action, case.status, facts(case)):
        return _refuse(case, refusals.illegal(action, case), 409)
    form = handling.build_form(action, case, station_tz(), submitted=True)
    if not form.validate_on_submit():
        notice = {"category": "error", "text": _("Please correct the marked fields.")}
        return _render(case, forms={action: form}, notice=notice, open_action=action)
    try:
        outcome = handling.perform(action, case, form, user, station_tz())
    except IllegalMove:
        return _refuse(case, refusals.illegal(action, case), 409)
    except handling.ActionError as error:
        return _refuse(case, refusals.action_error(error), 409)
    db.session.commit()
    return _after(case, outcome)


def _after(case: Case, outcome: handling.Outcome) -> Response:
    if outcome.redirect_to:
        flash(outcome.message, "success")
        if is_htmx():
            response = make_response("", 200)
            response.headers["HX-Redirect"] = outcome.redirect_to
            return response
        return redirect(outcome.redirect_to, 303)
    if is_htmx():
        notice = {
            "category": "success",
            "text": outcome.message,
            "link": outcome.link,
            "link_label": outcome.link_label,
        }
        return _render(case, notice=notice)
    flash(outcome.message, "success")
    return redirect(url_for("cases.show", ref=case.ref), 303)


def _print(template: str, case: Case, **extra: Any) -> str:
    tz = station_tz()
    return render_template(
        template,
        case=case,
        labels=labels,
        station_name=page.station_name(case),
        today=local_today(tz),
        # A stored (UTC) moment's day at the station: the date a sheet is dated with.
        local_day=lambda moment: local_day(moment, tz),
        **extra,
    )


@bp.route("/<ref>/print")
@roles_required(*R.STATION_ROLES)
def print_file(ref: str) -> ResponseReturnValue:
    """The whole case file (案卷) on A4: every field, deadline, transfer, extension and event."""
    case = get_case_or_404(ref)
    tz = station_tz()
    return _print(
        "cases/print_file.html",
        case,
        deadlines=page.deadline_rows(case, local_today(tz), tz),
        transfers=page.transfers(case),
        extensions=page.extensions(case),
        enclosures=page.enclosures(case),
        events=page.events(case),
        event_details=page.event_details,
        user_name=page.user_name,
    )


@bp.route("/<ref>/transfers/<int:transfer_id>/slip")
@roles_required(*R.STATION_ROLES)
def transfer_slip(ref: str, transfer_id: int) -> ResponseReturnValue:
    """The transfer slip (转办单) that goes to the member unit with the case."""
    case = get_case_or_404(ref)
    item = db.session.get(Transfer, transfer_id)
    if item is None or item.case_id != case.id:
        abort(404)
    return _print("cases/print_slip.html", case, transfer=item)


@bp.route("/<ref>/reminders/<int:event_id>")
@roles_required(*R.STATION_ROLES)
def reminder(ref: str, event_id: int) -> ResponseReturnValue:
    """The reminder notice (催办通知书) of one reminder on the case's timeline."""
    case = get_case_or_404(ref)
    event = db.session.get(CaseEvent, event_id)
    if event is None or event.case_id != case.id or event.action != "remind":
        abort(404)
    assignee_id = (event.data or {}).get("assignee") or case.assignee_id
    return _print(
        "cases/print_reminder.html", case, event=event, assignee=page.user_name(assignee_id)
    )


@bp.route("/<ref>/reply-letter")
@roles_required(*R.STATION_ROLES)
def reply_letter(ref: str) -> ResponseReturnValue:
    """The reply letter (复信) of a case answered by letter."""
    case = get_case_or_404(ref)
    event = db.session.scalar(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "reply")
        .order_by(CaseEvent.id.desc())
    )
    if case.reply_method != "letter" or event is None:
        abort(404)
    return _print("cases/print_reply_letter.html", case, event=event)
