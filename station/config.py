"""Configuration: defaults, then ``<instance>/config.py``, then the environment.

The instance folder holds everything a station must keep: the database, the
secret key and uploads. ``STATION_INSTANCE`` moves it (a Windows PC may keep
its data on another disk).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Config

REPO_ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY_FILE = "secret_key"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


class ConfigError(RuntimeError):
    """A setting that the app cannot start with; ``str()`` says which and why."""


class InstanceError(ConfigError):
    """The instance folder is missing and cannot be created, or is unreadable."""


DEFAULTS: dict[str, object] = {
    "STATION_TIMEZONE": "Asia/Shanghai",
    "BABEL_DEFAULT_LOCALE": "zh_Hans_CN",
    "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
    "IDLE_TIMEOUT_MINUTES": 30,
    "LOCKOUT_ATTEMPTS": 5,
    "LOCKOUT_MINUTES": 15,
    "LOCKOUT_ADDRESS_ATTEMPTS": 20,
    "SESSION_LIFETIME_HOURS": 12,
    "MIN_PASSWORD_LENGTH": 10,
    "SQLITE_BUSY_TIMEOUT_MS": 15000,
    "MAX_UPLOAD_MB": 10,
    "PAGE_SIZE": 25,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "station_session",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "WTF_CSRF_TIME_LIMIT": None,
    # The overdue board (station/board/): how often it refreshes itself, and how long the
    # office's wall display runs once the head grants it (until revoked on /devices/).
    "BOARD_REFRESH_SECONDS": 60,
    "WALL_GRANT_DAYS": 365,
}


def instance_path() -> Path:
    """The instance folder: ``STATION_INSTANCE`` or ``instance/`` beside the code."""
    configured = os.environ.get("STATION_INSTANCE")
    return Path(configured).expanduser().resolve() if configured else REPO_ROOT / "instance"


def ensure_instance(path: Path) -> None:
    """Create the instance folder if needed and check that it can be written."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        make_private(path, PRIVATE_FOLDER)  # a folder from an older version was 0755
        # One probe per process: two processes starting on one folder must not remove each
        # other's (the test workers do).
        probe = path / f".write-test-{os.getpid()}"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink(missing_ok=True)
    except OSError as exc:
        raise InstanceError(
            f"The instance folder {path} cannot be created or written ({exc.strerror or exc}). "
            "Check the path in STATION_INSTANCE and the folder's permissions."
        ) from exc


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Readable by the service account only, where the platform has POSIX modes.

    On Windows chmod only sets the read-only flag, so it is left alone: there the
    folder's access list protects the files. A file this account does not own
    keeps its mode rather than stopping the station.
    """
    if os.name == "nt":
        return
    try:
        os.chmod(path, mode)
    except (FileNotFoundError, PermissionError):
        return


def private_sqlite_files(database: Path) -> None:
    """Create the database file private before SQLite does (it would make it 0644),
    so that the WAL and SHM files, which SQLite gives the database file's mode, are too."""
    try:
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass
    except OSError:
        return  # a folder that cannot be written: SQLite's own error will name it
    for suffix in ("", "-wal", "-shm"):
        make_private(database.with_name(database.name + suffix))


def load_settings_file(config: Config, instance: Path) -> None:
    """``<instance>/config.py`` if there is one; a broken one stops the start, naming it."""
    path = instance / "config.py"
    try:
        config.from_pyfile(str(path), silent=True)
    except Exception as exc:  # the file is Python: any error in it means "cannot use it"
        raise InstanceError(f"The settings file {path} cannot be used: {exc}") from exc


def load_environment(config: Config) -> None:
    """``STATION_*`` variables (``STATION_IDLE_TIMEOUT_MINUTES=60``) and ``DATABASE_URL``."""
    config.from_prefixed_env("STATION")
    # The prefix is stripped, so STATION_TIMEZONE arrives as TIMEZONE: give it its real name.
    if "TIMEZONE" in config:
        config["STATION_TIMEZONE"] = config.pop("TIMEZONE")
    if os.environ.get("DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]


def database_url(url: str) -> str:
    """The URL with its driver: ``postgres://`` and ``postgresql://`` mean psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


_POSITIVE_INTEGERS = (
    "IDLE_TIMEOUT_MINUTES",
    "BOARD_REFRESH_SECONDS",
    "WALL_GRANT_DAYS",
    "LOCKOUT_ATTEMPTS",
    "LOCKOUT_MINUTES",
    "LOCKOUT_ADDRESS_ATTEMPTS",
    "SESSION_LIFETIME_HOURS",
    "MIN_PASSWORD_LENGTH",
    "SQLITE_BUSY_TIMEOUT_MS",
    "MAX_UPLOAD_MB",
    "PAGE_SIZE",
)


def check(config: Config) -> None:
    """Refuse at start what would otherwise fail on every page later."""
    for key in _POSITIVE_INTEGERS:
        value = config.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"The setting {key} must be a whole number above 0, not {value!r}.")
    zone = config.get("STATION_TIMEZONE")
    try:
        ZoneInfo(str(zone))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"The setting STATION_TIMEZONE is not a known time zone: {zone!r} "
            "(for example Asia/Shanghai)."
        ) from exc
    if not isinstance(config.get("SECRET_KEY"), str):
        config["SECRET_KEY"] = str(config["SECRET_KEY"])  # STATION_SECRET_KEY=123 arrives as int


def load_secret_key(path: Path) -> str:
    """Read the station's secret key, generating it on first run (readable by the owner only)."""
    key_file = path / SECRET_KEY_FILE
    try:
        if key_file.exists():
            make_private(key_file)  # an older version or a hand copy may have left it readable
            key = key_file.read_text(encoding="utf-8").strip()
            if len(key) >= 32:
                return key
        key = secrets.token_hex(32)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(key)
        return key
    except OSError as exc:
        raise InstanceError(f"The secret key file {key_file} cannot be read or written.") from exc


def sqlite_url(path: Path) -> str:
    return "sqlite:///" + (path / "station.db").as_posix()


def idle_timeout(minutes: int) -> timedelta:
    return timedelta(minutes=int(minutes))
