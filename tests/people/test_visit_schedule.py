"""Key-person visit due dates, counted by hand on the calendar: calendar days, no holiday
moves, from the later of the last visit and the day marked."""

from datetime import date

import pytest

from station.people.schedule import due_date, valid_interval


@pytest.mark.parametrize(
    ("last", "marked", "interval", "due"),
    [
        # Never visited: marked Tue 1 Sep 2026 + 90 = Mon 30 Nov (Sep 29, Oct 31, Nov 30).
        (None, date(2026, 9, 1), 90, date(2026, 11, 30)),
        # Visited Thu 8 Oct + 90 = Wed 6 Jan 2027 (23 left in Oct, 30 in Nov, 31 in Dec).
        (date(2026, 10, 8), date(2026, 9, 1), 90, date(2027, 1, 6)),
        # Calendar days even over a holiday: Mon 16 Feb 2026 (除夕) + 7 = Mon 23 Feb,
        # the last day of the Spring Festival break, not moved.
        (date(2026, 2, 16), date(2026, 1, 5), 7, date(2026, 2, 23)),
        # Over National Day: Wed 30 Sep + 7 = Wed 7 Oct, a day off, kept.
        (date(2026, 9, 30), date(2026, 1, 5), 7, date(2026, 10, 7)),
        # A year: Thu 1 Jan 2026 + 365 = Fri 1 Jan 2027.
        (None, date(2026, 1, 1), 365, date(2027, 1, 1)),
        # Marked again (cleared, then marked on Mon 1 Jun) after a visit on Mon 2 Mar: the
        # interval counts from the marking, 1 Jun + 30 = Wed 1 Jul.
        (date(2026, 3, 2), date(2026, 6, 1), 30, date(2026, 7, 1)),
    ],
)
def test_due_dates(last, marked, interval, due):
    assert due_date(last, marked, interval) == due


def test_a_late_visit_restarts_the_interval():
    # Marked Tue 1 Sep: due Mon 30 Nov. Visited late on Thu 10 Dec: the next is due 90 days
    # after that visit, Wed 10 Mar 2027 (21 left in Dec, 31 in Jan, 28 in Feb, 10), not
    # 30 Nov + 90 = 28 Feb.
    assert due_date(None, date(2026, 9, 1), 90) == date(2026, 11, 30)
    assert due_date(date(2026, 12, 10), date(2026, 9, 1), 90) == date(2027, 3, 10)


@pytest.mark.parametrize(
    ("days", "ok"), [(None, False), (0, False), (6, False), (7, True), (365, True), (366, False)]
)
def test_the_interval_is_7_to_365_days(days, ok):
    assert valid_interval(days) is ok
