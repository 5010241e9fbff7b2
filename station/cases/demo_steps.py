"""The demo stories' steps: how far each kind of ending takes its case (see demo.py).

``plan`` lays out a story's steps as offsets from its receipt; when the steps
would run past now, they are squeezed into the time there was, so that every
case reaches its ending with every moment in the past.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..extensions import db
from ..intake import people
from . import actions
from . import demo_data as D
from .demo import CLERKS, HEAD, INSPECTOR, Story
from .models import Extension

if TYPE_CHECKING:
    from .demo import _World

Step = Callable[[Story, datetime], None]


class _Schedule:
    """A story's steps as offsets from its receipt (hours), pushed to the world at the end."""

    def __init__(self, world: "_World", story: Story) -> None:
        self.world, self.story, self.hours = world, story, 0.0
        self.steps: list[tuple[float, Story, Step]] = []

    def then(self, low: float, high: float, step: Step, story: Story | None = None) -> float:
        self.hours += self.world.rng.uniform(low, high)
        self.steps.append((self.hours, story or self.story, step))
        return self.hours

    def done(self) -> None:
        room = (self.world.now - timedelta(minutes=10) - self.story.received).total_seconds() / 3600
        squeeze = min(1.0, room / self.hours) if self.hours > 0 else 1.0
        for hours, story, step in self.steps:
            self.world.at(story, self.story.received + timedelta(hours=hours * squeeze), step)


def plan(world: "_World", story: Story) -> None:
    rng = world.rng
    story.extra.setdefault("by", rng.choice(CLERKS))
    if story.channel == "letter" and rng.random() < 0.5:
        story.extra["enclosures"] = [
            {"kind": "photo", "description": "现场照片3张", "kept_at": "信访档案柜"},
            {"kind": "certificate", "description": "身份证复印件1份", "kept_at": "信访档案柜"},
        ]
    s = _Schedule(world, story)

    def register(st: Story, at: datetime) -> None:
        world.register(st, at)

    s.then(0.05, 0.5, register)
    if story.ending != "registered":
        _FLOWS[story.ending](world, s, story)
    s.done()


# ---------------------------------------------------------------- single steps


def _handler(world: "_World", story: Story) -> str:
    """Who works on the case: the inspector for reports, else the clerk assigned or who took it."""
    if story.matter.kind == "report":
        return INSPECTOR
    return story.extra.get("handler", story.extra["by"])


def accept(world: "_World", s: _Schedule, story: Story) -> None:
    if story.importance != "general" and story.matter.kind != "report":
        assign(world, s, story)

    def step(st: Story, at: datetime) -> None:
        actor = world.user(_handler(world, st))
        actions.accept(st.case, actor, contacted_at=world.clock.moment, note="已电话联系当事人。")

    s.then(1, 20, step, story)


def assign(world: "_World", s: _Schedule, story: Story) -> None:
    """The head gives an important case to the other clerk."""
    other = next(c for c in CLERKS if c != story.extra["by"])
    story.extra["handler"] = other

    def step(st: Story, at: datetime) -> None:
        actions.assign(st.case, world.user(HEAD), assignee=world.user(other), note="请重点办理。")

    s.then(0.5, 3, step, story)


def transfer(world: "_World", s: _Schedule, story: Story, *, due_days: int = 5) -> None:
    m = story.matter

    def step(st: Story, at: datetime) -> None:
        actor = world.user(_handler(world, st))
        due = at.date() + timedelta(days=due_days)
        actions.transfer(st.case, actor, unit=m.unit, request=m.request, due=due, today=at.date())

    s.then(1, 6, step, story)


def transfer_result(world: "_World", s: _Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        item = world.open_transfer(st.case)
        actor = world.user(_handler(world, st))
        actions.transfer_result(st.case, actor, item=item, result=st.matter.result)
        item.result_at = world.clock.moment

    s.then(20, 70, step, story)


def review(world: "_World", s: _Schedule, story: Story, *, instructed: bool = True) -> None:
    def submit(st: Story, at: datetime) -> None:
        note = world.rng.choice(D.REVIEW_NOTES)
        actions.submit_review(st.case, world.user(_handler(world, st)), note=note)

    def instruct(st: Story, at: datetime) -> None:
        instruction = world.rng.choice(D.INSTRUCTIONS)
        actions.review_instruction(st.case, world.user(HEAD), instruction=instruction)

    s.then(1, 5, submit, story)
    if instructed:
        s.then(2, 20, instruct, story)


def remind(world: "_World", s: _Schedule, story: Story, after_hours: float) -> None:
    def step(st: Story, at: datetime) -> None:
        actions.remind(st.case, world.user(HEAD), text=world.rng.choice(D.REMINDERS))

    s.then(after_hours, after_hours + 24, step, story)


def note(world: "_World", s: _Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        actions.note(st.case, world.user(_handler(world, st)), text=world.rng.choice(D.NOTES))

    s.then(4, 30, step, story)


def extension(world: "_World", s: _Schedule, story: Story, *, decided: bool) -> None:
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


def reply(world: "_World", s: _Schedule, story: Story) -> None:
    method = {"letter": "letter", "visit": "in_person"}.get(story.channel, "phone")

    def step(st: Story, at: datetime) -> None:
        actor = world.user(_handler(world, st))
        superior = "已按期向上级报送办理结果。" if st.channel == "transfer" else ""
        actions.reply(st.case, actor, method=method, content=st.matter.reply,
                      remedy=st.matter.remedy, superior_reply=superior, tz=world.tz)  # fmt: skip
        world.settle_reply(st.case)

    s.then(4, 40, step, story)


def follow_up(world: "_World", s: _Schedule, story: Story, satisfaction: str = "") -> None:
    def step(st: Story, at: datetime) -> None:
        chosen = satisfaction or ("unreachable" if st.person.anonymous else _satisfaction(world))
        actions.follow_up(st.case, world.user(_handler(world, st)), satisfaction=chosen,
                          remarks=D.FOLLOW_UP_REMARKS[chosen])  # fmt: skip

    s.then(20, 60, step, story)


def _satisfaction(world: "_World") -> str:
    return "basically" if world.rng.random() < 0.2 else "satisfied"


def close(world: "_World", s: _Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        actions.close(st.case, world.user(HEAD), note="办结。")

    s.then(2, 30, step, story)


def archive(world: "_World", s: _Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        clerk = world.user(CLERKS[0])
        volume = f"第{(at.month - 1) // 3 + 1}卷"
        actions.archive(st.case, clerk if st.matter.kind != "report" else world.user(HEAD),
                        year=at.year, volume=volume)  # fmt: skip

    s.then(48, 240, step, story)


def key_person(world: "_World", s: _Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        people.mark(st.case, world.user(HEAD), st.extra["key_person"])

    s.then(1, 8, step, story)


# ---------------------------------------------------------------- endings


def _handled(world: "_World", s: _Schedule, story: Story) -> None:
    """Accepted and worked on: a transfer when the matter goes to a unit, a review if important."""
    accept(world, s, story)
    if story.matter.unit:
        transfer(world, s, story)
        transfer_result(world, s, story)
    if story.importance != "general":
        review(world, s, story)


def _closed(world: "_World", s: _Schedule, story: Story, satisfaction: str = "") -> None:
    _handled(world, s, story)
    reply(world, s, story)
    follow_up(world, s, story, satisfaction)
    close(world, s, story)
    if "key_person" in story.extra:
        key_person(world, s, story)


def _accepted_overdue(world: "_World", s: _Schedule, story: Story) -> None:
    accept(world, s, story)
    note(world, s, story)
    remind(world, s, story, after_hours=5 * 24)
    if "key_person" in story.extra:
        key_person(world, s, story)


def _transfer_overdue(world: "_World", s: _Schedule, story: Story) -> None:
    accept(world, s, story)
    transfer(world, s, story, due_days=3)
    remind(world, s, story, after_hours=6 * 24)


def _extension_pending(world: "_World", s: _Schedule, story: Story) -> None:
    accept(world, s, story)
    extension(world, s, story, decided=False)


def _extended(world: "_World", s: _Schedule, story: Story) -> None:
    accept(world, s, story)
    transfer(world, s, story, due_days=10)
    extension(world, s, story, decided=True)
    transfer_result(world, s, story)


def _on_spot(world: "_World", s: _Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        actions.answer_on_spot(st.case, world.user(st.extra["by"]), content=st.matter.reply)

    s.then(0.05, 0.3, step, story)


def _archived(world: "_World", s: _Schedule, story: Story) -> None:
    _closed(world, s, story)
    archive(world, s, story)


def _appeal(world: "_World", s: _Schedule, story: Story) -> None:
    """Dissatisfied after the follow-up call: the head reopens it as an appeal, which goes on."""
    _handled(world, s, story)
    reply(world, s, story)
    follow_up(world, s, story, "dissatisfied")
    variant = story.extra.setdefault("variant", len(world.appeals))
    child = Story("appeal_of", story.matter, story.channel, story.person, story.received)
    child.extra["by"] = story.extra["by"]
    world.appeals.append(child)
    reason = D.APPEAL_REASONS[variant % len(D.APPEAL_REASONS)]

    def reopen(st: Story, at: datetime) -> None:
        world.reopen(st, child, at, reason)

    s.then(20, 72, reopen, story)
    accept(world, s, child)
    if variant == 0:
        reply(world, s, child)
        follow_up(world, s, child, "satisfied")
        close(world, s, child)
    elif variant == 1:
        transfer(world, s, child, due_days=15)
    else:
        review(world, s, child)
        reply(world, s, child)


def _report(world: "_World", s: _Schedule, story: Story) -> None:
    """Reports (举报) are handled by the inspector and closed by the head."""
    variant = story.extra.setdefault("variant", len(world.reports))
    world.reports.append(story)
    if variant == 0:
        _archived(world, s, story)
    elif variant == 1:
        accept(world, s, story)
        review(world, s, story)
        transfer(world, s, story, due_days=10)


def _accepted(world: "_World", s: _Schedule, story: Story) -> None:
    accept(world, s, story)


def _transfer_open(world: "_World", s: _Schedule, story: Story) -> None:
    accept(world, s, story)
    transfer(world, s, story)


def _review_pending(world: "_World", s: _Schedule, story: Story) -> None:
    accept(world, s, story)
    review(world, s, story, instructed=False)


def _replied(world: "_World", s: _Schedule, story: Story) -> None:
    _handled(world, s, story)
    reply(world, s, story)


def _followed_up(world: "_World", s: _Schedule, story: Story) -> None:
    _replied(world, s, story)
    follow_up(world, s, story)


_FLOWS: dict[str, Callable[["_World", _Schedule, Story], None]] = {
    "accepted": _accepted,
    "accepted_overdue": _accepted_overdue,
    "transfer_open": _transfer_open,
    "transfer_overdue": _transfer_overdue,
    "review_pending": _review_pending,
    "extension_pending": _extension_pending,
    "extended": _extended,
    "replied": _replied,
    "followed_up": _followed_up,
    "closed": _closed,
    "on_spot": _on_spot,
    "archived": _archived,
    "appeal": _appeal,
    "report": _report,
}
