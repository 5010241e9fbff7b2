"""Real-browser fixtures: the app served by waitress, Debian's Chromium driven by Playwright.

Loaded as a pytest plugin by ``conftest.py``. Tests marked ``browser`` take the
``page`` fixture (a fresh browser context whose base URL is the live server, so
``page.goto("/login")`` works) and ``login(page, username)``. Each test gets its
own server and a fresh database; the browser itself is started once per run.

Without ``/usr/bin/chromium`` or the ``playwright`` package these tests are
skipped with a message; CI sets ``REQUIRE_BROWSER_TESTS=1`` so that a missing
browser fails the run instead of passing it quietly.
"""

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSWORD, make_app, seed_staff
from flask import Flask
from waitress import wasyncore
from waitress.server import create_server

from station.extensions import db

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 768}  # the station PCs' screen
TIMEOUT_MS = 15_000


@dataclass
class LiveServer:
    url: str
    app: Flask


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER_TESTS=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, started once per test run."""
    if not CHROMIUM.exists():
        _skip_or_fail("Browser tests need Debian's chromium at /usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail('Browser tests need playwright: pip install -e ".[test]"')
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _serve(server: Any, stop: threading.Event) -> None:
    # Our own loop instead of server.run(), so that it stops on request and
    # closes every socket in this thread (closing them from another races).
    while not stop.is_set():
        wasyncore.loop(timeout=0.05, map=server._map, count=1)
    # A channel's handle_close closes what it has not sent yet, a file of send_file
    # included (close_all would leave it to the garbage collector, whose ResourceWarning
    # then fails whichever test runs next); it also wakes a task waiting to write.
    for channel in list(server.active_channels.values()):
        channel.handle_close()
    server.task_dispatcher.shutdown(timeout=5)
    wasyncore.close_all(server._map)


@contextmanager
def serving(app: Any, threads: int = 4) -> Iterator[str]:
    """``app`` served by waitress on a free loopback port, for as long as the block runs."""
    server = create_server(app, host="127.0.0.1", port=0, threads=threads, ident="Station Desk")
    stop = threading.Event()
    thread = threading.Thread(target=_serve, args=(server, stop), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stop.set()
        thread.join(timeout=10)
        if "sqlalchemy" in app.extensions:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


@pytest.fixture
def live_server(tmp_path, template_db) -> Iterator[LiveServer]:
    """The app with the test staff and CSRF on, served by waitress on a free loopback port."""
    app = make_app(tmp_path, template_db, WTF_CSRF_ENABLED=True)
    seed_staff(app)
    with serving(app) as url:
        yield LiveServer(url=url, app=app)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's outcome on the test item, for the screenshot on failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, live_server, request) -> Iterator[Any]:
    """A fresh browser tab (own cookies) on the live server; a screenshot if the test fails."""
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = request.config.rootpath / "test-artifacts"
        folder.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        tab.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    context.close()


def login(page: Any, username: str = "clerk", password: str = PASSWORD) -> None:
    """Log in through the login form as a person would, and wait for the page after it."""
    page.goto("/login")
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill(username)
    form.locator('input[name="password"]').fill(password)
    form.locator('button[type="submit"]').click()
    page.wait_for_url(lambda url: "/login" not in url)
