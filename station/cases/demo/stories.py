"""The demo year's stories: which matters, channels, people and endings, drawn at random."""

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from ...demo import hours
from ...rules import vocab
from . import data as D
from .story import AGES, CHANNEL_WEIGHTS, ENDINGS, SPOT_CHANNELS, Person, Story

if TYPE_CHECKING:
    from .world import World


def stories(world: "World") -> list[Story]:
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
    _work_order_due_today(world, stories)
    _work_order_due_soon(world, stories)
    _review_submitted_late(world, stories)
    _long_and_nameless(stories)
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


def _repeat_caller(world: "World", stories: list[Story]) -> None:
    """One person who calls again and again about the voltage (a key person)."""
    voltage = _matter("晚上电压低")
    person = Person("张建国", "13807351234", "王家村三组18号")
    picked = [s for s in stories if s.ending in ("archived", "closed", "accepted_overdue")]
    for story in (picked[0], picked[12], picked[-1]):
        story.person, story.matter, story.channel = person, voltage, "phone"
        story.extra["repeat"] = True
    picked[-1].extra["key_person"] = "多次反映电压低，情绪激动，需重点跟进回访。"


def _work_order_due_today(world: "World", stories: list[Story]) -> None:
    """A 95598 work order due today, so that the head's "due today" is never empty, not
    even when the demo is loaded on a Sunday (the other deadlines count working days)."""
    story = [s for s in stories if s.ending == "accepted"][-1]
    story.channel = "phone"
    story.extra["work_order_due"] = world.now.date()


def _work_order_due_soon(world: "World", stories: list[Story]) -> None:
    """A 95598 work order (a question: its reply has fifteen days) taken four working days
    ago and due tomorrow: most of its time is used, so the board shows it amber (due soon),
    between "due today" and "on track"."""
    story = next(s for s in stories if s.ending == "accepted" and not s.extra)
    story.channel = "phone"
    story.matter = next(m for m in D.MATTERS if m.kind == "consultation")
    story.received = hours.earlier(world.last, 4 * hours.DAY_HOURS)
    story.extra["work_order_due"] = world.now.date() + timedelta(days=1)


def _review_submitted_late(world: "World", stories: list[Story]) -> None:
    """An important case received five working days ago and submitted to the head only
    after its one-day review clock had run out (see endings._review_pending)."""
    story = [s for s in stories if s.ending == "review_pending"][-1]
    story.received = hours.earlier(world.last, 5 * hours.DAY_HOURS)
    story.extra["submitted_late"] = True


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


# A clerk writing down all a caller said, as the subject: the lists cut it to two lines.
LONG_SUBJECT = (
    "村民反映：家门口那根电线杆被去年夏天的大风吹歪以后一直没有扶正，下雨天导线离地面"
    "越来越低，孩子们上学放学都要从下面走过，村里老人晚上也看不清楚，担心哪天断了出事，"
    "之前给村委会说过两次，也打过一次电话，到现在还没有人来看，请供电所尽快派人处理。"
)


def _long_and_nameless(stories: list[Story]) -> None:
    """An open case whose subject is the caller's whole story, and a call from someone who
    gave no name (not anonymous: only a name is missing). No random draws: the others stay."""
    long = next(s for s in stories if s.ending == "accepted" and not s.extra)
    long.matter = replace(_matter("村口电线杆倾斜"), subject=LONG_SUBJECT)
    nameless = next(s for s in stories if s.ending == "replied" and not s.extra)
    nameless.channel = "phone"
    nameless.person = Person("", nameless.person.phone, "")
