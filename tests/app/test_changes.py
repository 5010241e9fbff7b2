"""The stamp that kept figures are checked against (station/changes.py): it moves when a
write to the register commits, and not for a reading or for the logs a reading writes."""

import threading
import time

from sqlalchemy import select, text

from station import changes
from station.auth.models import LoginFailure
from station.extensions import db
from station.models import Station


def _moved(app, work) -> bool:
    with app.app_context():
        before = changes.stamp()
        work()
        db.session.remove()
        return changes.stamp() != before


def _rename_station() -> None:
    station = db.session.scalar(select(Station).order_by(Station.id).limit(1))
    station.name = station.name + "（新）"
    db.session.commit()


def _read() -> None:
    db.session.scalars(select(Station)).all()
    db.session.commit()


def _log_a_failure() -> None:
    with db.engine.begin() as conn:
        conn.execute(LoginFailure.__table__.insert(), {"ip": "10.0.0.9", "username": "x"})


def _textual_write() -> None:
    db.session.execute(text("UPDATE station SET name = name"))
    db.session.commit()


def test_what_moves_the_stamp(app):
    assert _moved(app, _rename_station) is True
    assert _moved(app, _textual_write) is True
    assert _moved(app, _read) is False
    assert _moved(app, _log_a_failure) is False


def test_a_kept_value_is_computed_again_after_a_write_or_when_old():
    made = []

    def compute():
        made.append(1)
        return len(made)

    kept = changes.Remembered(size=2)
    assert [kept.get("a", compute), kept.get("a", compute)] == [1, 1]
    changes._stamp.move()
    assert kept.get("a", compute) == 2
    assert changes.Remembered(max_age=0).get("a", compute) == 3


def test_the_least_recently_used_goes_first():
    kept = changes.Remembered(size=2)
    kept.get("a", lambda: "A")
    kept.get("b", lambda: "B")
    kept.get("a", lambda: "never")  # a is used again: b is now the oldest
    kept.get("c", lambda: "C")
    assert kept.get("a", lambda: "again") == "A"
    assert kept.get("b", lambda: "again") == "again"


def test_those_asking_while_it_is_computed_wait_for_it_instead_of_computing_it_again():
    kept = changes.Remembered()
    started, release, made = threading.Event(), threading.Event(), []

    def compute():
        made.append(1)
        started.set()
        release.wait(5)
        return "figures"

    got: list[str] = []
    first = threading.Thread(target=lambda: got.append(kept.get("month", compute)))
    first.start()
    started.wait(5)
    others = [
        threading.Thread(target=lambda: got.append(kept.get("month", compute))) for _ in range(3)
    ]
    for thread in others:
        thread.start()
    time.sleep(0.2)  # they reach the cache while the first still computes
    release.set()
    for thread in [first, *others]:
        thread.join(5)
    assert got == ["figures"] * 4
    assert made == [1]
