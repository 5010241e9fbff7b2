"""Who may see the case page and take which action; events never change; deadline lights."""

import re
from datetime import timedelta

import pytest
from case_helpers import (
    act,
    as_user,
    case_state,
    change_case,
    get_case,
    local_now,
    make_case,
    move_to,
)
from helpers import notices, say, text
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError

from station.cases.models import CaseEvent
from station.extensions import db
from station.models import AppendOnlyError


@pytest.mark.parametrize("username", ["county", "admin"])
def test_county_staff_and_admins_see_no_case_content(app, client, auth, username):
    ref = make_case(app)
    auth.login(username)
    response = client.get(f"/cases/{ref}")
    assert response.status_code == 403
    assert "王大山" not in text(response)
    assert act(client, ref, "note", text="x").status_code == 403


@pytest.mark.parametrize(
    ("state", "action", "fields"),
    [
        ("followed_up", "close", {"note": "办结"}),
        ("registered", "remind", {"text": "请尽快办理"}),
    ],
)
def test_only_the_head_closes_and_reminds(app, client, auth, state, action, fields):
    ref = make_case(app)
    move_to(app, ref, state)
    before = case_state(app, ref)
    auth.login("clerk")
    assert f"action-{action}" not in text(client.get(f"/cases/{ref}"))
    response = act(client, ref, action, **fields)
    assert response.status_code == 403
    assert say(app, "Only the station head may do this.") in notices(response)
    assert case_state(app, ref) == before
    as_user(client, auth, "head")
    assert f"action-{action}" in text(client.get(f"/cases/{ref}"))
    assert act(client, ref, action, **fields).status_code == 303
    assert case_state(app, ref)["events"] == before["events"] + [action]


def test_only_the_head_decides_an_extension(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    new_due = (case_state(app, ref)["due_reply"] + timedelta(days=7)).isoformat()
    auth.login("clerk")
    act(client, ref, "request_extension", reason="复杂", new_due=new_due)
    response = act(client, ref, "decide_extension", decision="approve")
    assert response.status_code == 403
    assert case_state(app, ref)["extended_to"] is None
    as_user(client, auth, "head")
    assert act(client, ref, "decide_extension", decision="approve").status_code == 303
    assert case_state(app, ref)["extended_to"] is not None


def test_a_clerk_does_not_handle_a_case_assigned_to_someone_else(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted", actor="head")  # accepting assigns the head
    auth.login("clerk")
    page = text(client.get(f"/cases/{ref}"))
    assert "action-note" not in page and "action-reply" not in page
    response = act(client, ref, "note", htmx=True, text="插手")
    assert response.status_code == 403
    assert response.headers["X-Swap-On-Error"] == "1"
    expected = say(
        app, "This case is assigned to %(name)s; only they or the head may handle it.", name="head"
    )
    assert expected in notices(response)
    assert case_state(app, ref)["events"] == ["registered", "accept"]


def test_reports_are_opened_by_the_head_and_the_inspector_only(app, client, auth):
    ref = make_case(app, kind="report", subject="举报抄表员收受好处")
    auth.login("clerk")
    # To a clerk the report's reference answers exactly as one that does not exist.
    missing = client.get("/cases/2026-9999")
    hidden = client.get(f"/cases/{ref}")
    assert hidden.status_code == missing.status_code == 404

    # The same page, but for the address itself (the language switch returns to it) and the
    # CSRF token, which is signed with the time.
    def page(response, asked: str) -> str:
        body = response.text.replace(asked, "REF")
        return re.sub(r'("X-CSRFToken": "|name="csrf_token" value=")[^"]*', r"\1", body)

    assert page(hidden, ref) == page(missing, "2026-9999")
    assert act(client, ref, "accept", contacted_at="2026-01-01T10:00").status_code == 404
    for username in ("inspector", "head"):
        as_user(client, auth, username)
        page = client.get(f"/cases/{ref}")
        assert page.status_code == 200
        assert "举报抄表员收受好处" in text(page)


def test_an_inspector_handles_reports_but_no_other_cases(app, client, auth):
    report = make_case(app, kind="report")
    complaint = make_case(app)
    auth.login("inspector")
    assert "action-accept" in text(client.get(f"/cases/{report}"))
    assert "action-accept" not in text(client.get(f"/cases/{complaint}"))


def test_events_are_never_edited_through_the_orm(app):
    ref = make_case(app)
    with app.app_context():
        case = get_case(app, ref)
        event = db.session.scalar(db.select(CaseEvent).where(CaseEvent.case_id == case.id))
        event.note = "改写历史"
        with pytest.raises(AppendOnlyError):
            db.session.flush()
        db.session.rollback()
        db.session.delete(event)
        with pytest.raises(AppendOnlyError):
            db.session.flush()
        db.session.rollback()


@pytest.mark.parametrize(
    "statement", ["UPDATE case_event SET note = 'x'", "DELETE FROM case_event"]
)
def test_the_database_refuses_to_change_events(app, statement):
    make_case(app)
    with app.app_context():
        with pytest.raises(DBAPIError):
            db.session.execute(sql(statement))
        db.session.rollback()
        assert db.session.scalar(sql("SELECT count(*) FROM case_event")) == 1


def _light(page: str, name: str) -> str:
    row = page[page.index(f'class="deadline-{name}"') :].split("</tr>")[0]
    return row.split('class="badge ')[1].split('"')[0]


def test_deadline_lights_red_amber_green_and_done(app, client, auth):
    now = local_now(app)
    late = make_case(app, received_local=now - timedelta(days=40))
    fresh = make_case(app, kind="consultation")
    soon = make_case(app, kind="consultation")
    # received 12 days ago, due in 2: 12 of 14 days used (86%, past the 75% mark)
    change_case(
        app, soon, received_on=now.date() - timedelta(days=12),
        due_reply=now.date() + timedelta(days=2),
    )  # fmt: skip
    done = make_case(app)
    move_to(app, done, "replied")
    auth.login("head")
    assert _light(text(client.get(f"/cases/{late}")), "reply") == "late"
    assert _light(text(client.get(f"/cases/{fresh}")), "reply") == "ok"
    assert _light(text(client.get(f"/cases/{soon}")), "reply") == "warn"
    page = text(client.get(f"/cases/{done}"))
    assert _light(page, "reply") == "done"
    assert 'class="deadline-followup"' in page  # the follow-up clock starts with the reply


def test_a_deadline_in_a_year_without_a_schedule_is_marked_unconfirmed(app, client, auth):
    from datetime import datetime

    ref = make_case(app, received_local=datetime(2098, 12, 28, 9, 0))
    auth.login("head")
    page = text(client.get(f"/cases/{ref}"))
    assert say(app, "unconfirmed") in page
