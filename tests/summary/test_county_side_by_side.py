"""Every station of a month side by side, for county users (docs/domain.md "The county's
view"), against the hand-counted October 2026 fixture (tests/summary/summary_support.py).

Station A (测试供电所) in October: 5 cases received besides one report. Of the 4 cases
whose first contact fell due in October (extended ones apart), 3 were contacted on time; 2 of
4 replied and 2 of 4 closed on time; of the 2 follow-up calls that reached the person, 1 was
satisfied. Open on 31 October: 5 (the report counted), late that day: 4 (the report one of
them, counted only). Station B (邻村供电所): one call received on 20 October, never touched:
contact, reply and close all fell due in October and none was met; open and late on
31 October.

Overdue on 10 November, live: in A, C3 (its follow-up call was due 26 October), C5 (contact
due 2 November), C6 (reply due 10 October) and the case received on 1 November (close due
9 November); the report is not in a live count. In B, its one case. No duty is late.
"""

# ruff: noqa: F811 (the fixture ``october`` is imported and taken as an argument)
import re

import pytest
from helpers import say, text
from summary_support import (
    REPORT_SUBJECT,
    TODAY,
    at,
    october,  # noqa: F401 (a fixture, taken by name)
)

# received, reports, contact, reply, close, satisfaction, open at end, late at end, overdue
# now, late duties now (the last two are the rows' live state on 10 November)
# fmt: off
OCTOBER = {
    "测试供电所": ["5", "1", "75.0%（3/4）", "50.0%（2/4）", "50.0%（2/4）", "50.0%（1/2）",
                   "5", "4", "4", "0"],
    "邻村供电所": ["1", "0", "0.0%（0/1）", "0.0%（0/1）", "0.0%（0/1）", "—",
                   "1", "1", "1", "0"],
    "total": ["6", "1", "60.0%（3/5）", "40.0%（2/5）", "40.0%（2/5）", "50.0%（1/2）",
              "6", "5", "5", "0"],
}
# fmt: on


def row(body: str, station: str) -> list[str]:
    found = re.search(rf'<tr data-station="{station}">(.*?)</tr>', body, re.S)
    assert found, station
    tds = re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in tds]


def test_october_side_by_side(app, client, auth, october):
    auth.login("county")
    with at(TODAY):
        response = client.get("/county/2026-10")
    assert response.status_code == 200
    body = text(response)
    for station, expected in OCTOBER.items():
        assert row(body, station) == expected
    assert REPORT_SUBJECT not in body
    for ref in (october[c] for c in ("c2", "c3", "c4", "c6", "c7")):  # no case is named
        assert ref not in body


def test_the_county_home_of_the_page_is_the_last_full_month(app, client, auth, october):
    auth.login("county")
    with at(TODAY):
        body = text(client.get("/county/"))
    assert 'data-month="2026-10"' in body
    assert 'href="/county/2026-11" rel="next"' in body
    assert 'href="/county/2026-09" rel="prev"' in body


@pytest.mark.parametrize(
    "month, status, message, values",
    [
        ("2026-1", 400, "A month is written as year and month, such as 2026-10.", {}),
        ("2026-12", 404, "%(month)s has not begun yet.", {"month": "2026-12"}),
    ],
)
def test_months_refused_with_a_message(app, client, auth, month, status, message, values):
    auth.login("county")
    with at(TODAY):
        response = client.get(f"/county/{month}")
    assert response.status_code == status
    assert say(app, message, **values) in text(response)


@pytest.mark.parametrize("who", ["clerk", "head", "inspector", "admin"])
def test_only_county_users_and_only_they_see_the_link(app, client, auth, who):
    auth.login(who)
    with at(TODAY):
        assert client.get("/county/2026-10").status_code == 403
        assert 'href="/county/"' not in text(client.get("/"))
    auth.logout()
    auth.login("county")
    with at(TODAY):
        assert 'href="/county/"' in text(client.get("/"))


def test_the_side_by_side_xlsx(app, client, auth, october):
    """The page's rows, each rate as a percent beside its counts; no case anywhere."""
    from io import BytesIO

    from openpyxl import load_workbook

    auth.login("county")
    with at(TODAY):
        response = client.get("/county/2026-10.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="stations-2026-10.xlsx"; '
        "filename*=UTF-8''%E5%90%84%E6%89%80%E6%9C%88%E5%BA%A6%E5%AF%B9%E6%AF%94-2026-10.xlsx"
    )
    sheet = load_workbook(BytesIO(response.data)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "2026年10月：各所月度对比"
    assert rows[1] == [
        "供电所", "来源", "收到件数", "举报", "按时联系", "按时联系：达标数", "按时联系：基数",
        "按时答复", "按时答复：达标数", "按时答复：基数", "按时办结", "按时办结：达标数",
        "按时办结：基数", "满意率", "满意率：达标数", "满意率：基数", "月末未结", "月末超期",
        "当前超期", "当前超期事项",
    ]  # fmt: skip
    assert rows[2:] == [
        ["测试供电所", "实时", 5, 1, 0.75, 3, 4, 0.5, 2, 4, 0.5, 2, 4, 0.5, 1, 2, 5, 4, 4, 0],
        ["邻村供电所", "实时", 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, None, 0, 0, 1, 1, 1, 0],
        ["合计", None, 6, 1, 0.6, 3, 5, 0.4, 2, 5, 0.4, 2, 5, 0.5, 1, 2, 6, 5, 5, 0],
    ]  # fmt: skip
    cells = [str(v) for r in rows for v in r]
    assert REPORT_SUBJECT not in cells
    for ref in (october[c] for c in ("c2", "c3", "c4", "c6", "c7")):
        assert ref not in cells
