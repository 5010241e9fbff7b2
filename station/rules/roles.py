"""The roles (docs/domain.md "Who uses it") and what follows from holding them. No Flask here."""

from collections.abc import Iterable

CLERK = "clerk"
HEAD = "head"
INSPECTOR = "inspector"
COUNTY = "county"
ADMIN = "admin"

ALL_ROLES: tuple[str, ...] = (CLERK, HEAD, INSPECTOR, COUNTY, ADMIN)

# What a station's device holds in a person's stead (station/devices/): its kind is its one
# role. No user is ever given one; a view names it with ``roles_required(..., devices=True)``.
KIOSK = "kiosk"  # the reception-day sign-in at the door
WALL = "wall"  # the office's wall display (issue 10)
DEVICE_KINDS: tuple[str, ...] = (KIOSK, WALL)

# A station's staff: the roles that work inside one station's records (and open its cases);
# county users read across stations. The one name for them, wherever a rule needs it.
STATION_ROLES = frozenset({CLERK, HEAD, INSPECTOR})


# The roles that read reports: granting one, or resetting the password of someone who holds
# one, waits for a second person (docs/threat-model.md, threat 5), so that an admin alone
# never reaches a report.
GATED_ROLES = frozenset({HEAD, INSPECTOR})


def unknown_roles(roles: Iterable[str]) -> list[str]:
    """The names in ``roles`` that are not roles at all."""
    return [r for r in roles if r not in ALL_ROLES]


# A county user who is also an inspector is the county's confidentiality officer (县纪委):
# installation-wide, they approve what a station cannot where its head is reported.
COUNTY_INSPECTOR = frozenset({COUNTY, INSPECTOR})


def is_county_inspector(roles: Iterable[str]) -> bool:
    return set(roles) == COUNTY_INSPECTOR


def needs_station(roles: Iterable[str]) -> bool:
    """A clerk, head or inspector always belongs to a station; a county-level inspector
    belongs to none."""
    return bool(STATION_ROLES.intersection(roles)) and not is_county_inspector(roles)


def gated(roles: Iterable[str]) -> set[str]:
    """The roles in ``roles`` that a second person must approve."""
    return GATED_ROLES.intersection(roles)
