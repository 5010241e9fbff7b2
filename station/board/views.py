"""The overdue board, ``/board``: the station's board for its staff, the wall mode, the
county's counts, and the head's grant of the wall display.

Who sees what (docs/domain.md "The overdue board"):

- clerks, heads and inspectors: their station's open cases as rows, reports only as the
  confidentiality gate allows (``visible_cases``); a clerk counts the reports in the
  groups' figures and sees none of them (``gate.counted_unread``);
- ``?wall=1`` in a staff member's own browser, and always on the wall display (a device
  of kind ``wall``): large type, no navigation, nothing of the public (no subject, no
  person) and no report at all, not even in a count (``gate.without_reports``);
- county users: per station, how many open cases fall in each group; nothing else;
- admins alone: refused, like every page of case content.

The page refreshes itself (htmx, every BOARD_REFRESH_SECONDS) by asking the same URL, so
that the filters stay; that refresh is not the user's activity for the idle logout.

Every desk and the wall display ask again every few seconds while nothing changes, so the
part that refreshes is rendered once and kept until a write commits (station/changes.py),
for its viewer, URL, day and language: whose board it is decides what the gate shows.
"""

from collections.abc import Callable, Hashable
from datetime import timedelta

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import current_user, logout_user
from markupsafe import Markup

from .. import changes
from ..access import acting_user, roles_required
from ..auth import sessions
from ..cases.permissions import reads_confidential
from ..cases.queries import assignee_choices, visible_cases
from ..cases.table import is_fragment_request
from ..confidential import gate
from ..devices import service as devices
from ..duties import panel, registry
from ..extensions import db
from ..forms import EmptyForm
from ..i18n import gettext as _
from ..i18n import plain_vocabularies
from ..rules import roles as R
from ..rules import workdays
from ..rules.vocab import CONFIDENTIAL_KINDS, KINDS
from ..timeutil import local_today, station_tz, utcnow
from . import labels, service
from .forms import BoardFilterForm

bp = Blueprint("board", __name__, url_prefix="/board")

VIEWERS = (R.CLERK, R.HEAD, R.INSPECTOR, R.COUNTY)


def _common() -> dict:
    tz = station_tz()
    return {
        "tz": tz,
        "today": local_today(tz),
        "labels": plain_vocabularies(labels),
        "refresh": current_app.config["BOARD_REFRESH_SECONDS"],
    }


def _unconfirmed_years(today) -> list[int]:
    return workdays.needs_warning(today)


@bp.route("", methods=["GET"])
@roles_required(*VIEWERS, R.WALL, devices=True, polled=True)
def index() -> ResponseReturnValue:
    """The board for whoever asks: the wall display, a county user, a station's staff."""
    device = devices.current_device()
    if device is not None:  # the access check admitted only a wall display
        return _wall(device.station_id)
    wall = request.args.get("wall") == "1"
    if current_user.station_id is None:
        if wall:
            return _no_wall_here()
        return _county()
    if wall:
        return _wall(current_user.station_id)
    return _staff_board()


def _staff_board() -> ResponseReturnValue:
    values = _common()
    today, tz = values["today"], values["tz"]
    station_id = current_user.station_id
    form = BoardFilterForm(formdata=request.args)
    kinds = [k for k in KINDS if k not in CONFIDENTIAL_KINDS or reads_confidential(current_user)]
    form.set_choices(kinds=kinds, staff=assignee_choices(station_id))
    filters, problems = form.filters(current_user.id)

    def board() -> dict:
        counted_only = gate.counted_unread(service.station_cases(station_id), current_user)
        return {
            "board": service.build(visible_cases(), today, tz, filters=filters,
                                   counted_only=counted_only),
            "duties": panel.owed(today),
            "unconfirmed": _unconfirmed_years(today),
        }  # fmt: skip

    fragment = _kept("board/_board.html", values, board, ("user", current_user.id))
    if is_fragment_request():
        return fragment
    values.update(
        board_html=fragment,
        form=form,
        problems=problems,
        may_grant_wall=devices.may_grant(acting_user(), R.WALL),
        grant_form=EmptyForm(),
        wall=False,
    )
    return render_template("board/index.html", **values)


def _wall(station_id: int) -> ResponseReturnValue:
    """The wall mode: no report at all, nothing of the public, no navigation."""
    values = _common()
    today, tz = values["today"], values["tz"]

    def board() -> dict:
        query = gate.without_reports(service.station_cases(station_id))
        return {
            "board": service.build(query, today, tz),
            "duties": registry.items(station_id, today),
            "unconfirmed": _unconfirmed_years(today),
        }

    fragment = _kept("board/_wall.html", values, board, ("station", station_id))
    if is_fragment_request():
        return fragment
    return render_template("board/wall.html", board_html=fragment, wall=True, **values)


def _kept(template: str, values: dict, compute: Callable[[], dict], whose: Hashable) -> Markup:
    """``template`` rendered with ``values`` and what ``compute`` gives, or as it was for
    the same ``whose``, URL, day and language since the last write committed."""
    key = (template, whose, request.full_path, values["today"], values["tz"], str(get_locale()))
    return changes.remembered(key, lambda: Markup(render_template(template, **values, **compute())))


def _no_wall_here() -> ResponseReturnValue:
    """A county user asked for the wall mode, which shows one station's office."""
    message = _(
        "The wall mode shows one station's board on its office display; county users see "
        "every station's figures on the board itself."
    )
    return render_template("errors/error.html", title=_("Not allowed"), message=message), 403


def _county() -> ResponseReturnValue:
    values = _common()
    values["stations"] = service.county(current_user, values["today"], values["tz"])
    values["groups"] = service.GROUPS
    template = "board/_county.html" if is_fragment_request() else "board/county.html"
    return render_template(template, **values)


@bp.route("/wall", methods=["POST"])
@roles_required(R.HEAD)
def grant_wall() -> ResponseReturnValue:
    """Turn this browser into the office's wall display: a device grant (WALL_GRANT_DAYS,
    until the head ends it on /devices/); the head's session in this browser ends."""
    if not EmptyForm().validate_on_submit():
        flash(_("The form expired; please try again."), "error")
        return redirect(url_for("board.index"), code=303)
    user = acting_user()
    if not devices.may_grant(user, R.WALL):
        flash(_("Only the station's head may turn a browser into the wall display."), "error")
        return redirect(url_for("board.index"), code=303)
    days = current_app.config["WALL_GRANT_DAYS"]
    device, token = devices.grant(user, R.WALL, utcnow() + timedelta(days=days))
    sessions.end_current("wall")
    db.session.commit()
    logout_user()
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    response = redirect(url_for("board.index"), code=303)
    devices.set_cookie(response, token, device.expires_at)
    return response
