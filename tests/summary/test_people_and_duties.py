"""October's appeals, repeat complaints, per-person figures and duties, against the fixture
``october_more`` (tests/summary/summary_support.py), counted by hand; who sees whose row."""

# ruff: noqa: F811 (the fixtures are imported and taken as arguments)
import re

import pytest
from helpers import text
from summary_support import (
    cells,
    october,  # noqa: F401 (a fixture, taken by name)
    october_more,  # noqa: F401
    page,
)

# handled (closed), deadlines met, deadlines missed, dissatisfied, reminders received.
# The clerk: C1 and C2 closed; contact met by C1, C2, C3, C7 and missed by C6; reply met by
# C1, C3, C7 and missed by C2, C6; close met by C1, C2 and missed by C3, C6, C7; C2's
# dissatisfied answer; the head's reminder on C6. The head: the appeal, contacted on its day.
PEOPLE = {
    "clerk": ["2", "9", "6", "1", "1"],
    "head": ["0", "1", "0", "0", "0"],
}
DUTIES = {
    "box": {"due": "4", "on_time": "2", "late": "2", "owed": "0"},
    "hotline": {"calls": "2", "case": "0", "answered": "0", "wrong": "1", "duplicate": "0",
                "open": "1"},
    # 8 October (Monday 5 October's, moved past the holiday), 12, 19 and 26 October.
    "reception": {"days": "4", "days_with_visitors": "1", "visitors": "2", "answered": "0",
                  "case": "0", "referred": "1", "left": "0", "police": "0", "open": "1"},
    "key_visit": {"visits": "1", "satisfied": "1", "basically": "0", "dissatisfied": "0",
                  "late": "1"},
}  # fmt: skip


def person_rows(body: str) -> dict[str, list[str]]:
    return {
        who: cells(body, "data-person", who) for who in re.findall(r'data-person="([^"]+)"', body)
    }


def figure(body: str, key: str) -> str:
    found = re.search(rf'<tr data-figure="{re.escape(key)}"><th[^>]*>.*?</th><td>(\d+)</td>', body)
    assert found, key
    return found.group(1)


@pytest.mark.parametrize("who", ["head", "inspector"])
def test_everyone_is_listed_for_the_head_and_the_inspector(client, auth, october_more, who):
    auth.login(who)
    body = text(page(client))
    assert person_rows(body) == PEOPLE


def test_a_clerk_sees_their_own_row_only(client, auth, october_more):
    auth.login("clerk")
    body = text(page(client))
    assert person_rows(body) == {"clerk": PEOPLE["clerk"]}


def test_appeals_and_repeat_complaints(client, auth, october_more):
    auth.login("head")
    body = text(page(client))
    # C2's appeal on 29 October; R1 repeats E0 (90 days before, same phone and topic); R2
    # comes 99 days after E1, R3 is on another topic than E2.
    assert cells(body, "data-returns", "appeals") == ["1"]
    assert cells(body, "data-returns", "repeats") == ["1"]


def test_duties_of_the_month(client, auth, october_more):
    auth.login("head")
    body = text(page(client))
    for duty, figures in DUTIES.items():
        found = {key: figure(body, f"{duty}.{key}") for key in figures}
        assert found == figures, duty
    assert "李四" not in body and "13700000000" not in body  # no one of the public


def test_without_returns_or_duties_everything_is_zero(client, auth, october):
    auth.login("head")
    body = text(page(client))
    assert cells(body, "data-returns", "appeals") == ["0"]
    assert cells(body, "data-returns", "repeats") == ["0"]
    assert figure(body, "box.due") == "0"
    assert figure(body, "key_visit.late") == "0"
