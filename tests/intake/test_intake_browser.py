"""In a real browser: a phone complaint from the keyboard alone, and the repeat-caller check."""

import os

import pytest
from browser_support import login

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("INTAKE_SCREENSHOTS")  # a folder: save pictures of the pages to look at


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_phone_complaint_from_the_keyboard(page):
    login(page, "clerk")
    page.goto("/cases/new?channel=phone")
    # The caller's number at once, then subject (the line is the service line by default).
    assert page.evaluate("document.activeElement.name") == "person_phone"
    page.keyboard.type("13812345678")
    page.keyboard.press("Tab")  # leaving the number asks for earlier cases (none yet)
    assert page.evaluate("document.activeElement.name") == "subject"
    page.keyboard.type("台区电压低，空调无法启动")
    shot(page, "phone-form")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/registered"))
    ref = page.locator(".big-ref strong").inner_text()
    shot(page, "confirmation")

    # The same caller again: the earlier case shows up as soon as the number is entered.
    page.goto("/cases/new?channel=phone")
    page.locator("#person_phone").fill("13812345678")
    page.locator("#person_phone").press("Tab")
    page.locator("#earlier-cases").get_by_text(ref).wait_for()
    shot(page, "repeat-caller")

    page.goto(f"/cases/{ref}/receipt")
    assert ref in page.locator(".receipt-sheet").inner_text()
    shot(page, "receipt")


def test_the_work_order_is_asked_only_for_a_hotline_call(page):
    login(page, "clerk")
    page.goto("/cases/new?channel=phone")
    work_order = page.locator("fieldset[data-shown-when=phone_line]")
    assert work_order.is_hidden()  # the station's own line: no work order
    page.locator("#phone_line").select_option("95598")
    work_order.wait_for(state="visible")
    page.locator("#subject").fill("95598工单：电表走字快")
    page.locator("#subject").press("Enter")
    # The server still asks for the number of a hotline's work order.
    page.locator("#external_ref-error").wait_for()
    assert page.evaluate("document.activeElement.name") == "external_ref"
    page.keyboard.type("GD-20260302-01")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/registered"))


def test_the_persons_reported_are_asked_only_for_a_report(page):
    login(page, "clerk")
    page.goto("/cases/new?channel=counter")
    reported = page.locator("fieldset[data-shown-when=kind]")
    assert reported.is_hidden()  # a complaint by default
    page.locator("#kind").select_option("report")
    reported.wait_for(state="visible")
    page.locator("#subject").fill("抄表员收取加急费")
    page.locator("#persons_reported-0-name").fill("张三")
    page.locator("#persons_reported-0-unit").fill("抄表班")
    page.locator("#persons_reported-1-user").select_option(label="head")
    page.locator("#kind").select_option("complaint")
    reported.wait_for(state="hidden")
    page.locator("#kind").select_option("report")
    reported.wait_for(state="visible")
    assert page.locator("#persons_reported-0-name").input_value() == "张三"  # kept
    page.locator("#intake-form > .toolbar button[type=submit]").click()
    page.locator(".intake-done .big-ref").first.wait_for()


def test_a_letter_gets_more_enclosure_rows_on_request(page):
    login(page, "clerk")
    page.goto("/cases/new?channel=letter")
    rows = page.locator("#enclosure-rows tr")
    assert rows.count() == 3
    page.locator("#add-enclosure").click()
    page.locator('input[name="enclosures-3-description"]').wait_for()
    page.locator("#add-enclosure").click()
    page.locator('input[name="enclosures-4-description"]').fill("荣誉证书原件")
    page.locator("#subject").fill("来信反映抄表不准")
    shot(page, "letter-form")
    page.locator("#subject").press("Enter")
    page.wait_for_url(lambda url: url.endswith("/registered"))
    ref = page.locator(".big-ref strong").inner_text()
    page.goto(f"/cases/{ref}/receipt")
    assert "荣誉证书原件" in page.locator(".receipt-sheet").inner_text()
