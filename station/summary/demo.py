"""The submitted months' demo: the head submits the month before last, submits it again
once with a reason a week later, and submits last month, each through the real service
(signed with the demo station's key, made in the instance folder on the first run).

Each submission is made on a working day of the month after, in office hours
(station/demo/hours.py), as of that day; last month's at the demo's own moment."""

from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ..cases import service
from ..demo import hours
from ..demo.world import DemoContext
from ..extensions import db
from ..timeutil import clock_at, local_today, station_tz, to_utc
from . import months, versions
from .models import SummaryVersion

HEAD = "zhaojun"
CLERK = "wangfang"
AGAIN = "补录一件月末收到的来信后重新报送"
LETTER = {
    "kind": "complaint",
    "subject": "村口变压器噪音大，夜里影响休息",
    "content": "来信反映村口变压器夜间嗡嗡响，希望派人检查。",
    "person_name": "周桂兰",
    "person_phone": "13972001234",
    "person_address": "周家湾二组",
}


def _late_letter(ctx: DemoContext, month: months.Month, moment: datetime) -> None:
    """A letter received on the month's last working day but found and registered after the
    first submission: the reason for the second, and what its "what changed" shows."""
    tz = station_tz()
    received = hours.on_day(month.last, 7 * 60)
    with clock_at(to_utc(moment, tz)):
        service.register(
            station_id=ctx.station.id, channel="letter", fields=LETTER,
            received_local=received, registered_by=ctx.users[CLERK], tz=tz,
        )  # fmt: skip
        db.session.flush()


def load_submissions(ctx: DemoContext) -> list[str]:
    station_id = ctx.station.id
    done = select(SummaryVersion.id).where(SummaryVersion.station_id == station_id).limit(1)
    if not ctx.fresh or db.session.scalar(done):
        return []
    last = months.of(local_today(station_tz())).previous
    before = last.previous
    first = hours.on_day(last.first + timedelta(days=3), 60)
    again = hours.on_day(last.first + timedelta(days=10), 120)
    _submit(ctx, before, first, "")
    _late_letter(ctx, before, hours.later(first, 8))
    _submit(ctx, before, again, AGAIN)
    _submit(ctx, last, ctx.now, "")
    return [f"Submitted months: {before.key} twice (a reason the second time), {last.key} once"]


def _submit(ctx: DemoContext, month: months.Month, moment: datetime, reason: str) -> None:
    tz = station_tz()
    head = ctx.users[HEAD]
    with clock_at(to_utc(moment, tz)):
        today = moment.date()
        seen = versions.fingerprint_of(versions.county_data(ctx.station.id, month, tz, today))
        versions.submit(
            ctx.station.id, month, tz, today, head, reason=reason, seen_sha256=seen,
            instance=Path(current_app.instance_path),
        )  # fmt: skip
