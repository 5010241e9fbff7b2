"""The month's figures are read by the indexes meant for them, whatever order a station's
indexes were made in and with no statistics (issue 11: plans that statistics do not move)."""

from datetime import date, datetime

import pytest
from helpers import sqlite_plan
from sqlalchemy import text

from station.extensions import db
from station.summary import service
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
