"""Logging in and out: the same answer for every failure, lockout, logout, `next`, audit."""

from datetime import timedelta

import pytest
from clock import Clock
from conftest import PASSWORD
from helpers import (
    audit_actions,
    failure_message,
    get_user,
    is_logged_in,
    location_path,
    notices,
    update_user,
)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def test_login_goes_home_in_chinese(client, auth):
    response = auth.login("clerk")
    assert response.status_code == 302
    assert location_path(response) == "/board"  # a clerk's home page is the overdue board
    home = client.get("/")
    assert home.status_code == 200
    assert 'lang="zh-CN"' in home.get_data(as_text=True)
    assert get_user(client.application, "clerk").last_login_at is not None


def test_username_is_not_case_sensitive(client, auth):
    assert location_path(auth.login("CLERK")) == "/board"


def test_wrong_password_and_unknown_user_get_the_same_message(app, client, auth):
    wrong = auth.login("clerk", "not-the-password")
    unknown = auth.login("nobody", "not-the-password")
    assert wrong.status_code == unknown.status_code == 200
    assert notices(wrong) == notices(unknown) == [failure_message(app)]
    assert not is_logged_in(client)


def test_missing_fields_log_nobody_in(client):
    response = client.post("/login", data={"username": "clerk"})
    assert response.status_code == 200
    assert not is_logged_in(client)


def test_five_wrong_passwords_lock_the_account_for_15_minutes(app, client, auth, clock):
    for _ in range(5):
        auth.login("clerk", "not-the-password")
    locked_until = get_user(app, "clerk").locked_until
    assert locked_until - clock.now() == timedelta(minutes=15)  # shown on the admin's pages
    # Even the right password now fails, with the same message as any wrong one.
    refused = auth.login("clerk", PASSWORD)
    assert notices(refused) == [failure_message(app)]
    assert not is_logged_in(client)
    # Another account is not affected.
    assert location_path(auth.login("head")) == "/board"
    auth.logout()
    client.get("/login")  # shows the logout's message

    clock.advance(minutes=14, seconds=59)
    assert notices(auth.login("clerk", PASSWORD)) == [failure_message(app)]
    clock.advance(seconds=1)
    assert location_path(auth.login("clerk", PASSWORD)) == "/board"
    assert is_logged_in(client)


def test_four_wrong_passwords_do_not_lock(app, client, auth):
    for _ in range(4):
        auth.login("clerk", "not-the-password")
    assert get_user(app, "clerk").locked_until is None
    assert location_path(auth.login("clerk")) == "/board"


def test_deactivated_user_cannot_log_in(app, client, auth):
    update_user(app, "clerk", active=False)
    response = auth.login("clerk")
    assert notices(response) == [failure_message(app)]
    assert not is_logged_in(client)


def test_deactivation_ends_an_open_session(app, client, auth):
    auth.login("clerk")
    assert is_logged_in(client)
    update_user(app, "clerk", active=False)
    response = client.get("/")
    assert response.status_code == 302
    assert location_path(response) == "/login"


def test_logout_is_a_post_and_ends_the_session(client, auth):
    auth.login("clerk")
    assert client.get("/logout").status_code == 405
    assert is_logged_in(client)  # a link or an image cannot log anybody out
    response = auth.logout()
    assert response.status_code == 302
    assert location_path(response) == "/login"
    assert not is_logged_in(client)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.com",
        "//evil.com/",
        "https://evil.com",
        "http://evil.com/login",
        "/\\evil.com",
        "\\\\evil.com",
        "/\t/evil.com",
        "javascript:alert(1)",
        "evil.com",
    ],
)
def test_next_never_leads_off_site(client, auth, target):
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"username": "clerk", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/board"
    # Already logged in: the login page sends the user on, but still not off-site.
    again = client.get("/login", query_string={"next": target})
    assert again.headers["Location"] == "/board"
    language = client.post("/language", data={"locale": "en", "next": target})
    assert language.headers["Location"] == "/board"


def test_next_on_this_site_is_followed(client):
    response = client.post(
        "/login",
        query_string={"next": "/password?x=1"},
        data={"username": "clerk", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/password?x=1"


def test_protected_page_sends_to_login_and_back(client, auth):
    response = client.get("/password")
    assert location_path(response) == "/login"
    assert "next=" in response.headers["Location"]
    back = client.post(
        response.headers["Location"], data={"username": "clerk", "password": PASSWORD}
    )
    assert back.headers["Location"] == "/password"


def test_session_cookie_is_httponly_and_samesite_lax(client, auth):
    response = auth.login("clerk")
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("station_session=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Expires=" in cookie  # ends with the idle timeout, not only with the browser


def test_login_and_logout_are_audited(app, client, auth):
    auth.login("clerk", "not-the-password")
    auth.login("nobody", "whatever-it-is")
    auth.login("clerk")
    auth.logout()
    assert audit_actions(app, "clerk") == ["login_failed", "login", "logout"]
    assert audit_actions(app, "nobody") == ["login_failed"]
    for _ in range(5):
        auth.login("head", "not-the-password")
    assert audit_actions(app, "head") == ["login_failed"] * 5 + ["lockout"]


def test_health_check_is_public(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_login_page_is_public_and_home_is_not(client):
    assert client.get("/login").status_code == 200
    assert location_path(client.get("/")) == "/login"


def test_the_audit_log_is_append_only(app, auth):
    from sqlalchemy import text

    from station.extensions import db
    from station.models import AppendOnlyError, AuditLog

    auth.login("clerk")
    with app.app_context():
        entry = db.session.scalar(db.select(AuditLog).where(AuditLog.action == "login"))
        entry.detail = "rewritten"
        with pytest.raises(AppendOnlyError):
            db.session.commit()
        db.session.rollback()
        for statement in ("UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(Exception, match="append-only"):  # the database refuses it too
                db.session.execute(text(statement))
            db.session.rollback()
    assert audit_actions(app, "clerk") == ["login"]
