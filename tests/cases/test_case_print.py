"""The print sheets of a case: the case file, the transfer slip, the reminder notice and
the reply letter; what they say and who may open them."""

from datetime import timedelta

import pytest
from case_helpers import act, get_case, local_now, make_case, move_to
from helpers import say, text
from sqlalchemy import select

from station.cases.models import CaseEvent, Transfer
from station.extensions import db
from station.i18n import show_date


def fmt(app, day) -> str:
    with app.test_request_context():
        return show_date(day)


def _ids(app, ref: str) -> tuple[int, int]:
    """The case's first transfer and first reminder event."""
    with app.app_context():
        case = get_case(app, ref)
        transfer = db.session.scalar(select(Transfer.id).where(Transfer.case_id == case.id))
        event = db.session.scalar(
            select(CaseEvent.id).where(CaseEvent.case_id == case.id, CaseEvent.action == "remind")
        )
        return transfer, event


@pytest.fixture
def handled(app, client, auth):
    """A case transferred, reminded, replied by letter; the head is logged in."""
    ref = make_case(app, channel="letter", person_address="王家村三组12号", postcode="123456")
    move_to(app, ref, "accepted")
    due = local_now(app).date() + timedelta(days=4)
    auth.login("head")
    act(client, ref, "transfer", unit="线路运维班", request="请现场核实电压", due=due.isoformat())
    act(client, ref, "remind", text="请于三日内办结")
    act(client, ref, "reply", method="letter", content="经核实，已更换变压器。", remedy="减免电费")
    transfer_id, event_id = _ids(app, ref)
    return {"ref": ref, "due": due, "transfer_id": transfer_id, "event_id": event_id}


def urls(case: dict) -> list[str]:
    ref = case["ref"]
    return [
        f"/cases/{ref}/print",
        f"/cases/{ref}/transfers/{case['transfer_id']}/slip",
        f"/cases/{ref}/reminders/{case['event_id']}",
        f"/cases/{ref}/reply-letter",
    ]


def test_the_case_file_has_every_field_and_event(app, client, handled):
    page = text(client.get(f"/cases/{handled['ref']}/print"))
    assert say(app, "Case file") in page and handled["ref"] in page
    for words in ("台区电压低", "王大山", "线路运维班", "请于三日内办结", "经核实，已更换变压器。"):
        assert words in page
    for action in ("Registered", "Accepted", "Transferred to a member unit", "Reminder"):
        assert say(app, action) in page
    assert "data-print" in page
    assert 'class="site-header no-print"' in page  # the navigation stays off the paper


def test_the_transfer_slip_says_who_what_and_by_when(app, client, handled):
    page = text(client.get(f"/cases/{handled['ref']}/transfers/{handled['transfer_id']}/slip"))
    assert say(app, "Transfer slip") in page
    assert "线路运维班" in page and "请现场核实电压" in page and "台区电压低" in page
    assert fmt(app, handled["due"]) in page
    assert say(app, "Received by (signature)") in page and "head" in page
    assert fmt(app, local_now(app).date()) in page  # sent today, the station's day


def test_the_reminder_notice_names_the_assignee_and_the_due_date(app, client, handled):
    page = text(client.get(f"/cases/{handled['ref']}/reminders/{handled['event_id']}"))
    assert say(app, "Reminder notice") in page
    assert "请于三日内办结" in page and "clerk" in page
    with app.app_context():
        due = get_case(app, handled["ref"]).due_reply
    assert fmt(app, due) in page


def test_the_reply_letter_is_addressed_and_signed_by_the_station(app, client, handled):
    page = text(client.get(f"/cases/{handled['ref']}/reply-letter"))
    assert say(app, "Reply letter") in page
    assert "王大山" in page and "王家村三组12号" in page and "123456" in page
    assert "经核实，已更换变压器。" in page and "测试供电所" in page
    assert fmt(app, local_now(app).date()) in page  # dated the station's today


def test_the_case_page_links_its_print_sheets(app, client, handled):
    page = text(client.get(f"/cases/{handled['ref']}"))
    for url in urls(handled):
        assert url in page


def test_sheets_of_another_case_or_the_wrong_kind_are_not_found(app, client, handled):
    other = make_case(app)
    ref = handled["ref"]
    assert client.get(f"/cases/{other}/transfers/{handled['transfer_id']}/slip").status_code == 404
    assert client.get(f"/cases/{other}/reminders/{handled['event_id']}").status_code == 404
    assert client.get(f"/cases/{other}/reply-letter").status_code == 404  # not replied
    with app.app_context():
        first = db.session.scalar(select(CaseEvent.id).order_by(CaseEvent.id))
    assert client.get(f"/cases/{ref}/reminders/{first}").status_code == 404  # not a reminder
    assert client.get(f"/cases/{ref}/transfers/99999/slip").status_code == 404


def test_no_reply_letter_for_a_reply_by_phone(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "replied")  # by phone
    auth.login("head")
    assert client.get(f"/cases/{ref}/reply-letter").status_code == 404


def test_a_letter_to_someone_who_gave_no_name_is_not_addressed_to_anonymous(app, client, auth):
    ref = make_case(app, channel="letter", person_name="", person_address="李家村五组3号")
    move_to(app, ref, "accepted")
    auth.login("head")
    act(client, ref, "reply", method="letter", content="已于次日修复。")
    page = text(client.get(f"/cases/{ref}/reply-letter"))
    assert "李家村五组3号" in page and "匿名" not in page
    assert f"编号：{ref}" in page  # the Chinese colon, not "编号: "
