"""Referral to the discipline commission (issue 8 item 9) and the county-level inspector's
queue: the head approves, a county-level inspector where the head is named; never the
requester, never automatically."""

import pytest
from case_helpers import get_case, make_case
from conftest import PASSWORD_HASH, user_id
from helpers import add_county_inspector, text
from sqlalchemy import select
from sqlalchemy import text as sql

from station.confidential import disclosures, gate, referrals
from station.confidential.models import AccessEntry, Disclosure, Referral
from station.extensions import db
from station.models import User
from station.rules import roles as R

REPORT = {"kind": "report", "subject": "举报所长", "content": "举报内容"}
WHY = "涉嫌违纪标记"


@pytest.fixture
def county_insp(app):
    return add_county_inspector(app)


def _report(app, naming: str | None = None) -> str:
    ref = make_case(app, registered_by="clerk", **REPORT)
    if naming:
        excluded = user_id(app, naming)
        with app.app_context():
            gate.exclude(get_case(app, ref), [excluded])
            db.session.commit()
    return ref


def _names(users) -> list[str]:
    return sorted(u.username for u in users)


# Who approves, by the report's persons reported and who asks (written by hand).
TABLE = [
    # naming     referral asked by  referral approvers   disclosure asked by  disclosure approvers
    (None,        "inspector",      ["head"],            "head",              ["inspector"]),
    (None,        "head",           [],                  "head",              ["inspector"]),
    ("head",      "inspector",      ["county_insp"],     None,                ["county_insp"]),
    ("inspector", "head",           [],                  "head",              []),
    ("inspector", "clerk",          ["head"],            "head",              []),
]  # fmt: skip


@pytest.mark.parametrize(("naming", "ref_by", "ref_ok", "dis_by", "dis_ok"), TABLE)
def test_who_approves_a_referral_and_a_disclosure(
    app, county_insp, naming, ref_by, ref_ok, dis_by, dis_ok
):
    ref = _report(app, naming)
    ids = {name: user_id(app, name) for name in ("head", "inspector", "clerk")}
    with app.app_context():
        case = get_case(app, ref)
        assert _names(referrals.approvers(case, ids[ref_by])) == ref_ok
        assert _names(disclosures.approvers(case, ids.get(dis_by))) == dis_ok


def _ask(client, ref: str, reason: str = WHY):
    return client.post(f"/confidential/reports/{ref}/referral", data={"refer-reason": reason})


def _decide(client, ref: str, item: int, decision: str, reason: str = "同意移送"):
    return client.post(
        f"/confidential/reports/{ref}/referrals/{item}",
        data={f"refer-{item}-decision": decision, f"refer-{item}-reason": reason},
    )


def _referrals(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(select(Referral).order_by(Referral.id))
        return [
            (r.state, r.requested_by.username, r.decided_by.username if r.decided_by else None)
            for r in rows
        ]


def _log(app, *actions: str) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(
            select(AccessEntry).where(AccessEntry.action.in_(actions)).order_by(AccessEntry.id)
        )
        return [(e.action, e.user.username if e.user else None, e.detail) for e in rows]


def _referral_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Referral.id))


def test_the_inspector_asks_the_head_approves_and_the_timeline_says_referred(
    app, client, auth, english
):
    ref = _report(app)
    auth.login("inspector")
    assert _ask(client, ref, "  ").status_code == 400  # no reason: nothing saved
    assert _referrals(app) == []
    assert _ask(client, ref).status_code == 303
    assert _referrals(app) == [("pending", "inspector", None)]  # never by itself
    item = _referral_id(app)
    page = text(client.get(f"/cases/{ref}"))
    assert "Waiting for the head's approval." in page
    assert _decide(client, ref, item, "approve").status_code == 403  # not the requester
    auth.logout()
    auth.login("head")
    assert _decide(client, ref, item, "approve", "").status_code == 400
    assert _referrals(app) == [("pending", "inspector", None)]
    assert _decide(client, ref, item, "approve").status_code == 303
    assert _referrals(app) == [("approved", "inspector", "head")]
    page = text(client.get(f"/cases/{ref}"))
    assert "Referred to the discipline commission" in page and WHY in page
    assert _decide(client, ref, item, "refuse").status_code == 409
    assert _log(app, "referral_requested", "referral_approved", "refused_attempt") == [
        ("refused_attempt", "inspector", {"what": "referral_request", "why": "no_reason"}),
        ("referral_requested", "inspector", {"referral": item}),
        ("refused_attempt", "inspector",
         {"what": "referral_decision", "why": "own_referral", "referral": item}),
        ("refused_attempt", "head",
         {"what": "referral_decision", "why": "no_reason", "referral": item}),
        ("referral_approved", "head", {"referral": item}),
        ("refused_attempt", "head",
         {"what": "referral_decision", "why": "decided", "referral": item}),
    ]  # fmt: skip
    with app.app_context():  # the words are sealed: the columns hold nothing
        assert db.session.execute(sql("SELECT reason FROM referral")).scalar() == ""
        notes = db.session.execute(
            sql("SELECT note FROM case_event WHERE action = 'referred'")
        ).all()
        assert notes == [("",)]


def test_a_refusal_is_logged_and_the_report_may_be_asked_again(app, client, auth, english):
    ref = _report(app)
    auth.login("inspector")
    _ask(client, ref)
    item = _referral_id(app)
    auth.logout()
    auth.login("head")
    assert _decide(client, ref, item, "refuse", "证据不足").status_code == 303
    assert _referrals(app) == [("refused", "inspector", "head")]
    assert _log(app, "referral_refused") == [("referral_refused", "head", {"referral": item})]
    assert "Refer to the discipline commission" in text(client.get(f"/cases/{ref}"))


def test_where_nobody_may_approve_it_waits_and_says_whom_to_add(app, client, auth, english):
    ref = _report(app, naming="head")  # and no county-level inspector exists
    auth.login("inspector")
    assert _ask(client, ref).status_code == 303
    page = text(client.get(f"/cases/{ref}"))
    assert "a county-level inspector decides it, and there is none" in page
    assert _referrals(app) == [("pending", "inspector", None)]


# ---------------------------------------------------------------- the county's queue


@pytest.fixture
def waiting(app, county_insp) -> dict[str, str]:
    """A referral on a report naming the head, one on a plain report, and a disclosure on a
    report naming the head asked by a deputy head."""
    naming, plain = _report(app, naming="head"), _report(app)
    with app.app_context():
        deputy = User(username="deputy", name="副所长", station_id=get_case(app, naming).station_id)
        deputy.password_hash = PASSWORD_HASH
        deputy.must_change_password = False
        deputy.roles = {R.HEAD}
        db.session.add(deputy)
        db.session.commit()
    inspector = user_id(app, "inspector")
    with app.app_context():
        for ref in (naming, plain):
            case = get_case(app, ref)
            db.session.add(
                Referral(
                    case_id=case.id,
                    station_id=case.station_id,
                    requested_by_id=inspector,
                    reason=WHY + ref,
                )
            )
        case = get_case(app, naming)
        db.session.add(
            Disclosure(
                case_id=case.id,
                station_id=case.station_id,
                requested_by_id=_deputy(),
                reason="身份核实标记",
            )
        )
        db.session.commit()
    return {"naming": naming, "plain": plain}


def _deputy() -> int:
    return db.session.scalar(select(User.id).where(User.username == "deputy"))


def test_the_county_inspector_sees_only_requests_on_reports_naming_a_head(
    app, client, auth, english, waiting
):
    auth.login("county_insp")
    response = client.get("/confidential/county")
    assert response.status_code == 200
    page = text(response)
    assert page.count(waiting["naming"]) == 2  # its referral and its disclosure
    assert "Referral to the discipline commission" in page and "Identity request" in page
    assert WHY not in page and "身份核实标记" not in page  # the reasons only on opening
    assert "副所长" in page and "inspector" in page
    with app.app_context():  # the plain report's referral, added last
        plain_item = db.session.scalar(select(Referral.id).order_by(Referral.id.desc()))
    assert client.get(f"/confidential/county/referral/{plain_item}").status_code == 404
    assert _log(app, "county_queue") == [("county_queue", "county_insp", {"requests": 2})]


def test_the_county_inspector_opens_a_request_and_decides_it(app, client, auth, english, waiting):
    with app.app_context():
        item = db.session.scalar(select(Referral.id).order_by(Referral.id))
    auth.login("county_insp")
    page = text(client.get(f"/confidential/county/referral/{item}"))
    assert WHY + waiting["naming"] in page
    url = f"/confidential/county/referral/{item}"
    empty = client.post(url, data={f"refer-{item}-decision": "approve", f"refer-{item}-reason": ""})
    assert empty.status_code == 400
    done = client.post(
        url, data={f"refer-{item}-decision": "approve", f"refer-{item}-reason": "同意"}
    )
    assert done.status_code == 303
    assert _referrals(app)[0] == ("approved", "inspector", "county_insp")
    assert [a for a, _u, _d in _log(app, "view", "action", "referral_approved")] == [
        "view",
        "action",
        "action",
        "referral_approved",
    ]


@pytest.mark.parametrize("username", ["county", "inspector", "head", "clerk", "admin"])
def test_nobody_else_has_the_county_queue(app, client, auth, waiting, username):
    auth.login(username)
    assert client.get("/confidential/county").status_code == 403
    assert client.get("/confidential/county/referral/1").status_code == 403


def test_a_county_inspector_named_in_a_report_does_not_see_its_requests(app, client, auth, waiting):
    county = user_id(app, "county_insp")
    with app.app_context():
        gate.exclude(get_case(app, waiting["naming"]), [county])
        db.session.commit()
    auth.login("county_insp")
    assert waiting["naming"] not in text(client.get("/confidential/county"))
