"""The people room's tables: key persons, whom the station follows closely (P5), and the
visits made to them (docs/domain.md "Key-person visits")."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User
from ..timeutil import utcnow
from .schedule import DEFAULT_INTERVAL


class KeyPerson(db.Model):
    """A person the station follows closely (重点客户, P5), known by phone or ID number."""

    __tablename__ = "key_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    name: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="", index=True)
    id_number: Mapped[str] = mapped_column(String(30), default="", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)
    marked_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    active: Mapped[bool] = mapped_column(default=True)
    # Days between visits (people/schedule.py), set by the head.
    visit_interval: Mapped[int] = mapped_column(
        default=DEFAULT_INTERVAL, server_default=str(DEFAULT_INTERVAL)
    )

    marked_by: Mapped[User] = relationship()


class KeyVisit(db.Model):
    """A visit to a key person: who went, on which day, what was said, how satisfied the
    person was (the follow-up call's words, without "could not be reached")."""

    __tablename__ = "key_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_person_id: Mapped[int] = mapped_column(ForeignKey("key_person.id"), index=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    visited_on: Mapped[date]
    visitor_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    said: Mapped[str] = mapped_column(Text)
    satisfaction: Mapped[str] = mapped_column(String(20))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    visitor: Mapped[User] = relationship(foreign_keys=[visitor_id])
    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id])
