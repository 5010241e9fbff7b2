"""The admin room's table: changes to an account that wait for a second person."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User
from ..timeutil import utcnow

GRANT = "grant"  # give the user ``roles``
PASSWORD = "password"  # give the user a new one-time password
KINDS = (GRANT, PASSWORD)

PENDING, APPROVED, REFUSED = "pending", "approved", "refused"


class RoleRequest(db.Model):
    """An admin's request to grant head or inspector, or to reset the password of someone
    who holds one; a head or inspector of the user's station other than the requester and
    the user approves or refuses it (docs/domain.md "Confidentiality")."""

    __tablename__ = "role_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    # A grant's roles to add; for a password, the gated roles the user held when asked.
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(10), default=PENDING, index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
