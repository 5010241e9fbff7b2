"""The case list in a real browser at 1366×768: a heading sorts the rows in place, the
filters and the order stay in the address; radio buttons have no bullets."""

from datetime import datetime

import pytest
from browser_support import login
from case_helpers import add_case, make_case, move_to

pytestmark = pytest.mark.browser


def refs(page) -> list[str]:
    return page.locator(".case-table tbody tr td:first-child a").all_inner_texts()


def test_a_heading_sorts_in_place_and_the_filter_keeps_the_order(page, live_server):
    app = live_server.app
    add_case(app, received=datetime(2026, 3, 2, 9), subject="甲")
    add_case(app, received=datetime(2026, 3, 9, 9), subject="乙")
    add_case(app, received=datetime(2026, 3, 5, 9), subject="丙", channel="letter")
    login(page, "clerk")
    page.goto("/cases/")
    page.evaluate("window.stillTheSamePage = true")
    assert refs(page) == ["2026-0002", "2026-0003", "2026-0001"]

    page.locator(".case-table th a.sort-link").first.click()  # 编号
    page.wait_for_url("**/cases/?sort=ref")
    page.locator('.case-table th[aria-sort="ascending"]').wait_for()
    assert refs(page) == ["2026-0001", "2026-0002", "2026-0003"]

    page.select_option("#channel", "phone")  # a filter sent with the order kept
    page.wait_for_url("**channel=phone**")
    assert "sort=ref" in page.url
    page.locator(".case-table tbody tr").nth(1).wait_for()
    page.wait_for_function("document.querySelectorAll('.case-table tbody tr').length === 2")
    assert refs(page) == ["2026-0001", "2026-0002"]
    assert page.evaluate("window.stillTheSamePage") is True


def test_a_long_subject_takes_two_lines_at_most(page, live_server):
    subject = "村民反映家门口的电线杆被大风吹歪以后一直没有扶正" * 8  # 192 characters
    add_case(live_server.app, subject=subject)
    login(page, "clerk")
    page.goto("/cases/")
    cell = page.locator(".case-table td.subject .clamp").first
    assert cell.get_attribute("title") == subject
    line = float(cell.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert cell.bounding_box()["height"] <= 2 * line + 1


def test_radio_buttons_have_no_bullets(page, live_server):
    ref = make_case(live_server.app)
    move_to(live_server.app, ref, "accepted")  # the reply's method is a list of radio buttons
    login(page, "clerk")
    page.goto(f"/cases/{ref}/form/reply")  # the case page with the reply's form open
    item = page.locator("li:has(> input[type=radio])").first
    assert item.evaluate("e => getComputedStyle(e).listStyleType") == "none"
