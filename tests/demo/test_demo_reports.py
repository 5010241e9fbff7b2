"""The demo shows the confidentiality gate at work: reports in several states, one naming a
clerk, one naming the head (with a county-level inspector), a waiting and an approved
identity request, and receipt codes to try on the status page."""

import re

import pytest
from sqlalchemy import select
from test_demo import demo_password, load

from station.cases.models import Case
from station.confidential import gate
from station.confidential.models import Disclosure
from station.extensions import db
from station.models import User
from station.rules import roles as R


@pytest.fixture
def loaded(app, runner):
    return load(app, runner)


def _login(app, output: str, username: str):
    client = app.test_client()
    password = demo_password(output, username)
    assert (
        client.post("/login", data={"username": username, "password": password}).status_code == 302
    )
    return client


def test_reports_in_several_states_and_whom_they_name(app, loaded):
    with app.app_context():
        reports = db.session.scalars(select(Case).where(Case.kind == "report")).all()
        assert len(reports) >= 5 and all(r.ref.startswith("JB") for r in reports)
        assert len({r.status for r in reports}) >= 3
        users = {u.username: u for u in db.session.scalars(select(User))}
        named = {
            r.ref: {u for u, user in users.items() if gate.excluded_user_ids(r, [user.id])}
            for r in reports
        }
        assert {"liqiang"} in named.values()
        assert {"zhaojun"} in named.values()
        county_inspector = users["xianjiwei"]
        assert county_inspector.station_id is None
        assert county_inspector.roles == {R.COUNTY, R.INSPECTOR}
        states = sorted(d.state for d in db.session.scalars(select(Disclosure)))
        assert states == ["approved", "pending"]


def test_the_demo_codes_answer_on_the_status_page_and_the_head_cannot_open_his_own(app, loaded):
    codes = re.findall(r"Demo report (JB\d{4}-\d{3}): receipt code ([\d ]{19})", loaded)
    assert len(codes) == 3
    clerk = _login(app, loaded, "wangfang")
    for _ref, code in codes:
        page = clerk.post("/confidential/status", data={"code": code}).get_data(as_text=True)
        assert "已受理" in page  # each demo report was accepted by the inspector
    head, inspector = _login(app, loaded, "zhaojun"), _login(app, loaded, "chenjing")
    with app.app_context():
        head_id = db.session.scalar(select(User.id).where(User.username == "zhaojun"))
        reports = db.session.scalars(select(Case).where(Case.kind == "report")).all()
        naming_head = [r.ref for r in reports if gate.excluded_user_ids(r, [head_id])]
    assert len(naming_head) == 1
    assert head.get(f"/cases/{naming_head[0]}").status_code == 404
    assert inspector.get(f"/cases/{naming_head[0]}").status_code == 200
