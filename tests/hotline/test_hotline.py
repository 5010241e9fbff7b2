"""The reporting-line log: logging calls, each disposition, the call as the phone intake
source (prefill, link, a phone case typed straight in), a report call, the duty."""

from datetime import date, datetime, time, timedelta

import pytest
from case_helpers import make_case
from conftest import PASSWORD
from helpers import notices
from sqlalchemy import func, select

from station.cases.models import Case, CaseEvent
from station.duties import registry
from station.extensions import db
from station.hotline import service
from station.hotline.models import Call
from station.models import Station, User

pytestmark = pytest.mark.usefixtures("english")
MONDAY = date(2026, 11, 30)  # a working day in the past
CALL = {
    "received_date": "2026-11-30", "received_time": "09:15", "line": "95598",
    "number": "13800002222", "name": "周九", "words": "村东头停电两小时",
}  # fmt: skip


def login(client, username: str):
    return client.post("/login", data={"username": username, "password": PASSWORD})


def station_id(app, name: str = "测试供电所") -> int:
    with app.app_context():
        return db.session.scalar(select(Station.id).where(Station.name == name))


def user(app, username: str) -> User:
    with app.app_context():
        found = db.session.scalar(select(User).where(User.username == username))
        db.session.expunge(found)
        return found


def _log(client, **changes):
    return client.post("/hotline/calls", data={**CALL, **changes})


def _calls(app) -> list[Call]:
    with app.app_context():
        rows = list(db.session.scalars(select(Call).order_by(Call.id)))
        db.session.expunge_all()
        return rows


def _logged(app, client, **changes) -> int:
    login(client, "clerk")
    answer = _log(client, **changes)
    assert answer.status_code == 303, notices(answer)
    return _calls(app)[-1].id


def _dispose(client, ident: int, **data):
    return client.post(f"/hotline/calls/{ident}/disposition", data=data)


def _case(app, case_id: int) -> Case:
    with app.app_context():
        found = db.session.get(Case, case_id)
        db.session.expunge(found)
        return found


def test_a_logged_call_is_in_the_log_with_who_took_it(app, client):
    ident = _logged(app, client)
    call = _calls(app)[0]
    assert (call.id, call.line, call.caller_number, call.caller_name) == (
        ident, "95598", "13800002222", "周九")  # fmt: skip
    assert call.day == MONDAY and call.disposition is None
    page = client.get("/hotline/").text
    assert "村东头停电两小时" in page and "13800002222" in page and "No disposition yet" in page


def test_a_withheld_anonymous_call(app, client):
    _logged(app, client, number="", name="不该留下", anonymous="y")
    call = _calls(app)[0]
    assert (call.caller_number, call.caller_name, call.anonymous) == ("", "", True)
    assert "Withheld" in client.get("/hotline/").text


def test_answered_on_the_phone_is_a_phone_case_answered_on_the_spot(app, client):
    ident = _logged(app, client)
    answer = _dispose(
        client, ident, disposition="answered", kind="consultation", answer="已告知抢修中"
    )
    assert answer.status_code == 303
    call = _calls(app)[0]
    assert call.disposition == "answered" and call.case_id is not None
    case = _case(app, call.case_id)
    assert (case.channel, case.phone_line, case.person_phone) == ("phone", "95598", "13800002222")
    assert case.on_the_spot and case.closed_at is not None and case.kind == "consultation"
    assert case.received_on == MONDAY
    # One call, one case: nothing else was logged.
    assert len(_calls(app)) == 1


def test_wrong_number_or_silent(app, client):
    ident = _logged(app, client, words="")
    assert _dispose(client, ident, disposition="wrong").status_code == 303
    call = _calls(app)[0]
    assert (call.disposition, call.case_id) == ("wrong", None)
    with app.app_context():
        assert db.session.scalar(select(func.count(Case.id))) == 0


def _phone_case(app, station: str = "测试供电所", kind: str = "complaint") -> tuple[int, str]:
    """A phone case registered at 08:00 on Monday (straight in the register, no call)."""
    ref = make_case(
        app, registered_by="clerk" if station == "测试供电所" else "b_clerk", kind=kind,
        received_local=datetime.combine(MONDAY, time(8)), subject="停电", content="停电",
        phone_line="station",
    )  # fmt: skip
    with app.app_context():
        sid = db.session.scalar(select(Station.id).where(Station.name == station))
        found = db.session.scalar(select(Case.id).where(Case.ref == ref, Case.station_id == sid))
        return found, ref


def test_a_duplicate_is_linked_with_a_note_on_the_case_timeline(app, client):
    case_id, ref = _phone_case(app)
    ident = _logged(app, client)
    assert _dispose(client, ident, disposition="duplicate", ref=ref).status_code == 303
    call = _calls(app)[0]
    assert (call.disposition, call.case_id) == ("duplicate", case_id)
    with app.app_context():
        event = db.session.scalar(
            select(CaseEvent).where(
                CaseEvent.case_id == case_id, CaseEvent.action == "duplicate_call"
            )
        )
        assert event.note == "村东头停电两小时" and event.data["line"] == "95598"
    page = client.get(f"/cases/{ref}").text
    assert "Another call about this case" in page


@pytest.mark.parametrize("ref", ["", "2026-9999", "other-station"])
def test_a_duplicate_of_no_case_of_this_station_saves_nothing(app, client, ref):
    _, b_ref = _phone_case(app, station="邻村供电所")
    ident = _logged(app, client)
    wanted = b_ref if ref == "other-station" else ref
    answer = _dispose(client, ident, disposition="duplicate", ref=wanted)
    assert answer.status_code == 400
    expected = (
        "Enter the reference of the case the call is about."
        if not wanted
        else f"There is no case {wanted} at this station."
    )
    assert expected in notices(answer)
    call = _calls(app)[0]
    assert (call.disposition, call.case_id) == (None, None)
    with app.app_context():
        assert db.session.scalar(select(func.count(CaseEvent.id)).where(
            CaseEvent.action == "duplicate_call")) == 0  # fmt: skip


def test_bad_calls_and_dispositions_save_nothing(app, client):
    login(client, "clerk")
    for changes, message in (
        ({"line": "110"}, "The call is not logged: check the marked fields."),
        ({"received_date": ""}, "The call is not logged: check the marked fields."),
        ({"number": "abc"}, "The call is not logged: check the marked fields."),
        ({"received_date": "2099-01-01"}, "A call cannot be logged for a time still to come."),
    ):
        answer = _log(client, **changes)
        assert answer.status_code == 400 and message in notices(answer), changes
    assert _calls(app) == []
    ident = _logged(app, client)
    for data, message in (
        ({}, "Choose a disposition."),
        ({"disposition": "lost"}, "Choose a disposition."),
        ({"disposition": "answered", "kind": "consultation", "answer": " "},
         "Write down what the caller was told."),
        ({"disposition": "answered", "kind": "report", "answer": "x"},
         "A report is registered as a case, not answered on the phone."),
    ):  # fmt: skip
        answer = _dispose(client, ident, **data)
        assert answer.status_code == 400 and message in notices(answer), data
    assert _calls(app)[0].disposition is None
    with app.app_context():
        assert db.session.scalar(select(func.count(Case.id))) == 0
    # Disposed once: a second disposition is refused.
    assert _dispose(client, ident, disposition="wrong").status_code == 303
    again = _dispose(client, ident, disposition="wrong")
    assert again.status_code == 400
    assert "This call's disposition is recorded already." in notices(again)


PHONE_CASE = {
    "intake_token": "c" * 32, "phone_line": "95598", "person_phone": "13800002222",
    "person_name": "周九", "kind": "complaint", "importance": "general",
    "subject": "村东头停电两小时", "content": "村东头停电两小时",
    "external_ref": "WO-1", "received_date": "2026-11-30", "received_time": "09:15",
}  # fmt: skip


def test_became_a_case_opens_the_phone_form_filled_from_the_call_and_links_it(app, client):
    ident = _logged(app, client)
    form = client.get(f"/cases/new?channel=phone&from=call:{ident}")
    assert form.status_code == 200
    assert 'value="13800002222"' in form.text and "村东头停电两小时" in form.text
    assert 'value="2026-11-30"' in form.text and 'value="09:15"' in form.text
    assert '<option selected value="95598">' in form.text
    answer = client.post(f"/cases/new?channel=phone&from=call:{ident}", data=PHONE_CASE)
    assert answer.status_code == 303
    calls = _calls(app)
    assert len(calls) == 1  # linked, not logged a second time
    assert calls[0].disposition == "case" and calls[0].case_id is not None
    assert _case(app, calls[0].case_id).channel == "phone"
    # Disposed: it cannot become a second case; nor is it another station's to use.
    assert client.get(f"/cases/new?channel=phone&from=call:{ident}").status_code == 404
    other = app.test_client()
    login(other, "b_clerk")
    assert other.get(f"/cases/new?channel=phone&from=call:{ident}").status_code == 404


def test_a_phone_case_registered_directly_is_in_the_log_exactly_once(app, client):
    login(client, "clerk")
    answer = client.post("/cases/new?channel=phone", data=PHONE_CASE)
    assert answer.status_code == 303
    calls = _calls(app)
    assert len(calls) == 1
    call = calls[0]
    assert (call.disposition, call.line, call.caller_number, call.day) == (
        "case", "95598", "13800002222", MONDAY)  # fmt: skip
    assert call.taken_by_id == user(app, "clerk").id
    # The same form sent again registers nothing more, and logs nothing more.
    client.post("/cases/new?channel=phone", data=PHONE_CASE)
    assert len(_calls(app)) == 1
    page = client.get("/hotline/").text
    assert page.count("13800002222") == 1
    # A letter is no call.
    letter = {**PHONE_CASE, "intake_token": "d" * 32, "subject": "来信", "content": "来信"}
    client.post("/cases/new?channel=letter", data=letter)
    assert len(_calls(app)) == 1


def test_a_phone_case_answered_on_the_spot_logs_its_call_as_answered(app, client):
    login(client, "clerk")
    data = {**PHONE_CASE, "kind": "consultation", "answered_on_spot": "y", "answer": "已解释"}
    assert client.post("/cases/new?channel=phone", data=data).status_code == 303
    assert [c.disposition for c in _calls(app)] == ["answered"]


REPORT_NUMBER = "13955556666"
REPORT_WORDS = "举报抄表员私收电费"
REPORT_CASE = {
    **PHONE_CASE, "kind": "report", "phone_line": "station", "external_ref": "",
    "person_phone": REPORT_NUMBER, "subject": REPORT_WORDS, "content": REPORT_WORDS,
}  # fmt: skip


def _assert_shows_nothing(app, ref: str) -> None:
    for username in ("clerk", "head", "inspector"):
        reader = app.test_client()
        login(reader, username)
        page = reader.get("/hotline/").text
        assert "Confidential handling" in page, username
        assert REPORT_NUMBER not in page and "私收电费" not in page, username
        assert "周九" not in page, username
        may_open = username in ("head", "inspector")
        assert (ref in page) is may_open, username
        call_page = reader.get(f"/hotline/calls/{_calls(app)[0].id}").text
        assert REPORT_NUMBER not in call_page and "私收电费" not in call_page, username


def test_a_call_that_becomes_a_report_shows_only_its_time_and_line(app, client):
    ident = _logged(app, client, number=REPORT_NUMBER, words=REPORT_WORDS, line="station")
    data = REPORT_CASE
    answer = client.post(f"/cases/new?channel=phone&from=call:{ident}", data=data)
    assert answer.status_code == 200  # the report's one confirmation
    call = _calls(app)[0]
    assert (call.caller_number, call.caller_name, call.words) == ("", "", "")
    assert call.confidential and call.disposition == "case"
    _assert_shows_nothing(app, _case(app, call.case_id).ref)


def test_a_report_registered_directly_logs_a_sealed_call(app, client):
    login(client, "clerk")
    data = REPORT_CASE
    assert client.post("/cases/new?channel=phone", data=data).status_code == 200
    call = _calls(app)[0]
    assert (call.caller_number, call.words, call.confidential) == ("", "", True)
    _assert_shows_nothing(app, _case(app, call.case_id).ref)


def test_a_duplicate_of_a_report_is_sealed_too(app, client):
    _, ref = _phone_case(app, kind="report")
    ident = _logged(app, client, number=REPORT_NUMBER, words=REPORT_WORDS)
    assert _dispose(client, ident, disposition="duplicate", ref=ref).status_code == 303
    call = _calls(app)[0]
    assert (call.caller_number, call.words, call.confidential) == ("", "", True)
    _assert_shows_nothing(app, ref)


def test_the_duty_lists_calls_without_a_disposition_by_their_day(app, client):
    earlier = _logged(app, client, received_date="2026-11-27", received_time="16:40")
    _logged(app, client)  # Monday 30 November 09:15
    done = _logged(app, client, received_date="2026-11-30", received_time="10:00")
    _dispose(client, done, disposition="wrong")
    sid, other = station_id(app), station_id(app, "邻村供电所")
    with app.test_request_context():
        items = registry.items(sid, MONDAY)
        hotline = [i for i in items if i.duty == "hotline"]
        assert [(i.label, i.due, i.late(MONDAY)) for i in hotline] == [
            (
                "Call of November 27 16:40 on 95598 hotline: no disposition",
                date(2026, 11, 27),
                True,
            ),
            ("Call of November 30 09:15 on 95598 hotline: no disposition", MONDAY, False),
        ]
        assert hotline[0].endpoint == "hotline.call" and hotline[0].params == {"call_id": earlier}
        assert "周九" not in repr(hotline) and "13800002222" not in repr(hotline)
        # On the Friday itself, only Friday's call, due today.
        fri = date(2026, 11, 27)
        friday = [i for i in registry.items(sid, fri) if i.duty == "hotline"]
        assert [(i.due, i.late(fri)) for i in friday] == [(fri, False)]
        # Another station owes nothing.
        assert [i for i in registry.items(other, MONDAY) if i.duty == "hotline"] == []


def test_the_reporting_line_is_the_admins_setting(app, client):
    sid, other = station_id(app), station_id(app, "邻村供电所")
    with app.app_context():
        assert service.reporting_line(sid) == ""
    login(client, "admin")
    assert client.post("/hotline/line", data={"reporting_line": "x"}).status_code == 400
    answer = client.post("/hotline/line", data={"reporting_line": "0571-12345"})
    assert answer.status_code == 303
    with app.app_context():
        assert service.reporting_line(sid) == "0571-12345"
        assert service.reporting_line(other) == ""


def test_inspectors_read_the_log_without_the_forms_to_record(app, client):
    ident = _logged(app, client)
    clerk_page = client.get("/hotline/").text
    assert 'action="/hotline/calls"' in clerk_page
    assert f'action="/hotline/calls/{ident}/disposition"' in client.get(
        f"/hotline/calls/{ident}").text  # fmt: skip
    inspector = app.test_client()
    login(inspector, "inspector")
    page = inspector.get("/hotline/")
    assert page.status_code == 200 and "村东头停电两小时" in page.text
    assert 'action="/hotline/calls"' not in page.text
    call_page = inspector.get(f"/hotline/calls/{ident}").text
    assert "/disposition" not in call_page and "from=call" not in call_page
    assert inspector.post(f"/hotline/calls/{ident}/disposition", data={}).status_code == 403
    # The admin has the line setting, not the calls; the county neither.
    admin = app.test_client()
    login(admin, "admin")
    assert admin.get("/hotline/").status_code == 403
    assert admin.get(f"/hotline/calls/{ident}").status_code == 403
    assert admin.get("/hotline/line").status_code == 200
    county = app.test_client()
    login(county, "county")
    assert county.get("/hotline/").status_code == 403
    assert county.get("/hotline/line").status_code == 403
    assert "/hotline/" not in county.get("/").text


def test_the_hall_notice_prints_the_reporting_line(app, client):
    login(client, "admin")
    client.post("/hotline/line", data={"reporting_line": "0571-12345"})
    head = app.test_client()
    login(head, "head")
    assert "0571-12345" in head.get("/reception/notice").text


def test_the_log_pages_through_its_calls_fifty_at_a_time(app, client):
    """51 calls: the latest 50 on page 1, the first call alone on page 2; a page past the
    end shows the last page."""
    sid, clerk = station_id(app), user(app, "clerk")
    with app.app_context():
        clerk = db.session.merge(clerk)
        for n in range(51):
            service.log_call(
                sid, received_local=datetime(2026, 11, 2, 8, 30) + (n * timedelta(minutes=7)),
                line="service", number=f"139{n:08d}", anonymous=False, name=f"来电人{n}",
                words=f"第{n}号来电", taken_by=clerk,
            )  # fmt: skip
        db.session.commit()
    login(client, "clerk")
    first = client.get("/hotline/").text
    assert "第50号来电" in first and "第1号来电" in first and "第0号来电" not in first
    assert "Page 1 of 2" in first and 'href="/hotline/?page=2"' in first
    second = client.get("/hotline/?page=2").text
    assert "第0号来电" in second and "第1号来电" not in second
    assert "第0号来电" in client.get("/hotline/?page=9").text  # past the end: the last page
