"""The duties' cases taken on through the closed loop, as the station handles any case.

A box item or a call that became a case is a case like any other: the clerk contacts the
person, replies, calls back, and the head closes it. The duties' demos register their cases
through the real services; this takes each one on from there with the real actions, a few
working hours or days apart (demo/hours.py), and stops where today falls, so that the
recent ones are still open and the older ones closed, as at a station that keeps up.
A report is taken on by the inspector (its handler), never by the clerk who wrote it down.
"""

from collections.abc import Callable
from datetime import datetime
from random import Random

from sqlalchemy import func, select

from ..cases import actions
from ..cases.demo import data as D
from ..cases.models import Case, CaseEvent
from ..extensions import db
from ..models import User
from ..rules.vocab import CONFIDENTIAL_KINDS
from ..timeutil import clock_at, to_local, to_utc
from . import hours

REPLIES = {
    "complaint": "已到现场核实并处理，向当事人说明了原因和整改情况。",
    "suggestion": "感谢建议，已报所务会研究，能做的先做起来。",
    "praise": "感谢表扬，已转告相关班组和人员。",
    "consultation": "已按相关规定作了解答。",
    "report": "已核查举报事项，按规定作出处理。",
}
# Each state's next step, and the working hours it comes after the step before: (fewest, most).
NEXT = {
    "registered": ("accept", (1, 6)),
    "accepted": ("reply", (8, 30)),
    "in_progress": ("reply", (8, 30)),
    "replied": ("follow_up", (9, 27)),
    "followed_up": ("close", (2, 9)),
}


def carry_on(
    case: Case,
    *,
    clerk: User,
    inspector: User,
    head: User,
    rng: Random,
    tz: str,
    now: datetime,
    answer: Callable[[], str] | None = None,
) -> int:
    """Take ``case`` on from where it stands, as far as there was working time for before
    ``now`` (local); returns how many steps were taken. Called again with a later ``now``,
    it goes on from its last step: a demo can stop a case while something else happens to
    it (a repeat call noted on its timeline) and then let it go on. ``answer`` gives what a
    person who is reached says on the follow-up call (satisfied, when not given)."""
    if case.kind in CONFIDENTIAL_KINDS:
        clerk = inspector
    taken = 0
    while case.status in NEXT:
        step, gap = NEXT[case.status]
        moment = hours.later(_last_moment(case, tz), rng.uniform(*gap))
        if moment >= now:
            break
        with clock_at(to_utc(moment, tz)):
            _do(step, case, clerk, head, tz, moment, answer)
            db.session.flush()  # the column defaults (an event's time) are taken now
        taken += 1
    return taken


def _last_moment(case: Case, tz: str) -> datetime:
    last = db.session.scalar(select(func.max(CaseEvent.at)).where(CaseEvent.case_id == case.id))
    return hours.latest(to_local(last or case.received_at, tz).replace(tzinfo=None))


def _do(
    step: str,
    case: Case,
    clerk: User,
    head: User,
    tz: str,
    moment: datetime,
    answer: Callable[[], str] | None,
) -> None:
    reachable = not case.anonymous and bool(case.person_phone or case.person_address)
    if step == "accept":
        note = "已电话联系当事人。" if case.person_phone else "已登记，安排核实。"
        actions.accept(case, clerk, contacted_at=to_utc(moment, tz), note=note)
    elif step == "reply":
        method = "phone" if case.person_phone else "in_person"
        content = REPLIES.get(case.kind, REPLIES["consultation"])
        if not reachable:  # no one to reply to: the answer goes up in the service hall
            content = "已在营业厅公告栏公开答复：" + content
        actions.reply(case, clerk, method=method, content=content, tz=tz)
    elif step == "follow_up":
        satisfaction = "unreachable"
        if reachable:
            satisfaction = answer() if answer else "satisfied"
        actions.follow_up(
            case, clerk, satisfaction=satisfaction, remarks=D.FOLLOW_UP_REMARKS[satisfaction]
        )
    else:
        actions.close(case, head, note="办结。")
