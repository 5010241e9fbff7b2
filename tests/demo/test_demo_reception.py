"""The demo's reception days: past days with every outcome, a host schedule in turn, a day
left with a visitor not dealt with (late on the duties), a report visitor shown as nothing."""

import pytest
from sqlalchemy import select
from test_demo import demo_password, load

from station.duties import registry
from station.extensions import db
from station.models import Station
from station.reception.models import ReceptionHost, Visitor
from station.timeutil import local_today


@pytest.fixture
def loaded(app, runner):
    return load(app, runner)


def test_every_outcome_a_host_schedule_and_a_day_not_finished(app, loaded):
    with app.test_request_context():
        station = db.session.scalar(select(Station).where(Station.name == "城关供电所"))
        past = [
            v
            for v in db.session.scalars(select(Visitor).where(Visitor.station_id == station.id))
            if v.day < local_today(app.config["STATION_TIMEZONE"])
        ]
        assert len(past) == 9
        assert {v.outcome for v in past} == {
            "answered", "case", "referred", "left", "police", None,
        }  # fmt: skip
        [secret] = [v for v in past if v.confidential]
        assert (secret.name, secret.phone, secret.matter, secret.case.kind) == (
            "",
            "",
            "",
            "report",
        )
        assert all(v.case.channel == "visit" for v in past if v.case_id)
        hosts = {h.host.username for h in db.session.scalars(select(ReceptionHost))}
        assert hosts == {"zhaojun", "liqiang"}
        late = registry.late(station.id, local_today(app.config["STATION_TIMEZONE"]))
        assert [(i.duty, i.count) for i in late if i.duty == "reception"] == [("reception", 1)]


def test_the_head_sees_the_days(app, loaded):
    client = app.test_client()
    password = demo_password(loaded, "zhaojun")
    client.post("/login", data={"username": "zhaojun", "password": password})
    page = client.get("/reception/").get_data(as_text=True)
    assert page.count('href="/reception/20') >= 9  # 6 coming days and 3 past ones
    with app.app_context():
        secret = db.session.scalar(select(Visitor).where(Visitor.confidential.is_(True)))
        day = secret.day.isoformat()
    shown = client.get(f"/reception/{day}").get_data(as_text=True)
    assert "反映抄表员" not in shown and "13807160066" not in shown
