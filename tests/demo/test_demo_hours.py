"""The demo's working clock: 08:30–17:30 on working days (March 2026: no holidays)."""

from datetime import date, datetime

from station.demo import hours as H

FRIDAY_4PM = datetime(2026, 3, 6, 16, 0)
MONDAY = date(2026, 3, 9)


def test_working_hours_carry_over_the_weekend():
    assert H.later(FRIDAY_4PM, 1) == datetime(2026, 3, 6, 17, 0)
    assert H.later(FRIDAY_4PM, 3) == datetime(2026, 3, 9, 10, 0)
    assert H.earlier(datetime(2026, 3, 9, 10, 0), 3) == FRIDAY_4PM
    assert H.between(FRIDAY_4PM, datetime(2026, 3, 9, 10, 0)) == 3
    assert H.between(FRIDAY_4PM, datetime(2026, 3, 10, 10, 0)) == 12


def test_later_keeps_the_order_of_steps():
    moments = [H.later(FRIDAY_4PM, hours / 4) for hours in range(200)]
    assert moments == sorted(moments) and len(set(moments)) == len(moments)
    assert all(H.is_working(m) for m in moments)


def test_the_last_working_moment_and_a_day_s_opening():
    assert H.latest(datetime(2026, 3, 8, 23, 40)) == datetime(2026, 3, 6, 17, 30)  # Sunday night
    assert H.latest(datetime(2026, 3, 9, 7, 0)) == datetime(2026, 3, 6, 17, 30)  # Monday, early
    assert H.latest(datetime(2026, 3, 9, 19, 0)) == datetime(2026, 3, 9, 17, 30)
    assert H.latest(datetime(2026, 3, 9, 11, 5)) == datetime(2026, 3, 9, 11, 5)
    assert H.on_day(date(2026, 3, 7), 30) == datetime(2026, 3, 6, 9, 0)  # a Saturday
    assert H.on_day(MONDAY, 539) == datetime(2026, 3, 9, 17, 29)
