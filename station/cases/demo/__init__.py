"""The case register's demo: a realistic year of the station's cases, run through the real services.

Every case is registered with ``service.register`` and moved with ``actions.*``, so its
events, deadlines and search index are the real ones. Each case has a story (when it
came in and how far it got; ``stories.py``); the steps of all stories run in the order of
their moments (``world.py``) with the application's clock pinned to each moment, so that
reference numbers follow the days of receipt and every stamp is the story's. Deterministic:
the feature's own random stream of the demo seed.
"""

from sqlalchemy import func, select

from ...demo.world import DemoContext
from ...extensions import db
from ...policies.defaults import ensure_defaults
from ...rules import workflow
from ...timeutil import station_tz
from ..models import Case, Topic
from .stories import stories
from .world import World


def load_cases(ctx: DemoContext) -> list[str]:
    """The demo step: a station year of cases, only when the demo data is new."""
    station = ctx.station
    if not ctx.fresh or db.session.scalar(select(Case.id).where(Case.station_id == station.id)):
        return []
    ensure_defaults(station)
    tz = station_tz()
    world = World(ctx.users, tz, _topic_ids(station.id), ctx.random("cases"))
    world.run(stories(world))
    counts = dict(
        db.session.execute(
            select(Case.status, func.count(Case.id))
            .where(Case.station_id == station.id)
            .group_by(Case.status)
        ).all()
    )
    shown = ", ".join(f"{s} {counts[s]}" for s in workflow.STATES if s in counts)
    return [f"Demo cases: {sum(counts.values())} ({shown})"]


def _topic_ids(station_id: int) -> dict[str, int]:
    rows = db.session.scalars(select(Topic).where(Topic.station_id == station_id))
    return {t.name: t.id for t in rows}
