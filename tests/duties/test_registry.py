"""The duties' one interface: what is late, in which order, and who is shown what."""

from datetime import date

import pytest
from helpers import text

from station.duties import registry
from station.duties.registry import DutyItem

TODAY = date(2026, 10, 9)  # a Friday


@pytest.fixture
def sources():
    """Swap in this test's sources for the real ones, and put those back after it."""
    saved = dict(registry._SOURCES)
    registry._SOURCES.clear()
    yield registry._SOURCES
    registry._SOURCES.clear()
    registry._SOURCES.update(saved)


def test_an_item_is_late_once_its_day_has_passed():
    item = DutyItem("box", "营业厅意见箱", date(2026, 10, 6), "cases.index")
    assert [item.late(d) for d in (date(2026, 10, 5), date(2026, 10, 6), date(2026, 10, 7))] == [
        False,
        False,
        True,
    ]
    assert item.due_today(date(2026, 10, 6)) and not item.due_today(date(2026, 10, 7))
    # Working days late, at least 1 once late (7 October, a holiday, is the first day late);
    # then 8, 9 and Saturday 10 (a working day in 2026's schedule) count, Sunday 11 not.
    days = (date(2026, 10, 6), date(2026, 10, 7), date(2026, 10, 9), date(2026, 10, 12))
    assert [item.days_late(d) for d in days] == [0, 1, 2, 4]


def test_items_come_late_first_then_by_duty(sources):
    call = DutyItem("hotline", "来电", date(2026, 10, 9), "cases.index")
    registry.register("hotline", lambda sid, today: [call])
    registry.register(
        "box",
        lambda sid, today: [
            DutyItem("box", "村委会意见箱", date(2026, 10, 9), "cases.index"),
            DutyItem("box", "营业厅意见箱", date(2026, 10, 2), "cases.index"),
        ],
    )
    listed = [(i.duty, i.label) for i in registry.items(1, TODAY)]
    assert listed == [("box", "营业厅意见箱"), ("box", "村委会意见箱"), ("hotline", "来电")]
    assert [i.label for i in registry.late(1, TODAY)] == ["营业厅意见箱"]


def test_an_unknown_duty_is_refused():
    with pytest.raises(ValueError):
        registry.register("laundry", lambda sid, today: [])


def _owing(sources, endpoint: str) -> None:
    registry.register(
        "box",
        lambda sid, today: [DutyItem("box", "营业厅意见箱", date(2000, 1, 3), endpoint)],
    )


def test_the_home_panel_lists_what_the_head_may_open(app, client, auth, sources):
    _owing(sources, "cases.index")
    auth.login("head")
    page = text(client.get("/"))
    assert "营业厅意见箱" in page


def test_an_item_whose_page_the_user_may_not_open_is_not_listed(app, client, auth, sources):
    _owing(sources, "admin.users")  # an admin's page: the head may not open it
    auth.login("head")
    page = text(client.get("/"))
    assert "营业厅意见箱" not in page


def test_the_admin_and_county_have_no_duties_panel(app, client, auth, sources):
    _owing(sources, "main.index")
    for user in ("admin", "county"):
        auth.login(user)
        assert "营业厅意见箱" not in text(client.get("/"))
        auth.logout()
