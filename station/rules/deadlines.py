"""Deadline rules: policy clocks, the dates they give, and how late a case is. No Flask here.

A policy row holds, for one kind and importance of case, the clocks of
docs/domain.md "Deadlines": first contact, reply, close, follow-up after the reply and
(optionally) the head's review. A case copies the clocks in force when it is
received, so that a later policy change applies only to later cases, while a
calendar correction still moves its dates (they are computed again from the
copied clocks).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from . import workdays

Clock = tuple[int, str]  # (amount, "workdays" | "days")
CLOCK_NAMES = ("contact", "reply", "close", "followup", "review")

_WD = "workdays"
_D = "days"

# docs/domain.md "Deadlines": complaint P1 §3, report P1 §3, letters and visits P2 §三.2,
# appeal P2 §四, follow-up P5, leader review P3 第四条 (important 1, general 3).
_BY_KIND: dict[str, dict[str, Clock]] = {
    "complaint": {"contact": (1, _WD), "reply": (3, _WD), "close": (6, _WD)},
    "report": {"contact": (1, _WD), "reply": (5, _WD), "close": (5, _WD)},
    "consultation": {"contact": (1, _WD), "reply": (15, _D), "close": (60, _D)},
    "suggestion": {"contact": (1, _WD), "reply": (15, _D), "close": (60, _D)},
    "praise": {"contact": (1, _WD), "reply": (15, _D), "close": (60, _D)},
    "appeal": {"contact": (1, _WD), "reply": (10, _WD), "close": (15, _WD)},
}
_REVIEW: dict[str, Clock] = {"general": (3, _WD), "important": (1, _WD), "urgent": (1, _WD)}
_FOLLOWUP: Clock = (3, _WD)


def default_clocks(kind: str, importance: str) -> dict[str, Clock | None]:
    """The default policy row for a kind and importance of case."""
    clocks: dict[str, Clock | None] = dict(_BY_KIND[kind])
    clocks["followup"] = _FOLLOWUP
    clocks["review"] = _REVIEW[importance]
    return clocks


@dataclass(frozen=True)
class Deadlines:
    contact: date
    reply: date
    close: date
    review: date | None


def compute(received: date, clocks: Mapping[str, Clock | None]) -> Deadlines:
    """The due dates of a case received on ``received`` under ``clocks``."""

    def due(name: str) -> date | None:
        clock = clocks.get(name)
        return None if clock is None else workdays.due_date(received, clock[0], clock[1])

    return Deadlines(
        contact=due("contact"),  # type: ignore[arg-type]
        reply=due("reply"),  # type: ignore[arg-type]
        close=due("close"),  # type: ignore[arg-type]
        review=due("review"),
    )


def extended_close(close: date, reply: date, extended_to: date | None) -> date:
    """The close deadline once the reply's is extended: later by as many days, on a working day.

    An extension gives the handling more time (P1 §3 "情况复杂的，时限可以适当延长"); the
    close, which follows the reply and its follow-up call, moves with it.
    """
    if extended_to is None or extended_to <= reply:
        return close
    return workdays.due_date(close, (extended_to - reply).days, "days")


def followup_due(replied_on: date, clocks: Mapping[str, Clock | None]) -> date:
    amount, unit = clocks.get("followup") or _FOLLOWUP
    return workdays.due_date(replied_on, amount, unit)


OK, WARN, LATE, DONE, DONE_LATE = "ok", "warn", "late", "done", "done_late"


def light(start: date, due: date, today: date, *, done_on: date | None = None) -> str:
    """Green, amber once 75% of the time is used, red when late; once met, done or done late.

    Done late is its own, quiet light: red says "late now, act", which a clock met after
    its date no longer asks of anyone.
    """
    if done_on is not None:
        return DONE if done_on <= due else DONE_LATE
    if today > due:
        return LATE
    total = max((due - start).days, 1)
    return WARN if (today - start).days >= 0.75 * total else OK


def workdays_late(due: date, today: date) -> int:
    """How many working days a clock due on ``due`` is late on ``today``: the working days
    after its due day up to today, and at least one once it is late at all (the first day
    late counts, even when it is a day off). 0 while it is not late."""
    if today <= due:
        return 0
    return max(workdays.workdays_between(due, today), 1)


def confirmed(due: date) -> bool:
    """A date in a year whose official holiday schedule is not yet known is only an estimate."""
    return workdays.year_confirmed(due.year)
