"""Configuration: defaults, then ``<instance>/config.py``, then the environment.

The instance folder holds everything a station must keep: the database, the
secret key and uploads. ``STATION_INSTANCE`` moves it (a Windows PC may keep
its data on another disk).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY_FILE = "secret_key"


class InstanceError(RuntimeError):
    """The instance folder is missing and cannot be created, or is unreadable."""


DEFAULTS: dict[str, object] = {
    "STATION_TIMEZONE": "Asia/Shanghai",
    "BABEL_DEFAULT_LOCALE": "zh_Hans_CN",
    "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
    "IDLE_TIMEOUT_MINUTES": 30,
    "LOCKOUT_ATTEMPTS": 5,
    "LOCKOUT_MINUTES": 15,
    "MIN_PASSWORD_LENGTH": 10,
    "SQLITE_BUSY_TIMEOUT_MS": 15000,
    "MAX_UPLOAD_MB": 10,
    "PAGE_SIZE": 25,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "station_session",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "WTF_CSRF_TIME_LIMIT": None,
}


def instance_path() -> Path:
    """The instance folder: ``STATION_INSTANCE`` or ``instance/`` beside the code."""
    configured = os.environ.get("STATION_INSTANCE")
    return Path(configured).expanduser().resolve() if configured else REPO_ROOT / "instance"


def ensure_instance(path: Path) -> None:
    """Create the instance folder if needed and check that it can be written."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise InstanceError(
            f"The instance folder {path} cannot be created or written ({exc.strerror or exc}). "
            "Check the path in STATION_INSTANCE and the folder's permissions."
        ) from exc


def load_secret_key(path: Path) -> str:
    """Read the station's secret key, generating it on first run."""
    key_file = path / SECRET_KEY_FILE
    try:
        if key_file.exists():
            key = key_file.read_text(encoding="utf-8").strip()
            if len(key) >= 32:
                return key
        key = secrets.token_hex(32)
        key_file.write_text(key, encoding="utf-8")
        return key
    except OSError as exc:
        raise InstanceError(f"The secret key file {key_file} cannot be read or written.") from exc


def sqlite_url(path: Path) -> str:
    return "sqlite:///" + (path / "station.db").as_posix()


def idle_timeout(minutes: int) -> timedelta:
    return timedelta(minutes=int(minutes))
