"""The head's home lists are read by the indexes meant for them, in the schema as the
migrations make it, with no statistics. SQLite breaks a tie between two indexes by their
order in the schema (README "Where every target stands"): with every index of ``cases``
made again in the reverse order, the reviews waiting are read through (station, status)
and the unassigned cases through the station's history. A migration that makes one of
these indexes again must keep these plans."""

import pytest
from flask_login import login_user
from helpers import sqlite_plan
from sqlalchemy import select

from station.cases import attention, queries
from station.cases.models import Case
from station.extensions import db
from station.models import User

# What each list's page and count must search, literally: an index over what waits, not
# the station's history.
EXPECTED = {
    ("waiting for instruction", "page"): "SEARCH cases USING INDEX ix_case_review_pending",
    ("waiting for instruction", "count"): "SEARCH cases USING INDEX ix_case_review_pending",
    ("not assigned", "page"): "SEARCH cases USING INDEX ix_case_open_station_received",
    ("not assigned", "count"): "SEARCH cases USING INDEX ix_case_open_assignee",
}


@pytest.mark.parametrize(("name", "form"), list(EXPECTED))
def test_the_head_s_lists_read_what_waits(app, name, form):
    with app.test_request_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite's planner without statistics")
        login_user(db.session.scalar(select(User).where(User.username == "head")))
        query = {
            "waiting for instruction": attention.waiting_for_instruction,
            "not assigned": attention.not_assigned,
        }[name]()
        ids = query.order_by(None).with_only_columns(Case.id)
        plan = sqlite_plan(query.limit(5) if form == "page" else queries.capped_count_of(ids))
        assert EXPECTED[name, form] in plan, plan
