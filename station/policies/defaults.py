"""Deadline policies and topics of a station: defaults, lookups."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Station
from ..rules import deadlines, vocab
from .models import Policy, Topic


def ensure_defaults(station: Station) -> None:
    """Give a station the default topics and a policy row per kind and importance."""
    have_topics = db.session.scalar(select(Topic.id).where(Topic.station_id == station.id))
    if have_topics is None:
        db.session.add_all(
            Topic(station_id=station.id, name=name, position=i)
            for i, name in enumerate(vocab.DEFAULT_TOPICS)
        )
    existing = {
        (p.kind, p.importance)
        for p in db.session.scalars(select(Policy).where(Policy.station_id == station.id))
    }
    for kind in vocab.KINDS:
        for importance in vocab.IMPORTANCE:
            if (kind, importance) not in existing:
                db.session.add(default_policy(station.id, kind, importance))
    db.session.flush()


def default_policy(station_id: int, kind: str, importance: str) -> Policy:
    policy = Policy(station_id=station_id, kind=kind, importance=importance)
    set_clocks(policy, deadlines.default_clocks(kind, importance))
    return policy


def set_clocks(policy: Policy, clocks: dict[str, tuple[int, str] | None]) -> None:
    for name in deadlines.CLOCK_NAMES:
        clock = clocks.get(name)
        setattr(policy, f"{name}_amount", None if clock is None else clock[0])
        setattr(policy, f"{name}_unit", None if clock is None else clock[1])


def policy_for(station_id: int, kind: str, importance: str) -> Policy:
    """The station's policy row for a kind and importance (created from defaults if missing)."""
    query = select(Policy).where(
        Policy.station_id == station_id, Policy.kind == kind, Policy.importance == importance
    )
    policy = db.session.scalar(query)
    if policy is None:
        # Two first registrations at once may both get here: the loser reads the winner's row.
        try:
            with db.session.begin_nested():
                policy = default_policy(station_id, kind, importance)
                db.session.add(policy)
        except IntegrityError:
            policy = db.session.scalar(query)
    return policy


def topics(station_id: int, *, include_inactive: bool = False) -> list[Topic]:
    query = select(Topic).where(Topic.station_id == station_id)
    if not include_inactive:
        query = query.where(Topic.active.is_(True))
    return list(db.session.scalars(query.order_by(Topic.position, Topic.id)))
