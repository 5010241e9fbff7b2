"""Open cases as the lists read them (cases/overdue.py ``is_open``: a next due date exactly
while open): who finds a case in "my cases" and on the board after it is closed, appealed,
reassigned, and when it is a report; and who does not."""

import re
from datetime import date, datetime

import pytest
from board_helpers import TZ, counts, first_contact_due, groups, on
from case_helpers import _user, add_case, get_case, move_to
from conftest import user_id
from helpers import text

from station.board import service
from station.cases import actions
from station.extensions import db
from station.rules.workflow import STATES
from station.timeutil import clock_at, to_utc

REF = re.compile(r'<td class="nowrap"><a href="/cases/([^"]+)">')


def mine(client, auth, username: str) -> list[str]:
    """The references on ``username``'s "my cases" page, top to bottom."""
    auth.login(username)
    with on():
        body = text(client.get("/cases/mine"))
    auth.logout()
    return REF.findall(body)


@pytest.fixture
def history(app):
    """Five cases of the clerk's (first contact due 9, 10, 12, 13, 16 March), then: one
    closed, one followed up and appealed (the appeal stays with the clerk), one reassigned
    to the head; and a report held by the head."""
    clerk = user_id(app, "clerk")
    refs = {
        name: first_contact_due(app, due, subject=name, later={"assignee_id": clerk})
        for name, due in (
            ("held", date(2026, 3, 9)),
            ("closed", date(2026, 3, 10)),
            ("appealed", date(2026, 3, 12)),
            ("reassigned", date(2026, 3, 13)),
        )
    }
    refs["report"] = first_contact_due(
        app, date(2026, 3, 16), kind="report", subject="举报某某",
        later={"assignee_id": user_id(app, "head")},
    )  # fmt: skip
    move_to(app, refs["closed"], "closed")
    move_to(app, refs["appealed"], "followed_up")
    with app.app_context(), clock_at(to_utc(datetime(2026, 3, 10, 9), TZ)):
        case = get_case(app, refs["appealed"])
        refs["appeal"] = actions.reopen_appeal(case, _user("clerk"), reason="不满意", tz=TZ).ref
        case = get_case(app, refs["reassigned"])
        actions.assign(case, _user("head"), assignee=_user("head"))
        db.session.commit()
    return refs


def test_my_cases_hold_what_is_open_and_mine_only(app, client, auth, history):
    r = history
    # The appeal, registered on 10 March, owes its first contact on Wednesday 11 March.
    assert mine(client, auth, "clerk") == [r["held"], r["appeal"]]
    assert mine(client, auth, "head") == [r["reassigned"], r["report"]]
    assert mine(client, auth, "inspector") == []
    assert mine(client, auth, "b_clerk") == []


def test_the_board_lists_the_open_cases_and_the_clerk_counts_the_report(app, client, auth, history):
    r = history
    auth.login("head")
    with on():
        body = text(client.get("/board"))
    assert groups(body) == {
        "late": [r["held"]],  # its first contact was due on 9 March
        "due_today": [r["appeal"]],
        "amber": [r["reassigned"]],  # due 13 March: 9 of its 11 days used
        "on_track": [r["report"]],  # due 16 March: 9 of its 14 days used
    }
    assert r["closed"] not in body and r["appealed"] not in body
    auth.logout()
    auth.login("clerk")
    with on():
        body = text(client.get("/board"))
    assert groups(body)["on_track"] == []
    assert r["report"] not in body and "举报某某" not in body
    assert counts(body) == {"late": 1, "due_today": 1, "amber": 1, "on_track": 1, "total": 4}


def test_a_late_group_longer_than_its_rows_counts_every_case(
    app, client, auth, monkeypatch, english
):
    """The late group is counted by the database and lists its first ROW_LIMIT rows."""
    monkeypatch.setattr(service, "ROW_LIMIT", 2)
    late = [first_contact_due(app, date(2026, 3, day), subject=f"超期{day}") for day in (5, 4, 6)]
    report = first_contact_due(app, date(2026, 3, 3), kind="report", subject="举报超期")
    auth.login("clerk")
    with on():
        body = text(client.get("/board"))
    assert groups(body)["late"] == [late[1], late[0]]  # 4 and 5 March, the soonest due
    assert counts(body)["late"] == 4  # the report inside the count, never listed
    assert report not in body
    assert "The first 2 of 3 are listed." in body


def test_a_case_has_a_next_due_date_exactly_while_it_is_open(app):
    ref = add_case(app)
    seen = {}
    for state in STATES[1:]:
        move_to(app, ref, state)
        with app.app_context():
            case = get_case(app, ref)
            seen[case.status] = case.next_due is not None
    assert seen == {
        "accepted": True,
        "replied": True,
        "followed_up": True,
        "closed": False,
        "archived": False,
    }
