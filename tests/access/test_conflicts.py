"""Conflicts of interest (issue 8 item 5): a user a report names as a person reported is
excluded from it whatever their roles; where the head is named, the inspector decides and
a county-level inspector approves (docs/domain.md "Confidentiality")."""

import re
from types import SimpleNamespace

import pytest
from access_world import handled_case
from case_helpers import act, as_user, get_case, make_case, move_to
from conftest import PASSWORD_HASH, STATION_A
from helpers import text
from sqlalchemy import select

from station.cases import permissions
from station.cases.models import Case
from station.confidential import gate
from station.confidential.models import Exclusion
from station.extensions import db
from station.models import Station, User
from station.rules import roles as R

SUBJECT = "所长收受红包"
REPORT = {"kind": "report", "subject": SUBJECT, "content": "举报所长收受红包两千元"}


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def uid(app, username: str) -> int:
    with app.app_context():
        return _user(username).id


def name_in_report(app, ref: str, *usernames: str) -> None:
    """Record ``usernames`` as persons reported of the report, as the intake does."""
    with app.app_context():
        case = get_case(app, ref)
        persons = [{"name": u, "unit": "供电所", "user_id": _user(u).id} for u in usernames]
        gate.record_persons_reported(case, persons)
        db.session.commit()


def report_naming(app, *usernames: str, **fields) -> str:
    ref = make_case(app, registered_by="clerk", **{**REPORT, **fields})
    name_in_report(app, ref, *usernames)
    return ref


def add_user(app, username: str, roles: set[str], station: str | None = STATION_A, **kw) -> None:
    with app.app_context():
        found = db.session.scalar(select(Station).where(Station.name == station))
        user = User(username=username, name=username, station=found if station else None, **kw)
        user.password_hash = PASSWORD_HASH
        user.must_change_password = False
        user.roles = roles
        db.session.add(user)
        db.session.commit()


def case_urls(report: dict) -> list[str]:
    ref = report["ref"]
    return [
        f"/cases/{ref}",
        f"/cases/{ref}/print",
        f"/cases/{ref}/receipt",
        f"/cases/{ref}/reply-letter",
        f"/cases/{ref}/registered",
        f"/cases/{ref}/form/note",
        f"/cases/{ref}/transfers/{report['transfer_id']}/slip",
        f"/cases/{ref}/reminders/{report['event_id']}",
    ]


def handled_report_naming(app, named: str, handler: str, decider: str) -> dict:
    report = handled_case(app, "clerk", decider, handler, **REPORT)
    name_in_report(app, report["ref"], named)
    return report


# ------------------------------------------------------------------ the gate's storage


def test_the_exclusion_stores_a_keyed_hash_and_the_persons_are_sealed(app):
    ref = report_naming(app, "head")
    with app.app_context():
        head_id = _user("head").id
        case = get_case(app, ref)
        (mac,) = db.session.scalars(select(Exclusion.user_mac).where(Exclusion.case_id == case.id))
        # A 64-digit hex digest, not the user's id: the random key decides its digits.
        assert len(mac) == 64 and set(mac) <= set("0123456789abcdef")
        ids = [_user(u).id for u in ("clerk", "head", "inspector", "admin")]
        assert gate.excluded_user_ids(case, ids) == {head_id}
        assert gate.persons_reported(case) == [
            {"name": "head", "unit": "供电所", "user_id": head_id}
        ]
        # The words of the report are still there beside them.
        assert gate.sealed_case_values(case.id)["subject"] == SUBJECT


# ------------------------------------------------------------------ who opens it

# (named in the report, user) -> every URL of the report answers 404
EXCLUDED_404 = [("head", "head"), ("inspector", "inspector")]
# (named, user) -> may open it
STILL_OPENS = [
    ("head", "inspector"),
    ("inspector", "head"),
    ("clerk", "head"),
    ("clerk", "inspector"),
]


@pytest.mark.parametrize(("named", "username"), EXCLUDED_404)
def test_the_person_reported_gets_404_on_every_url_of_the_report(
    app, client, auth, named, username
):
    other = "inspector" if named == "head" else "head"
    report = handled_report_naming(app, named, handler=other, decider="head")
    auth.login(username)
    answers = {url: client.get(url).status_code for url in case_urls(report)}
    assert answers == {url: 404 for url in case_urls(report)}


@pytest.mark.parametrize(("named", "username"), EXCLUDED_404)
def test_the_person_reported_does_not_find_it_in_lists_search_or_home(
    app, client, auth, named, username
):
    ref = report_naming(app, named)
    with app.app_context():
        get_case(app, ref).assignee_id = uid(app, username)  # as if assigned before
        db.session.commit()
    auth.login(username)
    for url in ("/", "/cases/", "/cases/mine", "/cases/?kind=report", f"/search?q={ref}",
                "/search?q=红包", "/search?q=所长收受"):  # fmt: skip
        body = text(client.get(url))
        assert f"/cases/{ref}" not in body and "两千元" not in body, url
        if not url.startswith("/search"):  # a search echoes what was typed
            assert ref not in body and SUBJECT not in body, url


@pytest.mark.parametrize(("named", "username"), STILL_OPENS)
def test_the_others_who_read_reports_still_open_and_find_it(app, client, auth, named, username):
    ref = report_naming(app, named)
    auth.login(username)
    assert client.get(f"/cases/{ref}").status_code == 200
    for url in ("/cases/", "/cases/?kind=report", f"/search?q={ref}", "/search?q=红包"):
        assert ref in text(client.get(url)), url


_COUNT = re.compile(
    r'<section class="head-list head-list-unassigned".*?<span class="count">([^<]*)</span>', re.S
)


def test_the_heads_counts_leave_out_a_report_naming_him(app, client, auth):
    make_case(app, registered_by="clerk", subject="停电")  # an ordinary case, unassigned
    report_naming(app, "head")
    auth.login("head")
    assert _COUNT.search(text(client.get("/"))).group(1) == "1"
    as_user(client, auth, "b_head")
    assert _COUNT.search(text(client.get("/"))).group(1) == "0"


def test_a_report_naming_someone_else_still_counts_for_the_head(app, client, auth):
    make_case(app, registered_by="clerk", subject="停电")
    report_naming(app, "inspector")
    auth.login("head")
    assert _COUNT.search(text(client.get("/"))).group(1) == "2"


# ------------------------------------------------------------------ assignment


def _assign_options(client, ref: str) -> list[str]:
    page = text(client.get(f"/cases/{ref}/form/assign"))
    select_html = page[page.index('name="assign-assignee"') :].split("</select>")[0]
    return re.findall(r"<option[^>]*>([^<]*)</option>", select_html)


# named -> (who assigns, whom the form offers)
ASSIGNEES = {
    "inspector": ("head", ["Please choose", "head"]),
    "head": ("inspector", ["Please choose", "inspector"]),
    "clerk": ("head", ["Please choose", "head", "inspector"]),
}


@pytest.mark.parametrize("named", sorted(ASSIGNEES))
def test_a_person_reported_is_never_offered_as_assignee(app, client, auth, english, named):
    ref = report_naming(app, named)
    assigner, offered = ASSIGNEES[named]
    auth.login(assigner)
    assert _assign_options(client, ref) == offered


@pytest.mark.parametrize(("named", "assigner"), [("inspector", "head"), ("head", "inspector")])
def test_a_crafted_post_cannot_assign_the_person_reported(app, client, auth, named, assigner):
    ref = report_naming(app, named)
    auth.login(assigner)
    response = act(client, ref, "assign", assignee=uid(app, named))
    assert response.status_code in (200, 409)  # the form's error or the refusal
    with app.app_context():
        assert get_case(app, ref).assignee_id is None


# ------------------------------------------------------------------ the head's part

HEAD_ONLY = ["assign", "remind", "review_instruction", "decide_extension", "close"]


def _person(username: str, roles: set[str], station_id: int | None = 1, user_id: int = 1):
    return SimpleNamespace(
        id=user_id,
        station_id=station_id,
        has_role=lambda *names: bool(roles.intersection(names)),
    )


REPORT_CASE = SimpleNamespace(station_id=1, kind="report", assignee_id=None)
COMPLAINT = SimpleNamespace(station_id=1, kind="complaint", assignee_id=None)
CLERK_ = _person("clerk", {R.CLERK}, user_id=3)
INSPECTOR_ = _person("inspector", {R.INSPECTOR}, user_id=4)
HEAD_ = _person("head", {R.HEAD}, user_id=5)

# (user, case, in_head_stead) -> the HEAD_ONLY actions allowed, and submit_review
STEAD_TABLE = [
    (INSPECTOR_, REPORT_CASE, False, set(), True),
    (INSPECTOR_, REPORT_CASE, True, set(HEAD_ONLY), False),
    (CLERK_, REPORT_CASE, True, set(), False),
    (CLERK_, COMPLAINT, True, set(), True),
    (INSPECTOR_, COMPLAINT, True, set(), False),
    (HEAD_, REPORT_CASE, False, set(HEAD_ONLY), False),
]


@pytest.mark.parametrize(("user", "case", "stead", "head_only", "submit"), STEAD_TABLE)
def test_permissions_in_the_heads_stead(user, case, stead, head_only, submit):
    allowed = {a for a in HEAD_ONLY if permissions.may(user, a, case, in_head_stead=stead)}
    assert allowed == head_only
    assert permissions.may(user, "submit_review", case, in_head_stead=stead) is submit


# named -> user -> the HEAD_ONLY actions gate.may_act allows (any state)
MAY_ACT = {
    "head": {"inspector": set(HEAD_ONLY), "head": set(), "clerk": set(), "b_inspector": set()},
    "inspector": {"inspector": set(), "head": set(HEAD_ONLY), "clerk": set()},
    "clerk": {"inspector": set(), "head": set(HEAD_ONLY), "clerk": set()},
}


@pytest.mark.parametrize("named", sorted(MAY_ACT))
def test_the_gate_gives_the_heads_part_to_the_inspector_only_where_the_head_is_named(app, named):
    ref = report_naming(app, named)
    with app.app_context():
        case = get_case(app, ref)
        found = {
            username: {a for a in HEAD_ONLY if gate.may_act(_user(username), a, case)}
            for username in MAY_ACT[named]
        }
        assert found == MAY_ACT[named]


def test_the_inspector_closes_a_report_naming_the_head(app, client, auth):
    ref = report_naming(app, "head")
    move_to(app, ref, "followed_up", actor="inspector")
    auth.login("inspector")
    assert act(client, ref, "close", note="已查实").status_code == 303
    with app.app_context():
        assert get_case(app, ref).status == "closed"


def test_the_inspector_does_not_close_a_report_the_head_may_close(app, client, auth):
    ref = report_naming(app, "clerk")
    move_to(app, ref, "followed_up", actor="inspector")
    auth.login("inspector")
    assert act(client, ref, "close", note="已查实").status_code == 403
    with app.app_context():
        assert get_case(app, ref).status == "followed_up"


def test_the_inspector_submits_no_review_when_the_head_is_named(app, client, auth):
    ref = report_naming(app, "head")
    move_to(app, ref, "accepted", actor="inspector")
    auth.login("inspector")
    assert act(client, ref, "submit_review", note="请阅示").status_code == 403
    page = text(client.get(f"/cases/{ref}"))
    assert f"/cases/{ref}/form/submit_review" not in page
    assert f"/cases/{ref}/form/remind" in page


# ------------------------------------------------------------------ head excluded, approvers


def _head_excluded(app, ref: str) -> bool:
    with app.app_context():
        return gate.head_excluded(get_case(app, ref))


def test_head_excluded_only_where_an_active_head_is_named(app):
    table = {
        report_naming(app, "head"): True,
        report_naming(app, "inspector"): False,
        report_naming(app, "clerk"): False,
        report_naming(app): False,
        make_case(app, registered_by="clerk", kind="complaint"): False,
    }
    assert {ref: _head_excluded(app, ref) for ref in table} == table


def test_a_deactivated_head_named_does_not_hand_the_report_over(app):
    add_user(app, "old_head", {R.HEAD}, active=False)
    ref = report_naming(app, "old_head")
    assert _head_excluded(app, ref) is False


def _approvers(app, ref: str, requester: str | None) -> list[str]:
    with app.app_context():
        case = get_case(app, ref)
        who = _user(requester) if requester else None
        return [u.username for u in gate.approvers_for(case, who)]


@pytest.fixture
def more_inspectors(app):
    add_user(app, "inspector2", {R.INSPECTOR})
    add_user(app, "county_inspector", {R.COUNTY, R.INSPECTOR}, station=None)
    add_user(app, "county_inspector_gone", {R.COUNTY, R.INSPECTOR}, station=None, active=False)


def test_approvers_of_a_report(app, more_inspectors):
    plain = report_naming(app)
    on_inspector = report_naming(app, "inspector")
    on_head = report_naming(app, "head")
    complaint = make_case(app, registered_by="clerk")
    # (report, requester) -> who may approve: literal
    table = {
        (plain, "head"): ["inspector", "inspector2"],
        (plain, "inspector"): ["inspector2"],
        (plain, None): ["inspector", "inspector2"],
        (on_inspector, "head"): ["inspector2"],
        (on_inspector, "inspector2"): [],
        (on_head, "inspector"): ["county_inspector"],
        (on_head, "head"): ["county_inspector"],
        (on_head, "county_inspector"): [],
        (complaint, "head"): [],
    }
    found = {(ref, who): _approvers(app, ref, who) for ref, who in table}
    assert found == table


def test_nobody_approves_where_the_only_inspector_is_named(app):
    ref = report_naming(app, "inspector")
    assert _approvers(app, ref, "head") == []
    assert _approvers(app, ref, "inspector") == []


def test_no_county_inspector_means_nobody_approves_a_report_on_the_head(app):
    add_user(app, "county_plain", {R.COUNTY}, station=None)
    ref = report_naming(app, "head")
    assert _approvers(app, ref, "inspector") == []


def test_another_stations_report_is_no_business_of_this_one(app):
    with app.app_context():
        station_b = _user("b_head").station_id
    ref = make_case(app, registered_by="b_clerk", **REPORT)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.station_id == station_b, Case.ref == ref))
        named = [{"name": "b_head", "unit": "", "user_id": _user("b_head").id}]
        gate.record_persons_reported(case, named)
        db.session.commit()
        assert gate.head_excluded(case) is True
        assert gate.excluded_user_ids(case, [_user("head").id]) == set()
