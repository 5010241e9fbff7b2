"""Submitted months and the stations' signing keys (docs/domain.md "Submitting a month").

A submitted month is a version: the canonical JSON of the summary as the county sees it
(``data.dump(summarize(..., user=None))``), its SHA-256 and the station's Ed25519
signature. Versions are never changed or deleted: a month is submitted again as a new
version. The private key is a file of the instance folder (``keyring.py``); the database
keeps the public key, so that a key file that does not belong to it is noticed.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..cases.models import Case, CaseEvent
from ..extensions import db
from ..models import User, append_only
from ..timeutil import utcnow


class StationKey(db.Model):
    """A station's public signing key (raw Ed25519, 32 bytes) and its fingerprint."""

    __tablename__ = "station_key"

    station_id: Mapped[int] = mapped_column(
        ForeignKey("station.id"), primary_key=True, autoincrement=False
    )
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SummaryVersion(db.Model):
    """One submission of a station's month: version 1, 2, … of that month."""

    __tablename__ = "summary_version"
    __table_args__ = (UniqueConstraint("station_id", "month", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    month: Mapped[str] = mapped_column(String(7))  # "YYYY-MM"
    version: Mapped[int]
    data: Mapped[str] = mapped_column(Text)  # canonical JSON of data.dump(...)
    sha256: Mapped[str] = mapped_column(String(64))  # of ``data``'s UTF-8 bytes, hex
    signature: Mapped[str] = mapped_column(String(100))  # base64, over signing.statement
    fingerprint: Mapped[str] = mapped_column(String(64))  # the key that signed it
    # The names as signed: a station or a user renamed later leaves the signature whole.
    station_name: Mapped[str] = mapped_column(String(100))
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    submitted_by_name: Mapped[str] = mapped_column(String(100))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)  # UTC
    reason: Mapped[str] = mapped_column(Text, default="")  # required from version 2 on

    submitted_by: Mapped[User] = relationship()


append_only(SummaryVersion)


# The summary's indexes on the case register (migration 0015_summary_indexes): each figure
# reads the cases of one month by the column that places them in it, never the station's
# whole history. Declared here, beside the only code that reads them by these columns. The
# follow-up's holds what the trend and the per-person figures count of the calls, so that
# they are answered from the index alone (0019_summary_covering_indexes).
SUMMARY_INDEXES = (
    Index("ix_case_station_due_contact", Case.station_id, Case.due_contact),
    Index("ix_case_station_due_close", Case.station_id, Case.due_close),
    Index("ix_case_station_extended_to", Case.station_id, Case.extended_to),
    Index("ix_case_station_closed_at", Case.station_id, Case.closed_at),
    Index(
        "ix_case_station_followed_up_at",
        *(Case.station_id, Case.followed_up_at, Case.kind, Case.satisfaction, Case.assignee_id),
    ),
    Index("ix_case_event_action_at", CaseEvent.action, CaseEvent.at),
)
