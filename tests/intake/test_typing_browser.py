"""In a real browser: the fields stay put while the earlier cases show, a long paste is kept
whole and warned about, and Back with a second 登记 does not register the case twice."""

import pytest
from browser_support import login
from case_helpers import make_case
from helpers import say
from sqlalchemy import func, select

from station.cases.models import Case
from station.extensions import db

pytestmark = pytest.mark.browser

CALLER = "13812345678"


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Case.id)))


@pytest.mark.parametrize("size", [(1366, 768), (768, 1024)])
def test_the_caller_number_does_not_move_when_the_earlier_cases_show(page, live_server, size):
    ref = make_case(live_server.app, person_phone=CALLER, subject="上月停电三次")
    page.set_viewport_size({"width": size[0], "height": size[1]})
    login(page, "clerk")
    page.goto("/cases/new?channel=phone")
    number, subject = page.locator("#person_phone"), page.locator("#subject")
    before = (number.bounding_box(), subject.bounding_box())
    page.keyboard.type(CALLER)  # the form starts in the caller's number
    page.keyboard.press("Tab")
    page.locator("#earlier-cases").get_by_text(ref).wait_for()
    assert (number.bounding_box(), subject.bounding_box()) == before
    assert page.evaluate("document.activeElement.name") == "subject"


def test_a_long_paste_is_kept_whole_with_a_warning_and_the_server_says_so(page, live_server):
    login(page, "clerk")
    page.goto("/cases/new?channel=counter")
    pasted = "停电" * 2500
    page.locator("#subject").focus()
    page.keyboard.insert_text(pasted)  # as a paste arrives: the browser cuts nothing
    assert len(page.locator("#subject").input_value()) == 5000
    warning = page.locator("#subject + .length-count")
    assert warning.inner_text() == "超出4800字（最多200字）：请缩短；已输入的内容一字未删。"
    page.locator("#subject").press("Enter")
    page.locator("#subject-error").wait_for()
    app = live_server.app
    assert page.locator("#subject-error").inner_text() == say(
        app,
        "At most %(max)d characters; this has %(length)d. Shorten it: nothing was cut.",
    ) % {"max": 200, "length": 5000}
    assert len(page.locator("#subject").input_value()) == 5000
    assert count(app) == 0
    # One warning under the field, the server's: the counter stays quiet until the clerk types.
    assert page.locator("#subject + .length-count").count() == 0
    page.locator("#subject").press("End")
    page.keyboard.press("Backspace")
    assert page.locator("#subject-error").is_hidden()
    assert page.locator("#subject + .length-count").inner_text().startswith("超出4799字")


def test_back_and_a_second_register_make_one_case(page, live_server):
    login(page, "clerk")
    page.goto("/cases/new?channel=counter")
    page.locator("#subject").fill("营业厅排队时间太长")
    page.locator("#subject").press("Enter")
    page.wait_for_url(lambda url: url.endswith("/registered"))
    ref = page.locator(".big-ref strong").inner_text()
    page.go_back()
    page.wait_for_load_state()
    assert page.locator("#subject").input_value() == "营业厅排队时间太长"  # the browser kept it
    page.locator("form.intake-form button[type=submit]").click()
    page.wait_for_url(lambda url: url.endswith("/registered"))
    app = live_server.app
    assert page.locator(".big-ref strong").inner_text() == ref
    message = say(app, "This form was already sent; the case was registered once.")
    assert page.get_by_text(message).is_visible()
    assert count(app) == 1


def test_the_number_for_the_reply_is_asked_once_anonymous_is_ticked(page, live_server):
    login(page, "clerk")
    page.goto("/cases/new?channel=phone")
    for_reply = page.locator("#phone_for_reply")
    assert for_reply.is_hidden()
    page.locator("#anonymous").check()
    for_reply.wait_for(state="visible")
    page.locator("#person_phone").fill(CALLER)
    page.locator("#subject").fill("匿名反映抄表员态度差")
    page.locator("#person_name").fill("王五")
    for_reply.check()
    page.locator("#subject").press("Enter")
    page.wait_for_url(lambda url: url.endswith("/registered"))
    with live_server.app.app_context():
        case = db.session.scalar(select(Case))
        assert (case.anonymous, case.person_name, case.person_phone) == (True, "", CALLER)
