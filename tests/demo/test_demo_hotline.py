"""The demo's reporting-line log: a month of calls with every disposition, one report shown
as nothing of itself, one call of an earlier day without a disposition (late on the duties)."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from test_demo import demo_password, load

from station.cases.models import Case, CaseEvent
from station.duties import registry
from station.extensions import db
from station.hotline import service
from station.hotline.models import Call
from station.models import Station
from station.timeutil import local_today


@pytest.fixture
def loaded(app, runner):
    return load(app, runner)


def test_a_month_of_calls_with_every_disposition(app, loaded):
    today = local_today(app.config["STATION_TIMEZONE"])
    with app.test_request_context():
        station = db.session.scalar(select(Station).where(Station.name == "城关供电所"))
        calls = list(db.session.scalars(select(Call).where(Call.station_id == station.id)))
        assert len(calls) == 17
        assert today - timedelta(days=35) <= min(c.day for c in calls)
        assert max(c.day for c in calls) < today
        assert {c.disposition for c in calls} == {"answered", "case", "wrong", "duplicate", None}
        [secret] = [c for c in calls if c.confidential]
        assert (secret.caller_number, secret.words, secret.case.kind) == ("", "", "report")
        for call in calls:
            if call.disposition == "duplicate":
                events = db.session.scalars(
                    select(CaseEvent.action).where(CaseEvent.case_id == call.case_id)
                )
                assert "duplicate_call" in list(events)
        answered = [db.session.get(Case, c.case_id) for c in calls if c.disposition == "answered"]
        assert len(answered) == 4 and all(c.on_the_spot for c in answered)
        late = [i for i in registry.late(station.id, today) if i.duty == "hotline"]
        [undisposed] = [c for c in calls if c.disposition is None]
        assert [i.due for i in late] == [undisposed.day]
        assert undisposed.day <= today - timedelta(days=2)
        assert service.reporting_line(station.id) == "0710-3326110"


def test_the_clerk_sees_the_log_and_nothing_of_the_report(app, loaded):
    client = app.test_client()
    password = demo_password(loaded, "wangfang")
    client.post("/login", data={"username": "wangfang", "password": password})
    page = client.get("/hotline/").get_data(as_text=True)
    assert "询问本月电费" in page and "13807160101" in page
    assert "私自收取" not in page
