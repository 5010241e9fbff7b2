"""0006 seals the reports that were stored in plain text, on SQLite and PostgreSQL."""

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import current_app
from migration_rows import REPORT_WORDS
from migration_support import DIALECTS, TRIGGERS, blank_app, dialect, fill_up_to, triggers

from station import audit as audit_log
from station.confidential.keys import read_key
from station.database import upgrade_schema
from station.extensions import db

blank = pytest.fixture(params=DIALECTS)(blank_app)


FILE = b"\xff\xd8\xff" + "照片里的举报证据".encode()  # the report's attachment a2.jpg


def _upgraded_from_0005(app):
    fill_up_to(app, "0005_station_contact")
    folder = Path(app.config["UPLOAD_FOLDER"]) / "1"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a2.jpg").write_bytes(FILE)
    upgrade_schema()


def test_the_reports_attachment_file_is_sealed_on_disk(blank):
    _upgraded_from_0005(blank)
    path = Path(blank.config["UPLOAD_FOLDER"]) / "1" / "a2.jpg"
    assert "照片里的举报证据".encode() not in path.read_bytes()
    keys = read_key(Path(current_app.instance_path))
    assert keys.open(path.read_bytes(), "file:a2.jpg") == FILE


def test_the_report_is_sealed_and_opens_under_the_instance_key(blank):
    _upgraded_from_0005(blank)
    keys = read_key(Path(current_app.instance_path))
    assert keys is not None, "the upgrade made the key, in the instance folder"
    with db.engine.connect() as conn:
        blob = conn.scalar(sa.text("SELECT blob FROM sealed WHERE owner = 'case' AND owner_id = 4"))
        case = json.loads(keys.open(blob, "case:4"))
        blanked = conn.execute(
            sa.text("SELECT subject, content, person_name, person_phone FROM cases WHERE id = 4")
        ).one()
        event = "SELECT blob FROM sealed WHERE owner = 'event' AND owner_id = 3"
        note = conn.scalar(sa.text(event))
        audit = conn.scalar(sa.text("SELECT detail FROM audit_log WHERE action = 'reports_sealed'"))
        ref = conn.scalar(sa.text("SELECT ref FROM cases WHERE id = 4"))
    assert (case["subject"], case["content"], case["person_phone"]) == (
        "举报抄表员私收电费",
        "举报内容标记甲",
        "13912345678",
    )
    assert json.loads(keys.open(note, "event:3"))["note"] == "来电标记丁"
    assert tuple(blanked) == ("", "", "", "")
    assert ref == "2026-0004"  # an existing report keeps its reference
    assert json.loads(audit) == {"reports": 1, "trigger_lifted": "case_event"}
    assert triggers() == TRIGGERS[dialect()]  # the timeline's trigger is back
    audit_log.record("login", target="after the upgrade")  # the next entry gets its own id
    db.session.commit()


def test_no_word_of_the_report_is_left_in_any_table(blank):
    _upgraded_from_0005(blank)
    with db.engine.connect() as conn:
        tables = sa.inspect(conn).get_table_names()
        dump = []
        for table in tables:
            if table.startswith("case_fts_"):
                continue  # FTS5's shadow tables: read through the file below
            for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
                dump.append(" ".join(str(v) for v in row))
    text = "\n".join(dump)
    assert [w for w in REPORT_WORDS if w in text] == []


def test_on_sqlite_the_file_itself_holds_no_word_of_it_after_the_vacuum(blank):
    if dialect() != "sqlite":
        pytest.skip("the database file is SQLite's")
    _upgraded_from_0005(blank)
    db.engine.dispose()
    path = Path(db.engine.url.database)
    data = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert [w for w in REPORT_WORDS if w.encode("utf-8") in data] == []
