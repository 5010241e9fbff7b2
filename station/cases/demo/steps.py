"""The demo stories' single steps (accept, transfer, reply, ...) and the schedule they go on.

Each step function puts one action on a story's ``Schedule`` as an offset from its
receipt; ``endings.py`` chains them into the endings a story can have.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from ...demo.hours import PER_OFFSET_HOUR, between, later
from ...extensions import db
from ...people import service as people
from ...timeutil import utcnow
from .. import actions
from ..models import Extension
from . import data as D
from .story import CLERKS, HEAD, INSPECTOR, Story

if TYPE_CHECKING:
    from .world import World

Step = Callable[[Story, datetime], None]


class Schedule:
    """A story's steps as offsets from its receipt (hours), pushed to the world at the end."""

    def __init__(self, world: "World", story: Story) -> None:
        self.world, self.story, self.hours = world, story, 0.0
        self.steps: list[tuple[float, Story, Step]] = []

    def then(self, low: float, high: float, step: Step, story: Story | None = None) -> float:
        self.hours += self.world.rng.uniform(low, high)
        self.steps.append((self.hours, story or self.story, step))
        return self.hours

    def done(self) -> None:
        # On the working clock (demo/hours.py), squeezed into the time there was until now,
        # ending a little before it (not every recent case's last step at the same minute).
        received, needed = self.story.received, self.hours * PER_OFFSET_HOUR
        room = between(received, self.world.last)
        squeeze = 1.0
        if needed > room:
            squeeze = room * self.world.rng.uniform(0.6, 0.95) / needed
        for hours, story, step in self.steps:
            moment = later(received, hours * PER_OFFSET_HOUR * squeeze)
            self.world.at(story, moment, step)


# ---------------------------------------------------------------- single steps


def _handler(world: "World", story: Story) -> str:
    """Who works on the case: the inspector for reports, else the clerk assigned or who took it."""
    if story.matter.kind == "report":
        return INSPECTOR
    return story.extra.get("handler", story.extra["by"])


def accept(world: "World", s: Schedule, story: Story) -> None:
    if story.importance != "general" and story.matter.kind != "report":
        assign(world, s, story)

    def step(st: Story, at: datetime) -> None:
        actor = world.user(_handler(world, st))
        actions.accept(st.case, actor, contacted_at=utcnow(), note="已电话联系当事人。")

    s.then(1, 20, step, story)


def assign(world: "World", s: Schedule, story: Story) -> None:
    """The head gives an important case to the other clerk."""
    other = next(c for c in CLERKS if c != story.extra["by"])
    story.extra["handler"] = other

    def step(st: Story, at: datetime) -> None:
        actions.assign(st.case, world.user(HEAD), assignee=world.user(other), note="请重点办理。")

    s.then(0.5, 3, step, story)


def transfer(world: "World", s: Schedule, story: Story, *, due_days: int = 5) -> None:
    m = story.matter

    def step(st: Story, at: datetime) -> None:
        actor = world.user(_handler(world, st))
        due = at.date() + timedelta(days=due_days)
        actions.transfer(st.case, actor, unit=m.unit, request=m.request, due=due, today=at.date())

    s.then(1, 6, step, story)


def transfer_result(world: "World", s: Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        item = world.open_transfer(st.case)
        actor = world.user(_handler(world, st))
        actions.transfer_result(st.case, actor, item=item, result=st.matter.result)
        item.result_at = utcnow()

    s.then(20, 70, step, story)


def review(
    world: "World", s: Schedule, story: Story, *, instructed: bool = True,
    wait: tuple[float, float] = (1, 5),
) -> None:  # fmt: skip
    def submit(st: Story, at: datetime) -> None:
        note = world.rng.choice(D.REVIEW_NOTES)
        actions.submit_review(st.case, world.user(_handler(world, st)), note=note)

    def instruct(st: Story, at: datetime) -> None:
        instruction = world.rng.choice(D.INSTRUCTIONS)
        actions.review_instruction(st.case, world.user(HEAD), instruction=instruction)

    s.then(*wait, submit, story)
    if instructed:
        s.then(2, 20, instruct, story)


def remind(world: "World", s: Schedule, story: Story, after_hours: float) -> None:
    def step(st: Story, at: datetime) -> None:
        actions.remind(st.case, world.user(HEAD), text=world.rng.choice(D.REMINDERS))

    s.then(after_hours, after_hours + 24, step, story)


def note(world: "World", s: Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        actions.note(st.case, world.user(_handler(world, st)), text=world.rng.choice(D.NOTES))

    s.then(4, 30, step, story)


def extension(world: "World", s: Schedule, story: Story, *, decided: bool) -> None:
    def ask(st: Story, at: datetime) -> None:
        new_due = st.case.due_reply_effective + timedelta(days=14)
        reason = world.rng.choice(D.EXTENSION_REASONS)
        actions.request_extension(st.case, world.user(_handler(world, st)), reason=reason,
                                  new_due=new_due)  # fmt: skip

    def decide(st: Story, at: datetime) -> None:
        item = _pending_extension(st)
        actions.decide_extension(st.case, world.user(HEAD), item=item, approve=True,
                                 note="同意延期，请按期答复。")  # fmt: skip

    s.then(2, 10, ask, story)
    if decided:
        s.then(2, 20, decide, story)


def _pending_extension(story: Story) -> Extension:
    return db.session.scalar(
        select(Extension).where(Extension.case_id == story.case.id, Extension.decision == "pending")
    )


def reply(world: "World", s: Schedule, story: Story) -> None:
    method = {"letter": "letter", "visit": "in_person"}.get(story.channel, "phone")

    def step(st: Story, at: datetime) -> None:
        actor = world.user(_handler(world, st))
        superior = "已按期向上级报送办理结果。" if st.channel == "transfer" else ""
        actions.reply(st.case, actor, method=method, content=st.matter.reply,
                      remedy=st.matter.remedy, superior_reply=superior, tz=world.tz)  # fmt: skip

    s.then(4, 40, step, story)


def follow_up(world: "World", s: Schedule, story: Story, satisfaction: str = "") -> None:
    def step(st: Story, at: datetime) -> None:
        chosen = satisfaction or ("unreachable" if st.person.anonymous else _satisfaction(world))
        actions.follow_up(st.case, world.user(_handler(world, st)), satisfaction=chosen,
                          remarks=D.FOLLOW_UP_REMARKS[chosen])  # fmt: skip

    s.then(20, 60, step, story)


def _satisfaction(world: "World") -> str:
    return "basically" if world.rng.random() < 0.2 else "satisfied"


def close(world: "World", s: Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        actions.close(st.case, world.user(HEAD), note="办结。")

    s.then(2, 30, step, story)


def archive(world: "World", s: Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        clerk = world.user(CLERKS[0])
        volume = f"第{(at.month - 1) // 3 + 1}卷"
        actions.archive(st.case, clerk if st.matter.kind != "report" else world.user(HEAD),
                        year=at.year, volume=volume)  # fmt: skip

    s.then(48, 240, step, story)


def key_person(world: "World", s: Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        people.mark(st.case, world.user(HEAD), st.extra["key_person"])

    s.then(1, 8, step, story)
