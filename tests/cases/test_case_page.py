"""The case page as the clerk and the head read it: what the first screen holds and in which
order, whose delay a late review is, and the small defaults of the action forms."""

import re
from datetime import timedelta

import pytest
from case_helpers import (
    act,
    as_user,
    case_state,
    get_case,
    local_now,
    make_case,
    move_to,
    submit_for_review,
)
from helpers import field_errors, notices, text

from station.cases.review import review_submission
from station.timeutil import utcnow

LONG_AGO = timedelta(days=20)  # every clock of a general case but the close has run out


def _page(client, ref: str, action: str = "") -> str:
    return text(client.get(f"/cases/{ref}" + (f"/form/{action}" if action else "")))


def test_the_first_things_on_the_page_are_state_deadline_person_and_actions(app, client, auth):
    ref = make_case(app)
    auth.login("clerk")
    page = _page(client, ref)
    order = [
        'class="case-state"',
        'class="next-due',
        'class="case-person"',
        'class="action-buttons"',
        'class="row case-facts"',  # what was received
        'id="case-history"',  # deadlines and timeline
        'class="upload-form"',  # the attachments' required file field
    ]
    assert [page.index(mark) for mark in order] == sorted(page.index(mark) for mark in order)
    person = page[page.index('class="case-person"') :].split("</dd>")[0]
    assert "王大山" in person and "13800001111" in person
    assert page.count("收到时间") == 1  # one label, no heading of the same name


def test_a_late_case_shows_its_next_deadline_in_red(app, client, auth):
    late = make_case(app, received_local=local_now(app) - LONG_AGO)
    # Received now, not an hour ago: in the first hour after midnight that is yesterday, and
    # its first contact would be due today rather than on time.
    on_time = make_case(app, received_local=local_now(app))
    auth.login("clerk")
    due = _page(client, late).split('class="next-due')[1].split("</dd>")[0]
    assert due.startswith(' late"') and "首次联系" in due and "已超期" in due
    due = _page(client, on_time).split('class="next-due')[1].split("</dd>")[0]
    assert due.startswith(' ok"') and "首次联系" in due and "未超期" in due
    assert "已超期" not in due


def test_a_closed_case_says_nothing_is_due_any_more(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "closed")
    auth.login("head")
    due = _page(client, ref).split('class="next-due')[1].split("</dd>")[0]
    assert "已无待办期限。" in due and "答复" in due and "已答复" in due


def test_a_review_submitted_late_shows_who_submitted_it_and_when(app, client, auth):
    ref = make_case(app, received_local=local_now(app) - LONG_AGO)
    move_to(app, ref, "accepted")
    submit_for_review(app, ref, "clerk")
    auth.login("head")
    page = _page(client, ref)
    shown = re.findall(r'<span class="review-submission">\s*(.*?)\s*</span>\s*</span>', page, re.S)
    # Once on the first screen, once beside the review's deadline.
    assert len(shown) == 2
    when = r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d"
    for words in shown:
        late = r'\s*<span class="badge done_late">呈报时已超期'
        assert re.fullmatch(rf"clerk于{when}呈报{late}", words), words


def test_a_review_submitted_in_time_is_not_marked_late(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    submit_for_review(app, ref, "clerk")
    auth.login("head")
    page = _page(client, ref)
    assert "clerk于" in page and "呈报" in page
    assert "呈报时已超期" not in page


def test_review_submission_is_the_pending_one_and_none_once_answered(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    with app.app_context():
        assert review_submission(get_case(app, ref)) is None
    submit_for_review(app, ref, "clerk")
    with app.app_context():
        at, user = review_submission(get_case(app, ref))
        assert user.username == "clerk"
        assert timedelta(0) <= utcnow() - at < timedelta(minutes=1)
    auth.login("head")
    act(client, ref, "review_instruction", instruction="同意")
    with app.app_context():
        assert review_submission(get_case(app, ref)) is None


def test_the_head_is_not_offered_to_submit_to_himself(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    auth.login("clerk")
    assert "action-submit_review" in _page(client, ref) and "呈报所长" in _page(client, ref)
    as_user(client, auth, "head")
    assert "action-submit_review" not in _page(client, ref)
    assert "呈报所长" not in _page(client, ref)
    response = act(client, ref, "submit_review", note="")
    assert response.status_code == 403
    assert "所长直接作出批示，无需呈报。" in notices(response)
    assert case_state(app, ref)["events"] == ["registered", "accept"]


CHECKED = re.compile(
    r'<input checked id="reply-method-\d" name="reply-method" required type="radio" value="(\w+)">'
)


@pytest.mark.parametrize(
    ("channel", "fields", "method"),
    [
        ("phone", {}, "phone"),
        ("letter", {}, "letter"),
        ("letter", {"person_address": ""}, "phone"),  # no address to write to: call
        ("visit", {}, "in_person"),
        ("counter", {}, "phone"),
    ],
)
def test_the_reply_method_starts_at_the_way_the_person_can_be_reached(
    app, client, auth, channel, fields, method
):
    ref = make_case(app, channel=channel, **fields)
    move_to(app, ref, "accepted")
    auth.login("clerk")
    assert CHECKED.findall(_page(client, ref, "reply")) == [method]


def test_an_anonymous_call_without_contact_leaves_the_reply_method_open(app, client, auth):
    ref = make_case(app, anonymous=True, person_name="", person_phone="", person_address="")
    move_to(app, ref, "accepted")
    auth.login("clerk")
    assert CHECKED.findall(_page(client, ref, "reply")) == []


def test_an_extension_is_decided_with_two_clear_buttons(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    new_due = case_state(app, ref)["due_reply"] + timedelta(days=10)
    auth.login("clerk")
    act(client, ref, "request_extension", reason="需等待线路改造", new_due=new_due.isoformat())
    as_user(client, auth, "head")
    assert "审批延期" in _page(client, ref)
    form = _page(client, ref, "decide_extension")
    assert "保存审批意见" not in form
    assert '<button type="submit" name="decide_extension-decision" value="approve">批准延期' in form
    assert 'name="decide_extension-decision" value="refuse" class="secondary">不予延期' in form
    assert "clerk申请将答复期限延至" in form and "需等待线路改造" in form
    act(client, ref, "decide_extension", decision="refuse", note="")
    assert case_state(app, ref)["extended_to"] is None
    assert "不予延期" not in _page(client, ref)


def test_the_archive_volume_shows_its_form(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "closed")
    auth.login("clerk")
    form = _page(client, ref, "archive")
    assert 'placeholder="第1卷"' in form
    assert "本归档年度内的卷号，例如：第1卷。" in form


def test_every_mistake_of_a_form_is_shown_at_once(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    auth.login("clerk")
    response = act(client, ref, "transfer", unit="", request="", due="")
    body = text(response)
    assert len(field_errors(response)) == 3
    for name in ("unit", "request", "due"):
        assert f'id="transfer-{name}-error"' in body
    yesterday = (local_now(app) - timedelta(days=1)).date().isoformat()
    response = act(client, ref, "request_extension", reason="", new_due=yesterday)
    assert field_errors(response) == [
        "该字段是必填字段。",
        "新期限必须晚于现有期限。",
    ]
    assert case_state(app, ref)["events"] == ["registered", "accept"]


def test_the_open_transfers_read_with_a_chinese_colon(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    auth.login("clerk")
    due = (local_now(app) + timedelta(days=5)).date().isoformat()
    act(client, ref, "transfer", unit="营销班", request="核对电费", due=due)
    form = _page(client, ref, "transfer_result")
    assert ">营销班：核对电费</option>" in form


def test_after_closing_from_its_form_a_reload_shows_the_case_not_an_error(app, client, auth):
    """The head closes from /cases/<ref>/form/close (a home-page button); the address bar
    leaves the form, and reloading that address later leads to the case page, saying why."""
    ref = make_case(app)
    move_to(app, ref, "followed_up")
    auth.login("head")
    assert client.get(f"/cases/{ref}/form/close").status_code == 200
    done = act(client, ref, "close", htmx=True, note="办结")
    assert done.headers["HX-Replace-Url"] == f"/cases/{ref}"
    reloaded = client.get(f"/cases/{ref}/form/close")
    assert reloaded.status_code == 303 and reloaded.headers["Location"] == f"/cases/{ref}"
    shown = client.get(f"/cases/{ref}")
    assert notices(shown) == ["已不能执行“办结”：本件当前状态为“已办结”。"]


def test_a_case_with_no_content_says_so_under_its_heading(app, client, auth):
    ref = make_case(app, content="")
    auth.login("clerk")
    assert "只登记了事由，未记录具体内容。" in _page(client, ref)
    assert "只登记了事由" not in _page(client, make_case(app, content="电压低"))


def test_the_english_status_line_keeps_english_colons(app, client, auth, english):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    auth.login("head")
    page = _page(client, ref)
    assert "Assignee: " in page and "：" not in page.split("<main", 1)[1]
