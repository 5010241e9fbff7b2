"""What the summary tests share: the moment of "today", the October 2026 fixture month
(``october``, counted by hand: "today" is Tuesday 10 November 2026,
10:00 in Shanghai; 1–7 October are off and Saturday 10 October is a working day; a complaint
has first contact 1 WD, reply 3 WD and close 6 WD) and reading a table row of the page."""

import re
from datetime import date, datetime

import pytest
from case_helpers import add_case, change_case, get_case, move_to
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


def page(client, url: str = "/summary/2026-10"):
    with at(TODAY):
        return client.get(url)


def cells(body: str, attribute: str, key: str) -> list[str]:
    row = re.search(rf'<tr {attribute}="{key}">(.*?)</tr>', body, re.S)
    assert row, (attribute, key)
    return [c.strip() for c in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]


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
