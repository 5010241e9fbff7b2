"""The case page in a real browser: htmx actions swap the region without a reload (CSRF on),
and a refused action shows its message in place."""

import pytest
from browser_support import login
from case_helpers import make_case, move_to
from helpers import say

pytestmark = pytest.mark.browser


def _open_action(page, action: str):
    """Press an action's button on the case page and return the form it opens in place."""
    page.locator(f"a.action-open.action-{action}").click()
    form = page.locator(f"#action-slot .form-{action}")
    form.wait_for()
    return form


def test_actions_update_the_page_without_reloading_it(page, live_server):
    app = live_server.app
    ref = make_case(app)
    login(page, "clerk")
    page.goto(f"/cases/{ref}")
    page.evaluate("window.stillTheSamePage = true")

    _open_action(page, "accept").locator("button[type=submit]").click()
    page.locator("a.action-reply").wait_for()
    assert page.locator("#case-status").inner_text() == say(app, "Accepted")

    form = _open_action(page, "note")
    form.locator("textarea").fill("已上门查看")
    form.locator("button[type=submit]").click()
    page.locator(".event-note", has_text="已上门查看").wait_for()

    form = _open_action(page, "reply")
    form.locator("input[value=phone]").check()
    form.locator("textarea[name=reply-content]").fill("已恢复正常供电")
    form.locator("button[type=submit]").click()
    page.locator("a.action-follow_up").wait_for()
    assert page.locator("#case-status").inner_text() == say(app, "Replied")
    assert page.evaluate("window.stillTheSamePage") is True


def test_a_refused_action_shows_its_message_in_place(page, live_server):
    app = live_server.app
    ref = make_case(app)
    login(page, "clerk")
    page.goto(f"/cases/{ref}")
    form = _open_action(page, "accept")
    move_to(app, ref, "replied")  # meanwhile, someone else answered the case

    form.locator("button[type=submit]").click()
    alert = page.locator("#case-region .notice.error")
    alert.wait_for()
    assert say(app, "Replied") in alert.inner_text()
    assert page.locator("#case-status").inner_text() == say(app, "Replied")


def test_a_button_of_an_action_no_longer_possible_says_so_in_place(page, live_server):
    app = live_server.app
    ref = make_case(app)
    login(page, "clerk")
    page.goto(f"/cases/{ref}")
    move_to(app, ref, "replied")  # meanwhile, someone else answered the case

    page.locator("a.action-open.action-accept").click()
    alert = page.locator("#case-region .notice.error")
    alert.wait_for()
    assert say(app, "Replied") in alert.inner_text()
    assert page.locator("a.action-open.action-accept").count() == 0
    assert page.locator("a.action-open.action-follow_up").count() == 1
