"""A list filtered by state is counted through (station, state, kind) from the index alone,
in the schema as the migrations make it, with no statistics (migration 0020: the kind was
read from the table for every case of the state, 2.2 of the filtered page's 7.8 ms at a
million cases). An index that held the station, the state and the kind further along
(migration 0019 once had one, led by the close's due day, for the summary's trend) was
walked over the station's whole history instead: 22 -> 64 ms."""

import pytest
from sqlalchemy import event

from station.extensions import db

SEARCHED = {
    "status=accepted": "(station_id=? AND status=?)",
    "status=accepted&kind=complaint": "(station_id=? AND status=? AND kind=?)",
    "status=closed": "(station_id=? AND status=?)",
}


@pytest.mark.parametrize("query", list(SEARCHED))
def test_a_list_filtered_by_state_is_counted_by_its_state(app, client, auth, query):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite's planner without statistics")
        engine = db.engine
    auth.login("head")
    seen = []

    def keep(_conn, _cursor, statement, params, _context, _many):
        seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        assert client.get(f"/cases/?{query}").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    counts = [(s, p) for s, p in seen if "count(*)" in s and "cases.status =" in s]
    assert len(counts) == 1, seen
    with app.app_context():
        statement, params = counts[0]
        rows = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
        plan = "\n".join(row[3] for row in rows)
    assert f"SEARCH cases USING COVERING INDEX ix_case_station_status {SEARCHED[query]}" in plan, (
        plan
    )
