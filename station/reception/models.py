"""Reception day's tables: the station's setting, the host schedule, the visitors."""

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..cases.models import Case
from ..extensions import db
from ..models import User
from ..timeutil import utcnow

# The outcomes of a visit (docs/domain.md "Station duties"); None while not dealt with.
ANSWERED = "answered"  # answered on the spot: a visit case closed at once (P2 §三.1)
CASE = "case"  # became a case, registered from the sign-in
REFERRED = "referred"  # referred elsewhere (where: the note)
LEFT = "left"  # left before being seen
POLICE = "police"  # disorderly conduct reported to the police (P2 §三.3(6), the note)
OUTCOMES = (ANSWERED, CASE, REFERRED, LEFT, POLICE)
# Where the visitor is while not dealt with.
WAITING = "waiting"
WITH_HOST = "with_host"
DONE = "done"


class ReceptionSetting(db.Model):
    """The station's reception weekday (0 Monday … 4 Friday) and closing time, set by the
    head. A station without a row receives on Mondays until 17:30."""

    __tablename__ = "reception_setting"

    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)
    weekday: Mapped[int] = mapped_column(default=0)
    closes_at: Mapped[time] = mapped_column(default=time(17, 30))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReceptionHost(db.Model):
    """Who hosts a reception day: named by the head (P3 第六条 领导干部轮流接访)."""

    __tablename__ = "reception_host"
    __table_args__ = (UniqueConstraint("station_id", "day", name="uq_reception_host_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    day: Mapped[date]
    host_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    named_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    named_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    host: Mapped[User] = relationship(foreign_keys=[host_id], lazy="joined")


class Visitor(db.Model):
    """One sign-in on a reception day, at the kiosk or at a clerk's desk, and its outcome.

    Once the matter became a report, ``confidential`` is set and name, phone and matter
    are blank here: they are in the report, sealed (docs/domain.md "Confidentiality").
    """

    __tablename__ = "reception_visitor"
    __table_args__ = (
        UniqueConstraint("station_id", "day", "number", name="uq_reception_visitor_number"),
        Index("ix_reception_visitor_open", "station_id", "outcome", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    day: Mapped[date]  # the station's local day of the sign-in
    number: Mapped[int]  # the queue number of the day, from 1
    arrived_at: Mapped[datetime] = mapped_column(default=utcnow)
    name: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    matter: Mapped[str] = mapped_column(Text, default="")
    headcount: Mapped[int] = mapped_column(default=1)
    # The sign-in form's one-time key: a form sent twice signs in once.
    form_key: Mapped[str] = mapped_column(String(32), unique=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("device.id"))
    signed_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    called_at: Mapped[datetime | None]  # when the host called them in
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    outcome_at: Mapped[datetime | None]
    outcome_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    confidential: Mapped[bool] = mapped_column(default=False)

    case: Mapped[Case | None] = relationship(lazy="joined")
    outcome_by: Mapped[User | None] = relationship(foreign_keys=[outcome_by_id], lazy="joined")

    @property
    def place(self) -> str:
        """Waiting, with the host, or done."""
        if self.outcome is not None:
            return DONE
        return WITH_HOST if self.called_at is not None else WAITING

    def waited(self, now: datetime) -> int:
        """Minutes from the arrival to being called in (or dealt with; or now)."""
        end = self.called_at or self.outcome_at or now
        return max(int((end - self.arrived_at).total_seconds() // 60), 0)
