"""`station demo` and `serve`, a database newer than the code, bad arguments, the real script."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from test_cli import fresh, invoke, station_names, usernames  # noqa: F401 (fixture)

from station.extensions import db


def demo_logins(output: str) -> dict[str, str]:
    """username -> password from the demo's printed table."""
    after = output.split("Logins", 1)[1].split("\n", 1)[1]
    return dict(re.findall(r"^\s+(\S+)\s+(\S+)\s+\S", after, re.M))


def logs_in(app, username: str, password: str) -> bool:
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": password})
    return response.status_code == 302 and client.get("/").status_code == 200


def test_demo_prints_logins_that_work(fresh):  # noqa: F811
    result = invoke(fresh, "demo")
    assert result.exit_code == 0, result.output
    logins = demo_logins(result.output)
    assert {"admin", "county"} <= set(logins)
    assert len(logins) >= 5
    for username, password in logins.items():
        assert logs_in(fresh, username, password), username


def test_demo_again_resets_the_passwords_and_adds_nothing_twice(fresh):  # noqa: F811
    first = demo_logins(invoke(fresh, "demo").output)
    users, stations = usernames(fresh), station_names(fresh)
    again = invoke(fresh, "demo")
    assert again.exit_code == 0, again.output
    second = demo_logins(again.output)
    assert (usernames(fresh), station_names(fresh)) == (users, stations)
    assert not logs_in(fresh, "admin", first["admin"])
    assert logs_in(fresh, "admin", second["admin"])


def test_demo_in_an_installation_with_stations(app):
    result = invoke(app, "demo")
    assert result.exit_code == 0, result.output
    for username, password in demo_logins(result.output).items():
        assert logs_in(app, username, password), username


def test_serve_refuses_an_empty_database(fresh):  # noqa: F811
    result = invoke(fresh, "serve", "--port", "1")
    assert result.exit_code == 2
    assert "station init" in result.output


def test_init_upgrades_an_older_database_keeping_every_row(fresh):  # noqa: F811
    from flask_migrate import upgrade

    with fresh.app_context():
        upgrade(directory=fresh.extensions["migrate"].directory, revision="0001_foundation")
        db.session.execute(
            text("INSERT INTO station (name, created_at) VALUES ('老所', '2026-01-05')")
        )
        db.session.commit()
    refused = invoke(fresh, "create-user", "early", "--role", "county")
    assert refused.exit_code == 2
    assert "station init" in refused.output
    result = invoke(fresh, "init")
    assert result.exit_code == 0, result.output
    assert station_names(fresh) == ["老所"]
    assert invoke(fresh, "create-user", "early", "--role", "county").exit_code == 0


def test_serve_starts_waitress_on_the_lan(app, monkeypatch):
    calls = []
    monkeypatch.setattr("waitress.serve", lambda *args, **kwargs: calls.append(kwargs))
    result = invoke(app, "serve", "--port", "8123", "--threads", "4")
    assert result.exit_code == 0, result.output
    assert "http://localhost:8123/" in result.output
    assert calls == [{"host": "0.0.0.0", "port": 8123, "threads": 4, "ident": "Station Desk"}]


@pytest.fixture
def newer_database(app):
    """The database as a newer Station Desk left it: a revision this code does not know."""
    with app.app_context():
        known = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        db.session.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
        db.session.commit()
    yield app
    with app.app_context():  # the PostgreSQL run shares this database with later tests
        db.session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": known})
        db.session.commit()


@pytest.mark.parametrize(
    "args",
    [
        ["init"],
        ["init", "--name", "新名字"],
        ["demo"],
        ["add-station", "新村供电所"],
        ["create-user", "late", "--role", "county"],
        ["serve", "--port", "1"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_database_newer_than_the_code_is_left_alone(newer_database, args):
    before = (usernames(newer_database), station_names(newer_database))
    result = invoke(newer_database, *args)
    assert result.exit_code == 2, result.output
    assert "newer version" in result.output
    assert "Traceback" not in result.output
    assert (usernames(newer_database), station_names(newer_database)) == before
    with newer_database.app_context():
        version = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == "9999_from_the_future"


@pytest.mark.parametrize(
    "args",
    [
        ["no-such-command"],
        ["create-user"],
        ["create-user", "someone"],
        ["create-user", "someone", "--role"],
        ["add-station"],
        ["serve", "--port", "0"],
        ["serve", "--port", "http"],
        ["serve", "--threads", "0"],
        ["init", "--colour", "red"],
    ],
    ids=lambda a: " ".join(a),
)
def test_bad_arguments_exit_2_with_a_message(app, args):
    result = invoke(app, *args)
    assert result.exit_code == 2
    assert "Error:" in result.output


# --- the installed console script -----------------------------------------------


def station_script() -> str | None:
    folder = Path(sys.executable).parent
    return shutil.which("station", path=str(folder)) or shutil.which("station")


def run_station(
    instance: Path, *args: str, stdin: str = "", database_url: str | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["STATION_INSTANCE"] = str(instance)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [station_script(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


pytestmark_script = pytest.mark.skipif(
    station_script() is None, reason="the `station` script is not installed"
)


@pytestmark_script
def test_console_script_sets_up_a_station(tmp_path):
    instance = tmp_path / "D" / "station-data"
    init = run_station(instance, "init", "--name", "城关供电所")
    assert init.returncode == 0, init.stderr
    assert (instance / "station.db").is_file()
    assert (instance / "secret_key").is_file()
    created = run_station(instance, "create-user", "boss", "--role", "admin")
    assert created.returncode == 0, created.stderr
    assert "One-time password:" in created.stdout
    duplicate = run_station(instance, "create-user", "boss", "--role", "admin")
    assert duplicate.returncode == 2
    assert "boss" in duplicate.stderr
    assert "Traceback" not in duplicate.stderr


@pytestmark_script
def test_console_script_explains_an_unusable_instance_folder(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_station(blocker / "instance", "init")
    assert result.returncode == 2
    assert "instance folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytestmark_script
def test_console_script_explains_a_database_it_cannot_open(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    env_url = "sqlite:///" + (blocker / "station.db").as_posix()
    result = run_station(tmp_path / "instance", "init", database_url=env_url)
    assert result.returncode == 2
    assert "database cannot be opened" in result.stderr
    assert "Traceback" not in result.stderr
