"""What a county installation keeps of the stations that run alone (docs/domain.md "The
county's view"): each station's public key, registered once, and the summary files
imported from it. A station of this installation needs neither: it is read live."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User, append_only
from ..timeutil import utcnow


class RemoteStation(db.Model):
    """A station that sends its months as files. Registered by its key file (``public_key``
    known) or by its fingerprint typed in (the key is taken from the first file whose key has
    that fingerprint, and kept)."""

    __tablename__ = "remote_station"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary)  # raw Ed25519, 32 bytes
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)

    registered_by: Mapped[User | None] = relationship()


class ImportedSummary(db.Model):
    """One version of a remote station's month, as its signed file said it."""

    __tablename__ = "imported_summary"
    __table_args__ = (UniqueConstraint("remote_station_id", "month", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    remote_station_id: Mapped[int] = mapped_column(ForeignKey("remote_station.id"))
    month: Mapped[str] = mapped_column(String(7))  # "YYYY-MM"
    version: Mapped[int]
    data: Mapped[str] = mapped_column(Text)  # the canonical JSON that was signed
    sha256: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(100))
    station_name: Mapped[str] = mapped_column(String(100))  # as signed
    submitted_by: Mapped[str] = mapped_column(String(100))
    submitted_at: Mapped[str] = mapped_column(String(30))  # as signed, ISO with Z
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # None: CLI
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    station: Mapped[RemoteStation] = relationship()

    @property
    def first_day(self) -> date:
        year, month = self.month.split("-")
        return date(int(year), int(month), 1)


append_only(ImportedSummary)
