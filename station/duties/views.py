"""The duties page: every duty of the station, what each owes by today, and its own page."""

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from ..access import roles_required
from ..rules import roles as R
from ..timeutil import local_today, station_tz
from . import panel

bp = Blueprint("duties", __name__)


@bp.route("/duties/")
@roles_required(R.CLERK, R.HEAD, R.INSPECTOR)
def index() -> ResponseReturnValue:
    today = local_today(station_tz())
    return render_template("duties/index.html", sections=panel.sections(today), today=today)
