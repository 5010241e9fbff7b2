"""Reading the overdue board back, and hand-made cases at literal dates for it."""

import re
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from case_helpers import add_case, change_case, move_to

from station.timeutil import clock_at, to_utc

TZ = "Asia/Shanghai"
# Wednesday 11 March 2026: the board's "today" in these tests. Every case is received on
# Monday 2 March (case_helpers.RECEIVED).
TODAY = date(2026, 3, 11)

_SECTION = re.compile(r'<section class="[^"]*board-group-([a-z_]+)"[^>]*>.*?</section>', re.S)
_REF = re.compile(r'<tr data-ref="([^"]+)"')
_COUNT = re.compile(
    r'<li class="board-count board-count-([a-z_]+)[^"]*">.*?<strong class="count">(\d+)</strong>',
    re.S,
)


@contextmanager
def on(day: date = TODAY, hour: int = 10):
    """Requests inside the block happen on ``day`` at ``hour`` station time."""
    with clock_at(to_utc(datetime(day.year, day.month, day.day, hour), TZ)):
        yield


def groups(body: str) -> dict[str, list[str]]:
    """Each group of the page and the references of its rows, in order."""
    return {m.group(1): _REF.findall(m.group(0)) for m in _SECTION.finditer(body)}


def counts(body: str) -> dict[str, int]:
    """The counts at the top of the page, per group."""
    return {key: int(n) for key, n in _COUNT.findall(body)}


def first_contact_due(app, due: date, **fields) -> str:
    """A new case (nobody contacted yet) whose first contact falls due on ``due``: the clock
    its row shows; the reply and the close come long after."""
    later = {
        "due_contact": due,
        "due_reply": due + timedelta(days=10),
        "due_close": due + timedelta(days=20),
        **fields.pop("later", {}),
    }
    return add_case(app, later=later, **fields)


def followed_up_not_closed(app, close_due: date) -> str:
    """A case replied and followed up on 3 March, its close due on ``close_due``."""
    ref = first_contact_due(app, date(2026, 3, 3), subject="已回访未办结")
    with clock_at(to_utc(datetime(2026, 3, 3, 9), TZ)):
        move_to(app, ref, "followed_up")
    change_case(app, ref, due_close=close_due)
    return ref
