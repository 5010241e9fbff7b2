"""The kiosk: its grant, its sign-in, what it shows and what it reaches."""

from datetime import timedelta

import pytest
from case_helpers import today
from helpers import notices
from reception_helpers import (
    form_fields,
    grant_kiosk,
    login,
    make_today_a_reception_day,
    sign_in,
    user,
    visitors,
)
from sqlalchemy import select

from station.devices import service as devices
from station.devices.models import Device
from station.extensions import db
from station.models import User
from station.reception import service
from station.rules import roles as R
from station.timeutil import utcnow

pytestmark = pytest.mark.usefixtures("english")


def _devices(app) -> list[Device]:
    with app.app_context():
        rows = list(db.session.scalars(select(Device)))
        db.session.expunge_all()
        return rows


def test_a_clerk_turns_the_browser_into_the_kiosk_and_is_logged_out(app, client):
    make_today_a_reception_day(app)
    answer = grant_kiosk(client, "clerk")
    assert answer.status_code == 303 and answer.headers["Location"] == "/reception/signin"
    cookie = next(
        c for c in answer.headers.getlist("Set-Cookie") if c.startswith("station_device=")
    )
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    [device] = _devices(app)
    assert device.kind == "kiosk" and device.granted_by_id == user(app, "clerk").id
    assert device.token_hash not in cookie  # the row keeps the hash, never the token
    page = client.get("/reception/signin")
    assert "Make this browser the kiosk" not in page.text  # no staff session here any more
    assert 'name="k"' in page.text and "End kiosk mode" in page.text
    # The grant ends with the station's day: midnight local is 16:00 UTC in Shanghai.
    assert device.expires_at.hour == 16 and device.expires_at.minute == 0


def test_the_kiosk_reaches_no_staff_page(app, client):
    make_today_a_reception_day(app)
    grant_kiosk(client, "head")
    day = today(app).isoformat()
    for url in ("/", "/cases/", "/cases/new?channel=visit", "/reception/", "/devices/",
                f"/reception/{day}", "/admin/users", "/search?q=停电"):  # fmt: skip
        answer = client.get(url)
        assert (answer.status_code, answer.headers.get("Location")) == (302, "/reception/signin")
    # A staff login in the kiosk's browser does not make it a staff browser.
    login(client, "head")
    assert client.get("/cases/").headers.get("Location") == "/reception/signin"
    assert "Log out" not in client.get("/reception/signin").text


def test_a_browser_never_granted_gets_no_form(app, client):
    make_today_a_reception_day(app)
    answer = client.get("/reception/signin")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")
    client.set_cookie(devices.COOKIE, "a-token-nobody-was-given")
    assert client.get("/reception/signin").headers["Location"].startswith("/login")
    posted = client.post("/reception/signin", data={"k": "x"})
    assert posted.headers["Location"].startswith("/login")
    assert visitors(app) == []


@pytest.mark.parametrize("username", ["inspector", "admin", "county"])
def test_a_grant_from_someone_who_may_not_give_one_saves_nothing(app, client, username):
    make_today_a_reception_day(app)
    answer = grant_kiosk(client, username)
    assert answer.status_code in (303, 403)
    if answer.status_code == 303:
        followed = client.get(answer.headers["Location"])
        assert "Only a clerk or the head may turn a browser into the kiosk." in notices(followed)
    assert _devices(app) == []
    assert "station_device" not in " ".join(answer.headers.getlist("Set-Cookie"))


def test_the_service_refuses_a_grant_nobody_may_give(app):
    with app.test_request_context():
        inspector = db.session.scalar(select(User).where(User.username == "inspector"))
        with pytest.raises(devices.GrantRefused):
            devices.grant(inspector, R.KIOSK, utcnow() + timedelta(hours=1))
        with pytest.raises(devices.GrantRefused):
            devices.grant(inspector, "toaster", utcnow() + timedelta(hours=1))
    assert _devices(app) == []


def test_no_kiosk_on_a_day_without_reception(app, client):
    # Station A receives on a weekday other than today's (and today is no moved day).
    from station.reception.models import ReceptionSetting
    from station.reception.service import is_reception_day

    day = today(app)
    with app.test_request_context():
        sid = user(app, "clerk").station_id
        for weekday in range(5):
            db.session.merge(ReceptionSetting(station_id=sid, weekday=weekday))
            if not is_reception_day(sid, day):
                break
        db.session.commit()
    answer = grant_kiosk(client, "clerk")
    assert "Today is not a reception day: there is no kiosk to open." in notices(
        client.get(answer.headers["Location"])
    )
    assert _devices(app) == []


def test_leaving_kiosk_mode_needs_a_staff_login_of_the_station(app, client):
    make_today_a_reception_day(app)
    grant_kiosk(client, "clerk")

    def leave(username, password):
        html = client.get("/reception/signin").text
        key = form_fields(html)["k"]
        prefix = "s" + form_fields(html)["prefix"][1:]
        data = {"k": key, f"{prefix}-username": username, f"{prefix}-password": password}
        return client.post("/reception/kiosk/leave", data=data)

    from conftest import PASSWORD

    for username, password in (("clerk", "wrong-password"), ("b_clerk", PASSWORD),
                               ("inspector", PASSWORD)):  # fmt: skip
        answer = leave(username, password)
        assert answer.headers["Location"] == "/reception/signin"
        assert "Only a clerk or the head of this station can end kiosk mode." in notices(
            client.get("/reception/signin")
        )
    assert _devices(app)[0].revoked_at is None
    answer = leave("head", PASSWORD)
    assert answer.headers["Location"] == "/reception/"
    assert _devices(app)[0].revoked_at is not None
    assert client.get("/reception/").status_code == 200  # the head's own browser again


def test_a_revoked_or_expired_kiosk_is_nothing(app, client):
    make_today_a_reception_day(app)
    grant_kiosk(client, "clerk")
    head = app.test_client()
    login(head, "head")
    [device] = _devices(app)
    assert "End now" in head.get("/devices/").text
    assert head.post(f"/devices/{device.id}/revoke").status_code == 303
    assert client.get("/reception/signin").headers["Location"].startswith("/login")
    other = app.test_client()
    grant_kiosk(other, "clerk")
    with app.app_context():
        newest = db.session.scalar(select(Device).order_by(Device.id.desc()))
        newest.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert other.get("/reception/signin").headers["Location"].startswith("/login")


def test_b_head_cannot_revoke_a_kiosk_of_a(app, client):
    make_today_a_reception_day(app)
    grant_kiosk(client, "clerk")
    [device] = _devices(app)
    other = app.test_client()
    login(other, "b_head")
    assert other.post(f"/devices/{device.id}/revoke").status_code == 404
    assert _devices(app)[0].revoked_at is None


def test_a_sign_in_gives_a_number_and_an_empty_form_with_new_field_names(app, client):
    make_today_a_reception_day(app)
    grant_kiosk(client)
    first, data = sign_in(client, name="张三", matter="电压低")
    assert first.status_code == 303 and first.headers["Location"] == "/reception/signin"
    after = client.get("/reception/signin")
    assert "<strong>1</strong>" in after.text
    assert "张三" not in after.text and "电压低" not in after.text
    assert form_fields(after.text)["prefix"] != data["k"] and data["k"] not in after.text
    assert after.headers["Cache-Control"] == "no-store"
    assert 'autocomplete="off"' in after.text
    again = client.get("/reception/signin")  # the number is shown once
    assert "<strong>1</strong>" not in again.text
    sign_in(client, name="李四", matter="电费高")
    assert [(v.number, v.name, v.device_id is not None) for v in visitors(app)] == [
        (1, "张三", True),
        (2, "李四", True),
    ]


def test_the_same_form_sent_twice_signs_in_once(app, client):
    make_today_a_reception_day(app)
    grant_kiosk(client)
    _, data = sign_in(client)
    again = client.post("/reception/signin", data=data)
    assert "You are signed in already." in notices(client.get(again.headers["Location"]))
    assert len(visitors(app)) == 1


@pytest.mark.parametrize(
    ("name", "matter", "message"),
    [("", "电压低", "Enter your name."), ("张三", "  ", "Say in a sentence what you came about.")],
)
def test_a_sign_in_without_name_or_matter_saves_nothing(app, client, name, matter, message):
    make_today_a_reception_day(app)
    grant_kiosk(client)
    answer, _ = sign_in(client, name=name, matter=matter)
    assert answer.status_code == 400
    assert message in answer.text
    assert visitors(app) == []


def test_a_clerk_signs_a_visitor_in_at_the_desk(app, client):
    make_today_a_reception_day(app)
    login(client, "clerk")
    answer, _ = sign_in(client, name="王五", matter="咨询电价")
    assert answer.status_code == 303
    [visitor] = visitors(app)
    assert visitor.signed_in_by_id == user(app, "clerk").id and visitor.device_id is None


def test_two_sign_ins_at_once_get_two_numbers(app, client, monkeypatch):
    """The second of two simultaneous sign-ins read the same last number as the first: the
    database refuses its number, and it takes the next one instead of ending in an error."""
    make_today_a_reception_day(app)
    grant_kiosk(client, "clerk")
    assert sign_in(client, name="张三")[0].status_code == 303
    stale = iter([1])  # what the second sign-in read before the first one was written
    real = service.next_number
    monkeypatch.setattr(
        service, "next_number", lambda sid, day: next(stale, None) or real(sid, day)
    )
    answer, _ = sign_in(client, name="李四")
    assert answer.status_code == 303
    assert [(v.name, v.number) for v in visitors(app)] == [("张三", 1), ("李四", 2)]


def test_the_same_form_sent_twice_at_once_signs_in_once(app, client, monkeypatch):
    """A double tap: both requests passed the check for their form's key before either was
    saved; the second is refused by the database and told it is signed in already."""
    make_today_a_reception_day(app)
    grant_kiosk(client, "clerk")
    answer, data = sign_in(client, name="张三")
    assert answer.status_code == 303
    real, checks = service.signed_in_with, []

    def first_check_misses(key: str) -> bool:  # the view's check ran before the first commit
        checks.append(key)
        return False if len(checks) == 1 else real(key)

    monkeypatch.setattr(service, "signed_in_with", first_check_misses)
    again = client.post("/reception/signin", data=data)
    assert again.status_code == 303
    assert [v.name for v in visitors(app)] == ["张三"]
    assert "You are signed in already." in notices(client.get("/reception/signin"))
