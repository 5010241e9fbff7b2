"""A Chinese run of three characters or more is found as a phrase: its characters in a row,
in one field, from the index alone; a report's by its hashed pieces and then the gate's
check. The counts below are counted by hand from the cases each test registers."""

import sqlite3
from datetime import timedelta

import pytest
from case_helpers import RECEIVED, add_case, make_case
from helpers import recorded_sql, text
from sqlalchemy import event

from station.extensions import db

pytestmark = pytest.mark.usefixtures("english")


def results(client, q: str, **args: str) -> str:
    page = client.get("/search", query_string={"q": q, **args})
    assert page.status_code == 200
    return text(page).split('id="case-results"')[1]


def test_the_run_must_stand_whole_in_one_field(app, client, auth):
    add_case(app, subject="营业厅服务态度差", content="多次投诉")
    add_case(app, subject="服务很好，义务态度", content="无")  # 服务, 务态, 态度, not in a row
    add_case(app, subject="优质服务", content="务态度差")  # in a row only across two fields
    add_case(app, subject="抄表问题", content="希望改进服务态度")
    auth.login("clerk")
    body = results(client, "服务态度")
    assert "营业厅服务态度差" in body and "抄表问题" in body
    assert "服务很好，义务态度" not in body and "优质服务" not in body
    assert "Cases found: 2" in body


def test_two_runs_must_each_stand_whole(app, client, auth):
    add_case(app, subject="王小明反映电压低", content="变压器噪音大")
    add_case(app, subject="王小明反映电压低", content="变压器正常")  # no 噪音大
    add_case(app, subject="王小二说小明家电压低", content="变压器噪音大")
    auth.login("clerk")
    body = results(client, "王小明 噪音大")
    assert "Cases found: 1" in body and "变压器" not in body


def test_a_report_s_sealed_words_are_checked_whole(app, client, auth):
    make_case(app, registered_by="head", kind="report", subject="举报收取好处费", content="甲")
    make_case(
        app, registered_by="head", kind="report", subject="举报", content="只收取好，不要好处费"
    )
    make_case(app, registered_by="head", kind="report", subject="举报", content="有人收取好处费")
    add_case(app, subject="反映有人收取好处费")
    auth.login("inspector")
    body = results(client, "收取好处费")
    assert "Cases found: 3" in body, body
    # The two reports holding it whole (their words are never listed), not the second.
    assert "JB2026-001" in body and "JB2026-003" in body and "JB2026-002" not in body
    auth.logout()
    auth.login("clerk")
    body = results(client, "收取好处费")
    assert "Cases found: 1" in body and "JB" not in body


def test_pages_of_checked_reports_are_right_and_complete(app, client, auth):
    app.config["PAGE_SIZE"] = 2
    hour = timedelta(hours=1)
    add_case(app, subject="⑤服务态度", received=RECEIVED)
    make_case(app, registered_by="head", kind="report", subject="④服务态度")
    make_case(app, registered_by="head", kind="report", subject="③服务态度")
    add_case(app, subject="②服务态度", received=RECEIVED + 2 * hour)
    make_case(app, registered_by="head", kind="report", subject="服务好，业务态度")
    add_case(app, subject="①服务态度", received=RECEIVED + 3 * hour)
    auth.login("inspector")
    first = results(client, "服务态度")
    second = results(client, "服务态度", page="2")
    third = results(client, "服务态度", page="3")
    assert "Cases found: 5" in first
    marks = ("①", "②", "JB2026-002", "JB2026-001", "⑤", "JB2026-003")
    shown = [[mark for mark in marks if mark in page] for page in (first, second, third)]
    # The reports, received an hour ago, come before the others (RECEIVED, in March), the
    # newest registered first; a report's words are never listed, its reference is.
    assert shown == [["JB2026-002", "JB2026-001"], ["①", "②"], ["⑤"]]


@pytest.fixture
def windows_sqlite(app):
    """The limit of host parameters of an older SQLite build (999), which a station's PC
    may have; the limit of Python on Windows today is 32,766."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("a limit of SQLite builds")

        @event.listens_for(db.engine, "connect")
        def low_limit(dbapi_connection, _record):
            dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)

        db.engine.dispose()


def test_more_matches_than_the_database_takes_parameters(app, client, auth, windows_sqlite):
    from test_search import bulk_cases

    bulk_cases(app, 1200, rare_every=1, subject="停电三天服务态度差", year=2025)
    later = RECEIVED + timedelta(days=1)  # bulk_cases' RECEIVED is UTC, add_case's local
    add_case(app, subject="服务好，业务态度", received=later)  # the pieces, not in a row
    add_case(app, subject="新的服务态度问题", received=later)
    for n in range(3):
        make_case(app, registered_by="head", kind="report", subject=f"服务态度{n}")
    make_case(app, registered_by="head", kind="report", subject="服务好，业务态度")
    auth.login("head")
    body = results(client, "服务态度")
    assert "Cases found: over 1,000" in body, body
    # Newest first: the three reports holding it (not the fourth), the newer case, 21 more.
    assert [ref in body for ref in ("JB2026-001", "JB2026-002", "JB2026-003", "JB2026-004")] == [
        True, True, True, False,
    ]  # fmt: skip
    assert "新的服务态度问题" in body and "业务态度" not in body
    assert body.count('title="停电三天服务态度差"') == 21
    assert results(client, "停电三天").count('title="停电三天服务态度差"') == 25


@pytest.fixture
def small_limits(monkeypatch):
    """A count's limit of 3 and PostgreSQL's probe of the 5 newest cases (finder.py)."""
    monkeypatch.setattr("station.cases.queries.COUNT_LIMIT", 3)
    monkeypatch.setattr("station.search.finder.PROBE_CASES", 5)


def test_a_phrase_past_the_limit_among_the_newest_says_over(app, client, auth, small_limits):
    hour = timedelta(hours=1)
    for n in range(4):
        add_case(app, subject=f"服务态度差{n}", received=RECEIVED + n * hour)
    add_case(app, subject="抄表问题", received=RECEIVED + 5 * hour)
    auth.login("clerk")
    assert "Cases found: over 3" in results(client, "服务态度")


def test_a_phrase_past_the_limit_among_older_cases_says_over(app, client, auth, small_limits):
    hour = timedelta(hours=1)
    for n in range(4):
        add_case(app, subject=f"服务态度差{n}", received=RECEIVED + n * hour)
    for n in range(5):
        add_case(app, subject=f"抄表问题{n}", received=RECEIVED + (10 + n) * hour)
    auth.login("clerk")
    assert "Cases found: over 3" in results(client, "服务态度")


def test_a_phrase_under_the_limit_is_counted_exactly(app, client, auth, small_limits):
    hour = timedelta(hours=1)
    for n in range(3):
        add_case(app, subject=f"服务态度差{n}", received=RECEIVED + n * hour)
    add_case(app, subject="服务很好，义务态度", received=RECEIVED + 4 * hour)
    auth.login("clerk")
    body = results(client, "服务态度")
    assert "Cases found: 3" in body and "服务很好" not in body


def test_reports_holding_the_pieces_apart_are_not_counted_over(app, client, auth, small_limits):
    # Four reports, the newest cases, whose hashed pieces match but not in a row: the count
    # must open them, not take them for matches.
    for _ in range(4):
        make_case(app, registered_by="head", kind="report", subject="服务好，业务态度")
    add_case(app, subject="营业厅服务态度差")
    auth.login("inspector")
    assert "Cases found: 1" in results(client, "服务态度")


def statements_of(app, client, q: str) -> list[str]:
    with recorded_sql(app) as seen:
        body = results(client, q)
    return [body, *seen]


@pytest.mark.parametrize(
    ("matching", "walked"),
    [(5, False), (6, False), (7, True)],  # past the limit of 3; the walk from over 6
)
def test_few_matches_past_the_limit_are_read_from_the_index(
    app, client, auth, small_limits, monkeypatch, matching, walked
):
    monkeypatch.setattr("station.search.finder.WALK_FROM", 6)
    hour = timedelta(hours=1)
    for n in range(matching):
        add_case(app, subject=f"蜂窝煤炉{n}", received=RECEIVED + 2 * n * hour)
        add_case(app, subject=f"抄表问题{n}", received=RECEIVED + (2 * n + 1) * hour)
    auth.login("clerk")
    body, *statements = statements_of(app, client, "蜂窝")
    newest = f"蜂窝煤炉{matching - 1}"
    assert "Cases found: over 3" in body and newest in body and "抄表问题" not in body
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return  # PostgreSQL chooses its own way past the limit (finder.py)
    rows = [s for s in statements if "ORDER BY cases.received_at" in s and "count(" not in s]
    assert len(rows) == 1, rows
    assert ("instr(" in rows[0]) is walked, rows[0]


@pytest.mark.parametrize(("newest_matching", "walked"), [(False, False), (True, True)])
def test_postgresql_walks_only_when_the_newest_cases_hold_matches(
    app, client, auth, small_limits, monkeypatch, newest_matching, walked
):
    monkeypatch.setattr("station.cases.table.PROBED_FOR_WALK", 2)
    hour = timedelta(hours=1)
    # Four matches (past the limit of 3), and five other cases, newer or older than them.
    matches_at, others_at = (10, 0) if newest_matching else (0, 10)
    for n in range(4):
        add_case(app, subject=f"蜂窝煤炉{n}", received=RECEIVED + (matches_at + n) * hour)
    for n in range(5):
        add_case(app, subject=f"抄表问题{n}", received=RECEIVED + (others_at + n) * hour)
    auth.login("clerk")
    body, *statements = statements_of(app, client, "蜂窝")
    assert "Cases found: over 3" in body and "蜂窝煤炉3" in body and "抄表问题" not in body
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return
    rows = [s for s in statements if "ORDER BY cases.received_at" in s and "count(" not in s]
    assert len(rows) == 1, rows
    # Read from the matches, the index's subquery kept whole (OFFSET 0), or walked.
    assert rows[0].count("OFFSET") == (1 if walked else 2), rows[0]
