"""Changing a station's deadline policies and topics; the calendar hook. Views commit.

A policy change touches only the policy row: each case keeps the clocks it
copied when it was received (deadlines.py), so the change applies to cases
received after it. A calendar correction, on the other hand, moves the due
dates of open cases, which are computed again from their own clocks.
"""

from collections.abc import Mapping

from sqlalchemy import func, select

from .. import audit
from ..cases import service as cases
from ..cases.models import Case
from ..extensions import db
from ..i18n import gettext as _
from ..policies.models import Policy, Topic
from ..rules import deadlines, vocab
from ..timeutil import station_tz
from .defaults import set_clocks

DEFAULTS_RESTORED = "defaults"  # the audit's reason for a change back to the defaults

Clocks = Mapping[str, deadlines.Clock | None]


class TopicError(ValueError):
    """A topic change that breaks a rule; ``str()`` is for the user."""


# ---------------------------------------------------------------- policies


def station_policies(station_id: int) -> list[Policy]:
    """The station's rows in the order of the vocabularies (kind, then importance)."""
    rows = db.session.scalars(select(Policy).where(Policy.station_id == station_id)).all()
    order = {(k, i): n for n, (k, i) in enumerate(_pairs())}
    return sorted(rows, key=lambda p: order.get((p.kind, p.importance), len(order)))


def _pairs() -> list[tuple[str, str]]:
    return [(k, i) for k in vocab.KINDS for i in vocab.IMPORTANCE]


def is_default(policy: Policy) -> bool:
    defaults = deadlines.default_clocks(policy.kind, policy.importance)
    return _normal(policy.clocks()) == _normal(defaults)


def _normal(clocks: Clocks) -> dict[str, tuple[int, str] | None]:
    # Clocks read back from JSON are lists: compare them as tuples.
    return {n: (tuple(c) if (c := clocks.get(n)) else None) for n in deadlines.CLOCK_NAMES}  # type: ignore[misc]


def change_policy(policy: Policy, clocks: Clocks, *, why: str = "") -> bool:
    """Set the row's clocks; False when they are the same as before. Audited as before → after."""
    before, after = _normal(policy.clocks()), _normal(clocks)
    if before == after:
        return False
    set_clocks(policy, after)
    audit.record(
        "policy_changed",
        target=f"{policy.kind}/{policy.importance}",
        data={"before": before, "after": after, "why": why},
        station_id=policy.station_id,
    )
    return True


def restore_defaults(policy: Policy) -> bool:
    defaults = deadlines.default_clocks(policy.kind, policy.importance)
    return change_policy(policy, defaults, why=DEFAULTS_RESTORED)


# ---------------------------------------------------------------- topics


def station_topics(station_id: int) -> list[Topic]:
    """Every topic of the station, deactivated ones too, in their order."""
    query = select(Topic).where(Topic.station_id == station_id)
    return list(db.session.scalars(query.order_by(Topic.position, Topic.id)))


def case_counts(station_id: int) -> dict[int, int]:
    """How many cases refer to each topic (so the admin sees why topics are never deleted).

    Reports are left out: a count that moved when one arrived would tell the admin, who
    reloads the page, that a report about that topic had just come in."""
    rows = db.session.execute(
        select(Case.topic_id, func.count(Case.id))
        .where(Case.station_id == station_id, Case.topic_id.is_not(None))
        .where(Case.kind.not_in(vocab.CONFIDENTIAL_KINDS))
        .group_by(Case.topic_id)
    )
    return {topic_id: count for topic_id, count in rows}


def _check_name(station_id: int, name: str, *, exclude: int | None = None) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise TopicError(_("Enter the topic's name."))
    for topic in station_topics(station_id):
        if topic.id != exclude and topic.name.casefold() == clean.casefold():
            if topic.active:
                raise TopicError(_("A topic named “%(name)s” already exists.", name=topic.name))
            raise TopicError(
                _(
                    "A deactivated topic named “%(name)s” already exists: reactivate it instead.",
                    name=topic.name,
                )
            )
    return clean


def add_topic(station_id: int, name: str) -> Topic:
    clean = _check_name(station_id, name)
    last = db.session.scalar(select(func.max(Topic.position)).where(Topic.station_id == station_id))
    topic = Topic(station_id=station_id, name=clean, position=(last or 0) + 1)
    db.session.add(topic)
    audit.record("topic_added", target=clean, station_id=station_id)
    return topic


def rename_topic(topic: Topic, name: str) -> bool:
    """Rename; False when the name stays the same. Cases keep the topic under its new name."""
    clean = _check_name(topic.station_id, name, exclude=topic.id)
    if clean == topic.name:
        return False
    audit.record(
        "topic_renamed",
        target=clean,
        data={"before": topic.name, "after": clean},
        station_id=topic.station_id,
    )
    topic.name = clean
    return True


def move_topic(topic: Topic, step: int) -> bool:
    """Move the topic one place up (-1) or down (+1); False at either end."""
    ordered = station_topics(topic.station_id)
    index = ordered.index(topic)
    other = index + step
    if step not in (-1, 1) or not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered):
        item.position = position  # renumbered: older rows may share a position
    data = {"position": other}
    audit.record("topic_moved", target=topic.name, data=data, station_id=topic.station_id)
    return True


def set_topic_active(topic: Topic, active: bool) -> bool:
    """Deactivate (no longer offered at intake; its cases keep it) or reactivate."""
    if topic.active == active:
        return False
    topic.active = active
    action = "topic_reactivated" if active else "topic_deactivated"
    audit.record(action, target=topic.name, station_id=topic.station_id)
    return True


# ---------------------------------------------------------------- calendar hook


def move_open_deadlines(_sender: object, *, years: set[int], **_: object) -> None:
    """``workdays.CALENDAR_CHANGED`` receiver: move open cases' due dates (inside the change)."""
    cases.recompute_open_deadlines(years, station_tz())
