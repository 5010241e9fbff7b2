"""A month's figures are computed once and kept until a write commits (station/changes.py):
a case received or moved after the page was read shows at once, on the page and in its
files, for every viewer; reading the page again does not count the month again."""

# ruff: noqa: F811 (the fixture ``october`` is imported and taken as an argument)
import re
from datetime import datetime

from case_helpers import add_case
from helpers import recorded_sql, text
from summary_support import cells, october, page  # noqa: F401 (october: a fixture)

PHONE_BEFORE = ["2", "0", "0", "0", "0", "2"]  # summary_support's October: C2 and C4
PHONE_AFTER = ["3", "0", "0", "0", "0", "3"]


def _phone_row(client) -> list[str]:
    return cells(text(page(client)), "data-channel", "phone")


def test_a_case_received_after_the_page_was_read_is_counted_at_once(app, client, auth, october):
    auth.login("head")
    assert _phone_row(client) == PHONE_BEFORE
    assert _phone_row(client) == PHONE_BEFORE
    add_case(app, received=datetime(2026, 10, 20, 9))  # a phone complaint
    assert _phone_row(client) == PHONE_AFTER


def test_every_viewer_sees_the_change_not_only_the_one_who_read_first(app, client, auth, october):
    for who in ("head", "clerk", "inspector"):
        auth.login(who)
        assert _phone_row(client) == PHONE_BEFORE
        auth.logout()
    add_case(app, received=datetime(2026, 10, 20, 9))
    for who in ("head", "clerk", "inspector"):
        auth.login(who)
        assert _phone_row(client) == PHONE_AFTER, who
        auth.logout()


def test_the_csv_counts_a_case_received_after_it_was_downloaded(app, client, auth, october):
    auth.login("head")
    before = page(client, "/summary/2026-10.csv").data.decode("utf-8-sig")
    assert "本月受理（不含举报）,5\r\n" in before
    add_case(app, received=datetime(2026, 10, 20, 9))
    after = page(client, "/summary/2026-10.csv").data.decode("utf-8-sig")
    assert "本月受理（不含举报）,6\r\n" in after


def _statements(app, client) -> int:
    with recorded_sql(app) as seen:
        assert page(client).status_code == 200
    return len(seen)


def test_reading_the_page_again_does_not_count_the_month_again(app, client, auth, october):
    auth.login("head")
    first = _statements(app, client)
    again = _statements(app, client)
    # The month's counting is some thirty statements or more; what is left is the request's own
    # (the session, the user, the month's bounds, the submitted versions).
    assert first >= 30
    assert again <= 12, (first, again)


def test_the_page_lists_the_hundred_most_late_and_the_files_list_them_all(app, client, auth):
    # 102 calls received on 12 October and never answered: all late on 31 October, their
    # first contact due on 13 October.
    refs = [add_case(app, received=datetime(2026, 10, 12, 9)) for _ in range(102)]
    auth.login("head")
    body = text(page(client))
    assert len(re.findall(r'<tr data-late="', body)) == 100
    assert "另有2件超期案件未在此列出，XLSX和CSV文件列有全部超期案件。" in body
    csv = page(client, "/summary/2026-10.csv").data.decode("utf-8-sig")
    assert [ref for ref in refs if f"\r\n{ref}," not in csv] == []
