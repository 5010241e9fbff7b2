"""A later migration that batch-alters cases, case_event and case_search keeps rows and triggers.

The migration is written by the test into a copy of the versions folder, one revision
after head. On SQLite it re-creates each table (copy, drop, rename), as batch mode
does for most changes there; on PostgreSQL batch mode alters the tables in place.
"""

import pytest
import sqlalchemy as sa
from migration_rows import FILLER, full_rows
from migration_support import (
    DIALECTS,
    REVISIONS,
    TRIGGERS,
    blank_app,
    copy_migrations,
    counts,
    dialect,
    fill_up_to,
    found,
    new_app,
    rows_changed,
    triggers,
)
from sqlalchemy.exc import DBAPIError

from station.database import current_revisions, upgrade_schema
from station.extensions import db

blank = pytest.fixture(params=DIALECTS)(blank_app)

BATCH = """
    recreate = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    for table in ("cases", "case_event", "case_search"):
        with op.batch_alter_table(table, recreate=recreate) as batch:
            batch.add_column(sa.Column("throwaway", sa.Text(), nullable=True))
        restore_triggers(table)
"""


def columns(table: str) -> list[str]:
    return [c["name"] for c in sa.inspect(db.engine).get_columns(table)]


def refused(statement: str) -> str:
    """The database's message when it refuses ``statement``; "" if it ran."""
    try:
        with db.engine.begin() as conn:
            conn.execute(sa.text(statement))
    except DBAPIError as exc:
        return str(exc.orig)
    return ""


def test_a_batch_migration_keeps_every_row_and_trigger(blank, tmp_path):
    fill_up_to(blank, REVISIONS[-1])
    before = counts()
    blank.extensions["migrate"].directory = str(copy_migrations(tmp_path, "9999_batch", BATCH))
    upgrade_schema()
    assert current_revisions() == {"9999_batch"}
    for table in ("cases", "case_event", "case_search"):
        assert "throwaway" in columns(table)
    assert counts() == before
    assert (before["cases"], before["case_event"], before["case_search"]) == (
        4,
        3,
        3,
    )  # case 3 (rows of 0003) has no event; case 4 is 0005's report
    assert [line for rev in REVISIONS for line in rows_changed(full_rows(rev))] == []
    assert triggers() == TRIGGERS[dialect()]
    assert "case_event is append-only" in refused("UPDATE case_event SET note = 'x'")
    assert "case_event is append-only" in refused("DELETE FROM case_event WHERE id = 1")
    assert "audit_log is append-only" in refused("DELETE FROM audit_log")
    assert found("s1x报修") == [1]  # case 1's subject, in the row 0016 and 0021 rewrote
    add_case(9, "s1x变压 s1x压器 s1xtransformer77")
    assert found("s1xtransformer77") == [9]
    assert found("s1x报修") == [1]  # case 1's subject, in the row 0016 and 0021 rewrote


def add_case(case_id: int, tokens: str) -> None:
    case = {**FILLER["cases"], "id": case_id, "ref": f"2026-{case_id:04}", "kind": "complaint"}
    case |= {"subject": "变压器异响", "topic_id": None, "parent_id": None}
    search = {"case_id": case_id, "station_id": 1, "tokens": tokens}
    with db.engine.begin() as conn:
        conn.execute(sa.Table("cases", sa.MetaData(), autoload_with=conn).insert(), case)
        conn.execute(sa.Table("case_search", sa.MetaData(), autoload_with=conn).insert(), search)


@pytest.mark.parametrize("blank", ["sqlite"], indirect=True)
def test_without_restore_triggers_sqlite_loses_them(blank, tmp_path):
    """Why the helper exists: the same migration without it leaves the tables bare."""
    fill_up_to(blank, REVISIONS[-1])
    bare = BATCH.replace("restore_triggers(table)", "pass")
    blank.extensions["migrate"].directory = str(copy_migrations(tmp_path, "9999_bare", bare))
    upgrade_schema()
    assert triggers() == {
        ("audit_log", "audit_log_no_update"),
        ("audit_log", "audit_log_no_delete"),
        ("report_access", "report_access_no_update"),
        ("report_access", "report_access_no_delete"),
    }
    assert refused("DELETE FROM case_event WHERE id = 1") == ""


DANGLING = """
    with op.batch_alter_table("cases", recreate="always") as batch:
        batch.add_column(sa.Column("throwaway", sa.Text(), nullable=True))
    op.execute(
        "INSERT INTO case_event (id, case_id, at, action, note, data) "
        "VALUES (9, 999, '2026-03-02 09:15:00', 'registered', '', '{}')"
    )
"""


@pytest.mark.parametrize("blank", ["sqlite"], indirect=True)
def test_a_row_left_pointing_nowhere_undoes_the_whole_upgrade(blank, tmp_path):
    fill_up_to(blank, REVISIONS[-1])
    blank.extensions["migrate"].directory = str(copy_migrations(tmp_path, "9999_bad", DANGLING))
    result = blank.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 2
    assert "case_event" in result.output
    assert "The upgrade was undone" in result.output
    assert current_revisions() == {REVISIONS[-1]}
    assert "throwaway" not in columns("cases")
    assert counts()["case_event"] == 3


def test_the_app_never_gets_the_upgrade_connection_with_foreign_keys_off(tmp_path):
    # One connection in the pool: the upgrade's, unless it was thrown away.
    app = new_app(tmp_path, "sqlite", SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 1, "max_overflow": 0})
    with app.app_context():
        upgrade_schema()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        db.engine.dispose()
