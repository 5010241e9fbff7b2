"""The foundation's tables: stations, users and their roles, the audit log, the calendar."""

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db
from .rules import roles as R
from .timeutil import utcnow


class Station(db.Model):
    """A service station. Every record of the public's business belongs to one."""

    __tablename__ = "station"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # How the public reaches the station, printed on the receipt and the reply letter;
    # set by an admin on the station settings page ('' until then).
    phone: Mapped[str] = mapped_column(String(50), default="", server_default="")
    address: Mapped[str] = mapped_column(String(200), default="", server_default="")
    reception_place: Mapped[str] = mapped_column(String(200), default="", server_default="")

    def __repr__(self) -> str:
        return f"<Station {self.name}>"


class UserRole(db.Model):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class User(UserMixin, db.Model):
    """A member of staff. Deactivated, never deleted, so that history keeps its names."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(50), default="")
    # None only for installation-wide users (county staff, the server's admin).
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(20))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    station: Mapped[Station | None] = relationship(lazy="joined")
    role_rows: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=UserRole.role
    )

    @property
    def roles(self) -> set[str]:
        return {r.role for r in self.role_rows}

    @roles.setter
    def roles(self, names: set[str] | list[str]) -> None:
        wanted = set(names)
        self.role_rows = [r for r in self.role_rows if r.role in wanted] + [
            UserRole(role=n) for n in sorted(wanted - self.roles)
        ]

    def has_role(self, *names: str) -> bool:
        return bool(self.roles.intersection(names))

    @property
    def is_county(self) -> bool:
        return R.COUNTY in self.roles

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def display_name(self) -> str:
        return self.name or self.username

    def set_password(self, password: str, *, by_self: bool) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.must_change_password = not by_self

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class AuditLog(db.Model):
    """Append-only: who did what to accounts, logins and settings."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    actor_name: Mapped[str] = mapped_column(String(50), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    ip: Mapped[str] = mapped_column(String(45), default="")


class CalendarDay(db.Model):
    """A local override of the official calendar: a day off or an adjusted working day."""

    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "holiday" or "workday"
    name: Mapped[str] = mapped_column(String(50), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CalendarYear(db.Model):
    """A year whose official schedule an admin has imported: its deadlines are confirmed."""

    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_by: Mapped[str] = mapped_column(String(50), default="")


class AppendOnlyError(RuntimeError):
    """An attempt to change or delete a record that is never changed."""


def append_only(model: type) -> None:
    """Refuse updates and deletes of ``model`` rows through the ORM."""

    def refuse(mapper, connection, target) -> None:
        raise AppendOnlyError(f"{type(target).__name__} records are never changed or deleted")

    event.listen(model, "before_update", refuse)
    event.listen(model, "before_delete", refuse)


append_only(AuditLog)

__all__ = [
    "AppendOnlyError",
    "AuditLog",
    "CalendarDay",
    "CalendarYear",
    "Station",
    "User",
    "UserRole",
    "append_only",
]
