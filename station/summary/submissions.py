"""Submitting a month, on the summary blueprint (docs/domain.md "Submitting a month").

- ``/summary/<YYYY-MM>/submit``: the head's confirm step (GET: the figures that will be
  frozen, as the county sees them) and the submission (POST, with a reason from the second
  version on). Heads only; a month that has not ended is refused, nothing changed.
- ``/summary/<YYYY-MM>/versions/<n>``: a submitted version, rendered from its frozen data
  with the live page's template; ``….json``: the summary file (signing.py).
- ``/summary/key`` and ``/summary/key.pem``: the station's public key and its fingerprint,
  for the county to register.

Viewers of versions and the key: the station's clerks, head and inspectors. The summary
page lists the versions through ``summary_versions`` (templates/summary/_versions.html).
"""

import json
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..access import acting_user, roles_required
from ..cases import labels as case_labels
from ..duties import labels as duty_labels
from ..duties import registry
from ..extensions import db
from ..forms import EmptyForm
from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..rules import roles as R
from ..timeutil import local_today, station_tz
from . import data, keyring, months, service, signing, versions
from .models import SummaryVersion
from .views import VIEWERS, bp, first_month, page_figures, trend_figures

OUTCOMES = {
    "on_time": _l("on time"),
    "late": _l("late"),
    "open_late": _l("open, past due"),
    "open": _l("open, not yet due"),
}
PERSON_FIELDS = {
    "handled": _l("cases closed"),
    "on_time": _l("on time"),
    "late": _l("late"),
    "dissatisfied": _l("dissatisfied"),
    "reminders": _l("reminders received"),
}
LATE_FIELDS = {
    "assignee": _l("assignee"),
    "clock": _l("deadline"),
    "due": _l("due"),
    "days_late": _l("working days late"),
}


def _refused(code: int, message) -> ResponseReturnValue:
    title = _("The month was not submitted")
    return render_template("errors/error.html", code=code, title=title, message=message), code


def _month(text: str) -> months.Month | ResponseReturnValue:
    """The month to submit, or the page that says why not."""
    month = months.parse(text)
    if month is None:
        return _refused(400, _("A month is written as year and month, such as 2026-10."))
    today = local_today(station_tz())
    if month.first > today:
        return _refused(404, _("%(month)s has not begun yet.", month=month.key))
    if month.last >= today:
        return _refused(400, _("Only a month that has ended can be submitted."))
    first = service.first_received(current_user.station_id)
    if first is None or month.first < months.of(first).first:
        return _refused(404, _("The station has no case in %(month)s or before.", month=month.key))
    return month


def _page(month: months.Month, summary, **panel) -> str:
    return render_template(
        "summary/month.html",
        month=month,
        current=False,
        **page_figures(summary),
        **trend_figures(month, summary, first_month(current_user.station_id)),
        previous_url=None,
        next_url=None,
        **panel,
    )


@bp.route("/<string:month>/submit", methods=["GET"])
@roles_required(R.HEAD)
def confirm_submit(month: str) -> ResponseReturnValue:
    """The confirm step: the figures as they will be frozen, and the button."""
    parsed = _month(month)
    if not isinstance(parsed, months.Month):
        return parsed
    return _confirm(parsed, reason="", status=200)


def _confirm(month: months.Month, reason: str, status: int, error=None) -> ResponseReturnValue:
    tz = station_tz()
    dumped = versions.county_data(current_user.station_id, month, tz, local_today(tz))
    earlier = versions.versions(current_user.station_id, month.key)
    confirm = {
        "sha256": versions.fingerprint_of(dumped),
        "next_version": len(earlier) + 1,
        "reason": reason,
        "error": error,
        "form": EmptyForm(),
    }
    return _page(month, data.load(dumped), confirm=confirm), status


@bp.route("/<string:month>/submit", methods=["POST"])
@roles_required(R.HEAD)
def submit(month: str) -> ResponseReturnValue:
    parsed = _month(month)
    if not isinstance(parsed, months.Month):
        return parsed
    reason = request.form.get("reason", "")
    if not EmptyForm().validate_on_submit():
        return _confirm(parsed, reason, 400, _("The form has expired. Please submit it again."))
    tz = station_tz()
    try:
        row = versions.submit(
            current_user.station_id,
            parsed,
            tz,
            local_today(tz),
            acting_user(),
            reason=reason,
            seen_sha256=request.form.get("sha256", ""),
            instance=Path(current_app.instance_path),
        )
    except versions.Refused as refused:
        db.session.rollback()
        if refused.status == 500:
            return _refused(500, refused.message)
        return _confirm(parsed, reason, refused.status, refused.message)
    db.session.commit()
    flash(_("%(month)s was submitted as version %(n)d.", month=row.month, n=row.version), "success")
    return redirect(url_for("summary.month", month=row.month), code=303)


def _version_or_404(month: str, version: int) -> SummaryVersion:
    row = versions.get_version(current_user.station_id, month, version)
    if row is None:
        abort(404)
    return row


@bp.route("/<string:month>/versions/<int:version>", methods=["GET"])
@roles_required(*VIEWERS)
def version(month: str, version: int) -> ResponseReturnValue:
    """A submitted version as it was frozen, whatever the cases became since."""
    row = _version_or_404(month, version)
    summary = versions.frozen_summary(row)
    return _page(summary.month, summary, frozen=row)


@bp.route("/<string:month>/versions/<int:version>.json", methods=["GET"])
@roles_required(*VIEWERS)
def version_file(month: str, version: int) -> ResponseReturnValue:
    """The summary file of a version, to carry to the county."""
    row = _version_or_404(month, version)
    name = _("summary-%(month)s-v%(n)d.json", month=row.month, n=row.version)
    return send_file(
        BytesIO(versions.summary_file(row)),
        mimetype="application/json",
        as_attachment=True,
        download_name=name,
    )


@bp.route("/key", methods=["GET"])
@roles_required(*VIEWERS)
def key() -> ResponseReturnValue:
    """The station's public key: its fingerprint to read out, the PEM to download."""
    return render_template("summary/key.html", key=keyring.public_key(current_user.station_id))


@bp.route("/key.pem", methods=["GET"])
@roles_required(*VIEWERS)
def key_pem() -> ResponseReturnValue:
    known = keyring.public_key(current_user.station_id)
    if known is None:
        return render_template(
            "errors/error.html",
            code=404,
            title=_("No signing key yet"),
            message=_("The station's key is made when its head first submits a month."),
        ), 404
    pem = signing.public_pem(signing.public_from_raw(known.public_key))
    name = _("station-key-%(station)s.pem", station=current_user.station.name)
    return send_file(
        BytesIO(pem), mimetype="application/x-pem-file", as_attachment=True, download_name=name
    )


# ---------------------------------------------------------------- the summary page's panel


@dataclass
class Panel:
    rows: list[SummaryVersion] = field(default_factory=list)
    changes: dict[int, list[versions.Change]] = field(default_factory=dict)
    live_differs: list[versions.Change] = field(default_factory=list)
    submit_url: str | None = None  # for the head, once the month has ended


@bp.app_template_global()
def summary_versions(month: months.Month) -> Panel:
    """The month's submitted versions for the summary page, what changed between them and
    since the last one (the live figures as the county would receive them now)."""
    station_id = current_user.station_id
    tz = station_tz()
    today = local_today(tz)
    rows = versions.versions(station_id, month.key)
    panel = Panel(rows=rows, changes=versions.changes_between(rows))
    if rows:
        live = versions.county_data(station_id, month, tz, today)
        panel.live_differs = versions.changes(json.loads(rows[-1].data), live)
    if current_user.has_role(R.HEAD) and month.last < today:
        panel.submit_url = url_for("summary.confirm_submit", month=month.key)
    return panel


@bp.app_template_global()
def figure_label(key: tuple[str, ...]) -> str:
    """A figure's path in the data, in the user's language."""
    return _label(key) or " / ".join(key)


def _label(key: tuple[str, ...]) -> str | None:
    match key:
        case ("received", "by_channel_kind", channel, kind):
            return _(
                "Received, %(channel)s, %(kind)s",
                channel=case_labels.CHANNEL.get(channel, channel),
                kind=case_labels.KIND.get(kind, kind),
            )
        case ("received", "by_topic", topic):
            return _("Received, topic %(topic)s", topic=topic or _("No topic"))
        case ("received", "by_importance", importance):
            return _(
                "Received, %(importance)s",
                importance=case_labels.IMPORTANCE.get(importance, importance),
            )
        case ("received", "total"):
            return _("Received in the month, not counting reports")
        case ("received", "reports"):
            return _("Reports received")
        case ("deadlines", name, part, outcome):
            label = _(
                "%(deadline)s: %(outcome)s",
                deadline=case_labels.DEADLINE.get(name, name),
                outcome=OUTCOMES.get(outcome, outcome),
            )
            return label if part == "counts" else _("%(figure)s (extended)", figure=label)
        case ("follow_up", "by_satisfaction", answer):
            return _(
                "Follow-up calls: %(answer)s",
                answer=case_labels.SATISFACTION.get(answer, answer),
            )
        case ("follow_up", "appeals"):
            return _("Cases reopened as appeals")
        case ("follow_up", "repeats"):
            return _("Repeat complaints")
        case ("people", username, name):
            return _(
                "Per person, %(who)s: %(field)s",
                who=username,
                field=PERSON_FIELDS.get(name, name),
            )
        case ("duties", duty, name):
            return _(
                "%(duty)s: %(figure)s",
                duty=duty_labels.TITLE.get(duty, duty),
                figure=registry.figure_label(duty, name),
            )
        case ("still_open", "on"):
            return _("Still open on")
        case ("still_open", "count"):
            return _("Still open")
        case ("still_open", "late_unread"):
            return _("Late reports besides")
        case ("still_open", "late", ref, name):
            return _("Late case %(ref)s: %(field)s", ref=ref, field=LATE_FIELDS.get(name, name))
    return None


@bp.app_template_global()
def figure_value(key: tuple[str, ...], value) -> str:
    if value is None:
        return "—"
    if key[-1:] == ("clock",):
        return str(case_labels.DEADLINE.get(value, value))
    return str(value)
