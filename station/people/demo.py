"""The key-person visits' demo: a history of visits to the key persons that the cases' demo
marked (station/cases/demo/), through the real services, each in office hours
(station/demo/hours.py).

The person marked first is visited every 30 days (the head's setting), soon after being
marked and then about monthly, until the last visit was missed: it is overdue. Every other
key person keeps the default 90 days and was visited in time."""

from collections.abc import Iterator
from datetime import date, timedelta
from random import Random

from sqlalchemy import select

from ..demo import hours
from ..demo.world import DemoContext
from ..extensions import db
from ..timeutil import clock_at, local_today, station_tz, to_utc
from . import visits
from .models import KeyPerson, KeyVisit

HEAD, CLERK = "zhaojun", "wangfang"
MISSED_INTERVAL = 30
MISSED_BY = 7  # at least, in days: the missed visit was due a week ago or more
# What was said, and how satisfied the person was.
SAID = (
    ("上门了解情况，已安排台区改造，户主表示理解。", "basically"),
    ("户主对上次抢修到场慢不满意，已解释原因并承诺改进。", "dissatisfied"),
    ("复测电压正常，冰箱空调都能用了，户主满意。", "satisfied"),
    ("询问近期用电情况，反映晚上偶尔还有闪烁，已记录转线路运维班。", "basically"),
    ("送去安全用电宣传资料，征询对供电所服务的意见，无新问题。", "satisfied"),
    ("回访台区改造效果，电压稳定，户主表示感谢。", "satisfied"),
)


def load_visits(ctx: DemoContext) -> list[str]:
    station_id = ctx.station.id
    done = select(KeyVisit.id).where(KeyVisit.station_id == station_id).limit(1)
    people = sorted(visits.key_persons(station_id), key=lambda p: (p.marked_at, p.id))
    if not ctx.fresh or not people or db.session.scalar(done):
        return []
    rng = ctx.random("key_visit")
    tz = station_tz()
    today = local_today(tz)
    missed, *kept = people
    visits.set_interval(missed, MISSED_INTERVAL)
    made = _history(ctx, missed, today, rng, missed=True)
    for person in kept:
        made += _history(ctx, person, today, rng, missed=False)
    db.session.flush()
    return [f"Key-person visits: {made} to {len(people)} key persons, one missed (overdue)"]


def _days(person: KeyPerson, today: date, rng: Random, missed: bool) -> Iterator[date]:
    """The days of the visits: a first one within days of the marking, then one per
    interval (a little early, or a few days late for the missed person, whose visits stop
    once the next would have fallen due within ``MISSED_BY`` days of today)."""
    interval = person.visit_interval
    day = visits.marked_on(person) + timedelta(days=rng.randint(3, 10))
    while True:
        if missed and day + timedelta(days=interval + MISSED_BY) > today:
            return
        if not missed and day >= today:
            return
        yield day
        gap = interval + rng.randint(-3, 4) if missed else interval - rng.randint(5, 20)
        day += timedelta(days=gap)


def _history(ctx: DemoContext, person: KeyPerson, today: date, rng: Random, missed: bool) -> int:
    tz = station_tz()
    made = 0
    for day in _days(person, today, rng, missed):
        moment = hours.on_day(day, rng.randrange(60, 420))  # a working day, in office hours
        if moment.date() < visits.marked_on(person):
            continue  # a holiday right after the marking: the working day before is too early
        visitor = ctx.users[HEAD if rng.random() < 0.75 else CLERK]
        said, satisfaction = SAID[made % len(SAID)]
        with clock_at(to_utc(moment, tz)):
            visits.record_visit(
                person, visitor, visited_on=moment.date(), visitor_id=visitor.id,
                said=said, satisfaction=satisfaction,
            )  # fmt: skip
        made += 1
    return made
