"""Error pages in the user's language, never a traceback; htmx gets whole-page redirects."""

import pytest
from conftest import make_app, seed_staff
from helpers import say
from helpers import text as page_text

from station.access import public
from station.extensions import db


@pytest.fixture
def live_app(tmp_path, template_db):
    """Errors handled as in production (TESTING off), uploads limited to 1 MB."""
    app = make_app(tmp_path, template_db, TESTING=False, MAX_UPLOAD_MB=1)
    seed_staff(app)

    @public
    def broken():
        raise RuntimeError("secret internals")

    app.add_url_rule("/broken", "broken", broken)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_unknown_page_is_a_404_in_chinese(app, client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert say(app, "There is no such page, or it is not in your station.") in page_text(response)
    assert 'lang="zh-CN"' in response.get_data(as_text=True)


def test_wrong_method_is_a_405_page(app, client):
    response = client.get("/logout")
    assert response.status_code == 405
    assert say(app, "This page cannot be used that way.") in page_text(response)


def test_refusal_is_a_403_page(app, client, auth):
    auth.login("clerk")
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert say(app, "Your role does not allow you to open this page.") in page_text(response)


def test_a_crash_is_a_500_page_without_internals(live_app, caplog):
    response = live_app.test_client().get("/broken")
    assert response.status_code == 500
    body = page_text(response)
    assert say(live_app, "Something went wrong") in body
    assert "secret internals" not in body
    assert "Traceback" not in body
    assert "secret internals" in caplog.text  # but the log keeps it for the administrator


def test_a_crash_in_htmx_is_a_message_fragment(live_app):
    response = live_app.test_client().get("/broken", headers={"HX-Request": "true"})
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "<html" not in body
    assert 'class="notice error"' in body


def test_too_large_request_is_a_413_page(live_app):
    response = live_app.test_client().post(
        "/login", data={"username": "clerk", "password": "x" * (2 * 1024 * 1024)}
    )
    assert response.status_code == 413
    expected = "A file may be at most %(mb)d MB. Nothing was saved; choose a smaller file."
    assert say(live_app, expected, mb=1) in page_text(response)


def test_missing_login_fields_get_a_message_in_chinese(app, client):
    response = client.post("/login", data={"username": "", "password": ""})
    assert response.status_code == 200
    body = page_text(response)
    assert 'class="error"' in body
    assert "This field is required." not in body  # WTForms' own messages are translated too


# --- htmx: a redirect to the login page must replace the whole page ---------------


def test_htmx_request_without_login_redirects_the_whole_page(client):
    response = client.get(
        "/admin/users",
        headers={"HX-Request": "true", "HX-Current-URL": "http://localhost/admin/users?page=2"},
    )
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/login?next=")
    assert "page%3D2" in response.headers["HX-Redirect"]


def test_htmx_request_after_the_idle_timeout_redirects_the_whole_page(client, auth, monkeypatch):
    from clock import Clock

    clock = Clock(monkeypatch)
    auth.login("admin")
    clock.advance(minutes=31)
    response = client.get("/admin/users", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/login")


def test_htmx_request_before_the_password_change_redirects_the_whole_page(app, client, auth):
    from helpers import update_user

    update_user(app, "admin", must_change_password=True)
    auth.login("admin")
    response = client.get("/admin/users", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/password"
