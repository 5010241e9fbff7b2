"""Fixtures: an app with a fresh database per test, users of every role in two stations.

The schema is built once per run by the real migrations. On SQLite each test
gets a copy of that database file; on PostgreSQL (``DATABASE_URL`` set) each
test starts from emptied tables.
"""

import os
import shutil
from pathlib import Path

import pytest
from jinja2 import BytecodeCache
from sqlalchemy import create_engine, make_url, text
from werkzeug.security import generate_password_hash

from station import create_app
from station.database import upgrade_schema
from station.extensions import db
from station.models import Station, User
from station.rules import roles as R

# Real-browser fixtures (page, live_server) and login(page, username) live there.
pytest_plugins = ["browser_support"]

PASSWORD = "correct-horse-battery"
# One iteration: a login check costs microseconds instead of scrypt's tenth of a second.
# Users made by the code itself still get scrypt (tests/auth/test_password_hash.py).
PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")


def _database_of_this_worker(url: str) -> str:
    """Under pytest-xdist each worker gets a PostgreSQL database of its own (created once:
    the role needs CREATEDB), since the tests empty and re-create the tables they use."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    main = make_url(url)
    name = f"{main.database}_{worker}"
    engine = create_engine(main, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        known = "SELECT 1 FROM pg_database WHERE datname = :name"
        if conn.scalar(text(known), {"name": name}) is None:
            conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    engine.dispose()
    return main.set(database=name).render_as_string(hide_password=False)


PG_URL = _database_of_this_worker(os.environ.get("DATABASE_URL", ""))
STATION_A = "测试供电所"
STATION_B = "邻村供电所"

# username -> roles; the same staff exist in station B with a "b_" prefix.
STAFF = {
    "clerk": {R.CLERK},
    "head": {R.HEAD},
    "inspector": {R.INSPECTOR},
    "admin": {R.ADMIN},
}


def _config(instance: Path, url: str) -> dict:
    return {
        "TESTING": True,
        "INSTANCE_PATH": instance,
        "SECRET_KEY": "test-secret-key-not-for-production-0123456789",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
    }


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> str:
    """The migrated schema: a SQLite file to copy, or the PostgreSQL database itself."""
    folder = tmp_path_factory.mktemp("template")
    url = PG_URL or "sqlite:///" + (folder / "station.db").as_posix()
    if PG_URL:
        engine = create_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app(_config(folder, url))
    with app.app_context():
        upgrade_schema()
        db.engine.dispose()
    return url


def _empty_pg_tables(app) -> None:
    with app.app_context(), db.engine.begin() as conn:
        names = [t.name for t in db.metadata.sorted_tables]
        conn.execute(text("SET session_replication_role = replica"))  # skips append-only triggers
        conn.execute(
            text(
                f"TRUNCATE {', '.join(chr(34) + n + chr(34) for n in names)} "
                "RESTART IDENTITY CASCADE"
            )
        )
        conn.execute(text("SET session_replication_role = DEFAULT"))


class _SharedTemplates(BytecodeCache):
    """Compiled templates kept for every app of the run: each test's new app would compile
    every template it renders again (half the time of a page test went there)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


SHARED_TEMPLATES = _SharedTemplates()


def make_app(tmp_path: Path, template_url: str, **overrides):
    if PG_URL:
        url = PG_URL
    else:
        source = Path(template_url.removeprefix("sqlite:///"))
        shutil.copy(source, tmp_path / "station.db")
        url = "sqlite:///" + (tmp_path / "station.db").as_posix()
    app = create_app({**_config(tmp_path, url), **overrides})
    app.jinja_env.bytecode_cache = SHARED_TEMPLATES  # keyed by each template's source checksum
    if PG_URL:
        _empty_pg_tables(app)
    return app


def seed_staff(app) -> None:
    with app.app_context():
        for station_name, prefix in ((STATION_A, ""), (STATION_B, "b_")):
            station = Station(name=station_name)
            db.session.add(station)
            for username, roles in STAFF.items():
                user = User(
                    username=prefix + username,
                    name=prefix + username,
                    station=station,
                    password_hash=PASSWORD_HASH,
                    must_change_password=False,
                )
                user.roles = roles
                db.session.add(user)
        county = User(
            username="county",
            name="县公司",
            station=None,
            password_hash=PASSWORD_HASH,
            must_change_password=False,
        )
        county.roles = {R.COUNTY}
        db.session.add(county)
        db.session.commit()


@pytest.fixture
def app(tmp_path, template_db):
    app = make_app(tmp_path, template_db)
    seed_staff(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def english(app):
    """Messages in their English source form, for tests that assert them as written."""
    app.config["BABEL_DEFAULT_LOCALE"] = "en"


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username: str = "clerk", password: str = PASSWORD):
        return self._client.post("/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


def user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(db.select(User.id).where(User.username == username))
