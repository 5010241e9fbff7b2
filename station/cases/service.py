"""Registering cases and moving them round the loop. Views call these; they commit.

Each function checks the move against ``workflow`` and records an event; none
commits, so that a view saves the change and its event together or not at all.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, select

from ..database import built_once
from ..extensions import db
from ..models import User
from ..policies.defaults import policy_for
from ..policies.models import Policy
from ..rules import deadlines, workflow
from ..rules.vocab import CONFIDENTIAL_KINDS
from ..rules.workflow import IllegalMove
from ..timeutil import local_day, to_utc
from .models import Case, CaseEvent, Enclosure, Extension, Transfer
from .refs import next_ref
from .signals import case_registered

M = TypeVar("M")

__all__ = [
    "IllegalMove",
    "apply_deadlines",
    "event_data",
    "facts",
    "move",
    "new_case",
    "record_event",
    "register",
]

# Fields an intake form may set on a case; everything else is the service's to set.
INTAKE_FIELDS = frozenset(
    {
        "kind", "importance", "topic_id", "subject", "content", "summary", "anonymous",
        "person_name", "person_phone", "person_id_number", "person_address",
        "postmark_date", "postcode", "identity_checked", "identity_document", "demands",
        "earlier_petitions", "skip_level", "repeat_visit", "skip_or_repeat_reason",
        "collective", "headcount", "representatives", "originals_returned", "phone_line",
        "external_ref", "external_due", "superior_name", "superior_ref", "superior_due",
    }
)  # fmt: skip


def event_data(**data: Any) -> dict[str, Any]:
    """An event's ``data`` as it is stored: dates and moments as ISO text (JSON has neither)."""
    return {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in data.items()}


def record_event(case: Case, actor: User | None, action: str, note: str = "", **data: Any) -> None:
    """Add a step to the case's timeline (never changed afterwards)."""
    db.session.add(
        CaseEvent(
            case_id=case.id,
            actor_id=actor.id if actor else None,
            action=action,
            note=note,
            data=event_data(**data),
        )
    )


def register(
    *,
    station_id: int,
    channel: str,
    fields: Mapping[str, Any],
    received_local: datetime,
    registered_by: User,
    tz: str,
    enclosures: Iterable[Mapping[str, Any]] = (),
    intake_token: str | None = None,
    parent: Case | None = None,
) -> Case:
    """A new case with its reference number and deadlines, and the 'registered' event."""
    case = new_case(
        station_id=station_id,
        channel=channel,
        fields=fields,
        received_local=received_local,
        registered_by_id=registered_by.id,
        tz=tz,
        intake_token=intake_token,
        parent_id=parent.id if parent else None,
    )
    case.ref = next_ref(station_id, received_local.year, report=case.kind in CONFIDENTIAL_KINDS)
    db.session.add(case)
    db.session.flush()
    for item in enclosures:
        db.session.add(Enclosure(case_id=case.id, **item))
    record_event(case, registered_by, "registered", channel=channel)
    case_registered.send(case)
    return case


def new_case(
    *,
    station_id: int,
    channel: str,
    fields: Mapping[str, Any],
    received_local: datetime,
    registered_by_id: int,
    tz: str,
    intake_token: str | None = None,
    parent_id: int | None = None,
    policy: Callable[[int, str, str], Policy] = policy_for,
) -> Case:
    """The columns ``register`` gives a new case before its reference number and its row:
    the intake fields, the receipt in UTC and its local day, the policy's clocks copied and
    the due dates. Not added to the session (the benchmark's generator writes such cases in
    bulk); ``policy`` finds the station's row for a kind and importance (the generator's
    keeps them)."""
    unknown = set(fields) - INTAKE_FIELDS
    if unknown:
        raise ValueError(f"not intake fields: {sorted(unknown)}")
    case = Case(
        station_id=station_id,
        channel=channel,
        registered_by_id=registered_by_id,
        intake_token=intake_token,
        parent_id=parent_id,
    )
    for name, value in fields.items():
        setattr(case, name, value)
    case.importance = case.importance or "general"
    if case.collective:
        case.importance = "important"  # collective visits are always important (P4 §五)
    case.received_at = to_utc(received_local, tz)
    case.received_on = received_local.date()
    clocks = policy(station_id, case.kind, case.importance).clocks()
    case.clocks = {k: list(v) if v else None for k, v in clocks.items()}
    apply_deadlines(case, tz)
    return case


def apply_deadlines(case: Case, tz: str) -> None:
    """(Re)compute the case's due dates from its receipt day and its copied clocks."""
    apply_receipt_deadlines(case)
    if case.replied_at is not None:
        apply_followup_deadline(case, tz)


def policy_clocks(case: Case) -> dict[str, deadlines.Clock | None]:
    """The clocks the case copied from its policy, as (amount, unit) pairs (JSON keeps lists)."""
    return {k: tuple(v) if v else None for k, v in case.clocks.items()}


def apply_followup_deadline(case: Case, tz: str) -> None:
    """The follow-up call's due date, counted from the station's day of the reply."""
    case.due_followup = deadlines.followup_due(local_day(case.replied_at, tz), policy_clocks(case))


def apply_receipt_deadlines(case: Case) -> None:
    """The due dates that count from the receipt; the close moves with an approved extension."""
    due = deadlines.compute(case.received_on, policy_clocks(case))
    case.due_contact, case.due_reply, case.due_review = due.contact, due.reply, due.review
    case.due_close = deadlines.extended_close(due.close, due.reply, case.extended_to)


def recompute_open_deadlines(years: set[int], tz: str) -> int:
    """After a calendar correction: move the deadlines of open cases it can touch."""
    if not years:
        return 0
    start = date(min(years) - 1, 1, 1)
    cases = db.session.scalars(
        select(Case).where(Case.status.in_(workflow.OPEN_STATES), Case.received_on >= start)
    )
    count = 0
    for case in cases:
        apply_deadlines(case, tz)
        count += 1
    return count


def facts(
    case: Case,
    transfers: Sequence[Transfer] | None = None,
    extensions: Sequence[Extension] | None = None,
) -> workflow.Facts:
    """What besides the state decides the legal moves: pending review, transfer, extension.

    ``transfers`` and ``extensions``: all of the case's, where the caller has just read
    them (the case page shows them), so that they are not read again."""
    if transfers is None:
        transfers = rows_of_case(Transfer, case)
    if extensions is None:
        extensions = rows_of_case(Extension, case)
    return workflow.Facts(
        review_pending=case.review_pending,
        transfer_open=any(t.result_at is None for t in transfers),
        extension_pending=any(e.decision == "pending" for e in extensions),
    )


def rows_of_case(model: type[M], case: Case) -> list[M]:
    """The case's rows of ``model`` (its events, transfers, extensions, enclosures), in
    their order."""
    return list(db.session.scalars(_rows_of_case(model), {"case_id": case.id}))


@built_once
def _rows_of_case(model: type) -> Select:
    order = (model.at, model.id) if model is CaseEvent else (model.id,)
    return select(model).where(model.case_id == bindparam("case_id")).order_by(*order)


def move(case: Case, action: str) -> None:
    """Change the case's state for ``action``, or raise IllegalMove and change nothing."""
    case.status = workflow.next_state(action, case.status, facts(case))
