"""CSRF, the forced password change, the idle timeout and the security headers."""

import re

import pytest
from clock import Clock
from conftest import PASSWORD, make_app, seed_staff
from helpers import (
    audit_actions,
    field_errors,
    get_user,
    is_logged_in,
    location_path,
    say,
    update_user,
)
from helpers import text as page_text

from station.access import PUBLIC, access_rule
from station.extensions import db

NEW_PASSWORD = "a-new-password-of-mine"


@pytest.fixture
def csrf_app(tmp_path, template_db):
    app = make_app(tmp_path, template_db, WTF_CSRF_ENABLED=True)
    seed_staff(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def page_token(client, path: str = "/login") -> str:
    body = client.get(path).get_data(as_text=True)
    return re.search(r'"X-CSRFToken": "([^"]+)"', body).group(1)


def test_post_without_csrf_token_is_refused_with_a_clear_page(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/login", data={"username": "clerk", "password": PASSWORD})
    assert response.status_code == 400
    message = say(
        csrf_app,
        "The page was open too long or was sent twice. Go back, reload it and try again.",
    )
    assert message in page_text(response)
    assert not is_logged_in(client)
    assert audit_actions(csrf_app) == []


def test_forged_csrf_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    response = client.post(
        "/login", data={"username": "clerk", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 400
    assert not is_logged_in(client)


def test_htmx_request_with_the_header_token_works(csrf_app):
    client = csrf_app.test_client()
    token = page_token(client)
    response = client.post(
        "/login",
        data={"username": "clerk", "password": PASSWORD},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert response.status_code == 302
    assert is_logged_in(client)
    # Logging out without the token is refused too; with the form's token it works.
    assert client.post("/logout").status_code == 400
    assert is_logged_in(client)
    logout = client.post("/logout", data={"csrf_token": page_token(client, "/")})
    assert location_path(logout) == "/login"
    assert not is_logged_in(client)


# --- forced password change -------------------------------------------------


def argument_free_pages(app) -> list[str]:
    """Every GET page without URL arguments that needs a login."""
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and not rule.arguments
        and access_rule(app, rule.endpoint) not in (PUBLIC, None)
    )


@pytest.fixture
def must_change(app, client, auth):
    update_user(app, "clerk", must_change_password=True)
    auth.login("clerk")
    return client


def change(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    data = {"current": current, "new": new, "confirm": new if confirm is None else confirm}
    return client.post("/password", data=data)


def test_forced_change_is_required_from_every_page(app, must_change):
    pages = [p for p in argument_free_pages(app) if p != "/password"]
    assert "/" in pages
    for path in pages:
        response = must_change.get(path)
        assert response.status_code == 302, path
        assert location_path(response) == "/password", path
    assert must_change.get("/password").status_code == 200


@pytest.mark.parametrize(
    ("current", "new", "confirm", "msgid", "values"),
    [
        (PASSWORD, "short-one", None, "The password needs at least %(n)d characters.", {"n": 10}),
        (PASSWORD, NEW_PASSWORD, "something-else", "The two passwords differ.", {}),
        (PASSWORD, PASSWORD, None, "Choose a password different from the current one.", {}),
        (
            "not-my-password",
            NEW_PASSWORD,
            None,
            "The current password is wrong. After %(n)d wrong tries an account is "
            "locked for %(m)d minutes.",
            {"n": 5, "m": 15},
        ),
    ],
    ids=["too-short", "mismatch", "same-as-current", "wrong-current"],
)
def test_bad_new_password_is_refused(app, must_change, current, new, confirm, msgid, values):
    response = change(must_change, current, new, confirm)
    assert response.status_code == 200
    assert say(app, msgid, **values) in field_errors(response)
    assert get_user(app, "clerk").must_change_password
    assert location_path(must_change.get("/")) == "/password"


def test_password_change_frees_the_user(app, client, auth, must_change):
    response = change(must_change)
    assert location_path(response) == "/"
    assert must_change.get("/").status_code == 200
    assert not get_user(app, "clerk").must_change_password
    assert "password_changed" in audit_actions(app, "clerk")
    auth.logout()
    assert auth.login("clerk", PASSWORD).status_code == 200  # the old password: refused
    assert not is_logged_in(client)
    assert location_path(auth.login("clerk", NEW_PASSWORD)) == "/board"


# --- idle timeout -----------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def test_session_ends_after_the_idle_timeout(app, client, auth, clock):
    auth.login("clerk")
    assert is_logged_in(client)
    clock.advance(minutes=30, seconds=1)
    response = client.get("/")
    assert location_path(response) == "/login"
    assert not is_logged_in(client)  # not just sent away once: logged out


def test_activity_keeps_the_session(app, client, auth, clock):
    auth.login("clerk")
    assert is_logged_in(client)
    clock.advance(minutes=29)
    assert is_logged_in(client)
    clock.advance(minutes=29)  # each request counts as activity
    assert is_logged_in(client)


def test_idle_timeout_is_configurable(tmp_path, template_db, clock):
    app = make_app(tmp_path, template_db, IDLE_TIMEOUT_MINUTES=5)
    seed_staff(app)
    client = app.test_client()
    client.post("/login", data={"username": "clerk", "password": PASSWORD})
    assert is_logged_in(client)
    clock.advance(minutes=6)
    assert not is_logged_in(client)
    with app.app_context():
        db.engine.dispose()


# --- headers and scripts ----------------------------------------------------

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
_INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
_INLINE_STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.I)


@pytest.mark.parametrize("username", [None, "clerk", "head", "inspector", "admin", "county"])
def test_pages_have_a_csp_and_no_inline_script_or_style(app, client, auth, username):
    pages = ["/login"]
    if username:
        auth.login(username)
        pages = argument_free_pages(app)
    for path in pages:
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        body = response.get_data(as_text=True)
        assert not _INLINE_SCRIPT.search(body), path
        assert not _INLINE_HANDLER.search(body), path
        assert not _INLINE_STYLE.search(body), path
