"""Recording an opening: its items become cases of channel box, a report through the gate;
bad input saves nothing and says why."""

from datetime import date, timedelta

import pytest
from conftest import user_id
from helpers import text

from station.box import service
from station.box.models import BoxItem, BoxOpening, SuggestionBox
from station.cases.models import Case
from station.confidential.models import Sealed
from station.extensions import db
from station.models import User
from station.timeutil import local_today


def station_today() -> date:
    """Today at the station (Asia/Shanghai), which is not the test machine's UTC date at night."""
    return local_today("Asia/Shanghai")


@pytest.fixture
def box(app):
    """A box of station A at 营业厅, opened by the clerk and the head, made 10 days ago."""
    head_id = user_id(app, "head")
    with app.app_context():
        clerk = db.session.scalar(db.select(User).where(User.username == "clerk"))
        today = station_today()
        created = today - timedelta(days=10)
        made = service.save_box(
            None,
            clerk.station_id,
            place="营业厅",
            interval_days=5,
            active=True,
            opener_ids=[clerk.id, head_id],
            today=created,
        )
        db.session.commit()
        return made.id


def _post(client, box_id, opened_on, opener, witness="", witness_name="", count=0, rows=()):
    data = {
        "opened_on": opened_on.isoformat(),
        "opener": str(opener),
        "witness": str(witness),
        "witness_name": witness_name,
        "item_count": str(count),
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"items-{i}-{key}"] = value
    return client.post(f"/box/{box_id}/open", data=data)


ITEMS = [
    {"kind": "suggestion", "subject": "营业厅延长午间营业", "content": "中午也开门"},
    {"kind": "praise", "subject": "表扬抄表员", "content": "服务好", "person_name": "王芳"},
    {
        "kind": "report",
        "subject": "举报收受礼品",
        "content": "某人收礼",
        "person_phone": "13800000000",
    },
]


def _counts(app):
    with app.app_context():
        return (
            db.session.scalar(db.select(db.func.count(BoxOpening.id))),
            db.session.scalar(db.select(db.func.count(Case.id))),
        )


def test_an_opening_with_items_registers_a_case_each_and_seals_the_report(app, client, auth, box):
    auth.login("clerk")
    opened = station_today() - timedelta(days=1)
    response = _post(
        client, box, opened, user_id(app, "clerk"), witness_name="村委会张主任", count=3, rows=ITEMS
    )
    assert response.status_code == 303
    with app.app_context():
        opening = db.session.scalar(db.select(BoxOpening))
        assert (opening.opened_on, opening.item_count, opening.witness_name) == (
            opened,
            3,
            "村委会张主任",
        )
        cases = db.session.scalars(
            db.select(Case).join(BoxItem, BoxItem.case_id == Case.id).order_by(BoxItem.position)
        ).all()
        assert [(c.channel, c.kind) for c in cases] == [
            ("box", "suggestion"),
            ("box", "praise"),
            ("box", "report"),
        ]
        assert [c.received_on for c in cases] == [opened] * 3
        report = cases[2]
        assert report.subject == "" and report.content == ""  # sealed, the column blank
        assert db.session.scalar(db.select(Sealed).where(Sealed.case_id == report.id))
        refs = [c.ref for c in cases]
        opening_id = opening.id
    page = text(client.get(f"/box/openings/{opening_id}"))
    assert "营业厅延长午间营业" in page and "表扬抄表员" in page
    assert "举报收受礼品" not in page and "13800000000" not in page
    assert "Transferred for confidential handling" in page or "转保密处理" in page
    assert f'href="/cases/{refs[2]}"' not in page
    assert client.get(f"/cases/{refs[2]}").status_code == 404  # the opener cannot read it back
    assert client.get(f"/cases/{refs[0]}").status_code == 200
    auth.logout()
    auth.login("head")
    page = text(client.get(f"/box/openings/{opening_id}"))
    assert f'href="/cases/{refs[2]}"' in page  # a reader of reports gets the link


def test_zero_items_is_a_recorded_opening(app, client, auth, box):
    auth.login("head")
    response = _post(
        client, box, station_today(), user_id(app, "head"), witness=user_id(app, "clerk"), count=0
    )
    assert response.status_code == 303
    assert _counts(app) == (1, 0)
    page = text(client.get(f"/box/{box}"))
    # Opened today: due again today + 5, moved back to a working day, not yet overdue.
    assert "Overdue" not in page and "逾期" not in page


@pytest.mark.parametrize(
    ("days", "opener", "witness", "name", "count", "rows", "field"),
    [
        (-1, "clerk", "", "张主任", 0, [], "opened_on"),  # tomorrow
        (0, "clerk", "clerk", "", 0, [], "witness"),  # the opener as witness
        (0, "clerk", "", "", 0, [], "witness"),  # no witness at all
        (0, "clerk", "", "张主任", 2, ITEMS[:1], "item_count"),  # 2 found, 1 entered
        (0, "clerk", "", "张主任", 0, ITEMS[:1], "item_count"),  # 0 found, 1 entered
        (0, "inspector", "", "张主任", 0, [], "opener"),  # not designated
    ],
)
def test_bad_openings_save_nothing(
    app, client, auth, box, days, opener, witness, name, count, rows, field
):
    auth.login("clerk")
    witness_id = user_id(app, witness) if witness else ""
    response = _post(
        client,
        box,
        station_today() - timedelta(days=days),
        user_id(app, opener),
        witness=witness_id,
        witness_name=name,
        count=count,
        rows=rows,
    )
    assert response.status_code == 400
    assert _counts(app) == (0, 0)
    assert f'id="{field}-error"' in response.get_data(as_text=True) or field in response.get_data(
        as_text=True
    )


def test_an_opening_before_the_previous_one_is_refused(app, client, auth, box):
    auth.login("clerk")
    clerk, head = user_id(app, "clerk"), user_id(app, "head")
    assert (
        _post(client, box, station_today() - timedelta(days=2), clerk, witness=head).status_code
        == 303
    )
    response = _post(client, box, station_today() - timedelta(days=3), clerk, witness=head)
    assert response.status_code == 400
    assert "cannot be before it" in text(response) or "不能早于" in text(response)
    assert _counts(app) == (1, 0)


def test_a_box_not_opened_by_its_day_is_a_late_duty(app, box):
    from station.duties import registry

    with app.app_context():
        station_id = db.session.get(SuggestionBox, box).station_id
        items = [i for i in registry.items(station_id, station_today()) if i.duty == "box"]
    # Made 10 days ago with an interval of 5: due on or before 5 days ago.
    assert len(items) == 1 and items[0].late(station_today())
    assert items[0].endpoint == "box.show" and "营业厅" in items[0].label


def test_the_intake_picker_does_not_offer_the_box(client, auth):
    auth.login("clerk")
    page = client.get("/cases/new?channel=box").get_data(as_text=True)
    assert "channel-buttons" in page and 'name="subject"' not in page
    assert 'href="/cases/new?channel=box"' not in page
