"""The working-day calendar: 2026's official schedule, counting rules, unknown years, overrides."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from station.extensions import db
from station.models import CalendarDay, CalendarYear
from station.rules import workdays
from station.rules.workdays import WorkCalendar

ADJUSTED_WORKDAYS_2026 = [
    date(2026, 1, 4),  # Sunday
    date(2026, 2, 14),  # Saturday
    date(2026, 2, 28),  # Saturday
    date(2026, 5, 9),
    date(2026, 9, 20),
    date(2026, 10, 10),
]


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def test_2026_spring_festival_is_off():
    for day in days(date(2026, 2, 15), date(2026, 2, 23)):
        assert not workdays.is_workday(day), day
    assert workdays.is_workday(date(2026, 2, 24))


@pytest.mark.parametrize("day", ADJUSTED_WORKDAYS_2026)
def test_2026_adjusted_weekend_days_are_workdays(day):
    assert day.weekday() >= 5
    assert workdays.is_workday(day)
    assert chinese_calendar.is_workday(day)


def test_every_day_of_2026_agrees_with_the_official_data():
    for day in days(date(2026, 1, 1), date(2026, 12, 31)):
        assert workdays.is_workday(day) == chinese_calendar.is_workday(day), day


def test_national_day_week_2026():
    for day in days(date(2026, 10, 1), date(2026, 10, 7)):
        assert not workdays.is_workday(day), day
    # Received on the last day of the holiday: Thu 8, Fri 9, Sat 10 (adjusted working day).
    assert workdays.add_workdays(date(2026, 10, 7), 3) == date(2026, 10, 10)
    assert workdays.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)


def test_received_friday_or_saturday_plus_three_workdays_is_wednesday():
    friday, saturday = date(2026, 3, 13), date(2026, 3, 14)
    assert workdays.add_workdays(friday, 3) == date(2026, 3, 18)
    assert workdays.add_workdays(saturday, 3) == date(2026, 3, 18)
    assert date(2026, 3, 18).weekday() == 2


def test_add_workdays_counts_strictly_after_and_zero_is_the_day_itself():
    monday = date(2026, 3, 16)
    assert workdays.add_workdays(monday, 1) == date(2026, 3, 17)
    assert workdays.add_workdays(monday, 0) == monday
    with pytest.raises(ValueError):
        workdays.add_workdays(monday, -1)


def test_workdays_across_spring_festival():
    # Fri 13 Feb; Sat 14 Feb is an adjusted working day, then nine days off.
    assert workdays.due_date(date(2026, 2, 13), 1, "workdays") == date(2026, 2, 14)
    assert workdays.due_date(date(2026, 2, 13), 3, "workdays") == date(2026, 2, 25)


def test_calendar_days_landing_on_a_holiday_move_to_the_next_workday():
    # 15 days after 17 Sep is 2 Oct, inside National Day: due Thursday 8 Oct.
    assert workdays.due_date(date(2026, 9, 17), 15, "days") == date(2026, 10, 8)
    # Landing on a weekend: Saturday 21 Mar moves to Monday 23 Mar.
    assert workdays.due_date(date(2026, 3, 6), 15, "days") == date(2026, 3, 23)
    # Landing on an adjusted working day (a Saturday) stays.
    assert workdays.due_date(date(2026, 2, 13), 1, "days") == date(2026, 2, 14)
    # Landing on a working day stays.
    assert workdays.due_date(date(2026, 3, 2), 15, "days") == date(2026, 3, 17)


def test_due_date_refuses_unknown_units_and_negative_amounts():
    with pytest.raises(ValueError):
        workdays.due_date(date(2026, 3, 2), 3, "weeks")
    with pytest.raises(ValueError):
        workdays.due_date(date(2026, 3, 2), -3, "days")


def test_year_end_into_2027_never_raises_and_is_unconfirmed():
    assert workdays.year_confirmed(2026)
    assert not workdays.year_confirmed(2027)
    # Thu 31 Dec 2026 + 3 working days: 1 Jan 2027 is New Year's Day by law.
    assert workdays.add_workdays(date(2026, 12, 31), 3) == date(2027, 1, 6)
    assert workdays.due_date(date(2026, 12, 20), 60, "days") == date(2027, 2, 18)
    assert not workdays.range_confirmed(date(2026, 12, 20), date(2027, 2, 18))


def test_unknown_year_counts_weekends_and_statutory_holidays_only():
    assert not workdays.is_workday(date(2027, 1, 1))  # New Year's Day
    assert not workdays.is_workday(date(2027, 10, 1))  # National Day, a Friday
    assert not workdays.is_workday(date(2027, 2, 8))  # Spring Festival, a Monday
    assert workdays.is_workday(date(2027, 10, 4))  # no guessed substitute days
    assert not workdays.is_workday(date(2027, 1, 2))  # a Saturday
    for year in (1990, 2030, 2100, 2500):
        assert not workdays.year_confirmed(year)
        workdays.due_date(date(year, 12, 30), 10, "workdays")


def test_pure_calendar_overrides_and_confirmations():
    calendar = WorkCalendar({date(2027, 10, 9): True, date(2027, 10, 4): False}, {2027})
    assert calendar.year_confirmed(2027)
    assert calendar.is_workday(date(2027, 10, 9))  # a Saturday made a working day
    assert not calendar.is_workday(date(2027, 10, 4))
    assert calendar.add_workdays(date(2027, 10, 1), 1) == date(2027, 10, 5)


def test_needs_warning_from_1_november():
    plain = WorkCalendar()
    assert plain.needs_warning(date(2026, 10, 31)) == []
    assert plain.needs_warning(date(2026, 11, 1)) == [2027]
    assert plain.needs_warning(date(2027, 3, 1)) == [2027]
    assert plain.needs_warning(date(2027, 11, 1)) == [2027, 2028]
    assert WorkCalendar({}, {2027}).needs_warning(date(2026, 11, 1)) == []


def test_overrides_change_answers_inside_an_app_context(app):
    with app.app_context():
        assert not workdays.year_confirmed(2027)
        assert workdays.is_workday(date(2027, 2, 9))
    with app.app_context():
        db.session.add(CalendarDay(day=date(2027, 2, 9), kind="holiday", name="春节"))
        db.session.add(CalendarDay(day=date(2027, 2, 20), kind="workday", name="春节调休"))
        db.session.add(CalendarYear(year=2027, confirmed_by="admin"))
        db.session.commit()
    with app.app_context():
        assert not workdays.is_workday(date(2027, 2, 9))
        assert workdays.is_workday(date(2027, 2, 20))
        assert workdays.year_confirmed(2027)
        assert workdays.needs_warning(date(2026, 11, 28)) == []
        assert workdays.add_workdays(date(2027, 2, 5), 1) == date(2027, 2, 10)
    # Outside an app context only the official data counts.
    assert workdays.is_workday(date(2027, 2, 9))
    assert not workdays.year_confirmed(2027)


def test_override_wins_over_official_data(app):
    with app.app_context():
        db.session.add(CalendarDay(day=date(2026, 10, 8), kind="holiday", name="local"))
        db.session.commit()
    with app.app_context():
        assert not workdays.is_workday(date(2026, 10, 8))
        assert workdays.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 9)


def test_workdays_between_whole_years_and_across_overrides():
    # The published totals: 2023 had 249 working days, 2024 had 251 (国务院办公厅 schedules).
    plain = WorkCalendar()
    assert plain.workdays_between(date(2022, 12, 31), date(2023, 12, 31)) == 249
    assert plain.workdays_between(date(2023, 12, 31), date(2024, 12, 31)) == 251
    assert plain.workdays_between(date(2014, 1, 1), date(2014, 1, 1)) == 0
    assert plain.workdays_between(date(2026, 3, 10), date(2026, 3, 2)) == 0
    # Spring festival 2026: Sat 14 Feb is worked, 15–23 Feb are off; Fri 13 to Tue 24 Feb.
    assert plain.workdays_between(date(2026, 2, 13), date(2026, 2, 24)) == 2
    # A local day off on Monday 2 March and a worked Saturday 7 March keep the week at 5.
    local = WorkCalendar({date(2026, 3, 2): False, date(2026, 3, 7): True})
    assert local.workdays_between(date(2026, 3, 1), date(2026, 3, 8)) == 5
    assert local.workdays_between(date(2026, 3, 1), date(2026, 3, 6)) == 4
    # Two whole years (249 + 251) with a local day off on Monday 3 June 2024: 499.
    two_years = WorkCalendar({date(2024, 6, 3): False})
    assert two_years.workdays_between(date(2022, 12, 31), date(2024, 12, 31)) == 499
    assert two_years.workdays_between(date(2024, 6, 2), date(2024, 6, 3)) == 0


def test_workdays_between_an_unknown_year_counts_mondays_to_fridays_less_statutory_days():
    # 2040: no official schedule; January has 22 weekdays, none a statutory holiday (1 January
    # is a Sunday).
    assert WorkCalendar().workdays_between(date(2039, 12, 31), date(2040, 1, 31)) == 22
