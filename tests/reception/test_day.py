"""The day's queue and each visitor's outcome; the visitor as an intake source; the duty."""

from datetime import date, datetime, time, timedelta

import pytest
from case_helpers import today
from helpers import notices
from reception_helpers import (
    login,
    make_today_a_reception_day,
    sign_in,
    station_id,
    user,
)
from sqlalchemy import select

from station.cases.models import Case
from station.duties import registry
from station.extensions import db
from station.reception import service
from station.reception.models import Visitor
from station.timeutil import clock_at, to_utc

pytestmark = pytest.mark.usefixtures("english")
MONDAY = date(2026, 11, 30)  # a working day, a reception day by default


def _signed_in(
    app, *, at: date = MONDAY, name="张三", matter="电压低，灯泡发暗", station="测试供电所"
):
    """A visitor signed in at the clerk's desk at 09:00 on ``at``."""
    tz = app.config["STATION_TIMEZONE"]
    with app.test_request_context(), clock_at(to_utc(datetime.combine(at, time(9)), tz)):
        clerk = user(app, "clerk" if station == "测试供电所" else "b_clerk")
        visitor = service.sign_in(
            station_id(app, station), name=name, phone="13800001111", matter=matter,
            headcount=1, form_key=f"{name}{at.isoformat()}"[:16].ljust(16, "x"), user=clerk,
        )  # fmt: skip
        db.session.commit()
        return visitor.id


def _visitor(app, ident: int) -> Visitor:
    with app.app_context():
        found = db.session.get(Visitor, ident)
        db.session.expunge(found)
        return found


def _outcome(client, ident: int, day: date = MONDAY, **data):
    return client.post(f"/reception/{day.isoformat()}/visitors/{ident}/outcome", data=data)


def test_answered_on_the_spot_is_a_visit_case_closed_at_once(app, client):
    ident = _signed_in(app)
    login(client, "head")
    answer = _outcome(
        client, ident, outcome="answered", kind="consultation", answer="已解释峰谷电价"
    )
    assert answer.status_code == 303
    visitor = _visitor(app, ident)
    assert visitor.outcome == "answered" and visitor.outcome_by_id == user(app, "head").id
    with app.app_context():
        case = db.session.get(Case, visitor.case_id)
        assert (case.channel, case.kind, case.status, case.on_the_spot) == (
            "visit", "consultation", "closed", True,
        )  # fmt: skip
        assert (case.person_name, case.subject) == ("张三", "电压低，灯泡发暗")
        assert case.received_on == MONDAY


@pytest.mark.parametrize(
    ("outcome", "note", "stored"),
    [("referred", "县公司营销部", "县公司营销部"), ("left", "ignored", ""),
     ("police", "辱骂工作人员，已报110", "辱骂工作人员，已报110")],
)  # fmt: skip
def test_the_other_outcomes(app, client, outcome, note, stored):
    ident = _signed_in(app)
    login(client, "head")
    assert _outcome(client, ident, outcome=outcome, note=note).status_code == 303
    visitor = _visitor(app, ident)
    assert (visitor.outcome, visitor.outcome_note, visitor.case_id) == (outcome, stored, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [({"outcome": "referred", "note": " "}, "Say where the visitor was referred."),
     ({"outcome": "police"}, "Say what happened and what was reported to the police."),
     ({"outcome": "answered", "kind": "consultation"}, "Write down what the visitor was told."),
     ({"outcome": "answered", "kind": "report", "answer": "x"}, "Not a valid choice."),
     ({"outcome": "teleported"}, "Choose an outcome."),
     ({}, "Choose an outcome.")],
)  # fmt: skip
def test_a_bad_outcome_saves_nothing(app, client, data, message):
    ident = _signed_in(app)
    login(client, "head")
    answer = _outcome(client, ident, **data)
    assert answer.status_code == 400
    assert message in answer.text
    assert _visitor(app, ident).outcome is None
    with app.app_context():
        assert db.session.scalar(select(Case.id)) is None


def test_an_outcome_for_a_visitor_of_another_day_saves_nothing(app, client):
    ident = _signed_in(app)
    login(client, "head")
    answer = _outcome(client, ident, day=MONDAY + timedelta(days=7), outcome="left")
    assert answer.status_code == 400
    assert "This visitor signed in on another reception day." in notices(answer)
    assert _visitor(app, ident).outcome is None


def test_an_outcome_is_recorded_once(app, client):
    ident = _signed_in(app)
    login(client, "head")
    _outcome(client, ident, outcome="left")
    answer = _outcome(client, ident, outcome="referred", note="别处")
    assert "This visitor's outcome is recorded already." in notices(answer)
    assert _visitor(app, ident).outcome == "left"


def test_the_day_s_host_decides_and_no_other_clerk(app, client):
    ident = _signed_in(app)
    with app.test_request_context(), clock_at(to_utc(datetime(2026, 11, 30, 8), "Asia/Shanghai")):
        service.name_host(station_id(app), MONDAY, user(app, "clerk").id, user(app, "head"))
        db.session.commit()
    other = app.test_client()
    login(other, "b_head")
    assert _outcome(other, ident, outcome="left").status_code == 404
    inspector = app.test_client()
    login(inspector, "inspector")
    assert _outcome(inspector, ident, outcome="left").status_code == 403
    login(client, "clerk")
    page = client.get(f"/reception/{MONDAY.isoformat()}")
    assert f"/visitors/{ident}" in page.text  # the host's link to the outcome
    assert client.post(f"/reception/{MONDAY.isoformat()}/visitors/{ident}/call").status_code == 303
    assert _visitor(app, ident).place == "with_host"
    assert _outcome(client, ident, outcome="left").status_code == 303


def test_a_clerk_who_does_not_host_sees_the_queue_but_no_outcome_link(app, client):
    ident = _signed_in(app)
    login(client, "clerk")
    page = client.get(f"/reception/{MONDAY.isoformat()}")
    assert "张三" in page.text and f"/visitors/{ident}" not in page.text
    assert f"from=visitor:{ident}" in page.text  # the clerk enters the visitor's case
    assert _outcome(client, ident, outcome="left").status_code == 403
    index = client.get("/reception/").text
    assert 'href="/reception/hosts"' not in index and 'href="/devices/"' not in index
    assert 'action="/reception/settings"' not in index
    assert client.get("/reception/hosts").status_code == 403
    assert client.get("/devices/").status_code == 403


def test_became_a_case_from_the_sign_in(app, client):
    ident = _signed_in(app, name="李四", matter="表计走得快")
    login(client, "clerk")
    form = client.get(f"/cases/new?channel=visit&from=visitor:{ident}")
    assert form.status_code == 200
    assert 'value="李四"' in form.text and "表计走得快" in form.text
    assert 'value="2026-11-30"' in form.text and 'value="09:00"' in form.text
    data = {
        "intake_token": "a" * 32, "person_name": "李四", "person_phone": "13800001111",
        "kind": "complaint", "importance": "general", "subject": "表计走得快",
        "content": "表计走得快", "received_date": "2026-11-30", "received_time": "09:00",
    }  # fmt: skip
    answer = client.post(f"/cases/new?channel=visit&from=visitor:{ident}", data=data)
    assert answer.status_code == 303
    visitor = _visitor(app, ident)
    assert visitor.outcome == "case" and visitor.case is not None
    with app.app_context():
        assert db.session.get(Case, visitor.case_id).channel == "visit"
    # Dealt with: it can no longer become a second case.
    assert client.get(f"/cases/new?channel=visit&from=visitor:{ident}").status_code == 404
    other = app.test_client()
    login(other, "b_clerk")
    assert other.get(f"/cases/new?channel=visit&from=visitor:{ident}").status_code == 404


def test_a_visitor_whose_matter_becomes_a_report_shows_nothing_of_itself(app, client):
    ident = _signed_in(app, name="钱八", matter="举报抄表员收红包")
    login(client, "clerk")
    data = {
        "intake_token": "b" * 32, "person_name": "钱八", "person_phone": "13800001111",
        "kind": "report", "importance": "general", "subject": "举报抄表员收红包",
        "content": "举报抄表员收红包", "received_date": "2026-11-30", "received_time": "09:00",
    }  # fmt: skip
    answer = client.post(f"/cases/new?channel=visit&from=visitor:{ident}", data=data)
    assert answer.status_code == 200  # the report's one confirmation
    visitor = _visitor(app, ident)
    assert (visitor.name, visitor.phone, visitor.matter, visitor.confidential) == ("", "", "", True)
    for username in ("clerk", "head"):
        reader = app.test_client()
        login(reader, username)
        for url in (f"/reception/{MONDAY.isoformat()}", f"/reception/{MONDAY.isoformat()}/queue"):
            page = reader.get(url).text
            assert "Confidential handling" in page
            assert "钱八" not in page and "收红包" not in page and "13800001111" not in page
    head = app.test_client()
    login(head, "head")
    # The head reads reports: the queue links to it; the clerk who took it gets no link.
    assert visitor.case.ref in head.get(f"/reception/{MONDAY.isoformat()}").text
    assert visitor.case.ref not in client.get(f"/reception/{MONDAY.isoformat()}").text


def test_the_day_page_says_who_waited_past_closing_time(app, client):
    ident = _signed_in(app)
    _signed_in(app, name="王五")
    login(client, "head")
    _outcome(client, ident, outcome="left")
    page = client.get(f"/reception/{MONDAY.isoformat()}")
    assert "1 visitor was still waiting at closing time." in page.text
    # Whoever was never called in is "not seen", not a wait of days counted to now.
    assert page.text.count("Not seen") == 1
    assert "hx-get" not in page.text  # a past day is not polled
    assert "Visitors not dealt with: 1" in client.get("/reception/").text


def test_today_s_queue_polls_itself(app, client):
    make_today_a_reception_day(app)
    login(client, "clerk")
    sign_in(client, name="赵九")
    with app.app_context():
        if service.closed(station_id(app), today(app)):
            pytest.skip("the reception of today is over: nothing to poll")
    page = client.get(f"/reception/{today(app).isoformat()}")
    assert f'hx-get="/reception/{today(app).isoformat()}/queue"' in page.text
    part = client.get(f"/reception/{today(app).isoformat()}/queue", headers={"HX-Request": "true"})
    assert "赵九" in part.text and "<html" not in part.text


def test_bad_days_are_not_found(app, client):
    login(client, "head")
    for value in ("2026-13-01", "20261130", "tomorrow", "2026-2-3"):
        assert client.get(f"/reception/{value}").status_code == 404


def test_the_duty_lists_days_with_visitors_not_dealt_with(app, client):
    first = _signed_in(app)
    _signed_in(app, name="王五")
    _signed_in(app, at=MONDAY + timedelta(days=7), name="赵六")
    _signed_in(app, name="孙七", station="邻村供电所")
    sid = station_id(app)
    with app.test_request_context():
        items = registry.items(sid, MONDAY + timedelta(days=7))
        assert [(i.duty, i.due, i.count, i.params) for i in items] == [
            ("reception", MONDAY, 2, {"day": "2026-11-30"}),
            ("reception", date(2026, 12, 7), 1, {"day": "2026-12-07"}),
        ]
        assert [i.late(date(2026, 12, 7)) for i in items] == [True, False]
        assert all("张三" not in i.label and "王五" not in i.label for i in items)
        # Not yet due on the day before the second one: only the first.
        assert [i.due for i in registry.items(sid, MONDAY)] == [MONDAY]
    login(client, "head")
    _outcome(client, first, outcome="left")
    with app.test_request_context():
        assert [i.count for i in registry.items(sid, MONDAY)] == [1]


def test_the_head_names_hosts_for_coming_days_only(app, client):
    login(client, "head")
    day = service_days = None
    with app.test_request_context():
        service_days = service.coming_days(station_id(app), today(app), 2)
    day = service_days[1]
    answer = client.post(
        "/reception/hosts", data={"day": day.isoformat(), "host": user(app, "clerk").id}
    )
    assert answer.status_code == 303
    assert "clerk" in client.get("/reception/notice").text
    past = client.post(
        "/reception/hosts", data={"day": "2026-11-30", "host": user(app, "clerk").id}
    )
    assert (
        past.status_code == 400 and "Hosts are named for coming reception days only." in past.text
    )
    stranger = client.post(
        "/reception/hosts", data={"day": day.isoformat(), "host": user(app, "b_clerk").id}
    )
    assert "The host is a head or clerk of the station." in stranger.text
    inspector = client.post(
        "/reception/hosts", data={"day": day.isoformat(), "host": user(app, "inspector").id}
    )
    assert inspector.status_code == 400


def test_the_head_sets_the_weekday(app, client):
    login(client, "head")
    assert (
        client.post("/reception/settings", data={"weekday": "2", "closes_at": "17:00"}).status_code
        == 303
    )
    index = client.get("/reception/").text
    assert "every Wednesday" in index
    assert 'href="/reception/hosts"' in index and 'href="/devices/"' in index
    bad = client.post("/reception/settings", data={"weekday": "6", "closes_at": "17:00"})
    assert "Choose a weekday and a closing time." in notices(client.get(bad.headers["Location"]))
    with app.app_context():
        assert service.setting(station_id(app)).weekday == 2
