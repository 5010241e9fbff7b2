"""The case page's handling actions over HTTP: the whole loop, each action's legal path."""

from datetime import timedelta

from case_helpers import (
    act,
    as_user,
    case_state,
    get_case,
    local_now,
    make_case,
    move_to,
    today,
)
from helpers import field_errors, location_path, notices, say, text

from station.extensions import db


def stamp(app, hours: int = 0) -> str:
    return (local_now(app) - timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def done(client, ref: str, action: str, **fields) -> None:
    """Take an action that must succeed (a plain POST answered by a redirect)."""
    response = act(client, ref, action, **fields)
    assert response.status_code == 303, notices(response)


def test_the_whole_loop_from_accept_to_archive(app, client, auth):
    ref = make_case(app, received_local=local_now(app) - timedelta(hours=2))
    auth.login("clerk")
    assert (
        act(client, ref, "accept", contacted_at=stamp(app, 1), note="已电话联系").status_code == 303
    )
    due = (today(app) + timedelta(days=3)).isoformat()
    done(client, ref, "transfer", unit="线路班", request="现场测量电压", due=due)
    with app.app_context():
        transfer_id = db.session.scalar(db.text("SELECT id FROM transfer"))
    done(client, ref, "transfer_result", transfer=str(transfer_id), result="已调整变压器分接头")
    done(client, ref, "submit_review", note="请所长阅示")
    as_user(client, auth, "head")
    done(client, ref, "review_instruction", instruction="同意处理意见")
    as_user(client, auth, "clerk")
    done(client, ref, "note", text="用户表示理解")
    done(client, ref, "reply", method="letter", content="电压已恢复正常", remedy="")
    done(client, ref, "follow_up", satisfaction="satisfied", remarks="满意")
    as_user(client, auth, "head")
    assert act(client, ref, "close", note="办结").status_code == 303
    assert act(client, ref, "archive", year="2026", volume="第3卷").status_code == 303

    state = case_state(app, ref)
    assert state["status"] == "archived"
    assert state["events"] == [
        "registered", "accept", "transfer", "transfer_result", "submit_review",
        "review_instruction", "note", "reply", "follow_up", "close", "archive",
    ]  # fmt: skip
    page = text(client.get(f"/cases/{ref}"))
    assert "线路班" in page and "已调整变压器分接头" in page and "第3卷" in page
    # The timeline reads oldest first: the archive is the last step shown.
    assert page.index("同意处理意见") < page.index("用户表示理解") < page.index("电压已恢复正常")


def test_a_plain_post_redirects_back_to_the_case_with_a_message(app, client, auth):
    ref = make_case(app)
    auth.login("clerk")
    response = act(client, ref, "note", text="用户来电询问进度")
    assert response.status_code == 303
    assert location_path(response) == f"/cases/{ref}"
    page = client.get(f"/cases/{ref}")
    assert say(app, "Saved: %(action)s.", action=say(app, "Note")) in notices(page)
    assert "用户来电询问进度" in text(page)


def test_an_htmx_post_answers_with_the_refreshed_region_only(app, client, auth):
    ref = make_case(app)
    auth.login("clerk")
    response = act(client, ref, "accept", htmx=True, contacted_at=stamp(app))
    body = text(response)
    assert response.status_code == 200
    assert "<html" not in body and 'id="case-region"' in body
    assert "HX-Request" in response.headers["Vary"]
    # The header's status badge is swapped out of band; the new actions are offered.
    assert 'id="case-status"' in body and 'hx-swap-oob="true"' in body
    assert "action-reply" in body and "action-accept" not in body
    assert case_state(app, ref)["status"] == "accepted"


def test_the_actions_are_buttons_that_open_their_form_in_place(app, client, auth):
    ref = make_case(app)
    auth.login("head")
    page = text(client.get(f"/cases/{ref}"))
    # A button per allowed action; the forms are not on the page until one is opened.
    button = f'<a role="button" href="/cases/{ref}/form/accept#action-slot"'
    assert button in page and f'hx-get="/cases/{ref}/form/accept"' in page
    assert f'hx-post="/cases/{ref}/act/accept"' not in page
    # htmx fetches the region with the form open, posting with htmx into the region.
    region = text(client.get(f"/cases/{ref}/form/accept", headers={"HX-Request": "true"}))
    assert "<html" not in region and 'id="case-region"' in region
    assert f'hx-post="/cases/{ref}/act/accept"' in region and 'type="datetime-local"' in region
    assert 'hx-target="#case-region"' in region and 'hx-swap="outerHTML"' in region
    # Without JavaScript the button's link is the whole page with that form open.
    plain = text(client.get(f"/cases/{ref}/form/accept"))
    assert "<html" in plain and f'action="/cases/{ref}/act/accept"' in plain


def test_a_form_the_user_may_not_open_says_why(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "followed_up")
    auth.login("clerk")
    response = client.get(f"/cases/{ref}/form/close")
    assert response.status_code == 403
    assert say(app, "Only the station head may do this.") in notices(response)
    assert f'action="/cases/{ref}/act/close"' not in text(response)


def test_assign_starts_empty_and_asks_for_a_choice(app, client, auth):
    ref = make_case(app)
    auth.login("head")
    page = text(client.get(f"/cases/{ref}/form/assign"))
    options = page[page.index('id="assign-assignee"') :].split("</select>")[0]
    assert '<option selected value="">请选择</option>' in options
    assert ">clerk<" in options and ">head<" in options
    assert "selected" not in options.replace('<option selected value="">', "")
    assert "inspector" not in options and "b_clerk" not in options
    response = act(client, ref, "assign", assignee="", note="请跟进")
    assert response.status_code == 200
    assert field_errors(response) == ["请选择承办人。"]
    assert case_state(app, ref)["assignee_id"] is None
    with app.app_context():
        clerk_id = db.session.scalar(db.text("SELECT id FROM \"user\" WHERE username = 'clerk'"))
    done(client, ref, "assign", assignee=str(clerk_id), note="请跟进")
    assert case_state(app, ref)["assignee_id"] == clerk_id


def test_a_transfer_offers_its_slip_and_a_reminder_its_notice(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    auth.login("head")
    due = (today(app) + timedelta(days=5)).isoformat()
    body = text(act(client, ref, "transfer", htmx=True, unit="营销班", request="核对电费", due=due))
    assert say(app, "Print the transfer slip") in body
    assert f"/cases/{ref}/transfers/" in body
    body = text(act(client, ref, "remind", htmx=True, text="请于明日前答复"))
    assert say(app, "Print the reminder notice") in body
    assert f"/cases/{ref}/reminders/" in body


def test_an_approved_extension_moves_the_reply_deadline(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    old_due = case_state(app, ref)["due_reply"]
    new_due = old_due + timedelta(days=10)
    auth.login("clerk")
    done(client, ref, "request_extension", reason="需等待线路改造", new_due=new_due.isoformat())
    assert case_state(app, ref)["extended_to"] is None
    as_user(client, auth, "head")
    done(client, ref, "decide_extension", decision="approve", note="同意")
    assert case_state(app, ref)["extended_to"] == new_due
    page = text(client.get(f"/cases/{ref}"))
    assert say(app, "Approved") in page and "需等待线路改造" in page
    with app.test_request_context():
        from station.i18n import show_date

        assert f"（原期限{show_date(old_due)}）" in page


def test_a_refused_extension_leaves_the_deadline(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    new_due = case_state(app, ref)["due_reply"] + timedelta(days=10)
    auth.login("head")
    done(client, ref, "request_extension", reason="复杂", new_due=new_due.isoformat())
    done(client, ref, "decide_extension", decision="refuse", note="不同意")
    assert case_state(app, ref)["extended_to"] is None
    assert say(app, "Refused") in text(client.get(f"/cases/{ref}"))


def test_reopening_as_an_appeal_goes_to_the_new_case(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "replied")
    auth.login("clerk")
    done(client, ref, "follow_up", satisfaction="dissatisfied", remarks="仍然电压低")
    response = act(client, ref, "reopen_appeal", reason="用户不满意，申请复查")
    assert response.status_code == 303
    appeal_ref = location_path(response).rsplit("/", 1)[1]
    assert appeal_ref != ref
    assert case_state(app, ref)["status"] == "closed"
    with app.app_context():
        appeal = get_case(app, appeal_ref)
        assert appeal.kind == "appeal" and appeal.content == "用户不满意，申请复查"
    page = text(client.get(f"/cases/{appeal_ref}"))
    assert ref in page  # the appeal names the case it appeals against


def test_reopening_with_htmx_sends_the_browser_to_the_appeal(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "closed")
    auth.login("clerk")
    response = act(client, ref, "reopen_appeal", htmx=True, reason="申诉")
    assert response.headers["HX-Redirect"].startswith("/cases/")


def test_answered_on_the_spot_closes_in_one_step(app, client, auth):
    ref = make_case(app, channel="counter")
    auth.login("clerk")
    done(client, ref, "answer_on_spot", content="当场解释了电价政策")
    assert case_state(app, ref)["status"] == "closed"


def test_could_not_be_reached_is_offered_also_when_a_phone_was_given(app, client, auth):
    with_phone = make_case(app)
    anonymous = make_case(app, anonymous=True, person_name="", person_phone="")
    move_to(app, with_phone, "replied")
    move_to(app, anonymous, "replied")
    auth.login("clerk")
    for ref in (with_phone, anonymous):
        form = text(client.get(f"/cases/{ref}/form/follow_up"))
        assert 'value="unreachable"' in form and "联系不上" in form
    done(client, with_phone, "follow_up", satisfaction="unreachable", remarks="打了三次无人接听")
    assert case_state(app, with_phone)["status"] == "followed_up"
    page = text(client.get(f"/cases/{with_phone}"))
    assert "回访：联系不上" in page


def test_the_reply_to_a_superior_is_asked_only_where_one_asked(app, client, auth):
    plain = make_case(app)
    sent = make_case(
        app, channel="transfer", superior_name="县公司客服中心", superior_ref="客2026-18"
    )
    move_to(app, plain, "accepted")
    move_to(app, sent, "accepted")
    auth.login("clerk")
    assert "reply-superior_reply" not in text(client.get(f"/cases/{plain}/form/reply"))
    assert "reply-superior_reply" in text(client.get(f"/cases/{sent}/form/reply"))
    done(client, sent, "reply", method="phone", content="已答复", superior_reply="已书面回复县公司")
    assert "已书面回复县公司" in text(client.get(f"/cases/{sent}"))
