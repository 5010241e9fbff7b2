"""`station init` (and `station demo`) copy a database that is behind aside before upgrading it."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from migration_support import DIALECTS, REVISIONS, blank_app, dialect, fill_up_to

from station.extensions import db

blank = pytest.fixture(params=DIALECTS)(blank_app)


def init(app, command: str = "init") -> str:
    result = app.test_cli_runner().invoke(args=[command])
    # As at the end of a real command: the session's read of the new station ends.
    db.session.remove()
    assert result.exit_code == 0, result.output
    return result.output


def backups(app) -> list[Path]:
    folder = Path(app.instance_path) / "backups"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_init_copies_a_database_that_is_behind(blank):
    behind = REVISIONS[-2]
    fill_up_to(blank, behind)
    output = init(blank)
    if dialect() == "postgresql":
        assert "pg_dump" in output
        assert backups(blank) == []
        return
    [copy] = backups(blank)
    assert copy.name.startswith(f"station-before-upgrade-{behind}-")
    assert f"Copied the database to {copy} before upgrading it." in output
    with closing(sqlite3.connect(copy)) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(behind,)]
        stations = db.execute("SELECT name FROM station ORDER BY id").fetchall()
        # The rows up to 0004 (the revision before the last): 0002's and 0004's add one each.
        assert stations == [
            ("老街供电所",),
            ("河口供电所",),
            ("新设供电所",),
            ("后设供电所",),
            ("联系齐全供电所",),
        ]
        assert db.execute('SELECT count(*) FROM "user"').fetchone() == (3,)
        assert db.execute("SELECT detail FROM audit_log WHERE id = 1").fetchone() == ("早班",)


def test_init_makes_no_copy_of_a_new_or_current_database(blank):
    first, again = init(blank), init(blank)
    assert backups(blank) == []
    assert "Copied" not in first + again
    assert "pg_dump" not in first + again


@pytest.mark.parametrize("blank", ["sqlite"], indirect=True)
def test_two_upgrades_in_the_same_second_keep_both_copies(blank, monkeypatch):
    from station.migrations import backup

    class Frozen(backup.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 3, 2, 9, 15, 0)

    monkeypatch.setattr(backup, "datetime", Frozen)
    database = Path(blank.instance_path) / "station.db"
    fill_up_to(blank, REVISIONS[0])
    folder = Path(blank.instance_path) / "copies"
    first = backup.back_up_sqlite(database, folder, "r1")
    second = backup.back_up_sqlite(database, folder, "r1")
    assert (first.name, second.name) == (
        "station-before-upgrade-r1-20260302-091500.db",
        "station-before-upgrade-r1-20260302-091500-2.db",
    )


# SQLite only: on PostgreSQL the fixture rows' explicit ids leave the sequences behind, so
# the demo's new station would collide with them (init's PostgreSQL message is tested above).
blank_sqlite = pytest.fixture(params=["sqlite"])(blank_app)


def test_demo_on_a_database_that_is_behind_copies_it_too(blank_sqlite):
    blank = blank_sqlite
    fill_up_to(blank, REVISIONS[-2])
    output = init(blank, "demo")
    [copy] = backups(blank)
    assert f"Copied the database to {copy} before upgrading it." in output
