"""The office's wall display: a browser the head grants (a device of kind ``wall``), which
shows the wall board and nothing else, is exempt from the idle logout and is revoked on
/devices/. And the board's own refresh, which must not keep a user's session alive."""

from datetime import timedelta

import pytest
from board_helpers import TODAY, first_contact_due
from clock import Clock
from conftest import PASSWORD
from helpers import is_logged_in, location_path, text

from station.devices import service as devices
from station.devices.models import Device
from station.extensions import db
from station.models import User
from station.rules import roles as R
from station.timeutil import clock_at, utcnow

HX = {"HX-Request": "true"}


@pytest.fixture
def wall(app, client, auth):
    """The head turns this client's browser into the wall display."""
    first_contact_due(app, TODAY, subject="不该上墙的事由", person_name="王大山")
    first_contact_due(app, TODAY, kind="report", subject="举报")
    auth.login("head")
    response = client.post("/board/wall")
    assert response.status_code == 303
    assert location_path(response) == "/board"
    return client


def test_the_head_grants_the_wall_and_is_logged_out_there(app, wall):
    assert not is_logged_in(wall)
    with app.app_context():
        device = db.session.scalar(db.select(Device))
        assert device.kind == "wall"
        assert device.expires_at > utcnow() + timedelta(days=300)  # WALL_GRANT_DAYS
    body = text(wall.get("/board"))
    assert 'class="wall-board"' in body
    assert 'class="nav-links"' not in body
    for word in ("不该上墙的事由", "王大山", "举报"):
        assert word not in body


@pytest.mark.parametrize("url", ["/", "/cases/", "/devices/", "/reception/signin", "/duties/"])
def test_the_wall_reaches_nothing_else(app, wall, url):
    response = wall.get(url)
    assert response.status_code == 302
    assert location_path(response) == "/board"


def test_the_wall_refreshes_and_is_never_logged_out_for_idleness(app, wall):
    with clock_at(utcnow() + timedelta(hours=20)):
        assert 'class="wall-board"' in text(wall.get("/board", headers=HX))
        assert 'class="wall-board"' in text(wall.get("/board"))


def test_a_revoked_wall_is_an_ordinary_browser_again(app, wall):
    head = app.test_client()
    head.post("/login", data={"username": "head", "password": PASSWORD})
    with app.app_context():
        device_id = db.session.scalar(db.select(Device.id))
    assert head.post(f"/devices/{device_id}/revoke").status_code == 303
    assert "/login" in wall.get("/board").headers["Location"]


def test_only_a_head_grants_the_wall(app, client, auth):
    for username in ("clerk", "inspector"):
        auth.login(username)
        assert client.post("/board/wall").status_code == 403
        auth.logout()
    with app.app_context():
        assert db.session.scalar(db.select(Device)) is None


def test_a_kiosk_may_not_show_the_wall(app, client):
    with app.test_request_context():
        clerk = db.session.scalar(db.select(User).where(User.username == "clerk"))
        _, token = devices.grant(clerk, R.KIOSK, utcnow() + timedelta(hours=2))
        db.session.commit()
    client.set_cookie(devices.COOKIE, token)
    response = client.get("/board?wall=1")
    assert response.status_code == 302
    assert location_path(response) == "/reception/signin"


def test_the_boards_refresh_is_not_activity(app, client, auth, monkeypatch):
    """A board left open refreshes itself every minute; the idle logout must still come."""
    clock = Clock(monkeypatch)
    auth.login("clerk")
    for _minute in range(31):
        clock.advance(minutes=1)
        response = client.get("/board", headers=HX)
    assert response.status_code == 204  # htmx is sent to the login page
    assert "/login" in response.headers["HX-Redirect"]
    assert not is_logged_in(client)


def test_opening_the_board_is_activity(app, client, auth, monkeypatch):
    clock = Clock(monkeypatch)
    auth.login("clerk")
    for _minute in range(31):
        clock.advance(minutes=1)
        response = client.get("/board")
    assert response.status_code == 200
