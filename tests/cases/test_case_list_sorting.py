"""The case lists as a user reads them: sorting by a heading, resetting the filters, the
next step and its due date, long subjects, a count that stops, names that are not there."""

import re
from datetime import datetime, timedelta

import pytest
from case_helpers import add_case, today
from conftest import user_id
from helpers import text

from station.timeutil import utcnow

pytestmark = pytest.mark.usefixtures("english")

REF = re.compile(r'<td class="nowrap"><a href="/cases/(\d{4}-\d{4})">')


def refs(body: str) -> list[str]:
    """The references of the table's rows, top to bottom."""
    return REF.findall(body)


def heading_link(body: str, label: str) -> str:
    """The address behind the table heading ``label``."""
    match = re.search(rf'<th[^>]*><a href="([^"]+)" class="sort-link">{label}\b', body)
    assert match, label
    return match.group(1).replace("&amp;", "&")


def rows(body: str) -> dict[str, str]:
    """Each row's HTML, by the case's reference."""
    out = {}
    for row in body.split("<tr>")[1:]:
        found = REF.search(row)
        if found:
            out[found.group(1)] = row.split("</tr>")[0]
    return out


@pytest.fixture
def four_cases(app) -> None:
    """2026-0001..0004: received 2, 9, 5 and 3 March; due in 9, 2 and 5 days; 0004 closed."""
    soon = today(app) + timedelta(days=30)
    due = {"due_contact": soon, "due_close": soon}
    add_case(
        app, received=datetime(2026, 3, 2, 9), later=due | {"due_reply": today(app) + timedelta(9)}
    )
    add_case(
        app, received=datetime(2026, 3, 9, 9), later=due | {"due_reply": today(app) + timedelta(2)}
    )
    add_case(
        app, received=datetime(2026, 3, 5, 9), later=due | {"due_reply": today(app) + timedelta(5)}
    )
    add_case(
        app, received=datetime(2026, 3, 3, 9), later={"status": "closed", "closed_at": utcnow()}
    )


@pytest.mark.usefixtures("four_cases")
def test_a_heading_sorts_the_list_and_a_second_click_turns_it_round(client, auth):
    auth.login("clerk")
    body = text(client.get("/cases/"))
    assert refs(body) == ["2026-0002", "2026-0003", "2026-0004", "2026-0001"]  # newest first
    assert 'aria-sort="descending"' in body

    by_ref = text(client.get(heading_link(body, "Reference")))
    assert refs(by_ref) == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]
    back = text(client.get(heading_link(by_ref, "Reference")))
    assert refs(back) == ["2026-0004", "2026-0003", "2026-0002", "2026-0001"]

    by_due = text(client.get(heading_link(body, "Next step and due")))
    # Soonest first; the closed case owes nothing and comes last.
    assert refs(by_due) == ["2026-0002", "2026-0003", "2026-0001", "2026-0004"]
    oldest = text(client.get(heading_link(body, "Received")))
    assert refs(oldest) == ["2026-0001", "2026-0004", "2026-0003", "2026-0002"]


@pytest.mark.usefixtures("four_cases")
def test_sorting_keeps_the_filters_and_the_pager_keeps_the_order(app, client, auth):
    add_case(app, channel="letter", subject="一封信")
    app.config["PAGE_SIZE"] = 2
    auth.login("clerk")
    body = text(client.get("/cases/?channel=phone"))
    link = heading_link(body, "Reference")
    assert "channel=phone" in link
    first = text(client.get(link))
    assert refs(first) == ["2026-0001", "2026-0002"]
    assert "一封信" not in first
    second = re.search(r'<a href="([^"]+)">Next ›</a>', first).group(1).replace("&amp;", "&")
    assert "sort=ref" in second and "channel=phone" in second
    assert refs(text(client.get(second))) == ["2026-0003", "2026-0004"]
    # The filter form sends the order along with the filters.
    assert '<input type="hidden" name="sort" value="ref" form="case-filters">' in first


def test_a_sort_that_names_no_column_is_the_usual_order(app, client, auth):
    add_case(app, received=datetime(2026, 3, 2, 9))
    add_case(app, received=datetime(2026, 3, 9, 9))
    auth.login("clerk")
    page = client.get("/cases/?sort=subject;drop")
    assert page.status_code == 200
    assert refs(text(page)) == ["2026-0002", "2026-0001"]


def test_reset_clears_the_filters(app, client, auth):
    add_case(app, subject="电话里说的")
    add_case(app, channel="letter", subject="信里写的")
    auth.login("clerk")
    body = text(client.get("/cases/?channel=letter&overdue=y"))
    assert "电话里说的" not in body
    reset = re.search(r'<a href="([^"]+)" class="reset-filters">Reset filters</a>', body)
    assert reset.group(1) == "/cases/"
    again = text(client.get(reset.group(1)))
    assert "电话里说的" in again and "信里写的" in again


def test_my_cases_show_the_follow_up_they_are_sorted_on(app, client, auth):
    clerk = user_id(app, "clerk")
    base = today(app)
    soon = base + timedelta(days=30)
    replied = {"assignee_id": clerk, "status": "replied", "contacted_at": utcnow()}
    replied |= {"replied_at": utcnow()}
    add_case(
        app,
        subject="待回复",
        later={"assignee_id": clerk, "due_contact": soon, "due_close": soon}
        | {"due_reply": base + timedelta(3)},
    )
    add_case(
        app,
        subject="待回访",
        later=replied | {"due_followup": base + timedelta(1), "due_close": soon},
    )
    add_case(
        app,
        subject="回访已晚",
        later=replied | {"due_followup": base - timedelta(1), "due_close": soon},
    )
    auth.login("clerk")
    body = text(client.get("/cases/mine"))
    assert refs(body) == ["2026-0003", "2026-0002", "2026-0001"]
    shown = rows(body)
    assert '<span class="due-name">Follow-up call</span>' in shown["2026-0003"]
    assert 'badge late">Late' in shown["2026-0003"]
    assert '<span class="due-name">Follow-up call</span>' in shown["2026-0002"]
    assert '<span class="due-name">Reply</span>' in shown["2026-0001"]


def test_a_long_subject_is_shortened_with_the_whole_text_on_hover(app, client, auth):
    subject = "电压" * 100  # 200 characters
    add_case(app, subject=subject)
    auth.login("clerk")
    row = rows(text(client.get("/cases/")))["2026-0001"]
    assert f'<td class="subject"><span class="clamp" title="{subject}">{subject}</span></td>' in row


def test_a_count_past_the_limit_stops_and_says_so(app, client, auth, monkeypatch):
    monkeypatch.setattr("station.cases.queries.COUNT_LIMIT", 3)
    app.config["PAGE_SIZE"] = 2
    for day in range(2, 7):
        add_case(app, received=datetime(2026, 3, day, 9))
    auth.login("clerk")
    body = text(client.get("/cases/"))
    assert "Cases found: over 3" in body
    assert "<span>Page 1</span>" in body
    assert refs(body) == ["2026-0005", "2026-0004"]
    third = text(client.get("/cases/?page=3"))
    assert refs(third) == ["2026-0001"]
    assert "<span>Page 3</span>" in third and "Next ›" not in third
    past = text(client.get("/cases/?page=7"))
    assert "There is no page 7; the list ends before it." in past
    assert refs(past) == []


def test_no_name_is_a_dash_and_only_anonymous_is_anonymous(app, client, auth):
    add_case(app, subject="没留姓名")
    add_case(app, subject="要求匿名", anonymous=True)
    add_case(app, subject="留了姓名", person_name="李四")
    auth.login("clerk")
    shown = rows(text(client.get("/cases/")))
    assert "Anonymous" not in shown["2026-0001"]
    assert '<span class="muted" title="No name given">—</span>' in shown["2026-0001"]
    assert '<span class="muted">Anonymous</span>' in shown["2026-0002"]
    assert "李四" in shown["2026-0003"] and "Anonymous" not in shown["2026-0003"]


def test_my_cases_say_their_order_only_while_it_is_the_order_shown(client, auth):
    auth.login("clerk")
    said = "the one due soonest first"
    assert said in client.get("/cases/mine").text
    assert said not in client.get("/cases/mine?sort=ref").text
    assert "The open cases assigned to you." in client.get("/cases/mine?sort=ref").text
