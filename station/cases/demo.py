"""``station demo``: a realistic year of the station's cases, run through the real services.

Every case is registered with ``service.register`` and moved with
``actions.*``, so its events, deadlines and search index are the real ones.
Each case has a story (when it came in and how far it got); the steps of all
stories run in the order of their moments, so reference numbers follow the
days of receipt. While a step runs, whatever the services stamp with the real
clock is moved to the step's moment (``_Clock``). Deterministic: one seed.
"""

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, func, select

from .. import vocab, workflow
from ..extensions import db
from ..models import User
from ..timeutil import local_now, station_tz, to_utc, utcnow
from . import actions, service
from . import demo_data as D
from . import demo_hours as hours
from .models import Case, Topic, Transfer
from .policies import ensure_defaults

if TYPE_CHECKING:
    from ..demo import DemoContext

SEED = 2026
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
    "transfer_open": (2, 4), "transfer_overdue": (20, 40), "review_pending": (1, 3),
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


def load_cases(ctx: "DemoContext") -> list[str]:
    """The demo step: a station year of cases, only when the demo data is new."""
    station = ctx.station
    if not ctx.fresh or db.session.scalar(select(Case.id).where(Case.station_id == station.id)):
        return []
    ensure_defaults(station)
    tz = station_tz()
    world = _World(ctx.users, tz, _topic_ids(station.id), random.Random(SEED))
    world.run(_stories(world))
    counts = dict(
        db.session.execute(
            select(Case.status, func.count(Case.id))
            .where(Case.station_id == station.id)
            .group_by(Case.status)
        ).all()
    )
    shown = ", ".join(f"{s} {counts[s]}" for s in workflow.STATES if s in counts)
    return [f"Demo cases: {sum(counts.values())} ({shown})"]


def _topic_ids(station_id: int) -> dict[str, int]:
    rows = db.session.scalars(select(Topic).where(Topic.station_id == station_id))
    return {t.name: t.id for t in rows}


# ---------------------------------------------------------------- the stories


def _stories(world: "_World") -> list[Story]:
    rng = world.rng
    now = world.now
    by_kind: dict[str, list[D.Matter]] = {}
    for matter in D.MATTERS:
        by_kind.setdefault(matter.kind, []).append(matter)
    regular = [m for m in D.MATTERS if m.kind != "report"]
    channels = list(vocab.CHANNELS)  # the first stories use every channel once
    stories = []
    for ending, count in ENDINGS:
        for _ in range(count):
            pool = by_kind["report"] if ending == "report" else regular
            if ending in ("appeal", "transfer_open", "transfer_overdue", "extended"):
                pool = [m for m in regular if m.unit]
            if ending == "on_spot":
                pool = [m for m in regular if m.kind != "complaint" or not m.unit]
            matter = rng.choice(pool)
            if ending == "on_spot":
                channel = rng.choice(SPOT_CHANNELS)
            elif channels:
                channel = channels.pop(0)
            else:
                channel = rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0]
            low, high = AGES[ending]
            day = (now - timedelta(days=rng.randint(low, high))).date()
            received = hours.on_day(day, rng.randint(0, 8) * 60 + rng.randint(0, 59))
            if received > hours.earlier(world.last, 1):
                received = hours.earlier(world.last, rng.randint(1, 3))
            stories.append(Story(ending, matter, channel, world.person(), received))
    _repeat_caller(world, stories)
    _collective_visit(stories)
    hazard = next(s for s in stories if s.ending == "archived" and not s.extra)
    hazard.matter, hazard.importance = _matter("村口电线杆倾斜"), "urgent"
    for story in stories:
        if story.matter.kind == "report" and world.rng.random() < 0.5:
            story.person = Person("", "", "", anonymous=True)
        if story.ending == "review_pending":
            story.importance = "important"
        elif story.importance == "general" and world.rng.random() < 0.12:
            story.importance = "urgent" if world.rng.random() < 0.3 else "important"
    return stories


def _matter(subject_start: str) -> D.Matter:
    return next(m for m in D.MATTERS if m.subject.startswith(subject_start))


def _repeat_caller(world: "_World", stories: list[Story]) -> None:
    """One person who calls again and again about the voltage (a key person)."""
    voltage = _matter("晚上电压低")
    person = Person("张建国", "13807351234", "王家村三组18号")
    picked = [s for s in stories if s.ending in ("archived", "closed", "accepted_overdue")]
    for story in (picked[0], picked[12], picked[-1]):
        story.person, story.matter, story.channel = person, voltage, "phone"
        story.extra["repeat"] = True
    picked[-1].extra["key_person"] = "多次反映电压低，情绪激动，需重点跟进回访。"


def _collective_visit(stories: list[Story]) -> None:
    """Eight villagers come together about the power cuts: an important case."""
    story = next(s for s in stories if s.ending == "closed" and s.matter.unit)
    story.channel = "visit"
    story.matter = _matter("一个月停电")
    story.person = Person("刘永强", "13809872345", "东河村三组")
    story.extra.update(
        collective=True, headcount=8, representatives="刘永强、陈淑芬",
        key_person="集体访代表，村民反映停电问题的牵头人。",
    )  # fmt: skip


# ---------------------------------------------------------------- running them


class _Clock:
    """Moves whatever the services stamp with the real clock to the story's moment."""

    STAMPS = (
        "at", "sent_at", "requested_at", "decided_at", "result_at", "marked_at",
        "registered_at", "contacted_at", "replied_at", "followed_up_at", "closed_at",
        "archived_at",
    )  # fmt: skip

    def __init__(self) -> None:
        self.moment = utcnow()

    def before_flush(self, session: Any, _context: Any, _instances: Any) -> None:
        for obj in list(session.new) + list(session.dirty):
            attrs = type(obj).__mapper__.attrs
            for name in self.STAMPS:
                if name not in attrs:
                    continue
                value = getattr(obj, name)
                unset = value is None and name in ("at", "registered_at", "sent_at", "requested_at")
                if unset or (value is not None and value > self.moment):
                    setattr(obj, name, self.moment)


class _World:
    def __init__(self, users: dict[str, User], tz: str, topics: dict[str, int], rng) -> None:
        self.users, self.tz, self.topics, self.rng = users, tz, topics, rng
        self.now = local_now(tz).replace(second=0, microsecond=0)
        self.last = hours.latest(self.now - timedelta(minutes=10))  # the last working moment
        self.clock = _Clock()
        self._queue: list[tuple[datetime, int, Story, Step]] = []
        self.appeals: list[Story] = []  # the appeals that dissatisfied people bring
        self.reports: list[Story] = []
        self._order = 0

    def person(self) -> Person:
        rng = self.rng
        name = rng.choice(D.SURNAMES) + rng.choice(D.GIVEN)
        phone = f"138{rng.randint(0, 99_999_999):08d}"
        address = f"{rng.choice(D.VILLAGES)}{rng.choice(D.GROUPS)}{rng.randint(1, 60)}号"
        return Person(name, phone, address)

    def user(self, username: str) -> User:
        return self.users[username]

    def at(self, story: Story, moment: datetime, step: Step) -> None:
        """Schedule ``step`` of ``story`` at ``moment`` (kept in the past, in working hours)."""
        moment = min(moment, self.last)
        self._order += 1
        heapq.heappush(self._queue, (moment, self._order, story, step))

    def run(self, stories: list[Story]) -> None:
        from .demo_endings import plan

        for story in stories:
            plan(self, story)
        session = db.session()
        event.listen(session, "before_flush", self.clock.before_flush)
        try:
            while self._queue:
                moment, _, story, step = heapq.heappop(self._queue)
                self.clock.moment = to_utc(moment, self.tz)
                step(story, moment)
                session.flush()
        finally:
            event.remove(session, "before_flush", self.clock.before_flush)

    # helpers for the steps

    def register(self, story: Story, moment: datetime) -> Case:
        fields = _fields(self, story)
        clerk = self.user(story.extra.get("by", CLERKS[0]))
        case = service.register(
            station_id=clerk.station_id, channel=story.channel, fields=fields,
            received_local=story.received, registered_by=clerk, tz=self.tz,
            enclosures=story.extra.get("enclosures", ()),
        )  # fmt: skip
        story.case = case
        return case

    def open_transfer(self, case: Case) -> Transfer | None:
        return db.session.scalar(
            select(Transfer).where(Transfer.case_id == case.id, Transfer.result_at.is_(None))
        )

    def settle_reply(self, case: Case) -> None:
        """The follow-up deadline counts from the (moved) moment of the reply."""
        db.session.flush()  # the clock moves the reply's stamp back to the story's moment first
        service.apply_deadlines(case, self.tz)

    def reopen(self, story: Story, appeal: Story, moment: datetime, reason: str) -> None:
        case = actions.reopen_appeal(story.case, self.user(HEAD), reason=reason, tz=self.tz)
        case.received_at = to_utc(moment, self.tz)
        case.received_on = moment.date()
        appeal.received, appeal.case = moment, case
        service.apply_deadlines(case, self.tz)


def _fields(world: "_World", story: Story) -> dict[str, Any]:
    m, p, rng = story.matter, story.person, world.rng
    fields: dict[str, Any] = {
        "kind": m.kind, "importance": story.importance, "topic_id": world.topics.get(m.topic),
        "subject": m.subject, "content": m.content, "anonymous": p.anonymous,
        "person_name": p.name, "person_phone": p.phone, "person_address": p.address,
    }  # fmt: skip
    received: date = story.received.date()
    if story.channel == "letter":
        fields.update(postmark_date=received - timedelta(days=rng.randint(1, 3)), postcode="412300")
        if story.importance != "general":
            fields["summary"] = m.subject  # a summary for the head's eyes
    elif story.channel == "visit":
        fields.update(identity_checked=not p.anonymous, identity_document="居民身份证",
                      demands="尽快解决，并给出书面答复。", originals_returned=True)  # fmt: skip
        if story.extra.get("collective"):
            fields.update(collective=True, headcount=story.extra["headcount"],
                          representatives=story.extra["representatives"])  # fmt: skip
        if story.extra.get("repeat"):
            fields.update(repeat_visit=True, skip_or_repeat_reason="上次处理后问题反复出现。")
    elif story.channel == "phone":
        line = rng.choice(("95598", "station", "station", "12345", "12398"))
        fields["phone_line"] = line
        if line in vocab.WORK_ORDER_LINES:
            fields["external_ref"] = f"{received:%Y%m%d}{rng.randint(100000, 999999)}"
            fields["external_due"] = received + timedelta(days=rng.choice((3, 5, 7)))
    elif story.channel == "transfer":
        name, ref = rng.choice(D.SUPERIORS)
        number = ref.format(year=received.year, n=rng.randint(10, 300))
        fields.update(superior_name=name, superior_ref=number,
                      superior_due=received + timedelta(days=10))  # fmt: skip
    return fields
