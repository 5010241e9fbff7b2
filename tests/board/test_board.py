"""The overdue board: every open case grouped by the one list of clocks, reports through the
gate, the filters, the county's counts, who may see it (docs/domain.md "The overdue board").

"Today" is Wednesday 11 March 2026 (board_helpers.TODAY); every case is received on Monday
2 March.
"""

from datetime import date

import pytest
from board_helpers import TODAY, counts, first_contact_due, followed_up_not_closed, groups, on
from case_helpers import move_to
from conftest import user_id
from helpers import say, text

HX = {"HX-Request": "true"}


@pytest.fixture
def station_a(app):
    """One case in each group, a case followed up but not closed by its close date, a closed
    case, and a late report; station B has a late case of its own."""
    refs = {
        # due Monday 9 March: late on Tuesday 10 and Wednesday 11, two working days
        "late": first_contact_due(app, date(2026, 3, 9), subject="超期未联系"),
        "today": first_contact_due(app, TODAY, subject="今天到期"),
        # 9 of its 10 days used: amber (75% and more)
        "amber": first_contact_due(app, date(2026, 3, 12), subject="即将到期的件"),
        "ok": first_contact_due(app, date(2026, 3, 31), subject="期限还早"),
        # close due Tuesday 10 March: late by one working day
        "not_closed": followed_up_not_closed(app, date(2026, 3, 10)),
        "report": first_contact_due(
            app, date(2026, 3, 9), kind="report", subject="举报某某收受好处"
        ),
    }
    refs["closed"] = first_contact_due(app, date(2026, 3, 9), subject="已办结的件")
    move_to(app, refs["closed"], "closed")
    refs["b_late"] = first_contact_due(
        app, date(2026, 3, 9), username="b_clerk", subject="邻所超期"
    )
    return refs


def board(client, url: str = "/board", **kwargs):
    with on():
        return client.get(url, **kwargs)


def test_every_open_case_is_in_the_group_its_clocks_give(app, client, auth, station_a):
    auth.login("head")
    body = text(board(client))
    r = station_a
    assert groups(body) == {
        "late": [r["late"], r["report"], r["not_closed"]],  # by next due, then registration
        "due_today": [r["today"]],
        "amber": [r["amber"]],
        "on_track": [r["ok"]],
    }
    assert counts(body) == {"late": 3, "due_today": 1, "amber": 1, "on_track": 1, "total": 6}
    assert r["closed"] not in body and "邻所超期" not in body


def test_a_late_row_says_which_clock_runs_and_how_many_working_days_late(
    app, client, auth, station_a, english
):
    auth.login("head")
    body = text(board(client))
    late_row = body.split(f'data-ref="{station_a["late"]}"')[1].split("</tr>")[0]
    assert say(app, "First contact") in late_row
    assert "2 working days late" in late_row
    # followed up, not closed by its close date: late on the close clock, one working day
    row = body.split(f'data-ref="{station_a["not_closed"]}"')[1].split("</tr>")[0]
    assert say(app, "Close") in row
    assert "1 working day late" in row


def test_working_days_late_skip_the_weekend(app, client, auth, station_a, english):
    auth.login("head")
    with on(date(2026, 3, 16)):  # Monday: due 9 March, late 10-13 and 16 March
        body = text(client.get("/board"))
    row = body.split(f'data-ref="{station_a["late"]}"')[1].split("</tr>")[0]
    assert "5 working days late" in row


def test_a_clerk_counts_a_report_but_sees_nothing_of_it(app, client, auth, station_a):
    auth.login("clerk")
    body = text(board(client))
    assert station_a["report"] not in body
    assert "举报某某" not in body
    assert groups(body)["late"] == [station_a["late"], station_a["not_closed"]]
    assert counts(body)["late"] == 3  # the report inside the count
    assert counts(body)["total"] == 6


def test_the_head_sees_the_report_as_a_row_without_its_words(app, client, auth, station_a):
    auth.login("head")
    body = text(board(client))
    assert station_a["report"] in groups(body)["late"]
    assert "举报某某" not in body
    assert say(app, "Confidential report") in body


def test_the_wall_has_no_report_and_nothing_of_the_public(app, client, auth, station_a):
    named = first_contact_due(
        app, TODAY, subject="王家村电压低", person_name="王大山", person_phone="13800001111"
    )
    auth.login("head")
    body = text(board(client, "/board?wall=1"))
    assert named in groups(body)["due_today"]
    assert station_a["report"] not in body
    assert counts(body) == {"late": 2, "due_today": 2, "amber": 1, "on_track": 1}
    for word in ("王大山", "13800001111", "王家村电压低", "超期未联系", "举报"):
        assert word not in body
    assert say(app, "Confidential report") not in body
    assert 'class="nav-links"' not in body and "<a " not in body.split("<main>")[1]


def test_the_filters_narrow_the_board_and_its_counts(app, client, auth, station_a):
    mine = first_contact_due(
        app,
        TODAY,
        channel="letter",
        kind="consultation",
        later={"assignee_id": user_id(app, "clerk")},
    )
    auth.login("clerk")
    # the clerk accepted the followed-up case, and so holds it
    assert groups(text(board(client, "/board?mine=y"))) == {
        "late": [station_a["not_closed"]], "due_today": [mine], "amber": [], "on_track": []
    }  # fmt: skip
    by_assignee = text(board(client, f"/board?assignee={user_id(app, 'clerk')}"))
    assert counts(by_assignee)["total"] == 2
    assert groups(text(board(client, "/board?channel=letter")))["due_today"] == [mine]
    assert groups(text(board(client, "/board?kind=consultation")))["due_today"] == [mine]
    nobody = text(board(client, "/board?assignee=none"))
    assert mine not in nobody and station_a["late"] in nobody
    # the report counts under its own channel and kind only: not in a clerk's letters
    assert counts(text(board(client, "/board?channel=letter")))["late"] == 0


@pytest.mark.parametrize(
    "query",
    ["channel=fax", "kind=report", "assignee=abc", "assignee=99999", "channel=" + "x" * 300],
)
def test_a_bad_filter_is_left_out_with_a_message(app, client, auth, station_a, query):
    auth.login("clerk")
    response = board(client, f"/board?{query}")
    assert response.status_code == 200
    body = text(response)
    assert 'class="notice error"' in body
    assert counts(body)["total"] == 6  # nothing narrowed


def test_the_refresh_answers_the_board_alone_with_the_filters_kept(app, client, auth, station_a):
    auth.login("clerk")
    response = board(client, "/board?channel=phone&mine=", headers=HX)
    body = text(response)
    assert body.lstrip().startswith('<div id="board"')
    assert 'hx-get="/board?channel=phone&mine="' in body
    assert 'hx-trigger="every 60s"' in body
    app.config["BOARD_REFRESH_SECONDS"] = 5
    assert 'hx-trigger="every 5s"' in text(board(client, "/board", headers=HX))


def test_the_station_duties_are_on_the_board(app, client, auth, station_a, monkeypatch):
    from station.duties import registry
    from station.duties.registry import DutyItem

    def owed(station_id, today):
        return [DutyItem("hotline", "来电待处置", today, "hotline.index", count=2)]

    monkeypatch.setitem(registry._SOURCES, "hotline", owed)
    auth.login("clerk")
    body = text(board(client))
    assert "来电待处置" in body.split('class="board-duties"')[1]
    wall = text(board(client, "/board?wall=1"))
    assert "来电待处置" in wall.split('class="wall-group wall-duties"')[1]


def test_the_county_sees_counts_per_station_and_nothing_else(app, client, auth, station_a):
    auth.login("county")
    body = text(board(client))
    rows = {
        name: cells
        for name, cells in (
            (line.split("</th>")[0].split(">")[-1], line)
            for line in body.split('<tr><th scope="row">')[1:]
        )
    }
    a = [int(x) for x in _numbers(rows["测试供电所"])]
    b = [int(x) for x in _numbers(rows["邻村供电所"])]
    # late, due today, due soon, on track, open: the report is not in live county counts
    assert a == [2, 1, 1, 1, 5]
    assert b == [1, 0, 0, 0, 1]
    for ref in station_a.values():
        assert f">{ref}<" not in body
    figures = body.split('id="board"')[1]
    for word in ("超期未联系", "邻所超期", "举报"):
        assert word not in figures


def _numbers(row_html: str) -> list[str]:
    import re

    return re.findall(r'<td class="num[^"]*">(\d+)</td>', row_html)


def test_a_county_user_asking_for_the_wall_gets_a_message(app, client, auth, english):
    auth.login("county")
    response = board(client, "/board?wall=1")
    assert response.status_code == 403
    assert "wall mode shows one station" in text(response)


@pytest.mark.parametrize(
    ("username", "status", "linked"),
    [
        ("clerk", 200, True),
        ("head", 200, True),
        ("inspector", 200, True),
        ("county", 200, True),
        ("admin", 403, False),
    ],
)
def test_who_may_open_the_board_and_who_sees_the_link(app, client, auth, username, status, linked):
    auth.login(username)
    assert client.get("/board").status_code == status
    assert ('href="/board"' in text(client.get("/"))) is linked


def test_heads_and_clerks_land_on_the_board(app, client, auth):
    for username, landing in (("head", "/board"), ("clerk", "/board"), ("inspector", "/")):
        response = auth.login(username)
        assert response.headers["Location"] == landing, username
        auth.logout()
