"""The box room's tables: a station's suggestion boxes, their designated openers, each
opening, and the cases an opening produced (docs/domain.md "Station duties")."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User
from ..timeutil import utcnow

DEFAULT_INTERVAL = 5  # days: P1 §6 asks for an opening at least every five days


class SuggestionBox(db.Model):
    """A box hanging in one place (营业厅, 村委会…), opened every ``interval_days`` days."""

    __tablename__ = "suggestion_box"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    place: Mapped[str] = mapped_column(String(100))
    interval_days: Mapped[int] = mapped_column(default=DEFAULT_INTERVAL)
    active: Mapped[bool] = mapped_column(default=True, index=True)
    created_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    openers: Mapped[list[User]] = relationship(secondary="box_opener", order_by=User.name)


class BoxOpener(db.Model):
    """A person designated to open a box (P1 §6 明确专人)."""

    __tablename__ = "box_opener"
    __table_args__ = (UniqueConstraint("box_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    box_id: Mapped[int] = mapped_column(ForeignKey("suggestion_box.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)


class BoxOpening(db.Model):
    """One opening: when, by whom, before which witness, how many items were found.

    The witness is a user of the station (``witness_id``) or a named non-user
    (``witness_name``). The items themselves are cases (``BoxItem``): nothing of their
    words is kept here, so a report's stay sealed in the report."""

    __tablename__ = "box_opening"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    box_id: Mapped[int] = mapped_column(ForeignKey("suggestion_box.id"), index=True)
    opened_on: Mapped[date] = mapped_column(index=True)
    opener_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    witness_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    witness_name: Mapped[str] = mapped_column(String(50), default="")
    item_count: Mapped[int] = mapped_column(default=0)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    box: Mapped[SuggestionBox] = relationship()
    opener: Mapped[User] = relationship(foreign_keys=[opener_id])
    witness: Mapped[User | None] = relationship(foreign_keys=[witness_id])

    @property
    def witness_label(self) -> str:
        return self.witness.display_name if self.witness else self.witness_name


class BoxItem(db.Model):
    """An item found at an opening: the case it became."""

    __tablename__ = "box_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("box_opening.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    position: Mapped[int] = mapped_column(default=0)
