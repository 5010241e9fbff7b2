"""The case lists: all cases with filters, "my cases", and the home panel of my cases.

Routes on the ``cases`` blueprint (``views.py`` owns the case page); imported by
``station/cases/__init__.py`` so that they register with it. Every list starts
from ``queries.visible_cases()``: a user never sees a case they may not open.
"""

from datetime import date

from flask import request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import Select, func, select

from ..access import roles_required
from ..extensions import db
from ..i18n import plain_vocabularies
from ..rules import roles as R
from ..rules.vocab import CONFIDENTIAL_KINDS, KINDS
from ..timeutil import local_today, station_tz
from . import labels, listing
from .list_forms import CaseFilterForm
from .models import Case
from .overdue import is_open, next_due, overdue
from .permissions import reads_confidential
from .queries import assignee_choices, visible_cases
from .table import render_table, with_people
from .views import bp

HOME_PANEL_SIZE = 5


def _today() -> date:
    return local_today(station_tz())


@bp.route("/")
@roles_required(*R.STATION_ROLES)
def index() -> ResponseReturnValue:
    """All cases the user may see, narrowed by the filters, newest first unless sorted."""
    form = CaseFilterForm(formdata=request.args)
    kinds = [k for k in KINDS if k not in CONFIDENTIAL_KINDS or reads_confidential(current_user)]
    form.set_choices(kinds=kinds, staff=assignee_choices(current_user.station_id))
    filters, problems = form.filters()
    query = listing.apply(visible_cases(), filters, today=_today(), tz=station_tz())
    args = {k: v for k, v in request.args.items() if k not in ("page", "sort") and v}
    return render_table(
        "cases/index.html", query, "cases.index", args, form=form, problems=problems
    )


def my_open_cases() -> Select:
    """The open cases assigned to the current user, soonest due first."""
    return (
        visible_cases()
        .where(Case.assignee_id == current_user.id, is_open())
        .order_by(next_due(), Case.id)
    )


@bp.route("/mine")
@roles_required(*R.STATION_ROLES)
def mine() -> ResponseReturnValue:
    """My open cases, the one due soonest first unless sorted otherwise."""
    return render_table(
        "cases/mine.html",
        my_open_cases(),
        "cases.mine",
        {},
        default_sort=listing.SOONEST,
        problems=[],
    )


def home_panel() -> dict:
    """What the home panel shows: my open cases due soonest, and how many are overdue."""
    query = my_open_cases()
    cases = db.session.scalars(with_people(query).limit(HOME_PANEL_SIZE)).all()
    late = db.session.scalar(
        select(func.count()).select_from(query.where(overdue(_today())).order_by(None).subquery())
    )
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return {
        "rows": listing.table_rows(cases, _today(), station_tz()),
        "overdue": late,
        "total": total,
        "labels": plain_vocabularies(labels),
    }


@bp.app_context_processor
def _inject_home_panel() -> dict:
    # A function, so that the query runs only on the page that includes the panel.
    return {"my_cases_panel": home_panel}
