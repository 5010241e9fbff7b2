"""A device grant: one browser of a station, allowed one kind of use until it expires."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User
from ..timeutil import utcnow


class Device(db.Model):
    """A browser a staff member turned into a station device (``kind``: kiosk, wall).

    The browser holds a random token in a cookie; the row keeps only its hash. The grant
    runs until ``expires_at`` or until it is revoked, whichever comes first.
    """

    __tablename__ = "device"
    __table_args__ = (Index("ix_device_station_expires", "station_id", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    kind: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    granted_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    revoke_reason: Mapped[str] = mapped_column(String(20), default="", server_default="")
    address: Mapped[str] = mapped_column(String(45), default="", server_default="")
    user_agent: Mapped[str] = mapped_column(String(200), default="", server_default="")

    granted_by: Mapped[User] = relationship(foreign_keys=[granted_by_id], lazy="joined")
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id], lazy="joined")

    # A device is a principal (station/access.py): its kind is its one role, and it is no
    # person, so that it reaches only the views declared with devices=True.
    is_person = False

    @property
    def roles(self) -> frozenset[str]:
        return frozenset({self.kind})

    def running(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at
