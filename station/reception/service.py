"""Reception day: the setting, the host schedule, sign-ins, the queue and the outcomes.

The days come from ``schedule`` on the working-day calendar. Every matter a visitor
brings ends as an outcome; answered on the spot and became a case are ordinary visit
cases of the register (docs/domain.md "Station duties"). A visitor whose matter became a
report keeps here only its number, arrival and "转保密处理": name, phone and matter are in
the report, sealed. Nothing here commits: the views do.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case as when
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..cases import actions
from ..cases import service as cases
from ..cases.models import Case
from ..confidential import gate
from ..confidential import labels as confidential_labels
from ..devices.models import Device
from ..duties.registry import DutyItem
from ..extensions import db
from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..i18n import short_date
from ..intake import sources
from ..models import Station, User, UserRole
from ..people import service as people
from ..rules import roles as R
from ..rules.vocab import CONFIDENTIAL_KINDS
from ..timeutil import local_day, local_today, station_tz, to_local, to_utc, utcnow
from . import schedule
from .models import (
    ANSWERED,
    CASE,
    LEFT,
    OUTCOMES,
    POLICE,
    REFERRED,
    ReceptionHost,
    ReceptionSetting,
    Visitor,
)

DEFAULT_CLOSES_AT = time(17, 30)
HOST_ROLES = (R.HEAD, R.CLERK)
# The outcomes that need a note: where the visitor was referred, what the police were told.
NEEDS_NOTE = {REFERRED: _l("Say where the visitor was referred."),
              POLICE: _l("Say what happened and what was reported to the police.")}  # fmt: skip
CONFIDENTIAL_LABEL = confidential_labels.HANDLED
SUBJECT_MAX = 200


class ReceptionError(ValueError):
    """A refused request; ``message`` says why in the user's language. Nothing was saved."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


class AlreadySignedIn(ReceptionError):
    """The same sign-in form arrived twice; the first one counts."""


# Two sign-ins at the same moment can read the same last number; the database's unique
# constraint refuses the second, which then takes the next one.
NUMBER_TRIES = 5


# ---------------------------------------------------------------- the days


def setting(station_id: int) -> ReceptionSetting:
    """The station's setting (the default, not saved, when the head set none)."""
    found = db.session.get(ReceptionSetting, station_id)
    return found or ReceptionSetting(station_id=station_id, weekday=0, closes_at=DEFAULT_CLOSES_AT)


def save_setting(station_id: int, weekday: int, closes_at: time, by: User) -> None:
    if weekday not in schedule.WEEKDAYS:
        raise ReceptionError(_l("Reception day is one of Monday to Friday."))
    found = db.session.get(ReceptionSetting, station_id)
    if found is None:
        found = ReceptionSetting(station_id=station_id)
        db.session.add(found)
    found.weekday, found.closes_at, found.updated_by_id = weekday, closes_at, by.id


def today() -> date:
    return local_today(station_tz())


def is_reception_day(station_id: int, day: date) -> bool:
    return schedule.is_reception_day(day, setting(station_id).weekday)


def coming_days(station_id: int, start: date, count: int) -> list[date]:
    return schedule.coming(start, count, setting(station_id).weekday)


def end_of(day: date) -> datetime:
    """The stored (UTC) moment the station's ``day`` ends: when a kiosk grant expires."""
    return to_utc(datetime.combine(day + timedelta(days=1), time(0)), station_tz())


def closed(station_id: int, day: date) -> bool:
    """Whether the reception of ``day`` is over: a past day, or today after closing time."""
    now = to_local(utcnow(), station_tz()).replace(tzinfo=None)
    return day < now.date() or (day == now.date() and now.time() >= setting(station_id).closes_at)


# ---------------------------------------------------------------- hosts


def host_choices(station_id: int) -> list[User]:
    """Who may host: the station's active heads and clerks."""
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.station_id == station_id,
                User.active.is_(True),
                User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(HOST_ROLES))),
            )
            .order_by(User.name, User.username)
        )
    )


def hosts(station_id: int, days: Iterable[date]) -> dict[date, User]:
    wanted = list(days)
    if not wanted:
        return {}
    rows = db.session.scalars(
        select(ReceptionHost).where(
            ReceptionHost.station_id == station_id, ReceptionHost.day.in_(wanted)
        )
    )
    return {row.day: row.host for row in rows}


def host_of(station_id: int, day: date) -> User | None:
    return hosts(station_id, [day]).get(day)


def name_host(station_id: int, day: date, host_id: int | None, by: User) -> None:
    """Name (or, with None, clear) the host of a coming reception day."""
    if day < today() or not is_reception_day(station_id, day):
        raise ReceptionError(_l("Hosts are named for coming reception days only."))
    row = db.session.scalar(
        select(ReceptionHost).where(
            ReceptionHost.station_id == station_id, ReceptionHost.day == day
        )
    )
    if host_id is None:
        if row is not None:
            db.session.delete(row)
        return
    if host_id not in {u.id for u in host_choices(station_id)}:
        raise ReceptionError(_l("The host is a head or clerk of the station."))
    if row is None:
        row = ReceptionHost(station_id=station_id, day=day)
        db.session.add(row)
    row.host_id, row.named_by_id = host_id, by.id


def may_decide(user: Any, day: date) -> bool:
    """The outcomes are the head's, and that day's host's."""
    if user.station_id is None:
        return False
    if user.has_role(R.HEAD):
        return True
    host = host_of(user.station_id, day)
    return host is not None and host.id == user.id


# ---------------------------------------------------------------- sign-in and the queue


def sign_in(
    station_id: int,
    *,
    name: str,
    phone: str,
    matter: str,
    headcount: int,
    form_key: str,
    device: Device | None = None,
    user: User | None = None,
) -> Visitor:
    """Sign a visitor in on today's reception day, with the day's next queue number."""
    day = today()
    if not is_reception_day(station_id, day):
        raise ReceptionError(_l("Today is not a reception day."))
    name, matter = name.strip(), matter.strip()
    if not name or not matter:
        raise ReceptionError(_l("Enter your name and your matter."))
    for _attempt in range(NUMBER_TRIES):
        visitor = Visitor(
            station_id=station_id,
            day=day,
            number=next_number(station_id, day),
            arrived_at=utcnow(),
            name=name,
            phone=people.clean(phone.strip()),
            matter=matter,
            headcount=headcount,
            form_key=form_key,
            device_id=device.id if device is not None else None,
            signed_in_by_id=user.id if user is not None else None,
        )
        try:
            with db.session.begin_nested():
                db.session.add(visitor)
        except IntegrityError:
            if signed_in_with(form_key):  # the same form sent twice at once
                raise AlreadySignedIn(_l("You are signed in already.")) from None
            continue  # another sign-in took this number between our read and our write
        return visitor
    raise ReceptionError(
        _l("Many people are signing in at this moment; please press the button again.")
    )


def next_number(station_id: int, day: date) -> int:
    """The day's next queue number, as far as this transaction can see."""
    last = db.session.scalar(
        select(func.max(Visitor.number)).where(Visitor.station_id == station_id, Visitor.day == day)
    )
    return (last or 0) + 1


def signed_in_with(form_key: str) -> bool:
    return db.session.scalar(select(Visitor.id).where(Visitor.form_key == form_key)) is not None


def visitors(station_id: int, day: date) -> list[Visitor]:
    return list(
        db.session.scalars(
            select(Visitor)
            .where(Visitor.station_id == station_id, Visitor.day == day)
            .order_by(Visitor.number)
        )
    )


def _check(visitor: Visitor, day: date) -> None:
    if visitor.day != day:
        raise ReceptionError(_l("This visitor signed in on another reception day."))
    if visitor.outcome is not None:
        raise ReceptionError(_l("This visitor's outcome is recorded already."))


def call_in(visitor: Visitor, day: date) -> None:
    """The host calls the visitor in: from waiting to with the host."""
    _check(visitor, day)
    if visitor.called_at is None:
        visitor.called_at = utcnow()


def _done(visitor: Visitor, outcome: str, by: User, note: str = "") -> None:
    visitor.outcome, visitor.outcome_note = outcome, note
    visitor.outcome_at, visitor.outcome_by_id = utcnow(), by.id


def record_outcome(visitor: Visitor, day: date, outcome: str, note: str, by: User) -> None:
    """Referred elsewhere, left before being seen, or reported to the police."""
    _check(visitor, day)
    if outcome not in (REFERRED, LEFT, POLICE):
        raise ReceptionError(_l("Choose an outcome."))
    note = note.strip()
    if outcome in NEEDS_NOTE and not note:
        raise ReceptionError(NEEDS_NOTE[outcome])
    _done(visitor, outcome, by, note if outcome != LEFT else "")


def answer_on_spot(visitor: Visitor, day: date, by: User, *, kind: str, answer: str) -> Case:
    """A visit case, registered from the sign-in and closed on the spot (P2 §三.1)."""
    _check(visitor, day)
    if kind in CONFIDENTIAL_KINDS:
        raise ReceptionError(_l("A report is registered as a case, not answered on the spot."))
    if not answer.strip():
        raise ReceptionError(_l("Write down what the visitor was told."))
    tz = station_tz()
    case = cases.register(
        station_id=visitor.station_id,
        channel="visit",
        fields={**case_fields(visitor), "kind": kind},
        received_local=to_local(visitor.arrived_at, tz).replace(
            tzinfo=None, second=0, microsecond=0
        ),
        registered_by=by,
        tz=tz,
    )
    actions.answer_on_spot(case, by, content=answer.strip())
    _done(visitor, ANSWERED, by)
    sources.after_register(case, by, (VISITOR_SOURCE, visitor))
    return case


def case_fields(visitor: Visitor) -> dict[str, Any]:
    first_line = visitor.matter.strip().splitlines()[0] if visitor.matter.strip() else ""
    fields: dict[str, Any] = {
        "person_name": visitor.name,
        "person_phone": visitor.phone,
        "subject": first_line[:SUBJECT_MAX],
        "content": visitor.matter,
        "importance": "general",
    }
    if visitor.headcount > 1:
        fields["headcount"] = visitor.headcount
    return fields


# ---------------------------------------------------------------- the intake source


def _find(station_id: int, ident: int) -> Visitor | None:
    """A visitor of the station not dealt with yet, whose matter may become a case."""
    visitor = db.session.get(Visitor, ident)
    if visitor is None or visitor.station_id != station_id or visitor.outcome is not None:
        return None
    return visitor


def _prefill(visitor: Visitor) -> dict[str, Any]:
    arrived = to_local(visitor.arrived_at, station_tz())
    return {
        **case_fields(visitor),
        "received_date": arrived.date(),
        "received_time": time(arrived.hour, arrived.minute),
    }


def _link(visitor: Visitor, case: Case, user: User) -> None:
    """The case registered from the sign-in: the visitor's outcome, unless one was recorded
    (answered on the spot); a report takes the visitor's words with it."""
    visitor.case_id = case.id
    if visitor.outcome is None:
        _done(visitor, CASE, user)
    if gate.is_report(case):
        visitor.confidential = True
        visitor.name = visitor.phone = visitor.matter = visitor.outcome_note = ""


VISITOR_SOURCE = sources.Source(
    name="visitor", channel="visit", find=_find, prefill=_prefill, link=_link
)


# ---------------------------------------------------------------- the day and the duty


def may_see(visitor: Visitor, user: Any) -> bool:
    """Whether ``user`` sees more of the visitor than "转保密处理": not a confidential one,
    or a gate reader of its report (who sees it on the report)."""
    if not visitor.confidential:
        return True
    return visitor.case is not None and gate.may_open(user, visitor.case)


def past_days(station_id: int, before: date, limit: int = 12) -> list[tuple[date, int, int]]:
    """(day, visitors, not dealt with) of the latest days with visitors before ``before``."""
    open_count = func.sum(when((Visitor.outcome.is_(None), 1), else_=0))
    rows = db.session.execute(
        select(Visitor.day, func.count(Visitor.id), open_count)
        .where(Visitor.station_id == station_id, Visitor.day < before)
        .group_by(Visitor.day)
        .order_by(Visitor.day.desc())
        .limit(limit)
    )
    return [(day, count, int(left or 0)) for day, count, left in rows]


def open_days(station_id: int, until: date) -> list[tuple[date, int]]:
    """(day, visitors not dealt with) of every reception day up to ``until``."""
    rows = db.session.execute(
        select(Visitor.day, func.count(Visitor.id))
        .where(Visitor.station_id == station_id, Visitor.outcome.is_(None), Visitor.day <= until)
        .group_by(Visitor.day)
        .order_by(Visitor.day)
    )
    return [(day, count) for day, count in rows]


def duty_items(station_id: int, on: date) -> list[DutyItem]:
    """The duty "reception": each reception day, today or past, with visitors not dealt
    with; due that day, so late from the day after."""
    return [
        DutyItem(
            duty="reception",
            label=_("Reception day %(day)s: visitors not dealt with", day=short_date(day)),
            due=day,
            endpoint="reception.day",
            params={"day": day.isoformat()},
            count=count,
        )
        for day, count in open_days(station_id, on)
    ]


def notice_facts(station: Station) -> dict[str, Any]:
    """What the hall notice prints besides the days: the station's reporting line (the
    reporting-line log's, its phone until an admin sets one) and where its suggestion boxes
    in use hang."""
    from ..box import service as box  # here: both rooms import the case register
    from ..hotline.service import reporting_line

    places = [b.place for b in box.boxes(station.id, include_inactive=False)]
    return {"reporting_line": reporting_line(station.id), "box_places": places}


def arrived_local(visitor: Visitor) -> datetime:
    return to_local(visitor.arrived_at, station_tz())


def day_of(moment: datetime) -> date:
    return local_day(moment, station_tz())


__all__ = ["CONFIDENTIAL_LABEL", "OUTCOMES", "VISITOR_SOURCE", "ReceptionError"]
