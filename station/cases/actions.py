"""The handling actions of a case (docs/domain.md "The closed loop"), one function each.

Every function checks the move, changes the case, records an event and does
not commit: the view commits, so that a refused move changes nothing.
"""

from datetime import date, datetime

from ..extensions import db
from ..models import User
from ..rules.vocab import CONFIDENTIAL_KINDS
from ..timeutil import to_local, utcnow
from .models import Case, Extension, Transfer
from .service import (
    apply_followup_deadline,
    apply_receipt_deadlines,
    move,
    record_event,
    register,
)

# The appeal a dissatisfied person's case reopens as (P2 §四).
APPEAL = "appeal"


def appeal_kind(kind: str) -> str:
    """The kind of the appeal against a case of ``kind``.

    The appeal copies the subject and the person: the appeal of a report (举报)
    is itself a report, so that it stays with those who may read reports.
    """
    return kind if kind in CONFIDENTIAL_KINDS else APPEAL


class ActionError(ValueError):
    """A move whose details break a rule (a new deadline before the old, say)."""


def accept(case: Case, actor: User, *, contacted_at: datetime, note: str = "") -> None:
    move(case, "accept")
    case.contacted_at = contacted_at
    if case.assignee_id is None:
        case.assignee_id = actor.id
    record_event(case, actor, "accept", note, contacted_at=contacted_at)


def assign(case: Case, actor: User, *, assignee: User, note: str = "") -> None:
    move(case, "assign")
    before = case.assignee.display_name if case.assignee else ""
    case.assignee_id = assignee.id
    record_event(case, actor, "assign", note, assignee=assignee.display_name, before=before)


def transfer(
    case: Case, actor: User, *, unit: str, request: str, due: date, today: date
) -> Transfer:
    if due < today:
        raise ActionError("due_in_past")
    move(case, "transfer")
    item = Transfer(case_id=case.id, unit=unit, request=request, due=due, sent_by_id=actor.id)
    db.session.add(item)
    db.session.flush()
    record_event(case, actor, "transfer", request, unit=unit, due=due, transfer_id=item.id)
    return item


def transfer_result(case: Case, actor: User, *, item: Transfer, result: str) -> None:
    move(case, "transfer_result")
    if item.case_id != case.id or item.result_at is not None:
        raise ActionError("no_open_transfer")
    item.result = result
    item.result_at = utcnow()
    record_event(case, actor, "transfer_result", result, unit=item.unit, transfer_id=item.id)


def submit_review(case: Case, actor: User, *, note: str = "") -> None:
    move(case, "submit_review")
    case.review_pending = True
    record_event(case, actor, "submit_review", note, due=case.due_review)


def review_instruction(case: Case, actor: User, *, instruction: str) -> None:
    move(case, "review_instruction")
    case.review_pending = False
    record_event(case, actor, "review_instruction", instruction)


def note(case: Case, actor: User, *, text: str) -> None:
    move(case, "note")
    record_event(case, actor, "note", text)


def remind(case: Case, actor: User, *, text: str) -> None:
    move(case, "remind")
    record_event(case, actor, "remind", text, assignee=case.assignee_id)


def request_extension(case: Case, actor: User, *, reason: str, new_due: date) -> Extension:
    if new_due <= case.due_reply_effective:
        raise ActionError("not_later")
    move(case, "request_extension")
    item = Extension(case_id=case.id, reason=reason, new_due=new_due, requested_by_id=actor.id)
    db.session.add(item)
    db.session.flush()
    record_event(case, actor, "request_extension", reason, new_due=new_due)
    return item


def decide_extension(
    case: Case, actor: User, *, item: Extension, approve: bool, note: str = ""
) -> None:
    move(case, "decide_extension")
    if item.case_id != case.id or item.decision != "pending":
        raise ActionError("no_pending_extension")
    item.decision = "approved" if approve else "refused"
    item.decided_at = utcnow()
    item.decided_by_id = actor.id
    item.decision_note = note
    if approve:
        case.extended_to = item.new_due
        apply_receipt_deadlines(case)  # the close moves with the reply
    record_event(case, actor, "decide_extension", note, approved=approve, new_due=item.new_due)


def reply(
    case: Case, actor: User, *, method: str, content: str, remedy: str = "",
    superior_reply: str = "", tz: str,
) -> None:  # fmt: skip
    move(case, "reply")
    case.replied_at = utcnow()
    case.reply_method = method
    apply_followup_deadline(case, tz)
    record_event(
        case, actor, "reply", content, method=method, remedy=remedy, superior_reply=superior_reply
    )


def answer_on_spot(case: Case, actor: User, *, content: str) -> None:
    move(case, "answer_on_spot")
    now = utcnow()
    case.on_the_spot = True
    case.contacted_at = case.replied_at = case.closed_at = now
    case.reply_method = "in_person"
    case.assignee_id = case.assignee_id or actor.id
    record_event(case, actor, "answer_on_spot", content)


def follow_up(case: Case, actor: User, *, satisfaction: str, remarks: str = "") -> None:
    move(case, "follow_up")
    case.followed_up_at = utcnow()
    case.satisfaction = satisfaction
    record_event(case, actor, "follow_up", remarks, satisfaction=satisfaction)


def close(case: Case, actor: User, *, note: str = "") -> None:
    move(case, "close")
    case.closed_at = utcnow()
    record_event(case, actor, "close", note)


def reopen_appeal(case: Case, actor: User, *, reason: str, tz: str) -> Case:
    """Close the case if still open and register an appeal that refers to it."""
    was_open = case.closed_at is None
    move(case, "reopen_appeal")
    if was_open:
        case.closed_at = utcnow()
    fields = {
        "kind": appeal_kind(case.kind),
        "importance": case.importance,
        "topic_id": case.topic_id,
        "subject": case.subject[:190],
        "content": reason,
        "anonymous": case.anonymous,
        "person_name": case.person_name,
        "person_phone": case.person_phone,
        "person_id_number": case.person_id_number,
        "person_address": case.person_address,
    }
    if case.kind in CONFIDENTIAL_KINDS:
        from ..confidential import gate  # the gate builds on the case register

        # The reader may see the reporter masked: the appeal takes the real identity.
        fields.update(gate.identity_to_copy(case))
    appeal = register(
        station_id=case.station_id, channel=case.channel, fields=fields,
        received_local=to_local(utcnow(), tz).replace(tzinfo=None), registered_by=actor,
        tz=tz, parent=case,
    )  # fmt: skip
    if case.kind in CONFIDENTIAL_KINDS:
        gate.carry_over(case, appeal)  # whom the report names is excluded from its appeal
    appeal.assignee_id = case.assignee_id
    record_event(case, actor, "reopen_appeal", reason, appeal=appeal.ref)
    record_event(appeal, actor, "appeal_of", reason, original=case.ref)
    return appeal


def archive(case: Case, actor: User, *, year: int, volume: str) -> None:
    move(case, "archive")
    case.archived_at = utcnow()
    case.archive_year = year
    case.archive_volume = volume
    record_event(case, actor, "archive", "", year=year, volume=volume)
