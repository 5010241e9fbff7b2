"""The month's figures are read by the indexes meant for them, whatever order a station's
indexes were made in and with no statistics (issue 11: plans that statistics do not move)."""

from datetime import date, datetime

import pytest
from helpers import sqlite_plan
from sqlalchemy import text

from station.cases.models import Case
from station.extensions import db
from station.summary import returns, service
from station.summary.months import Month


def test_the_cases_closed_since_a_month_are_found_by_their_closing(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite's planner, which breaks a tie by the order of the indexes")
        # Made again, the index on the day of receipt is the last of the schema: when it tied
        # with the one on closing, SQLite took it and walked the station's history.
        db.session.execute(text("DROP INDEX ix_case_station_received_on"))
        db.session.execute(
            text("CREATE INDEX ix_case_station_received_on ON cases (station_id, received_on)")
        )
        october = Month(date(2026, 10, 1))
        still_open, closed_since = service._open_at_end(1, october, datetime(2026, 10, 31, 16))
        plan = sqlite_plan(closed_since)
        assert "USING INDEX ix_case_station_closed_at (station_id=? AND closed_at>?)" in plan, plan
        plan = sqlite_plan(still_open)
        assert "USING INDEX ix_case_station_closed_at (station_id=? AND closed_at=?)" in plan, plan


@pytest.mark.parametrize(
    ("column", "index"),
    [
        ("person_phone", "ix_case_phone_registered"),
        ("person_id_number", "ix_cases_person_id_number"),
    ],
)
def test_a_repeat_complaint_s_earlier_case_is_found_by_the_person(app, column, index):
    with app.app_context():
        pairs = returns._pairs(1, Month(date(2026, 10, 1)), getattr(Case, column))
        sql = str(pairs.compile(db.engine))
        if db.engine.dialect.name != "sqlite":
            # PostgreSQL plans by its statistics: the station stays a plain term (a "+ 0"
            # there made the month's repeats 14 ms -> 67 s at a million cases).
            assert "cases_1.station_id = cases.station_id" in sql, sql
            return
        assert "+cases_1.station_id = cases.station_id" in sql, sql
        plan = sqlite_plan(pairs)
        assert f"SEARCH cases_1 USING INDEX {index} ({column}=?)" in plan, plan
