"""The admin pages: accounts, the audit log, stations; and who may not use them."""

import re

import pytest
from conftest import PASSWORD, STATION_A, STATION_B, make_app, seed_staff
from conftest import user_id as uid
from helpers import add_installation_admin, audit_actions, get_user, shown_password
from sqlalchemy import func, select

from station.extensions import db
from station.models import Station, User
from station.rules import roles as R
from station.timeutil import utcnow

pytestmark = pytest.mark.usefixtures("english")


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


def test_create_user_shows_a_password_that_works_once(app, client, auth):
    auth.login("admin")
    response = client.post(
        "/admin/users/new", data={"username": "xiaowang", "name": "王小", "roles": ["clerk"]}
    )
    assert response.status_code == 200
    password = shown_password(response)
    user = get_user(app, "xiaowang")
    assert user.roles == {R.CLERK}
    assert user.station.name == STATION_A
    assert user.must_change_password
    assert "user_created" in audit_actions(app, "xiaowang")

    auth.logout()
    assert auth.login("xiaowang", password).status_code == 302
    home = client.get("/")
    assert home.status_code == 302
    assert home.headers["Location"].endswith("/password")


def test_duplicate_username_is_refused_whatever_the_case(app, client, auth):
    auth.login("admin")
    before = user_count(app)
    response = client.post("/admin/users/new", data={"username": "CLERK", "roles": ["clerk"]})
    assert response.status_code == 200
    assert "The username CLERK is taken." in response.text
    assert "one-time-password" not in response.text
    assert user_count(app) == before


def test_unknown_role_is_refused(app, client, auth):
    auth.login("admin")
    response = client.post("/admin/users/new", data={"username": "wiz", "roles": ["wizard"]})
    assert "Unknown role: wizard" in response.text
    assert get_user(app, "wiz") is None


def test_no_role_is_refused(app, client, auth):
    auth.login("admin")
    response = client.post("/admin/users/new", data={"username": "nobody"})
    assert "Choose at least one role." in response.text
    assert get_user(app, "nobody") is None


def test_station_admin_cannot_grant_the_county_role(app, client, auth):
    auth.login("admin")
    response = client.post("/admin/users/new", data={"username": "sneaky", "roles": ["county"]})
    assert "installation&#39;s administrator can grant the role County staff." in response.text
    assert get_user(app, "sneaky") is None
    assert 'value="county"' not in client.get("/admin/users/new").text
    assert 'value="county"' not in client.get(f"/admin/users/{uid(app, 'clerk')}").text
    response = client.post(f"/admin/users/{uid(app, 'clerk')}", data={"roles": ["county"]})
    assert "installation&#39;s administrator can grant" in response.text
    assert get_user(app, "clerk").roles == {R.CLERK}


def test_installation_admin_picks_the_station(app, client, auth):
    add_installation_admin(app)
    auth.login("root")
    with app.app_context():
        station_b = db.session.scalar(select(Station.id).where(Station.name == STATION_B))
    response = client.post(
        "/admin/users/new", data={"username": "bnew", "roles": ["head"], "station": station_b}
    )
    shown_password(response)
    assert get_user(app, "bnew").station.name == STATION_B


def test_clerk_without_station_is_refused(app, client, auth):
    add_installation_admin(app)
    auth.login("root")
    response = client.post(
        "/admin/users/new", data={"username": "floating", "roles": ["clerk"], "station": "0"}
    )
    assert "belong to a station" in response.text
    assert get_user(app, "floating") is None


def test_change_name_and_roles(app, client, auth):
    auth.login("admin")
    clerk = uid(app, "clerk")
    # head and inspector wait for a second person (tests/admin/test_approvals.py); admin does not
    response = client.post(
        f"/admin/users/{clerk}", data={"name": "李受理", "roles": ["clerk", "admin"]}
    )
    assert response.status_code == 302
    user = get_user(app, "clerk")
    assert user.roles == {R.CLERK, R.ADMIN}
    assert user.name == "李受理"
    assert {"name_changed", "roles_changed"} <= set(audit_actions(app, "clerk"))
    assert re.search(r'<input checked [^>]*value="admin"', client.get(f"/admin/users/{clerk}").text)


def test_removing_all_roles_changes_nothing(app, client, auth):
    auth.login("admin")
    response = client.post(f"/admin/users/{uid(app, 'clerk')}", data={"name": "x"})
    assert "Choose at least one role." in response.text
    user = get_user(app, "clerk")
    assert user.roles == {R.CLERK}
    assert user.name == "clerk"


def test_admin_cannot_remove_own_admin_role(app, client, auth):
    auth.login("admin")
    response = client.post(f"/admin/users/{uid(app, 'admin')}", data={"roles": ["clerk"]})
    assert "lock yourself out" in response.text
    assert get_user(app, "admin").roles == {R.ADMIN}


def test_reset_password_shows_a_new_one_and_lifts_the_lock(app, client, auth):
    with app.app_context():
        clerk = db.session.scalar(select(User).where(User.username == "clerk"))
        clerk.locked_until = utcnow().replace(year=utcnow().year + 1)
        db.session.commit()
    auth.login("admin")
    page = client.get(f"/admin/users/{uid(app, 'clerk')}")
    assert "Unlock" in page.text
    response = client.post(f"/admin/users/{uid(app, 'clerk')}/password")
    password = shown_password(response)
    user = get_user(app, "clerk")
    assert user.must_change_password
    assert user.locked_until is None
    assert "password_reset" in audit_actions(app, "clerk")

    auth.logout()
    assert "Wrong username or password" in auth.login("clerk", PASSWORD).text
    assert auth.login("clerk", password).status_code == 302
    assert client.get("/").headers["Location"].endswith("/password")


def test_unlock(app, client, auth):
    with app.app_context():
        clerk = db.session.scalar(select(User).where(User.username == "clerk"))
        clerk.locked_until = utcnow().replace(year=utcnow().year + 1)
        clerk.failed_logins = 3
        db.session.commit()
    auth.login("admin")
    assert "Locked" in client.get("/admin/users").text
    client.post(f"/admin/users/{uid(app, 'clerk')}/unlock")
    assert get_user(app, "clerk").locked_until is None
    assert "user_unlocked" in audit_actions(app, "clerk")
    auth.logout()
    assert auth.login("clerk").status_code == 302
    assert client.get("/").status_code == 200


def test_deactivated_user_is_logged_out_and_cannot_log_in(app, client, auth):
    clerk_client = app.test_client()
    clerk_client.post("/login", data={"username": "clerk", "password": PASSWORD})
    assert clerk_client.get("/").status_code == 200

    auth.login("admin")
    clerk = uid(app, "clerk")
    client.post(f"/admin/users/{clerk}/deactivate")
    assert not get_user(app, "clerk").active
    assert "user_deactivated" in audit_actions(app, "clerk")

    assert clerk_client.get("/").status_code == 302  # logged out on the next request
    response = clerk_client.post("/login", data={"username": "clerk", "password": PASSWORD})
    assert response.status_code == 200
    assert "Wrong username or password" in response.text

    users = client.get("/admin/users").text
    assert f'/admin/users/{clerk}"' not in users
    assert f'/admin/users/{clerk}"' in client.get("/admin/users?inactive=y").text

    client.post(f"/admin/users/{clerk}/reactivate")
    assert get_user(app, "clerk").active
    assert "user_reactivated" in audit_actions(app, "clerk")


def test_admin_cannot_deactivate_self(app, client, auth):
    auth.login("admin")
    response = client.post(f"/admin/users/{uid(app, 'admin')}/deactivate", follow_redirects=True)
    assert "lock yourself out" in response.text
    assert get_user(app, "admin").active


def test_other_station_admin_sees_none_of_station_a(app, client, auth):
    auth.login("b_admin")
    clerk = uid(app, "clerk")
    listing = client.get("/admin/users").text
    assert f'/admin/users/{uid(app, "b_clerk")}"' in listing
    assert f'/admin/users/{clerk}"' not in listing
    assert STATION_A not in listing
    assert client.get(f"/admin/users/{clerk}").status_code == 404
    for action in ("password", "unlock", "deactivate", "reactivate"):
        assert client.post(f"/admin/users/{clerk}/{action}").status_code == 404
    response = client.post(f"/admin/users/{clerk}", data={"roles": ["admin"]})
    assert response.status_code == 404
    user = get_user(app, "clerk")
    assert user.active and user.roles == {R.CLERK}


def test_installation_admin_sees_every_station(app, client, auth):
    add_installation_admin(app)
    auth.login("root")
    listing = client.get("/admin/users").text
    for name in ("clerk", "b_clerk", "county"):
        assert f'/admin/users/{uid(app, name)}"' in listing
    assert client.get(f"/admin/users/{uid(app, 'b_head')}").status_code == 200


def admin_requests(app, clerk_id: int) -> list[tuple[str, str]]:
    """(method, path) for every admin route, with a real user id filled in."""
    requests = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin."):
            continue
        path = rule.rule.replace("<int:user_id>", str(clerk_id))
        method = "GET" if "GET" in rule.methods else "POST"
        requests.append((method, path))
    assert len(requests) >= 8
    return requests


@pytest.mark.parametrize("username", ["clerk", "head", "inspector", "county"])
def test_other_roles_are_refused_every_admin_page_and_nothing_changes(app, client, auth, username):
    """Their statuses are rows of access_table; here a payload that would change a user."""
    auth.login(username)
    before = user_count(app)
    for method, path in admin_requests(app, uid(app, "clerk")):
        client.open(path, method=method, data={"roles": ["admin"], "name": "x"})
    assert user_count(app) == before
    assert get_user(app, "clerk").roles == {R.CLERK}
    home = client.get("/").text
    assert 'href="/admin/users"' not in home
    assert 'href="/admin/audit"' not in home


def test_audit_log_shows_changes_and_cannot_be_edited(app, client, auth):
    auth.login("admin")
    client.post(f"/admin/users/{uid(app, 'clerk')}", data={"roles": ["clerk", "admin"]})
    page = client.get("/admin/audit")
    assert page.status_code == 200
    assert "<td>Roles changed</td>" in page.text  # the action by its name, not its code
    assert "<td>Clerk → Administrator, Clerk</td>" in page.text  # the roles by their names
    filtered = client.get("/admin/audit?action=login&username=admin").text
    assert "<td>Roles changed</td>" not in filtered
    assert "<td>Logged in</td>" in filtered
    assert '<option selected value="login">Logged in</option>' in filtered

    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/admin/audit"):
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}
    assert client.get("/admin/audit?page=999&action=nonsense").status_code == 200


def test_audit_log_of_another_station_is_hidden(app, client, auth):
    auth.login("admin")
    client.post(f"/admin/users/{uid(app, 'clerk')}", data={"roles": ["clerk", "head"]})
    auth.logout()
    auth.login("b_admin")
    page = client.get("/admin/audit").text
    assert "roles_changed" not in page
    assert "b_admin" in page  # their own login


def test_stations_page_is_for_the_installation_admin_only(app, client, auth):
    auth.login("admin")
    assert "/admin/stations" not in client.get("/admin/users").text
    auth.logout()

    add_installation_admin(app)
    auth.login("root")
    page = client.get("/admin/stations")
    assert page.status_code == 200
    assert STATION_B in page.text
    assert 'href="/admin/stations"' in client.get("/admin/users").text
    response = client.post("/admin/stations", data={"name": "三岔供电所"}, follow_redirects=True)
    assert "三岔供电所" in response.text
    with app.app_context():
        assert db.session.scalar(select(Station).where(Station.name == "三岔供电所"))
    again = client.post("/admin/stations", data={"name": STATION_A})
    assert "already exists" in again.text


def test_admin_posts_need_the_csrf_token(tmp_path, template_db):
    folder = tmp_path / "csrf"  # apart from the `app` fixture's database in tmp_path
    folder.mkdir()
    app = make_app(folder, template_db, WTF_CSRF_ENABLED=True)
    seed_staff(app)
    client = app.test_client()
    login = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    response = client.post(f"/admin/users/{uid(app, 'clerk')}/deactivate")
    assert response.status_code == 400
    assert get_user(app, "clerk").active
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_home_page_links_the_admin_pages(app, client, auth):
    auth.login("admin")
    home = client.get("/").text
    assert 'href="/admin/users"' in home
    assert 'href="/admin/audit"' in home
    assert 'href="/admin/stations"' not in home
    auth.logout()
    add_installation_admin(app)
    auth.login("root")
    assert 'href="/admin/stations"' in client.get("/").text
