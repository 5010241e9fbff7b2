"""The case register's tables. Every row belongs to a station (directly or through its case)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User, append_only
from ..policies.models import Topic
from ..rules.clocks import next_due as owed_next_due
from ..rules.workflow import REGISTERED
from ..timeutil import utcnow


class CaseSequence(db.Model):
    """The last reference number given per station and year; never goes back."""

    __tablename__ = "case_sequence"

    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class ReportSequence(db.Model):
    """Reports' own numbers (JB2026-001) per station and year, so that gaps in the case
    numbers tell nothing about reports (docs/domain.md "Confidentiality")."""

    __tablename__ = "report_sequence"

    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


# The condition of the partial indexes on open cases, literally as the queries say it.
_OPEN_WHERE = text("next_due IS NOT NULL")
_OPEN = {"sqlite_where": _OPEN_WHERE, "postgresql_where": _OPEN_WHERE}


class Case(db.Model):
    """One matter brought by the public, from intake to archive."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("station_id", "ref"),
        UniqueConstraint("station_id", "intake_token"),
        # A list filtered by state and kind is counted from the index alone (0020).
        Index("ix_case_station_status", "station_id", "status", "kind"),
        Index("ix_case_station_received", "station_id", "received_at"),
        Index("ix_case_station_due_reply", "station_id", "due_reply"),
        Index("ix_case_station_next_due", "station_id", "next_due"),
        # The monthly summary counts a month's cases by their local day of receipt, the
        # trend's from the index alone, with the gate's kind (migration 0019).
        Index("ix_case_station_received_on", "station_id", "received_on", "kind"),
        # Open cases only (a next due date exactly while open, cases/overdue.py): the
        # home panels, "mine", the board and the overdue list cost what is open, not the
        # history (migration 0014).
        Index("ix_case_open_assignee", "assignee_id", "station_id", "next_due", **_OPEN),
        Index(
            "ix_case_open_station_due_received", "station_id", "next_due", "received_at", **_OPEN
        ),
        Index("ix_case_open_station_received", "station_id", "received_at", **_OPEN),
        # The late counted, and a page of them found newest first, with the gate's kind,
        # from the index alone (migration 0018).
        Index("ix_case_open_late", "station_id", "next_due", "kind", "received_at", **_OPEN),
        # The reviews waiting for the head (cases/attention.py), not every case handled
        # (0018); the condition as each database's queries write ``is_(True)``.
        Index(
            "ix_case_review_pending",
            *("station_id", "status", "due_review", "kind"),
            sqlite_where=text("review_pending IS 1"),
            postgresql_where=text("review_pending IS true"),
        ),
        # Registering checks the same phone and subject registered lately (intake's
        # likely_duplicate): by the phone, not the station's whole history (migration 0017).
        Index("ix_case_phone_registered", "person_phone", "registered_at"),
        # The head's "waiting to close", the oldest follow-up first (cases/attention.py):
        # the followed-up cases, not the station's history in follow-up order (0017).
        Index("ix_case_station_status_followed_up", "station_id", "status", "followed_up_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    ref: Mapped[str] = mapped_column(String(12))
    # The intake form's one-time token: a double-clicked submit registers one case.
    intake_token: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    importance: Mapped[str] = mapped_column(String(20), default="general")
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    subject: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=REGISTERED)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))

    # The person; any of it may be missing (anonymous, withheld number).
    anonymous: Mapped[bool] = mapped_column(default=False)
    person_name: Mapped[str] = mapped_column(String(50), default="")
    person_phone: Mapped[str] = mapped_column(String(30), default="", index=True)
    person_id_number: Mapped[str] = mapped_column(String(30), default="", index=True)
    person_address: Mapped[str] = mapped_column(String(200), default="")

    received_at: Mapped[datetime]  # naive UTC
    received_on: Mapped[date]  # the local day of receipt: deadlines count from it
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)

    # The policy's clocks as they were when the case was received (see deadlines.py).
    clocks: Mapped[dict[str, Any]] = mapped_column(JSON)
    due_contact: Mapped[date]
    due_reply: Mapped[date]
    due_close: Mapped[date]
    due_review: Mapped[date | None]
    due_followup: Mapped[date | None]
    extended_to: Mapped[date | None]  # an approved extension of the reply deadline
    # The earliest due date of the running clocks owed (station/rules/clocks.py); None once closed.
    # Kept by keep_next_due below, so that "overdue" is one indexed comparison.
    next_due: Mapped[date | None]

    contacted_at: Mapped[datetime | None]
    replied_at: Mapped[datetime | None]
    followed_up_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]
    reply_method: Mapped[str | None] = mapped_column(String(20))
    satisfaction: Mapped[str | None] = mapped_column(String(20))
    on_the_spot: Mapped[bool] = mapped_column(default=False)
    review_pending: Mapped[bool] = mapped_column(default=False)
    archive_year: Mapped[int | None]
    archive_volume: Mapped[str | None] = mapped_column(String(30))

    # Letter
    postmark_date: Mapped[date | None]
    postcode: Mapped[str] = mapped_column(String(10), default="")
    # Visit
    identity_checked: Mapped[bool | None]
    identity_document: Mapped[str] = mapped_column(String(30), default="")
    demands: Mapped[str] = mapped_column(Text, default="")
    earlier_petitions: Mapped[str] = mapped_column(Text, default="")
    skip_level: Mapped[bool] = mapped_column(default=False)
    repeat_visit: Mapped[bool] = mapped_column(default=False)
    skip_or_repeat_reason: Mapped[str] = mapped_column(Text, default="")
    collective: Mapped[bool] = mapped_column(default=False)
    headcount: Mapped[int | None]
    representatives: Mapped[str] = mapped_column(String(200), default="")
    originals_returned: Mapped[bool | None]
    # Phone
    phone_line: Mapped[str | None] = mapped_column(String(20))
    external_ref: Mapped[str] = mapped_column(String(50), default="")
    external_due: Mapped[date | None]
    # Transfer from a superior
    superior_name: Mapped[str] = mapped_column(String(100), default="")
    superior_ref: Mapped[str] = mapped_column(String(50), default="")
    superior_due: Mapped[date | None]

    topic: Mapped[Topic | None] = relationship()
    registered_by: Mapped[User] = relationship(foreign_keys=[registered_by_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    parent: Mapped["Case | None"] = relationship(remote_side=[id])

    @property
    def due_reply_effective(self) -> date:
        """The reply deadline, or its approved extension."""
        return self.extended_to or self.due_reply

    def __repr__(self) -> str:
        return f"<Case {self.ref}>"


class CaseEvent(db.Model):
    """One step on a case's timeline. Never edited or deleted."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()


append_only(CaseEvent)


@event.listens_for(Case, "before_insert")
@event.listens_for(Case, "before_update")
def keep_next_due(_mapper: Any, _connection: Any, case: Case) -> None:
    """Whatever changed a case, its stored next due date follows from its clocks."""
    if case.status is None:  # the column default would come only with the INSERT itself
        case.status = REGISTERED
    case.next_due = owed_next_due(case)


class Enclosure(db.Model):
    """An item enclosed with a letter (证件、现金、光盘、照片、著作…), kept safe and returned."""

    __tablename__ = "enclosure"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    kept_at: Mapped[str] = mapped_column(String(100), default="")
    returned_on: Mapped[date | None]


class Transfer(db.Model):
    """A case passed to a member unit with a due date for its result (转办)."""

    __tablename__ = "transfer"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    unit: Mapped[str] = mapped_column(String(100))
    request: Mapped[str] = mapped_column(Text)
    due: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    result: Mapped[str] = mapped_column(Text, default="")
    result_at: Mapped[datetime | None]

    sent_by: Mapped[User] = relationship()


class Extension(db.Model):
    """A request to extend the reply deadline, approved or refused by the head."""

    __tablename__ = "extension"
    # The requests still waiting for the head, a handful whatever the history: the home
    # page's list reads them first (cases/attention.py, migration 0018).
    __table_args__ = (
        Index(
            "ix_extension_pending",
            "case_id",
            sqlite_where=text("decision = 'pending'"),
            postgresql_where=text("decision = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    new_due: Mapped[date]
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    decision: Mapped[str] = mapped_column(String(10), default="pending")  # approved, refused
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decision_note: Mapped[str] = mapped_column(Text, default="")
