"""The case lists: all cases with filters and paging, my cases, the home panel, "overdue"."""

import re
from datetime import datetime, timedelta

import pytest
from case_helpers import add_case, today
from conftest import user_id
from helpers import notices, text
from sqlalchemy import select

from station.cases.models import Case
from station.cases.overdue import overdue
from station.extensions import db
from station.models import User
from station.timeutil import utcnow

pytestmark = pytest.mark.usefixtures("english")


def not_due_yet(app, days: int = 30) -> dict:
    """Handling fields that put every clock of an open case in the future."""
    soon = today(app) + timedelta(days=days)
    return {"due_contact": soon, "due_reply": soon, "due_close": soon}


def test_list_shows_the_station_cases_newest_first(app, client, auth):
    add_case(app, subject="旧的投诉", received=datetime(2026, 3, 2, 9, 0))
    add_case(app, subject="新的咨询", kind="consultation", received=datetime(2026, 3, 9, 9, 0))
    add_case(app, "b_clerk", subject="邻村的案件")
    auth.login("clerk")
    page = client.get("/cases/")
    body = text(page)
    assert page.status_code == 200
    assert body.index("新的咨询") < body.index("旧的投诉")
    assert "邻村的案件" not in body
    for column in (
        "Reference",
        "Received",
        "Channel",
        "Kind",
        "Subject",
        "Person",
        "Next step and due",
    ):
        assert re.search(rf"<th[^>]*>(<a [^>]*>)?{column}\b", body), column
    assert 'href="/cases/2026-0001"' in body
    assert "Cases found: 2" in body


@pytest.mark.parametrize(("username", "sees_report"), [("clerk", False), ("head", True)])
def test_reports_are_listed_only_for_those_who_may_read_them(
    app, client, auth, username, sees_report
):
    report = add_case(app, "head", subject="举报某员工收红包", kind="report")
    add_case(app, subject="普通投诉")
    auth.login(username)
    body = text(client.get("/cases/"))
    assert (f'href="/cases/{report}"' in body) is sees_report
    assert ("Confidential report" in body) is sees_report
    assert "举报某员工收红包" not in body  # a list shows a report's row, never its words
    assert "普通投诉" in body
    assert f"Cases found: {2 if sees_report else 1}" in body
    # Asking for reports by hand changes nothing for a clerk.
    body = text(client.get("/cases/?kind=report"))
    assert (f'href="/cases/{report}"' in body) is sees_report


def test_filters_narrow_the_list(app, client, auth):
    clerk = user_id(app, "clerk")
    add_case(app, subject="甲 信件投诉", channel="letter", later={"assignee_id": clerk})
    add_case(app, subject="乙 电话咨询", kind="consultation", importance="urgent")
    add_case(app, subject="丙 已答复", later={"status": "replied", "replied_at": utcnow()})
    auth.login("head")

    def subjects(query: str) -> set[str]:
        body = text(client.get("/cases/?" + query))
        return {s for s in ("甲 信件投诉", "乙 电话咨询", "丙 已答复") if s in body}

    assert subjects("channel=letter") == {"甲 信件投诉"}
    assert subjects("kind=consultation") == {"乙 电话咨询"}
    assert subjects("importance=urgent") == {"乙 电话咨询"}
    assert subjects("status=replied") == {"丙 已答复"}
    assert subjects(f"assignee={clerk}") == {"甲 信件投诉"}
    assert subjects("assignee=none") == {"乙 电话咨询", "丙 已答复"}
    assert subjects("channel=letter&kind=consultation") == set()


def test_received_between_counts_local_days(app, client, auth):
    add_case(app, subject="三月一日早上", received=datetime(2026, 3, 1, 0, 30))
    add_case(app, subject="三月二日深夜", received=datetime(2026, 3, 2, 23, 50))
    add_case(app, subject="三月三日", received=datetime(2026, 3, 3, 8, 0))
    auth.login("clerk")
    body = text(client.get("/cases/?received_from=2026-03-01&received_to=2026-03-02"))
    assert "三月一日早上" in body
    assert "三月二日深夜" in body
    assert "三月三日" not in body


def test_an_end_before_the_start_is_explained_and_not_applied(app, client, auth):
    add_case(app, subject="三月的案件", received=datetime(2026, 3, 2, 9, 0))
    auth.login("clerk")
    page = client.get("/cases/?received_from=2026-04-01&received_to=2026-03-01")
    assert page.status_code == 200
    assert notices(page) == [
        "The end date is before the start date, so the dates were not applied."
    ]
    assert "三月的案件" in text(page)


def test_nonsense_filters_are_explained_never_a_500(app, client, auth):
    add_case(app, subject="一件案子")
    auth.login("clerk")
    page = client.get("/cases/?received_from=tomorrow&status=lost&assignee=abc&page=x")
    assert page.status_code == 200
    assert len(notices(page)) == 3
    assert "一件案子" in text(page)


def test_overdue_only(app, client, auth):
    add_case(app, subject="早已超期")  # received in March, nothing done since
    add_case(app, subject="还有时间", later=not_due_yet(app))
    auth.login("clerk")
    body = text(client.get("/cases/?overdue=y"))
    assert "早已超期" in body
    assert "还有时间" not in body


def test_the_list_pages(app, client, auth):
    app.config["PAGE_SIZE"] = 2
    for n in range(5):
        add_case(app, subject=f"案件{n}", received=datetime(2026, 3, 2 + n, 9, 0))
    auth.login("clerk")
    first = text(client.get("/cases/?channel=phone"))
    assert "案件4" in first and "案件3" in first and "案件2" not in first
    assert "Page 1 of 3" in first
    assert "/cases/?page=2&channel=phone" in first or "/cases/?channel=phone&page=2" in first
    third = text(client.get("/cases/?channel=phone&page=3"))
    assert "案件0" in third and "案件1" not in third
    past_end = text(client.get("/cases/?channel=phone&page=9"))
    assert "There is no page 9; the last page is 3, shown here." in past_end
    assert "案件0" in past_end and "Page 3 of 3" in past_end


def test_htmx_gets_only_the_table_and_the_form_keeps_the_url(app, client, auth):
    add_case(app, subject="一件案子")
    auth.login("clerk")
    full = text(client.get("/cases/"))
    assert 'hx-push-url="true"' in full
    assert 'hx-target="#case-results"' in full
    part = client.get("/cases/?status=registered", headers={"HX-Request": "true"})
    body = text(part)
    assert "<html" not in body
    assert body.lstrip().startswith("{#") is False
    assert 'id="case-results"' in body
    assert "一件案子" in body
    assert "HX-Request" in part.headers.get("Vary", "")


def test_the_next_deadline_shows_its_light(app, client, auth):
    start = today(app) - timedelta(days=8)
    add_case(
        app,
        subject="已超期",
        later=not_due_yet(app) | {"due_reply": today(app) - timedelta(days=1)},
    )
    add_case(
        app,
        subject="快到期",
        later=not_due_yet(app)
        | {"received_on": start, "due_reply": today(app) + timedelta(days=2)},
    )
    add_case(app, subject="不急", later=not_due_yet(app, 60) | {"received_on": today(app)})
    add_case(app, subject="明年的", received=datetime(2027, 12, 20, 9, 0))
    auth.login("clerk")
    rows = {
        row.split("</tr>")[0] for row in text(client.get("/cases/")).split("<tr>") if "<td" in row
    }

    def row_of(subject: str) -> str:
        return next(r for r in rows if subject in r)

    assert 'badge late">Late' in row_of("已超期")
    assert '<span class="due-name">Reply</span>' in row_of("已超期")
    assert 'badge warn">Due soon' in row_of("快到期")
    assert 'badge ok">On time' in row_of("不急")
    assert "unconfirmed" in row_of("明年的")
    assert "unconfirmed" not in row_of("已超期")  # a year with its official schedule


def test_my_cases_are_my_open_ones_soonest_due_first(app, client, auth):
    clerk = user_id(app, "clerk")
    base = today(app)
    later = not_due_yet(app) | {"assignee_id": clerk}
    add_case(app, subject="晚些到期", later=later | {"due_reply": base + timedelta(9)})
    add_case(app, subject="最先到期", later=later | {"due_reply": base + timedelta(2)})
    add_case(app, subject="别人的", later={"assignee_id": user_id(app, "head")})
    add_case(app, subject="已关闭", later={"assignee_id": clerk, "status": "closed"})
    auth.login("clerk")
    body = text(client.get("/cases/mine"))
    assert body.index("最先到期") < body.index("晚些到期")
    assert "别人的" not in body
    assert "已关闭" not in body


def test_home_panel_shows_my_cases_and_how_many_are_overdue(app, client, auth):
    clerk = user_id(app, "clerk")
    add_case(app, subject="我的超期件", later={"assignee_id": clerk})
    add_case(app, subject="我的新件", later=not_due_yet(app) | {"assignee_id": clerk})
    auth.login("clerk")
    body = text(client.get("/"))
    assert "我的超期件" in body and "我的新件" in body
    assert "Overdue: 1 of your open cases." in body
    assert 'href="/cases/mine"' in body
    auth.logout()
    auth.login("admin")
    body = text(client.get("/"))
    assert "My cases" not in body
    assert 'href="/cases/"' not in body


def test_nav_has_cases_and_my_cases_for_case_roles(app, client, auth):
    auth.login("clerk")
    body = text(client.get("/"))
    assert '<a href="/cases/">Cases</a>' in body
    assert '<a href="/cases/mine">My cases</a>' in body


def overdue_subjects(app) -> set[str]:
    with app.app_context():
        query = select(Case.subject).where(overdue(today(app)))
        return set(db.session.scalars(query))


def test_overdue_means_a_clock_still_to_meet_has_run_out(app):
    base, past, future = today(app), today(app) - timedelta(1), today(app) + timedelta(5)
    fresh = {"due_contact": future, "due_reply": future, "due_close": future}
    add_case(app, subject="回复超期", later=fresh | {"due_reply": past})
    add_case(app, subject="延期未到", later=fresh | {"due_reply": past, "extended_to": future})
    add_case(app, subject="未联系", later=fresh | {"due_contact": past})
    add_case(
        app,
        subject="已联系",
        later=fresh | {"due_contact": past, "contacted_at": utcnow(), "status": "accepted"},
    )
    replied = fresh | {"status": "replied", "replied_at": utcnow(), "due_reply": past}
    add_case(app, subject="回访超期", later=replied | {"due_followup": past})
    add_case(app, subject="回访未到", later=replied | {"due_followup": base})
    add_case(app, subject="已关闭", later={"status": "closed"})
    assert overdue_subjects(app) == {"回复超期", "未联系", "回访超期"}


def test_a_case_replied_late_is_quietly_met_late_not_red(app, client, auth):
    # Received Monday 2 March 2026: a complaint's reply is due Thursday the 5th.
    done = {"status": "closed", "closed_at": datetime(2026, 3, 10, 2, 0)}
    add_case(app, subject="按期答复", later=done | {"replied_at": datetime(2026, 3, 4, 2, 0)})
    add_case(app, subject="逾期答复", later=done | {"replied_at": datetime(2026, 3, 9, 2, 0)})
    auth.login("clerk")
    rows = text(client.get("/cases/")).split("<tr>")
    late_row = next(r for r in rows if "逾期答复" in r)
    assert 'badge done_late">Met late' in late_row
    assert 'badge late"' not in late_row
    assert 'badge done">Replied' in next(r for r in rows if "按期答复" in r)


def _assignee_options(body: str) -> list[str]:
    select_ = re.search(r'<select[^>]*name="assignee"[^>]*>(.*?)</select>', body, re.S)
    assert select_, body
    return re.findall(r'<option[^>]*value="(\d+)"', select_.group(1))


def test_the_assignee_choices_follow_an_account_change(app, client, auth):
    """The choices are kept between pages, until a write commits: a clerk deactivated by
    the admin is gone from the next page's filter."""
    auth.login("head")
    clerk = user_id(app, "clerk")
    assert str(clerk) in _assignee_options(text(client.get("/cases/")))
    assert str(clerk) in _assignee_options(text(client.get("/cases/?page=1")))
    with app.app_context():
        db.session.get(User, clerk).active = False
        db.session.commit()
    assert str(clerk) not in _assignee_options(text(client.get("/cases/")))


def test_each_row_names_its_holder_as_the_accounts_list_does(app, client, auth):
    """The name when the account has one, else the login name; nobody, an empty cell."""
    with app.app_context():
        db.session.execute(
            User.__table__.update().where(User.username == "clerk").values(name="王芳")
        )
        db.session.execute(User.__table__.update().where(User.username == "head").values(name=""))
        db.session.commit()
    add_case(app, subject="王芳的件", later={"assignee_id": user_id(app, "clerk")})
    add_case(app, subject="站长的件", later={"assignee_id": user_id(app, "head")})
    add_case(app, subject="无人的件")
    auth.login("clerk")
    body = text(client.get("/cases/"))
    cells = {
        subject: re.search(rf"{subject}</span></td>\s*<td>.*?</td>\s*<td>(.*?)</td>", body, re.S)
        for subject in ("王芳的件", "站长的件", "无人的件")
    }
    assert {s: m.group(1) for s, m in cells.items()} == {
        "王芳的件": "王芳",
        "站长的件": "head",
        "无人的件": "",
    }
