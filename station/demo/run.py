"""Loading the demo: the shared world, then each feature's demo in a fixed order.

A feature's demo is a function of the ``DemoContext`` that returns lines to print;
``FEATURES`` lists them in the order they run (a later feature may use an earlier
one's records). Running the demo again resets the demo accounts' passwords and adds
nothing twice.
"""

from collections.abc import Callable, Iterator

from ..accounts import DEFAULT_STATION_NAME, create_user, find_station, generate_password, stations
from ..auth import sessions, throttle
from ..box.demo import load_boxes
from ..cases.demo import load_cases
from ..confidential.demo import load_reports
from ..county.demo import load_remote_station
from ..extensions import db
from ..hotline.demo import load_hotline
from ..models import Station, User
from ..people.demo import load_visits
from ..reception.demo import load_reception
from ..summary.demo import load_submissions
from .history import load_history
from .world import DEMO_CONTACT, DEMO_STATION, DEMO_USERS, DemoContext

FEATURES: tuple[Callable[[DemoContext], list[str]], ...] = (
    load_cases,
    load_history,
    load_reports,
    load_reception,
    load_boxes,
    load_hotline,
    load_visits,
    load_submissions,
    load_remote_station,
)


def load() -> Iterator[str]:
    """Load the demo data (once) and print every demo login with a new password."""
    station = _station()
    for name, value in DEMO_CONTACT.items():
        setattr(station, name, getattr(station, name) or value)  # an admin's own stays
    ctx = DemoContext(station=station)
    logins: list[tuple[str, str, str]] = []
    for username, name, roles, in_station in DEMO_USERS:
        user = db.session.scalar(db.select(User).where(User.username == username))
        password = generate_password()
        if user is None:
            user, _ = create_user(
                username,
                list(roles),
                name=name,
                station=station if in_station else None,
                password=password,
            )
        else:
            ctx.fresh = False
            user.set_password(password, by_self=False)
            user.active = True
            throttle.clear(user)  # a new password lifts the locks and ends the sessions,
            sessions.end_all(user, "reset")  # as an admin's reset does
        user.must_change_password = False  # demo accounts are for trying things out
        ctx.users[username] = user
        logins.append((username, password, ", ".join(roles)))
    db.session.flush()
    for feature in FEATURES:
        yield from feature(ctx)
    db.session.commit()
    yield f"Demo station: {station.name}" + (
        "" if ctx.fresh else " (loaded before; passwords reset)"
    )
    yield "Logins (username / password / role):"
    for username, password, roles in logins:
        yield f"  {username:10} {password}   {roles}"


def _station() -> Station:
    existing = find_station(DEMO_STATION)
    if existing:
        return existing
    all_stations = stations()
    if len(all_stations) == 1 and all_stations[0].name == DEFAULT_STATION_NAME:
        all_stations[0].name = DEMO_STATION  # the unnamed default from `station init`
        return all_stations[0]
    station = Station(name=DEMO_STATION)
    db.session.add(station)
    db.session.flush()
    return station
