"""The case page's first screen in a real browser at 1366×768 (the station PCs' screen): the
state, the next deadline and every action button lie inside the viewport without scrolling,
for a late case and for one on time, and a button opens its form right there."""

from datetime import timedelta

import pytest
from browser_support import VIEWPORT, login
from case_helpers import local_now, make_case, move_to
from helpers import say

pytestmark = pytest.mark.browser

# A subject as long as a clerk types them (two lines of the heading), and a key person's
# marker above the state: what pushes the first screen down in real use.
SUBJECT = "村东头三户反映晚上电压低，空调和水泵无法启动，已持续一周，多次打95598未见处理"


def _inside_viewport(page, selector: str) -> list[str]:
    """The texts of the elements matching ``selector`` that lie wholly outside the screen."""
    out = []
    for item in page.locator(selector).all():
        box = item.bounding_box()
        assert box is not None, selector
        inside = box["x"] >= 0 and box["y"] >= 0
        inside = inside and box["x"] + box["width"] <= VIEWPORT["width"]
        inside = inside and box["y"] + box["height"] <= VIEWPORT["height"]
        if not inside:
            out.append(f"{item.inner_text()!r} at {box}")
    return out


def _first_screen(page, ref: str) -> dict[str, str]:
    page.goto(f"/cases/{ref}")
    assert page.evaluate("window.scrollY") == 0
    return {
        "state": page.locator(".case-state").inner_text(),
        "next due": page.locator(".next-due").inner_text(),
        "buttons": page.locator(".action-buttons [role=button]").all_inner_texts(),
        "outside": [
            *_inside_viewport(page, ".case-state"),
            *_inside_viewport(page, ".next-due"),
            *_inside_viewport(page, ".action-buttons [role=button]"),
        ],
    }


@pytest.mark.parametrize("username", ["clerk", "head"])
def test_a_late_case_shows_state_deadline_and_actions_on_the_first_screen(
    page, live_server, username
):
    app = live_server.app
    ref = make_case(app, subject=SUBJECT, received_local=local_now(app) - timedelta(days=20))
    move_to(app, ref, "accepted")
    login(page, username)
    seen = _first_screen(page, ref)
    assert seen["outside"] == []
    assert say(app, "Accepted") in seen["state"]
    assert say(app, "Late") in seen["next due"]
    assert say(app, "Reply") in seen["buttons"]
    # Late is red, the colour of the late badge.
    color = page.locator(".next-due").evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(179, 38, 30)"


@pytest.mark.parametrize("username", ["clerk", "head"])
def test_a_case_on_time_shows_state_deadline_and_actions_on_the_first_screen(
    page, live_server, username
):
    app = live_server.app
    # Received now: "an hour ago" is yesterday in the first hour after midnight, and a first
    # contact due today is not "on time".
    ref = make_case(app, subject=SUBJECT, received_local=local_now(app))
    login(page, username)
    seen = _first_screen(page, ref)
    assert seen["outside"] == []
    assert say(app, "Registered") in seen["state"]
    assert say(app, "On time") in seen["next due"]
    assert say(app, "Late") not in seen["next due"]
    assert say(app, "Accept") in seen["buttons"]


def test_a_button_opens_its_form_in_place_and_cancel_folds_it(page, live_server):
    app = live_server.app
    ref = make_case(app)
    move_to(app, ref, "accepted")
    login(page, "clerk")
    page.goto(f"/cases/{ref}")
    page.evaluate("window.stillTheSamePage = true")
    # A real button (not a heading) that looks like one.
    reply = page.get_by_role("button", name=say(app, "Reply"), exact=True)
    assert reply.evaluate("e => getComputedStyle(e).borderStyle") == "solid"

    reply.click()
    form = page.locator("#action-slot .form-reply")
    form.wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.url.endswith(f"/cases/{ref}")
    box = form.bounding_box()
    assert box["y"] < VIEWPORT["height"]  # it opens where the user looks
    assert page.evaluate("document.activeElement.name") == "reply-method"
    assert form.locator("input[value=phone]").is_checked()  # a phone case is answered by phone

    form.get_by_role("link", name=say(app, "Cancel")).click()
    form.wait_for(state="detached")
    assert page.evaluate("window.stillTheSamePage") is True


def test_an_extension_is_decided_by_pressing_approve(page, live_server):
    app = live_server.app
    ref = make_case(app)
    move_to(app, ref, "accepted")
    login(page, "clerk")
    page.goto(f"/cases/{ref}")
    page.locator("a.action-request_extension").click()
    form = page.locator("#action-slot .form-request_extension")
    form.locator("textarea").fill("需等待线路改造")
    due = (local_now(app) + timedelta(days=40)).date().isoformat()
    form.locator("input[type=date]").fill(due)
    form.locator("button[type=submit]").click()
    page.locator(".extensions").wait_for()

    page.context.clear_cookies()
    login(page, "head")
    page.goto(f"/cases/{ref}")
    page.locator("a.action-decide_extension").click()
    form = page.locator("#action-slot .form-decide_extension")
    form.get_by_role("button", name=say(app, "Approve the extension")).click()
    page.locator(".extensions .badge.ok").wait_for()
    assert say(app, "Approved") in page.locator(".extensions").inner_text()
