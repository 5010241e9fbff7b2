"""The home page in a real browser at the station PC's 1366×768 and on an upright tablet:
the head finds the late and due cases, and their actions, on the first screen."""

from datetime import timedelta

import pytest
from browser_support import login
from case_helpers import add_case, today
from conftest import user_id

pytestmark = pytest.mark.browser


def lists_world(app) -> dict[str, str]:
    day = today(app)
    due = {"due_contact": day, "due_reply": day + timedelta(days=9),
           "due_close": day + timedelta(days=20), "assignee_id": user_id(app, "clerk")}  # fmt: skip
    return {
        "late": add_case(app, subject="停电三天无人处理，村民多次来电反映情况" * 3),
        "due": add_case(app, subject="今天到期的咨询", later=due),
    }


def inside_viewport(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def test_the_heads_first_screen_has_the_late_and_due_cases_and_their_actions(page, live_server):
    refs = lists_world(live_server.app)
    login(page, "head")
    page.goto("/")
    late = f'#home-late a.step-link[href="/cases/{refs["late"]}/form/assign"]'
    due = f'#home-due_today a.step-link[href="/cases/{refs["due"]}/form/remind"]'
    assert inside_viewport(page, late)
    assert inside_viewport(page, due)
    # a long subject stays on one line, its whole text on hover
    subject = page.locator("#home-late td.subject-short").first
    assert subject.get_attribute("title").startswith("停电三天无人处理")
    assert subject.bounding_box()["height"] < 70  # the row's two-line deadline, not more
    # cut at the cell's edge with an ellipsis, not spilling over the next cells
    cut = "el => [el.scrollWidth > el.clientWidth, getComputedStyle(el).textOverflow]"
    assert subject.evaluate(cut) == [True, "ellipsis"]
    page.locator(late).click()
    page.wait_for_url(f"**/cases/{refs['late']}/form/assign")


def test_on_an_upright_tablet_the_lists_fit_the_width(page, live_server):
    lists_world(live_server.app)
    page.set_viewport_size({"width": 768, "height": 1024})
    login(page, "head")
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    assert inside_viewport(page, "#home-late a.step-link")
