"""What the case page and the print sheets show: deadlines with their lights, the
timeline with readable details, transfers and extensions."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import url_for

from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..i18n import show_date, show_datetime
from ..models import Station, User
from ..rules import clocks, deadlines
from . import labels
from .models import Case, CaseEvent, Enclosure, Extension, Transfer
from .review import review_submission, submitted_late
from .service import rows_of_case

LIGHT = {
    deadlines.OK: _l("On time"),
    deadlines.WARN: _l("Due soon"),
    deadlines.LATE: _l("Late"),
    deadlines.DONE: _l("Met"),
    deadlines.DONE_LATE: _l("Met late"),
}


@dataclass(frozen=True)
class DeadlineRow:
    clock: clocks.Clock
    light: str  # a key of LIGHT, also the badge's CSS class
    confirmed: bool

    @property
    def name(self) -> str:
        return self.clock.name

    @property
    def due(self) -> date:
        return self.clock.due

    @property
    def extended_from(self) -> date | None:
        return self.clock.extended_from

    @property
    def label(self) -> Any:
        label = labels.DEADLINE[self.clock.name]
        if not self.clock.unit:
            return label
        return _l("%(deadline)s: %(unit)s", deadline=label, unit=self.clock.unit)

    @property
    def light_label(self) -> Any:
        return LIGHT[self.light]


def deadline_rows(
    case: Case, today: date, tz: str, case_transfers: list[Transfer] | None = None
) -> list[DeadlineRow]:
    """The case's clocks (station/rules/clocks.py) in the order of the loop, each with its
    light; ``case_transfers`` are the case's ``transfers``, when the caller read them already
    (the page lists them too: read once, not twice)."""
    if case_transfers is None:
        case_transfers = transfers(case)
    return [
        DeadlineRow(clock=c, light=c.light(today), confirmed=deadlines.confirmed(c.due))
        for c in clocks.case_clocks(case, tz, case_transfers)
    ]


def next_deadline(rows: list[DeadlineRow]) -> DeadlineRow:
    """The deadline the first screen shows: ``clocks.headline`` of the case's clocks."""
    chosen = clocks.headline([r.clock for r in rows])
    return next(r for r in rows if r.clock is chosen)


@dataclass(frozen=True)
class ReviewNote:
    """The submission the head's review waits on (review.review_submission)."""

    at: datetime
    by: str
    late: bool  # the review clock had already run out when the case was submitted


def review_note(case: Case, rows: list[DeadlineRow], tz: str) -> ReviewNote | None:
    submitted = review_submission(case)
    if submitted is None:
        return None
    at, user = submitted
    clock = next((r.clock for r in rows if r.name == "review"), None)
    late = submitted_late(clock, at, tz)
    return ReviewNote(at=at, by=user.display_name if user else "", late=late)


def events(case: Case) -> list[CaseEvent]:
    """The timeline, oldest first (newest last)."""
    return rows_of_case(CaseEvent, case)


def transfers(case: Case) -> list[Transfer]:
    return rows_of_case(Transfer, case)


def extensions(case: Case) -> list[Extension]:
    return rows_of_case(Extension, case)


def enclosures(case: Case) -> list[Enclosure]:
    return rows_of_case(Enclosure, case)


def user_name(user_id: int | None) -> str:
    user = db.session.get(User, user_id) if user_id else None
    return user.display_name if user else ""


def station_name(case: Case) -> str:
    station = db.session.get(Station, case.station_id)
    return station.name if station else ""


def has_superior(case: Case) -> bool:
    """Whether a superior sent the case and wants a reply of its own."""
    return bool(case.superior_name or case.superior_ref or case.superior_due)


@dataclass(frozen=True)
class Detail:
    label: Any
    value: str
    url: str | None = None


def _when(value: str) -> str:
    return show_datetime(datetime.fromisoformat(value))


def _day(value: str) -> str:
    return show_date(date.fromisoformat(value))


def _case_link(ref: str) -> str:
    return url_for("cases.show", ref=ref)


# How each key of an event's data is shown: its label and how its value reads.
_DETAILS: dict[str, tuple[Any, Any]] = {
    "channel": (_l("Channel"), lambda v: str(labels.CHANNEL.get(v, v))),
    "contacted_at": (_l("First contact"), _when),
    "assignee": (_l("Assignee"), lambda v: user_name(v) if isinstance(v, int) else str(v)),
    "before": (_l("Before"), str),
    "unit": (_l("Member unit"), str),
    "due": (_l("Due"), _day),
    "new_due": (_l("New deadline"), _day),
    "approved": (_l("Decision"), lambda v: str(_l("Approved") if v else _l("Refused"))),
    "method": (_l("Method"), lambda v: str(labels.REPLY_METHOD.get(v, v))),
    "remedy": (_l("Remedy given"), str),
    "superior_reply": (_l("Reply to the superior"), str),
    "satisfaction": (_l("Result"), lambda v: str(labels.SATISFACTION.get(v, v))),
    "appeal": (_l("Appeal"), str),
    "original": (_l("Original case"), str),
    "year": (_l("Archive year"), str),
    "volume": (_l("Volume"), str),
    "filename": (_l("File"), str),
}
_LINKED = {"appeal", "original"}


def event_details(event: CaseEvent) -> list[Detail]:
    """The event's data as label and value; keys without a label are not shown."""
    out = []
    for key, value in (event.data or {}).items():
        if key not in _DETAILS or value in (None, ""):
            continue
        label, show = _DETAILS[key]
        out.append(Detail(label, show(value), _case_link(value) if key in _LINKED else None))
    return out
