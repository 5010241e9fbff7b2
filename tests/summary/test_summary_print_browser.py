"""The monthly summary on paper, in a real browser with print media: the circulated report's
heading (station and month), the tables and the trend; no navigation, no buttons or export
links; an A4 PDF."""

import pytest
from browser_support import login
from case_helpers import add_case, local_now

pytestmark = pytest.mark.browser


def test_the_summary_prints_as_a_circulated_report(page, live_server):
    add_case(live_server.app, received=local_now(live_server.app))
    login(page, "head")
    page.goto("/summary/")
    assert page.locator(".summary-exports").is_visible()
    assert not page.locator(".summary-masthead").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".summary-masthead-station").inner_text() == "测试供电所"
    assert page.locator(".summary-masthead-title").inner_text().endswith("优质服务例会通报")
    for hidden in (".site-header", ".summary-exports", ".summary-months", ".site-footer"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator(".summary-channel-kind").is_visible()
    assert page.locator(".trend-chart").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    # A4 is 595 × 842 points.
    assert b"/MediaBox [0 0 595" in pdf or b"/MediaBox [0 0 594" in pdf
