"""The factory's configuration: defaults, then <instance>/config.py, the environment, tests."""

import os
import stat
import sys

import pytest

from station import create_app
from station.config import ConfigError, InstanceError
from station.extensions import db


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No STATION_* or DATABASE_URL from the shell (or the PostgreSQL run) leaks in."""
    for name in list(os.environ):
        if name.startswith("STATION_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)


def build(instance, **mapping):
    return create_app({"INSTANCE_PATH": instance, **mapping})


def test_defaults(tmp_path):
    app = build(tmp_path)
    assert app.config["IDLE_TIMEOUT_MINUTES"] == 30
    assert app.config["LOCKOUT_ATTEMPTS"] == 5
    assert app.config["LOCKOUT_MINUTES"] == 15
    assert app.config["LOCKOUT_ADDRESS_ATTEMPTS"] == 20
    assert app.config["SESSION_LIFETIME_HOURS"] == 12
    assert app.config["MIN_PASSWORD_LENGTH"] == 10
    assert app.config["STATION_TIMEZONE"] == "Asia/Shanghai"
    assert app.config["BABEL_DEFAULT_LOCALE"] == "zh_Hans_CN"
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///" + (tmp_path / "station.db").as_posix()
    )
    assert app.permanent_session_lifetime.total_seconds() == 30 * 60


def test_station_instance_selects_the_folder(tmp_path, monkeypatch):
    folder = tmp_path / "D" / "station-data"
    monkeypatch.setenv("STATION_INSTANCE", str(folder))
    app = create_app()
    assert app.instance_path == str(folder.resolve())
    assert (folder / "secret_key").is_file()
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("/station-data/station.db")


def test_instance_config_file_overrides_defaults(tmp_path):
    (tmp_path / "config.py").write_text(
        "IDLE_TIMEOUT_MINUTES = 45\nSTATION_TIMEZONE = 'Asia/Urumqi'\n", encoding="utf-8"
    )
    app = build(tmp_path)
    assert app.config["IDLE_TIMEOUT_MINUTES"] == 45
    assert app.config["STATION_TIMEZONE"] == "Asia/Urumqi"
    assert app.permanent_session_lifetime.total_seconds() == 45 * 60


def test_environment_overrides_config_file(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text(
        "IDLE_TIMEOUT_MINUTES = 45\nSQLALCHEMY_DATABASE_URI = 'sqlite:///from-file.db'\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("STATION_IDLE_TIMEOUT_MINUTES", "60")
    monkeypatch.setenv("STATION_TIMEZONE", "Asia/Hong_Kong")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-env.db")
    app = build(tmp_path)
    assert app.config["IDLE_TIMEOUT_MINUTES"] == 60
    assert app.config["STATION_TIMEZONE"] == "Asia/Hong_Kong"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///from-env.db"


def test_test_mapping_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_IDLE_TIMEOUT_MINUTES", "60")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-env.db")
    app = build(tmp_path, IDLE_TIMEOUT_MINUTES=5, SQLALCHEMY_DATABASE_URI="sqlite://")
    assert app.config["IDLE_TIMEOUT_MINUTES"] == 5
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"


@pytest.mark.parametrize("given", ["postgres://u:p@db/station", "postgresql://u:p@db/station"])
def test_postgres_urls_use_psycopg3(tmp_path, monkeypatch, given):
    monkeypatch.setenv("DATABASE_URL", given)
    app = build(tmp_path)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db/station"


def test_secret_key_is_generated_once_into_the_instance(tmp_path):
    first = build(tmp_path / "one").config["SECRET_KEY"]
    again = build(tmp_path / "one").config["SECRET_KEY"]
    other = build(tmp_path / "two").config["SECRET_KEY"]
    key_file = tmp_path / "one" / "secret_key"
    assert first == again == key_file.read_text(encoding="utf-8")
    assert len(first) >= 32
    assert other != first  # never a fixed fallback
    if sys.platform != "win32":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_key_from_environment_is_used_and_nothing_written(tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_SECRET_KEY", "from-the-environment-0123456789abcdef")
    app = build(tmp_path)
    assert app.config["SECRET_KEY"] == "from-the-environment-0123456789abcdef"
    assert not (tmp_path / "secret_key").exists()


def test_uncreatable_instance_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(InstanceError) as caught:
        build(blocker / "instance")
    message = str(caught.value)
    assert str(blocker / "instance") in message
    assert "STATION_INSTANCE" in message


def test_unreadable_secret_key_is_a_clear_error(tmp_path):
    (tmp_path / "secret_key").mkdir()  # portable stand-in for a file that cannot be read
    with pytest.raises(InstanceError, match="secret key"):
        build(tmp_path)


def test_broken_config_file_is_a_clear_error(tmp_path):
    (tmp_path / "config.py").write_text("IDLE_TIMEOUT_MINUTES = = 3\n", encoding="utf-8")
    with pytest.raises(InstanceError) as caught:
        build(tmp_path)
    assert str(tmp_path / "config.py") in str(caught.value)


@pytest.mark.parametrize(
    ("key", "value"),
    [("IDLE_TIMEOUT_MINUTES", 0), ("LOCKOUT_ATTEMPTS", "five"), ("STATION_TIMEZONE", "Mars/Base")],
)
def test_unusable_settings_stop_the_start(tmp_path, key, value):
    with pytest.raises(ConfigError, match=key):
        build(tmp_path, **{key: value})


def test_sqlite_connections_are_tuned(tmp_path):
    # An SQLite file of its own, so this runs in the PostgreSQL run too.
    app = build(tmp_path, SQLALCHEMY_DATABASE_URI="sqlite:///" + (tmp_path / "t.db").as_posix())
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
    with app.app_context():
        db.engine.dispose()


def test_the_factory_never_changes_the_schema(tmp_path):
    from sqlalchemy import inspect

    app = build(tmp_path, SQLALCHEMY_DATABASE_URI="sqlite:///" + (tmp_path / "t.db").as_posix())
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []
        db.engine.dispose()
