"""Nobody grants themselves the gate: head, inspector and their passwords need a second person.

In the web UI an admin's grant of head or inspector, or reset of the password of someone
who holds one, is a request; a head or inspector of the same station, neither the
requester nor the user concerned, approves or refuses it at /approvals and alone sees
the new one-time password. The console's create-user stays the bootstrap.
"""

import re

import pytest
from conftest import PASSWORD, STATION_A
from conftest import user_id as uid
from helpers import audit_actions, get_user, is_logged_in, notices, shown_password, update_user
from sqlalchemy import select

from station.admin.models import RoleRequest
from station.confidential.models import AccessEntry
from station.extensions import db
from station.models import User
from station.rules import roles as R

pytestmark = pytest.mark.usefixtures("english")

ASKED = "Saved. Granting Inspector waits for the approval of a head or inspector of the station."
PASSWORD_ASKED = (
    "The new password waits for the approval of a head or inspector of the station; "
    "it is shown to them, not to you."
)
NOBODY = (
    "Nobody can decide it yet: add a head or inspector of the station, on the PC's console "
    "with the command station create-user."
)
OWN_REQUEST = "You asked for this change: another head or inspector must decide it."
OWN_ACCOUNT = "This request concerns your own account: another head or inspector must decide it."
DECIDED = "This request has already been decided."


def requests(app) -> list[tuple[str, str, list[str], str]]:
    """(user, kind, roles, state) of every request, oldest first."""
    with app.app_context():
        rows = db.session.scalars(select(RoleRequest).order_by(RoleRequest.id))
        return [(r.user.username, r.kind, r.roles, r.state) for r in rows]


def request_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(RoleRequest.id).order_by(RoleRequest.id.desc()))


def access_log(app) -> list[tuple[str, dict]]:
    with app.app_context():
        rows = db.session.scalars(select(AccessEntry).order_by(AccessEntry.id))
        return [(e.action, e.detail) for e in rows]


def as_user(client, auth, username: str) -> None:
    auth.logout()
    assert auth.login(username).status_code == 302


def give_roles(app, username: str, roles: set[str]) -> None:
    with app.app_context():
        db.session.scalar(select(User).where(User.username == username)).roles = roles
        db.session.commit()


def ask_inspector_for(client, app, username: str) -> None:
    """The station admin ticks the inspector role for ``username``."""
    roles = sorted(get_user(app, username).roles | {R.INSPECTOR})
    response = client.post(f"/admin/users/{uid(app, username)}", data={"roles": roles})
    assert response.status_code == 302


def test_an_admin_cannot_make_themselves_inspector(app, client, auth):
    auth.login("admin")
    own = f"/admin/users/{uid(app, 'admin')}"
    response = client.post(own, data={"roles": ["admin", "inspector"]})
    assert response.status_code == 302
    assert get_user(app, "admin").roles == {R.ADMIN}
    assert requests(app) == [("admin", "grant", ["inspector"], "pending")]
    page = client.get(response.headers["Location"])
    assert ASKED in notices(page)
    assert "Grant Inspector to admin" in page.text
    assert "to be decided by head, inspector" in page.text
    assert "role_requested" in audit_actions(app, "admin")
    target = uid(app, "admin")
    assert access_log(app)[-1] == (
        "role_requested",
        {"target": target, "roles": ["inspector"], "kind": "grant", "request": request_id(app)},
    )
    # Asking again makes no second request.
    client.post(f"/admin/users/{target}", data={"roles": ["admin", "inspector"]})
    assert len(requests(app)) == 1


def test_other_roles_change_at_once_beside_the_request(app, client, auth):
    auth.login("admin")
    client.post(f"/admin/users/{uid(app, 'clerk')}", data={"roles": ["admin", "head"]})
    assert get_user(app, "clerk").roles == {R.ADMIN}  # clerk taken away, admin given: at once
    assert requests(app) == [("clerk", "grant", ["head"], "pending")]
    client.post(f"/admin/users/{uid(app, 'head')}", data={"roles": ["clerk"]})
    assert get_user(app, "head").roles == {R.CLERK}  # taking head away needs nobody


def test_a_new_user_gets_the_other_roles_and_a_request_for_head(app, client, auth):
    auth.login("admin")
    response = client.post(
        "/admin/users/new", data={"username": "newhead", "roles": ["clerk", "head"]}
    )
    shown_password(response)
    assert "Grant Station head to newhead waits for the approval" in response.text
    assert get_user(app, "newhead").roles == {R.CLERK}
    client.post("/admin/users/new", data={"username": "onlyhead", "roles": ["head"]})
    assert get_user(app, "onlyhead").roles == set()  # nothing until someone approves
    assert requests(app) == [
        ("newhead", "grant", ["head"], "pending"),
        ("onlyhead", "grant", ["head"], "pending"),
    ]


def test_the_admin_never_sees_a_new_password_of_a_head(app, client, auth):
    auth.login("admin")
    before = get_user(app, "head").password_hash
    response = client.post(f"/admin/users/{uid(app, 'head')}/password")
    assert response.status_code == 302
    assert 'class="one-time-password"' not in client.get(response.headers["Location"]).text
    assert get_user(app, "head").password_hash == before
    assert requests(app) == [("head", "password", ["head"], "pending")]
    client.post(f"/admin/users/{uid(app, 'head')}/password")
    assert len(requests(app)) == 1
    # A clerk's password is reset at once, as before.
    assert shown_password(client.post(f"/admin/users/{uid(app, 'clerk')}/password"))


def test_approving_a_grant_gives_the_role_and_a_password_only_the_approver_sees(app, client, auth):
    auth.login("admin")
    ask_inspector_for(client, app, "clerk")
    as_user(client, auth, "head")
    assert re.search(r">Approvals <span class=\"badge\">1</span>", client.get("/").text)
    response = client.post(f"/approvals/{request_id(app)}/approve")
    assert response.status_code == 200
    password = shown_password(response)
    clerk = get_user(app, "clerk")
    assert clerk.roles == {R.CLERK, R.INSPECTOR}
    assert clerk.must_change_password
    assert requests(app) == [("clerk", "grant", ["inspector"], "approved")]
    assert {"role_approved", "roles_changed", "password_reset"} <= set(audit_actions(app, "clerk"))
    assert access_log(app)[-1][0] == "role_approved"
    assert ">Approvals</a>" in client.get("/").text  # nothing waits any more
    as_user(client, auth, "admin")
    assert password not in client.get(f"/admin/users/{uid(app, 'clerk')}").text
    auth.logout()
    assert auth.login("clerk", PASSWORD).status_code == 200  # the old password is gone
    assert auth.login("clerk", password).status_code == 302


def test_approving_a_password_reset_shows_it_to_the_approver(app, client, auth):
    auth.login("admin")
    client.post(f"/admin/users/{uid(app, 'head')}/password")
    heads_desk = app.test_client()
    heads_desk.post("/login", data={"username": "head", "password": PASSWORD})
    assert is_logged_in(heads_desk)  # asking changes nothing yet
    as_user(client, auth, "inspector")
    page = client.get("/approvals/")
    assert "A new password for head" in page.text
    password = shown_password(client.post(f"/approvals/{request_id(app)}/approve"))
    assert get_user(app, "head").must_change_password
    assert not is_logged_in(heads_desk)  # approving ends the head's sessions
    auth.logout()
    auth.login("head", password)
    assert client.get("/").headers["Location"].endswith("/password")


def test_refusing_changes_nothing_but_is_recorded(app, client, auth):
    auth.login("admin")
    ask_inspector_for(client, app, "clerk")
    before = get_user(app, "clerk").password_hash
    as_user(client, auth, "inspector")
    response = client.post(f"/approvals/{request_id(app)}/refuse", follow_redirects=True)
    assert "Refused; nothing was changed for clerk." in notices(response)
    clerk = get_user(app, "clerk")
    assert clerk.roles == {R.CLERK} and clerk.password_hash == before
    assert requests(app) == [("clerk", "grant", ["inspector"], "refused")]
    assert "role_refused" in audit_actions(app, "clerk")
    assert access_log(app)[-1][0] == "role_refused"
    assert "Refused" in client.get("/approvals/").text  # among the decided
    as_user(client, auth, "admin")
    assert "<td>Request refused</td>" in client.get("/admin/audit").text


# Who may decide the admin's request, written by hand: the station's head and inspector,
# never the admin who asked, nor the user it concerns, nor another station (its 404).
# (request: grant inspector to clerk | new password for head), decider, status, message.
DECISIONS = [
    ("grant", "head", 200, None),
    ("grant", "inspector", 200, None),
    ("grant", "clerk", 403, None),
    ("grant", "admin", 403, None),
    ("grant", "b_head", 404, None),
    ("grant", "b_inspector", 404, None),
    ("grant", "county", 403, None),
    ("grant", "admin+head", 303, OWN_REQUEST),  # asked it, and holds head too
    ("password", "head", 303, OWN_ACCOUNT),
    ("password", "inspector", 200, None),
    ("password", "admin+head", 303, OWN_REQUEST),
]


@pytest.mark.parametrize(("kind", "decider", "status", "message"), DECISIONS)
def test_who_may_decide(app, client, auth, kind, decider, status, message):
    if decider == "admin+head":
        give_roles(app, "admin", {R.ADMIN, R.HEAD})
    auth.login("admin")
    if kind == "grant":
        ask_inspector_for(client, app, "clerk")
    else:
        client.post(f"/admin/users/{uid(app, 'head')}/password")
    asked = requests(app)
    as_user(client, auth, decider.removesuffix("+head"))
    response = client.post(f"/approvals/{request_id(app)}/approve")
    assert response.status_code == status
    if status == 200:
        assert shown_password(response)
        assert requests(app)[0][3] == "approved"
        return
    assert requests(app) == asked  # still pending, nothing granted
    if message:
        assert message in notices(client.get(response.headers["Location"]))


def test_an_approved_request_is_not_decided_again(app, client, auth):
    auth.login("admin")
    ask_inspector_for(client, app, "clerk")
    as_user(client, auth, "head")
    client.post(f"/approvals/{request_id(app)}/approve")
    hash_after = get_user(app, "clerk").password_hash
    as_user(client, auth, "inspector")
    for verb in ("approve", "refuse"):
        response = client.post(f"/approvals/{request_id(app)}/{verb}", follow_redirects=True)
        assert DECIDED in notices(response)
    assert requests(app) == [("clerk", "grant", ["inspector"], "approved")]
    assert get_user(app, "clerk").password_hash == hash_after


def test_with_nobody_to_decide_the_request_waits_and_says_whom_to_add(app, client, auth):
    update_user(app, "head", active=False)
    auth.login("admin")
    client.post(f"/admin/users/{uid(app, 'inspector')}/password")
    assert NOBODY in client.get(f"/admin/users/{uid(app, 'inspector')}").text
    as_user(client, auth, "inspector")
    page = client.get("/approvals/")
    assert OWN_ACCOUNT in page.text and NOBODY in page.text
    assert ">Approvals</a>" in page.text  # no count: nothing waits for the inspector to decide
    assert "/approve" not in page.text
    assert requests(app) == [("inspector", "password", ["inspector"], "pending")]
    assert is_logged_in(client)


def test_the_console_creates_at_once_and_the_access_log_says_so(app, runner):
    result = runner.invoke(args=["create-user", "boss", "--role", "head", "--station", STATION_A])
    assert result.exit_code == 0, result.output
    assert get_user(app, "boss").roles == {R.HEAD}
    assert access_log(app) == [("user_created", {"target": uid(app, "boss"), "roles": ["head"]})]
    assert requests(app) == []


def test_each_approver_sees_what_waits_for_them_though_the_figure_is_kept(app, client, auth):
    """The badge is kept between requests, per user: a reset of the head's own password
    waits for the inspector, not for the head. Both are logged in first (a login writes,
    and a write empties what is kept)."""
    from conftest import AuthActions

    auth.login("admin")
    client.post(f"/admin/users/{uid(app, 'head')}/password")
    as_user(client, auth, "head")
    inspector = app.test_client()
    assert AuthActions(inspector).login("inspector").status_code == 302
    badge = re.compile(r">Approvals <span class=\"badge\">1</span>")
    assert not badge.search(client.get("/").text)
    assert badge.search(inspector.get("/").text)
    assert not badge.search(client.get("/").text)
