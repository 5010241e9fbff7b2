"""The policies room's tables: a station's deadline policies and its list of topics."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class Topic(db.Model):
    """What a case is about; an admin-editable list per station."""

    __tablename__ = "topic"
    __table_args__ = (UniqueConstraint("station_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class Policy(db.Model):
    """One station's clocks for one kind and importance of case (docs/domain.md "Deadlines")."""

    __tablename__ = "policy"
    __table_args__ = (UniqueConstraint("station_id", "kind", "importance"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    importance: Mapped[str] = mapped_column(String(20))
    contact_amount: Mapped[int]
    contact_unit: Mapped[str] = mapped_column(String(10))
    reply_amount: Mapped[int]
    reply_unit: Mapped[str] = mapped_column(String(10))
    close_amount: Mapped[int]
    close_unit: Mapped[str] = mapped_column(String(10))
    followup_amount: Mapped[int]
    followup_unit: Mapped[str] = mapped_column(String(10))
    review_amount: Mapped[int | None]  # None: no review clock
    review_unit: Mapped[str | None] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def clocks(self) -> dict[str, tuple[int, str] | None]:
        out: dict[str, tuple[int, str] | None] = {}
        for name in ("contact", "reply", "close", "followup", "review"):
            amount = getattr(self, f"{name}_amount")
            out[name] = None if amount is None else (amount, getattr(self, f"{name}_unit"))
        return out
