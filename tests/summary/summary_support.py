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
    return {"c2": c2, "c3": c3, "c4": c4, "c6": c6, "c7": c7, "topics": topics}


def _users(*names: str) -> list[User]:
    return [db.session.scalar(select(User).where(User.username == n)) for n in names]


def _returns(app, topics: dict[str, int], c2: str, c6: str) -> None:
    """The head reminds the clerk of C6 on 20 October; C2's person appeals on 29 October
    and the head takes the appeal, contacting the person that day; complaints that repeat
    (R1, 90 days after E0) and that do not (R2, 99 days after E1; R3, another topic than E2)."""
    day = lambda m, d, h=9: datetime(2026, m, d, h)  # noqa: E731
    with at(day(10, 20)), app.app_context():
        (head,) = _users("head")
        actions.remind(get_case(app, c6), head, text="请尽快答复")
        db.session.commit()
    with at(day(10, 29)), app.app_context():
        clerk, head = _users("clerk", "head")
        appeal = actions.reopen_appeal(get_case(app, c2), clerk, reason="仍不满意", tz=TZ)
        actions.assign(appeal, clerk, assignee=head)
        actions.accept(appeal, head, contacted_at=to_utc(day(10, 29, 10), TZ))
        db.session.commit()
    phone, id_number = "13800001111", "110101199001011234"
    voltage, repair = topics["电压质量"], topics["停电抢修"]
    add_case(app, received=day(7, 28), person_phone=phone, topic_id=voltage)  # E0
    add_case(app, received=day(10, 26), person_phone=phone, topic_id=voltage)  # R1: repeat
    add_case(app, received=day(7, 20), person_id_number=id_number, topic_id=repair)  # E1
    add_case(app, received=day(10, 27), person_id_number=id_number, topic_id=repair)  # R2
    add_case(app, received=day(10, 20), person_phone="13900002222", topic_id=voltage)  # E2
    add_case(app, received=day(10, 28), person_phone="13900002222", topic_id=repair)  # R3


def _boxes(app) -> None:
    """A box created Friday 9 October, opened every 5 days: due 14 October (opened 13, on
    time), 16 (opened Monday 19, late), 23 (opened 23, on time), 28 (opened 2 November,
    late); the next is due 6 November."""
    from station.box import service as boxes

    with at(datetime(2026, 10, 9, 9)), app.app_context():
        clerk, head = _users("clerk", "head")
        box = boxes.save_box(
            None, clerk.station_id, place="营业厅", interval_days=5, active=True,
            opener_ids=[clerk.id], today=date(2026, 10, 9),
        )  # fmt: skip
        db.session.commit()
        box_id = box.id
    for opened in (date(2026, 10, 13), date(2026, 10, 19), date(2026, 10, 23), date(2026, 11, 2)):
        with at(datetime(opened.year, opened.month, opened.day, 16)), app.app_context():
            clerk, head = _users("clerk", "head")
            boxes.record_opening(
                db.session.get(boxes.SuggestionBox, box_id), clerk, opened_on=opened,
                opener_id=clerk.id, witness=boxes.Witness(user_id=head.id), item_count=0,
                items=[], tz=TZ,
            )  # fmt: skip
            db.session.commit()


def _calls_and_visitors(app) -> None:
    """Two calls in October (a wrong number; one not dealt with), one in November; two
    visitors on Monday 19 October's reception day (one referred, one not dealt with)."""
    from station.hotline import service as hotline
    from station.reception import service as reception

    moments = (datetime(2026, 10, 15, 10), datetime(2026, 10, 30, 16), datetime(2026, 11, 2, 9))
    for moment in moments:
        with at(moment), app.app_context():
            (clerk,) = _users("clerk")
            call = hotline.log_call(
                clerk.station_id, received_local=moment, line="station", number="13700000000",
                anonymous=False, name="", words="来电反映", taken_by=clerk,
            )  # fmt: skip
            if moment.day == 15:
                hotline.wrong_number(call, clerk)
            db.session.commit()
    with at(datetime(2026, 10, 19, 9)), app.app_context():
        clerk, head = _users("clerk", "head")
        first = reception.sign_in(clerk.station_id, name="李四", phone="", matter="电费",
                                  headcount=1, form_key="v1", user=clerk)  # fmt: skip
        reception.sign_in(clerk.station_id, name="张五", phone="", matter="线路",
                          headcount=1, form_key="v2", user=clerk)  # fmt: skip
        reception.record_outcome(first, date(2026, 10, 19), "referred", "转县公司营销部", head)
        db.session.commit()


def _key_persons(app) -> None:
    """The complainants of E0 (marked 1 September, every 30 days, visited 9 October, next
    due 8 November) and of E1 (marked 15 August, every 30 days, never visited: late)."""
    from station.cases.models import Case
    from station.people import service as people
    from station.people import visits

    for phone_or_id, marked, visited in (
        ("13800001111", datetime(2026, 9, 1, 9), date(2026, 10, 9)),
        ("110101199001011234", datetime(2026, 8, 15, 9), None),
    ):
        with at(marked), app.app_context():
            (clerk,) = _users("clerk")
            case = db.session.scalar(
                select(Case)
                .where((Case.person_phone == phone_or_id) | (Case.person_id_number == phone_or_id))
                .order_by(Case.received_at)
            )
            person = people.mark(case, clerk, "多次投诉电压问题")
            visits.set_interval(person, 30)
            db.session.commit()
            person_id = person.id
        if visited:
            with at(datetime(visited.year, visited.month, visited.day, 15)), app.app_context():
                (clerk,) = _users("clerk")
                visits.record_visit(
                    db.session.get(people.KeyPerson, person_id), clerk, visited_on=visited,
                    visitor_id=clerk.id, said="走访了解用电情况", satisfaction="satisfied",
                )  # fmt: skip
                db.session.commit()


@pytest.fixture
def october_more(app, october):
    """October, with what comes back and the duties: appeals, repeats, reminders, a box
    opening done late, calls, visitors and key-person visits (counted by hand in the tests
    that take it)."""
    _returns(app, october["topics"], october["c2"], october["c6"])
    _boxes(app)
    _calls_and_visitors(app)
    _key_persons(app)
    return october
