"""The leak test: nobody who is not entitled learns a report's words, who made it, or that it
exists, from any page, print, file, count or log; and the database holds none of it in the clear.

Three reports carry a unique marker in every field: one taken by a clerk (R1), one naming the
inspector as the person reported (R2), one naming the head (R3). Every GET route of the access
table is then requested, with real identifiers, as every principal of the walk (the clerk who
took them, the other clerks, the head, the inspector, the admins, another station's staff, the
county), and for each response this table says which markers may appear. Expectations are
written out here, not asked of the gate.
"""

import dataclasses
import logging
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
import sqlalchemy as sa
from access_table import ROWS, WHO
from access_world import build, principal_client, url_of
from case_helpers import get_case, make_case, today
from conftest import PASSWORD, PG_URL, STATION_A, make_app
from helpers import upload
from sqlalchemy import select

from station.cases import actions
from station.confidential import gate, sealing
from station.extensions import db
from station.models import User
from station.timeutil import utcnow

# Who is excluded from which report (persons reported who are users), by the walk's columns.
EXCLUDED = {"R1": set(), "R2": {"insp"}, "R3": {"head"}}
READERS = {"head", "insp"}  # station A's roles that read reports
IDENTITY_READERS = {"insp"}  # the confidentiality officer; the head sees it masked
REPORTS = ("R1", "R2", "R3")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


def markers(tag: str, n: int) -> dict[str, dict[str, str]]:
    """The report's fields with a marker each, sorted by who may see them."""
    words = {
        "subject": f"LEAK{tag}SUBJECT 举报{tag}号事项",
        "content": f"LEAK{tag}CONTENT 经过{tag}",
        "summary": f"LEAK{tag}SUMMARY",
    }
    identity = {
        "person_name": f"LEAK{tag}NAME",
        "person_phone": f"1391111000{n}",
        "person_id_number": f"42010119900101000{n}",
        "person_address": f"LEAK{tag}ADDRESS",
    }
    handling = {
        "transfer_unit": f"LEAK{tag}UNIT",
        "transfer_request": f"LEAK{tag}REQUEST",
        "remind": f"LEAK{tag}REMIND",
        "reply": f"LEAK{tag}REPLY",
        "file": f"LEAK{tag}FILE",
        "accused": f"LEAK{tag}ACCUSED",
    }
    return {"words": {**words, **handling}, "identity": identity}


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _marked_report(app, tag: str, n: int, handler: str, excluded: set[str]) -> dict:
    m = markers(tag, n)
    fields = {k: v for k, v in {**m["words"], **m["identity"]}.items() if k in sealing.CASE_FIELDS}
    ref = make_case(app, registered_by="clerk", kind="report", **fields)
    with app.app_context():
        case, actor = get_case(app, ref, STATION_A), _user(handler)
        gate.exclude(case, [_user(WHO[w]).id for w in excluded])
        sealing.write(
            db.session.connection(), "case", case.id, case.id,
            {"persons_reported": [{"name": m["words"]["accused"], "unit": "抄表班"}]},
        )  # fmt: skip
        actions.assign(case, actor, assignee=actor)
        actions.accept(case, actor, contacted_at=utcnow())
        day = today(app)
        item = actions.transfer(
            case, actor, unit=m["words"]["transfer_unit"],
            request=m["words"]["transfer_request"], due=day + timedelta(days=5), today=day,
        )  # fmt: skip
        actions.remind(case, actor, text=m["words"]["remind"])
        actions.reply(
            case, actor, method="letter", content=m["words"]["reply"],
            tz=app.config["STATION_TIMEZONE"],
        )  # fmt: skip
        db.session.commit()
        event = db.session.scalar(
            select(sa.func.max(sealing.CaseEvent.id)).where(sealing.CaseEvent.case_id == case.id)
        )
        transfer_id = item.id
    client = app.test_client()
    client.post("/login", data={"username": handler, "password": PASSWORD})
    assert upload(client, ref, JPEG + m["words"]["file"].encode(), m["words"]["file"] + ".jpg")
    with app.app_context():
        attachment = db.session.scalar(
            select(sealing.Attachment.id).where(sealing.Attachment.case_id == case.id)
        )
    return {"ref": ref, "transfer_id": transfer_id, "event_id": event,
            "attachment_id": attachment, "markers": m}  # fmt: skip


@pytest.fixture(scope="module")
def leak_world(tmp_path_factory, template_db):
    app = make_app(tmp_path_factory.mktemp("leaks"), template_db)
    app.config["BABEL_DEFAULT_LOCALE"] = "en"
    world = build(app)
    reports = {
        "R1": _marked_report(app, "R1", 1, "inspector", EXCLUDED["R1"]),
        "R2": _marked_report(app, "R2", 2, "head", EXCLUDED["R2"]),
        "R3": _marked_report(app, "R3", 3, "inspector", EXCLUDED["R3"]),
    }
    for tag, report in reports.items():
        world[tag] = {**world["report"], **{k: v for k, v in report.items() if k != "markers"}}
    clients = {who: principal_client(app, world, who) for who in WHO}
    yield app, world, reports, clients
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _urls(app, world) -> list[tuple[str, str]]:
    """(record, url) of every GET row, a report row once per marked report."""
    urls = []
    for row in ROWS:
        if row.method != "GET":
            continue
        records = REPORTS if row.record == "report" else (row.record,)
        for record in records:
            urls.append((record, url_of(app, dataclasses.replace(row, record=record), world)))
    return urls


def _searches(reports) -> list[tuple[str, str]]:
    """Searches for each report by its words, its reporter's number and its reference."""
    found = []
    for tag, report in reports.items():
        phone = report["markers"]["identity"]["person_phone"]
        for q in (f"举报{tag}号事项", f"经过{tag}", phone, phone[-4:], report["ref"]):
            found.append(("-", f"/search?q={q}"))
    return found


def _allowed(who: str, record: str, tag: str) -> set[str]:
    """Which marker groups of report ``tag`` may appear for ``who`` on a page of ``record``."""
    if who not in READERS or who in EXCLUDED[tag]:
        return set()
    groups = {"ref"}
    if record == tag:
        groups.add("words")
        if who in IDENTITY_READERS:
            groups.add("identity")
    return groups


def _leaks(body: str, who: str, record: str, reports: dict) -> list[str]:
    found = []
    for tag, report in reports.items():
        allowed = _allowed(who, record, tag)
        groups = {"ref": {"ref": report["ref"]}, **report["markers"]}
        for group, values in groups.items():
            if group in allowed:
                continue
            found += [f"{tag} {name}" for name, value in values.items() if value in body]
    return found


def _read(client, url: str, headers: bool = True) -> str:
    """The status, the headers (or only where it leads) and the body of a GET, as one text
    (files closed again)."""
    response = client.get(url)
    try:
        body = response.get_data().decode("utf-8", "replace")
        top = response.headers if headers else response.headers.get("Location", "")
        return f"{response.status_code}\n{top}\n{body}"
    finally:
        response.close()


def _without(url: str, body: str) -> str:
    """The page without the address the user asked for (the login page echoes it as next=):
    what the user typed is no leak."""
    path, _q, query = url.partition("?")
    typed = [unquote(v) for _k, v in (pair.partition("=")[::2] for pair in query.split("&"))]
    forms = (url, quote(url, safe="/"), quote(url, safe=""), path, quote(path, safe=""))
    for form in (*forms, *(t for t in typed if t)):
        body = body.replace(form, "")
    return body


def test_no_page_shows_a_marker_to_anyone_not_entitled(leak_world, caplog):
    app, world, reports, clients = leak_world
    caplog.set_level(logging.DEBUG)
    leaks = []
    for record, url in _urls(app, world) + _searches(reports):
        for who, client in clients.items():
            body = _without(url, _read(client, url))
            leaks += [f"{who} {url}: {leak}" for leak in _leaks(body, who, record, reports)]
    assert leaks == []
    logged = caplog.text
    assert [
        f"{tag} {name}"
        for tag, r in reports.items()
        for group in r["markers"].values()
        for name, value in group.items()
        if value in logged
    ] == []


def test_the_entitled_do_see_what_they_need(leak_world):
    """The walk above is only worth something if the markers are there to leak."""
    _app, _world, reports, clients = leak_world
    page = {
        (who, tag): clients[who].get(f"/cases/{r['ref']}").get_data(as_text=True)
        for who in ("head", "insp")
        for tag, r in reports.items()
    }
    assert reports["R1"]["markers"]["words"]["content"] in page["head", "R1"]
    assert reports["R1"]["markers"]["identity"]["person_name"] in page["insp", "R1"]
    assert reports["R1"]["markers"]["identity"]["person_name"] not in page["head", "R1"]
    assert "L******" in page["head", "R1"]  # masked: the first character and stars
    assert "139****0001" in page["head", "R1"]
    assert reports["R2"]["markers"]["words"]["reply"] in page["head", "R2"]
    assert reports["R3"]["markers"]["words"]["transfer_unit"] in page["insp", "R3"]
    assert reports["R1"]["markers"]["words"]["accused"] in page["insp", "R1"]  # 被举报人


def test_a_report_answers_as_a_missing_case_to_whoever_may_not_open_it(leak_world):
    """The same status and the same page, whatever the URL under the reference."""
    app, world, _reports, clients = leak_world
    world = {**world, "none": {**world["R1"], "ref": "JB2026-999"}}
    csrf = re.compile(r'(csrf_token" value="|X-CSRFToken": ")[^"]+')
    report_rows = [r for r in ROWS if r.method == "GET" and r.record == "report"]
    differences = []
    for row in report_rows:
        missing = url_of(app, dataclasses.replace(row, record="none"), world)
        for tag in REPORTS:
            url = url_of(app, dataclasses.replace(row, record=tag), world)
            for who, client in clients.items():
                if _allowed(who, tag, tag):
                    continue
                got = [csrf.sub("", _without(u, _read(client, u, False))) for u in (url, missing)]
                if got[0] != got[1]:
                    differences.append(f"{who} {url}")
    assert differences == []


def _database_text(app) -> bytes:
    with app.app_context():
        if not PG_URL:
            db.engine.dispose()
            path = Path(db.engine.url.database)
            return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        with db.engine.connect() as conn:
            rows = []
            for table in sa.inspect(conn).get_table_names():
                rows += [
                    " ".join(map(str, r)) for r in conn.execute(sa.text(f'SELECT * FROM "{table}"'))
                ]
            return "\n".join(rows).encode("utf-8")


def test_the_database_and_the_uploads_hold_no_marker(leak_world):
    app, _world, reports, _clients = leak_world
    stored = _database_text(app)
    uploads = Path(app.config["UPLOAD_FOLDER"])
    stored += b"".join(p.read_bytes() for p in uploads.rglob("*") if p.is_file())
    assert [
        f"{tag} {name}"
        for tag, r in reports.items()
        for group in r["markers"].values()
        for name, value in group.items()
        if value.encode("utf-8") in stored
    ] == []
