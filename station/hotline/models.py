"""The reporting-line log's tables: the station's line setting and the calls."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..cases.models import Case
from ..extensions import db
from ..models import User
from ..timeutil import utcnow

# The dispositions of a call (docs/domain.md "Station duties"); None while not dealt with.
CASE = "case"  # became a case, registered from the call (or typed straight in)
ANSWERED = "answered"  # answered on the phone: a phone case answered on the spot
WRONG = "wrong"  # wrong number or silent
DUPLICATE = "duplicate"  # about a case already registered (a note on its timeline)
DISPOSITIONS = (CASE, ANSWERED, WRONG, DUPLICATE)


class HotlineSetting(db.Model):
    """The station's reporting-line number (举报电话), set by its admin."""

    __tablename__ = "hotline_setting"

    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)
    reporting_line: Mapped[str] = mapped_column(String(30), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Call(db.Model):
    """One call on a line the station answers, and its disposition.

    Once the call became a report (or a duplicate of one), ``confidential`` is set and the
    caller's number, name and words are blank here: they are in the report, sealed.
    """

    __tablename__ = "hotline_call"
    __table_args__ = (Index("ix_hotline_call_open", "station_id", "disposition", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    received_at: Mapped[datetime]  # UTC
    day: Mapped[date]  # the station's local day of the call
    line: Mapped[str] = mapped_column(String(20))
    caller_number: Mapped[str] = mapped_column(String(30), default="")  # empty: withheld
    anonymous: Mapped[bool] = mapped_column(default=False)
    caller_name: Mapped[str] = mapped_column(String(50), default="")
    words: Mapped[str] = mapped_column(Text, default="")
    taken_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    logged_at: Mapped[datetime] = mapped_column(default=utcnow)
    disposition: Mapped[str | None] = mapped_column(String(20))
    disposed_at: Mapped[datetime | None]
    disposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    confidential: Mapped[bool] = mapped_column(default=False)

    case: Mapped[Case | None] = relationship(lazy="joined")
    taken_by: Mapped[User] = relationship(foreign_keys=[taken_by_id], lazy="joined")
    disposed_by: Mapped[User | None] = relationship(foreign_keys=[disposed_by_id], lazy="joined")
