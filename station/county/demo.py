"""The county's demo: a second station that runs alone, and its summary files.

河湾供电所 has its own PC: here it is a second, temporary installation (its own database and
instance folder, thrown away afterwards) with a year of routine cases (``load_history``),
whose head submits the last two months through the real service, signed with its own key.
The county has registered its key; the month before last is imported already, and last
month's file is left in ``<instance>/demo/`` for a county user to import on /county/import.
"""

import tempfile
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ..demo import hours
from ..demo.world import DEMO_USERS, DemoContext
from ..extensions import db
from ..summary import keyring, months, signing, versions
from ..timeutil import clock_at, station_tz, to_utc
from . import imports
from .models import RemoteStation

REMOTE_STATION = "河湾供电所"
HEAD = "zhaojun"
STAFF = ("wangfang", "liqiang", "zhaojun", "chenjing")


def load_remote_station(ctx: DemoContext) -> list[str]:
    """The demo step: only when the demo data is new and the station not registered yet."""
    known = select(RemoteStation.id).where(RemoteStation.name == REMOTE_STATION)
    if not ctx.fresh or db.session.scalar(known):
        return []
    files, public = _files_of_the_other_station(ctx)
    folder = Path(current_app.instance_path) / "demo"
    folder.mkdir(exist_ok=True)
    station = RemoteStation(
        name=REMOTE_STATION, fingerprint=signing.fingerprint(public),
        public_key=signing.raw_public(public),
    )  # fmt: skip
    db.session.add(station)
    db.session.flush()
    (earlier_key, earlier), (last_key, last) = files
    imports.import_file(earlier, ctx.users["county"])
    path = folder / f"{REMOTE_STATION}-{last_key}.json"
    path.write_bytes(last)
    return [
        f"Station that runs alone: {REMOTE_STATION}, its key registered; {earlier_key} "
        f"imported, {last_key}'s file to import on /county/import: {path}"
    ]


def _files_of_the_other_station(ctx: DemoContext):
    """The other installation's two summary files (oldest first) and its public key."""
    from .. import create_app
    from ..accounts import add_station, create_user
    from ..database import upgrade_schema
    from ..demo.history import load_history

    with tempfile.TemporaryDirectory() as folder:
        other = create_app(
            {
                "INSTANCE_PATH": folder,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'station.db'}",
            }
        )
        with other.app_context():
            upgrade_schema()
            station = add_station(REMOTE_STATION)  # with the default topics and policies
            there = DemoContext(station=station, now=ctx.now)
            for username, name, roles, _in_station in DEMO_USERS:
                if username in STAFF:
                    there.users[username], _ = create_user(
                        username, list(roles), name=name, station=station
                    )
            db.session.flush()
            load_history(there)
            files = [_submitted(there, month) for month in _last_two(ctx)]
            public = signing.public_from_raw(keyring.public_key(station.id).public_key)
            db.session.commit()
            db.session.remove()
            db.engine.dispose()  # Windows keeps an open database file from being deleted
    return files, public


def _last_two(ctx: DemoContext) -> list[months.Month]:
    last = months.of(ctx.now.date()).previous
    return [last.previous, last]


def _submitted(ctx: DemoContext, month: months.Month) -> tuple[str, bytes]:
    tz = station_tz()
    moment = min(hours.on_day(month.next_first + timedelta(days=4), 90), ctx.now)
    with clock_at(to_utc(moment, tz)):
        today = moment.date()
        seen = versions.fingerprint_of(versions.county_data(ctx.station.id, month, tz, today))
        row = versions.submit(
            ctx.station.id, month, tz, today, ctx.users[HEAD], reason="", seen_sha256=seen,
            instance=Path(current_app.instance_path),
        )  # fmt: skip
        return month.key, versions.summary_file(row)
