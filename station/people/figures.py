"""Key-person visits' figures of a month, for the monthly summary (docs/domain.md "The
monthly summary"): the visits made in the month and their answers, and the persons whose
visit was late on the month's last day (or today, in the current month), by the duties'
one definition of late (``registry.is_late``)."""

from datetime import date

from sqlalchemy import func, select

from ..cases.labels import SATISFACTION
from ..duties import registry
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..rules.vocab import VISIT_SATISFACTION
from ..timeutil import local_day
from . import schedule
from .models import KeyPerson, KeyVisit

LATE = "late"
LABELS = {
    "visits": _l("Visits made"),
    **{answer: SATISFACTION[answer] for answer in VISIT_SATISFACTION},
    LATE: _l("Persons overdue for a visit"),
}


def _visits(station_id: int, first: date, last: date) -> dict[str, int]:
    rows = dict(
        db.session.execute(
            select(KeyVisit.satisfaction, func.count())
            .where(
                KeyVisit.station_id == station_id,
                KeyVisit.visited_on >= first,
                KeyVisit.visited_on <= last,
            )
            .group_by(KeyVisit.satisfaction)
        ).all()
    )
    return {"visits": sum(rows.values()), **{s: rows.get(s, 0) for s in VISIT_SATISFACTION}}


def _late_on(station_id: int, on: date, tz: str) -> int:
    last = dict(
        db.session.execute(
            select(KeyVisit.key_person_id, func.max(KeyVisit.visited_on))
            .where(KeyVisit.station_id == station_id, KeyVisit.visited_on <= on)
            .group_by(KeyVisit.key_person_id)
        ).all()
    )
    persons = db.session.scalars(
        select(KeyPerson).where(KeyPerson.station_id == station_id, KeyPerson.active.is_(True))
    )
    late = 0
    for person in persons:
        marked = local_day(person.marked_at, tz)
        if marked > on:
            continue
        due = schedule.due_date(last.get(person.id), marked, person.visit_interval)
        late += registry.is_late(due, on)
    return late


def month(station_id: int, first: date, last: date, tz: str, today: date) -> dict[str, int]:
    return {**_visits(station_id, first, last), LATE: _late_on(station_id, min(last, today), tz)}
