"""The demo's submitted months: the month before last twice (the second with a reason),
last month once, each signed with the demo station's key and verified by its file."""

from sqlalchemy import select
from test_demo import load

from station.demo.world import DEMO_STATION
from station.extensions import db
from station.models import Station
from station.summary import keyring, months, signing, versions
from station.summary.models import SummaryVersion
from station.timeutil import local_today


def test_the_head_submitted_two_months_one_of_them_again(app, runner):
    output = load(app, runner)
    assert "Submitted months:" in output
    this = months.of(local_today(app.config["STATION_TIMEZONE"]))
    last, before = this.previous, this.previous.previous
    with app.test_request_context():
        station = db.session.scalar(select(Station).where(Station.name == DEMO_STATION))
        rows = db.session.scalars(
            select(SummaryVersion).order_by(SummaryVersion.month, SummaryVersion.version)
        ).all()
        assert [(r.month, r.version, bool(r.reason)) for r in rows] == [
            (before.key, 1, False),
            (before.key, 2, True),
            (last.key, 1, False),
        ]
        key = signing.public_from_raw(keyring.public_key(station.id).public_key)
        for row in rows:
            verified = signing.verify(versions.summary_file(row), key)
            assert verified.month == row.month and verified.version == row.version
            assert row.submitted_by_name == "赵军"
    # Loaded again: nothing submitted twice.
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        assert len(db.session.scalars(select(SummaryVersion)).all()) == 3
