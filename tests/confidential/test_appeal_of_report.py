"""The appeal of a report is a report with the same reporter and the same persons reported,
whoever reopened it, and it excludes the same users."""

from case_helpers import act, get_case, make_case, move_to
from conftest import STATION_A
from sqlalchemy import select

from station.cases.models import Case
from station.confidential import gate
from station.extensions import db
from station.models import User

REPORT = {
    "kind": "report", "subject": "举报抄表员", "content": "具体情况",
    "person_name": "钱卫东", "person_phone": "13807161234", "person_address": "新华村四组",
}  # fmt: skip


def test_the_heads_appeal_keeps_the_real_reporter_and_the_exclusions(app, client, auth):
    ref = make_case(app, registered_by="head", **REPORT)
    with app.app_context():
        case = get_case(app, ref, STATION_A)
        inspector = db.session.scalar(select(User.id).where(User.username == "inspector"))
        gate.record_persons_reported(case, [{"name": "陈某", "unit": "", "user_id": inspector}])
        db.session.commit()
    move_to(app, ref, "followed_up", actor="head")
    auth.login("head")  # sees the reporter masked
    assert act(client, ref, "reopen_appeal", reason="对结果不服").status_code in (200, 303)
    with app.app_context():
        appeal = db.session.scalar(select(Case).where(Case.parent_id.is_not(None)))
        assert appeal.kind == "report" and appeal.ref.startswith("JB")
        values = gate.sealed_case_values(appeal.id)
        assert (values["person_name"], values["person_phone"], values["person_address"]) == (
            "钱卫东",
            "13807161234",
            "新华村四组",
        )
        assert gate.persons_reported(appeal) == [{"name": "陈某", "unit": "", "user_id": inspector}]
        assert gate.excluded_user_ids(appeal, [inspector]) == {inspector}
