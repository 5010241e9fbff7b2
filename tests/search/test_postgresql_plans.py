"""PostgreSQL: the search's probe never becomes a join of every match, and no JIT."""

import pytest
from flask_login import login_user
from sqlalchemy import select, text

from station.extensions import db
from station.models import User
from station.search.finder import cases_matching


@pytest.fixture
def postgresql(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL's planner")


def test_connections_compile_no_query_just_in_time(app, postgresql):
    with app.app_context():
        assert db.session.scalar(text("SHOW jit")) == "off"


def test_the_probe_looks_up_each_newest_case_on_its_own(app, postgresql):
    with app.test_request_context():
        login_user(db.session.scalar(select(User).where(User.username == "clerk")))
        probe = cases_matching("服务态度").probe_query
        compiled = probe.compile(db.engine, compile_kwargs={"render_postcompile": True})
        conn = db.session.connection()
        # The planner's other choices taken away: a join it could make of the lookups
        # (hashing every match, 1.4 s at a million) would now be its plan.
        conn.exec_driver_sql("SET LOCAL enable_nestloop = off")
        rows = conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params)
        plan = "\n".join(row[0] for row in rows)
    assert "Nested Loop" in plan, plan
    assert "Hash Join" not in plan and "Merge Join" not in plan, plan
