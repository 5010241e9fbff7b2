"""The search box: reference, phone, name and words; Chinese words found through an index."""

from datetime import date, datetime

import pytest
from case_helpers import RECEIVED, add_case, change_case
from flask_login import login_user
from helpers import notices, text
from sqlalchemy import select

from station.cases.models import Case
from station.extensions import db
from station.models import User
from station.search.finder import cases_matching
from station.search.index import index_case

pytestmark = pytest.mark.usefixtures("english")


def found(client, q: str) -> str:
    """The results part of the search page (the search box repeats the query)."""
    page = client.get("/search", query_string={"q": q})
    assert page.status_code == 200
    return text(page).split('id="case-results"')[1]


def test_two_character_chinese_words(app, client, auth):
    add_case(app, subject="村里停电三天", content="变压器坏了")
    add_case(app, subject="电费太高", content="上月电费翻倍")
    add_case(app, subject="路灯不亮")
    auth.login("clerk")
    body = found(client, "停电")
    assert "村里停电三天" in body and "电费太高" not in body and "路灯不亮" not in body
    body = found(client, "电费")
    assert "电费太高" in body and "村里停电三天" not in body
    assert "Cases found: 1" in body
    assert "变压器坏了" not in found(client, "路灯")  # content is searched but not listed
    assert "村里停电三天" in found(client, "变压器")  # a word of the content


def test_longer_chinese_runs_match_only_as_a_whole(app, client, auth):
    add_case(app, subject="王小明反映电压低", person_name="王小明")
    add_case(app, subject="王小二说小明家停电")  # has 王小 and 小明, not 王小明
    auth.login("clerk")
    body = found(client, "王小明")
    assert "王小明反映电压低" in body
    assert "王小二说小明家停电" not in body
    assert "Cases found: 1" in body


def test_one_chinese_character_falls_back_to_like(app, client, auth):
    add_case(app, subject="表箱锈蚀")
    add_case(app, subject="路灯不亮")
    auth.login("clerk")
    body = found(client, "锈")
    assert "表箱锈蚀" in body and "路灯不亮" not in body


def test_phone_full_last_four_and_with_dashes(app, client, auth):
    add_case(app, subject="来电反映", person_phone="13800001234")
    add_case(app, subject="别的来电", person_phone="13900005678")
    auth.login("clerk")
    for q in ("13800001234", "1234", "138-0000-1234", "138 0000 1234"):
        body = found(client, q)
        assert "来电反映" in body, q
        assert "别的来电" not in body, q


def test_reference_and_name(app, client, auth):
    first = add_case(app, subject="第一件", person_name="张三")
    add_case(app, subject="第二件", person_name="李四")
    auth.login("clerk")
    body = found(client, first)
    assert "第一件" in body and "第二件" not in body
    body = found(client, "张三")
    assert "第一件" in body and "第二件" not in body
    assert "Cases found: 0" in found(client, "2026-0999")


def test_another_station_never_sees_the_cases(app, client, auth):
    ref = add_case(app, subject="甲所停电", person_phone="13800001234")
    auth.login("b_clerk")
    for q in ("停电", "1234", ref):
        body = found(client, q)
        assert "甲所停电" not in body
        assert "Cases found: 0" in body


def test_clerks_never_find_reports_not_even_a_count(app, client, auth):
    ref = add_case(
        app, "head", subject="举报抄表员收红包", kind="report", person_phone="13700007777"
    )
    auth.login("clerk")
    for q in ("红包", "7777", ref, "举报抄表员收红包"):
        body = found(client, q)
        assert "举报抄表员收红包" not in body
        assert "Cases found: 0" in body
    auth.logout()
    auth.login("inspector")
    for q in ("红包", "抄表员收红包", ref):  # by its blind index, the long run checked sealed
        body = found(client, q)
        assert f'href="/cases/{ref}"' in body and "Cases found: 1" in body
        assert "举报抄表员收红包" not in body  # the row, never the words
    assert "Cases found: 0" in found(client, "7777")  # no reporter's identity in the index


def test_the_index_follows_a_changed_subject(app, client, auth):
    ref = add_case(app, subject="路灯不亮")
    change_case(app, ref, subject="线路老化")
    auth.login("clerk")
    assert "Cases found: 0" in found(client, "路灯")
    assert "线路老化" in found(client, "老化")


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Type a reference number, a name, a phone number or some words."),
        ("   ", "Type a reference number, a name, a phone number or some words."),
        ("停" * 101, "A search may be at most 100 characters long; shorten it."),
        ("?!…", "Search for letters, digits or Chinese characters."),
    ],
)
def test_unusable_queries_get_a_clear_message(app, client, auth, q, message):
    auth.login("clerk")
    page = client.get("/search", query_string={"q": q})
    assert page.status_code == 200
    assert notices(page) == [message]


def test_results_are_paged_newest_first(app, client, auth):
    app.config["PAGE_SIZE"] = 2
    for n in range(3):
        add_case(app, subject=f"停电第{n}次", received=datetime(2026, 3, 2 + n, 9, 0))
    auth.login("clerk")
    first = found(client, "停电")
    assert first.index("停电第2次") < first.index("停电第1次")
    assert "停电第0次" not in first
    assert "/search?page=2&q=%E5%81%9C%E7%94%B5" in first  # the next page keeps the query
    assert "停电第0次" in text(client.get("/search", query_string={"q": "停电", "page": "2"}))


def test_results_sort_by_a_heading_and_keep_the_query(app, client, auth):
    for n in range(3):
        add_case(app, subject=f"停电第{n}次", received=datetime(2026, 3, 2 + n, 9, 0))
    add_case(app, subject="电费太高")
    auth.login("clerk")
    first = found(client, "停电")
    link = first.split('class="sort-link">Reference')[0].rsplit('href="', 1)[1].split('"')[0]
    assert link == "/search?q=%E5%81%9C%E7%94%B5&sort=ref"
    by_ref = text(client.get(link.replace("&amp;", "&"))).split('id="case-results"')[1]
    assert by_ref.index("停电第0次") < by_ref.index("停电第1次") < by_ref.index("停电第2次")
    assert "电费太高" not in by_ref


def test_search_box_only_for_case_roles(app, client, auth):
    auth.login("clerk")
    assert 'action="/search"' in text(client.get("/"))
    auth.logout()
    auth.login("admin")
    assert 'action="/search"' not in text(client.get("/"))


def bulk_cases(
    app, count: int, rare_every: int, subject: str = "停电三天", year: int = 2026
) -> None:
    """Many cases at once (straight rows, no numbering): an index only pays off with many."""
    words = ["电费", "计量", "报装", "态度", "隐患", "电压", "线路", "表箱", "路灯", "树障"]
    with app.app_context():
        clerk = db.session.scalar(select(User).where(User.username == "clerk"))
        day = date(2026, 3, 2)
        for n in range(count):
            words_of_n = f"{words[n % 10]}{words[n // 10 % 10]}"
            case = Case(
                station_id=clerk.station_id,
                ref=f"{year}-{n + 1:04d}",
                channel="counter",
                kind="complaint",
                subject=subject if n % rare_every == 0 else words_of_n,
                received_at=RECEIVED,
                received_on=day,
                registered_by_id=clerk.id,
                clocks={},
                due_contact=day,
                due_reply=day,
                due_close=day,
            )
            db.session.add(case)
            db.session.flush()
            index_case(case)
        db.session.commit()


def query_plan(app, q: str) -> str:
    """The database's plan for the search's page query, as the clerk would run it."""
    with app.test_request_context():
        login_user(db.session.scalar(select(User).where(User.username == "clerk")))
        query = cases_matching(q).query.limit(25)
        compiled = query.compile(db.engine, compile_kwargs={"render_postcompile": True})
        params = compiled.params
        if compiled.positional:
            params = tuple(params[name] for name in compiled.positiontup)
        conn = db.session.connection()
        if db.engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), params)
            return "\n".join(row[3] for row in rows)
        # The statistics a running database keeps (autovacuum), and no way round the index.
        conn.exec_driver_sql("ANALYZE cases")
        conn.exec_driver_sql("ANALYZE case_search")
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        # Nor the primary key's: with 300 rows, reading them all in key order and testing
        # the stored tsvector (migration 0016) costs less than any index, and is chosen.
        conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
        rows = conn.exec_driver_sql("EXPLAIN " + str(compiled), params)
        return "\n".join(row[0] for row in rows)


def test_a_two_character_chinese_query_uses_the_index(app):
    bulk_cases(app, 300, rare_every=100)
    plan = query_plan(app, "停电")
    with app.app_context():
        dialect = db.engine.dialect.name
    if dialect == "sqlite":
        assert "case_fts VIRTUAL TABLE INDEX" in plan, plan
        assert not any(line.startswith("SCAN cases") for line in plan.splitlines()), plan
    else:
        assert "Bitmap Index Scan on ix_case_search_tsv" in plan, plan
        assert "Seq Scan on cases" not in plan, plan
