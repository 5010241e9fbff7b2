"""The home page: what needs the user's attention today."""

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..access import logged_in
from ..rules import roles as R
from ..timeutil import local_today, station_tz

bp = Blueprint("main", __name__)

# (template, roles): each feature adds the panel it shows on the home page. The head's
# lists come first: what waits for the head is the first screen of the head's day.
HOME_SECTIONS: list[tuple[str, frozenset[str]]] = [
    ("main/_admin_panel.html", frozenset({R.ADMIN})),
    ("cases/_home_head.html", frozenset({R.HEAD})),
    ("duties/_home.html", frozenset({R.HEAD, R.CLERK})),
    ("cases/_home_county.html", frozenset({R.COUNTY})),
    ("intake/_home.html", R.STATION_ROLES),
    ("cases/_home_mine.html", R.STATION_ROLES),
]


@bp.route("/")
@logged_in
def index() -> ResponseReturnValue:
    """The home page: one panel per feature the user's roles use."""
    sections = [t for t, roles in HOME_SECTIONS if current_user.has_role(*roles)]
    today = local_today(station_tz())
    return render_template("main/index.html", home_sections=sections, today=today)
