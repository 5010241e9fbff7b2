"""The instance folder's files are the service account's alone (POSIX modes; skipped on Windows)."""

import io
import os
import stat

import pytest
from sqlalchemy import text

from station import create_app
from station.attachments import storage
from station.config import load_secret_key
from station.extensions import db

pytestmark = pytest.mark.skipif(os.name == "nt", reason="Windows has no POSIX file modes")

PDF = b"%PDF-1.4 a letter"


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """The usual umask, under which new files are world-readable unless made otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_instance_folder_is_private(tmp_path, loose_umask):
    folder = tmp_path / "instance"
    create_app({"INSTANCE_PATH": folder, "SECRET_KEY": "x" * 40})
    assert mode(folder) == 0o700


def test_an_existing_loose_instance_folder_is_made_private(tmp_path, loose_umask):
    folder = tmp_path / "instance"
    folder.mkdir(mode=0o755)
    create_app({"INSTANCE_PATH": folder, "SECRET_KEY": "x" * 40})
    assert mode(folder) == 0o700


def test_the_secret_key_is_private_even_when_it_was_not(tmp_path, loose_umask):
    load_secret_key(tmp_path)
    assert mode(tmp_path / "secret_key") == 0o600
    (tmp_path / "secret_key").chmod(0o644)
    load_secret_key(tmp_path)
    assert mode(tmp_path / "secret_key") == 0o600


def test_the_database_its_wal_and_shm_are_private(tmp_path, loose_umask, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    folder = tmp_path / "instance"
    app = create_app({"INSTANCE_PATH": folder, "SECRET_KEY": "x" * 40})
    with app.app_context():
        with db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.execute(text("INSERT INTO t VALUES (1)"))
        with db.engine.connect() as conn:  # an open connection keeps the WAL and SHM files
            conn.execute(text("SELECT x FROM t")).all()
            names = {"station.db", "station.db-wal", "station.db-shm"}
            assert names <= {p.name for p in folder.iterdir()}
            assert {name: mode(folder / name) for name in names} == dict.fromkeys(names, 0o600)
        db.engine.dispose()


def test_an_existing_loose_database_is_made_private(tmp_path, loose_umask, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    folder = tmp_path / "instance"
    folder.mkdir()
    (folder / "station.db").write_bytes(b"")
    (folder / "station.db").chmod(0o644)
    app = create_app({"INSTANCE_PATH": folder, "SECRET_KEY": "x" * 40})
    assert mode(folder / "station.db") == 0o600
    with app.app_context():
        db.engine.dispose()


def test_uploads_and_their_folders_are_private(tmp_path, loose_umask):
    root = tmp_path / "uploads"
    folder = storage.station_folder(root, 7)
    stored = storage.save(io.BytesIO(PDF), folder, 1000)
    assert (folder / stored.name).read_bytes() == PDF
    assert mode(folder / stored.name) == 0o600
    assert mode(folder) == 0o700
    assert mode(root) == 0o700


def test_the_copy_taken_before_an_upgrade_is_private(tmp_path, loose_umask):
    import sqlite3
    from contextlib import closing

    from station.migrations.backup import back_up_sqlite

    database = tmp_path / "station.db"
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
        conn.commit()
    copy = back_up_sqlite(database, tmp_path / "backups", "0001_foundation")
    assert (mode(copy.parent), mode(copy)) == (0o700, 0o600)
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
