"""The deadline table's outcomes, counted in SQL (``service.outcomes``), case by case: a
literal table of the clocks' edges, and the SQL held to the one list of clocks
(``clocks.case_clocks``) over many cases made at random with a fixed seed.

November 2026 in Shanghai, "today" Tuesday 10 November. A stopped clock is on time when it
was met by the end of its due day at the station: 00:30 the day after is 16:30 UTC on the
due day, and late; 07:00 on the due day is 23:00 UTC the day before, and on time."""

import random
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from case_helpers import add_case
from sqlalchemy import select

from station.cases.models import Case
from station.extensions import db
from station.models import User
from station.rules import clocks
from station.rules.workflow import STATES
from station.summary import months, service
from station.timeutil import to_utc

TZ = "Asia/Shanghai"
TODAY = date(2026, 11, 10)
NOVEMBER = months.Month(date(2026, 11, 1))
AWAY = date(2026, 12, 21)  # a deadline outside November: in no row of these tests


def local(d: int, h: int, m: int = 0, month: int = 11) -> datetime:
    return to_utc(datetime(2026, month, d, h, m), TZ)


def nov(d: int) -> date:
    return date(2026, 11, d)


# (what it shows, the case's columns, the outcomes expected: (deadline, extended, outcome))
EDGES = [
    ("close running, due yesterday", dict(status="in_progress", due_close=nov(9)),
     [("close", False, "open_late")]),
    ("close running, due today", dict(status="in_progress", due_close=nov(10)),
     [("close", False, "open")]),
    ("closed at 23:59 on its due day", dict(status="closed", due_close=nov(5),
     closed_at=local(5, 23, 59)), [("close", False, "on_time")]),
    ("closed at 00:30 the day after", dict(status="closed", due_close=nov(5),
     closed_at=local(6, 0, 30)), [("close", False, "late")]),
    ("closed at 07:00 on its due day", dict(status="closed", due_close=nov(5),
     closed_at=local(5, 7)), [("close", False, "on_time")]),
    ("archived on time", dict(status="archived", due_close=nov(5), closed_at=local(4, 9)),
     [("close", False, "on_time")]),
    ("never contacted, open", dict(status="registered", due_contact=nov(9)),
     [("contact", False, "open_late")]),
    ("contacted on its due day", dict(status="in_progress", due_contact=nov(3),
     contacted_at=local(3, 10)), [("contact", False, "on_time")]),
    ("closed, never contacted", dict(status="closed", due_contact=nov(3),
     closed_at=local(20, 9, month=10)), [("contact", False, "late")]),
    ("replied at 00:30 the day after", dict(status="replied", due_reply=nov(3),
     replied_at=local(4, 0, 30)), [("reply", False, "late")]),
    ("replied, status back before the reply", dict(status="in_progress", due_reply=nov(3),
     replied_at=local(2, 9)), [("reply", False, "open_late")]),
    ("extended into the month, running", dict(status="accepted", due_reply=nov(3),
     extended_to=nov(12)), [("reply", True, "open")]),
    ("extended, replied by the extension", dict(status="replied", due_reply=nov(3),
     extended_to=nov(12), replied_at=local(11, 9)), [("reply", True, "on_time")]),
    ("extended past the month", dict(status="accepted", due_reply=nov(3),
     extended_to=date(2026, 12, 2)), []),
    ("extended from October into November", dict(status="accepted",
     due_reply=date(2026, 10, 30), extended_to=nov(9)), [("reply", True, "open_late")]),
    ("all three in the month", dict(status="followed_up", due_contact=nov(2), due_reply=nov(4),
     due_close=nov(9), contacted_at=local(2, 8), replied_at=local(5, 8)),
     [("contact", False, "on_time"), ("reply", False, "late"), ("close", False, "open_late")]),
]  # fmt: skip


def _set(app, ref: str, values: dict) -> None:
    columns = dict(due_contact=AWAY, due_reply=AWAY, due_close=AWAY, extended_to=None,
                   contacted_at=None, replied_at=None, closed_at=None)  # fmt: skip
    columns.update(values)
    case = db.session.scalar(select(Case).where(Case.ref == ref))
    for name, value in columns.items():
        setattr(case, name, value)


def _counted(app) -> Counter:
    station_id = db.session.scalar(select(User.station_id).where(User.username == "clerk"))
    found = service.outcomes(station_id, NOVEMBER, TZ, TODAY)
    return Counter({(o.deadline, o.extended, o.outcome): o.count for o in found})


@pytest.mark.parametrize(("shows", "values", "expected"), EDGES, ids=[e[0] for e in EDGES])
def test_each_edge_of_the_clocks(app, shows, values, expected):
    ref = add_case(app, received=datetime(2026, 10, 20, 9))
    with app.app_context():
        _set(app, ref, values)
        db.session.commit()
        assert _counted(app) == Counter(expected)


def _random_case(rng: random.Random) -> dict:
    def due() -> date:
        return date(2026, 10, 28) + timedelta(days=rng.randrange(38))

    def moment(around: date) -> datetime | None:
        if rng.random() < 0.25:
            return None
        day = around + timedelta(days=rng.randrange(-2, 3))
        return local(day.day, rng.choice((0, 7, 16, 23)), rng.choice((0, 30, 59)), day.month)

    values = dict(status=rng.choice(STATES), due_contact=due(), due_reply=due(), due_close=due())
    values["extended_to"] = due() if rng.random() < 0.3 else None
    values["contacted_at"] = moment(values["due_contact"])
    values["replied_at"] = moment(values["extended_to"] or values["due_reply"])
    values["closed_at"] = moment(values["due_close"])
    return values


def _by_the_clocks(case: Case) -> list[tuple[str, bool, str]]:
    """The outcome as the one list of clocks tells it, for the deadlines due in November."""
    out = []
    for clock in clocks.case_clocks(case, TZ):
        if clock.name not in service.DEADLINES or not NOVEMBER.first <= clock.due <= NOVEMBER.last:
            continue
        if clock.running:
            outcome = "open_late" if clock.late(TODAY) else "open"
        else:
            met = clock.done_on is not None and clock.done_on <= clock.due
            outcome = "on_time" if met else "late"
        out.append((clock.name, case.extended_to is not None, outcome))
    return out


def test_the_sql_tells_what_the_clocks_tell(app):
    rng = random.Random(20261110)
    refs = [add_case(app, received=datetime(2026, 10, 20, 9)) for _ in range(60)]
    with app.app_context():
        for ref in refs:
            _set(app, ref, _random_case(rng))
        db.session.commit()
        expected = Counter()
        for case in db.session.scalars(select(Case).where(Case.ref.in_(refs))):
            expected.update(_by_the_clocks(case))
        counted = _counted(app)
    assert counted == expected
    # The random cases reach every outcome of every deadline, and of the extended reply.
    assert {(d, o) for d, _e, o in counted} == {
        (d, o)
        for d in ("contact", "reply", "close")
        for o in ("on_time", "late", "open_late", "open")
    }
    assert {o for d, e, o in counted if d == "reply" and e} == {
        "on_time",
        "late",
        "open_late",
        "open",
    }
