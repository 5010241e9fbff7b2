"""A demo story: one case, who brought it, when, and how far round the loop it gets."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..models import Case
from . import data as D

SPAN_DAYS = 320  # the demo year reaches this far back from today
CLERKS, HEAD, INSPECTOR = ("wangfang", "liqiang"), "zhaojun", "chenjing"
# How far each story gets, and how many stories of each (61 cases with the appeals).
ENDINGS: tuple[tuple[str, int], ...] = (
    ("registered", 3), ("accepted", 3), ("accepted_overdue", 2), ("transfer_open", 3),
    ("transfer_overdue", 2), ("review_pending", 2), ("extension_pending", 1), ("extended", 2),
    ("replied", 3), ("followed_up", 3), ("closed", 10), ("on_spot", 6), ("archived", 12),
    ("appeal", 3), ("report", 3),
)  # fmt: skip
# Days between receipt and today, per ending (open cases are recent unless overdue).
AGES = {
    "registered": (0, 1), "accepted": (1, 2), "accepted_overdue": (12, 25),
    "transfer_open": (2, 4), "transfer_overdue": (20, 40), "review_pending": (3, 5),
    "extension_pending": (3, 6), "extended": (8, 14), "replied": (2, 4), "followed_up": (6, 10),
    "closed": (15, 150), "on_spot": (1, 300), "archived": (60, SPAN_DAYS), "appeal": (40, 200),
    "report": (1, 120),
}  # fmt: skip
SPOT_CHANNELS = ("visit", "phone", "counter")
CHANNEL_WEIGHTS = {"phone": 40, "counter": 20, "visit": 15, "letter": 15, "transfer": 10}


@dataclass
class Person:
    name: str
    phone: str
    address: str
    anonymous: bool = False


@dataclass
class Story:
    """One case: what it is about, who brought it, when, and how far it gets."""

    ending: str
    matter: D.Matter
    channel: str
    person: Person
    received: datetime  # local wall clock
    importance: str = "general"
    extra: dict[str, Any] = field(default_factory=dict)
    case: Case | None = None


Step = Callable[[Story, datetime], None]
