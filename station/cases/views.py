"""The case register: the case page with its handling actions.

The lists live in ``lists.py`` and the print sheets in ``sheets.py`` on this same
blueprint. The page's first screen (the region) holds the state, the next deadline,
the person and the allowed actions as buttons. A button opens its action's form in
place: htmx fetches the region with that form open (``action_form``), and without
JavaScript the same URL is the whole page with it. The form posts to ``act`` and
gets back the refreshed region, the history out of band; without htmx it redirects.
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

from ..access import acting_user, roles_required
from ..confidential import gate
from ..extensions import db
from ..htmx import is_htmx
from ..i18n import gettext as _
from ..i18n import plain_vocabularies
from ..rules import roles as R
from ..rules.workflow import IllegalMove, can
from ..timeutil import local_today, station_tz
from . import handling, labels, page, refusals
from .forms import FORMS, OPENERS, ActionForm
from .models import Case
from .queries import get_case_or_404
from .service import facts

bp = Blueprint("cases", __name__, url_prefix="/cases")


@bp.record_once
def _give_new_stations_defaults(state) -> None:
    from ..accounts import STATION_CREATED
    from ..policies.defaults import ensure_defaults

    if ensure_defaults not in STATION_CREATED:
        STATION_CREATED.append(ensure_defaults)


def _context(
    case: Case, *, open_action: str | None = None, form: ActionForm | None = None, **extra: Any
) -> dict:
    """Everything the case page and its region show; ``open_action``'s form is open."""
    tz = station_tz()
    case_transfers, case_extensions = page.transfers(case), page.extensions(case)
    case_facts = facts(case, case_transfers, case_extensions)
    offered = handling.offered(case, acting_user(), case_facts)
    if open_action not in offered:
        open_action = form = None
    elif form is None:
        form = handling.build_form(open_action, case, tz)
    today = local_today(tz)
    rows = page.deadline_rows(case, today, tz, case_transfers)
    return {
        "case": case,
        "labels": plain_vocabularies(labels),
        "deadlines": rows,
        "next_deadline": page.next_deadline(rows),
        "review": page.review_note(case, rows, tz),
        "transfers": case_transfers,
        "extensions": case_extensions,
        "events": page.events(case),
        "event_details": page.event_details,
        "user_name": page.user_name,
        "offered": offered,
        "openers": OPENERS,
        "open_action": open_action,
        "form": form,
        "action": open_action,
        "today": today,
        "today_iso": today.isoformat(),
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


def _refusal(case: Case, action: str) -> Response | None:
    """Why this user may not take ``action`` on the case now, as the answer; None if they may."""
    user = acting_user()
    if not gate.may_act(user, action, case):
        return _refuse(case, refusals.not_permitted(user, action, case), 403)
    if not can(action, case.status, facts(case)):
        return _refuse(case, refusals.illegal(action, case), 409)
    return None


@bp.route("/<ref>")
@roles_required(*R.STATION_ROLES)
def show(ref: str) -> ResponseReturnValue:
    """The case page: state, next deadline, person and actions first; the rest below."""
    return _render(get_case_or_404(ref))


@bp.route("/<ref>/form/<action>")
@roles_required(*R.STATION_ROLES)
def action_form(ref: str, action: str) -> ResponseReturnValue:
    """The case page with one action's form open below the buttons (the region for htmx)."""
    case = get_case_or_404(ref)
    if action not in FORMS:
        abort(404)
    if not is_htmx() and _step_taken(case, action):
        # A reloaded or bookmarked form whose step is over: the case page, saying so.
        flash(refusals.illegal(action, case), "info")
        return redirect(url_for("cases.show", ref=case.ref), 303)
    return _refusal(case, action) or _render(case, open_action=action)


def _step_taken(case: Case, action: str) -> bool:
    """The user may take ``action``, but not in the case's state any more."""
    allowed = gate.may_act(acting_user(), action, case)
    return allowed and not can(action, case.status, facts(case))


@bp.route("/<ref>/act/<action>", methods=["POST"])
@roles_required(*R.STATION_ROLES)
def act(ref: str, action: str) -> ResponseReturnValue:
    """Take one handling action on the case; only legal moves by permitted users are saved."""
    case = get_case_or_404(ref)
    if action not in FORMS:
        abort(404)
    refused = _refusal(case, action)
    if refused:
        return refused
    form = handling.build_form(action, case, station_tz(), submitted=True)
    if not form.validate_on_submit():
        notice = {"category": "error", "text": _("Please correct the marked fields.")}
        return _render(case, form=form, notice=notice, open_action=action)
    try:
        outcome = handling.perform(action, case, form, acting_user(), station_tz())
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
        response = _render(case, notice=notice)
        # The address bar leaves the form's address (/form/close), which a reload would reopen.
        response.headers["HX-Replace-Url"] = url_for("cases.show", ref=case.ref)
        return response
    flash(outcome.message, "success")
    return redirect(url_for("cases.show", ref=case.ref), 303)
