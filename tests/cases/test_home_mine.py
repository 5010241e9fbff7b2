"""The clerk's home panel: my open cases by their next deadline, late first, each with my
next step one click away, and no head's list."""

import re
from datetime import timedelta

from case_helpers import _user, add_case, get_case, move_to, today
from conftest import user_id
from helpers import say, text

from station.cases import actions
from station.extensions import db

_ROW = re.compile(r"<tr>\s*<td class=\"nowrap\"><a href=\"/cases/([^\"]+)\">.*?</tr>", re.S)


def panel_rows(response) -> list[tuple[str, str]]:
    """Each row of "my cases": the reference and the href of its next step ("" if none)."""
    body = text(response)
    panel = body[body.index('class="panel my-cases-panel"') :]
    out = []
    for row in _ROW.finditer(panel):
        link = re.search(r'class="step-link" role="button" href="([^"]+)"', row.group(0))
        out.append((row.group(1), link.group(1) if link else ""))
    return out


def submit_review(app, ref: str) -> None:
    with app.app_context():
        actions.submit_review(get_case(app, ref), _user("clerk"), note="请所长阅示")
        db.session.commit()


def test_my_cases_late_first_each_with_my_next_step(app, client, auth):
    clerk = user_id(app, "clerk")
    day = today(app)

    def due_in(days: int) -> dict:
        d = day + timedelta(days=days)
        return {"due_contact": d, "due_reply": d, "due_close": d + timedelta(days=30),
                "assignee_id": clerk}  # fmt: skip

    registered = add_case(app, subject="待受理的来电", later=due_in(12))
    handling = add_case(app, subject="办理中的投诉", later=due_in(20))
    move_to(app, handling, "accepted")
    late = add_case(app, subject="已超期的投诉", later={"assignee_id": clerk})
    move_to(app, late, "accepted")
    replied = add_case(app, subject="已答复待回访", later=due_in(2))
    move_to(app, replied, "replied")  # its follow-up: 3 working days after today
    asked = add_case(app, subject="已呈报所长的案件", later=due_in(14))
    move_to(app, asked, "accepted")
    submit_review(app, asked)
    followed = add_case(app, subject="已回访待办结", later=due_in(-12))  # close in 18 days
    move_to(app, followed, "followed_up")
    add_case(app, subject="别人的案件", later={"assignee_id": user_id(app, "head")})

    auth.login("clerk")
    page = client.get("/")
    assert panel_rows(page) == [
        (late, f"/cases/{late}/form/reply"),
        (replied, f"/cases/{replied}/form/follow_up"),
        (registered, f"/cases/{registered}/form/accept"),
        (asked, ""),  # the instruction is the head's
        (followed, ""),  # and so is the close
    ]  # the five due soonest; the sixth, due in 20 days, is on "my cases"
    body = text(page)
    assert say(app, "Waiting for the head's instruction") in body
    assert say(app, "Waiting for the head to close it") in body
    assert say(app, "Overdue: %(n)d of your open cases.", n=1) in body
    assert say(app, "All my open cases (%(n)d)", n=6) in body
    assert handling not in body
    assert "别人的案件" not in body
    assert "head-list" not in body


def test_the_head_closes_from_his_own_panel(app, client, auth):
    followed = add_case(app, subject="所长承办的案件", later={"assignee_id": user_id(app, "head")})
    move_to(app, followed, "followed_up", actor="head")
    auth.login("head")
    assert panel_rows(client.get("/")) == [(followed, f"/cases/{followed}/form/close")]
