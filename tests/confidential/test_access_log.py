"""The access log of reports: who saw, printed or found which report, and from where."""

from case_helpers import make_case
from sqlalchemy import select

from station.confidential.models import AccessEntry
from station.extensions import db
from station.models import User

SECRET = {"kind": "report", "subject": "举报台区经理吃拿卡要", "content": "具体经过"}


def entries(app) -> list[tuple[str, str, str]]:
    """(action, username, page) of every entry, in order."""
    with app.app_context():
        rows = db.session.execute(
            select(AccessEntry.action, User.username, AccessEntry.detail, AccessEntry.address)
            .outerjoin(User, User.id == AccessEntry.user_id)
            .order_by(AccessEntry.id)
        ).all()
        assert all(address in ("127.0.0.1", "") for *_rest, address in rows)
        return [(a, user or "", (detail or {}).get("page", "")) for a, user, detail, _ip in rows]


def test_each_view_print_and_search_hit_is_logged_with_who(app, client, auth):
    ref = make_case(app, registered_by="head", **SECRET)
    auth.login("inspector")
    assert client.get(f"/cases/{ref}").status_code == 200
    assert client.get(f"/cases/{ref}/print").status_code == 200
    assert ref in client.get("/search?q=吃拿卡要").get_data(as_text=True)
    assert entries(app) == [
        ("registered", "head", ""),  # registered through the service: its registrar
        ("view", "inspector", "cases.show"),
        ("print", "inspector", "cases.print_file"),
        ("search_hit", "inspector", ""),
    ]


def test_what_a_clerk_cannot_open_leaves_no_view_in_the_log(app, client, auth, english):
    ref = make_case(app, registered_by="head", **SECRET)
    auth.login("clerk")
    assert client.get(f"/cases/{ref}").status_code == 404
    assert "Cases found: 0" in client.get("/search?q=吃拿卡要").get_data(as_text=True)
    assert entries(app) == [("registered", "head", "")]


def test_the_log_cannot_be_changed(app):
    import pytest

    from station.models import AppendOnlyError

    make_case(app, registered_by="head", **SECRET)
    with app.app_context():
        entry = db.session.scalars(select(AccessEntry)).first()
        entry.action = "view"
        with pytest.raises(AppendOnlyError):
            db.session.commit()
