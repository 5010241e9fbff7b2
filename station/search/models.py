"""The search room's table: the words of each case, cut into tokens an index can find."""

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class CaseSearch(db.Model):
    """The words of a case, cut into tokens that an index can find (see index.py)."""

    __tablename__ = "case_search"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    tokens: Mapped[str] = mapped_column(Text, default="")
