"""``station demo``: a realistic year of cases on every channel, kind and state, loaded once."""

import re
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from station.cases.models import Case, CaseEvent, Extension, Transfer
from station.demo import hours as demo_hours
from station.demo.world import DEMO_STATION
from station.extensions import db
from station.models import Station, User
from station.people.models import KeyPerson, KeyVisit
from station.rules import vocab
from station.rules.workflow import OPEN_STATES, STATES
from station.timeutil import clock_at, local_today, to_local, to_utc, utcnow

EVERY_ACTION = (
    "registered", "assign", "accept", "transfer", "transfer_result", "submit_review",
    "review_instruction", "remind", "reply", "follow_up", "close", "reopen_appeal",
    "archive", "answer_on_spot", "decide_extension", "request_extension", "note", "key_person",
)  # fmt: skip


def demo_cases(app) -> list[Case]:
    with app.app_context():
        cases = db.session.scalars(
            select(Case).join(Station, Station.id == Case.station_id)
            .where(Station.name == DEMO_STATION).order_by(Case.ref)
        ).all()  # fmt: skip
        db.session.expunge_all()
        return list(cases)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def load(app, runner) -> str:
    """Run ``station demo`` on the test database (SQLite or PostgreSQL) as on a new one."""
    with app.app_context():
        # The test staff's "admin" and "county" are demo usernames: the demo would think
        # it had run before and add nothing.
        for user in db.session.scalars(select(User).where(User.username.in_(["admin", "county"]))):
            user.username = "test_" + user.username
        db.session.commit()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def loaded(app, runner):
    return load(app, runner)


def test_demo_fills_a_station_year(app, loaded):
    cases = demo_cases(app)
    stories = int(re.search(r"Demo cases: (\d+)", loaded).group(1))
    assert 50 <= stories <= 80
    history = int(re.search(r"Demo history: (\d+) routine cases", loaded).group(1))
    assert 12 * 18 <= history <= 12 * 33  # VOLUME: 18 to 33 a month
    # The duties' cases come on top: the boxes' items and the calls that became cases.
    assert stories + history < len(cases) <= stories + history + 70
    assert set(Counter(c.status for c in cases)) == set(STATES)
    assert set(Counter(c.channel for c in cases)) == set(vocab.CHANNELS)
    assert set(Counter(c.kind for c in cases)) == set(vocab.KINDS)
    assert {c.importance for c in cases} == set(vocab.IMPORTANCE)
    assert len({c.ref for c in cases}) == len(cases)

    today = local_today(app.config["STATION_TIMEZONE"])
    overdue = [
        c for c in cases
        if c.status in OPEN_STATES and c.replied_at is None and c.due_reply_effective < today
    ]  # fmt: skip
    assert len(overdue) >= 3
    assert any(c.extended_to for c in cases)
    assert sum(c.on_the_spot for c in cases) >= 3
    appeals = [c for c in cases if c.parent_id is not None]
    assert appeals and all(c.kind == "appeal" for c in appeals)
    parents = {c.id: c for c in cases}
    assert {parents[a.parent_id].satisfaction for a in appeals} == {"dissatisfied"}
    assert all(c.archive_year and c.archive_volume for c in cases if c.status == "archived")
    assert any(c.collective for c in cases)


def test_follow_up_deadlines_count_from_the_demo_reply(app, loaded):
    """A reply in April has its follow-up call due days later, not weeks after today."""
    tz = app.config["STATION_TIMEZONE"]
    replied = [c for c in demo_cases(app) if c.replied_at and not c.on_the_spot]
    assert replied
    for case in replied:
        reply_day = to_local(case.replied_at, tz).date()
        assert 0 < (case.due_followup - reply_day).days <= 12, case.ref


def test_demo_handling_is_real_and_in_the_past(app, loaded):
    cases = demo_cases(app)
    tz = app.config["STATION_TIMEZONE"]
    now = utcnow()
    with app.app_context():
        units = set(db.session.scalars(select(Transfer.unit)))
        assert {"营销班", "线路运维班", "乡政府"} <= units
        assert db.session.scalar(select(func.count()).where(Transfer.result_at.is_not(None)))
        assert "approved" in set(db.session.scalars(select(Extension.decision)))
        assert db.session.scalar(select(func.count(KeyPerson.id))) >= 2
        actions = Counter(db.session.scalars(select(CaseEvent.action)))
        for action in EVERY_ACTION:
            assert actions[action] >= 1, action
        for case in cases:
            events = db.session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
            ).all()
            moments = [e.at for e in events]
            assert moments == sorted(moments), case.ref
            assert case.received_at <= moments[0] <= now, case.ref
            assert moments[-1] <= now
            year = to_local(case.received_at, tz).year
            assert case.ref.removeprefix("JB").startswith(f"{year}-") or case.parent_id
        # Reports are handled by the inspector or the head, never by a clerk.
        report_actors = {
            e.actor.username
            for e in db.session.scalars(
                select(CaseEvent)
                .join(Case)
                .where(Case.kind == "report", CaseEvent.action != "registered")
            )
        }
        assert report_actors and report_actors <= {"chenjing", "zhaojun"}


def test_running_the_demo_again_adds_no_cases(app, runner, loaded):
    before = (count(app, Case), count(app, CaseEvent), count(app, Transfer), count(app, KeyPerson))
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0, again.output
    assert "Demo cases" not in again.output
    after = (count(app, Case), count(app, CaseEvent), count(app, Transfer), count(app, KeyPerson))
    assert after == before


def test_the_head_opens_a_demo_case_of_every_state(app, loaded):
    passwords = dict(re.findall(r"^\s+(\w+)\s+(\S+)\s+\S", loaded.split("Logins", 1)[1], re.M))
    client = app.test_client()
    client.post("/login", data={"username": "zhaojun", "password": passwords["zhaojun"]})
    seen = {}
    for case in demo_cases(app):
        seen.setdefault(case.status, case.ref)
    for status, ref in seen.items():
        assert client.get(f"/cases/{ref}").status_code == 200, status
    assert client.get("/cases/").status_code == 200


STAMPED = (
    (Case, ("received_at", "registered_at", "contacted_at", "replied_at", "followed_up_at",
            "closed_at", "archived_at")),
    (CaseEvent, ("at",)), (Transfer, ("sent_at", "result_at")),
    (Extension, ("requested_at", "decided_at")), (KeyPerson, ("marked_at",)),
    (KeyVisit, ("recorded_at",)),
)  # fmt: skip


def outside_working_hours(app) -> list[str]:
    """Every stored moment of the demo that is not 08:30–17:30 on a working day."""
    tz = app.config["STATION_TIMEZONE"]
    found = []
    with app.app_context():
        for model, names in STAMPED:
            for name in names:
                for moment in db.session.scalars(select(getattr(model, name))):
                    local = to_local(moment, tz).replace(tzinfo=None) if moment else None
                    if local and not demo_hours.is_working(local):
                        found.append(f"{model.__name__}.{name} {local:%a %Y-%m-%d %H:%M}")
    return found


def test_demo_moments_fall_in_working_hours(app, loaded):
    assert outside_working_hours(app) == []


def test_a_demo_loaded_on_a_sunday_night_keeps_office_hours(app, runner):
    sunday_night = datetime(2026, 3, 8, 23, 40)  # the week before: Monday 2 to Friday 6 March
    with clock_at(to_utc(sunday_night, app.config["STATION_TIMEZONE"])):
        load(app, runner)
    assert outside_working_hours(app) == []
    with app.app_context():
        last = db.session.scalar(select(func.max(CaseEvent.at)))
        assert to_local(last, app.config["STATION_TIMEZONE"]).date() == date(2026, 3, 6)


def demo_password(output: str, username: str) -> str:
    return re.search(rf"^\s+{username}\s+(\S+)\s", output, re.M).group(1)


def test_running_the_demo_again_ends_the_old_sessions_as_a_reset_does(app, runner, loaded):
    desk = app.test_client()
    login = {"username": "wangfang", "password": demo_password(loaded, "wangfang")}
    assert desk.post("/login", data=login).status_code == 302
    assert desk.get("/").status_code == 200
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0, again.output
    assert desk.get("/").status_code == 302  # back to the login page
    login["password"] = demo_password(again.output, "wangfang")
    assert app.test_client().post("/login", data=login).status_code == 302


def test_the_demo_receipt_tells_the_public_how_to_reach_the_station(app, loaded):
    """The station settings in the demo: the receipt a clerk prints shows the contact, and
    some calls came in on the station's service line."""
    client = app.test_client()
    client.post(
        "/login", data={"username": "wangfang", "password": demo_password(loaded, "wangfang")}
    )
    open_case = next(c for c in demo_cases(app) if c.kind != "report")
    receipt = client.get(f"/cases/{open_case.ref}/receipt").get_data(as_text=True)
    assert "电话：0710-3312345" in receipt and "地址：城关镇人民路88号" in receipt
    assert "接待地点：营业厅一楼2号窗口" in receipt
    lines = Counter(c.phone_line for c in demo_cases(app) if c.channel == "phone")
    assert lines["service"] > 0 and lines["station"] > 0


def test_demo_history_fills_twelve_months_before_this_one(app, loaded):
    """Each of the twelve months before the current one has at least its routine cases
    (VOLUME: 18 or more), most of them closed, with some answers that were not satisfied."""
    cases = demo_cases(app)
    today = local_today(app.config["STATION_TIMEZONE"])
    first = today.replace(day=1)
    months = []
    for _ in range(12):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append(f"{first:%Y-%m}")
    per_month = Counter(f"{c.received_on:%Y-%m}" for c in cases)
    assert all(per_month[m] >= 18 for m in months), per_month
    answers = Counter(c.satisfaction for c in cases)
    assert answers["basically"] >= 10 and answers["dissatisfied"] >= 5


def test_the_previous_months_summary_has_figures_in_every_section(app, loaded):
    """What the head brings to the monthly meeting: last month's summary shows each clerk's
    work, the duties, and over the year the appeals and repeat complaints."""
    from station.summary import months, service

    tz = app.config["STATION_TIMEZONE"]
    today = local_today(tz)
    with app.app_context():
        station = db.session.scalar(select(Station).where(Station.name == DEMO_STATION))
        last = months.of(today).previous
        summary = service.summarize(station.id, last, tz, today, None)
        year = [last]
        for _ in range(11):
            year.append(year[-1].previous)
        returns = [service.follow_up(station.id, m, tz) for m in year]
    handled = {p.name: p.handled for p in summary.people}
    assert handled["王芳"] > 0 and handled["李强"] > 0, handled
    assert summary.duties["box"]["due"] > 0
    assert summary.deadlines["reply"].due > 0 and summary.follow_up.calls > 0
    assert sum(r.appeals for r in returns) >= 1
    assert sum(r.repeats for r in returns) >= 3
