"""Station isolation: a user of station B neither sees nor changes anything of station A.

Not by reference, and not by putting A's ids (a transfer, a reminder, an
attachment, a user, a topic, a policy) into B's own URLs and forms.
"""

from datetime import timedelta

import pytest
from case_helpers import (
    act,
    as_user,
    case_state,
    get_case,
    local_now,
    make_case,
    move_to,
    today,
)
from conftest import STATION_B, user_id
from helpers import PNG, open_page, text, upload
from sqlalchemy import func, select

from station.attachments.models import Attachment
from station.cases.models import Case, CaseEvent, Transfer
from station.extensions import db
from station.models import Station, User
from station.people.models import KeyPerson
from station.policies.defaults import ensure_defaults
from station.policies.models import Policy, Topic

A_SUBJECT = "甲所台区停电"
A_PERSON = {"person_name": "甲所张三", "person_phone": "13811112222"}


@pytest.fixture
def a_case(app, client, auth):
    """A case of station A with a transfer, a reminder and an attachment; ids of each."""
    ref = make_case(app, registered_by="head", subject=A_SUBJECT, **A_PERSON)
    move_to(app, ref, "accepted", actor="head")
    auth.login("head")
    due = (today(app) + timedelta(days=5)).isoformat()
    assert act(client, ref, "transfer", unit="营销班", request="核实", due=due).status_code == 303
    assert act(client, ref, "remind", text="请尽快").status_code == 303
    assert upload(client, ref, PNG, "甲所照片.png").status_code == 302
    client.post(f"/cases/{ref}/key-person", data={"reason": "甲所重点"})
    auth.logout()
    with app.app_context():
        case = get_case(app, ref)
        ids = {
            "transfer": db.session.scalar(select(Transfer.id).where(Transfer.case_id == case.id)),
            "event": db.session.scalar(
                select(CaseEvent.id).where(
                    CaseEvent.case_id == case.id, CaseEvent.action == "remind"
                )
            ),
            "attachment": db.session.scalar(select(Attachment.id)),
        }
    return ref, ids


def _station(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.station_id).where(User.username == username))


def _b_events(app, ref: str) -> list[str]:
    with app.app_context():
        case = get_case(app, ref, station=STATION_B)
        query = select(CaseEvent.action).where(CaseEvent.case_id == case.id)
        return list(db.session.scalars(query.order_by(CaseEvent.id)))


def _station_b_case(app, client) -> str:
    """B's own accepted case, its reference not A's (B's first number is A's too)."""
    make_case(app, registered_by="b_head")
    ref = make_case(app, registered_by="b_head", subject="乙所自己的案件")
    contacted = (local_now(app) - timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    assert act(client, ref, "accept", contacted_at=contacted).status_code == 303
    return ref


def test_a_reference_of_another_station_is_not_found(app, client, auth, a_case):
    ref, _ = a_case
    before = case_state(app, ref)
    auth.login("b_head")
    urls = [
        f"/cases/{ref}",
        f"/cases/{ref}/print",
        f"/cases/{ref}/receipt",
        f"/cases/{ref}/registered",
        f"/cases/{ref}/reply-letter",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for action in ("note", "remind", "assign", "close"):
        assert act(client, ref, action, text="x", note="x").status_code == 404
    assert upload(client, ref, PNG, "b.png").status_code == 404
    assert client.post(f"/cases/{ref}/key-person", data={"reason": "x"}).status_code == 404
    assert client.post(f"/cases/{ref}/key-person/clear").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count(Attachment.id))) == 1
        assert db.session.scalar(select(KeyPerson.active)) is True
    assert case_state(app, ref) == before


def test_ids_of_another_station_in_forms_of_ones_own_case(app, client, auth, a_case):
    a_ref, ids = a_case
    auth.login("b_head")
    own = _station_b_case(app, client)
    due = (today(app) + timedelta(days=3)).isoformat()
    assert act(client, own, "transfer", unit="乙所班组", request="核实", due=due).status_code == 303
    before = _b_events(app, own)
    response = act(client, own, "transfer_result", transfer=ids["transfer"], result="伪造结果")
    assert response.status_code == 200  # the form refuses the choice; nothing saved
    response = act(client, own, "assign", assignee=user_id(app, "clerk"))
    assert response.status_code == 200
    assert _b_events(app, own) == before
    with app.app_context():
        a_transfer = db.session.get(Transfer, ids["transfer"])
        assert a_transfer.result == "" and a_transfer.result_at is None
    assert "伪造结果" not in text(client.get(f"/cases/{own}"))
    as_user(client, auth, "head")
    assert "伪造结果" not in text(client.get(f"/cases/{a_ref}"))


def test_a_transfer_of_another_case_of_the_same_station_is_refused(app, client, auth, a_case):
    _, ids = a_case
    other = make_case(app, registered_by="head")
    move_to(app, other, "accepted", actor="head")
    auth.login("head")
    due = (today(app) + timedelta(days=3)).isoformat()
    act(client, other, "transfer", unit="线路班", request="核实", due=due)
    response = act(client, other, "transfer_result", transfer=ids["transfer"], result="串案")
    assert response.status_code == 200
    with app.app_context():
        assert db.session.get(Transfer, ids["transfer"]).result_at is None


def test_a_topic_of_another_station_is_refused_at_intake(app, client, auth):
    a_station = _station(app, "clerk")
    with app.app_context():
        for station in db.session.scalars(select(Station)):
            ensure_defaults(station)
        db.session.commit()
        a_topic = db.session.scalar(select(Topic.id).where(Topic.station_id == a_station).limit(1))
    auth.login("b_clerk")
    data = {"subject": "x", "kind": "complaint", "importance": "general", "topic": a_topic}
    data.update(phone_line="station", received_date="2026-03-02", received_time="09:30")
    client.post("/cases/new?channel=phone", data=data)
    with app.app_context():
        topic_ids = set(db.session.scalars(select(Case.topic_id)))
    assert a_topic not in topic_ids


def test_policies_and_topics_of_another_station_are_not_found(app, client, auth):
    a_station = _station(app, "admin")
    auth.login("admin")
    client.get("/admin/policies")  # station A's rows
    with app.app_context():
        policy = db.session.scalar(select(Policy.id).where(Policy.station_id == a_station).limit(1))
        topic = db.session.scalar(select(Topic).where(Topic.station_id == a_station).limit(1))
        topic_id, topic_name = topic.id, topic.name
    as_user(client, auth, "b_admin")
    amounts = {f"p{policy}-{n}_amount": 9 for n in ("contact", "reply", "close", "followup")}
    assert client.get(f"/admin/policies/{policy}").status_code == 404
    assert client.post(f"/admin/policies/{policy}", data=amounts).status_code == 404
    assert client.post(f"/admin/policies/{policy}/defaults").status_code == 404
    rename = {f"t{topic_id}-name": "乙所改名"}
    assert client.post(f"/admin/topics/{topic_id}/rename", data=rename).status_code == 404
    assert client.post(f"/admin/topics/{topic_id}/move/down").status_code == 404
    assert client.post(f"/admin/topics/{topic_id}/deactivate").status_code == 404
    with app.app_context():
        topic = db.session.get(Topic, topic_id)
        assert (topic.name, topic.active) == (topic_name, True)
        assert db.session.get(Policy, policy).reply_amount != 9


def test_lists_search_lookup_and_home_show_nothing_of_another_station(app, client, auth, a_case):
    ref, _ = a_case
    auth.login("b_head")
    pages = [
        "/",
        "/cases/",
        f"/cases/?assignee={user_id(app, 'head')}",
        "/cases/mine",
        f"/search?q={ref}",
        "/search?q=停电",
        "/search?q=13811112222",
        "/search?q=2222",
        "/cases/new/lookup?phone=13811112222",
    ]
    for url in pages:
        body = text(open_page(client, url))
        assert A_SUBJECT not in body and "甲所张三" not in body, url
        assert "甲所重点" not in body and "Key person" not in body, url
        assert f">{ref}<" not in body, url
