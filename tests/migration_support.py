"""Databases at a chosen revision, filled with tests/migration_rows.py, for test_migrations.

SQLite always; PostgreSQL too when ``DATABASE_URL`` is set. The PostgreSQL database
is shared with the rest of the suite, so it is emptied first and left migrated to
head afterwards, as conftest's template expects.
"""

import shutil
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from conftest import PG_URL
from migration_rows import CHANGED_ON_PURPOSE, full_rows

from station import create_app
from station.extensions import db
from station.migrations.triggers import include_name

DIALECTS = ["sqlite", *(["postgresql"] if PG_URL else [])]
MIGRATIONS = Path(__file__).resolve().parent.parent / "station" / "migrations"


def new_app(folder: Path, dialect: str, **config):
    """An app on an empty database: a new SQLite file, or the emptied PostgreSQL one."""
    if dialect == "sqlite":
        url = "sqlite:///" + (folder / "station.db").as_posix()
    else:
        url = PG_URL
        empty_pg()
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": folder,
            "SECRET_KEY": "test-secret-key-not-for-production-0123456789",
            "SQLALCHEMY_DATABASE_URI": url,
            **config,
        }
    )


def empty_pg() -> None:
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def close(app, dialect: str, folder: Path) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if dialect == "postgresql":
        head = new_app(folder, dialect)
        with head.app_context():
            upgrade(head, "head")
            db.engine.dispose()


def _config(app):
    migrate_ext = app.extensions["migrate"]
    return migrate_ext.migrate.get_config(migrate_ext.directory)


def _revisions() -> list[str]:
    script = ScriptDirectory(str(MIGRATIONS))
    assert len(script.get_heads()) == 1, "the history has one line"
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


REVISIONS = _revisions()  # from the first to head


def upgrade(app, revision: str) -> None:
    command.upgrade(_config(app), revision)


def downgrade(app, revision: str) -> None:
    command.downgrade(_config(app), revision)


def fill_up_to(app, last: str) -> list[str]:
    """Upgrade revision by revision to ``last``, inserting each revision's rows on reaching it.

    Returns the tables that existed at some revision without rows of their own by then.
    """
    bare, named = [], set()
    for revision in REVISIONS:
        upgrade(app, revision)
        rows = full_rows(revision)
        named |= set(rows)
        with db.engine.begin() as conn:
            for table, values in rows.items():
                conn.execute(reflect(conn, table).insert(), values)
        bare += [f"{t} (at {revision})" for t in sorted(table_names() - named)]
        if revision == last:
            return bare
    raise AssertionError(f"no revision {last}")


def reflect(conn, table: str) -> sa.Table:
    return sa.Table(table, sa.MetaData(), autoload_with=conn)


def table_names() -> set[str]:
    """The database's own tables, without Alembic's and the search index's."""
    names = sa.inspect(db.engine).get_table_names()
    return {n for n in names if n != "alembic_version" and include_name(n, "table")}


def counts() -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t: conn.scalar(sa.select(sa.func.count()).select_from(sa.table(t)))
            for t in table_names()
        }


def rows_changed(revision_rows: dict[str, list[dict]]) -> list[str]:
    """The fixture rows that are missing or differ now, as 'table: row' lines."""
    changed = []
    with db.engine.connect() as conn:
        for table, rows in revision_rows.items():
            reflected = reflect(conn, table)
            for row in rows:
                key = [c == row[c.name] for c in reflected.primary_key.columns]
                found = conn.execute(sa.select(reflected).where(*key)).mappings().first()
                ident = row.get("id", row.get("case_id"))  # case_search is keyed by its case
                skip = CHANGED_ON_PURPOSE.get((table, ident), set())
                if found is None or any(found[c] != v for c, v in row.items() if c not in skip):
                    changed.append(f"{table}: {row} is now {found}")
    return changed


def copy_migrations(folder: Path, name: str, body: str) -> Path:
    """The migrations folder copied, with one more revision after head: ``body`` its upgrade()."""
    target = folder / "migrations"
    shutil.copytree(MIGRATIONS, target, ignore=shutil.ignore_patterns("__pycache__"))
    head = ScriptDirectory(str(target)).get_current_head()
    (target / "versions" / f"{name}.py").write_text(
        f"from alembic import op\nimport sqlalchemy as sa\n"
        f"from station.migrations.triggers import restore_triggers\n\n"
        f"revision = {name!r}\ndown_revision = {head!r}\n"
        f"branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n{body}\n",
        encoding="utf-8",
    )
    return target


TRIGGERS = {
    "sqlite": {
        ("audit_log", "audit_log_no_update"),
        ("audit_log", "audit_log_no_delete"),
        ("report_access", "report_access_no_update"),
        ("report_access", "report_access_no_delete"),
        ("case_event", "case_event_no_update"),
        ("case_event", "case_event_no_delete"),
        ("case_search", "case_search_ai"),
        ("case_search", "case_search_ad"),
        ("case_search", "case_search_au"),
    },
    "postgresql": {
        ("audit_log", "audit_log_append_only"),
        ("case_event", "case_event_append_only"),
        ("report_access", "report_access_append_only"),
    },
}


def blank_app(request, tmp_path):
    """An app in its context on an empty database, of each dialect: a fixture with
    ``blank = pytest.fixture(params=DIALECTS)(blank_app)``."""
    app = new_app(tmp_path, request.param)
    with app.app_context():
        yield app
    close(app, request.param, tmp_path)


def dialect() -> str:
    return db.engine.dialect.name


def triggers() -> set[tuple[str, str]]:
    if dialect() == "sqlite":
        query = "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal"
    with db.engine.connect() as conn:
        return {tuple(row) for row in conn.execute(sa.text(query))}


def found(word: str) -> list[int]:
    """Case ids whose search row holds ``word``, through the database's full-text index."""
    if dialect() == "sqlite":
        query = "SELECT rowid FROM case_fts WHERE case_fts MATCH :w ORDER BY rowid"
    else:
        query = (
            "SELECT case_id FROM case_search WHERE to_tsvector('simple', tokens) "
            "@@ to_tsquery('simple', :w) ORDER BY case_id"
        )
    with db.engine.connect() as conn:
        return list(conn.scalars(sa.text(query), {"w": word}))
