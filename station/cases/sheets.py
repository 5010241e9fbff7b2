"""The case's print sheets: the case file, the transfer slip, the reminder notice and the
reply letter. Routes on the ``cases`` blueprint (``views.py`` owns the case page)."""

from typing import Any

from flask import abort, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from ..access import roles_required
from ..extensions import db
from ..i18n import plain_vocabularies
from ..rules import roles as R
from ..timeutil import local_day, local_today, station_tz
from . import labels, page
from .models import Case, CaseEvent, Transfer
from .queries import get_case_or_404
from .views import bp


def _print(template: str, case: Case, **extra: Any) -> str:
    tz = station_tz()
    return render_template(
        template,
        case=case,
        labels=plain_vocabularies(labels),
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
    case_transfers = page.transfers(case)
    return _print(
        "cases/print_file.html",
        case,
        deadlines=page.deadline_rows(case, local_today(tz), tz, case_transfers),
        transfers=case_transfers,
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
