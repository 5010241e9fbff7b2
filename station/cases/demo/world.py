"""Running the demo stories: each step at its own moment, through the real services."""

import heapq
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from ...demo import hours
from ...extensions import db
from ...models import User
from ...rules import vocab
from ...timeutil import clock_at, local_now, to_utc
from .. import actions, service
from ..models import Case, Transfer
from . import data as D
from .endings import plan
from .story import CLERKS, HEAD, Person, Step, Story


class World:
    """The stories' steps, run in the order of their moments with the clock pinned to each."""

    def __init__(self, users: dict[str, User], tz: str, topics: dict[str, int], rng) -> None:
        self.users, self.tz, self.topics, self.rng = users, tz, topics, rng
        self.now = local_now(tz).replace(second=0, microsecond=0)
        self.last = hours.latest(self.now - timedelta(minutes=10))  # the last working moment
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
        for story in stories:
            plan(self, story)
        while self._queue:
            moment, _, story, step = heapq.heappop(self._queue)
            with clock_at(to_utc(moment, self.tz)):
                step(story, moment)
                db.session.flush()  # the column defaults are taken now, at the step's moment

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

    def reopen(self, story: Story, appeal: Story, moment: datetime, reason: str) -> None:
        case = actions.reopen_appeal(story.case, self.user(HEAD), reason=reason, tz=self.tz)
        case.received_at = to_utc(moment, self.tz)
        case.received_on = moment.date()
        appeal.received, appeal.case = moment, case
        service.apply_deadlines(case, self.tz)


def _fields(world: "World", story: Story) -> dict[str, Any]:
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
        # As many choices as before the service line, so that the draws stay the same.
        line = rng.choice(("95598", "service", "station", "12345", "12398"))
        if "work_order_due" in story.extra:
            line = "95598"
        fields["phone_line"] = line
        if line in vocab.WORK_ORDER_LINES:
            fields["external_ref"] = f"{received:%Y%m%d}{rng.randint(100000, 999999)}"
            fields["external_due"] = story.extra.get(
                "work_order_due", received + timedelta(days=rng.choice((3, 5, 7)))
            )
    elif story.channel == "transfer":
        name, ref = rng.choice(D.SUPERIORS)
        number = ref.format(year=received.year, n=rng.randint(10, 300))
        fields.update(superior_name=name, superior_ref=number,
                      superior_due=received + timedelta(days=10))  # fmt: skip
    return fields
