"""The head's home page: six lists of what waits, each row one click from acting."""

import re
from datetime import datetime, timedelta

import pytest
from case_helpers import add_case, get_case, move_to, today
from conftest import STATION_A, STATION_B, user_id
from helpers import recorded_sql, say, text
from sqlalchemy import select

from station.cases import actions
from station.extensions import db
from station.models import User
from station.timeutil import clock_at, to_utc, utcnow

_LIST = re.compile(r'<section class="head-list head-list-([a-z_]+)".*?</section>', re.S)
_COUNT = re.compile(r'<span class="count">([^<]*)</span>')
_SUBJECT = re.compile(r'<td class="subject-short" title="([^"]*)"')


def head_lists(response) -> dict[str, tuple[str, list[str]]]:
    """Each list on the page: its count and the subjects of its rows, in order."""
    body = text(response)
    return {
        m.group(1): (_COUNT.search(m.group(0)).group(1), _SUBJECT.findall(m.group(0)))
        for m in _LIST.finditer(body)
    }


def list_html(response, key: str) -> str:
    body = text(response)
    return next(m.group(0) for m in _LIST.finditer(body) if m.group(1) == key)


def not_due_yet(app) -> dict:
    soon = today(app) + timedelta(days=30)
    return {"due_contact": soon, "due_reply": soon, "due_close": soon}


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def handle(app, ref: str, username: str, step: str, station: str = STATION_A) -> None:
    """Accept the case as ``username``, then submit it for review or ask for an extension."""
    with app.app_context():
        case = get_case(app, ref, station)
        actor = _user(username)
        actions.accept(case, actor, contacted_at=utcnow())
        if step == "review":
            actions.submit_review(case, actor, note="请所长阅示")
        else:
            new_due = case.due_reply_effective + timedelta(days=10)
            actions.request_extension(case, actor, reason="需等待线路改造", new_due=new_due)
        db.session.commit()


def submit_on_time(app, ref: str) -> None:
    """Accepted and submitted on the day of receipt (2 March): the review was due on 5 March
    (3 working days), so its lateness since is the head's."""
    tz = app.config["STATION_TIMEZONE"]
    with app.app_context(), clock_at(to_utc(datetime(2026, 3, 2, 10, 0), tz)):
        case = get_case(app, ref)
        actor = _user("clerk")
        actions.accept(case, actor, contacted_at=utcnow())
        actions.submit_review(case, actor, note="请所长阅示")
        db.session.commit()


@pytest.fixture
def station_a(app):
    """Station A, every case received on 2 March: one late new case nobody holds, one due
    today held by the clerk, one submitted for review today (after its review clock ran out),
    one asking for more time, one followed up, one new case not yet due. Station B: one late
    case waiting for review."""
    refs = {"late": add_case(app, subject="超期的投诉")}
    day = today(app)
    due = {
        "due_contact": day,
        "due_reply": day + timedelta(days=9),
        "due_close": day + timedelta(days=20),
        "assignee_id": user_id(app, "clerk"),
    }
    refs["due"] = add_case(app, subject="今天到期的咨询", later=due)
    refs["review"] = add_case(app, subject="待批示的案件", later=not_due_yet(app))
    handle(app, refs["review"], "clerk", "review")
    refs["more"] = add_case(app, subject="请求延期的案件", later=not_due_yet(app))
    handle(app, refs["more"], "clerk", "more")
    refs["close"] = add_case(app, subject="已回访待办结", later=not_due_yet(app))
    move_to(app, refs["close"], "followed_up")
    refs["new"] = add_case(app, subject="刚登记的新件", later=not_due_yet(app))
    handle(app, add_case(app, "b_clerk", subject="邻所待批示"), "b_clerk", "review", STATION_B)
    return refs


def test_the_head_sees_six_lists_with_counts_and_rows(app, client, auth, station_a):
    auth.login("head")
    page = client.get("/")
    assert head_lists(page) == {
        "late": ("1", ["超期的投诉"]),
        "due_today": ("1", ["今天到期的咨询"]),
        "review": ("1", ["待批示的案件"]),
        "extension": ("1", ["请求延期的案件"]),
        "close": ("1", ["已回访待办结"]),
        "unassigned": ("2", ["超期的投诉", "刚登记的新件"]),
    }
    body = text(page)
    titles = ("Late", "Due today", "Waiting for your instruction", "Extension requests to decide")
    for title in (*titles, "Waiting for you to close", "Not yet assigned"):
        assert say(app, title) in body
    assert "邻所待批示" not in body


def test_each_row_links_straight_to_the_heads_action(app, client, auth, station_a):
    auth.login("head")
    page = client.get("/")
    r = station_a
    expected = {
        "late": f'href="/cases/{r["late"]}/form/assign"',  # nobody holds it: assign it
        "due_today": f'href="/cases/{r["due"]}/form/remind"',  # the clerk holds it: remind
        "review": f'href="/cases/{r["review"]}/form/review_instruction"',
        "extension": f'href="/cases/{r["more"]}/form/decide_extension"',
        "close": f'href="/cases/{r["close"]}/form/close"',
        "unassigned": f'href="/cases/{r["new"]}/form/assign"',
    }
    for key, link in expected.items():
        assert link in list_html(page, key), key
    assert say(app, "Give the instruction") in list_html(page, "review")
    assert say(app, "Close the case") in list_html(page, "close")
    # the reference itself opens the case page
    assert f'href="/cases/{r["close"]}"' in list_html(page, "close")


def test_the_lists_link_to_the_case_list_filtered_the_same_way(app, client, auth, station_a):
    auth.login("head")
    page = client.get("/")
    more = say(app, "All of them in the case list")
    assert 'href="/cases/?overdue=y"' in list_html(page, "late")
    assert 'href="/cases/?status=followed_up"' in list_html(page, "close")
    assert 'href="/cases/?assignee=none"' in list_html(page, "unassigned")
    assert more not in list_html(page, "review")  # the list's filters cannot say it
    overdue = text(client.get("/cases/?overdue=y"))
    assert "超期的投诉" in overdue and "今天到期的咨询" not in overdue
    nobody = text(client.get("/cases/?assignee=none"))
    assert "超期的投诉" in nobody and "刚登记的新件" in nobody and "待批示的案件" not in nobody


def test_a_review_shows_who_submitted_it_and_whose_delay_it_is(app, client, auth, station_a):
    """The review clock runs from the receipt (2 March, due 5 March). One case was submitted
    only today: its lateness is the clerk's ("submitted late", not red). One was submitted on
    2 March: the head has let it run out ("late", red)."""
    on_time = add_case(app, subject="按时呈报的案件", later=not_due_yet(app))
    submit_on_time(app, on_time)
    auth.login("head")
    rows = list_html(client.get("/"), "review")
    assert _SUBJECT.findall(rows) == ["待批示的案件", "按时呈报的案件"]
    late_row, on_time_row = rows.split("<tr>")[2:4]
    assert "clerk" in late_row and say(app, "Submitted late") in late_row
    assert 'class="badge late"' not in late_row
    assert "3月2日 10:00" in on_time_row and "clerk" in on_time_row
    assert 'class="badge late"' in on_time_row and say(app, "Submitted late") not in on_time_row
    assert say(app, "Submitted") in rows


@pytest.mark.parametrize("username", ["clerk", "inspector", "admin", "county"])
def test_only_the_head_has_the_lists(app, client, auth, station_a, username):
    auth.login(username)
    body = text(client.get("/"))
    assert say(app, "Waiting for you") not in body
    assert "head-list" not in body
    assert "/form/assign" not in body and "/form/close" not in body


def test_the_head_of_station_b_sees_only_station_b(app, client, auth, station_a):
    auth.login("b_head")
    lists = head_lists(client.get("/"))
    assert lists["review"] == ("1", ["邻所待批示"])
    assert lists["late"] == ("1", ["邻所待批示"])
    assert lists["unassigned"] == ("0", [])
    assert lists["close"] == ("0", [])


def test_an_empty_list_says_so(app, client, auth):
    auth.login("head")
    page = client.get("/")
    assert say(app, "None.") in list_html(page, "close")
    assert head_lists(page)["close"] == ("0", [])


def test_reports_are_listed_for_the_head_who_may_read_them(app, client, auth):
    report = add_case(
        app, "head", subject="举报某员工收红包", kind="report", later=not_due_yet(app)
    )
    handle(app, report, "inspector", "review")
    auth.login("head")
    assert head_lists(client.get("/"))["review"] == ("1", [say(app, "Confidential report")])


def test_a_list_shows_the_first_five_and_says_how_many_there_are(app, client, auth):
    for n in range(7):
        ref = add_case(app, subject=f"待批示{n}号", later=not_due_yet(app))
        handle(app, ref, "clerk", "review")
    auth.login("head")
    page = client.get("/")
    assert head_lists(page)["review"] == ("7", [f"待批示{n}号" for n in range(5)])
    assert say(app, "The first %(n)d of %(total)d are shown.", n=5, total=7) in list_html(
        page, "review"
    )


def statements_of_the_home_page(app, client) -> list[str]:
    with recorded_sql(app) as seen:
        assert client.get("/").status_code == 200
    return seen


def test_the_page_costs_the_same_with_one_case_per_list_or_seven(app, client, auth, station_a):
    """The lists read their first rows with LIMIT and no query per row: seven more cases in
    every list add no statement, and none reads every submission of the installation."""
    auth.login("head")
    statements_of_the_home_page(app, client)  # the app's first request also checks the key
    before = statements_of_the_home_page(app, client)
    for n in range(6):
        handle(
            app,
            add_case(app, subject=f"又一件待批示{n}", later=not_due_yet(app)),
            "clerk",
            "review",
        )
        handle(
            app, add_case(app, subject=f"又一件延期{n}", later=not_due_yet(app)), "clerk", "more"
        )
        add_case(app, subject=f"又一件超期{n}")
    after = statements_of_the_home_page(app, client)
    assert len(after) == len(before)
    # No aggregate over all events. (The reception duty groups the visitors not dealt with,
    # which its index ix_reception_visitor_open reads without the history.)
    assert [s for s in after if "GROUP BY" in s.upper() and "case_event" in s] == []


def test_a_review_asked_under_a_policy_without_a_review_clock_is_listed(app, client, auth):
    ref = add_case(app, subject="无审核时限的案件", later=not_due_yet(app))
    handle(app, ref, "clerk", "review")
    with app.app_context():
        get_case(app, ref).due_review = None
        db.session.commit()
    auth.login("head")
    page = client.get("/")
    assert page.status_code == 200
    assert head_lists(page)["review"] == ("1", ["无审核时限的案件"])
