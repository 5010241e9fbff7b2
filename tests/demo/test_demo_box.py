"""The demo's suggestion boxes: two, with two months of openings, one overdue, items that
became cases, one of them a report."""

from datetime import date, timedelta

from sqlalchemy import select
from test_demo import demo_password, load

from station.box.models import BoxItem, BoxOpening, SuggestionBox
from station.cases.models import Case
from station.duties import registry
from station.extensions import db
from station.timeutil import local_today


def station_today() -> date:
    """Today at the station (Asia/Shanghai), which is not the test machine's UTC date at night."""
    return local_today("Asia/Shanghai")


def test_the_demo_has_two_boxes_one_overdue(app, runner):
    output = load(app, runner)
    assert "Suggestion boxes: 2 (one overdue)" in output
    with app.app_context():
        boxes = {b.place: b for b in db.session.scalars(select(SuggestionBox))}
        assert set(boxes) == {"营业厅", "东村村委会"}
        openings = db.session.scalars(select(BoxOpening)).all()
        assert len(openings) >= 10
        assert min(o.opened_on for o in openings) <= station_today() - timedelta(days=50)
        cases = db.session.scalars(select(Case).join(BoxItem, BoxItem.case_id == Case.id)).all()
        assert cases and all(c.channel == "box" for c in cases)
        assert sum(c.kind == "report" for c in cases) == 1
        assert sum(o.item_count for o in openings) == len(cases)
        late = [
            i for i in registry.late(boxes["营业厅"].station_id, station_today()) if i.duty == "box"
        ]
        assert [i.label for i in late] == ["Suggestion box: 东村村委会"] or len(late) == 1
    client = app.test_client()
    client.post(
        "/login", data={"username": "wangfang", "password": demo_password(output, "wangfang")}
    )
    assert client.get("/box/").status_code == 200
    assert client.get(f"/box/{boxes['东村村委会'].id}").status_code == 200
