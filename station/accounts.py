"""Stations and accounts: the rules the CLI and the admin pages share."""

import secrets
import string
from collections.abc import Callable

from sqlalchemy import func, select

from . import audit
from .extensions import db
from .i18n import lazy_gettext as _l
from .models import Station, User
from .rules import roles as R

DEFAULT_STATION_NAME = "供电所"  # until `station init --name` or the admin names it
_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "lIO0o1")


# Called with each new station (inside its transaction) so that features can give it
# their defaults: the case register adds its topics and deadline policies.
STATION_CREATED: list[Callable[[Station], None]] = []


class AccountError(ValueError):
    """A request about stations or accounts that breaks a rule; ``str()`` is for the user."""


def generate_password(length: int = 12) -> str:
    """A one-time password without look-alike characters, easy to read out over the phone."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def stations() -> list[Station]:
    return list(db.session.scalars(select(Station).order_by(Station.id)))


def find_station(name: str) -> Station | None:
    return db.session.scalar(select(Station).where(Station.name == name.strip()))


def add_station(name: str) -> Station:
    name = name.strip()
    if not name or len(name) > 100:
        raise AccountError(_l("A station name needs 1 to 100 characters."))
    if find_station(name):
        raise AccountError(_l("A station named %(name)s already exists.", name=name))
    station = Station(name=name)
    db.session.add(station)
    db.session.flush()
    for hook in STATION_CREATED:
        hook(station)
    audit.record("station_added", target=name, station_id=station.id)
    return station


def username_taken(username: str) -> bool:
    name = username.strip().lower()
    return db.session.scalar(select(User.id).where(func.lower(User.username) == name)) is not None


def check_roles(roles: list[str] | set[str], station: Station | None) -> None:
    if not roles:
        raise AccountError(_l("Choose at least one role."))
    unknown = R.unknown_roles(roles)
    if unknown:
        raise AccountError(
            _l(
                "Unknown role: %(role)s. Roles are %(all)s.",
                role=", ".join(unknown),
                all=", ".join(R.ALL_ROLES),
            )
        )
    if station is None and R.needs_station(roles):
        raise AccountError(_l("Clerks, heads and inspectors belong to a station: choose one."))


def create_user(
    username: str,
    roles: list[str] | set[str],
    *,
    name: str = "",
    station: Station | None,
    password: str | None = None,
    min_length: int = 10,
    withheld: set[str] = frozenset(),
) -> tuple[User, str]:
    """A new account and its password; generated passwords must be changed at first login.

    ``withheld`` roles are judged with ``roles`` but not given: they wait for a second
    person's approval (admin/service.py), so the account may start with no role at all.
    """
    username = username.strip()
    if not username or len(username) > 50 or any(c.isspace() for c in username):
        raise AccountError(_l("A username needs 1 to 50 characters and no spaces."))
    if username_taken(username):
        raise AccountError(_l("The username %(name)s is taken.", name=username))
    check_roles(set(roles) | withheld, station)
    chosen = password is not None
    if chosen and len(password) < min_length:
        raise AccountError(_l("The password needs at least %(n)d characters.", n=min_length))
    password = password if chosen else generate_password()
    user = User(username=username, name=name.strip()[:50], station=station)
    user.roles = set(roles)
    user.set_password(password, by_self=False)
    db.session.add(user)
    db.session.flush()
    audit.record(
        "user_created",
        target=username,
        data={"roles": sorted(roles)},
        station_id=station.id if station else None,
    )
    return user, password
