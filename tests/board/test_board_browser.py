"""The board in a real browser: it refreshes itself (htmx), so a case that becomes late moves
to the late group without a reload, and the filters stay."""

from datetime import timedelta

import pytest
from browser_support import login
from case_helpers import add_case, change_case, local_now, today

pytestmark = pytest.mark.browser


def test_the_board_refreshes_itself_when_a_case_becomes_late(page, live_server):
    app = live_server.app
    app.config["BOARD_REFRESH_SECONDS"] = 1
    day = today(app)
    later = {
        "due_contact": day + timedelta(days=20),
        "due_reply": day + timedelta(days=30),
        "due_close": day + timedelta(days=40),
    }
    received = local_now(app) - timedelta(hours=1)
    ref = add_case(app, subject="马上要超期", received=received, later=later)
    login(page, "head")
    page.goto("/board?channel=phone")
    page.locator(f'#board-on_track tr[data-ref="{ref}"]').wait_for()
    page.evaluate("window.boardMarker = 'same page'")

    change_case(app, ref, "clerk", due_contact=day - timedelta(days=1))

    page.locator(f'#board-late tr[data-ref="{ref}"]').wait_for()
    assert page.locator(f'#board-on_track tr[data-ref="{ref}"]').count() == 0
    assert page.evaluate("window.boardMarker") == "same page"  # no full reload
    assert page.locator("#board").get_attribute("hx-get") == "/board?channel=phone"
    assert page.locator('select[name="channel"]').input_value() == "phone"
