"""Sessions that end on the server: a copied cookie stops working when its session ends.

Each login has a row (station/auth/sessions.py); logout ends that one, and a
password change, an admin's reset, deactivation or a role change end them all.
"""

import pytest
from clock import Clock
from conftest import PASSWORD, user_id

from station.extensions import db

NEW_PASSWORD = "a-new-password-of-mine"
ELSEWHERE = {"REMOTE_ADDR": "10.0.0.99", "HTTP_USER_AGENT": "Another browser/1.0"}


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def browser(app, username: str | None = None):
    client = app.test_client()
    if username:
        response = client.post("/login", data={"username": username, "password": PASSWORD})
        assert response.status_code == 302, username
    return client


def copy_of(app, client):
    """Another browser on another PC holding a copy of ``client``'s cookie."""
    thief = app.test_client()
    thief.environ_base.update(ELSEWHERE)
    thief.set_cookie("station_session", client.get_cookie("station_session").value)
    return thief


def home_opens(client) -> bool:
    return client.get("/").status_code == 200


def sent_to_login(client) -> bool:
    """Logged out, not merely sent to change the password (as after a reset)."""
    response = client.get("/password")
    return response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_cookie_copied_before_logout_does_not_work_after_it(app):
    desk = browser(app, "clerk")
    thief = copy_of(app, desk)
    assert home_opens(thief)  # the copy works while the session runs
    desk.post("/logout")
    assert not home_opens(thief)
    assert not home_opens(desk)


def test_logout_at_the_desk_leaves_the_tablet_logged_in(app):
    desk, tablet = browser(app, "head"), browser(app, "head")
    desk.post("/logout")
    assert not home_opens(desk)
    assert home_opens(tablet)


def test_own_password_change_ends_the_other_sessions_and_keeps_this_one(app):
    desk, tablet = browser(app, "head"), browser(app, "head")
    copied = copy_of(app, desk)
    response = desk.post(
        "/password", data={"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.headers["Location"] == "/"
    assert home_opens(desk)
    assert not home_opens(tablet)
    assert not home_opens(copied)  # this browser got a new session, the old cookie is dead


@pytest.mark.parametrize("action", ["password", "deactivate"])
def test_an_admins_reset_or_deactivation_ends_every_session(app, action):
    # A clerk: a head's new password waits for a second person (tests/admin/test_approvals.py).
    desk, tablet = browser(app, "clerk"), browser(app, "clerk")
    admin = browser(app, "admin")
    assert admin.post(f"/admin/users/{user_id(app, 'clerk')}/{action}").status_code in (200, 302)
    assert sent_to_login(desk)
    assert sent_to_login(tablet)


def test_reactivation_does_not_bring_an_old_session_back(app):
    head = browser(app, "head")
    admin = browser(app, "admin")
    admin.post(f"/admin/users/{user_id(app, 'head')}/deactivate")
    admin.post(f"/admin/users/{user_id(app, 'head')}/reactivate")
    assert not home_opens(head)
    assert home_opens(browser(app, "head"))


def test_a_role_change_ends_every_session_and_a_name_change_none(app):
    head = browser(app, "head")
    admin = browser(app, "admin")
    url = f"/admin/users/{user_id(app, 'head')}"
    admin.post(url, data={"name": "新名字", "roles": ["head"]})
    assert home_opens(head)
    admin.post(url, data={"name": "新名字", "roles": ["head", "admin"]})  # admin: at once
    assert not home_opens(head)


def test_idle_timeout_is_judged_on_the_server(app, clock):
    desk = browser(app, "clerk")
    thief = copy_of(app, desk)
    clock.advance(minutes=30)
    assert home_opens(thief)  # 30 minutes without a request: still running
    clock.advance(minutes=30, seconds=1)
    assert not home_opens(thief)
    assert not home_opens(desk)  # the session itself is over, not only one cookie


def test_a_session_ends_after_12_hours_however_busy(app, clock):
    desk = browser(app, "clerk")
    for _ in range(28):  # a request every 25 minutes: 11 h 40 min
        clock.advance(minutes=25)
        assert home_opens(desk)
    clock.advance(minutes=20, seconds=1)  # 12 h and a second after the login
    assert not home_opens(desk)
    assert home_opens(browser(app, "clerk"))  # logging in again opens a new one


def last_seen(app):
    from station.auth.models import UserSession

    with app.app_context():
        return db.session.scalars(db.select(UserSession.last_seen_at)).one()


def test_last_seen_is_written_at_most_once_a_minute(app, clock):
    login_moment = clock.now()
    desk = browser(app, "clerk")
    clock.advance(seconds=59)
    assert home_opens(desk)
    assert last_seen(app) == login_moment  # no write for this request
    clock.advance(seconds=1)
    assert home_opens(desk)
    assert (last_seen(app) - login_moment).total_seconds() == 60
    desk.post("/logout")
    from station.auth.models import UserSession

    with app.app_context():
        row = db.session.scalars(db.select(UserSession)).one()
        assert (row.end_reason, row.ip) == ("logout", "127.0.0.1")
        assert len(row.token_hash) == 64  # a SHA-256, never the token itself


def test_the_cookie_carries_no_token_the_database_could_give(app):
    desk = browser(app, "clerk")
    with desk.session_transaction() as session:
        token = session["sid"]
    from station.auth.models import UserSession

    with app.app_context():
        stored = db.session.scalars(db.select(UserSession.token_hash)).one()
    assert token not in stored and len(token) >= 40
