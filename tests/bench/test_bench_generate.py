"""The benchmark's generator writes what the app writes: the same plans, once through the
bulk writer (bench/generate.py) and once through ``service.register`` and the actions with
the clock pinned to each step, give the same rows, column by column, in every table they
touch (a report's sealed words compared opened, since every seal has its own nonce)."""

import json
import shutil
from datetime import date, datetime

from conftest import make_app, seed_staff
from sqlalchemy import select

from bench import generate
from bench.generate import Plan, Staff, Step
from station.cases import actions, service
from station.confidential.keyring import current_keys
from station.confidential.models import AccessEntry, IdentityMark, Sealed
from station.confidential.sealing import context
from station.extensions import db
from station.models import User
from station.timeutil import clock_at

TABLES = ("cases", "case_event", "case_search", "report_identity", "case_sequence",
          "report_sequence")  # fmt: skip


def _ids(app) -> dict[str, int]:
    with app.app_context():
        return dict(db.session.execute(select(User.username, User.id)).all())


def _plans(u: dict[str, int]) -> list[Plan]:
    """Four cases: a 95598 work order taken round the whole loop and archived, a collective
    visit waiting for the head, a report, and a counter question answered on the spot."""
    at = datetime
    return [
        Plan(
            station_id=1, channel="phone", registered_by_id=u["clerk"],
            received_local=at(2025, 3, 3, 9, 0), registered_at=at(2025, 3, 3, 1, 5),
            fields={"kind": "complaint", "importance": "general", "subject": "王家村台区停电三天",
                    "content": "从上周开始经常停电，屋檐下有一个蜂窝。", "person_name": "王大山",
                    "person_phone": "13800001111", "person_address": "王家村3组12号",
                    "phone_line": "95598", "external_ref": "GD2025030300001",
                    "external_due": date(2025, 3, 6)},
            steps=[
                Step("assign", at(2025, 3, 3, 2, 0), u["head"], {"assignee_id": u["clerk"],
                                                                   "note": ""}),
                Step("accept", at(2025, 3, 3, 3, 0), u["clerk"],
                     {"contacted_at": at(2025, 3, 3, 3, 0)}),
                Step("reply", at(2025, 3, 4, 6, 0), u["clerk"],
                     {"method": "phone", "content": "已恢复供电。", "remedy": "",
                      "superior_reply": ""}),
                Step("follow_up", at(2025, 3, 6, 2, 0), u["clerk"],
                     {"satisfaction": "satisfied", "remarks": ""}),
                Step("close", at(2025, 3, 6, 3, 0), u["clerk"], {"note": ""}),
                Step("archive", at(2025, 4, 7, 2, 0), u["head"], {"year": 2025,
                                                                    "volume": "2025-01"}),
            ],
        ),
        Plan(
            station_id=1, channel="visit", registered_by_id=u["clerk"],
            received_local=at(2025, 3, 4, 10, 0), registered_at=at(2025, 3, 4, 2, 10),
            fields={"kind": "consultation", "subject": "咨询阶梯电价",
                    "content": "想了解峰谷电价。", "person_name": "李四", "collective": True,
                    "headcount": 12,
                    "representatives": "李四、张三", "identity_checked": True,
                    "identity_document": "身份证", "demands": "希望解释电价。"},
            steps=[
                Step("accept", at(2025, 3, 4, 3, 0), u["clerk"],
                     {"contacted_at": at(2025, 3, 4, 3, 0)}),
                Step("submit_review", at(2025, 3, 4, 5, 0), u["clerk"], {"note": "请所长批示。"}),
            ],
        ),
        Plan(
            station_id=1, channel="counter", registered_by_id=u["clerk"],
            received_local=at(2025, 3, 5, 9, 30), registered_at=at(2025, 3, 5, 1, 40),
            fields={"kind": "report", "subject": "举报有人私接电线",
                    "content": "东村有人私拉电线。", "person_name": "赵六",
                    "person_phone": "13900002222",
                    "person_id_number": "420102199001011234"},
            steps=[
                Step("accept", at(2025, 3, 5, 2, 0), u["inspector"],
                     {"contacted_at": at(2025, 3, 5, 2, 0)}),
                Step("note", at(2025, 3, 5, 4, 0), u["inspector"], {"text": "已派人核实。"}),
            ],
        ),
        Plan(
            station_id=1, channel="counter", registered_by_id=u["clerk"],
            received_local=at(2025, 3, 5, 11, 0), registered_at=at(2025, 3, 5, 3, 5),
            fields={"kind": "consultation", "subject": "怎么交电费", "anonymous": True},
            steps=[
                Step("answer_on_spot", at(2025, 3, 5, 3, 10), u["clerk"],
                     {"content": "可以在手机上缴费。"}),
                Step("note", at(2025, 3, 5, 3, 20), u["clerk"], {"text": "已教会使用。"}),
            ],
        ),
    ]  # fmt: skip


def _through_the_services(app, plans: list[Plan]) -> None:
    tz = app.config["STATION_TIMEZONE"]
    with app.app_context():
        for plan in plans:
            with clock_at(plan.registered_at):
                case = service.register(
                    station_id=plan.station_id, channel=plan.channel, fields=plan.fields,
                    received_local=plan.received_local, tz=tz,
                    registered_by=db.session.get(User, plan.registered_by_id),
                )  # fmt: skip
                db.session.flush()
            for step in plan.steps:
                values = dict(step.values)
                if "assignee_id" in values:
                    values["assignee"] = db.session.get(User, values.pop("assignee_id"))
                if step.action == "reply":
                    values["tz"] = tz
                with clock_at(step.at):
                    actor = db.session.get(User, step.actor_id)
                    getattr(actions, step.action)(case, actor, **values)
                    db.session.flush()
        db.session.commit()


def _through_the_generator(app, plans: list[Plan], u: dict[str, int]) -> None:
    with app.app_context():
        staff = [Staff(1, [u["clerk"]], u["head"], u["inspector"], [])]
        world = generate.world_of(staff)
        generate.write_plans(world, plans, chunk=3)


def _rows(app, table: str) -> list[dict]:
    with app.app_context():
        result = db.session.execute(db.metadata.tables[table].select().order_by(
            *db.metadata.tables[table].primary_key.columns))  # fmt: skip
        return [dict(row._mapping) for row in result]


def _opened(app) -> list[tuple]:
    with app.app_context():
        keys = current_keys(db.session.connection())
        rows = db.session.execute(select(Sealed).order_by(Sealed.owner, Sealed.owner_id))
        return [
            (
                s.owner,
                s.owner_id,
                s.case_id,
                json.loads(keys.open(s.blob, context(s.owner, s.owner_id))),
            )
            for s in rows.scalars()
        ]


def _access(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(select(AccessEntry).order_by(AccessEntry.id))
        return [(e.id, e.at, e.station_id, e.case_id, e.user_id, e.action, e.address, e.detail)
                for e in rows]  # fmt: skip


def test_the_generator_writes_what_the_services_write(tmp_path, template_db):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    by_services = make_app(tmp_path / "a", template_db)
    seed_staff(by_services)
    u = _ids(by_services)
    _through_the_services(by_services, _plans(u))
    shutil.copy(tmp_path / "a" / "report_key", tmp_path / "b" / "report_key")
    by_generator = make_app(tmp_path / "b", template_db)
    seed_staff(by_generator)
    assert _ids(by_generator) == u
    _through_the_generator(by_generator, _plans(u), u)

    for table in TABLES:
        assert _rows(by_generator, table) == _rows(by_services, table), table
    assert _opened(by_generator) == _opened(by_services)
    assert _access(by_generator) == _access(by_services)

    # What a user would notice, written out: the references, the report's blank columns,
    # the work order's next due date, the collective visit made important.
    cases = {row["id"]: row for row in _rows(by_generator, "cases")}
    assert [c["ref"] for c in cases.values()] == ["2025-0001", "2025-0002", "JB2025-001",
                                                   "2025-0003"]  # fmt: skip
    assert [c["status"] for c in cases.values()] == ["archived", "accepted", "accepted", "closed"]
    assert cases[3]["subject"] == "" and cases[3]["person_phone"] == ""
    assert cases[2]["importance"] == "important" and cases[2]["review_pending"] is True
    assert cases[1]["due_followup"] == date(2025, 3, 7) and cases[1]["next_due"] is None
    with by_generator.app_context():
        marks = db.session.scalars(select(IdentityMark.case_id)).all()
    assert marks == [3, 3]  # the reporter's phone and ID number
    events = _rows(by_generator, "case_event")
    assert [e["action"] for e in events if e["case_id"] == 1] == [
        "registered", "assign", "accept", "reply", "follow_up", "close", "archive"]  # fmt: skip
    assert [e["note"] for e in events if e["case_id"] == 3] == ["", "", ""]
    for app in (by_services, by_generator):
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
