"""Deadline policies and topics: who may see and change them, bad input, and what a change moves.

A policy change applies only to cases received after it; a correction of the
working-day calendar moves the deadlines of open cases, not of closed ones.
"""

import io
import re
from datetime import date, datetime

import pytest
from case_helpers import add_case
from conftest import STATION_A, STATION_B
from helpers import add_installation_admin, field_errors, notices

from station.cases import actions, service
from station.cases.models import Case
from station.extensions import db
from station.models import AuditLog, Station, User
from station.policies.defaults import ensure_defaults, topics
from station.policies.models import Policy, Topic
from station.rules import deadlines, workdays

pytestmark = pytest.mark.usefixtures("english")


# ---------------------------------------------------------------- helpers


def station_id(app, name: str = STATION_A) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Station.id).where(Station.name == name))


def with_defaults(app, name: str = STATION_A) -> int:
    """Give the station its topics and policies as a new station gets them."""
    with app.app_context():
        station = db.session.scalar(db.select(Station).where(Station.name == name))
        ensure_defaults(station)
        db.session.commit()
        return station.id


def policy(app, kind: str = "complaint", importance: str = "general", name: str = STATION_A):
    with app.app_context():
        row = db.session.scalar(
            db.select(Policy)
            .join(Station, Station.id == Policy.station_id)
            .where(Station.name == name, Policy.kind == kind, Policy.importance == importance)
        )
        if row is not None:
            db.session.expunge(row)
        return row


def form_data(policy_id: int, **clocks) -> dict[str, str]:
    """The edit form's fields: the default complaint clocks, changed by ``clocks``."""
    values = {
        "contact_amount": "1", "contact_unit": "workdays",
        "reply_amount": "3", "reply_unit": "workdays",
        "close_amount": "6", "close_unit": "workdays",
        "followup_amount": "3", "followup_unit": "workdays",
        "review_on": "y", "review_amount": "3", "review_unit": "workdays",
    }  # fmt: skip
    values.update({k: str(v) for k, v in clocks.items()})
    return {f"p{policy_id}-{k}": v for k, v in values.items() if v != "None"}


def audit_entries(app, action: str) -> list[AuditLog]:
    with app.app_context():
        rows = db.session.scalars(db.select(AuditLog).where(AuditLog.action == action)).all()
        for row in rows:
            db.session.expunge(row)
        return list(rows)


def register(app, received: datetime, *, kind: str = "complaint", by: str = "clerk") -> str:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == by))
        case = service.register(
            station_id=user.station_id,
            channel="phone",
            fields={"kind": kind, "subject": "电压低", "person_name": "王大山"},
            received_local=received,
            registered_by=user,
            tz=app.config["STATION_TIMEZONE"],
        )
        db.session.commit()
        return case.ref


def case(app, ref: str) -> Case:
    with app.app_context():
        row = db.session.scalar(
            db.select(Case).where(Case.ref == ref, Case.station_id == station_id(app))
        )
        db.session.expunge(row)
        return row


def rows_of(page: str) -> list[str]:
    return re.findall(r'<tr id="policy-\d+">', page)


# ---------------------------------------------------------------- policy page


def test_admin_sees_every_kind_and_importance_with_default_clocks(app, client, auth):
    auth.login("admin")
    page = client.get("/admin/policies")

    assert page.status_code == 200
    assert len(rows_of(page.text)) == 18  # 6 kinds x 3 importances, created when missing
    assert "15 days" in page.text and "3 working days" in page.text
    assert "applies to cases received after it" in page.text
    assert 'href="/admin/policies/' in page.text  # edit links
    assert "/defaults" not in page.text  # every row has the defaults: nothing to restore


def test_head_may_read_the_policies_but_not_change_them(app, client, auth):
    with_defaults(app)
    row = policy(app)
    auth.login("head")

    page = client.get("/admin/policies")
    assert page.status_code == 200
    assert len(rows_of(page.text)) == 18
    assert f'href="/admin/policies/{row.id}"' not in page.text
    assert client.get(f"/admin/policies/{row.id}").status_code == 403
    assert client.post(f"/admin/policies/{row.id}", data=form_data(row.id)).status_code == 403
    assert client.post(f"/admin/policies/{row.id}/defaults").status_code == 403
    assert policy(app).reply_amount == 3


def test_head_home_and_nav_have_no_admin_links(app, client, auth):
    auth.login("head")
    assert "/admin/" not in client.get("/").text
    auth.logout()
    auth.login("admin")
    home = client.get("/").text
    assert 'href="/admin/policies"' in home and 'href="/admin/topics"' in home


def test_edit_a_row_saves_it_and_audits_before_and_after(app, client, auth):
    with_defaults(app)
    row = policy(app)
    auth.login("admin")
    form = client.get(f"/admin/policies/{row.id}")
    assert form.status_code == 200
    assert f'name="p{row.id}-reply_amount"' in form.text

    response = client.post(
        f"/admin/policies/{row.id}", data=form_data(row.id, reply_amount=5, reply_unit="days")
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/admin/policies")
    after = policy(app)
    assert (after.reply_amount, after.reply_unit) == (5, "days")
    page = client.get("/admin/policies")
    assert "apply to cases received from now on" in " ".join(notices(page))
    assert f"/admin/policies/{row.id}/defaults" in page.text
    [entry] = audit_entries(app, "policy_changed")
    assert entry.target == "complaint/general"
    audit = client.get("/admin/audit?action=policy_changed").text
    assert "<td>Complaint/General</td>" in audit
    assert "Reply 3 working days" in audit and "Reply 5 days" in audit
    assert audit.index("Reply 3 working days") < audit.index("→") < audit.index("Reply 5 days")


def test_saving_the_same_clocks_changes_nothing(app, client, auth):
    with_defaults(app)
    row = policy(app)
    auth.login("admin")
    client.post(f"/admin/policies/{row.id}", data=form_data(row.id))
    assert audit_entries(app, "policy_changed") == []
    assert "Nothing was changed." in notices(client.get("/admin/policies"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reply_amount": 0}, "Enter a whole number from 1 to 365."),
        ({"reply_amount": 366}, "Enter a whole number from 1 to 365."),
        ({"reply_amount": "abc"}, "Enter a whole number from 1 to 365."),
        ({"contact_amount": None}, "Enter a whole number from 1 to 365."),
        ({"reply_unit": "weeks"}, "Not a valid choice."),
        ({"review_amount": None}, "Enter the review deadline, or switch it off."),
        ({"close_amount": 2}, "A case cannot be due to close before its reply is due."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    app, client, auth, change, message
):
    with_defaults(app)
    row = policy(app)
    auth.login("admin")
    response = client.post(f"/admin/policies/{row.id}", data=form_data(row.id, **change))

    assert response.status_code == 400
    assert message in field_errors(response)
    after = policy(app)
    assert after.clocks() == row.clocks()
    assert audit_entries(app, "policy_changed") == []


def test_review_clock_may_be_switched_off(app, client, auth):
    with_defaults(app)
    row = policy(app)
    auth.login("admin")
    data = form_data(row.id)
    del data[f"p{row.id}-review_on"]
    assert client.post(f"/admin/policies/{row.id}", data=data).status_code == 303

    after = policy(app)
    assert after.review_amount is None and after.review_unit is None
    assert "off" in client.get("/admin/policies").text
    # A case received now gets no review deadline.
    ref = register(app, datetime(2026, 11, 2, 9, 0))
    assert case(app, ref).due_review is None


def test_restore_defaults(app, client, auth):
    with_defaults(app)
    row = policy(app, "consultation", "urgent")
    auth.login("admin")
    data = {
        f"p{row.id}-{k}": v
        for k, v in {
            "contact_amount": "2", "contact_unit": "days", "reply_amount": "20",
            "reply_unit": "days", "close_amount": "30", "close_unit": "days",
            "followup_amount": "5", "followup_unit": "days",
        }.items()
    }  # fmt: skip
    assert client.post(f"/admin/policies/{row.id}", data=data).status_code == 303
    assert policy(app, "consultation", "urgent").reply_amount == 20

    assert client.post(f"/admin/policies/{row.id}/defaults").status_code == 303
    restored = policy(app, "consultation", "urgent")
    expected = deadlines.default_clocks("consultation", "urgent")
    assert {k: tuple(v) if v else None for k, v in restored.clocks().items()} == expected
    entries = audit_entries(app, "policy_changed")
    assert len(entries) == 2
    assert "(defaults restored)</td>" in client.get("/admin/audit?action=policy_changed").text

    client.post(f"/admin/policies/{row.id}/defaults")  # again: nothing to restore
    assert len(audit_entries(app, "policy_changed")) == 2


def test_admin_of_another_station_cannot_reach_the_row(app, client, auth):
    with_defaults(app)
    row = policy(app)
    auth.login("b_admin")
    assert client.get(f"/admin/policies/{row.id}").status_code == 404
    response = client.post(f"/admin/policies/{row.id}", data=form_data(row.id, reply_amount=9))
    assert response.status_code == 404
    assert client.post(f"/admin/policies/{row.id}/defaults").status_code == 404
    assert client.get("/admin/policies/999999").status_code == 404
    assert policy(app).reply_amount == 3
    # b_admin's own page lists station B's rows only.
    assert f'href="/admin/policies/{row.id}"' not in client.get("/admin/policies").text


def test_installation_admin_picks_a_station(app, client, auth):
    add_installation_admin(app)
    b_id = with_defaults(app, STATION_B)
    row = policy(app, name=STATION_B)
    auth.login("root")

    picker = client.get("/admin/policies")
    assert picker.status_code == 200
    assert f'href="/admin/policies?station={b_id}"' in picker.text
    page = client.get(f"/admin/policies?station={b_id}")
    assert STATION_B in page.text and len(rows_of(page.text)) == 18

    response = client.post(f"/admin/policies/{row.id}", data=form_data(row.id, reply_amount=4))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/admin/policies?station={b_id}")
    assert policy(app, name=STATION_B).reply_amount == 4
    assert policy(app, name=STATION_A) is None or policy(app, name=STATION_A).reply_amount == 3


def test_a_policy_change_applies_only_to_cases_received_after_it(app, client, auth):
    with_defaults(app)
    row = policy(app)
    before = register(app, datetime(2026, 11, 2, 9, 0))  # Monday: reply by Thursday 5th
    assert case(app, before).due_reply == date(2026, 11, 5)

    auth.login("admin")
    data = form_data(row.id, reply_amount=10, close_amount=12)
    assert client.post(f"/admin/policies/{row.id}", data=data).status_code == 303
    after = register(app, datetime(2026, 11, 2, 10, 0))

    old, new = case(app, before), case(app, after)
    assert old.clocks["reply"] == [3, "workdays"] and old.due_reply == date(2026, 11, 5)
    assert old.due_close == date(2026, 11, 10)
    assert new.clocks["reply"] == [10, "workdays"] and new.due_reply == date(2026, 11, 16)
    assert new.due_close == date(2026, 11, 18)


# ---------------------------------------------------------------- calendar correction


CSV_2027 = "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-05,holiday,地方调整\n"


def test_importing_next_years_schedule_moves_open_deadlines_not_closed_ones(app, client, auth):
    # Wednesday 30 December 2026: 3 working days run into 2027, whose schedule is unknown.
    open_ref = register(app, datetime(2026, 12, 30, 9, 0))
    closed_ref = register(app, datetime(2026, 12, 30, 10, 0))
    with app.app_context():
        closed = db.session.scalar(db.select(Case).where(Case.ref == closed_ref))
        clerk = db.session.scalar(db.select(User).where(User.username == "clerk"))
        actions.answer_on_spot(closed, clerk, content="当场答复")
        db.session.commit()
        assert not deadlines.confirmed(date(2027, 1, 5))
    assert case(app, open_ref).due_reply == date(2027, 1, 5)  # Thu 31, (Fri 1 off), Mon 4, Tue 5
    assert case(app, closed_ref).due_reply == date(2027, 1, 5)

    auth.login("admin")
    # The calendar page first, as the admin would: the calendar is then kept between
    # requests, and the import's own request must move the deadlines by the new one.
    assert client.get("/admin/calendar/").status_code == 200
    response = client.post(
        "/admin/calendar/import",
        data={"year": "2027", "file": (io.BytesIO(CSV_2027.encode()), "2027.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302

    moved, kept = case(app, open_ref), case(app, closed_ref)
    assert moved.due_reply == date(2027, 1, 6)
    assert moved.due_close == date(2027, 1, 11)  # six working days, one more holiday on the way
    assert moved.clocks["reply"] == [3, "workdays"]
    assert kept.due_reply == date(2027, 1, 5) and kept.status == "closed"
    with app.app_context():
        assert deadlines.confirmed(date(2027, 1, 6))


def test_the_calendar_receiver_is_connected_once(app, tmp_path):
    from station import create_app
    from station.policies.service import move_open_deadlines

    # A second app (tests make hundreds) connects nothing more; it never opens its database.
    second = {"INSTANCE_PATH": tmp_path / "second", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    create_app({"TESTING": True, "SECRET_KEY": "second-app-0123456789abcdef0123", **second})
    receivers = list(workdays.CALENDAR_CHANGED.receivers_for(None))
    assert receivers.count(move_open_deadlines) == 1


# ---------------------------------------------------------------- topics


def topic_names(app, *, include_inactive: bool = True) -> list[str]:
    with app.app_context():
        return [t.name for t in topics(station_id(app), include_inactive=include_inactive)]


def topic_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(
            db.select(Topic.id).where(Topic.station_id == station_id(app), Topic.name == name)
        )


def test_topics_list_add_and_duplicate(app, client, auth):
    with_defaults(app)
    auth.login("admin")
    page = client.get("/admin/topics")
    assert page.status_code == 200
    assert "停电与供电质量" in page.text and "其他" in page.text

    response = client.post("/admin/topics", data={"name": "  农网改造  "})
    assert response.status_code == 303
    assert topic_names(app)[-1] == "农网改造"

    response = client.post("/admin/topics", data={"name": "电费电价"})
    assert response.status_code == 400
    assert "A topic named “电费电价” already exists." in field_errors(response)
    response = client.post("/admin/topics", data={"name": ""})
    assert response.status_code == 400
    response = client.post("/admin/topics", data={"name": "长" * 51})
    assert response.status_code == 400
    assert topic_names(app).count("电费电价") == 1
    assert len(topic_names(app)) == 9
    assert [e.target for e in audit_entries(app, "topic_added")] == ["农网改造"]


def test_topics_rename_reorder_deactivate_reactivate(app, client, auth):
    with_defaults(app)
    ref = register(app, datetime(2026, 11, 2, 9, 0))
    fee = topic_id(app, "电费电价")
    with app.app_context():
        db.session.get(Case, case(app, ref).id).topic_id = fee
        db.session.commit()
    auth.login("admin")

    client.post(f"/admin/topics/{fee}/rename", data={f"t{fee}-name": "电费与电价"})
    assert "电费与电价" in topic_names(app)
    response = client.post(f"/admin/topics/{fee}/rename", data={f"t{fee}-name": "其他"})
    assert "A topic named “其他” already exists." in notices(client.get(response.location))
    assert "电费与电价" in topic_names(app)

    client.post(f"/admin/topics/{fee}/move/up")
    assert topic_names(app)[:2] == ["电费与电价", "停电与供电质量"]
    client.post(f"/admin/topics/{fee}/move/up")  # already first: stays
    assert topic_names(app)[0] == "电费与电价"
    client.post(f"/admin/topics/{fee}/move/down")
    assert topic_names(app)[:2] == ["停电与供电质量", "电费与电价"]

    client.post(f"/admin/topics/{fee}/deactivate")
    assert "电费与电价" not in topic_names(app, include_inactive=False)
    assert "电费与电价" in topic_names(app)  # never deleted
    assert case(app, ref).topic_id == fee  # the case keeps it
    response = client.post("/admin/topics", data={"name": "电费与电价"})
    assert "reactivate it instead" in " ".join(field_errors(response))

    client.post(f"/admin/topics/{fee}/activate")
    assert "电费与电价" in topic_names(app, include_inactive=False)
    actions_seen = [e.action for e in audit_entries(app, "topic_renamed")]
    assert actions_seen == ["topic_renamed"]
    assert len(audit_entries(app, "topic_deactivated")) == 1
    assert len(audit_entries(app, "topic_reactivated")) == 1


def test_topics_of_another_station_are_out_of_reach(app, client, auth):
    with_defaults(app)
    fee = topic_id(app, "电费电价")
    auth.login("b_admin")
    assert client.post(f"/admin/topics/{fee}/rename", data={f"t{fee}-name": "x"}).status_code == 404
    assert client.post(f"/admin/topics/{fee}/deactivate").status_code == 404
    assert client.post(f"/admin/topics/{fee}/move/down").status_code == 404
    assert "电费电价" in topic_names(app, include_inactive=False)


def test_head_cannot_change_topics(app, client, auth):
    with_defaults(app)
    fee = topic_id(app, "电费电价")
    auth.login("head")
    assert client.post("/admin/topics", data={"name": "新"}).status_code == 403
    assert client.post(f"/admin/topics/{fee}/deactivate").status_code == 403
    assert len(topic_names(app)) == 8


def test_a_report_does_not_move_the_admins_topic_counts(app, client, auth):
    """An admin who reloads the topics page must not see a report arrive."""
    with_defaults(app)
    topic = topic_id(app, "电费电价")
    add_case(app, subject="电费算错了", topic_id=topic)
    add_case(app, kind="report", subject="抄表员收好处", topic_id=topic)
    auth.login("admin")
    row = client.get("/admin/topics").text.split(f'id="topic-{topic}"', 1)[1].split("</tr>")[0]
    assert re.findall(r"<td>(\d+)</td>", row) == ["1"]  # the complaint, not the report
