"""Upgrades keep every row and every guarantee; the models match the migrated schema."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from migration_rows import ROWS, full_rows
from migration_support import (
    DIALECTS,
    REVISIONS,
    TRIGGERS,
    blank_app,
    counts,
    dialect,
    downgrade,
    fill_up_to,
    rows_changed,
    triggers,
)

from station.database import upgrade_schema
from station.extensions import db
from station.migrations.triggers import include_name, include_object

blank = pytest.fixture(params=DIALECTS)(blank_app)

# Hand-counted: an upgrade from the revision with the rows of migration_rows up to it.
# 0002 gives each of the two stations 8 topics and 18 policies (6 kinds x 3 importances).
# 0002's rows add a third station (with one policy of its own, no seeded rows) and one topic.
# 0006's tables, when there was no report to seal.
NOTHING_SEALED = {
    "sealed": 0, "key_check": 0, "report_sequence": 0, "report_exclusion": 0,
    "report_identity": 0, "report_receipt": 0, "report_access": 0, "disclosure": 0,
    "referral": 0,
}  # fmt: skip
# 0008's, 0009's and 0010's tables, before their rows.
NO_DUTIES = {
    "device": 0, "reception_setting": 0, "reception_host": 0, "reception_visitor": 0,
    "suggestion_box": 0, "box_opener": 0, "box_opening": 0, "box_item": 0,
    "hotline_setting": 0, "hotline_call": 0, "key_visit": 0,
}  # fmt: skip
# 0011's tables, before their rows: no station has a key or a submitted month yet.
NOTHING_IMPORTED = {"remote_station": 0, "imported_summary": 0}
NOTHING_SUBMITTED = {"station_key": 0, "summary_version": 0, **NOTHING_IMPORTED}
COUNTS_AFTER_UPGRADE_FROM = {
    "0001_foundation": {
        "station": 2, "user": 3, "user_role": 3, "audit_log": 2, "calendar_day": 1,
        "calendar_year": 1, "topic": 16, "policy": 36, "case_sequence": 0, "cases": 0,
        "key_person": 0, "attachment": 0, "case_event": 0, "case_search": 0, "enclosure": 0,
        "extension": 0, "transfer": 0, "user_session": 0, "login_failure": 0, "login_lock": 0,
        **NOTHING_SEALED, "role_request": 0, **NO_DUTIES, **NOTHING_SUBMITTED,
    },
    "0002_cases": {
        "station": 3, "user": 3, "user_role": 3, "audit_log": 2, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 2,
        "key_person": 1, "attachment": 1, "case_event": 2, "case_search": 2, "enclosure": 1,
        "extension": 1, "transfer": 1, "user_session": 0, "login_failure": 0, "login_lock": 0,
        **NOTHING_SEALED, "role_request": 0, **NO_DUTIES, **NOTHING_SUBMITTED,
    },
    "0003_sessions": {
        "station": 3, "user": 3, "user_role": 3, "audit_log": 2, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 3,
        "key_person": 1, "attachment": 1, "case_event": 2, "case_search": 2, "enclosure": 1,
        "extension": 1, "transfer": 1, "user_session": 2, "login_failure": 2, "login_lock": 2,
        **NOTHING_SEALED, "role_request": 0, **NO_DUTIES, **NOTHING_SUBMITTED,
    },  # cases: 3 with 0003's extended one
    "0004_clocks": {
        "station": 4, "user": 3, "user_role": 3, "audit_log": 2, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 3,
        "key_person": 1, "attachment": 1, "case_event": 2, "case_search": 2, "enclosure": 1,
        "extension": 1, "transfer": 1, "user_session": 2, "login_failure": 2, "login_lock": 2,
        **NOTHING_SEALED, "role_request": 0, **NO_DUTIES, **NOTHING_SUBMITTED,
    },  # station: 4 with 0004's
    "0005_station_contact": {
        "station": 5, "user": 3, "user_role": 3, "audit_log": 3, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 4,
        "key_person": 1, "attachment": 2, "case_event": 3, "case_search": 3, "enclosure": 2,
        "extension": 2, "transfer": 2, "user_session": 2, "login_failure": 2, "login_lock": 2,
        "sealed": 6, "key_check": 1, "report_sequence": 0, "report_exclusion": 0,
        "report_identity": 1, "report_receipt": 0, "report_access": 0, "disclosure": 0,
        "referral": 0, "role_request": 0, **NO_DUTIES, **NOTHING_SUBMITTED,
    },  # 0005's report: sealed as 6 records (case, event, transfer, extension, enclosure,
    # attachment), its phone as 1 identity mark, and 1 audit entry that says so
    "0006_confidential": {
        "station": 5, "user": 3, "user_role": 3, "audit_log": 3, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 4,
        "key_person": 1, "attachment": 2, "case_event": 3, "case_search": 3, "enclosure": 2,
        "extension": 2, "transfer": 2, "user_session": 2, "login_failure": 2, "login_lock": 2,
        "sealed": 7, "key_check": 2, "report_sequence": 1, "report_exclusion": 1,
        "report_identity": 2, "report_receipt": 1, "report_access": 1, "disclosure": 1,
        "referral": 1, "role_request": 0, **NO_DUTIES, **NOTHING_SUBMITTED,
    },  # 0006's own rows: one of each of its tables, beside what sealing 0005's report made
    "0007_role_requests": {
        "station": 5, "user": 3, "user_role": 3, "audit_log": 3, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 4,
        "key_person": 1, "attachment": 2, "case_event": 3, "case_search": 3, "enclosure": 2,
        "extension": 2, "transfer": 2, "user_session": 2, "login_failure": 2, "login_lock": 2,
        "sealed": 7, "key_check": 2, "report_sequence": 1, "report_exclusion": 1,
        "report_identity": 2, "report_receipt": 1, "report_access": 1, "disclosure": 1,
        "referral": 1, "role_request": 2, **NO_DUTIES, **NOTHING_SUBMITTED,
    },  # 0007's two requests
    "0008_duties": {
        "station": 5, "user": 3, "user_role": 3, "audit_log": 3, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 4,
        "key_person": 1, "attachment": 2, "case_event": 3, "case_search": 3, "enclosure": 2,
        "extension": 2, "transfer": 2, "user_session": 2, "login_failure": 2, "login_lock": 2,
        "sealed": 7, "key_check": 2, "report_sequence": 1, "report_exclusion": 1,
        "report_identity": 2, "report_receipt": 1, "report_access": 1, "disclosure": 1,
        "referral": 1, "role_request": 2, "device": 1, "reception_setting": 1,
        "reception_host": 1, "reception_visitor": 2, "suggestion_box": 1, "box_opener": 1,
        "box_opening": 1, "box_item": 1, "hotline_setting": 0, "hotline_call": 0,
        "key_visit": 0, **NOTHING_SUBMITTED,
    },  # 0008's kiosk, setting, host and two visitors, and its box opened once
    "0009_hotline": {
        "station": 5, "user": 3, "user_role": 3, "audit_log": 3, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 4,
        "key_person": 1, "attachment": 2, "case_event": 3, "case_search": 3, "enclosure": 2,
        "extension": 2, "transfer": 2, "user_session": 2, "login_failure": 2, "login_lock": 2,
        "sealed": 7, "key_check": 2, "report_sequence": 1, "report_exclusion": 1,
        "report_identity": 2, "report_receipt": 1, "report_access": 1, "disclosure": 1,
        "referral": 1, "role_request": 2, "device": 1, "reception_setting": 1,
        "reception_host": 1, "reception_visitor": 2, "suggestion_box": 1, "box_opener": 1,
        "box_opening": 1, "box_item": 1, "hotline_setting": 1, "hotline_call": 2,
        "key_visit": 0, **NOTHING_SUBMITTED,
    },  # 0009's line setting and two calls; no visits yet
    "0010_key_visits": {
        "station": 5, "user": 3, "user_role": 3, "audit_log": 3, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 4,
        "key_person": 1, "attachment": 2, "case_event": 3, "case_search": 3, "enclosure": 2,
        "extension": 2, "transfer": 2, "user_session": 2, "login_failure": 2, "login_lock": 2,
        "sealed": 7, "key_check": 2, "report_sequence": 1, "report_exclusion": 1,
        "report_identity": 2, "report_receipt": 1, "report_access": 1, "disclosure": 1,
        "referral": 1, "role_request": 2, "device": 1, "reception_setting": 1,
        "reception_host": 1, "reception_visitor": 2, "suggestion_box": 1, "box_opener": 1,
        "box_opening": 1, "box_item": 1, "hotline_setting": 1, "hotline_call": 2,
        "key_visit": 2, **NOTHING_SUBMITTED,
    },  # 0010's two visits; no key and no submitted month yet
    "0011_summary_submissions": {
        "station": 5, "user": 3, "user_role": 3, "audit_log": 3, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 4,
        "key_person": 1, "attachment": 2, "case_event": 3, "case_search": 3, "enclosure": 2,
        "extension": 2, "transfer": 2, "user_session": 2, "login_failure": 2, "login_lock": 2,
        "sealed": 7, "key_check": 2, "report_sequence": 1, "report_exclusion": 1,
        "report_identity": 2, "report_receipt": 1, "report_access": 1, "disclosure": 1,
        "referral": 1, "role_request": 2, "device": 1, "reception_setting": 1,
        "reception_host": 1, "reception_visitor": 2, "suggestion_box": 1, "box_opener": 1,
        "box_opening": 1, "box_item": 1, "hotline_setting": 1, "hotline_call": 2,
        "key_visit": 2, "station_key": 1, "summary_version": 2, **NOTHING_IMPORTED,
    },  # 0011's key and two versions of February; nothing imported yet
    "0012_county_imports": {
        "station": 5, "user": 3, "user_role": 3, "audit_log": 3, "calendar_day": 1,
        "calendar_year": 1, "topic": 17, "policy": 37, "case_sequence": 1, "cases": 4,
        "key_person": 1, "attachment": 2, "case_event": 3, "case_search": 3, "enclosure": 2,
        "extension": 2, "transfer": 2, "user_session": 2, "login_failure": 2, "login_lock": 2,
        "sealed": 7, "key_check": 2, "report_sequence": 1, "report_exclusion": 1,
        "report_identity": 2, "report_receipt": 1, "report_access": 1, "disclosure": 1,
        "referral": 1, "role_request": 2, "device": 1, "reception_setting": 1,
        "reception_host": 1, "reception_visitor": 2, "suggestion_box": 1, "box_opener": 1,
        "box_opening": 1, "box_item": 1, "hotline_setting": 1, "hotline_call": 2,
        "key_visit": 2, "station_key": 1, "summary_version": 2, "remote_station": 2,
        "imported_summary": 1,
    },  # 0012's two remote stations and one imported month
}  # fmt: skip
# 0014, 0015, 0017 and 0018 add indexes only, 0019 and 0020 make three of them again, and
# 0016 rewrites rows: an upgrade from 0014 to 0019 ends with 0012's rows, no more.
COUNTS_AFTER_UPGRADE_FROM["0014_open_case_indexes"] = COUNTS_AFTER_UPGRADE_FROM[
    "0012_county_imports"
]
for _start in (
    "0015_summary_indexes",
    "0016_search_positions",
    "0017_duplicate_check_index",
    "0018_waiting_and_late_indexes",
    "0019_summary_covering_indexes",
    "0020_status_kind_index",
):
    COUNTS_AFTER_UPGRADE_FROM[_start] = COUNTS_AFTER_UPGRADE_FROM["0012_county_imports"]
# 0016: each field's pieces in order, a break word between two fields (case 1: ref, name,
# phone, its last four digits, subject, content; no id number, no summary); 0021: each piece
# after its station (all three cases are station 1's), the break word as it was; the
# report's row (case 4) keeps its hashed pieces, each after r1x.
SEARCH_ROWS = {
    1: "s1x2026 s1x0001 zfieldz s1x张三 zfieldz s1x13800000000 zfieldz s1x0000 zfieldz "
    "s1x停电 s1x电报 s1x报修 zfieldz s1x内容",
    2: "s1x2026 s1x0002 zfieldz s1x张三 zfieldz s1x13800000000 zfieldz s1x0000 zfieldz "
    "s1x复查 s1x查申 s1x申请 zfieldz s1x内容",
}
# 0004 gives existing cases their next due date. Case 1, registered on 2 March with no first
# contact: contact due 3 March, reply 5 March, close 10 March: the 3rd. Case 2, replied: the
# follow-up due 6 March, the close 10 March: the 6th.
# Case 3 (rows of 0003), accepted, its reply extended from 5 to 19 March: the close moves
# 14 days from 10 to 24 March (a Tuesday), and the next due is the extended reply, the 19th.
NEXT_DUE_AFTER_0004 = {1: "2026-03-03", 2: "2026-03-06", 3: "2026-03-19"}


def test_the_models_match_the_migrated_schema(blank):
    upgrade_schema()
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": include_name, "include_object": include_object}
        )
        assert compare_metadata(context, db.metadata) == []


def test_every_trigger_and_the_search_index_exist_after_an_upgrade(blank):
    upgrade_schema()
    assert triggers() == TRIGGERS[dialect()]
    search_index = {
        "sqlite": "SELECT name FROM sqlite_master WHERE name = 'case_fts'",
        "postgresql": "SELECT indexname FROM pg_indexes WHERE indexname = 'ix_case_search_tsv'",
    }[dialect()]
    with db.engine.connect() as conn:
        assert conn.scalar(sa.text(search_index)) is not None


def test_every_table_at_every_revision_has_rows_to_upgrade(blank):
    assert set(ROWS) == set(REVISIONS), "tests/migration_rows.py: one entry per revision"
    assert fill_up_to(blank, REVISIONS[-1]) == [], "add rows for these to tests/migration_rows.py"


@pytest.mark.parametrize("start", REVISIONS[:-1])
def test_an_upgrade_from_an_earlier_revision_keeps_every_row(blank, start):
    assert start in COUNTS_AFTER_UPGRADE_FROM, f"hand-count the rows after an upgrade from {start}"
    fill_up_to(blank, start)
    upgrade_schema()
    assert counts() == COUNTS_AFTER_UPGRADE_FROM[start]
    kept = REVISIONS[: REVISIONS.index(start) + 1]
    assert [line for rev in kept for line in rows_changed(full_rows(rev))] == []
    with db.engine.connect() as conn:
        names = list(conn.scalars(sa.text("SELECT name FROM station ORDER BY id")))
        later = {  # the stations the rows of 0002 and of 0004 add
            "0001_foundation": [],
            "0002_cases": ["新设供电所"],
            "0003_sessions": ["新设供电所"],
            "0004_clocks": ["新设供电所", "后设供电所"],
            "0005_station_contact": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0006_confidential": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0007_role_requests": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0008_duties": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0009_hotline": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0010_key_visits": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0011_summary_submissions": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0012_county_imports": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0014_open_case_indexes": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0015_summary_indexes": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0016_search_positions": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0017_duplicate_check_index": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0018_waiting_and_late_indexes": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0019_summary_covering_indexes": ["新设供电所", "后设供电所", "联系齐全供电所"],
            "0020_status_kind_index": ["新设供电所", "后设供电所", "联系齐全供电所"],
        }[start]
        assert names == ["老街供电所", "河口供电所", *later]
        # 0005: every station there before it has its contact empty, to be set by an admin.
        contact = "SELECT phone, address, reception_place FROM station ORDER BY id"
        set_by_admin = [("0710-3456789", "城关镇建设路18号", "营业厅二楼接待室")]  # 0005's rows
        since_0005 = REVISIONS.index(start) >= REVISIONS.index("0005_station_contact")
        empty = [("", "", "")] * (len(names) - since_0005)
        expected = empty + (set_by_admin if since_0005 else [])
        assert [tuple(r) for r in conn.execute(sa.text(contact))] == expected
        assert conn.scalar(sa.text("SELECT detail FROM audit_log WHERE id = 1")) == "早班"
        if REVISIONS.index(start) >= REVISIONS.index("0002_cases"):
            dues = dict(conn.execute(sa.text("SELECT id, next_due FROM cases WHERE id <= 3")).all())
            assert {k: str(v) for k, v in dues.items()} == {
                k: v for k, v in NEXT_DUE_AFTER_0004.items() if k in dues
            }
            if 3 in dues:
                close = conn.scalar(sa.text("SELECT due_close FROM cases WHERE id = 3"))
                assert str(close) == "2026-03-24"
            # 0010: the key person of 0002 is visited every 90 days, the default.
            interval = "SELECT visit_interval FROM key_person WHERE id = 1"
            assert conn.scalar(sa.text(interval)) == 90
    assert triggers() == TRIGGERS[dialect()]


def test_the_search_rows_hold_each_field_in_order_after_an_upgrade(blank):
    fill_up_to(blank, "0015_summary_indexes")
    with db.engine.connect() as conn:
        report_before = conn.scalar(sa.text("SELECT tokens FROM case_search WHERE case_id = 4"))
    upgrade_schema()
    with db.engine.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT case_id, tokens FROM case_search")).all())
        assert {k: v for k, v in rows.items() if k != 4} == SEARCH_ROWS
        assert rows[4].split() == ["r1x" + piece for piece in report_before.split()]
        if dialect() == "sqlite":  # the FTS5 index was rebuilt from the rewritten rows
            hit = "SELECT rowid FROM case_fts WHERE case_fts MATCH :phrase"
            assert list(conn.scalars(sa.text(hit), {"phrase": '"s1x停电 s1x电报 s1x报修"'})) == [1]
            assert list(conn.scalars(sa.text(hit), {"phrase": '"停电 电报 报修"'})) == []


def test_the_search_rows_lose_their_stations_on_a_downgrade(blank):
    fill_up_to(blank, "0020_status_kind_index")
    with db.engine.connect() as conn:
        before = dict(conn.execute(sa.text("SELECT case_id, tokens FROM case_search")).all())
    upgrade_schema()
    downgrade(blank, "0020_status_kind_index")
    with db.engine.connect() as conn:
        after = dict(conn.execute(sa.text("SELECT case_id, tokens FROM case_search")).all())
    assert after == before
    assert before[1] == (
        "2026 0001 zfieldz 张三 zfieldz 13800000000 zfieldz 0000 zfieldz "
        "停电 电报 报修 zfieldz 内容"
    )
    if dialect() == "sqlite":
        hit = "SELECT rowid FROM case_fts WHERE case_fts MATCH :phrase"
        with db.engine.connect() as conn:
            assert list(conn.scalars(sa.text(hit), {"phrase": '"停电 电报 报修"'})) == [1]
