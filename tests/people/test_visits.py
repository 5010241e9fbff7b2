"""Key-person visits: recording one, the head's interval, bad input that saves nothing, the
duty, and the person's page with their cases and visits (a report never shown)."""

from datetime import timedelta

import pytest
from case_helpers import get_case, make_case, today
from conftest import STATION_A, user_id
from helpers import field_errors, say, text

from station.cases.models import Case
from station.duties import registry
from station.extensions import db
from station.models import User
from station.people import service as people
from station.people.models import KeyPerson, KeyVisit
from station.timeutil import utcnow

PHONE = "13800001111"  # make_case's person, 王大山


@pytest.fixture
def person(app):
    """Station A's key person 王大山, marked by the head 100 days ago (a visit every 90
    days by default: due 10 days ago)."""
    ref = make_case(app)
    with app.app_context():
        head = db.session.scalar(db.select(User).where(User.username == "head"))
        marked = people.mark(get_case(app, ref, STATION_A), head, "多次来电反映电压低")
        marked.marked_at = utcnow() - timedelta(days=100)
        db.session.commit()
        return marked.id


SAID = "上门了解，电压已恢复正常"


def _visit(client, person_id, *, days_ago=0, visitor, said=SAID, sat="satisfied"):
    data = {"said": said, "satisfaction": sat, "visitor": str(visitor)}
    if days_ago is not None:
        data["visited_on"] = (_today_of(client) - timedelta(days=days_ago)).isoformat()
    return client.post(f"/people/{person_id}/visits", data=data)


def _interval(client, person_id, value: str):
    return client.post(f"/people/{person_id}/interval", data={"visit_interval": value})


def _today_of(client):
    return today(client.application)


def _visits(app) -> list[tuple]:
    with app.app_context():
        return [
            (v.visited_on, v.visitor_id, v.said, v.satisfaction, v.recorded_by_id)
            for v in db.session.scalars(db.select(KeyVisit).order_by(KeyVisit.id))
        ]


def _owed(app, person_id):
    with app.test_request_context():
        station_id = db.session.get(KeyPerson, person_id).station_id
        return [i for i in registry.items(station_id, today(app)) if i.duty == "key_visit"]


def test_a_clerk_records_the_head_s_visit(app, client, auth, person):
    auth.login("clerk")
    head = user_id(app, "head")
    response = _visit(client, person, days_ago=1, visitor=head, sat="basically")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/people/{person}")
    assert _visits(app) == [
        (today(app) - timedelta(days=1), head, "上门了解，电压已恢复正常", "basically",
         user_id(app, "clerk"))
    ]  # fmt: skip
    page = text(client.get(f"/people/{person}"))
    assert "上门了解，电压已恢复正常" in page
    assert say(app, "Basically satisfied") in page


def test_the_duty_is_owed_until_a_visit_and_a_late_visit_restarts_it(app, client, auth, person):
    [item] = _owed(app, person)
    # Marked 100 days ago, every 90 days: due 10 days ago, late.
    assert item.due == today(app) - timedelta(days=10) and item.late(today(app))
    assert item.endpoint == "people.show" and item.params == {"person_id": person}
    assert item.label == say(app, "Key-person visit no. %(number)d", number=person)
    assert "王大山" not in item.label and PHONE not in item.label  # the wall board shows it
    assert item.detail == "王大山"
    auth.login("head")
    assert _visit(client, person, days_ago=2, visitor=user_id(app, "head")).status_code == 303
    assert _owed(app, person) == []
    with app.app_context():
        from station.people import visits

        assert visits.next_due(db.session.get(KeyPerson, person)) == today(app) + timedelta(88)


def test_the_head_sets_the_interval_and_the_due_day_follows(app, client, auth, person):
    auth.login("head")
    response = _interval(client, person, "120")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(KeyPerson, person).visit_interval == 120
    assert _owed(app, person) == []  # marked 100 days ago, due in 20
    page = text(client.get("/people/"))
    assert "王大山" in page and say(app, "%(n)d days", n=120) in page


@pytest.mark.parametrize(
    ("days_ago", "visitor", "said", "sat", "field", "message"),
    [
        (-1, "head", "上门", "satisfied", "visited_on", "A visit cannot be in the future."),
        (None, "head", "上门", "satisfied", "visited_on", "Enter the day of the visit."),
        (0, "head", "   ", "satisfied", "said", "Write down what was said."),
        (0, "b_head", "上门", "satisfied", "visitor",
         "The visitor must be a member of this station's staff."),
        (0, "admin", "上门", "satisfied", "visitor",
         "The visitor must be a member of this station's staff."),
        (0, "head", "上门", "unreachable", "satisfaction", "Choose how satisfied the person was."),
        (0, "head", "上门", "", "satisfaction", "Choose how satisfied the person was."),
    ],
)  # fmt: skip
def test_a_bad_visit_saves_nothing_and_says_why(
    app, client, auth, person, days_ago, visitor, said, sat, field, message
):
    auth.login("clerk")
    response = _visit(
        client, person, days_ago=days_ago, visitor=user_id(app, visitor), said=said, sat=sat
    )
    assert response.status_code == 400
    assert say(app, message) in field_errors(response)
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert _visits(app) == []


def test_a_visit_before_the_person_was_marked_is_refused(app, client, auth, person):
    auth.login("clerk")
    response = _visit(client, person, days_ago=101, visitor=user_id(app, "head"))
    assert response.status_code == 400
    assert _visits(app) == []


def test_a_visitor_that_is_not_a_number_is_refused(app, client, auth, person):
    auth.login("clerk")
    response = _visit(client, person, visitor="someone")
    assert response.status_code == 400 and _visits(app) == []


@pytest.mark.parametrize("value", ["6", "366", "0", "-30", "九十", ""])
def test_an_interval_out_of_range_changes_nothing(app, client, auth, person, value):
    auth.login("head")
    response = _interval(client, person, value)
    assert response.status_code == 400
    errors = field_errors(response)
    assert errors, "the field says what is wrong"
    if value.lstrip("-").isdigit() or value == "":
        expected = say(app, "The interval is a number of days from %(low)d to %(high)d.",
                       low=7, high=365)  # fmt: skip
        assert expected in errors
    with app.app_context():
        assert db.session.get(KeyPerson, person).visit_interval == 90


def test_the_page_shows_cases_and_visits_and_never_a_report(app, client, auth, person):
    other = make_case(app, subject="电表走得太快", content="怀疑电表有问题")
    report = make_case(app, kind="report", subject="举报抄表员私收电费", person_phone=PHONE)
    elsewhere = make_case(app, subject="别人家的事", person_phone="13900009999")
    auth.login("head")
    _visit(client, person, days_ago=3, visitor=user_id(app, "head"), said="送去了检测报告")
    for username in ("head", "clerk"):
        auth.logout()
        auth.login(username)
        page = text(client.get(f"/people/{person}"))
        assert "电表走得太快" in page and f'href="/cases/{other}"' in page
        assert "送去了检测报告" in page
        assert "举报抄表员私收电费" not in page and "私收电费" not in page
        assert f"/cases/{elsewhere}" not in page and "别人家的事" not in page
        if username == "clerk":
            assert report not in page


def test_the_case_page_links_the_key_person_for_clerks_and_heads(app, client, auth, person):
    ref = make_case(app, subject="又来电反映电压低")
    link = f'href="/people/{person}"'
    for username, linked in (("clerk", True), ("head", True), ("inspector", False)):
        auth.login(username)
        page = client.get(f"/cases/{ref}").get_data(as_text=True)
        assert 'class="notice warning key-person"' in page
        assert (link in page) is linked, username
        auth.logout()


def test_only_the_head_sees_the_interval_form(app, client, auth, person):
    action = f'action="/people/{person}/interval"'
    auth.login("clerk")
    page = client.get(f"/people/{person}").get_data(as_text=True)
    assert action not in page and f'action="/people/{person}/visits"' in page
    assert _interval(client, person, "30").status_code == 403
    auth.logout()
    auth.login("head")
    assert action in client.get(f"/people/{person}").get_data(as_text=True)


@pytest.mark.parametrize("username", ["inspector", "admin", "county"])
def test_others_are_refused_and_have_no_link(app, client, auth, person, username):
    auth.login(username)
    assert client.get("/people/").status_code == 403
    assert client.get(f"/people/{person}").status_code == 403
    assert _visit(client, person, visitor=user_id(app, "head")).status_code == 403
    for page in ("/", "/duties/"):
        body = client.get(page).get_data(as_text=True)
        assert 'href="/people/' not in body, page
    assert _visits(app) == []


def test_the_duties_page_leads_clerks_to_the_key_persons(app, client, auth, person):
    auth.login("clerk")
    body = text(client.get("/duties/"))
    assert 'href="/people/"' in body
    assert f'href="/people/{person}"' in body  # the late visit, listed
    assert say(app, "Key-person visit no. %(number)d", number=person) in body


def test_another_station_s_key_person_is_not_found(app, client, auth, person):
    auth.login("b_head")
    assert client.get(f"/people/{person}").status_code == 404
    assert _interval(client, person, "30").status_code == 404
    assert _visit(client, person, visitor=user_id(app, "b_head")).status_code == 404
    assert "王大山" not in text(client.get("/people/"))


def test_a_person_no_longer_followed_keeps_the_page_and_owes_nothing(app, client, auth, person):
    auth.login("head")
    _visit(client, person, days_ago=5, visitor=user_id(app, "head"), said="最后一次回访")
    with app.app_context():
        ref = db.session.scalar(db.select(Case.ref).where(Case.person_phone == PHONE))
    cleared = client.post(f"/cases/{ref}/key-person/clear", data={"reason": "已解决"})
    assert cleared.status_code == 303
    page = client.get(f"/people/{person}")
    assert page.status_code == 200
    body = text(page)
    assert "最后一次回访" in body and 'action="/people/' not in body
    assert say(app, "Next visit due") not in body
    assert _owed(app, person) == []
    response = _visit(client, person, visitor=user_id(app, "head"))
    assert response.status_code == 400 and len(_visits(app)) == 1
    listing = text(client.get("/people/"))
    assert say(app, "No longer followed") in listing and f'href="/people/{person}"' in listing


HUGE = "9" * 30


@pytest.mark.parametrize(
    "data",
    [
        {"visited_on": "9999-12-31"},
        {"visited_on": "0001-01-01"},
        {"visited_on": "2026-13-45"},
        {"visitor": HUGE},
        {"visitor": "-1"},
        {"said": "x" * 20_000},
        {"said": "a\x00b"},
        {"satisfaction": "x" * 300},
    ],
)
def test_garbage_in_a_visit_is_a_message_never_a_500(app, client, auth, person, data):
    auth.login("clerk")
    base = {"visited_on": today(app).isoformat(), "visitor": str(user_id(app, "head"))}
    response = client.post(f"/people/{person}/visits", data={**base, "said": "上门", **data})
    assert response.status_code == 400
    assert _visits(app) == []


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "1e3", "90.5"])
def test_garbage_in_the_interval_is_a_message_never_a_500(app, client, auth, person, value):
    auth.login("head")
    assert _interval(client, person, value).status_code == 400
    with app.app_context():
        assert db.session.get(KeyPerson, person).visit_interval == 90
