"""The demo stories' endings: how far each kind of ending takes its case (see world.py).

``plan`` lays out a story's steps as offsets from its receipt; when the steps
would run past now, they are squeezed into the time there was, so that every
case reaches its ending with every moment in the past.
"""

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from .. import actions
from . import data as D
from .steps import (
    Schedule,
    accept,
    archive,
    close,
    extension,
    follow_up,
    key_person,
    note,
    remind,
    reply,
    review,
    transfer,
    transfer_result,
)
from .story import CLERKS, Story

if TYPE_CHECKING:
    from .world import World


def plan(world: "World", story: Story) -> None:
    rng = world.rng
    story.extra.setdefault("by", rng.choice(CLERKS))
    if story.channel == "letter" and rng.random() < 0.5:
        story.extra["enclosures"] = [
            {"kind": "photo", "description": "现场照片3张", "kept_at": "信访档案柜"},
            {"kind": "certificate", "description": "身份证复印件1份", "kept_at": "信访档案柜"},
        ]
    s = Schedule(world, story)

    def register(st: Story, at: datetime) -> None:
        world.register(st, at)

    s.then(0.05, 0.5, register)
    if story.ending != "registered":
        _FLOWS[story.ending](world, s, story)
    s.done()


# ---------------------------------------------------------------- endings


def _handled(world: "World", s: Schedule, story: Story) -> None:
    """Accepted and worked on: a transfer when the matter goes to a unit, a review if important."""
    accept(world, s, story)
    if story.matter.unit:
        transfer(world, s, story)
        transfer_result(world, s, story)
    if story.importance != "general":
        review(world, s, story)


def _closed(world: "World", s: Schedule, story: Story, satisfaction: str = "") -> None:
    _handled(world, s, story)
    reply(world, s, story)
    follow_up(world, s, story, satisfaction)
    close(world, s, story)
    if "key_person" in story.extra:
        key_person(world, s, story)


def _accepted_overdue(world: "World", s: Schedule, story: Story) -> None:
    accept(world, s, story)
    note(world, s, story)
    remind(world, s, story, after_hours=5 * 24)
    if "key_person" in story.extra:
        key_person(world, s, story)


def _transfer_overdue(world: "World", s: Schedule, story: Story) -> None:
    accept(world, s, story)
    transfer(world, s, story, due_days=3)
    remind(world, s, story, after_hours=6 * 24)


def _extension_pending(world: "World", s: Schedule, story: Story) -> None:
    accept(world, s, story)
    extension(world, s, story, decided=False)


def _extended(world: "World", s: Schedule, story: Story) -> None:
    accept(world, s, story)
    transfer(world, s, story, due_days=10)
    extension(world, s, story, decided=True)
    transfer_result(world, s, story)


def _on_spot(world: "World", s: Schedule, story: Story) -> None:
    def step(st: Story, at: datetime) -> None:
        actions.answer_on_spot(st.case, world.user(st.extra["by"]), content=st.matter.reply)

    s.then(0.05, 0.3, step, story)


def _archived(world: "World", s: Schedule, story: Story) -> None:
    _closed(world, s, story)
    archive(world, s, story)


def _appeal(world: "World", s: Schedule, story: Story) -> None:
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


def _report(world: "World", s: Schedule, story: Story) -> None:
    """Reports (举报) are handled by the inspector and closed by the head."""
    variant = story.extra.setdefault("variant", len(world.reports))
    world.reports.append(story)
    if variant == 0:
        _archived(world, s, story)
    elif variant == 1:
        accept(world, s, story)
        review(world, s, story)
        transfer(world, s, story, due_days=10)


def _accepted(world: "World", s: Schedule, story: Story) -> None:
    accept(world, s, story)


def _transfer_open(world: "World", s: Schedule, story: Story) -> None:
    accept(world, s, story)
    transfer(world, s, story)


def _review_pending(world: "World", s: Schedule, story: Story) -> None:
    accept(world, s, story)
    # One clerk submits days after the review clock ran out: the head sees whose delay it is.
    wait = (60, 70) if story.extra.get("submitted_late") else (1, 5)
    review(world, s, story, instructed=False, wait=wait)


def _replied(world: "World", s: Schedule, story: Story) -> None:
    _handled(world, s, story)
    reply(world, s, story)


def _followed_up(world: "World", s: Schedule, story: Story) -> None:
    _replied(world, s, story)
    follow_up(world, s, story)


_FLOWS: dict[str, Callable[["World", Schedule, Story], None]] = {
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
