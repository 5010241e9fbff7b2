"""Rows written into the database at each revision, before it is upgraded further.

Keyed by revision id: the tables (in an order their foreign keys allow) and rows to
insert once the database has reached that revision. Every table that exists at a
revision must have rows by then (tests/migrations/test_migrations.py fails otherwise), so a
migration that adds a table adds its rows here; one that adds none says ``{}``.
Ids are explicit and high where a migration itself seeds rows (topics, policies).
"""

from datetime import date, datetime, time

AT = datetime(2026, 3, 2, 9, 15)
DAY = date(2026, 3, 2)

ROWS: dict[str, dict[str, list[dict]]] = {
    "0001_foundation": {
        "station": [
            {"id": 1, "name": "老街供电所", "created_at": AT},
            {"id": 2, "name": "河口供电所", "created_at": AT},
        ],
        "user": [
            {"id": 1, "username": "head", "station_id": 1, "locale": None},
            {"id": 2, "username": "clerk", "station_id": 1, "locale": "zh_Hans_CN"},
            {"id": 3, "username": "county", "station_id": None, "locale": None},
        ],
        "user_role": [
            {"user_id": 1, "role": "head"},
            {"user_id": 2, "role": "clerk"},
            {"user_id": 3, "role": "county"},
        ],
        "audit_log": [
            {"id": 1, "station_id": 1, "actor_id": 1, "action": "login", "detail": "早班"},
            {"id": 2, "station_id": None, "actor_id": None, "action": "init", "detail": ""},
        ],
        "calendar_day": [{"day": date(2026, 10, 1), "kind": "holiday", "name": "国庆节"}],
        "calendar_year": [{"year": 2026, "confirmed_at": AT, "confirmed_by": "head"}],
    },
    "0002_cases": {
        # A station created after 0002, so that it has no seeded policies to collide with.
        "station": [{"id": 3, "name": "新设供电所", "created_at": AT}],
        "topic": [{"id": 101, "station_id": 1, "name": "线路迁改", "position": 9, "active": True}],
        "policy": [{"id": 101, "station_id": 3, "kind": "complaint", "importance": "urgent"}],
        "case_sequence": [{"station_id": 1, "year": 2026, "last": 2}],
        "cases": [
            {
                "id": 1,
                "ref": "2026-0001",
                "kind": "complaint",
                "subject": "停电报修",
                "topic_id": 101,
                "parent_id": None,
            },
            {
                "id": 2,
                "ref": "2026-0002",
                "kind": "appeal",
                "subject": "复查申请",
                "topic_id": None,
                "parent_id": 1,
                # replied: its running clocks are the follow-up (March 6) and the close
                "status": "replied",
                "contacted_at": AT,
                "replied_at": AT,
                "due_followup": date(2026, 3, 6),
            },
        ],
        "key_person": [{"id": 1, "station_id": 1, "name": "王五", "marked_by_id": 1}],
        "attachment": [{"id": 1, "case_id": 1, "filename": "照片.jpg", "stored_name": "a1.jpg"}],
        "case_event": [
            {"id": 1, "case_id": 1, "action": "registered", "note": "来电登记"},
            {"id": 2, "case_id": 2, "action": "registered", "note": ""},
        ],
        "case_search": [
            {"case_id": 1, "station_id": 1, "tokens": "停电 电报 报修 meter42"},
            {"case_id": 2, "station_id": 1, "tokens": "复查 查申 申请"},
        ],
        "enclosure": [{"id": 1, "case_id": 1, "kind": "letter", "description": "原信"}],
        "extension": [
            {"id": 1, "case_id": 1, "reason": "需现场核实", "new_due": date(2026, 3, 20)}
        ],
        "transfer": [{"id": 1, "case_id": 1, "unit": "运检班", "due": date(2026, 3, 9)}],
    },
    "0003_sessions": {
        # An open case whose reply was extended (14 days): 0004 moves its close with it.
        "cases": [
            {
                "id": 3,
                "ref": "2026-0003",
                "kind": "complaint",
                "subject": "延期办理",
                "topic_id": None,
                "parent_id": None,
                "status": "accepted",
                "contacted_at": AT,
                "extended_to": date(2026, 3, 19),
            },
        ],
        "user_session": [
            {
                "id": 1,
                "token_hash": "0" * 63 + "1",
                "user_id": 1,
                "created_at": AT,
                "last_seen_at": AT,
                "ip": "10.0.0.5",
                "ended_at": None,
                "end_reason": "",
            },
            {
                "id": 2,
                "token_hash": "0" * 63 + "2",
                "user_id": 2,
                "created_at": AT,
                "last_seen_at": AT,
                "ip": "10.0.0.6",
                "ended_at": AT,
                "end_reason": "logout",
            },
        ],
        "login_failure": [
            {"id": 1, "at": AT, "ip": "10.0.0.5", "user_id": 1, "username": "head"},
            {"id": 2, "at": AT, "ip": "10.0.0.5", "user_id": None, "username": "nobody"},
        ],
        "login_lock": [
            {"id": 1, "ip": "10.0.0.5", "user_id": 1, "locked_at": AT, "until": AT},
            {"id": 2, "ip": "10.0.0.7", "user_id": None, "locked_at": AT, "until": AT},
        ],
    },
    # A station added just before 0005: it gets the contact columns empty, like the others.
    "0004_clocks": {"station": [{"id": 4, "name": "后设供电所", "created_at": AT}]},
    "0005_station_contact": {
        "station": [
            {
                "id": 5,
                "name": "联系齐全供电所",
                "created_at": AT,
                "phone": "0710-3456789",
                "address": "城关镇建设路18号",
                "reception_place": "营业厅二楼接待室",
            }
        ],
        # A report in plain text, as every report was before 0006: 0006 seals each of its
        # words (REPORT_WORDS) and leaves the columns blank.
        "cases": [
            {
                "id": 4,
                "ref": "2026-0004",
                "kind": "report",
                "subject": "举报抄表员私收电费",
                "content": "举报内容标记甲",
                "summary": "摘要标记乙",
                "topic_id": None,
                "parent_id": None,
                "person_name": "举报人丙",
                "person_phone": "13912345678",
                "person_address": "河口村七组",
                "assignee_id": 1,
            }
        ],
        "case_event": [{"id": 3, "case_id": 4, "action": "registered", "note": "来电标记丁"}],
        "case_search": [{"case_id": 4, "station_id": 1, "tokens": "举报 报抄 抄表 表员"}],
        "transfer": [{"id": 2, "case_id": 4, "unit": "纪检标记戊", "due": date(2026, 3, 9)}],
        "extension": [
            {"id": 2, "case_id": 4, "reason": "延期标记己", "new_due": date(2026, 3, 20)}
        ],
        "enclosure": [{"id": 2, "case_id": 4, "kind": "photo", "description": "附件标记庚"}],
        "attachment": [
            {"id": 2, "case_id": 4, "filename": "举报材料标记辛.jpg", "stored_name": "a2.jpg"}
        ],
    },
    # 0006 sealed the report above, so `sealed` and `key_check` have rows of its own.
    "0006_confidential": {
        "key_check": [{"id": 2, "blob": b"\x01" + bytes(40), "created_at": AT}],
        "sealed": [{"owner": "event", "owner_id": 100, "case_id": 4, "blob": bytes(40)}],
        "report_sequence": [{"station_id": 1, "year": 2026, "last": 1}],
        "report_exclusion": [{"case_id": 4, "user_mac": "e" * 64}],
        "report_identity": [{"case_id": 4, "mac": "f" * 64}],
        "report_receipt": [
            {"case_id": 4, "lookup": "c" * 64, "verifier": "scrypt:x", "issued_at": AT}
        ],
        "report_access": [
            {"id": 1, "at": AT, "station_id": 1, "case_id": 4, "user_id": 1, "action": "view",
             "address": "10.0.0.5", "detail": {"page": "cases.show"}}
        ],
        "disclosure": [
            {"id": 1, "case_id": 4, "station_id": 1, "requested_by_id": 1, "requested_at": AT,
             "state": "pending", "days": 7, "decided_by_id": None, "decided_at": None,
             "expires_at": None, "reason": "", "decision_reason": ""}
        ],
        "referral": [
            {"id": 1, "case_id": 4, "station_id": 1, "requested_by_id": 1, "requested_at": AT,
             "state": "pending", "decided_by_id": None, "decided_at": None, "reason": "",
             "decision_reason": ""}
        ],
    },
    # A pending grant and a decided password reset, both asked by the head (user 1) of the
    # clerk (user 2): upgrades after 0007 keep them as they are.
    "0007_role_requests": {
        "role_request": [
            {"id": 1, "user_id": 2, "kind": "grant", "roles": ["inspector"], "state": "pending"},
            {
                "id": 2,
                "user_id": 2,
                "kind": "password",
                "roles": ["head"],
                "state": "refused",
                "decided_by_id": 3,
                "decided_at": AT,
            },
        ]
    },
    # Reception day: a kiosk the head (user 1) granted, revoked; a setting, a host and two
    # visitors of station 1: one waiting, one whose matter became case 1. Boxes: a box of
    # station 1 that the clerk (user 2) opens, opened once before the head with case 2 in it.
    "0008_duties": {
        "device": [
            {"id": 1, "station_id": 1, "kind": "kiosk", "token_hash": "d" * 64,
             "granted_by_id": 1, "granted_at": AT, "expires_at": datetime(2026, 3, 2, 16, 0),
             "revoked_at": datetime(2026, 3, 2, 12, 0), "revoked_by_id": 2,
             "revoke_reason": "left", "address": "10.0.0.9", "user_agent": "Chromium"}
        ],
        "reception_setting": [
            {"station_id": 1, "weekday": 1, "closes_at": time(17, 0), "updated_by_id": 1,
             "updated_at": AT}
        ],
        "reception_host": [
            {"id": 1, "station_id": 1, "day": DAY, "host_id": 1, "named_by_id": 1,
             "named_at": AT}
        ],
        "reception_visitor": [
            {"id": 1, "station_id": 1, "day": DAY, "number": 1, "arrived_at": AT,
             "name": "王五", "phone": "13700000000", "matter": "电压不稳", "headcount": 1,
             "form_key": "a" * 16, "device_id": 1, "signed_in_by_id": None, "called_at": None,
             "outcome": None, "outcome_note": "", "outcome_at": None, "outcome_by_id": None,
             "case_id": None, "confidential": False},
            {"id": 2, "station_id": 1, "day": DAY, "number": 2, "arrived_at": AT,
             "name": "赵六", "phone": "", "matter": "停电报修", "headcount": 3,
             "form_key": "b" * 16, "device_id": None, "signed_in_by_id": 2, "called_at": AT,
             "outcome": "case", "outcome_note": "", "outcome_at": AT, "outcome_by_id": 1,
             "case_id": 1, "confidential": False},
        ],
        "suggestion_box": [
            {"id": 1, "station_id": 1, "place": "营业厅", "interval_days": 5, "active": True,
             "created_on": DAY, "created_at": AT}
        ],
        "box_opener": [{"id": 1, "box_id": 1, "user_id": 2}],
        "box_opening": [
            {"id": 1, "station_id": 1, "box_id": 1, "opened_on": DAY, "opener_id": 2,
             "witness_id": 1, "witness_name": "", "item_count": 1, "recorded_by_id": 2,
             "recorded_at": AT}
        ],
        "box_item": [{"id": 1, "opening_id": 1, "case_id": 2, "position": 1}],
    },
    # Station 1's reporting line, a call not disposed yet and one that became case 1.
    "0009_hotline": {
        "hotline_setting": [
            {"station_id": 1, "reporting_line": "0571-8888", "updated_by_id": 1,
             "updated_at": AT}
        ],
        "hotline_call": [
            {"id": 1, "station_id": 1, "received_at": AT, "day": DAY, "line": "station",
             "caller_number": "", "anonymous": True, "caller_name": "", "words": "线路老化",
             "taken_by_id": 2, "logged_at": AT, "disposition": None, "disposed_at": None,
             "disposed_by_id": None, "case_id": None, "confidential": False},
            {"id": 2, "station_id": 1, "received_at": AT, "day": DAY, "line": "95598",
             "caller_number": "13800000000", "anonymous": False, "caller_name": "钱八",
             "words": "停电", "taken_by_id": 2, "logged_at": AT, "disposition": "case",
             "disposed_at": AT, "disposed_by_id": 2, "case_id": 1, "confidential": False},
        ],
    },
    # Two visits to station 1's key person 王五 (of 0002): the head went, the clerk went and
    # the head recorded it.
    "0010_key_visits": {
        "key_visit": [
            {"id": 1, "key_person_id": 1, "station_id": 1, "visited_on": DAY, "visitor_id": 1,
             "said": "上门征询意见，电压已稳定", "satisfaction": "satisfied", "recorded_at": AT,
             "recorded_by_id": 1},
            {"id": 2, "key_person_id": 1, "station_id": 1, "visited_on": date(2026, 6, 1),
             "visitor_id": 2, "said": "对抢修速度不满", "satisfaction": "dissatisfied",
             "recorded_at": datetime(2026, 6, 1, 16, 0), "recorded_by_id": 1},
        ],
    },
    # Station 1's public key, and its February submitted twice by the head: the second
    # version with a reason (the data is what the app froze; the tests do not read it).
    "0011_summary_submissions": {
        "station_key": [
            {"station_id": 1, "public_key": bytes(range(32)), "fingerprint": "ABCD-" * 7 + "ABCD",
             "created_at": AT}
        ],
        "summary_version": [
            {"id": 1, "station_id": 1, "month": "2026-02", "version": 1,
             "data": '{"month":"2026-02","schema":1}', "sha256": "a" * 64,
             "signature": "c2lnbmF0dXJl", "fingerprint": "ABCD-" * 7 + "ABCD",
             "station_name": "老街供电所", "submitted_by_id": 1, "submitted_by_name": "所长",
             "submitted_at": AT, "reason": ""},
            {"id": 2, "station_id": 1, "month": "2026-02", "version": 2,
             "data": '{"month":"2026-02","schema":1,"x":1}', "sha256": "b" * 64,
             "signature": "c2lnbmF0dXJlMg==", "fingerprint": "ABCD-" * 7 + "ABCD",
             "station_name": "老街供电所", "submitted_by_id": 1, "submitted_by_name": "所长",
             "submitted_at": datetime(2026, 3, 3, 8, 0),
             "reason": "补录一件二月来信"},
        ],
    },
    "0012_county_imports": {
        "remote_station": [
            {"id": 1, "name": "远山供电所", "fingerprint": "1234-" * 7 + "1234",
             "public_key": bytes(range(1, 33)), "registered_by_id": 3, "registered_at": AT},
            {"id": 2, "name": "石桥供电所", "fingerprint": "5678-" * 7 + "5678",
             "public_key": None, "registered_by_id": None, "registered_at": AT},
        ],
        "imported_summary": [
            {"id": 1, "remote_station_id": 1, "month": "2026-02", "version": 1,
             "data": '{"month":"2026-02","schema":1}', "sha256": "d" * 64,
             "signature": "c2lnbmF0dXJl", "station_name": "远山供电所",
             "submitted_by": "远山所长", "submitted_at": "2026-03-01T02:00:00Z",
             "imported_by_id": 3, "imported_at": AT},
        ],
    },
    "0014_open_case_indexes": {},  # indexes only
    "0015_summary_indexes": {},  # indexes only
    "0016_search_positions": {},  # the search rows rewritten: tests/migrations, SEARCH_ROWS
    "0017_duplicate_check_index": {},  # an index only
    "0018_waiting_and_late_indexes": {},  # indexes only
    "0019_summary_covering_indexes": {},  # indexes made again, wider
    "0020_status_kind_index": {},  # an index made again, wider
    "0021_search_stations": {},  # the search rows rewritten: tests/migrations, SEARCH_ROWS
}  # fmt: skip

# The words of the report above: after 0006 none of them is anywhere in the database file.
REPORT_WORDS = (
    "举报抄表员私收电费", "举报内容标记甲", "摘要标记乙", "举报人丙", "13912345678", "河口村七组",
    "来电标记丁", "纪检标记戊", "延期标记己", "附件标记庚", "举报材料标记辛",
)  # fmt: skip

# Columns every row of a table needs but whose value the tests do not look at.
FILLER: dict[str, dict] = {
    "user": {
        "name": "用户",
        "password_hash": "x",
        "must_change_password": False,
        "active": True,
        "failed_logins": 0,
        "locked_until": None,
        "last_login_at": None,
        "created_at": AT,
    },
    "audit_log": {"at": AT, "actor_name": "head", "target": "", "ip": "127.0.0.1"},
    "calendar_day": {"updated_at": AT},
    "policy": {
        "contact_amount": 1,
        "contact_unit": "workdays",
        "reply_amount": 3,
        "reply_unit": "workdays",
        "close_amount": 6,
        "close_unit": "workdays",
        "followup_amount": 3,
        "followup_unit": "workdays",
        "review_amount": 1,
        "review_unit": "workdays",
        "updated_at": AT,
    },
    "cases": {
        "station_id": 1,
        "intake_token": None,
        "channel": "phone",
        "importance": "general",
        "content": "内容",
        "summary": "",
        "status": "registered",
        "anonymous": False,
        "person_name": "张三",
        "person_phone": "13800000000",
        "person_id_number": "",
        "person_address": "",
        "received_at": AT,
        "received_on": DAY,
        "registered_at": AT,
        "registered_by_id": 2,
        "assignee_id": 1,
        "clocks": {"reply": [3, "workdays"]},
        "due_contact": date(2026, 3, 3),
        "due_reply": date(2026, 3, 5),
        "due_close": date(2026, 3, 10),
        "contacted_at": None,
        "replied_at": None,
        "due_followup": None,
        "on_the_spot": False,
        "review_pending": False,
        "postcode": "",
        "identity_document": "",
        "demands": "",
        "earlier_petitions": "",
        "skip_level": False,
        "repeat_visit": False,
        "skip_or_repeat_reason": "",
        "collective": False,
        "representatives": "",
        "external_ref": "",
        "superior_name": "",
        "superior_ref": "",
        "extended_to": None,
    },
    "key_person": {
        "phone": "13900000000",
        "id_number": "",
        "reason": "多次来访",
        "marked_at": AT,
        "active": True,
    },
    "attachment": {"mimetype": "image/jpeg", "size": 2048, "uploaded_at": AT, "uploaded_by_id": 2},
    "case_event": {"at": AT, "actor_id": 2, "data": {"channel": "phone"}},
    "enclosure": {"kept_at": "档案柜", "returned_on": None},
    "extension": {
        "requested_at": AT,
        "requested_by_id": 2,
        "decision": "pending",
        "decided_at": None,
        "decided_by_id": None,
        "decision_note": "",
    },
    "user_session": {"user_agent": "Mozilla/5.0"},
    "role_request": {
        "station_id": 1,
        "requested_by_id": 1,
        "requested_at": AT,
        "decided_by_id": None,
        "decided_at": None,
    },
    "transfer": {
        "request": "请核实线路",
        "sent_at": AT,
        "sent_by_id": 1,
        "result": "",
        "result_at": None,
    },
}


# Values a later migration changes on purpose: (table, id) -> columns not compared after it.
CHANGED_ON_PURPOSE: dict[tuple[str, int], set[str]] = {
    ("cases", 3): {"due_close"},
    # 0006 seals the report: its words leave these columns (and its search row's tokens).
    ("cases", 4): {"subject", "content", "summary", "person_name", "person_phone",
                   "person_address"},
    ("case_event", 3): {"note", "data"},
    ("case_search", 4): {"tokens"},
    # 0016 writes each field's pieces in order, 0021 each piece after its station
    # (tests/migrations/test_migrations.py).
    ("case_search", 1): {"tokens"},
    ("case_search", 2): {"tokens"},
    ("transfer", 2): {"unit", "request"},
    ("extension", 2): {"reason"},
    ("enclosure", 2): {"description", "kept_at"},
    ("attachment", 2): {"filename"},
}  # fmt: skip


def full_rows(revision: str) -> dict[str, list[dict]]:
    """The rows to insert at ``revision``, each completed with its table's filler."""
    return {
        table: [{**FILLER.get(table, {}), **row} for row in rows]
        for table, rows in ROWS[revision].items()
    }
