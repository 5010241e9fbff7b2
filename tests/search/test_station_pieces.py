"""The search index's pieces carry their station, and a search is counted from them."""

import pytest
from case_helpers import add_case
from helpers import recorded_sql, text
from sqlalchemy import select

from station.cases.models import Case
from station.extensions import db
from station.models import Station
from station.search.models import CaseSearch

pytestmark = pytest.mark.usefixtures("english")


def found(client, q: str) -> str:
    page = client.get("/search", query_string={"q": q})
    assert page.status_code == 200
    return text(page).split('id="case-results"')[1]


def row_of(app, ref: str) -> tuple[int, str]:
    """The case's station and its index row's text."""
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ref == ref))
        return case.station_id, db.session.get(CaseSearch, case.id).tokens


def station_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Station.id).where(Station.name == name))


def test_each_piece_of_a_row_begins_with_its_station(app):
    ref = add_case(app, subject="停电三天", person_name="王五", person_phone="13800001234")
    station, tokens = row_of(app, ref)
    s = f"s{station}x"
    year, number = ref.split("-")
    assert tokens == (
        f"{s}{year} {s}{number} zfieldz {s}王五 zfieldz {s}13800001234 zfieldz {s}1234 "
        f"zfieldz {s}停电 {s}电三 {s}三天"
    )


def test_a_report_row_holds_only_hashes_and_its_reference_after_r(app):
    ref = add_case(app, "head", subject="举报抄表员收红包", kind="report")
    station, tokens = row_of(app, ref)
    pieces = tokens.split()
    assert all(p.startswith(f"r{station}x") for p in pieces), tokens
    assert "红包" not in tokens and f"s{station}x" not in tokens


def test_the_count_is_of_this_stations_matches_only(app, client, auth):
    for subject in ("甲所停电一", "甲所停电二", "甲所停电三"):
        add_case(app, subject=subject)
    for subject in ("乙所停电一", "乙所停电二"):
        add_case(app, "b_clerk", subject=subject)
    add_case(app, "head", subject="举报停电不修", kind="report")
    add_case(app, "b_head", subject="乙所举报停电", kind="report")
    assert station_id(app, "测试供电所") != station_id(app, "邻村供电所")
    auth.login("clerk")
    assert "Cases found: 3" in found(client, "停电")  # no report for a clerk
    auth.logout()
    auth.login("inspector")
    assert "Cases found: 4" in found(client, "停电")  # and this station's report
    assert "Cases found: 1" in found(client, "举报停电")  # the report's long run, checked
    auth.logout()
    auth.login("b_clerk")
    assert "Cases found: 2" in found(client, "停电")
    auth.logout()
    auth.login("b_inspector")
    assert "Cases found: 3" in found(client, "停电")
    assert "Cases found: 2" in found(client, "停电 乙")  # a lone character: counted by case


def test_a_count_without_a_lone_character_reads_no_case(app, client, auth):
    add_case(app, subject="停电三天")
    add_case(app, "head", subject="举报停电不修", kind="report")
    auth.login("clerk")
    with recorded_sql(app) as statements:
        assert "Cases found: 1" in found(client, "停电")
    counts = [s for s in statements if "count(" in s.lower()]
    from_index = [
        s for s in counts if "cases" not in s.replace("case_search", "").replace("case_fts", "")
    ]
    assert len(from_index) == 1, counts
    # PostgreSQL's probe of the newest cases (finder.py) is the only other count.
    assert all("LATERAL" in s for s in counts if s not in from_index), counts
