"""What the station's duties owe: one interface that the home panel, the duties page and the
overdue board list beside the cases. See docs/domain.md "Station duties".

Each duty (the suggestion boxes, the reporting-line log, reception day, key-person visits)
registers one source: a function of the station and its local today that returns what is
due by today and not yet done. Lateness of a duty is defined here once: an item is late
when its due day has passed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..rules import deadlines

# The duties in the order they are listed.
DUTIES = ("box", "hotline", "reception", "key_visit")


def is_late(due: date, today: date) -> bool:
    """A duty is late once its due day has passed: the one definition, for every duty's page."""
    return due < today


@dataclass(frozen=True)
class DutyItem:
    """One thing a duty owes. ``label`` names it without any personal data of the public (the
    wall board shows it); ``detail`` may say more, for staff pages only."""

    duty: str
    label: str
    due: date
    endpoint: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    count: int = 1  # how many things the one item stands for (calls of a day, visitors)
    detail: str = ""

    def late(self, today: date) -> bool:
        return is_late(self.due, today)

    def due_today(self, today: date) -> bool:
        return self.due == today

    def days_late(self, today: date) -> int:
        """Working days late, counted as a case's clocks are (``deadlines.workdays_late``), so
        that the board says the same of a duty and of a case; 0 when not late."""
        return deadlines.workdays_late(self.due, today)


Source = Callable[[int, date], Iterable[DutyItem]]
_SOURCES: dict[str, Source] = {}


def register(duty: str, source: Source) -> None:
    """Called by a duty's room when it is set up (its ``init_app``)."""
    if duty not in DUTIES:
        raise ValueError(f"unknown duty {duty!r}")
    _SOURCES[duty] = source


def items(station_id: int, today: date) -> list[DutyItem]:
    """Everything the station's duties owe by ``today``, late first, then by due day."""
    found = [
        item for duty in DUTIES if duty in _SOURCES for item in _SOURCES[duty](station_id, today)
    ]
    return sorted(found, key=lambda i: (i.due, DUTIES.index(i.duty), i.label))


def late(station_id: int, today: date) -> list[DutyItem]:
    return [i for i in items(station_id, today) if i.late(today)]


# A duty's figures of a month, for the monthly summary: a function of the station, the
# month's first and last local days, the station's time zone and its today, returning
# counts by figure, in the order they are shown. A figure's label lives with its duty.
MonthSource = Callable[[int, date, date, str, date], dict[str, int]]
_MONTHS: dict[str, tuple[MonthSource, dict[str, Any]]] = {}


def register_month(duty: str, source: MonthSource, labels: dict[str, Any]) -> None:
    """Called by a duty's room with its month figures and their labels."""
    if duty not in DUTIES:
        raise ValueError(f"unknown duty {duty!r}")
    _MONTHS[duty] = (source, labels)


def month_figures(
    station_id: int, first: date, last: date, tz: str, today: date
) -> dict[str, dict[str, int]]:
    """Every duty's figures of the month from ``first`` to ``last``, in the duties' order."""
    return {
        duty: _MONTHS[duty][0](station_id, first, last, tz, today)
        for duty in DUTIES
        if duty in _MONTHS
    }


def figure_label(duty: str, key: str) -> Any:
    """The label of one figure; a figure no duty labels any more (in an old snapshot) is shown
    by its key rather than lost."""
    return _MONTHS.get(duty, (None, {}))[1].get(key, key)


def figure_keys(duty: str) -> tuple[str, ...]:
    """The duty's figures in the order it shows them."""
    return tuple(_MONTHS.get(duty, (None, {}))[1])
