"""The monthly summary of October 2026 against a hand-counted fixture month, who may open it,
and the months it refuses (docs/domain.md "The monthly summary").

"Today" is Tuesday 10 November 2026, 10:00 in Shanghai. October 2026: 1–7 October are off
(National Day) and Saturday 10 October is a working day. A complaint (general or important)
has first contact 1 WD, reply 3 WD and close 6 WD. Every figure below is counted by hand.
"""

import re
from datetime import date, datetime

import pytest
from case_helpers import add_case, change_case, get_case, move_to
from helpers import say, text
from sqlalchemy import select

from station.cases import actions
from station.extensions import db
from station.models import User
from station.policies.service import add_topic
from station.timeutil import clock_at, to_utc

TZ = "Asia/Shanghai"
TODAY = datetime(2026, 11, 10, 10)
REPORT_SUBJECT = "举报某某收受好处"


def at(moment: datetime):
    return clock_at(to_utc(moment, TZ))


def _topics(app) -> dict[str, int]:
    with app.app_context():
        station_id = db.session.scalar(select(User.station_id).where(User.username == "clerk"))
        topics = [add_topic(station_id, name) for name in ("电压质量", "停电抢修")]
        db.session.commit()
        return {t.name: t.id for t in topics}


def follow_up(app, ref: str, moment: datetime, satisfaction: str) -> None:
    with at(moment), app.app_context():
        clerk = db.session.scalar(select(User).where(User.username == "clerk"))
        actions.follow_up(get_case(app, ref), clerk, satisfaction=satisfaction)
        db.session.commit()


def _steps(app, ref: str, *moments: tuple[str, datetime]) -> None:
    for state, moment in moments:
        with at(moment):
            move_to(app, ref, state)


@pytest.fixture
def october(app):
    topics = _topics(app)
    day = lambda d, h=9, m=0: datetime(2026, 10, d, h, m)  # noqa: E731
    # C1: a letter received Monday 12 October; contact due 13, reply 15, close 20: all on time.
    c1 = add_case(app, channel="letter", received=day(12), topic_id=topics["电压质量"])
    _steps(app, c1, ("accepted", day(12, 10)), ("replied", day(14)), ("followed_up", day(15)),
           ("closed", day(16)))  # fmt: skip
    # C2: a call received 12 October, replied late (16, due 15) but closed on time (19, due 20);
    # the person was dissatisfied.
    c2 = add_case(app, received=day(12), topic_id=topics["电压质量"])
    _steps(app, c2, ("accepted", day(13)), ("replied", day(16)))
    follow_up(app, c2, day(16, 15), "dissatisfied")
    _steps(app, c2, ("closed", day(19)))
    # C3: an important visit, its reply extended from 15 to 22 October and its close from 20
    # to 27 October; replied on 21 October, never followed up: its close is open and late.
    c3 = add_case(app, channel="visit", received=day(12), importance="important",
                  topic_id=topics["停电抢修"])  # fmt: skip
    with at(day(12, 11)):
        move_to(app, c3, "accepted")
    change_case(app, c3, extended_to=date(2026, 10, 22), due_close=date(2026, 10, 27))
    with at(day(21)):
        move_to(app, c3, "replied")
    # C4: a report: counted once, in no table, its subject nowhere.
    c4 = add_case(app, received=day(14), kind="report", subject=REPORT_SUBJECT)
    # C5: a consultation at the counter on Saturday 31 October at 23:30 (15:30 UTC): October's.
    # Its first contact is due Monday 2 November: in no October deadline.
    add_case(app, channel="counter", received=day(31, 23, 30), kind="consultation")
    # C6: received Wednesday 30 September, contact due Thursday 8 October, reply Saturday
    # 10 October, close Wednesday 14 October: contacted late, on 3 November (so still late on
    # 31 October), reply and close open and past due.
    c6 = add_case(app, received=datetime(2026, 9, 30, 9))
    _steps(app, c6, ("accepted", datetime(2026, 11, 3, 9)))
    # C7: a call received Monday 19 October, contact due 20, reply 22, close 27: contacted and
    # replied on time, the follow-up call on 21 October reached nobody, closed late on
    # 2 November.
    c7 = add_case(app, received=day(19))
    _steps(app, c7, ("accepted", day(19, 10)), ("replied", day(20)))
    follow_up(app, c7, day(21), "unreachable")
    _steps(app, c7, ("closed", datetime(2026, 11, 2, 9)))  # late, and open on 31 October
    # Not October's: received 1 November at 00:10 and followed up at 00:30 (16:30 UTC on
    # 31 October), and station B's.
    nov = add_case(app, received=datetime(2026, 11, 1, 0, 10))
    _steps(app, nov, ("followed_up", datetime(2026, 11, 1, 0, 30)))
    add_case(app, "b_clerk", received=day(20))
    return {"c3": c3, "c4": c4, "c6": c6, "c7": c7}


def page(client, url: str = "/summary/2026-10"):
    with at(TODAY):
        return client.get(url)


def cells(body: str, attribute: str, key: str) -> list[str]:
    row = re.search(rf'<tr {attribute}="{key}">(.*?)</tr>', body, re.S)
    assert row, (attribute, key)
    return [c.strip() for c in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]


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
