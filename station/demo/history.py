"""A year of the station's routine: what fills the monthly summaries and their trend.

The case register's stories (cases/demo) show every turn a case can take, but they are few
per month. A station receives a steady stream of ordinary matters besides, and the monthly
summary's 12-month trend needs it: here, for each of the twelve months before the current
one, some twenty to thirty cases received in working hours, registered through the real
service and taken round the closed loop with the real actions (``carry_on``), so that most
are kept on time, some are late, and the follow-up calls give a mix of answers. The volume
rises in summer (storms, air conditioning), as it does at a rural station.
"""

from datetime import date, timedelta
from random import Random

from sqlalchemy import select

from ..cases import actions
from ..cases.demo import data as D
from ..cases.demo.story import CHANNEL_WEIGHTS, CLERKS, HEAD, INSPECTOR, Story
from ..cases.demo.world import World
from ..extensions import db
from ..policies.models import Topic
from ..rules.workdays import is_workday
from ..timeutil import clock_at, station_tz, to_local, to_utc
from . import hours
from .carry_on import carry_on
from .world import DemoContext

MONTHS = 12
# Cases per month, by calendar month: more in the summer storms and the winter cold.
VOLUME = {1: 24, 2: 18, 3: 20, 4: 21, 5: 24, 6: 29, 7: 33, 8: 31, 9: 23, 10: 22, 11: 21, 12: 25}
# How the person answers the follow-up call (when reached): mostly satisfied.
ANSWERS = (("satisfied", 80), ("basically", 14), ("dissatisfied", 6))
# Some people complain again about the same matter within weeks (a repeat complaint), and
# some who were dissatisfied appeal: the summary counts both.
REPEAT_SHARE, REPEAT_WITHIN = 0.08, 60
APPEAL_SHARE = 0.5


def load_history(ctx: DemoContext) -> list[str]:
    """The demo step: twelve months of routine cases, only when the demo data is new."""
    if not ctx.fresh:
        return []
    tz = station_tz()
    rng = ctx.random("history")
    topics = {
        t.name: t.id
        for t in db.session.scalars(select(Topic).where(Topic.station_id == ctx.station.id))
    }
    world = World(ctx.users, tz, topics, rng)
    matters = [m for m in D.MATTERS if m.kind != "report"]
    first_of_this_month = ctx.now.date().replace(day=1)
    stories: list[Story] = []
    appeals = 0
    for first in _months_before(first_of_this_month, MONTHS):
        days = _working_days(first)
        for _ in range(VOLUME[first.month]):
            story = _story(world, rng, matters, rng.choice(days), stories)
            stories.append(story)
            with clock_at(to_utc(story.received, tz)):
                case = world.register(story, story.received)
                db.session.flush()
            steps = _steps(ctx, rng, tz)
            carry_on(case, **steps)
            if case.satisfaction == "dissatisfied" and rng.random() < APPEAL_SHARE:
                appeals += _appeal(case, ctx, tz, steps)
    return [
        f"Demo history: {len(stories)} routine cases over the {MONTHS} months before this "
        f"one, {appeals} appealed"
    ]


def _steps(ctx: DemoContext, rng: Random, tz: str) -> dict:
    return {
        "clerk": ctx.users[rng.choice(CLERKS)],
        "inspector": ctx.users[INSPECTOR],
        "head": ctx.users[HEAD],
        "rng": rng,
        "tz": tz,
        "now": ctx.now,
        "answer": lambda: _answer(rng),
    }


def _appeal(case, ctx: DemoContext, tz: str, steps: dict) -> int:
    """The dissatisfied person appeals the working day after the case was closed."""
    if case.closed_at is None:
        return 0
    moment = hours.later(to_local(case.closed_at, tz).replace(tzinfo=None), 6)
    if moment >= ctx.now:
        return 0
    with clock_at(to_utc(moment, tz)):
        appeal = actions.reopen_appeal(case, steps["clerk"], reason="对处理结果仍不满意", tz=tz)
        db.session.flush()
    carry_on(appeal, **{**steps, "answer": lambda: "satisfied"})
    return 1


def _months_before(first: date, n: int) -> list[date]:
    months = []
    for _ in range(n):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append(first)
    return months[::-1]


def _working_days(first: date) -> list[date]:
    following = (first + timedelta(days=31)).replace(day=1)
    return [
        first + timedelta(days=i)
        for i in range((following - first).days)
        if is_workday(first + timedelta(days=i))
    ]


def _story(
    world: World, rng: Random, matters: list[D.Matter], day: date, earlier: list[Story]
) -> Story:
    channel = rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0]
    received = hours.on_day(day, rng.randint(0, 8 * 60 + 59))
    again = [
        s
        for s in earlier
        if s.matter.kind == "complaint" and 0 < (received - s.received).days <= REPEAT_WITHIN
    ]
    if again and rng.random() < REPEAT_SHARE:
        before = rng.choice(again)  # the same person, on the same matter
        story = Story("closed", before.matter, channel, before.person, received)
    else:
        story = Story("closed", rng.choice(matters), channel, world.person(), received)
    story.extra["by"] = rng.choice(CLERKS)
    return story


def _answer(rng: Random) -> str:
    answers, weights = zip(*ANSWERS, strict=True)
    return rng.choices(answers, weights)[0]
