"""Reception days on the working-day calendar (station/reception/schedule.py), hand-counted.

2026 (the official schedule): National Day 1–7 October off, Saturday 10 October worked;
Spring Festival 15–23 February off, Saturday 14 and Saturday 28 February worked.
"""

from datetime import date

import pytest

from station.reception import schedule
from station.rules.workdays import WorkCalendar

CAL = WorkCalendar()  # the official schedule, no local overrides


def test_an_ordinary_monday_is_the_reception_day():
    assert schedule.of_week(date(2026, 10, 14), calendar=CAL) == date(2026, 10, 12)
    assert schedule.is_reception_day(date(2026, 10, 12), calendar=CAL)
    assert not schedule.is_reception_day(date(2026, 10, 13), calendar=CAL)


def test_national_day_moves_monday_5_october_to_thursday_8_october():
    # Monday 5 October 2026 is a holiday, and so are the 6th and 7th.
    assert schedule.of_week(date(2026, 10, 5), calendar=CAL) == date(2026, 10, 8)
    assert schedule.is_reception_day(date(2026, 10, 8), calendar=CAL)
    assert not schedule.is_reception_day(date(2026, 10, 5), calendar=CAL)
    assert schedule.coming(date(2026, 9, 29), 4, calendar=CAL) == [
        date(2026, 10, 8),
        date(2026, 10, 12),
        date(2026, 10, 19),
        date(2026, 10, 26),
    ]


def test_spring_festival_gives_two_weeks_one_reception_day():
    # Mondays 16 and 23 February 2026 are both off; the next working day of each is
    # Tuesday 24 February: one reception day, not two.
    assert schedule.between(date(2026, 2, 9), date(2026, 3, 3), calendar=CAL) == [
        date(2026, 2, 9),
        date(2026, 2, 24),
        date(2026, 3, 2),
    ]
    assert schedule.is_reception_day(date(2026, 2, 24), calendar=CAL)


def test_another_weekday_and_a_local_day_off():
    # Wednesdays; 7 October is National Day, so that week's is Thursday 8 October.
    assert schedule.coming(date(2026, 9, 29), 3, weekday=2, calendar=CAL) == [
        date(2026, 9, 30),
        date(2026, 10, 8),
        date(2026, 10, 14),
    ]
    # A day off of the station's own (an override) moves Monday 12 October to Tuesday.
    local = WorkCalendar(overrides={date(2026, 10, 12): False})
    assert schedule.coming(date(2026, 10, 9), 2, calendar=local) == [
        date(2026, 10, 13),
        date(2026, 10, 19),
    ]


def test_a_weekend_weekday_is_refused():
    with pytest.raises(ValueError):
        schedule.of_week(date(2026, 10, 12), weekday=5, calendar=CAL)
