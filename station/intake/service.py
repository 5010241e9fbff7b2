"""Turning a filled intake form into a registered case; the view commits."""

import re
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from wtforms import SelectChoice

from ..cases import actions
from ..cases import service as cases
from ..cases.models import Case, Enclosure
from ..cases.queries import visible_cases
from ..confidential import gate
from ..extensions import db
from ..models import User
from ..people import service as people
from ..rules import clocks, deadlines
from .forms import NO_STAFF_LABEL, NO_TOPIC, NOT_STAFF, IntakeForm

_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_TRI_STATE = {"yes": True, "no": False}
# A second registration of the same call within this time is likely the same case again.
DUPLICATE_WINDOW = timedelta(minutes=10)
# What an anonymous case does not keep: whatever names or finds the person.
_IDENTIFYING = ("person_name", "person_id_number", "person_address", "postcode")


def new_token() -> str:
    return uuid.uuid4().hex


def clean_token(value: str | None) -> str:
    """The form's one-time token, or a fresh one when it is missing or malformed."""
    return value if value and _TOKEN.match(value) else new_token()


def case_with_token(station_id: int, token: str) -> Case | None:
    return db.session.scalar(
        select(Case).where(Case.station_id == station_id, Case.intake_token == token)
    )


def fields_from(form: IntakeForm) -> dict[str, Any]:
    """The case's fields from the form: strings trimmed, the topic and yes/no selects decoded."""
    fields: dict[str, Any] = {}
    for field in form:
        if field.name not in cases.INTAKE_FIELDS:
            continue
        value = field.data
        fields[field.name] = value.strip() if isinstance(value, str) else value
    fields["topic_id"] = None if form.topic.data in (None, "", NO_TOPIC) else int(form.topic.data)
    fields["person_phone"] = people.clean(fields["person_phone"])
    fields["person_id_number"] = people.clean(fields["person_id_number"])
    if "originals_returned" in fields:
        fields["originals_returned"] = _TRI_STATE.get(fields["originals_returned"])
    if fields.get("collective") is False:
        fields["headcount"] = None
    if fields["anonymous"]:
        _drop_identity(fields, keep_phone=bool(form.phone_for_reply.data))
    return fields


def _drop_identity(fields: dict[str, Any], *, keep_phone: bool) -> None:
    """An anonymous case stores no name, ID number or address, whatever was typed; its phone
    number only when the person gave it for the reply."""
    for name in _IDENTIFYING:
        if name in fields:
            fields[name] = ""
    if not keep_phone:
        fields["person_phone"] = ""


_COMPARED = ("kind", "subject", "content", "person_name", "person_phone")


def same_as(case: Case, form: IntakeForm) -> bool:
    """Whether the form says what the case registered from it says (the same form again)."""
    fields = fields_from(form)
    return all((getattr(case, name) or "") == (fields[name] or "") for name in _COMPARED)


def likely_duplicate(form: IntakeForm, now: datetime) -> Case | None:
    """The latest case the user may see with the same phone number and subject, registered
    within DUPLICATE_WINDOW of ``now`` (UTC): a report only for those who may read it."""
    fields = fields_from(form)
    phone, subject = fields["person_phone"], fields["subject"]
    if not phone or not subject:
        return None
    return db.session.scalar(
        visible_cases()
        .where(
            Case.person_phone == phone,
            Case.subject == subject,
            Case.registered_at >= now - DUPLICATE_WINDOW,
        )
        .order_by(Case.registered_at.desc(), Case.id.desc())
        .limit(1)
    )


def enclosures_from(form: IntakeForm, received_on: date) -> list[dict[str, Any]]:
    """The enclosed items of a letter; blank rows are dropped."""
    rows = getattr(form, "enclosures", None) or []
    items = []
    for entry in rows:
        row = entry.form
        if row.is_blank():
            continue
        returned_on = row.returned_on.data or (received_on if row.returned.data else None)
        items.append(
            {
                "kind": row.kind.data or "other",
                "description": row.description.data.strip(),
                "kept_at": (row.kept_at.data or "").strip(),
                "returned_on": returned_on,
            }
        )
    return items


def station_staff(station_id: int) -> list[User]:
    """The station's active users, whom a report may name as persons reported."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.station_id == station_id, User.active.is_(True))
            .order_by(User.name, User.username)
        )
    )


def offer_staff(form: IntakeForm, staff: list[User]) -> None:
    """Offer ``staff`` as the accounts of the persons reported (else "not a staff member")."""
    choices = [SelectChoice(NOT_STAFF, NO_STAFF_LABEL)] + [
        SelectChoice(str(u.id), u.display_name) for u in staff
    ]
    for entry in form.persons_reported:
        entry.form.user.choices = choices


def persons_from(form: IntakeForm) -> list[dict[str, Any]]:
    """The persons reported of a valid report's form, blank rows dropped: name (the
    account's name when only the account was chosen), unit and user id or None. Nothing
    for another kind, whatever its rows say."""
    if not form.is_report():
        return []
    persons = []
    for entry in form.persons_reported:
        row = entry.form
        if row.is_blank():
            continue
        chosen = row.user.data or NOT_STAFF
        user_id = None if chosen == NOT_STAFF else int(chosen)
        name = (row.name.data or "").strip()
        if not name and user_id is not None:
            name = next(str(c.label) for c in row.user.choices if str(c.value) == chosen)
        persons.append({"name": name, "unit": (row.unit.data or "").strip(), "user_id": user_id})
    return persons


def register(form: IntakeForm, channel: str, user: User, tz: str, token: str) -> Case:
    """Register the case of a valid form, with a report's persons reported (sealed, and
    excluded from it where they are users), and answer it on the spot when asked to."""
    received = form.received_local()
    case = cases.register(
        station_id=user.station_id,
        channel=channel,
        fields=fields_from(form),
        received_local=received,
        registered_by=user,
        tz=tz,
        enclosures=enclosures_from(form, received.date()),
        intake_token=token,
    )
    gate.record_persons_reported(case, persons_from(form))
    if wants_spot_answer(form):
        actions.answer_on_spot(case, user, content=form.answer.data.strip())
    return case


def wants_spot_answer(form: IntakeForm) -> bool:
    spot = getattr(form, "answered_on_spot", None)
    return bool(spot is not None and spot.data)


def deadline_rows(case: Case, tz: str) -> list[tuple[str, date, bool]]:
    """(which, due date, confirmed) for every clock of the new case (station/rules/clocks.py)."""
    return [(c.name, c.due, deadlines.confirmed(c.due)) for c in clocks.case_clocks(case, tz)]


def enclosures_of(case: Case) -> list[Enclosure]:
    return list(
        db.session.scalars(
            select(Enclosure).where(Enclosure.case_id == case.id).order_by(Enclosure.id)
        )
    )
