"""The acceptance receipt, repeat callers and key persons, and who may see or mark them."""

import uuid

import pytest
from conftest import PASSWORD
from helpers import notices, open_page, text
from sqlalchemy import select

from station.cases.models import Case, CaseEvent
from station.extensions import db
from station.people.models import KeyPerson

pytestmark = pytest.mark.usefixtures("english")


def register(client, channel: str = "counter", **data) -> str:
    """Register a case as the logged-in user; its reference number."""
    form = {
        "subject": "电表走字过快",
        "kind": "complaint",
        "importance": "general",
        "received_date": "2025-03-03",
        "received_time": "09:30",
        "intake_token": uuid.uuid4().hex,
        **data,
    }
    response = client.post(f"/cases/new?channel={channel}", data=form)
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"].split("/")[-2]


def login(app, username: str):
    client = app.test_client()
    client.post("/login", data={"username": username, "password": PASSWORD})
    return client


def test_receipt_shows_what_the_person_needs(app, client, auth):
    auth.login("clerk")
    ref = register(
        client,
        "letter",
        person_name="王大爷",
        **{"enclosures-0-kind": "photo", "enclosures-0-description": "电表照片三张"},
    )
    page = text(client.get(f"/cases/{ref}/receipt"))
    assert "测试供电所" in page and ref in page
    assert "Acceptance receipt" in page and "王大爷" in page
    assert "Letter" in page and "电表走字过快" in page and "电表照片三张" in page
    # Complaint received Monday 3 March 2025: the reply is due three working days later.
    assert "March 6, 2025" in page
    assert "data-print" in page
    assert 'class="site-header no-print"' in page  # the navigation is not printed


def test_lookup_shows_earlier_cases_of_the_same_phone_only_in_this_station(app, client, auth):
    auth.login("clerk")
    mine = register(client, person_phone="13800000001", subject="第一次来电")
    register(client, person_phone="13900000009", subject="别人的事")
    other = login(app, "b_clerk")
    register(other, person_phone="13800000001", subject="邻所的案件")
    page = text(open_page(client, "/cases/new/lookup?phone=13800000001"))
    assert mine in page and "第一次来电" in page
    assert "别人的事" not in page and "邻所的案件" not in page
    assert text(open_page(client, "/cases/new/lookup?phone=")).strip() == ""


def test_lookup_finds_by_id_number_as_htmx_sends_it(client, auth):
    auth.login("clerk")
    ref = register(client, "visit", person_id_number="42010119800101123x")
    page = text(
        open_page(client, "/cases/new/lookup?person_phone=&person_id_number=42010119800101123X")
    )
    assert ref in page


def test_lookup_leaves_out_confidential_cases_without_a_trace(app, client, auth):
    head = login(app, "head")
    answer = head.post(
        "/cases/new?channel=phone",
        data={
            "subject": "举报内容", "kind": "report", "importance": "general",
            "received_date": "2025-03-03", "received_time": "09:30",
            "intake_token": uuid.uuid4().hex, "person_phone": "13700000007",
        },
    )  # fmt: skip
    assert answer.status_code == 200 and "JB2025-001" in text(answer)
    auth.login("clerk")
    page = text(open_page(client, "/cases/new/lookup?phone=13700000007"))
    assert "举报内容" not in page
    assert "confidential" not in page  # even a count would say this phone has reported
    # The reporter's phone is sealed: the head's lookup does not find the report either.
    assert "JB2025-001" not in text(open_page(head, "/cases/new/lookup?phone=13700000007"))


def test_key_person_banner_on_lookup_form_and_confirmation(app, client, auth):
    head = login(app, "head")
    ref = register(head, person_phone="13600000006")
    response = head.post(f"/cases/{ref}/key-person", data={"reason": "多次越级上访"})
    assert response.status_code == 303
    auth.login("clerk")
    assert "Key person" in text(open_page(client, "/cases/new/lookup?phone=13600000006"))
    assert "Key person" not in text(open_page(client, "/cases/new/lookup?phone=13600000000"))
    again = register(client, person_phone="13600000006", subject="又来电：电压还是低")
    page = text(client.get(f"/cases/{again}/registered"))
    assert "Key person" in page and "多次越级上访" in page
    assert "Key person" in text(client.get(f"/cases/{again}"))  # the case page includes it


def test_only_the_head_marks_a_key_person_and_the_case_records_it(app, client, auth):
    auth.login("clerk")
    ref = register(client, person_phone="13500000005")
    for username in ("clerk", "inspector"):
        refused = login(app, username).post(f"/cases/{ref}/key-person", data={"reason": "x"})
        assert refused.status_code == 403
    head = login(app, "head")
    missing = head.post(f"/cases/{ref}/key-person", data={"reason": ""}, follow_redirects=True)
    assert any("Give the reason" in n for n in notices(missing))
    head.post(f"/cases/{ref}/key-person", data={"reason": "长期欠费纠纷"})
    with app.app_context():
        person = db.session.scalar(select(KeyPerson))
        assert person.active and person.phone == "13500000005"
        case_id = db.session.scalar(select(Case.id).where(Case.ref == ref))
        events = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)).all()
        assert [(e.action, e.note) for e in events][-1] == ("key_person", "长期欠费纠纷")
    head.post(f"/cases/{ref}/key-person/clear", data={"reason": "问题已解决"})
    with app.app_context():
        assert not db.session.scalar(select(KeyPerson)).active
    assert "Key person" not in text(open_page(client, "/cases/new/lookup?phone=13500000005"))


def test_a_case_without_phone_or_id_cannot_mark_a_key_person(app, client, auth):
    auth.login("head")
    ref = register(client)
    response = client.post(f"/cases/{ref}/key-person", data={"reason": "x"}, follow_redirects=True)
    assert any("no phone or ID number" in n for n in notices(response))
    with app.app_context():
        assert db.session.scalar(select(KeyPerson)) is None
