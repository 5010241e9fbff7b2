"""The confidentiality gate's tables (docs/threat-model.md).

No report's words are in these or any other table but ``sealed``, and there
only as ciphertext: the other tables hold ids, dates, states and keyed hashes.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User, append_only
from ..timeutil import utcnow


class Sealed(db.Model):
    """The sealed words of one row of a report: the case itself, an event, a transfer…

    ``owner`` names the table and ``owner_id`` the row; the ciphertext is bound to
    both, so that a blob copied onto another row does not open.
    """

    __tablename__ = "sealed"

    owner: Mapped[str] = mapped_column(String(20), primary_key=True)
    owner_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    blob: Mapped[bytes] = mapped_column(LargeBinary)


class KeyCheck(db.Model):
    """A known text sealed under the key, so that a wrong key is told from the right one."""

    __tablename__ = "key_check"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Exclusion(db.Model):
    """A user named as a person reported, as a keyed hash of their id: excluded from the
    report whatever roles they hold, without the database naming them."""

    __tablename__ = "report_exclusion"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    user_mac: Mapped[str] = mapped_column(String(64), primary_key=True)


class IdentityMark(db.Model):
    """A keyed hash of a reporter's phone or ID number, for the inspector's identity search
    only (the general search index holds nothing of a reporter's identity)."""

    __tablename__ = "report_identity"
    __table_args__ = (Index("ix_report_identity_mac", "mac"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    mac: Mapped[str] = mapped_column(String(64), primary_key=True)


class Receipt(db.Model):
    """A report's receipt code: found by a keyed hash, checked by a slow one."""

    __tablename__ = "report_receipt"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    lookup: Mapped[str] = mapped_column(String(64), unique=True)
    verifier: Mapped[str] = mapped_column(String(255))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)


class AccessEntry(db.Model):
    """Append-only: who looked at, printed, searched, disclosed or queried which report."""

    __tablename__ = "report_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(30))
    address: Mapped[str] = mapped_column(String(45), default="")
    # Ids, dates and outcomes only: never a report's words.
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship()


append_only(AccessEntry)


class Disclosure(db.Model):
    """A head's request to see a reporter's identity, decided by an inspector."""

    __tablename__ = "disclosure"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # approved, refused
    days: Mapped[int] = mapped_column(default=7)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    # Always '' here: the words are sealed (sealing.PROTECTED), like every report's.
    reason: Mapped[str] = mapped_column(Text, default="")
    decision_reason: Mapped[str] = mapped_column(Text, default="")

    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class Referral(db.Model):
    """A request to refer a report to the discipline commission (报纪委, P2 §三.3(5)), made by
    its inspector or head and approved by the station's head, or by a county-level
    inspector where the head is named in it."""

    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # approved, refused
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None]
    # Always '' here: the words are sealed (sealing.PROTECTED), like every report's.
    reason: Mapped[str] = mapped_column(Text, default="")
    decision_reason: Mapped[str] = mapped_column(Text, default="")

    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
