"""``station demo``: a realistic station to try every feature built so far.

Each feature adds a step to ``STEPS``; a step gets the demo station and its
users and returns lines to print. Running the demo again resets the demo
accounts' passwords and adds nothing twice.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from . import roles as R
from .accounts import DEFAULT_STATION_NAME, create_user, find_station, generate_password, stations
from .extensions import db
from .models import Station, User

DEMO_STATION = "城关供电所"

# username, name, roles; the station's staff and a county reader.
DEMO_USERS: list[tuple[str, str, tuple[str, ...], bool]] = [
    ("admin", "系统管理员", (R.ADMIN,), True),
    ("wangfang", "王芳", (R.CLERK,), True),
    ("liqiang", "李强", (R.CLERK,), True),
    ("zhaojun", "赵军", (R.HEAD,), True),
    ("chenjing", "陈静", (R.INSPECTOR,), True),
    ("county", "县公司 刘洋", (R.COUNTY,), False),
]


@dataclass
class DemoContext:
    station: Station
    users: dict[str, User] = field(default_factory=dict)
    fresh: bool = True  # False when the demo data was loaded before


STEPS: list[Callable[[DemoContext], list[str]]] = []


def load() -> Iterator[str]:
    """Load the demo data (once) and print every demo login with a new password."""
    station = _station()
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
            user.locked_until = None
        user.must_change_password = False  # demo accounts are for trying things out
        ctx.users[username] = user
        logins.append((username, password, ", ".join(roles)))
    db.session.flush()
    for step in STEPS:
        yield from step(ctx)
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


def _case_register(ctx: DemoContext) -> list[str]:
    from .cases.demo import load_cases  # late: the case register loads its whole blueprint

    return load_cases(ctx)


STEPS.append(_case_register)
