"""The head's home panel: overdue, waiting for an instruction, extensions to decide, new cases."""

from datetime import timedelta

import pytest
from case_helpers import add_case, get_case, today
from conftest import STATION_A, STATION_B
from helpers import say, text
from sqlalchemy import select

from station.cases import actions
from station.extensions import db
from station.models import User
from station.timeutil import utcnow


def not_due_yet(app) -> dict:
    soon = today(app) + timedelta(days=30)
    return {"due_contact": soon, "due_reply": soon, "due_close": soon}


def handle(app, ref: str, username: str, step: str, station: str = STATION_A) -> None:
    """Accept the case as ``username``, then submit it for review or ask for an extension."""
    with app.app_context():
        case = get_case(app, ref, station)
        actor = db.session.scalar(select(User).where(User.username == username))
        actions.accept(case, actor, contacted_at=utcnow())
        if step == "review":
            actions.submit_review(case, actor, note="请所长阅示")
        else:
            new_due = case.due_reply_effective + timedelta(days=10)
            actions.request_extension(case, actor, reason="需等待线路改造", new_due=new_due)
        db.session.commit()


@pytest.fixture
def station_a(app):
    """In station A: one overdue new case, one waiting for review, one asking for more time,
    one new case not yet due. In station B: one overdue case waiting for review."""
    add_case(app, subject="超期的投诉")
    handle(app, add_case(app, subject="待批示的案件", later=not_due_yet(app)), "clerk", "review")
    handle(app, add_case(app, subject="请求延期的案件", later=not_due_yet(app)), "clerk", "more")
    add_case(app, subject="刚登记的新件", later=not_due_yet(app))
    handle(app, add_case(app, "b_clerk", subject="邻所待批示"), "b_clerk", "review", STATION_B)


def counts(app, overdue: int, reviews: int, extensions: int, new: int) -> list[str]:
    return [
        say(app, "Overdue cases: %(n)d", n=overdue),
        say(app, "Waiting for your instruction: %(n)d", n=reviews),
        say(app, "Extension requests to decide: %(n)d", n=extensions),
        say(app, "New cases not yet accepted: %(n)d", n=new),
    ]


@pytest.mark.usefixtures("station_a")
def test_the_head_sees_what_waits_with_counts_links_and_rows(app, client, auth):
    auth.login("head")
    body = text(client.get("/"))
    assert say(app, "Waiting for you") in body
    for line in counts(app, overdue=1, reviews=1, extensions=1, new=2):
        assert line in body
    assert "待批示的案件" in body and "请求延期的案件" in body
    assert body.index("待批示的案件") < body.index("请求延期的案件")
    assert say(app, "Since") in body
    assert "邻所待批示" not in body
    # The counts' links open the list filtered the same way.
    assert 'href="/cases/?overdue=y"' in body and 'href="/cases/?status=registered"' in body
    overdue = text(client.get("/cases/?overdue=y"))
    assert "超期的投诉" in overdue and "刚登记的新件" not in overdue
    new = text(client.get("/cases/?status=registered"))
    assert "超期的投诉" in new and "刚登记的新件" in new and "待批示的案件" not in new


@pytest.mark.usefixtures("station_a")
@pytest.mark.parametrize("username", ["clerk", "inspector", "admin"])
def test_only_the_head_has_the_panel(app, client, auth, username):
    auth.login(username)
    body = text(client.get("/"))
    assert say(app, "Waiting for you") not in body
    assert "head-panel" not in body
    assert say(app, "Waiting for your instruction: %(n)d", n=1) not in body


@pytest.mark.usefixtures("station_a")
def test_the_head_of_station_b_sees_only_station_b(app, client, auth):
    auth.login("b_head")
    body = text(client.get("/"))
    for line in counts(app, overdue=1, reviews=1, extensions=0, new=0):
        assert line in body
    assert "邻所待批示" in body
    assert "待批示的案件" not in body and "请求延期的案件" not in body


def test_reports_count_for_the_head_who_may_read_them(app, client, auth):
    report = add_case(
        app, "head", subject="举报某员工收红包", kind="report", later=not_due_yet(app)
    )
    handle(app, report, "inspector", "review")
    auth.login("head")
    body = text(client.get("/"))
    assert say(app, "Waiting for your instruction: %(n)d", n=1) in body
    assert "举报某员工收红包" in body


def test_the_panel_lists_the_oldest_five_and_says_so(app, client, auth):
    for n in range(7):
        ref = add_case(app, subject=f"待批示{n}号", later=not_due_yet(app))
        handle(app, ref, "clerk", "review")
    auth.login("head")
    body = text(client.get("/"))
    assert say(app, "Waiting for your instruction: %(n)d", n=7) in body
    shown = [n for n in range(7) if f"待批示{n}号" in body]
    assert shown == [0, 1, 2, 3, 4]
    assert say(app, "The oldest %(n)d of %(total)d are shown.", n=5, total=7) in body
