"""The search box: one field that finds cases by reference, name, phone or words."""

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from ..access import roles_required
from ..cases.table import render_table
from ..confidential.gate import log_search_hits
from ..rules import roles as R
from .finder import MAX_LENGTH, NothingToSearch, cases_matching

bp = Blueprint("search", __name__)


@bp.route("/search")
@roles_required(*R.STATION_ROLES)
def index():
    """The cases the user may see that match ``q``, newest first, paged."""
    q = request.args.get("q", "").strip()
    if not q:
        return _refused(q, _("Type a reference number, a name, a phone number or some words."))
    if len(q) > MAX_LENGTH:
        return _refused(
            q, _("A search may be at most %(n)d characters long; shorten it.", n=MAX_LENGTH)
        )
    try:
        query = cases_matching(q)
    except NothingToSearch:
        return _refused(q, _("Search for letters, digits or Chinese characters."))
    return render_table(
        "search/index.html",
        query,
        "search.index",
        {"q": q},
        shown=log_search_hits,
        q=q,
        problems=[],
    )


def _refused(q: str, message: str):
    return render_template("search/index.html", q=q[:MAX_LENGTH], message=message)
