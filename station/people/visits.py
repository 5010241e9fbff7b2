"""Key-person visits (P5 §三(一)8): the station's key persons, their visit interval, the
visits made, and what they owe (the duty source "key_visit"). The view commits."""

from datetime import date

from sqlalchemy import func, select

from ..duties.registry import DutyItem
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import User
from ..rules import roles as R
from ..rules.vocab import VISIT_SATISFACTION
from ..timeutil import local_day, local_today, station_tz
from . import schedule
from .models import KeyPerson, KeyVisit

SAID_MAX = 5000


class Refused(ValueError):
    """A visit or an interval that cannot be saved: ``errors`` maps a field to its message."""

    def __init__(self, errors: dict[str, object]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


def key_persons(station_id: int, *, active: bool = True) -> list[KeyPerson]:
    """The station's key persons still followed (or, ``active=False``, no longer)."""
    return list(
        db.session.scalars(
            select(KeyPerson)
            .where(KeyPerson.station_id == station_id, KeyPerson.active.is_(active))
            .order_by(KeyPerson.marked_at.desc(), KeyPerson.id)
        )
    )


def marked_on(person: KeyPerson) -> date:
    """The station's day on which the person was (last) marked."""
    return local_day(person.marked_at, station_tz())


def visits(person: KeyPerson) -> list[KeyVisit]:
    """The person's visits, latest first."""
    return list(
        db.session.scalars(
            select(KeyVisit)
            .where(KeyVisit.key_person_id == person.id)
            .order_by(KeyVisit.visited_on.desc(), KeyVisit.id.desc())
        )
    )


def _last_visits(station_id: int) -> dict[int, date]:
    """Each key person's last visit day, for the station's persons in one query."""
    rows = db.session.execute(
        select(KeyVisit.key_person_id, func.max(KeyVisit.visited_on))
        .where(KeyVisit.station_id == station_id)
        .group_by(KeyVisit.key_person_id)
    )
    return {person_id: day for person_id, day in rows}


def next_due(person: KeyPerson, last: date | None = None) -> date | None:
    """The day the next visit is due; None for a person no longer followed."""
    if not person.active:
        return None
    if last is None:
        last = _last_visits(person.station_id).get(person.id)
    return schedule.due_date(last, marked_on(person), person.visit_interval)


def with_due(station_id: int) -> list[tuple[KeyPerson, date]]:
    """The station's active key persons with their next due day, the soonest first."""
    last = _last_visits(station_id)
    rows = [
        (p, schedule.due_date(last.get(p.id), marked_on(p), p.visit_interval))
        for p in key_persons(station_id)
    ]
    return sorted(rows, key=lambda row: (row[1], row[0].id))


def possible_visitors(station_id: int) -> list[User]:
    """Who may have gone: the station's active staff (clerks, heads, inspectors)."""
    users = db.session.scalars(
        select(User)
        .where(User.station_id == station_id, User.active.is_(True))
        .order_by(User.name, User.username)
    )
    return [u for u in users if u.has_role(*R.STATION_ROLES)]


def check_visit(
    person: KeyPerson,
    *,
    visited_on: date | None,
    visitor_id: int | None,
    said: str,
    satisfaction: str,
    today: date,
) -> dict[str, object]:
    """Every reason the visit cannot be recorded, by field (empty: it can)."""
    errors: dict[str, object] = {}
    if not person.active:
        errors["visited_on"] = _l("This person is no longer a key person: no visit is due.")
    elif visited_on is None:
        errors["visited_on"] = _l("Enter the day of the visit.")
    elif visited_on > today:
        errors["visited_on"] = _l("A visit cannot be in the future.")
    elif visited_on < marked_on(person):
        errors["visited_on"] = _l(
            "The person was marked as a key person on %(day)s: a visit cannot be before it.",
            day=marked_on(person).isoformat(),
        )
    if visitor_id not in {u.id for u in possible_visitors(person.station_id)}:
        errors["visitor"] = _l("The visitor must be a member of this station's staff.")
    if not said:
        errors["said"] = _l("Write down what was said.")
    elif len(said) > SAID_MAX:
        errors["said"] = _l("At most %(max)d characters.", max=SAID_MAX)
    if satisfaction not in VISIT_SATISFACTION:
        errors["satisfaction"] = _l("Choose how satisfied the person was.")
    return errors


def record_visit(
    person: KeyPerson,
    user: User,
    *,
    visited_on: date | None,
    visitor_id: int | None,
    said: str,
    satisfaction: str,
) -> KeyVisit:
    """Record the visit, or raise ``Refused`` having saved nothing."""
    errors = check_visit(
        person,
        visited_on=visited_on,
        visitor_id=visitor_id,
        said=said,
        satisfaction=satisfaction,
        today=local_today(station_tz()),
    )
    if errors:
        raise Refused(errors)
    assert visited_on is not None and visitor_id is not None
    visit = KeyVisit(
        key_person_id=person.id,
        station_id=person.station_id,
        visited_on=visited_on,
        visitor_id=visitor_id,
        said=said,
        satisfaction=satisfaction,
        recorded_by_id=user.id,
    )
    db.session.add(visit)
    db.session.flush()
    return visit


def set_interval(person: KeyPerson, days: int | None) -> None:
    """The head's interval for the person, or ``Refused`` with nothing changed."""
    if not schedule.valid_interval(days):
        raise Refused(
            {
                "visit_interval": _l(
                    "The interval is a number of days from %(low)d to %(high)d.",
                    low=schedule.MIN_INTERVAL,
                    high=schedule.MAX_INTERVAL,
                )
            }
        )
    assert days is not None
    person.visit_interval = days
    db.session.flush()


def owed(station_id: int, today: date) -> list[DutyItem]:
    """The duty source "key_visit": every active key person whose visit is due by
    ``today``. The label names the person's number only; the name is in ``detail``."""
    return [
        DutyItem(
            duty="key_visit",
            label=str(_l("Key-person visit no. %(number)d", number=person.id)),
            due=due,
            endpoint="people.show",
            params={"person_id": person.id},
            detail=person.name,
        )
        for person, due in with_due(station_id)
        if due <= today
    ]
