"""The demo's shared world: the station, its people, and a random stream per feature.

Each feature draws from ``ctx.random(name)``, a stream of its own seeded from the one
demo seed and its name, so that a feature added later, or drawing more, does not
reshuffle what another feature's demo makes.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime

from ..models import Station, User
from ..rules import roles as R
from ..timeutil import local_now, station_tz
from . import hours

SEED = 2026
DEMO_STATION = "城关供电所"
# The demo station's contact (the station settings page), as the receipt and letter print it.
DEMO_CONTACT = {
    "phone": "0710-3312345",
    "address": "城关镇人民路88号",
    "reception_place": "营业厅一楼2号窗口",
}

# username, name, roles, belongs to the station; the station's staff and a county reader.
DEMO_USERS: list[tuple[str, str, tuple[str, ...], bool]] = [
    ("admin", "系统管理员", (R.ADMIN,), True),
    ("wangfang", "王芳", (R.CLERK,), True),
    ("liqiang", "李强", (R.CLERK,), True),
    ("zhaojun", "赵军", (R.HEAD,), True),
    ("chenjing", "陈静", (R.INSPECTOR,), True),
    ("county", "县公司 刘洋", (R.COUNTY,), False),
    # The county-level inspector (县纪委): approves for a report that names the head.
    ("xianjiwei", "县纪委 孙敏", (R.COUNTY, R.INSPECTOR), False),
]


@dataclass
class DemoContext:
    station: Station
    users: dict[str, User] = field(default_factory=dict)
    fresh: bool = True  # False when the demo data was loaded before
    # The last working moment (station-local, naive) before the demo was started: every
    # step of a feature's demo happens before it. Taken once, before any clock is pinned.
    now: datetime = field(default_factory=lambda: hours.latest(local_now(station_tz())))

    def random(self, feature: str) -> random.Random:
        """The feature's own random stream, the same on every run."""
        return random.Random(f"{SEED}:{feature}")
