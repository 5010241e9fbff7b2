"""The county's home page: per station, open cases, late ones, received this month; counts only."""

import re

from case_helpers import add_case, local_now, make_case, move_to
from helpers import say, text

_ROW = re.compile(
    r'<tr>\s*<th scope="row">([^<]*)</th>\s*<td class="figure">(\d+)</td>\s*'
    r'<td class="figure">(\d+)</td>\s*<td class="figure">(\d+)</td>\s*</tr>'
)


def figures(response) -> list[tuple[str, int, int, int]]:
    return [(name, int(a), int(b), int(c)) for name, a, b, c in _ROW.findall(text(response))]


def county_world(app) -> None:
    """Station A: a complaint received now, a late one and a late report (both received on
    2 March), and one of 2 March closed since. Station B: a complaint received now."""
    now = local_now(app)
    make_case(app, received_local=now, subject="今天来电的投诉", person_name="王大山")
    add_case(app, subject="三月的超期投诉", person_name="李四")
    add_case(app, "head", subject="举报某员工收红包", kind="report")
    closed = add_case(app, subject="三月已办结的投诉")
    move_to(app, closed, "closed")
    make_case(app, registered_by="b_clerk", received_local=now, subject="邻所今天的来访")


def test_the_county_sees_per_station_counts_and_totals(app, client, auth):
    county_world(app)
    auth.login("county")
    page = client.get("/")
    assert figures(page) == [
        # station, open, late, received this month (station names sort by their code points);
        # the late report is in none of them: live figures leave reports out
        ("测试供电所", 2, 1, 1),
        ("邻村供电所", 1, 0, 1),
        (say(app, "All stations"), 3, 1, 2),
    ]
    body = text(page)
    for heading in ("Cases per station", "Open cases", "Late", "Received this month"):
        assert say(app, heading) in body


def test_the_county_sees_no_case_no_person_and_no_report(app, client, auth):
    county_world(app)
    auth.login("county")
    body = text(client.get("/"))
    for private in ("今天来电的投诉", "三月的超期投诉", "举报", "王大山", "李四", "13800001111"):
        assert private not in body
    assert "/cases/" not in body  # no link to a case or a list
    assert say(app, "Waiting for you") not in body and say(app, "My cases") not in body


def test_a_report_that_comes_in_moves_no_county_figure(app, client, auth):
    county_world(app)
    auth.login("county")
    before = figures(client.get("/"))
    make_case(app, received_local=local_now(app), kind="report", subject="今天的举报")
    assert figures(client.get("/")) == before


def test_station_staff_do_not_see_the_county_figures(app, client, auth):
    county_world(app)
    for username in ("clerk", "head", "admin"):
        auth.login(username)
        body = text(client.get("/"))
        assert say(app, "Cases per station") not in body
        assert "邻村供电所" not in body
        auth.logout()


def test_a_county_with_no_cases_shows_zeros(app, client, auth):
    auth.login("county")
    assert figures(client.get("/")) == [
        ("测试供电所", 0, 0, 0),
        ("邻村供电所", 0, 0, 0),
        (say(app, "All stations"), 0, 0, 0),
    ]
