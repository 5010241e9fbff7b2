"""A report from call to disclosure, in a real browser with CSRF on: a clerk takes it and
cannot read it back, the inspector handles it, the head asks who reported, the inspector
approves, the head sees it, and the access log shows every step."""

import re

import pytest
from browser_support import TIMEOUT_MS, VIEWPORT, login

pytestmark = pytest.mark.browser

NAME, PHONE = "钱卫东", "13807161234"


def _tab(browser, live_server, username: str):
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    login(tab, username)
    return tab


def _register_by_phone(page) -> tuple[str, str]:
    page.goto("/cases/new?channel=phone")
    page.locator("#person_phone").fill(PHONE)
    page.locator("#person_name").fill(NAME)
    page.locator("#kind").select_option("report")
    page.locator("#subject").fill("举报抄表员多收电费")
    page.locator("#content").fill("抄表员多报电量，几户人家的电费比平时高出一倍。")
    page.locator("#intake-form > .toolbar button[type=submit]").click()
    page.locator(".receipt-code").first.wait_for()
    ref = re.search(r"JB\d{4}-\d{3}", page.locator(".big-ref").first.inner_text()).group(0)
    return ref, page.locator(".receipt-code").first.inner_text()


def test_a_report_from_the_call_to_the_disclosure(page, browser, live_server):
    login(page, "clerk")
    ref, code = _register_by_phone(page)
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)
    assert "抄表员多报电量" not in page.content()
    assert page.goto(f"/cases/{ref}").status == 404  # the clerk cannot read it back

    inspector = _tab(browser, live_server, "inspector")
    inspector.goto(f"/cases/{ref}")
    assert NAME in inspector.content() and PHONE in inspector.content()
    message = inspector.locator('form[action$="/message"]')
    inspector.locator("#report-panel summary", has_text="留言").click()
    message.locator("textarea").fill("您的举报已受理，正在核查。")
    message.locator("button[type=submit]").click()
    inspector.locator("#report-panel").get_by_text("您的举报已受理，正在核查。").wait_for()

    head = _tab(browser, live_server, "head")
    head.goto(f"/cases/{ref}")
    assert NAME not in head.content() and "钱**" in head.content()
    assert "138****1234" in head.content()
    head.locator("#report-panel summary", has_text="申请查看举报人身份").click()
    ask = head.locator('form[action$="/disclosure"]')
    ask.locator("textarea").fill("需当面回访核实多收电费的户数。")
    ask.locator("button[type=submit]").click()
    head.locator("#report-panel .disclosure.pending").wait_for()

    inspector.goto(f"/cases/{ref}")
    decide = inspector.locator('#report-panel form[action*="/disclosures/"]')
    decide.locator("textarea").fill("回访确需联系举报人。")
    decide.locator('button[value="approve"]').click()
    inspector.locator("#report-panel .disclosure.approved").wait_for()

    head.goto(f"/cases/{ref}")
    assert NAME in head.content() and PHONE in head.content()

    inspector.goto(f"/confidential/reports/{ref}/log")
    log = inspector.locator("table").inner_text()
    for done in ("登记", "查看", "申请查看身份", "批准查看身份", "写了给举报人的留言"):
        assert done in log, done
    assert log.count("head") >= 2 and "inspector" in log  # who, for each step
