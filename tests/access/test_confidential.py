"""Reports (举报) stay with the head and the inspector: nothing of them reaches anyone else.

docs/domain.md "Confidentiality": the content and the reporter's identity are secret;
lists, search, counts and lookups show no confidential detail to anyone else.
"""

import pytest
from access_world import handled_case
from case_helpers import act, as_user, get_case, make_case, move_to
from helpers import open_page, text
from sqlalchemy import select

from station.cases.models import Case
from station.extensions import db
from station.models import User
from station.people.models import KeyPerson

SECRET = {
    "kind": "report",
    "subject": "抄表员收取加急费",
    "content": "举报人称抄表员每户收取两百元",
    "person_name": "李秘密",
    "person_phone": "13912345678",
    "person_id_number": "420101199001011234",
}
LEAKS = ("抄表员", "加急费", "两百元", "李秘密", "13912345678", "5678", "420101199001011234")


def _user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.username == username))


def _assign_directly(app, ref: str, username: str) -> None:
    """As an older database may hold it: a report assigned to someone who may not read it."""
    with app.app_context():
        get_case(app, ref).assignee_id = _user_id(app, username)
        db.session.commit()


def _leaks(response, url: str = "") -> list[str]:
    """The secret words on the page, apart from those the user typed (a search echoes them)."""
    body = text(response)
    return [word for word in LEAKS if word in body and word not in url]


def _pages(report: dict) -> list[str]:
    ref, transfer, event = report["ref"], report["transfer_id"], report["event_id"]
    return [
        "/",
        "/cases/",
        "/cases/?kind=report",
        "/cases/?status=registered&assignee=none",
        "/cases/mine",
        "/search?q=抄表员",
        "/search?q=13912345678",
        "/search?q=5678",
        "/search?q=李秘密",
        f"/search?q={ref}",
        "/cases/new/lookup?phone=13912345678",
        "/cases/new/lookup?id_number=420101199001011234",
        f"/cases/{ref}",
        f"/cases/{ref}/print",
        f"/cases/{ref}/receipt",
        f"/cases/{ref}/registered",
        f"/cases/{ref}/reply-letter",
        f"/cases/{ref}/transfers/{transfer}/slip",
        f"/cases/{ref}/reminders/{event}",
        f"/cases/{ref}/attachments/{report['attachment_id']}",
        "/admin/policies",
        "/admin/topics",
        "/admin/audit",
    ]


@pytest.mark.parametrize("username", ["clerk", "county", "admin", "b_head"])
def test_nothing_of_a_report_reaches_anyone_else(app, client, auth, username):
    # Transferred, reminded, with an attachment and a reply letter: every sheet exists.
    report = handled_case(app, "head", "head", "inspector", **SECRET)
    _assign_directly(app, report["ref"], "clerk")
    auth.login(username)
    found = {}
    for url in _pages(report):
        with open_page(client, url) as response:
            found[url] = _leaks(response, url)
    assert {url: words for url, words in found.items() if words} == {}


def test_the_head_and_the_inspector_read_it(app, client, auth):
    ref = make_case(app, registered_by="clerk", **SECRET)
    for username in ("head", "inspector"):
        as_user(client, auth, username)
        assert "抄表员收取加急费" in text(client.get(f"/cases/{ref}"))
        assert ref in text(client.get("/search?q=抄表员"))


def test_a_clerks_panel_and_list_do_not_count_a_report_assigned_to_them(app, client, auth):
    ref = make_case(app, registered_by="head", **SECRET)
    _assign_directly(app, ref, "clerk")
    auth.login("clerk")
    home = text(client.get("/"))
    assert ref not in home and "(1)" not in home
    assert ref not in text(client.get("/cases/mine"))


def test_the_lookup_does_not_tell_anyone_that_a_phone_has_reported(app, client, auth):
    """A reporter's phone and ID number are sealed: the intake's lookup cannot find them,
    for a clerk or a head (only the inspector's identity search does)."""
    make_case(app, registered_by="head", **SECRET)
    for user in ("clerk", "head", "inspector"):
        as_user(client, auth, user)
        for query in ("phone=13912345678", "id_number=420101199001011234"):
            body = text(open_page(client, f"/cases/new/lookup?{query}"))
            assert "confidential" not in body.lower() and "保密" not in body
            assert "抄表员收取加急费" not in body and "JB" not in body


def test_an_appeal_of_a_report_stays_confidential(app, client, auth):
    ref = make_case(app, registered_by="head", **SECRET)
    move_to(app, ref, "followed_up", actor="head")
    auth.login("head")
    response = act(client, ref, "reopen_appeal", reason="对处理结果不服，要求重新调查")
    assert response.status_code == 303
    with app.app_context():
        appeal = db.session.scalar(select(Case).where(Case.parent_id == get_case(app, ref).id))
        appeal_ref, kind = appeal.ref, appeal.kind
    assert kind == "report"
    assert "抄表员收取加急费" in text(client.get(f"/cases/{appeal_ref}"))
    as_user(client, auth, "clerk")
    assert client.get(f"/cases/{appeal_ref}").status_code == 404  # as if there were none
    for url in ("/cases/", "/cases/?kind=appeal", "/search?q=抄表员", "/search?q=13912345678"):
        assert _leaks(client.get(url), url) == [], url
        assert appeal_ref not in text(client.get(url)), url


def test_a_report_is_assigned_only_to_those_who_may_read_it(app, client, auth):
    ref = make_case(app, registered_by="head", **SECRET)
    auth.login("head")
    page = text(client.get(f"/cases/{ref}/form/assign"))
    options = page[page.index('name="assign-assignee"') :].split("</select>")[0]
    assert "inspector" in options and ">clerk<" not in options
    response = act(client, ref, "assign", assignee=_user_id(app, "clerk"))
    assert response.status_code == 200  # the form's error, nothing saved
    with app.app_context():
        assert get_case(app, ref).assignee_id is None
    inspector = _user_id(app, "inspector")
    assert act(client, ref, "assign", assignee=inspector).status_code == 303
    with app.app_context():
        assert get_case(app, ref).assignee_id == inspector


def test_an_ordinary_case_is_still_assigned_to_clerks(app, client, auth):
    ref = make_case(app, registered_by="head")
    auth.login("head")
    assert act(client, ref, "assign", assignee=_user_id(app, "clerk")).status_code == 303
    assert act(client, ref, "assign", assignee=_user_id(app, "inspector")).status_code == 200


def test_a_clerk_who_took_a_report_sees_only_its_number(app, client, auth):
    auth.login("clerk")
    ref = make_case(app, registered_by="clerk", **SECRET)
    body = text(client.get(f"/cases/{ref}/registered"))
    assert ref in body and _leaks(client.get(f"/cases/{ref}/registered")) == []


def test_a_reporter_is_not_marked_as_a_key_person_from_the_report(app, client, auth):
    ref = make_case(app, registered_by="head", **SECRET)
    auth.login("head")
    assert f"/cases/{ref}/key-person" not in text(client.get(f"/cases/{ref}"))
    response = client.post(f"/cases/{ref}/key-person", data={"reason": "举报人，需保护"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(KeyPerson.id)) is None
    as_user(client, auth, "clerk")
    body = text(open_page(client, "/cases/new/lookup?phone=13912345678"))
    assert "举报人，需保护" not in body and "Key person" not in body
