"""Retake docs/screenshot.png: the home page after logging in, at 1366×768.

    .venv/bin/station demo              # prints the demo logins
    .venv/bin/station serve &
    .venv/bin/python docs/take_screenshot.py zhaojun PASSWORD    # the head

Needs Debian's chromium and the test extra (playwright).
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "screenshot.png"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("username")
    parser.add_argument("password")
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    args = parser.parse_args()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
        page.goto(args.url + "/login")
        form = page.locator("form", has=page.locator('input[name="password"]'))
        form.locator('input[name="username"]').fill(args.username)
        form.locator('input[name="password"]').fill(args.password)
        form.locator('button[type="submit"]').click()
        page.wait_for_url(lambda url: "/login" not in url)
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"Saved {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
