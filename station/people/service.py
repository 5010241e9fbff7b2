"""People who come back: earlier cases of the same phone or ID number, and key persons (P5)."""

from sqlalchemy import or_, select

from ..cases.models import Case
from ..cases.queries import visible_cases
from ..cases.service import record_event
from ..extensions import db
from ..models import User
from ..rules.vocab import CONFIDENTIAL_KINDS
from ..timeutil import utcnow
from .models import KeyPerson

EARLIER_LIMIT = 10


class NoIdentity(ValueError):
    """The case has neither a phone nor an ID number to know the person by."""


class ConfidentialCase(ValueError):
    """A reporter is never marked from the report: every clerk sees the mark and its reason."""


def markable(case: Case) -> bool:
    """Whether the case's person may be marked as a key person from this case."""
    return case.kind not in CONFIDENTIAL_KINDS


def clean(value: str | None) -> str:
    """A phone or ID number as stored: no spaces around, upper-case X in ID numbers."""
    return (value or "").strip().upper()


def _matches(phone_col, id_col, phone: str, id_number: str) -> list:
    conditions = []
    if phone:
        conditions.append(phone_col == phone)
    if id_number:
        conditions.append(id_col == id_number)
    return conditions


def key_person_for(station_id: int, phone: str | None, id_number: str | None) -> KeyPerson | None:
    """The active key person of the station known by this phone or ID number, if any."""
    conditions = _matches(KeyPerson.phone, KeyPerson.id_number, clean(phone), clean(id_number))
    if not conditions:
        return None
    return db.session.scalar(
        select(KeyPerson)
        .where(KeyPerson.station_id == station_id, KeyPerson.active.is_(True), or_(*conditions))
        .order_by(KeyPerson.marked_at.desc())
        .limit(1)
    )


def key_person_of_case(case: Case) -> KeyPerson | None:
    return key_person_for(case.station_id, case.person_phone, case.person_id_number)


def earlier_cases(
    phone: str | None, id_number: str | None, limit: int | None = EARLIER_LIMIT
) -> list[Case]:
    """The current user's visible cases of this person, newest first (``limit`` None: all).

    Confidential cases the user may not read are left out without a trace: even
    their number would tell a clerk that this phone or ID number has reported.
    """
    conditions = _matches(Case.person_phone, Case.person_id_number, clean(phone), clean(id_number))
    if not conditions:
        return []
    query = visible_cases().where(or_(*conditions)).order_by(Case.received_at.desc())
    return list(db.session.scalars(query.limit(limit)))


def cases_of(person: KeyPerson) -> list[Case]:
    """The key person's cases that the current user may open, by the person's phone or ID
    number, through the same query as the intake's earlier cases."""
    return earlier_cases(person.phone, person.id_number, limit=None)


def mark(case: Case, actor: User, reason: str) -> KeyPerson:
    """Follow the case's person closely; an earlier record of them is taken up again."""
    if not markable(case):
        raise ConfidentialCase
    phone, id_number = clean(case.person_phone), clean(case.person_id_number)
    conditions = _matches(KeyPerson.phone, KeyPerson.id_number, phone, id_number)
    if not conditions:
        raise NoIdentity
    person = db.session.scalar(
        select(KeyPerson)
        .where(KeyPerson.station_id == case.station_id, or_(*conditions))
        .order_by(KeyPerson.active.desc(), KeyPerson.marked_at.desc())
        .limit(1)
    )
    if person is None:
        person = KeyPerson(station_id=case.station_id, marked_by_id=actor.id)
        db.session.add(person)
    person.name = person.name or case.person_name
    person.phone = person.phone or phone
    person.id_number = person.id_number or id_number
    person.reason = reason
    person.active = True
    person.marked_at = utcnow()
    person.marked_by_id = actor.id
    record_event(case, actor, "key_person", reason, marked=True)
    return person


def clear(case: Case, actor: User, note: str = "") -> int:
    """Stop following the case's person closely; returns how many records were ended."""
    conditions = _matches(
        KeyPerson.phone, KeyPerson.id_number, clean(case.person_phone), clean(case.person_id_number)
    )
    if not conditions:
        return 0
    people = db.session.scalars(
        select(KeyPerson).where(
            KeyPerson.station_id == case.station_id, KeyPerson.active.is_(True), or_(*conditions)
        )
    ).all()
    for person in people:
        person.active = False
    if people:
        record_event(case, actor, "key_person_cleared", note)
    return len(people)
