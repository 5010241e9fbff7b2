"""The benchmark's throw-away instance: a fresh folder (and, for PostgreSQL, a scratch
database), never the station's real ``instance/``, removed at the end whatever happens —
unless it is kept (``--keep``) for later runs to reuse (``--reuse``): a million cases take
a quarter of an hour to generate, and a change to the code is measured on the same data."""

import atexit
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy import create_engine, make_url, text

from station import create_app
from station.confidential import keyring
from station.config import REPO_ROOT, database_url
from station.database import upgrade_schema
from station.extensions import db

from .generate import Refused

SCRATCH_DATABASE = "station_bench"
KEPT = "bench-instance.json"  # what a kept instance holds: its size and database


@dataclass
class Instance:
    folder: Path
    url: str  # the database's SQLAlchemy URL
    postgres_admin_url: str | None = None  # where the scratch database was created

    @property
    def environment(self) -> dict[str, str]:
        """What a ``station`` process needs to use this instance."""
        return {"STATION_INSTANCE": str(self.folder), "DATABASE_URL": self.url}


def _not_the_real_instance(folder: Path) -> Path:
    """``folder``, resolved; Refused if it is the station's real ``instance/``."""
    folder = Path(folder).expanduser().resolve()
    if folder == (REPO_ROOT / "instance").resolve():
        raise Refused(f"{folder} is the station's real instance folder; choose another.")
    return folder


def check_folder(folder: Path) -> Path:
    """A folder the benchmark may fill: not the real instance, and empty or not there."""
    folder = _not_the_real_instance(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Refused(
            f"{folder} is not empty (it may hold a station's database); the benchmark "
            "fills a new folder only."
        )
    return folder


def _scratch_postgres(server_url: str) -> tuple[str, str]:
    """A new, empty scratch database on the server: (its URL, the server's admin URL)."""
    admin = make_url(database_url(server_url)).set(database="postgres")
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            known = "SELECT 1 FROM pg_database WHERE datname = :name"
            if conn.scalar(text(known), {"name": SCRATCH_DATABASE}) is not None:
                raise Refused(
                    f"The PostgreSQL database {SCRATCH_DATABASE} exists already (a run that was "
                    f"killed?); drop it first: DROP DATABASE {SCRATCH_DATABASE};"
                )
            conn.execute(text(f"CREATE DATABASE {SCRATCH_DATABASE} ENCODING 'UTF8' "
                              "TEMPLATE template0"))  # fmt: skip
    finally:
        engine.dispose()
    url = admin.set(database=SCRATCH_DATABASE).render_as_string(hide_password=False)
    return url, admin.render_as_string(hide_password=False)


def _drop_postgres(admin_url: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE} WITH (FORCE)"))
    finally:
        engine.dispose()


def remove(instance: Instance) -> None:
    shutil.rmtree(instance.folder, ignore_errors=True)
    if instance.postgres_admin_url:
        _drop_postgres(instance.postgres_admin_url)
        instance.postgres_admin_url = None


@contextmanager
def fresh(
    folder: Path | None = None, postgres: str | None = None, *, keep: bool = False
) -> Iterator[Instance]:
    """A new instance (a temporary folder unless ``folder`` is given), removed on exit —
    Ctrl-C included, and at interpreter exit should the block be skipped — unless ``keep``
    and the block ended normally (``mark_kept`` then says what it holds), or ended in an
    error once ``mark_kept`` had said so: the data is whole, and a million cases took a
    quarter of an hour to generate (the load that failed can run again with ``--reuse``)."""
    if folder is not None:
        folder = check_folder(folder)
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="station-bench-"))
    instance = Instance(folder, "sqlite:///" + (folder / "station.db").as_posix())
    try:
        if postgres:
            instance.url, instance.postgres_admin_url = _scratch_postgres(postgres)
        atexit.register(remove, instance)
        yield instance
        if keep:
            atexit.unregister(remove)
            return
    except BaseException:
        atexit.unregister(remove)
        if keep and (folder / KEPT).exists():
            print(f"  the run failed; the generated data stays in {folder} for --reuse")
        else:
            remove(instance)
        raise
    remove(instance)
    atexit.unregister(remove)


def mark_kept(instance: Instance, size: int, generate_seconds: float) -> None:
    """Note in the kept folder what it holds, for ``reused``."""
    facts = {"size": size, "url": instance.url, "generate_seconds": generate_seconds,
             "postgres_admin_url": instance.postgres_admin_url}  # fmt: skip
    (instance.folder / KEPT).write_text(json.dumps(facts, indent=2), encoding="utf-8")


def kept_facts(folder: Path) -> dict:
    """What a folder that an earlier run kept holds; Refused if it is not one."""
    folder = _not_the_real_instance(folder)
    try:
        facts = json.loads((folder / KEPT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise Refused(
            f"{folder} is not an instance that the benchmark kept (no {KEPT}); "
            "generate one with --instance DIR --keep."
        ) from None
    return facts


def reused(folder: Path, facts: dict) -> Instance:
    """The instance an earlier run kept in ``folder`` (``facts``: what ``kept_facts`` read
    there); it is kept again after this run."""
    return Instance(_not_the_real_instance(folder), facts["url"], facts.get("postgres_admin_url"))


def app_for(instance: Instance) -> Flask:
    """The app on the instance, its schema created and its confidentiality key made."""
    app = create_app({"INSTANCE_PATH": instance.folder, "SQLALCHEMY_DATABASE_URI": instance.url})
    with app.app_context():
        upgrade_schema()
        keyring.prepare()
    return app


def settle(app: Flask) -> None:
    """On PostgreSQL, VACUUM and ANALYZE the tables the bulk load wrote, as a running
    server's autovacuum has by the time a county holds a million cases. Until the
    visibility map it keeps says a page holds no row in flux, an index-only scan reads the
    table anyway (the summary trend's cases received per day, 47,564 rows: 49,903 heap
    fetches, 50 -> 15 ms); until the statistics exist, the planner guesses, and
    autovacuum's own ANALYZE lands somewhere in the middle of the run (a fresh million's
    first run, 8 December: the summary's repeat complaints planned before it, 67 s).
    SQLite keeps no such map, and its statistics are left out on purpose (README)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) cases, case_event, case_search")


def dispose(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
