"""The inspector's identity search (issue 8 item 2): only a whole phone or ID number finds a
reporter, only in the inspector's station, never a report naming the inspector; logged
without the number searched."""

import pytest
from case_helpers import get_case, make_case
from conftest import STATION_B, user_id
from helpers import text
from sqlalchemy import select

from station.confidential import gate
from station.confidential.models import AccessEntry
from station.extensions import db

PHONE, ID_NUMBER = "13912345678", "42010119900101123X"
REPORTER = {
    "kind": "report",
    "subject": "举报",
    "content": "举报内容",
    "person_name": "李秘密",
    "person_phone": PHONE,
    "person_id_number": ID_NUMBER,
}


@pytest.fixture
def reports(app, english) -> dict[str, str]:
    found = make_case(app, registered_by="clerk", **REPORTER)
    naming = make_case(app, registered_by="clerk", **REPORTER)
    other = make_case(app, registered_by="b_clerk", **REPORTER)
    inspector = user_id(app, "inspector")
    with app.app_context():
        gate.exclude(get_case(app, naming), [inspector])
        db.session.commit()
    with app.app_context():
        assert get_case(app, other, STATION_B).station_id != get_case(app, found).station_id
    return {"found": found, "naming": naming, "other": other}


def _search(client, number: str):
    return client.post("/confidential/identity", data={"number": number})


def _log(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(
            select(AccessEntry)
            .where(AccessEntry.action.in_(("identity_search", "search_hit", "refused_attempt")))
            .order_by(AccessEntry.id)
        )
        return [(e.action, e.case_id is not None, e.detail) for e in rows]


# number typed -> which of the fixture's reports the inspector finds
SEARCHES = [
    (PHONE, ["found"]),
    (" 42010119900101123x ", ["found"]),  # spaces and a lower-case x: as stored
    ("5678", []),
    ("1391234567", []),
    ("123X", []),
]


@pytest.mark.parametrize(("number", "expected"), SEARCHES)
def test_only_a_whole_number_finds_the_station_s_reports_not_naming_the_inspector(
    app, client, auth, reports, number, expected
):
    auth.login("inspector")
    response = _search(client, number)
    assert response.status_code == 200
    page = text(response)
    # Each station numbers its reports from 1: the reports shown are told by their log.
    with app.app_context():
        names = {get_case(app, reports["found"]).id: "found"}
        names[get_case(app, reports["naming"]).id] = "naming"
        names[get_case(app, reports["other"], STATION_B).id] = "other"
        hits = db.session.scalars(
            select(AccessEntry.case_id).where(AccessEntry.action == "search_hit")
        )
        assert sorted(names[h] for h in hits) == expected
    assert page.count("/cases/JB") == len(expected)
    if not expected:
        assert "a part of one finds nothing" in page


def test_the_search_is_logged_with_its_hits_never_the_number(app, client, auth, reports):
    auth.login("inspector")
    _search(client, PHONE)
    _search(client, "5678")
    assert _log(app) == [
        ("identity_search", False, {"hits": 1}),
        ("search_hit", True, {}),
        ("identity_search", False, {"hits": 0}),
    ]
    with app.app_context():
        hit = db.session.scalar(select(AccessEntry).where(AccessEntry.action == "search_hit"))
        assert hit.case_id == get_case(app, reports["found"]).id


def test_an_empty_search_is_refused_with_a_message_and_logged(app, client, auth, reports):
    auth.login("inspector")
    response = _search(client, "  ")
    assert response.status_code == 400
    assert "Type a whole phone or ID number." in text(response)
    assert _log(app) == [
        ("refused_attempt", False, {"what": "identity_search", "why": "no_number"})
    ]


@pytest.mark.parametrize("username", ["head", "clerk", "admin", "county"])
def test_nobody_else_searches_for_a_reporter(app, client, auth, reports, username):
    auth.login(username)
    assert client.get("/confidential/identity").status_code == 403
    assert _search(client, PHONE).status_code == 403
    assert _log(app) == []
