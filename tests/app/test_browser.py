"""A real browser logs in and sees the Chinese home page (fixtures in browser_support.py)."""

import re

import pytest
from browser_support import login
from conftest import STATION_A

pytestmark = pytest.mark.browser

# A date the Chinese way, as the home page shows today's date: 2026年11月28日.
CHINESE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def test_login_shows_the_chinese_home_page(page):
    login(page, "head")
    # A head lands on the overdue board (their home page); the home page is one click away.
    assert page.url.endswith("/board")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    header = page.locator("header")
    assert STATION_A in header.inner_text()
    assert "head" in header.locator(".user-menu").inner_text()
    assert page.locator('form[action$="/logout"] button[type="submit"]').is_visible()
    assert "head" in page.locator("h1").inner_text()
    assert CHINESE_DATE.search(page.locator("main").inner_text())


def test_wrong_password_stays_on_the_login_page(page):
    page.goto("/login")
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill("head")
    form.locator('input[name="password"]').fill("not-the-password")
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state()

    assert "/login" in page.url
    assert page.locator('form[action$="/logout"]').count() == 0


def test_logout_returns_to_the_login_page(page):
    login(page, "clerk")
    page.locator('form[action$="/logout"] button[type="submit"]').click()
    page.wait_for_url(lambda url: "/login" in url)

    page.goto("/")
    assert "/login" in page.url  # the home page is closed again
