"""The demo's key-person visits: a history for each key person the cases' demo marked, the
first-marked one visited every 30 days until a visit was missed (late on the duties)."""

from datetime import timedelta

from sqlalchemy import select
from test_demo import demo_password, load

from station.demo.world import DEMO_STATION
from station.duties import registry
from station.extensions import db
from station.models import Station
from station.people import visits
from station.people.models import KeyPerson
from station.timeutil import local_today


def test_the_key_persons_have_visits_and_one_was_missed(app, runner):
    output = load(app, runner)
    assert "Key-person visits:" in output and "one missed (overdue)" in output
    today = local_today(app.config["STATION_TIMEZONE"])
    with app.test_request_context():
        station = db.session.scalar(select(Station).where(Station.name == DEMO_STATION))
        people = db.session.scalars(
            select(KeyPerson).where(KeyPerson.station_id == station.id).order_by(KeyPerson.id)
        ).all()
        assert len(people) == 2
        histories = {p.id: visits.visits(p) for p in people}
        [missed] = [p for p in people if p.visit_interval == 30]
        assert len(histories[missed.id]) >= 3, "visited about monthly, then missed"
        for person in people:
            days = [v.visited_on for v in histories[person.id]]
            assert days == sorted(days, reverse=True)
            assert all(visits.marked_on(person) <= day < today for day in days)
        assert {v.satisfaction for h in histories.values() for v in h} == {
            "satisfied", "basically", "dissatisfied",
        }  # fmt: skip
        late = [i for i in registry.late(station.id, today) if i.duty == "key_visit"]
        assert [i.params["person_id"] for i in late] == [missed.id]
        assert late[0].due <= today - timedelta(days=7)
        [kept] = [p for p in people if p is not missed]
        assert kept.visit_interval == 90 and visits.next_due(kept) > today
    client = app.test_client()
    client.post(
        "/login", data={"username": "wangfang", "password": demo_password(output, "wangfang")}
    )
    assert client.get("/people/").status_code == 200
    page = client.get(f"/people/{missed.id}")
    assert page.status_code == 200 and "张建国" in page.get_data(as_text=True)
