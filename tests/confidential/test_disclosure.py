"""A report's panel: identity requests (a head asks, another inspector decides), contact
the reporter, the message for the reporter, and the access log pages.

docs/domain.md "Confidentiality", issue 8 items 2, 4, 8 and 9.
"""

import re
from datetime import timedelta

import pytest
from case_helpers import as_user, get_case, make_case
from conftest import PASSWORD_HASH, STATION_A, user_id
from helpers import text
from sqlalchemy import select
from sqlalchemy import text as sql

from station.confidential import disclosures, gate, receipts
from station.confidential.models import AccessEntry, Disclosure
from station.extensions import db
from station.models import Station, User
from station.rules import roles as R
from station.timeutil import utcnow

REPORTER = {
    "kind": "report",
    "subject": "抄表员收取加急费",
    "content": "举报人称抄表员每户收取两百元",
    "person_name": "李秘密",
    "person_phone": "13912345678",
    "person_id_number": "420101199001011234",
    "person_address": "王家村三组12号",
}
# What the head sees of the reporter before approval, and after it.
MASKED = ("李**", "139****5678", "4****************4", "王家村****")
FULL = ("李秘密", "13912345678", "420101199001011234", "王家村三组12号")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def report(app, english) -> str:
    return make_case(app, registered_by="clerk", **REPORTER)


def _request(client, ref: str, reason: str = "需回访核实举报内容", days: str = "7"):
    return client.post(
        f"/confidential/reports/{ref}/disclosure",
        data={"disclose-reason": reason, "disclose-days": days},
    )


def _decide(client, ref: str, disclosure_id: int, decision: str, reason: str = "同意，限期七天"):
    prefix = f"decide-{disclosure_id}"
    return client.post(
        f"/confidential/reports/{ref}/disclosures/{disclosure_id}",
        data={f"{prefix}-decision": decision, f"{prefix}-reason": reason},
    )


def _disclosures(app) -> list[dict]:
    with app.app_context():
        return [
            {
                "id": d.id,
                "state": d.state,
                "by": d.requested_by.username,
                "decided_by": d.decided_by.username if d.decided_by else None,
                "days": d.days,
                "lasts": d.expires_at - d.decided_at if d.expires_at else None,
            }
            for d in db.session.scalars(select(Disclosure).order_by(Disclosure.id))
        ]


def _log(app, *actions: str) -> list[tuple]:
    """The access log's entries of these actions: (action, username, detail)."""
    with app.app_context():
        rows = db.session.scalars(
            select(AccessEntry).where(AccessEntry.action.in_(actions)).order_by(AccessEntry.id)
        )
        return [(e.action, e.user.username if e.user else None, e.detail) for e in rows]


def _add_user(app, username: str, roles: set[str]) -> int:
    with app.app_context():
        station = db.session.scalar(select(Station).where(Station.name == STATION_A))
        user = User(username=username, name=username, station=station)
        user.password_hash = PASSWORD_HASH
        user.must_change_password = False
        user.roles = roles
        db.session.add(user)
        db.session.commit()
        return user.id


def _exclude(app, ref: str, username: str) -> None:
    excluded = user_id(app, username)
    with app.app_context():
        gate.exclude(get_case(app, ref), [excluded])
        db.session.commit()


def _shows(body: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if w in body]


# ---------------------------------------------------------------- approve, refuse, expire


def test_a_head_sees_who_reported_only_between_approval_and_expiry(app, client, auth, report):
    auth.login("head")
    page = text(client.get(f"/cases/{report}"))
    assert _shows(page, MASKED) == list(MASKED) and _shows(page, FULL) == []
    assert "Request the reporter's identity" in page

    assert _request(client, report).status_code == 303
    page = text(client.get(f"/cases/{report}"))
    assert "is waiting for an inspector" in page
    assert "Request the reporter's identity" not in page  # one request at a time
    assert _shows(page, FULL) == []
    (asked,) = _disclosures(app)
    assert asked == {
        "id": asked["id"],
        "state": "pending",
        "by": "head",
        "decided_by": None,
        "days": 7,
        "lasts": None,
    }

    as_user(client, auth, "inspector")
    page = text(client.get(f"/cases/{report}"))
    assert "需回访核实举报内容" in page and "Approve" in page
    assert _decide(client, report, asked["id"], "approve").status_code == 303
    (decided,) = _disclosures(app)
    assert decided["state"] == "approved" and decided["decided_by"] == "inspector"
    assert decided["lasts"] == timedelta(days=7)

    as_user(client, auth, "head")
    page = text(client.get(f"/cases/{report}"))
    assert _shows(page, FULL) == list(FULL)
    assert "Your request was approved" in page and "同意，限期七天" in page

    with app.app_context():
        db.session.get(Disclosure, asked["id"]).expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    page = text(client.get(f"/cases/{report}"))
    assert _shows(page, FULL) == [] and _shows(page, MASKED) == list(MASKED)
    assert "Request the reporter's identity" in page  # may ask again

    assert _log(app, "disclosure_requested", "disclosure_approved") == [
        ("disclosure_requested", "head", {"disclosure": asked["id"], "days": 7}),
        ("disclosure_approved", "inspector", {"disclosure": asked["id"]}),
    ]


def test_identity_disclosed_honours_the_time(app, report):
    head_id, inspector_id = user_id(app, "head"), user_id(app, "inspector")
    with app.app_context():
        case = get_case(app, report)
        head, inspector = db.session.get(User, head_id), db.session.get(User, inspector_id)
        item = Disclosure(case_id=case.id, station_id=case.station_id, requested_by_id=head.id)
        item.reason = "核实"
        db.session.add(item)
        db.session.flush()
        now = utcnow()
        disclosures.decide(case, item, inspector, True, "同意", now=now)
        assert item.expires_at == now + timedelta(days=7)
        assert gate.identity_disclosed(head, case, now=now + timedelta(days=6, hours=23))
        assert not gate.identity_disclosed(head, case, now=now + timedelta(days=7))


def test_a_refused_request_leaves_the_identity_hidden(app, client, auth, report):
    auth.login("head")
    _request(client, report)
    (asked,) = _disclosures(app)
    as_user(client, auth, "inspector")
    assert _decide(client, report, asked["id"], "refuse", "理由不足").status_code == 303
    (decided,) = _disclosures(app)
    assert (decided["state"], decided["decided_by"], decided["lasts"]) == (
        "refused",
        "inspector",
        None,
    )
    as_user(client, auth, "head")
    page = text(client.get(f"/cases/{report}"))
    assert _shows(page, FULL) == [] and "Refused" in page and "理由不足" in page
    assert _log(app, "disclosure_refused") == [
        ("disclosure_refused", "inspector", {"disclosure": asked["id"]})
    ]


def test_the_reasons_are_sealed_not_in_the_disclosure_table(app, client, auth, report):
    auth.login("head")
    _request(client, report, reason="需回访核实举报内容")
    with app.app_context():
        columns = db.session.execute(sql("SELECT reason, decision_reason FROM disclosure")).all()
    assert [tuple(c) for c in columns] == [("", "")]


# ---------------------------------------------------------------- who may not decide


def test_the_requester_may_not_approve_their_own_request(app, client, auth, report):
    auth.login("head")
    _request(client, report)
    (asked,) = _disclosures(app)
    head_id = user_id(app, "head")
    with app.app_context():  # the head becomes an inspector too, after asking
        db.session.get(User, head_id).roles = {R.HEAD, R.INSPECTOR}
        db.session.commit()
    as_user(client, auth, "head")
    response = _decide(client, report, asked["id"], "approve")
    assert response.status_code == 403
    assert "You made this request yourself. Another inspector must decide it." in text(response)
    assert _disclosures(app)[0]["state"] == "pending"
    assert _log(app, "refused_attempt") == [
        (
            "refused_attempt",
            "head",
            {"what": "disclosure_decision", "why": "own_request", "disclosure": asked["id"]},
        )
    ]


def test_a_head_may_not_decide_at_all(app, client, auth, report):
    auth.login("head")
    _request(client, report)
    (asked,) = _disclosures(app)
    for username in ("head", "clerk", "admin"):
        as_user(client, auth, username)
        assert _decide(client, report, asked["id"], "approve").status_code == 403, username
    assert _disclosures(app)[0]["state"] == "pending"


def test_an_excluded_inspector_may_not_approve(app, client, auth, report):
    _add_user(app, "inspector2", {R.INSPECTOR})
    auth.login("head")
    _request(client, report)
    (asked,) = _disclosures(app)
    _exclude(app, report, "inspector")
    as_user(client, auth, "inspector")
    assert report not in text(client.get("/confidential/disclosures"))
    assert _decide(client, report, asked["id"], "approve").status_code == 404  # as if none
    assert _disclosures(app)[0]["state"] == "pending"
    assert _log(app, "refused_attempt") == [
        ("refused_attempt", "inspector", {"what": "disclosure_decision", "why": "excluded"})
    ]
    as_user(client, auth, "inspector2")
    assert report in text(client.get("/confidential/disclosures"))
    assert _decide(client, report, asked["id"], "approve").status_code == 303
    assert _disclosures(app)[0]["decided_by"] == "inspector2"


def test_with_nobody_to_approve_the_request_waits_and_says_whom_to_add(app, client, auth, report):
    _exclude(app, report, "inspector")  # the station's only inspector is the one reported
    auth.login("head")
    assert _request(client, report).status_code == 303
    page = text(client.get(f"/cases/{report}"))
    assert "Nobody can approve it yet: the station needs an inspector other than you." in page
    assert "station create-user" in page
    assert _disclosures(app)[0]["state"] == "pending"
    _add_user(app, "inspector2", {R.INSPECTOR})
    page = text(client.get(f"/cases/{report}"))
    assert "is waiting for an inspector" in page and "Nobody can approve it yet" not in page


def test_a_deactivated_inspector_is_nobody_to_approve(app, client, auth, report):
    inspector_id = user_id(app, "inspector")
    with app.app_context():
        db.session.get(User, inspector_id).active = False
        db.session.commit()
    auth.login("head")
    _request(client, report)
    assert "Nobody can approve it yet" in text(client.get(f"/cases/{report}"))


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("reason", "days", "message", "why"),
    [
        ("", "7", "Write the reason.", "no_reason"),
        ("   ", "7", "Write the reason.", "no_reason"),
        ("核实", "31", "Choose from 1 to 30 days.", "bad_days"),
        ("核实", "0", "Choose from 1 to 30 days.", "bad_days"),
        ("核实", "七", "Choose from 1 to 30 days.", "bad_days"),
        ("长" * 501, "7", "The reason is too long: at most 500 characters.", "too_long"),
    ],
)
def test_a_bad_request_is_refused_with_a_message_and_logged(
    app, client, auth, report, reason, days, message, why
):
    auth.login("head")
    response = _request(client, report, reason=reason, days=days)
    assert response.status_code == 400
    assert message in text(response)
    assert _disclosures(app) == []
    assert _log(app, "refused_attempt") == [
        ("refused_attempt", "head", {"what": "disclosure_request", "why": why})
    ]


def test_a_decision_without_a_reason_is_refused(app, client, auth, report):
    auth.login("head")
    _request(client, report)
    (asked,) = _disclosures(app)
    as_user(client, auth, "inspector")
    response = _decide(client, report, asked["id"], "approve", reason="")
    assert response.status_code == 400 and "Write the reason." in text(response)
    assert _disclosures(app)[0]["state"] == "pending"
    assert _log(app, "refused_attempt")[0][2]["why"] == "no_reason"


def test_a_decided_request_is_not_decided_again(app, client, auth, report):
    auth.login("head")
    _request(client, report)
    (asked,) = _disclosures(app)
    as_user(client, auth, "inspector")
    _decide(client, report, asked["id"], "refuse", "理由不足")
    response = _decide(client, report, asked["id"], "approve")
    assert response.status_code == 409
    assert "This request has already been decided." in text(response)
    assert _disclosures(app)[0]["state"] == "refused"


def test_only_a_head_asks(app, client, auth, report):
    for username in ("inspector", "clerk", "admin"):
        as_user(client, auth, username)
        assert _request(client, report).status_code == 403, username
    assert _disclosures(app) == []


def test_the_htmx_answer_is_the_panel(app, client, auth, report):
    auth.login("head")
    response = client.post(
        f"/confidential/reports/{report}/disclosure",
        data={"disclose-reason": "", "disclose-days": "7"},
        headers=HTMX,
    )
    body = text(response)
    assert response.status_code == 400 and response.headers["X-Swap-On-Error"] == "1"
    assert body.lstrip().startswith('<section id="report-panel"')
    assert "Write the reason." in body


# ---------------------------------------------------------------- contact the reporter


def test_contact_the_reporter_shows_phone_and_address_and_is_logged(app, client, auth, report):
    auth.login("head")
    page = text(client.get(f"/cases/{report}"))
    assert "Show the phone and address" in page
    response = client.post(f"/confidential/reports/{report}/contact", headers=HTMX)
    body = text(response)
    assert response.status_code == 200
    assert "13912345678" in body and "王家村三组12号" in body
    assert "李秘密" not in body and "420101199001011234" not in body
    assert _log(app, "contact_shown") == [("contact_shown", "head", {})]
    # Without JavaScript: the panel on a page of its own, still without the name.
    page = text(client.post(f"/confidential/reports/{report}/contact"))
    assert "13912345678" in page and "李秘密" not in page


def test_no_contact_button_for_whoever_sees_it_all_or_an_anonymous_report(
    app, client, auth, report
):
    auth.login("inspector")
    assert "Show the phone and address" not in text(client.get(f"/cases/{report}"))
    anonymous = make_case(
        app, registered_by="clerk", kind="report", anonymous=True, person_name="", person_phone=""
    )
    as_user(client, auth, "head")
    assert "Show the phone and address" not in text(client.get(f"/cases/{anonymous}"))


def test_contact_is_not_for_a_clerk(app, client, auth, report):
    auth.login("clerk")
    assert client.post(f"/confidential/reports/{report}/contact").status_code == 403
    assert _log(app, "contact_shown") == []


# ---------------------------------------------------------------- the message for the reporter


def _receipt(app, ref: str) -> str:
    with app.app_context():
        code = receipts.issue(get_case(app, ref))
        db.session.commit()
        return code


def test_the_status_page_shows_the_message_once_written(app, client, auth, report):
    code = _receipt(app, report)
    auth.login("clerk")
    assert "No message yet." in text(client.post("/confidential/status", data={"code": code}))
    as_user(client, auth, "head")
    message = "您反映的问题已在核查，请耐心等待。"
    response = client.post(
        f"/confidential/reports/{report}/message", data={"message-text": message}
    )
    assert response.status_code == 303
    assert message in text(client.get(f"/cases/{report}"))
    as_user(client, auth, "clerk")
    page = text(client.post("/confidential/status", data={"code": code}))
    assert message in page
    assert _log(app, "message_written") == [("message_written", "head", {})]
    as_user(client, auth, "inspector")  # the inspector changes it
    client.post(f"/confidential/reports/{report}/message", data={"message-text": "已办结。"})
    as_user(client, auth, "clerk")
    page = text(client.post("/confidential/status", data={"code": code}))
    assert "已办结。" in page and message not in page


@pytest.mark.parametrize("typed", ["", "   ", "长" * 501])
def test_a_bad_message_is_refused_and_nothing_is_stored(app, client, auth, report, typed):
    auth.login("head")
    response = client.post(f"/confidential/reports/{report}/message", data={"message-text": typed})
    assert response.status_code == 400
    assert "Please correct the marked fields." in text(response)
    with app.app_context():
        assert gate.reporter_message(get_case(app, report).id) == ""
    assert [a for a, _u, _d in _log(app, "refused_attempt", "message_written")] == [
        "refused_attempt"
    ]


def test_the_message_is_sealed(app, client, auth, report):
    auth.login("head")
    client.post(f"/confidential/reports/{report}/message", data={"message-text": "核查中请等待"})
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    if not database.startswith("sqlite:///"):
        pytest.skip("reads the SQLite file")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    with open(database.removeprefix("sqlite:///"), "rb") as file:
        raw = file.read()
    assert "核查中请等待".encode() not in raw


# ---------------------------------------------------------------- the access log pages


def test_inspectors_read_the_access_log_in_full_and_per_report(app, client, auth, report):
    auth.login("head")
    client.get(f"/cases/{report}")
    _request(client, report)
    as_user(client, auth, "inspector")
    full = text(client.get("/confidential/log"))
    assert report in full
    for label in ("Registered", "Opened", "Identity requested"):
        assert label in full, label
    assert re.search(r"<td>head</td>\s*<td>Identity requested</td>", full)
    per_report = client.get(f"/confidential/reports/{report}/log")
    assert per_report.status_code == 200
    assert "Identity requested" in text(per_report) and "for 7 days" in text(per_report)
    assert f"/confidential/reports/{report}/log" in text(client.get(f"/cases/{report}"))


def test_the_access_log_is_newest_first(app, client, auth, report):
    auth.login("head")
    client.get(f"/cases/{report}")
    _request(client, report)
    as_user(client, auth, "inspector")
    page = text(client.get("/confidential/log"))
    assert page.index("Identity requested") < page.index("Registered")


@pytest.mark.parametrize("username", ["head", "clerk", "admin", "county"])
def test_the_access_log_is_not_for_others(app, client, auth, report, username):
    auth.login(username)
    for url in ("/confidential/log", f"/confidential/reports/{report}/log"):
        assert client.get(url).status_code == 403, url
    assert client.get("/confidential/disclosures").status_code == 403


def test_the_access_log_leaves_out_a_report_the_reader_is_excluded_from(app, client, auth, report):
    other = make_case(app, registered_by="clerk", **{**REPORTER, "subject": "另一举报"})
    _exclude(app, report, "inspector")
    auth.login("inspector")
    page = text(client.get("/confidential/log"))
    assert other in page and report not in page
    assert client.get(f"/confidential/reports/{report}/log").status_code == 404
    assert "Access log" in text(client.get("/"))  # the nav entry


def test_another_stations_inspector_sees_none_of_it(app, client, auth, report):
    auth.login("b_inspector")
    assert report not in text(client.get("/confidential/log"))
    assert client.get(f"/confidential/reports/{report}/log").status_code == 404


def test_a_decision_with_neither_button_decides_nothing_and_is_logged(app, client, auth, report):
    auth.login("head")
    _request(client, report)
    (asked,) = _disclosures(app)
    as_user(client, auth, "inspector")
    response = _decide(client, report, asked["id"], "maybe")
    assert response.status_code == 400
    assert "Choose approve or refuse." in text(response)
    assert _disclosures(app)[0]["state"] == "pending"
    assert _log(app, "refused_attempt") == [
        (
            "refused_attempt",
            "inspector",
            {"what": "disclosure_decision", "why": "no_decision", "disclosure": asked["id"]},
        )
    ]
