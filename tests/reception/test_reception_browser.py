"""Reception day in a real browser (CSRF on): the kiosk shows the next visitor nothing of
the one before, a browser never granted gets no form, the kiosk reaches no staff page, and
a whole day from the kiosk to the last outcome and the case list."""

import pytest
from browser_support import TIMEOUT_MS, VIEWPORT, login
from case_helpers import today
from reception_helpers import make_today_a_reception_day, visitors

pytestmark = pytest.mark.browser

KIOSK_FORM = "form[data-kiosk-form]"


def _open_kiosk(page, username: str = "clerk") -> None:
    """A staff member turns this browser into the kiosk with one click (and confirms)."""
    login(page, username)
    page.goto("/reception/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator('form[action="/reception/kiosk"] button').click()
    page.wait_for_url("**/reception/signin")
    page.locator(KIOSK_FORM).wait_for()


def _field(page, suffix: str):
    return page.locator(f'{KIOSK_FORM} [name$="-{suffix}"]')


def _sign_in(page, name: str, phone: str, matter: str, headcount: str = "1") -> None:
    _field(page, "name").fill(name)
    _field(page, "phone").fill(phone)
    _field(page, "matter").fill(matter)
    _field(page, "headcount").fill(headcount)
    _field(page, "name").press("Tab")
    page.locator(f"{KIOSK_FORM} button[type=submit]").click()
    page.locator(".queue-number").wait_for()


def _field_names(page) -> set[str]:
    return set(page.locator(f"{KIOSK_FORM} [name]").evaluate_all("els => els.map(e => e.name)"))


def _typed(page) -> list[str]:
    """Whatever the kiosk form's visible fields hold."""
    return page.locator(
        f"{KIOSK_FORM} input:not([type=hidden]), {KIOSK_FORM} textarea"
    ).evaluate_all("els => els.map(e => e.value)")


def test_the_next_visitor_sees_nothing_of_the_one_before(page, live_server):
    make_today_a_reception_day(live_server.app)
    _open_kiosk(page)
    first_names = _field_names(page)
    _sign_in(page, "张秀英", "13912340001", "家里电压不稳，冰箱停机")
    assert page.locator(".queue-number strong").inner_text() == "1"
    # The next visitor: an empty form with other field names, nothing of the first anywhere.
    assert _typed(page) == ["", "", "", "1"]
    assert not (_field_names(page) - {"k", "csrf_token"}) & first_names
    for word in ("张秀英", "13912340001", "冰箱停机"):
        assert word not in page.content()
    # Back: the page the first visitor typed into comes again empty, with new names again.
    page.go_back()
    page.locator(KIOSK_FORM).wait_for()
    page.wait_for_load_state()
    assert _typed(page) == ["", "", "", "1"]
    for word in ("张秀英", "13912340001", "冰箱停机"):
        assert word not in page.content()
    # The browser's suggestions go by field name and were turned off: nothing to suggest.
    _field(page, "name").click()
    _field(page, "name").press("ArrowDown")
    assert _typed(page) == ["", "", "", "1"]
    for suffix in ("name", "phone", "matter", "headcount"):
        assert _field(page, suffix).get_attribute("autocomplete") == "off"
    assert page.locator(f"{KIOSK_FORM}").get_attribute("autocomplete") == "off"
    assert page.locator("datalist").count() == 0


def test_a_browser_never_granted_gets_no_form(page, live_server):
    make_today_a_reception_day(live_server.app)
    page.goto("/reception/signin")
    page.wait_for_url("**/login**")
    assert page.locator(KIOSK_FORM).count() == 0
    assert page.locator('[name$="-matter"]').count() == 0


def test_the_kiosk_reaches_no_staff_page(page, live_server):
    make_today_a_reception_day(live_server.app)
    _open_kiosk(page, "head")
    for path in ("/", "/cases/", "/cases/new?channel=visit", "/reception/", "/devices/"):
        page.goto(path)
        page.wait_for_url("**/reception/signin")
        assert page.locator(".site-header .nav-links").count() == 0
    # A staff login at the login page changes nothing either.
    login(page, "head")
    page.goto("/cases/")
    page.wait_for_url("**/reception/signin")


def test_a_reception_day_from_the_kiosk_to_the_case_list(page, live_server, browser):
    app = live_server.app
    make_today_a_reception_day(app)
    day = today(app).isoformat()
    _open_kiosk(page, "clerk")
    _sign_in(page, "刘德明", "13812345678", "咨询峰谷电价怎么算")
    _sign_in(page, "陈桂兰", "13987654321", "电表箱门坏了一直没人修", "2")

    host = browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="zh-CN")
    host.set_default_timeout(TIMEOUT_MS)
    head = host.new_page()
    try:
        login(head, "head")
        head.goto(f"/reception/{day}")
        waiting = head.locator(".queue-waiting tbody tr")
        waiting.nth(1).wait_for()
        assert waiting.count() == 2
        # The first: answered on the spot.
        head.locator(".queue-waiting tbody tr", has_text="刘德明").locator(
            'a[href*="/visitors/"]'
        ).click()
        head.locator("input[name=outcome][value=answered]").wait_for(state="attached")
        answered = head.locator("form", has=head.locator("input[name=outcome][value=answered]"))
        answered.locator("textarea[name=answer]").fill("已当面讲解峰谷分时电价")
        answered.locator("button[type=submit]").click()
        head.wait_for_url(f"**/reception/{day}")
        # The second becomes a case: the visit form comes filled from the sign-in.
        head.locator(".queue-waiting tbody tr", has_text="陈桂兰").locator(
            'a[href*="from=visitor"]'
        ).click()
        head.wait_for_url("**/cases/new?channel=visit*")
        assert head.locator("[name=person_name]").input_value() == "陈桂兰"
        assert head.locator("[name=person_phone]").input_value() == "13987654321"
        assert head.locator("[name=content]").input_value() == "电表箱门坏了一直没人修"
        head.locator("form.intake-form button[type=submit]").first.click()
        head.wait_for_url("**/registered")
        ref = head.url.split("/cases/")[1].split("/")[0]
        head.goto(f"/reception/{day}")
        done = head.locator(".queue-done tbody tr")
        done.nth(1).wait_for()
        assert head.locator(".queue-waiting tbody tr").count() == 0
        assert head.locator(".queue-done", has_text=ref).count() == 1
        head.goto("/cases/")
        assert head.locator(".case-table", has_text=ref).count() == 1
    finally:
        host.close()
    assert sorted(v.outcome for v in visitors(app)) == ["answered", "case"]
