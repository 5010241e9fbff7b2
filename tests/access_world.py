"""The records the access walk requests: real ones, made through the services.

Station A has a handled case and a handled report, station B a handled case;
each has a transfer, a reminder, an attachment and a reply by letter, so that
every sheet and file exists. Both stations have their policies and topics and
an extra clerk for the admin pages; the calendar has one local day.
``build(app)`` returns, per record kind of ``access_table``, the URL values.
"""

import secrets
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from access_table import WHO, K, L, Row
from case_helpers import get_case, make_case, today
from conftest import PASSWORD, PASSWORD_HASH, STATION_A, STATION_B, seed_staff
from flask import url_for
from helpers import PNG, upload
from sqlalchemy import select

from station.admin import service
from station.attachments.models import Attachment
from station.calendar import service as calendar
from station.cases import actions
from station.cases.models import CaseEvent
from station.devices import service as devices
from station.extensions import db
from station.hotline import service as hotline
from station.models import Station, User
from station.policies.defaults import ensure_defaults
from station.policies.models import Policy, Topic
from station.reception import service as reception
from station.rules import roles as R
from station.summary import months, signing, versions
from station.timeutil import clock_at, local_today, station_tz, to_utc, utcnow

CALENDAR_DAY = date(2026, 10, 9)
YEAR = 2027
SUB_IDS = ("transfer_id", "event_id", "attachment_id")
B_RECEIVED = datetime(2025, 11, 3, 9, 30)
# Station B's month of its case (B_RECEIVED), submitted by its head; A has no case then.
SUBMITTED_MONTH = "2025-11"
RECEPTION_DAY = date(2026, 11, 30)  # a Monday and a working day: each station's reception day
# username -> (station, roles), beyond conftest's staff
EXTRA_USERS = {
    "clerk_assigned": (STATION_A, {R.CLERK}),
    "clerk_other": (STATION_A, {R.CLERK}),
    "a_target": (STATION_A, {R.CLERK}),  # the user the admin pages change
    "b_target": (STATION_B, {R.CLERK}),
    "root_admin": (None, {R.ADMIN}),
    "a_deputy": (STATION_A, {R.HEAD}),  # whose new password the admin asks for
    "b_deputy": (STATION_B, {R.HEAD}),
}


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _add_users() -> None:
    stations = {s.name: s for s in db.session.scalars(select(Station))}
    for username, (station, roles) in EXTRA_USERS.items():
        user = User(username=username, name=username, station=stations.get(station))
        user.password_hash = PASSWORD_HASH
        user.must_change_password = False
        user.roles = roles
        db.session.add(user)
    for station in stations.values():
        ensure_defaults(station)
    calendar.save_day(CALENDAR_DAY, "holiday", "测试调休")
    db.session.commit()


def _handle(app, ref: str, station: str, head: str, assignee: str) -> dict[str, int]:
    """Assign, accept, transfer, remind and reply by letter; the ids of what that made."""
    tz = app.config["STATION_TIMEZONE"]
    with app.app_context():
        case, actor = get_case(app, ref, station), _user(head)
        actions.assign(case, actor, assignee=_user(assignee))
        actions.accept(case, actor, contacted_at=utcnow())
        day = today(app)
        due = day + timedelta(days=5)
        item = actions.transfer(case, actor, unit="线路班", request="核实", due=due, today=day)
        actions.remind(case, actor, text="请尽快")
        actions.reply(case, actor, method="letter", content="已复信", tz=tz)
        db.session.commit()
        remind = select(CaseEvent.id).where(
            CaseEvent.case_id == case.id, CaseEvent.action == "remind"
        )
        return {"transfer_id": item.id, "event_id": db.session.scalar(remind)}


def _attach(app, ref: str, head: str) -> int:
    client = app.test_client()
    client.post("/login", data={"username": head, "password": PASSWORD})
    assert upload(client, ref, PNG, "照片.png").status_code == 302
    with app.app_context():
        case = get_case(app, ref, STATION_B if head.startswith("b_") else STATION_A)
        return db.session.scalar(select(Attachment.id).where(Attachment.case_id == case.id))


def handled_case(app, registrar: str, head: str, assignee: str, **fields: Any) -> dict[str, Any]:
    station = STATION_B if registrar.startswith("b_") else STATION_A
    ref = make_case(app, registered_by=registrar, **fields)
    ids = _handle(app, ref, station, head, assignee)
    return {"ref": ref, **ids, "attachment_id": _attach(app, ref, head)}


def _requests(admin: str, target: str, deputy: str) -> tuple[int, int]:
    """The admin's requests: the inspector role for ``target``, a password for ``deputy``."""
    grant = service.change_user(
        _user(admin), _user(target), name=target, roles={R.CLERK, R.INSPECTOR}
    )[1]
    password = service.request_password_reset(_user(admin), _user(deputy))
    db.session.commit()
    return grant.id, password.id


def _disclosure(app, ref: str) -> int:
    """A head's request to see who made the report, waiting for the inspector."""
    from station.confidential.models import Disclosure

    with app.app_context():
        case = get_case(app, ref, STATION_A)
        item = Disclosure(
            case_id=case.id, station_id=case.station_id, requested_by_id=_user("head").id
        )
        item.reason = "核实举报人身份"
        db.session.add(item)
        db.session.commit()
        return item.id


def _referral(app, ref: str) -> int:
    """The inspector's request to refer the report to the discipline commission, waiting for
    the head."""
    from station.confidential.models import Referral

    with app.app_context():
        case = get_case(app, ref, STATION_A)
        item = Referral(
            case_id=case.id, station_id=case.station_id, requested_by_id=_user("inspector").id
        )
        item.reason = "涉嫌违纪"
        db.session.add(item)
        db.session.commit()
        return item.id


def _station_ids(station: str, target: str) -> dict[str, int]:
    station_id = db.session.scalar(select(Station.id).where(Station.name == station))
    first = {"station_id": station_id}
    for name, model in (("policy_id", Policy), ("topic_id", Topic)):
        query = select(model.id).where(model.station_id == station_id).order_by(model.id)
        first[name] = db.session.scalar(query.limit(1))
    first["user_id"] = _user(target).id
    return first


def _at(app, hour: int, minute: int = 0):
    """The clock pinned to RECEPTION_DAY at the station's ``hour``:``minute``."""
    local = datetime.combine(RECEPTION_DAY, time(hour, minute))
    return clock_at(to_utc(local, app.config["STATION_TIMEZONE"]))


def _reception(app, station: str, clerk: str, head: str, host: str | None) -> dict[str, int]:
    """A visitor signed in at the clerk's desk on RECEPTION_DAY (its host named by the head
    beforehand), and a kiosk the clerk granted: the spare one the head may revoke."""
    with app.test_request_context():
        station_id = db.session.scalar(select(Station.id).where(Station.name == station))
        if host:
            with _at(app, 8):
                reception.name_host(station_id, RECEPTION_DAY, _user(host).id, _user(head))
        with _at(app, 9, 5):
            visitor = reception.sign_in(
                station_id, name="孙七", phone="13600001111", matter="电费比上月高",
                headcount=1, form_key=secrets.token_hex(8), user=_user(clerk),
            )  # fmt: skip
        spare, _ = devices.grant(_user(clerk), R.KIOSK, utcnow() + timedelta(days=1))
        db.session.commit()
        return {"visitor_id": visitor.id, "device_id": spare.id}


def _call(app, station: str, clerk: str) -> dict[str, int]:
    """A call on the reporting line, taken by the station's clerk, not disposed yet."""
    with app.test_request_context():
        station_id = db.session.scalar(select(Station.id).where(Station.name == station))
        call = hotline.log_call(
            station_id, received_local=datetime.combine(RECEPTION_DAY, time(10)),
            line="station", number="13600002222", anonymous=False, name="吴十",
            words="线路老化", taken_by=_user(clerk),
        )  # fmt: skip
        db.session.commit()
        return {"call_id": call.id}


def _kiosk_token(app) -> str:
    """Station A's kiosk, granted by its clerk: the ``kiosk`` column's browser."""
    with app.test_request_context():
        _, token = devices.grant(_user("clerk"), R.KIOSK, utcnow() + timedelta(days=1))
        db.session.commit()
        return token


def principal_client(app, world: dict[str, Any], who: str):
    """A test client as the column ``who``: logged in, the kiosk, or no one."""
    browser = app.test_client()
    if who == "kiosk":
        browser.set_cookie(devices.COOKIE, world["kiosk"]["token"])
    elif WHO[who]:
        login = browser.post("/login", data={"username": WHO[who], "password": PASSWORD})
        assert outcome(login) == 302, f"{WHO[who]} could not log in"
    return browser


def _box(clerk: str, head: str) -> dict[str, int]:
    """A box of the clerk's station, opened once by the clerk before the head (no items)."""
    from station.box import service as boxes

    opener, witness = _user(clerk), _user(head)
    today = local_today(station_tz())
    box = boxes.save_box(
        None, opener.station_id, place="营业厅", interval_days=5, active=True,
        opener_ids=[opener.id], today=today - timedelta(days=3),
    )  # fmt: skip
    opening, _ = boxes.record_opening(
        box, opener, opened_on=today, opener_id=opener.id,
        witness=boxes.Witness(user_id=witness.id), item_count=0, items=[], tz=station_tz(),
    )  # fmt: skip
    db.session.commit()
    return {"box_id": box.id, "opening_id": opening.id}


def _key_person(clerk: str, head: str) -> dict[str, int]:
    """A key person of the clerk's station, marked by its head 30 days ago (no case names
    them), visited once by the head."""
    from station.people import visits
    from station.people.models import KeyPerson

    marker = _user(head)
    person = KeyPerson(
        station_id=marker.station_id, name="周九", phone="13600003333", reason="多次来访",
        marked_by_id=marker.id, marked_at=utcnow() - timedelta(days=30),
    )  # fmt: skip
    db.session.add(person)
    db.session.flush()
    visits.record_visit(
        person, _user(clerk), visited_on=local_today(station_tz()) - timedelta(days=1),
        visitor_id=marker.id, said="上门征询意见", satisfaction="satisfied",
    )  # fmt: skip
    db.session.commit()
    return {"person_id": person.id}


def _submitted(app, head: str, month: str) -> None:
    """The head's station submits the month once (version 1, so a second needs a reason)."""
    with app.app_context():
        user = _user(head)
        tz = station_tz()
        today = local_today(tz)
        parsed = months.parse(month)
        seen = versions.fingerprint_of(versions.county_data(user.station_id, parsed, tz, today))
        versions.submit(
            user.station_id, parsed, tz, today, user, reason="", seen_sha256=seen,
            instance=Path(app.instance_path),
        )  # fmt: skip
        db.session.commit()


def _imported(app, head: str, month: str) -> int:
    """A month of a station that runs alone, as an import stores it (B's figures, under
    another name): what the county's page of an imported file shows."""
    from station.county.models import ImportedSummary, RemoteStation
    from station.summary import data

    with app.app_context():
        user = _user(head)
        tz = station_tz()
        dumped = versions.county_data(user.station_id, months.parse(month), tz, local_today(tz))
        frozen = data.canonical(dumped)
        remote = RemoteStation(name="远山供电所", fingerprint="ABCD-" * 7 + "ABCD")
        row = ImportedSummary(
            station=remote, month=month, version=1, data=frozen.decode(),
            sha256=signing.sha256_hex(frozen), signature="c2ln", station_name="远山供电所",
            submitted_by="远山所长", submitted_at="2025-12-03T02:00:00Z",
        )  # fmt: skip
        db.session.add(row)
        db.session.commit()
        return row.id


def build(app) -> dict[str, dict[str, Any]]:
    """The URL values of each record kind (see access_table.RECORDS)."""
    seed_staff(app)
    with app.app_context():
        _add_users()
    case_a = handled_case(app, "clerk", "head", "clerk_assigned")
    report = handled_case(app, "clerk", "head", "inspector", kind="report", subject="举报抄表员")
    report["disclosure_id"] = _disclosure(app, report["ref"])
    report["referral_id"] = _referral(app, report["ref"])
    # Received last year, so that its number is none of A's (each station counts from 1).
    case_b = handled_case(app, "b_clerk", "b_head", "b_clerk", received_local=B_RECEIVED)
    with app.app_context():
        a_ids, b_ids = _station_ids(STATION_A, "a_target"), _station_ids(STATION_B, "b_target")
        a_ids["request_id"], a_pw = _requests("admin", "a_target", "a_deputy")
        b_ids["request_id"], b_pw = _requests("b_admin", "b_target", "b_deputy")
        a_ids.update(_box("clerk", "head"))
        b_ids.update(_box("b_clerk", "b_head"))
    with app.test_request_context():
        a_ids.update(_key_person("clerk", "head"))
        b_ids.update(_key_person("b_clerk", "b_head"))
    a_ids |= _reception(app, STATION_A, "clerk", "head", "clerk_assigned")
    b_ids |= _reception(app, STATION_B, "b_clerk", "b_head", None)
    a_ids |= _call(app, STATION_A, "clerk")
    b_ids |= _call(app, STATION_B, "b_clerk")
    _submitted(app, "b_head", SUBMITTED_MONTH)
    fixed = {"day": CALENDAR_DAY.isoformat(), "year": YEAR, "filename": "app.js"}
    fixed["imported_id"] = _imported(app, "b_head", SUBMITTED_MONTH)
    a_sub, b_sub = ({k: c[k] for k in SUB_IDS} for c in (case_a, case_b))
    return {
        "-": fixed,
        "A": {**fixed, **a_ids, **case_a},
        "report": {**fixed, **a_ids, **report},
        "B": {**fixed, **b_ids, **case_b},
        "B+A": {**fixed, **b_ids, **case_b, **a_sub},
        "A+B": {**fixed, **a_ids, **case_a, **b_sub},
        "A-pw": {**fixed, **a_ids, "request_id": a_pw},
        "B-pw": {**fixed, **b_ids, "request_id": b_pw},
        "kiosk": {"token": _kiosk_token(app)},
    }


def snapshot(app) -> dict[str, list]:
    """Every row of every table but the sessions': what a refused request must leave alone."""
    with app.app_context():
        tables = [t for t in db.metadata.sorted_tables if "session" not in t.name]
        return {t.name: sorted(map(repr, db.session.execute(select(t)).all())) for t in tables}


def url_of(app, row: Row, world: dict[str, dict[str, Any]]) -> str:
    """The row's URL, its values taken from the row and then from its record."""
    rule = next(app.url_map.iter_rules(row.endpoint))
    values = {name: row.args.get(name, world[row.record].get(name)) for name in rule.arguments}
    query = row.data if row.method == "GET" else {}
    with app.test_request_context():
        return url_for(row.endpoint, **values, **query)


def answer(client, row: Row, url: str) -> int | str:
    """What the client gets for the row's request; files are closed again."""
    response = client.open(url, method=row.method, data=row.data if row.method != "GET" else None)
    try:
        return outcome(response)
    finally:
        response.close()


def outcome(response) -> int | str:
    """The status, ``L`` for the access layer's way to the login page, ``K`` for its way
    to the kiosk's page."""
    location = response.headers.get("Location", "")
    if response.status_code == 302 and location.startswith("/login?next="):
        return L
    if response.status_code == 302 and location == "/reception/signin":
        return K
    return response.status_code


def row_id(row: Row) -> str:
    args = "".join(f"[{v}]" for v in row.args.values())
    return f"{row.method} {row.endpoint}{args} {row.record}"
