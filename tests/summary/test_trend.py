"""The summary's 12-month trend: the chart on the page (server-side SVG) with the months and
figures of the hand-counted fixture (tests/summary/summary_support.py), and months whose
figures are known already taken as given."""

# ruff: noqa: F811 (the fixture ``october`` is imported and taken as an argument)
import re
from datetime import date, datetime

from case_helpers import add_case, move_to
from helpers import text
from sqlalchemy import select
from summary_support import TZ, at, october, page  # noqa: F401 (october: a fixture)

from station.extensions import db
from station.models import User
from station.summary import months, service, trend


def chart(body: str) -> str:
    match = re.search(r'<svg class="trend-chart".*?</svg>', body, re.S)
    assert match, "no trend chart"
    return match.group(0)


def figures(svg: str, series: str) -> list[str]:
    group = re.search(rf'<g class="[^"]*" data-series="{series}">(.*?)</g>', svg, re.S)
    assert group, series
    return re.findall(r'<text class="trend-figure"[^>]*>([^<]*)</text>', group.group(1))


def month_labels(svg: str) -> list[str]:
    return re.findall(r'<text class="trend-(?:month|year)"[^>]*>([^<]*)</text>', svg)


def test_the_trend_of_october(app, client, auth, october):
    """September 2026 (the station's first month) holds C6 alone: 1 received, no close due,
    no call. October: 5 received, C1 and C2 closed on time (C3 is extended, apart), and one
    of the two calls that reached someone satisfied."""
    auth.login("clerk")
    svg = chart(text(page(client)))
    assert month_labels(svg) == ["9月", "2026", "10月"]
    assert figures(svg, "received") == ["1", "5"]
    assert figures(svg, "closed") == ["0", "2"]
    assert figures(svg, "satisfaction") == ["50%"]  # September has no rate, not 0 %
    # Told apart without colour: a dash and a marker of its own, a legend in words.
    assert '<polyline points="76.0,160.0 676.0,40.0"/>' in svg  # received: solid
    assert 'stroke-dasharray="7 4"' in svg and 'stroke-dasharray="2 3"' in svg
    assert "<circle" in svg and "<rect" in svg and "<polygon" in svg
    assert ">收到件数</text>" in svg and ">按时办结</text>" in svg and ">满意率</text>" in svg
    assert "<script" not in svg and " on" not in re.sub(r'"[^"]*"', "", svg)


def test_the_trend_of_the_current_month_goes_back_to_the_first(app, client, auth, october):
    """November, the current month: 1 case received on 1 November at 00:10."""
    auth.login("head")
    svg = chart(text(page(client, "/summary/")))
    assert month_labels(svg) == ["9月", "2026", "10月", "11月"]
    assert figures(svg, "received") == ["1", "5", "1"]


def test_frozen_months_are_taken_as_given(app, october):
    september, october_ = months.Month(date(2026, 9, 1)), months.Month(date(2026, 10, 1))
    known = trend.Point(september, received=40, closed_on_time=30, satisfaction=0.9)
    with app.test_request_context():
        station_id = db.session.scalar(select(User.station_id).where(User.username == "clerk"))
        points = trend.trend(
            station_id, [september, october_], TZ, date(2026, 11, 10), frozen={"2026-09": known}
        )
    assert points == [known, trend.Point(october_, 5, 2, 0.5)]


def test_twelve_months_at_most_none_before_the_first():
    first = months.Month(date(2025, 3, 1))
    keys = [m.key for m in trend.months_ending(months.Month(date(2026, 10, 1)), first)]
    assert keys == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
                    "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]  # fmt: skip
    later = months.Month(date(2026, 8, 1))
    keys = [m.key for m in trend.months_ending(months.Month(date(2026, 10, 1)), later)]
    assert keys == ["2026-08", "2026-09", "2026-10"]


def test_closed_on_time_is_the_station_s_day_of_the_close(app):
    """Two calls received Monday 12 October 2026, their close due Tuesday 20 October, both
    taken along to closed: one at 23:30 on the 20th in Shanghai (15:30 UTC: on time), the
    other at 00:30 on the 21st (16:30 UTC on the 20th: its UTC date is the due day, its
    station's day is not: late). October's trend point counts one closed on time, as the
    month's own deadline table does."""
    on_the_day = add_case(app, received=datetime(2026, 10, 12, 9))
    day_after = add_case(app, received=datetime(2026, 10, 12, 9))
    for ref, closed in ((on_the_day, (20, 23, 30)), (day_after, (21, 0, 30))):
        with at(datetime(2026, 10, 13, 9)):
            move_to(app, ref, "followed_up")
        with at(datetime(2026, 10, *closed)):
            move_to(app, ref, "closed")
    october_ = months.Month(date(2026, 10, 1))
    with app.test_request_context():
        station_id = db.session.scalar(select(User.station_id).where(User.username == "clerk"))
        (point,) = trend.trend(station_id, [october_], TZ, date(2026, 11, 10))
        close = service.deadlines(station_id, october_, TZ, date(2026, 11, 10))["close"]
    assert point.closed_on_time == 1
    assert dict(close.counts) == {"on_time": 1, "late": 1}
