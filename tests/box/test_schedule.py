"""Box due dates, hand-counted on the calendar: interval days, then back to a working day."""

from datetime import date

import pytest

from station.box.schedule import due_date


@pytest.mark.parametrize(
    ("last", "created", "interval", "due"),
    [
        # Spring Festival 2027 (statutory days off Fri 5 Feb 除夕 to Mon 8 Feb):
        # Tue 2 Feb + 5 = Sun 7 Feb; Sat 6, Fri 5 off: Thu 4 Feb.
        (date(2027, 2, 2), None, 5, date(2027, 2, 4)),
        # Wed 3 Feb + 5 = Mon 8 Feb (初三, off): back over the whole holiday to Thu 4 Feb.
        (date(2027, 2, 3), None, 5, date(2027, 2, 4)),
        # Thu 4 Feb + 5 = Tue 9 Feb, the first working day after it.
        (date(2027, 2, 4), None, 5, date(2027, 2, 9)),
        # National Day 2026 (1-7 Oct off, Sat 10 Oct worked):
        # Mon 28 Sep + 5 = Sat 3 Oct: back past 1 Oct to Wed 30 Sep.
        (date(2026, 9, 28), None, 5, date(2026, 9, 30)),
        # Mon 5 Oct + 5 = Sat 10 Oct, a weekend working day: due that Saturday.
        (date(2026, 10, 5), None, 5, date(2026, 10, 10)),
        # Tue 6 Oct + 5 = Sun 11 Oct: back to Sat 10 Oct.
        (date(2026, 10, 6), None, 5, date(2026, 10, 10)),
        # Mon 21 Sep + 5 = Sat 26 Sep; Fri 25 Sep is Mid-Autumn: Thu 24 Sep.
        (date(2026, 9, 21), None, 5, date(2026, 9, 24)),
        # An ordinary week: Mon 12 Oct + 5 = Sat 17 Oct: Fri 16 Oct.
        (date(2026, 10, 12), None, 5, date(2026, 10, 16)),
        # Never opened: from its creation day, Wed 30 Sep + 5 = Mon 5 Oct: back to Wed 30 Sep.
        (None, date(2026, 9, 30), 5, date(2026, 9, 30)),
        # Another interval: Thu 8 Oct + 7 = Thu 15 Oct.
        (date(2026, 10, 8), None, 7, date(2026, 10, 15)),
    ],
)
def test_due_dates_across_holidays(last, created, interval, due):
    assert due_date(last, created or date(2026, 1, 5), interval) == due


def test_a_late_opening_restarts_the_interval():
    # Due Fri 16 Oct (opened Mon 12 Oct); opened late on Tue 20 Oct: 20 + 5 = Sun 25 Oct, so
    # Fri 23 Oct, not 16 + 5.
    assert due_date(date(2026, 10, 12), date(2026, 1, 5), 5) == date(2026, 10, 16)
    assert due_date(date(2026, 10, 20), date(2026, 1, 5), 5) == date(2026, 10, 23)
