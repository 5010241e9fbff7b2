"""The one list of clocks (station/rules/clocks.py): which run, which make a case late, which
is next.

The first table is hand-written: each row a case on 2026-06-10 (a Wednesday) and what a
person counting on the calendar says of it. The second part registers cases in every state
with every clock set and checks that the SQL of "overdue" and "soonest due" says what the
Python list says, case by case.
"""

import itertools
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from case_helpers import add_case, today
from conftest import user_id
from helpers import text
from sqlalchemy import select

from station.cases.models import Case, Transfer
from station.cases.overdue import next_due, overdue
from station.extensions import db
from station.rules import clocks
from station.rules.workflow import STATES

TODAY = date(2026, 6, 10)
PAST, SOON, LATER = date(2026, 6, 9), date(2026, 6, 12), date(2026, 7, 20)
AT = datetime(2026, 6, 3, 2, 0)  # a stored UTC moment: 10:00 in Shanghai on June 3


def case(status: str, **values) -> SimpleNamespace:
    """A consultation received on June 1 whose clocks are all still far off."""
    fields = {
        "status": status, "received_on": date(2026, 6, 1), "due_contact": LATER,
        "due_reply": LATER, "due_close": LATER, "due_review": None, "due_followup": None,
        "extended_to": None, "external_due": None, "superior_due": None,
        "review_pending": False, "contacted_at": None, "replied_at": None,
        "followed_up_at": None, "closed_at": None,
    }  # fmt: skip
    contacted = {} if status == "registered" else {"contacted_at": AT}
    replied = {"replied_at": AT, "due_followup": LATER}
    past_reply = status in ("replied", "followed_up", "closed", "archived")
    return SimpleNamespace(**(fields | contacted | (replied if past_reply else {}) | values))


def transfer(due: date, result_at: datetime | None = None) -> SimpleNamespace:
    return SimpleNamespace(unit="营销班", due=due, sent_at=AT, result_at=result_at)


# (what, the case, its transfers, late?, the next clock owed, the clocks still running)
SCENARIOS = [
    ("a six-day-old consultation nobody contacted",
     case("registered", due_contact=date(2026, 6, 2)), [], True, "contact",
     {"contact", "reply", "close"}),
    ("registered, every clock far off",
     case("registered"), [], False, "contact", {"contact", "reply", "close"}),
    ("accepted, the reply a day late",
     case("accepted", due_reply=PAST), [], True, "reply", {"reply", "close"}),
    ("the late reply extended to a later day",
     case("accepted", due_reply=PAST, extended_to=SOON), [], False, "reply", {"reply", "close"}),
    ("the work order's deadline passed",
     case("accepted", external_due=PAST), [], True, "external",
     {"reply", "external", "close"}),
    ("the superior's due date passed",
     case("in_progress", superior_due=PAST), [], True, "superior",
     {"reply", "superior", "close"}),
    ("the head's review is late: internal, the case is not",
     case("accepted", review_pending=True, due_review=PAST), [], False, "reply",
     {"reply", "review", "close"}),
    ("a member unit's result is late: internal, the case is not",
     case("in_progress"), [transfer(PAST)], False, "reply", {"reply", "transfer", "close"}),
    ("a member unit answered late: its clock stops",
     case("in_progress"), [transfer(PAST, result_at=AT)], False, "reply", {"reply", "close"}),
    ("replied, the follow-up call late",
     case("replied", due_followup=PAST), [], True, "followup", {"followup", "close"}),
    ("replied, the reply itself was late long ago: it no longer runs",
     case("replied", due_reply=date(2026, 6, 2)), [], False, "followup",
     {"followup", "close"}),
    ("replied, the close date passed before the follow-up",
     case("replied", due_close=PAST), [], True, "close", {"followup", "close"}),
    ("followed up but not closed by its close date",
     case("followed_up", due_close=PAST), [], True, "close", {"close"}),
    ("followed up, the close date ahead",
     case("followed_up", due_close=SOON), [], False, "close", {"close"}),
    ("closed late: nothing runs any more",
     case("closed", due_close=PAST, closed_at=AT), [], False, None, set()),
    ("archived",
     case("archived", closed_at=AT), [], False, None, set()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "item", "transfers", "late", "next_name", "running"),
    SCENARIOS,
    ids=[s[0] for s in SCENARIOS],
)
def test_the_clocks_of_a_case(what, item, transfers, late, next_name, running):
    listed = clocks.case_clocks(item, "Asia/Shanghai", transfers)
    assert {c.name for c in listed if c.running} == running
    assert clocks.is_late(listed, TODAY) is late
    nxt = clocks.next_clock(listed)
    assert (nxt.name if nxt else None) == next_name
    stored = clocks.next_due(item)
    assert (stored is not None and stored < TODAY) is late  # what the SQL compares


def test_the_lights_of_the_clocks():
    item = case("in_progress", due_reply=PAST, due_contact=date(2026, 6, 2), due_close=SOON)
    item.contacted_at = datetime(2026, 6, 1, 1, 0)  # 09:00 on June 1 in Shanghai
    listed = clocks.case_clocks(item, "Asia/Shanghai", [transfer(LATER)])
    lights = {c.name: c.light(TODAY) for c in listed}
    # contact met on June 1 (due June 2); reply a day late; close June 12: 9 of 11 days used
    # (82% > 75%); the transfer sent June 3 is due July 20: 7 of 47 days used.
    assert lights == {"contact": "done", "reply": "late", "close": "warn", "transfer": "ok"}


def test_a_finished_case_row_shows_its_reply_met_or_late():
    on_time = case("closed", due_reply=date(2026, 6, 3), closed_at=AT)
    late = case("closed", due_reply=date(2026, 6, 2), closed_at=AT)
    for item, light in ((on_time, "done"), (late, "done_late")):
        shown = clocks.headline(clocks.case_clocks(item, "Asia/Shanghai"))
        assert (shown.name, shown.light(TODAY)) == ("reply", light)


# ---- the SQL and the Python list agree, case by case ---------------------------------

CLOCK_FIELDS = ("due_contact", "due_reply", "external_due", "superior_due", "due_followup",
                "due_close", "due_review", "transfer")  # fmt: skip


def _values(app, state: str, late_field: str | None, contacted: bool) -> dict:
    base = today(app)
    future = base + timedelta(days=20)
    past = base - timedelta(days=2)
    values = {
        "status": state, "due_contact": future, "due_reply": future, "due_close": future,
        "external_due": future, "superior_due": future, "due_review": future,
        "review_pending": True, "received_on": base - timedelta(days=10),
    }  # fmt: skip
    if contacted or state != "registered":
        values["contacted_at"] = datetime(2026, 1, 5, 2, 0)
    if STATES.index(state) >= STATES.index("replied"):
        values |= {"replied_at": datetime(2026, 1, 6, 2, 0), "due_followup": future}
    if STATES.index(state) >= STATES.index("followed_up"):
        values["followed_up_at"] = datetime(2026, 1, 7, 2, 0)
    if STATES.index(state) >= STATES.index("closed"):
        values["closed_at"] = datetime(2026, 1, 8, 2, 0)
    if late_field in values or late_field == "due_followup":
        values[late_field] = past
    if late_field == "extended_to":
        values |= {"due_reply": past, "extended_to": future}
    return values


def _generate(app) -> None:
    """Every state × each clock past due alone (or none, or a passed reply extended)."""
    variants = [None, "extended_to", *CLOCK_FIELDS]
    clerk = user_id(app, "clerk")
    for n, (state, late_field, contacted) in enumerate(
        itertools.product(STATES, variants, (False, True))
    ):
        values = _values(app, state, late_field, contacted)
        ref = add_case(app, subject=f"案件{n}", later=values)
        if late_field == "transfer":
            with app.app_context():
                item = db.session.scalar(select(Case).where(Case.ref == ref))
                due = today(app) - timedelta(days=1)
                db.session.add(
                    Transfer(case_id=item.id, unit="营销班", request="核实", due=due,
                             sent_by_id=clerk)
                )  # fmt: skip
                db.session.commit()


def test_the_sql_says_what_the_clock_list_says(app):
    _generate(app)
    tz = app.config["STATION_TIMEZONE"]
    with app.app_context():
        now = today(app)
        in_sql = set(db.session.scalars(select(Case.ref).where(overdue(now))))
        order = list(db.session.scalars(select(Case.ref).order_by(next_due(), Case.id)))
        by_python, due_of = set(), {}
        for item in db.session.scalars(select(Case)):
            moves = db.session.scalars(select(Transfer).where(Transfer.case_id == item.id))
            listed = clocks.case_clocks(item, tz, list(moves))
            if clocks.is_late(listed, now):
                by_python.add(item.ref)
            nxt = clocks.next_clock(listed)
            due_of[item.ref] = nxt.due if nxt else None
            assert item.next_due == due_of[item.ref], item.ref
    assert in_sql == by_python
    assert len(in_sql) > 20 and len(due_of) - len(in_sql) > 20  # both kinds are there
    open_refs = [r for r in order if due_of[r] is not None]
    assert [due_of[r] for r in open_refs] == sorted(due_of[r] for r in open_refs)


# ---- what the user sees agrees with the list filter ------------------------------------


@pytest.mark.usefixtures("english")
def test_the_consultation_nobody_contacted_is_late_in_the_list_and_on_its_page(app, client, auth):
    base = today(app)
    ref = add_case(
        app,
        kind="consultation",
        subject="六天没人联系的咨询",
        later={
            "received_on": base - timedelta(days=6),
            "due_contact": base - timedelta(days=5),
            "due_reply": base + timedelta(days=9),
            "due_close": base + timedelta(days=54),
        },
    )
    auth.login("clerk")
    listed = text(client.get("/cases/?overdue=y"))
    row = next(r for r in listed.split("<tr>") if "六天没人联系的咨询" in r)
    assert '<span class="due-name">First contact</span>' in row
    assert 'badge late">Late' in row
    page = text(client.get(f"/cases/{ref}"))
    contact_row = page.split('class="deadline-contact"')[1].split("</tr>")[0]
    assert 'badge late">Late' in contact_row


# ---- an approved extension moves the close with the reply ------------------------------


@pytest.mark.parametrize(
    ("extended_to", "close"),
    [
        (None, date(2026, 3, 10)),
        (date(2026, 3, 19), date(2026, 3, 24)),  # 14 days later: Tuesday the 24th
        (date(2026, 3, 16), date(2026, 3, 23)),  # 11 days: Saturday the 21st, so Monday
    ],
)
def test_an_extension_moves_the_close_by_as_many_days(extended_to, close):
    from station.rules.deadlines import extended_close

    assert extended_close(date(2026, 3, 10), date(2026, 3, 5), extended_to) == close


def test_an_approved_extension_keeps_the_case_off_the_late_list_until_its_date(app):
    from case_helpers import get_case

    from station.cases import actions
    from station.models import User

    # A complaint received Monday 2 March 2026: reply Thursday the 5th, close Tuesday the 10th.
    ref = add_case(app, received=datetime(2026, 3, 2, 9, 30))
    with app.app_context():
        item = get_case(app, ref)
        head = db.session.scalar(select(User).where(User.username == "head"))
        actions.accept(item, head, contacted_at=datetime(2026, 3, 2, 2, 0))
        asked = actions.request_extension(
            item, head, reason="需现场勘查", new_due=date(2026, 3, 19)
        )
        actions.decide_extension(item, head, item=asked, approve=True)
        db.session.commit()
        item = get_case(app, ref)
        assert (item.due_reply, item.extended_to, item.due_close) == (
            date(2026, 3, 5), date(2026, 3, 19), date(2026, 3, 24),
        )  # fmt: skip
        assert item.next_due == date(2026, 3, 19)
        late_on = {day: bool(db.session.scalar(select(Case.id).where(overdue(day))))
                   for day in (date(2026, 3, 19), date(2026, 3, 20))}  # fmt: skip
    assert late_on == {date(2026, 3, 19): False, date(2026, 3, 20): True}
