"""The audit log in the reader's language: its details are recorded as data and put into
words when the page is shown; entries written before, in English text, read the same."""

import pytest
from conftest import PASSWORD
from helpers import text

from station import audit
from station.extensions import db
from station.models import AuditLog, User

OLD_POLICY = (
    "contact 1 workdays, reply 3 workdays, close 6 workdays, followup 3 workdays, review off"
    " → contact 1 workdays, reply 5 days, close 6 workdays, followup 3 workdays, review off"
    " (defaults restored)"
)
# What the code wrote before the details were data, and what the page shows for it now.
OLD_ROWS = [
    ("user_created", "roles=clerk,head", "角色：受理员、所长"),
    ("roles_changed", "clerk -> clerk,head", "受理员 → 受理员、所长"),
    ("lockout", "5 wrong passwords from 10.0.0.7", "来自10.0.0.7的密码错误5次"),
    ("address_locked", "20 failed logins", "登录失败20次"),
    ("login_failed", "unknown or inactive", "账号不存在或已停用"),
    ("login_failed", "/password", "修改密码时"),
    ("calendar_day_set", "holiday 春节 (was workday 调休)", "休息日 春节（原为工作日 调休）"),
    (
        "policy_changed",
        OLD_POLICY,
        "首次联系1个工作日、答复3个工作日、办结6个工作日、回访3个工作日、不计所长审核 → "
        "首次联系1个工作日、答复5个自然日、办结6个工作日、回访3个工作日、不计所长审核"
        "（恢复默认）",
    ),
    ("name_changed", "早班", "早班"),  # text of no form the code wrote: shown as it is
]


def station_a(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(User.station_id).where(User.username == "admin"))


def details_shown(client) -> list[str]:
    """The audit page's detail cells, newest first."""
    rows = text(client.get("/admin/audit")).split("<tr>")[2:]
    return [row.split("<td>")[5].split("</td>")[0] for row in rows if "<td>" in row]


def test_a_new_account_and_a_lockout_are_told_in_chinese(app, client, auth):
    auth.login("admin")
    client.post(
        "/admin/users/new",
        data={"username": "xiaoli", "name": "小李", "roles": ["clerk"], "password": ""},
    )
    auth.logout()
    for _ in range(5):
        auth.login("clerk", "wrong" + PASSWORD)
    auth.login("admin")
    body = text(client.get("/admin/audit"))
    assert "<td>角色：受理员</td>" in body
    assert "<td>来自127.0.0.1的密码错误5次</td>" in body
    assert "roles=" not in body and "wrong passwords" not in body


def test_an_entry_of_the_command_line_says_so(app, client, auth):
    with app.app_context():
        audit.record("station_added", target="新站", station_id=station_a(app))
        db.session.commit()
        assert db.session.scalars(db.select(AuditLog.ip)).all()[-1] == "cli"
    auth.login("admin")
    body = text(client.get("/admin/audit"))
    row = next(r for r in body.split("<tr>") if "新站" in r)
    assert "<td>命令行</td>" in row and ">cli<" not in row


@pytest.mark.parametrize(("action", "detail", "shown"), OLD_ROWS)
def test_entries_written_in_english_before_read_in_chinese(
    app, client, auth, action, detail, shown
):
    with app.app_context():
        db.session.add(AuditLog(action=action, detail=detail, station_id=station_a(app)))
        db.session.commit()
    auth.login("admin")
    assert shown in details_shown(client)


def test_a_page_past_the_end_of_the_log_shows_the_last_one(app, client, auth, monkeypatch):
    monkeypatch.setattr("station.admin.views.AUDIT_PER_PAGE", 1)
    with app.app_context():
        for name in ("甲站", "乙站"):
            audit.record("station_added", target=name, station_id=station_a(app))
        db.session.commit()
    auth.login("admin")  # the third entry
    body = text(client.get("/admin/audit?page=99"))
    assert "第3页，共3页" in body and "第99页" not in body
    assert "甲站" in body  # the oldest entry, on the last page


def test_a_calendar_day_is_written_as_dates_are(app, client, auth):
    with app.app_context():
        data = {"kind": "holiday", "name": "春节"}
        audit.record(
            "calendar_day_removed", target="2027-02-06", data=data, station_id=station_a(app)
        )
        db.session.commit()
    auth.login("admin")
    row = next(r for r in text(client.get("/admin/audit")).split("<tr>") if "春节" in r)
    assert "<td>2027年2月6日</td>" in row and "<td>休息日 春节</td>" in row
