"""Reference numbers: one sequence per station and year, never duplicated, never skipped.

The concurrency test serves the app with waitress on a loopback port, backed by
a real database file (or the PostgreSQL of ``DATABASE_URL``), and lets several
logged-in clerks send the phone intake form at the same moment.
"""

import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from browser_support import serving
from conftest import PASSWORD, PASSWORD_HASH, make_app, seed_staff
from sqlalchemy import func, select

from station.cases import service
from station.cases.models import Case, CaseSequence
from station.extensions import db
from station.models import Station, User
from station.policies.defaults import ensure_defaults
from station.rules import roles as R
from station.timeutil import to_local, utcnow

CLIENTS = 8
ROUNDS = 5  # each client registers one case per round: 40 cases in all
TIMEOUT = 60


# ---------------------------------------------------------------- a live server


@pytest.fixture
def server(tmp_path, template_db) -> Iterator[tuple[str, object]]:
    """The app with CLIENTS extra clerks, served by waitress with a thread per client."""
    app = make_app(tmp_path, template_db)
    seed_staff(app)
    with app.app_context():
        station = db.session.scalar(select(Station).order_by(Station.id))
        ensure_defaults(station)  # as add_station gives every new station
        for n in range(CLIENTS):
            user = User(username=f"desk{n}", name=f"desk{n}", station=station)
            user.password_hash = PASSWORD_HASH
            user.must_change_password = False
            user.roles = {R.CLERK}
            db.session.add(user)
        db.session.commit()
    with serving(app, threads=CLIENTS) as url:
        yield url, app


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads the Location itself


class Client:
    """One browser's worth of cookies, speaking plain HTTP."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        """(status, Location) of a form POST."""
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=TIMEOUT) as response:
                return response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as answer:  # 3xx and 4xx/5xx alike, without following
            return answer.code, answer.headers.get("Location", "")

    def login(self, username: str) -> None:
        status, location = self.post("/login", {"username": username, "password": PASSWORD})
        assert status == 302 and "/login" not in location, f"{username} could not log in"


def phone_form(now: datetime, n: int) -> dict[str, str]:
    """The phone intake form as a clerk fills it, with its own one-time token."""
    received = now - timedelta(minutes=5)
    return {
        "intake_token": uuid.uuid4().hex,
        "phone_line": "station",
        "person_phone": f"1380000{n:04d}",
        "external_ref": "",
        "kind": "complaint",
        "subject": f"电压低，第{n}户",
        "content": "晚上灯光发暗，空调启动不了。",
        "importance": "general",
        "topic": "0",
        "person_name": "王大山",
        "person_address": "王家村三组",
        "received_date": received.date().isoformat(),
        "received_time": received.strftime("%H:%M"),
    }


def test_concurrent_registrations_get_distinct_consecutive_numbers(server):
    base, app = server
    now = to_local(utcnow(), app.config["STATION_TIMEZONE"]).replace(tzinfo=None)
    clients = [Client(base) for _ in range(CLIENTS)]
    for n, client in enumerate(clients):
        client.login(f"desk{n}")
    barrier = threading.Barrier(CLIENTS, timeout=TIMEOUT)
    answers: list[tuple[int, str]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def work(n: int, client: Client) -> None:
        try:
            for round_ in range(ROUNDS):
                form = phone_form(now, n * ROUNDS + round_)
                barrier.wait()  # every client sends at the same moment
                answer = client.post("/cases/new?channel=phone", form)
                with lock:
                    answers.append(answer)
        except BaseException as exc:  # the main thread reports it
            barrier.abort()
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=work, args=(n, c)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT * ROUNDS)

    assert not failures, failures
    assert len(answers) == CLIENTS * ROUNDS
    assert {status for status, _ in answers} == {303}, answers
    refs = [location.rstrip("/").split("/")[-2] for _, location in answers]
    year = (now - timedelta(minutes=5)).year  # the year the forms say the calls came in
    expected = [f"{year}-{n:04d}" for n in range(1, CLIENTS * ROUNDS + 1)]
    assert sorted(refs) == expected  # distinct, consecutive, none lost
    with app.app_context():
        assert db.session.scalar(select(func.count(Case.id))) == CLIENTS * ROUNDS
        stored = sorted(db.session.scalars(select(Case.ref)))
        assert stored == expected
        assert db.session.scalar(select(CaseSequence.last)) == CLIENTS * ROUNDS


# ---------------------------------------------------------------- without a server


def register(app, received: datetime, station: str = "测试供电所") -> str:
    """Register a case received at ``received`` (local) in the station; no commit."""
    user = db.session.scalar(
        select(User)
        .join(Station, Station.id == User.station_id)
        .where(Station.name == station, User.username.in_(["clerk", "b_clerk"]))
    )
    case = service.register(
        station_id=user.station_id,
        channel="letter",
        fields={"kind": "consultation", "subject": "电费怎么算"},
        received_local=received,
        registered_by=user,
        tz=app.config["STATION_TIMEZONE"],
    )
    return case.ref


def test_year_rollover_starts_a_new_sequence(app):
    with app.app_context():
        first = register(app, datetime(2026, 12, 31, 23, 50))
        db.session.commit()
        new_year = register(app, datetime(2027, 1, 1, 0, 10))
        db.session.commit()
        late = register(app, datetime(2026, 12, 31, 16, 0))  # a 2026 letter logged late
        db.session.commit()
        second_2027 = register(app, datetime(2027, 1, 2, 9, 0))
        db.session.commit()

    assert first == "2026-0001"
    assert new_year == "2027-0001"
    assert late == "2026-0002"
    assert second_2027 == "2027-0002"


def test_each_station_has_its_own_sequence(app):
    with app.app_context():
        a = register(app, datetime(2026, 3, 2, 9, 0))
        b = register(app, datetime(2026, 3, 2, 9, 0), station="邻村供电所")
        db.session.commit()
    assert a == b == "2026-0001"


def test_a_rolled_back_registration_never_leads_to_a_duplicate(app):
    with app.app_context():
        kept = register(app, datetime(2026, 5, 6, 9, 0))
        db.session.commit()
        dropped = register(app, datetime(2026, 5, 6, 10, 0))
        db.session.rollback()  # e.g. the request failed after taking the number
        after = register(app, datetime(2026, 5, 6, 11, 0))
        db.session.commit()
        refs = list(db.session.scalars(select(Case.ref).order_by(Case.id)))

    assert kept == "2026-0001" and dropped == "2026-0002"
    assert after == "2026-0002"  # the number was never given out: it is taken again, once
    assert refs == ["2026-0001", "2026-0002"]


def test_a_rolled_back_first_case_of_a_year_leaves_no_trace(app):
    with app.app_context():
        dropped = register(app, datetime(2027, 1, 4, 9, 0))
        db.session.rollback()  # the sequence row of 2027 goes with it
        year_rows = select(func.count()).where(CaseSequence.year == 2027)
        assert db.session.scalar(year_rows) == 0
        first = register(app, datetime(2027, 1, 4, 9, 30))
        second = register(app, datetime(2027, 1, 4, 9, 45))
        db.session.commit()
        refs = sorted(db.session.scalars(select(Case.ref)))

    assert dropped == first == "2027-0001"
    assert second == "2027-0002"
    assert refs == ["2027-0001", "2027-0002"]
