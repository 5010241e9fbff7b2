"""The monthly summary of October 2026 against the hand-counted fixture month
(tests/summary/summary_support.py), who may open it, and the months it refuses."""

# ruff: noqa: F811 (the fixture ``october`` is imported and taken as an argument)
import re

import pytest
from case_helpers import get_case
from helpers import say, text
from sqlalchemy import select
from summary_support import (
    REPORT_SUBJECT,
    TODAY,
    at,
    cells,
    october,  # noqa: F401 (a fixture, taken by name)
    page,
)

from station.confidential import gate
from station.extensions import db
from station.models import User

# complaint, consultation, suggestion, praise, appeal, total (reports have no column)
RECEIVED = {
    "letter": ["1", "0", "0", "0", "0", "1"],
    "phone": ["2", "0", "0", "0", "0", "2"],
    "visit": ["1", "0", "0", "0", "0", "1"],
    "counter": ["0", "1", "0", "0", "0", "1"],
    "total": ["4", "1", "0", "0", "0", "5"],
}
# due, on time, late, open past due, open not yet due, rate, extended on time / late / open
KEPT = {
    "contact": ["4", "3", "1", "0", "0", "75.0%", "1 / 0 / 0"],
    "reply": ["4", "2", "1", "1", "0", "50.0%", "1 / 0 / 0"],
    "close": ["4", "2", "1", "1", "0", "50.0%", "0 / 0 / 1"],
}
# calls made, satisfied, basically, dissatisfied, unreachable, rate (1 of the 2 reached)
FOLLOW_UP = {
    "all": ["3", "1", "0", "1", "1", "50.0%"],
}


@pytest.mark.parametrize("who", ["head", "clerk", "inspector"])
def test_october_figures(app, client, auth, october, who):
    auth.login(who)
    response = page(client)
    assert response.status_code == 200
    body = text(response)
    for channel, expected in RECEIVED.items():
        assert cells(body, "data-channel", channel) == expected
    assert 'data-channel="transfer"' not in body  # a channel with no case has no row
    assert cells(body, "data-topic", "电压质量") == ["2"]
    assert cells(body, "data-topic", "停电抢修") == ["1"]
    assert cells(body, "data-topic", "") == ["2"]
    assert cells(body, "data-importance", "general") == ["4"]
    assert cells(body, "data-importance", "important") == ["1"]
    assert cells(body, "data-importance", "urgent") == ["0"]
    assert say(app, "Reports: %(n)d.", n=1) in body
    assert REPORT_SUBJECT not in body
    for name, expected in KEPT.items():
        assert cells(body, "data-deadline", name) == expected
    assert cells(body, "data-follow-up", "all") == FOLLOW_UP["all"]


def late_rows(body: str) -> dict[str, list[str]]:
    rows = re.findall(r'<tr data-late="([^"]+)">(.*?)</tr>', body, re.S)
    return {ref: [c.strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)] for ref, row in rows}


def test_still_open_at_the_end_of_october_and_late_on_31_october(app, client, auth, october):
    """Saturday 31 October: C3, the report, C5, C6 and C7 are open (C1 and C2 closed). Late:
    C6's contact (due 8 October: 9, 10, 12–16, 19–23, 26–30 are 17 working days), the
    report's contact (due 15: 11), C3's follow-up call (replied 21, due 26: 4) and C7's close
    (due 27: 3). C5's first contact is due on 2 November."""
    r = october
    clock = {n: say(app, label) for n, label in (("contact", "First contact"),
             ("followup", "Follow-up call"), ("close", "Close"))}  # fmt: skip
    expected = {
        r["c6"]: ["clerk", clock["contact"], "17"],
        r["c4"]: ["—", clock["contact"], "11"],
        r["c3"]: ["clerk", clock["followup"], "4"],
        r["c7"]: ["clerk", clock["close"], "3"],
    }
    auth.login("head")
    body = text(page(client))
    assert say(app, "Still open on %(day)s: %(n)d cases.", day="2026年10月31日", n=5) in body
    rows = late_rows(body)
    assert list(rows) == list(expected)
    assert {ref: [c[0], c[1], c[3]] for ref, c in rows.items()} == expected
    auth.logout()
    auth.login("clerk")
    body = text(page(client))
    assert say(app, "Still open on %(day)s: %(n)d cases.", day="2026年10月31日", n=5) in body
    assert list(late_rows(body)) == [r["c6"], r["c3"], r["c7"]]
    assert say(app, "Late reports besides: %(n)d.", n=1) in body
    assert REPORT_SUBJECT not in body


def test_a_head_named_in_the_late_report_neither_reads_nor_counts_it(app, client, auth, october):
    """The report (C4) names the head: on the head's summary it is no row and in no count
    (a count of one would tell them that they are named); the clerk still counts it."""
    with app.app_context():
        head = db.session.scalar(select(User).where(User.username == "head"))
        gate.exclude(get_case(app, october["c4"]), [head.id])
        db.session.commit()
    auth.login("head")
    body = text(page(client))
    assert say(app, "Still open on %(day)s: %(n)d cases.", day="2026年10月31日", n=4) in body
    assert list(late_rows(body)) == [october["c6"], october["c3"], october["c7"]]
    assert (
        "data-late-unread" not in body and say(app, "Late reports besides: %(n)d.", n=1) not in body
    )
    auth.logout()
    auth.login("clerk")
    body = text(page(client))
    assert say(app, "Still open on %(day)s: %(n)d cases.", day="2026年10月31日", n=5) in body
    assert say(app, "Late reports besides: %(n)d.", n=1) in body


def test_the_current_month_and_the_month_links(app, client, auth, october):
    auth.login("head")
    body = text(page(client, "/summary/"))
    assert 'data-month="2026-11"' in body and 'rel="next"' not in body
    assert cells(body, "data-channel", "total")[-1] == "1"  # 1 November at 00:10
    assert 'href="/summary/2026-10" rel="prev"' in body
    body = text(page(client))
    assert 'href="/summary/2026-11" rel="next"' in body
    assert 'href="/summary/2026-09" rel="prev"' in body
    # September holds the station's first case: nothing before it to link to.
    assert 'rel="prev"' not in text(page(client, "/summary/2026-09"))


@pytest.mark.parametrize(
    "month, status, message, values",
    [
        ("2026-1", 400, "A month is written as year and month, such as 2026-10.", {}),
        ("2026-13", 400, "A month is written as year and month, such as 2026-10.", {}),
        ("october", 400, "A month is written as year and month, such as 2026-10.", {}),
        ("2026-12", 404, "%(month)s has not begun yet.", {"month": "2026-12"}),
        ("2026-08", 404, "The station's first case was received in %(month)s.",
         {"month": "2026-09"}),
    ],
)  # fmt: skip
def test_months_refused_with_a_message(app, client, auth, october, month, status, message, values):
    auth.login("clerk")
    response = page(client, f"/summary/{month}")
    assert response.status_code == status
    assert say(app, message, **values) in text(response)


def test_a_station_with_no_case_has_only_this_month(app, client, auth):
    auth.login("head")
    assert page(client, "/summary/").status_code == 200
    response = page(client, "/summary/2026-10")
    assert response.status_code == 404
    assert say(app, "The station's first case was received in %(month)s.", month="2026-11") in (
        text(response)
    )


@pytest.mark.parametrize("who", ["county", "admin"])
def test_refused_and_no_link_for_county_and_admins(app, client, auth, october, who):
    auth.login(who)
    assert page(client, "/summary/").status_code == 403
    assert page(client, "/summary/2026-10").status_code == 403
    with at(TODAY):
        assert 'href="/summary/"' not in text(client.get("/"))


@pytest.mark.parametrize("who", ["clerk", "head", "inspector"])
def test_the_nav_links_to_the_summary(app, client, auth, who):
    auth.login(who)
    with at(TODAY):
        assert 'href="/summary/"' in text(client.get("/"))
