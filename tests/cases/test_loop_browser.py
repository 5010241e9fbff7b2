"""The whole closed loop in a real browser with CSRF on, as the station's staff live it.

A clerk registers a letter, accepts it, replies by letter and records the follow-up
call; the head closes it; the case file shows every step. And a phone complaint
taken from the keyboard alone, needing nothing but the essentials.
"""

import re

import pytest
from browser_support import TIMEOUT_MS, VIEWPORT, login
from helpers import say

pytestmark = pytest.mark.browser

REF = re.compile(r"^\d{4}-\d{4}$")
CHINESE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
LOOP_EVENTS = ("Registered", "Accepted", "Replied", "Follow-up call", "Closed")


def _act(page, action: str):
    """Press an action's button on the case page and return the form it opens in place."""
    page.locator(f"a.action-open.action-{action}").click()
    form = page.locator(f"#action-slot .form-{action}")
    form.wait_for()
    return form


def _status(page) -> str:
    return page.locator("#case-status").inner_text()


def _register_letter(page, app) -> str:
    page.goto("/cases/new?channel=letter")
    page.locator("#person_name").fill("李秀英")
    page.locator("#person_address").fill("东山乡李家村五组8号")
    page.locator("#postcode").fill("518000")
    page.locator("#person_phone").fill("13900002222")
    page.locator("#subject").fill("来信反映电表走字过快")
    page.locator("#content").fill("家中无人时电表仍在走字，上月电费比往常多一倍，请求校验电表。")
    page.locator('select[name="enclosures-0-kind"]').select_option("photo")
    page.locator('input[name="enclosures-0-description"]').fill("电表照片两张")
    page.locator('input[name="enclosures-0-kept_at"]').fill("档案柜一层")
    page.get_by_role("button", name=say(app, "Register"), exact=True).click()
    page.wait_for_url(lambda url: url.endswith("/registered"))

    done = page.locator("main")
    assert done.locator("h1").inner_text() == say(app, "Case registered")
    ref = done.locator(".big-ref strong").inner_text()
    assert REF.match(ref)
    deadlines = done.locator("table.deadlines").inner_text()
    for name in ("First contact", "Reply", "Close"):
        assert say(app, name) in deadlines
    assert CHINESE_DATE.search(deadlines)
    return ref


def _clerk_handles(page, app, ref: str) -> None:
    page.get_by_role("button", name=say(app, "Open the case")).click()
    page.wait_for_url(lambda url: url.endswith(f"/cases/{ref}"))
    assert _status(page) == say(app, "Registered")
    assert "电表照片两张" in page.locator("main").inner_text()

    _act(page, "accept").locator("button[type=submit]").click()
    page.locator("a.action-reply").wait_for()
    assert _status(page) == say(app, "Accepted")

    form = _act(page, "reply")
    form.locator("input[value=letter]").check()
    form.locator("textarea[name=reply-content]").fill(
        "经现场校验，电表误差在允许范围内，已向您说明用电情况。"
    )
    form.locator("button[type=submit]").click()
    page.locator("a.action-follow_up").wait_for()
    assert _status(page) == say(app, "Replied")
    region = page.locator("#case-region")
    assert region.get_by_role("link", name=say(app, "Print the reply letter")).is_visible()

    form = _act(page, "follow_up")
    form.locator("input[value=satisfied]").check()
    form.locator("button[type=submit]").click()
    page.locator(".event-follow_up").wait_for()
    assert _status(page) == say(app, "Followed up")
    assert say(app, "Satisfied") in region.locator(".case-state").inner_text()
    # Closing is the head's: the clerk is not offered it.
    assert page.locator("a.action-close").count() == 0


def _head_closes(browser, live_server, ref: str) -> None:
    app = live_server.app
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        head = context.new_page()
        login(head, "head")
        head.goto(f"/cases/{ref}")
        assert _status(head) == say(app, "Followed up")
        _act(head, "close").locator("button[type=submit]").click()
        head.locator(".event-close").wait_for()
        assert _status(head) == say(app, "Closed")
        assert head.locator("a.action-reply").count() == 0
    finally:
        context.close()


def test_a_letter_goes_round_the_whole_loop(page, browser, live_server):
    app = live_server.app
    login(page, "clerk")
    ref = _register_letter(page, app)
    _clerk_handles(page, app, ref)
    _head_closes(browser, live_server, ref)

    page.goto(f"/cases/{ref}/print")
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()  # on paper: the sheet alone
    assert not page.get_by_role("button", name=say(app, "Print")).is_visible()
    sheet = page.locator(".sheet.case-file")
    assert ref in sheet.locator(".sheet-head").inner_text()
    assert say(app, "Closed") in sheet.locator(".sheet-fields").inner_text()
    steps = sheet.locator(".events > li strong").all_inner_texts()
    assert steps == [say(app, name) for name in LOOP_EVENTS]
    text = sheet.inner_text()
    for words in ("来信反映电表走字过快", "电表照片两张", "经现场校验", "李秀英"):
        assert words in text


def test_a_phone_complaint_needs_only_the_essentials_and_the_keyboard(page, live_server):
    login(page, "clerk")
    page.goto("/cases/new?channel=phone")
    form = page.locator("form.intake-form")
    # Everything a clerk must type is among the essentials; the rest has a default.
    empty_required = form.locator("[required]").evaluate_all(
        "els => els.filter(e => !e.value).map(e => e.name)"
    )
    assert set(empty_required) <= {"subject", "content", "person_phone"}

    assert page.evaluate("document.activeElement.name") == "person_phone"
    page.keyboard.type("13712345678")
    page.keyboard.press("Tab")  # the work order comes after the essentials, for hotlines only
    assert page.evaluate("document.activeElement.name") == "subject"
    page.keyboard.type("家里频繁跳闸")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "content"
    page.keyboard.type("这周已经跳闸三次，冰箱里的东西都坏了。")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/registered"))

    assert REF.match(page.locator(".big-ref strong").inner_text())
    assert page.locator("main h1").inner_text() == say(live_server.app, "Case registered")
    assert "家里频繁跳闸" in page.locator("main").inner_text()
    assert CHINESE_DATE.search(page.locator("table.deadlines").inner_text())
