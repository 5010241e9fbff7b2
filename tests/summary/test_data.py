"""A month's summary as plain data: what a submitted month freezes and a county imports.
It survives a JSON round trip unchanged, its canonical bytes do not depend on key order, and
as the county sees it a report is only ever a count (docs/domain.md "The monthly summary")."""

# ruff: noqa: F811 (the fixture ``october`` is imported and taken as an argument)
import json

from sqlalchemy import select
from summary_support import (
    REPORT_SUBJECT,
    TODAY,
    TZ,
    at,
    october,  # noqa: F401 (a fixture, taken by name)
    october_more,  # noqa: F401
)

from station.extensions import db
from station.models import User
from station.summary import data, service
from station.summary.months import parse


def _summary(app, viewer: str | None):
    with at(TODAY), app.app_context():
        head = db.session.scalar(select(User).where(User.username == "head"))
        user = (
            None
            if viewer is None
            else db.session.scalar(select(User).where(User.username == viewer))
        )
        return service.summarize(head.station_id, parse("2026-10"), TZ, TODAY.date(), user)


def test_round_trip_through_json_changes_nothing(app, october):
    summary = _summary(app, "head")
    dumped = data.dump(summary)
    again = json.loads(json.dumps(dumped))
    assert again == dumped
    assert data.load(again) == summary
    assert data.dump(data.load(again)) == dumped


def test_round_trip_keeps_people_returns_and_duties(app, october_more):
    dumped = data.dump(_summary(app, None))
    assert dumped["follow_up"]["appeals"] == 1 and dumped["follow_up"]["repeats"] == 1
    assert [(p["username"], p["late"]) for p in dumped["people"]] == [("clerk", 6), ("head", 0)]
    assert dumped["duties"]["box"] == {"due": 4, "on_time": 2, "late": 2, "owed": 0}
    again = json.loads(json.dumps(dumped))
    assert data.dump(data.load(again)) == dumped


def test_canonical_bytes_are_sorted_compact_utf8():
    assert data.canonical({"b": 1, "a": ["停电", 2]}) == '{"a":["停电",2],"b":1}'.encode()
    assert data.canonical({"a": ["停电", 2], "b": 1}) == data.canonical({"b": 1, "a": ["停电", 2]})


def test_as_the_county_sees_it_the_late_report_is_a_count(app, october):
    """The head reads the late report (C4) as a row; the county's data lists only C6, C3 and
    C7, with one late report besides, and nowhere the report's subject."""
    head = data.dump(_summary(app, "head"))
    county = data.dump(_summary(app, None))
    assert [r["ref"] for r in head["still_open"]["late"]] == [
        october["c6"],
        october["c4"],
        october["c3"],
        october["c7"],
    ]
    assert head["still_open"]["late_unread"] == 0
    assert [r["ref"] for r in county["still_open"]["late"]] == [
        october["c6"],
        october["c3"],
        october["c7"],
    ]
    assert county["still_open"]["late_unread"] == 1
    assert county["still_open"]["count"] == 5
    assert county["received"]["reports"] == 1
    assert REPORT_SUBJECT not in data.canonical(county).decode()
