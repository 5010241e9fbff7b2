"""What the models do not declare: append-only triggers and the search index.

The migrations create these from here, so their DDL is written once. On SQLite a
batch operation copies the table into a new one and drops the old, and its
triggers go with it, silently. A migration that batch-altered a table therefore
ends with::

    restore_triggers("case_event")

which is safe for any table on either database (a table without triggers is left
alone; a trigger that survived is replaced by the same one).

Autogenerate must not propose dropping any of this: env.py and the tests pass
``include_name``/``include_object`` to it.
"""

import sqlalchemy as sa
from alembic import op

APPEND_ONLY = ("audit_log", "case_event", "report_access")
SEARCH_TABLE = "case_search"
FTS_TABLE = "case_fts"
# FTS5 keeps its index in these tables beside the virtual one.
FTS_SHADOWS = {f"{FTS_TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config")}
PG_SEARCH_INDEX = "ix_case_search_tsv"


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def refuse_changes(table: str) -> None:
    """The database itself refuses to change or delete rows of an append-only table."""
    if _sqlite():
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb.lower()}")
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    else:
        op.execute(
            "CREATE OR REPLACE FUNCTION station_refuse_change() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
        )
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION station_refuse_change()"
        )


# FTS5 over case_search.tokens (space-separated words and CJK bigrams), kept in step by
# these triggers; the query side is station/search/index.py.
_SEARCH_TRIGGERS = {
    "case_search_ai": "AFTER INSERT ON case_search BEGIN "
    "INSERT INTO case_fts(rowid, tokens) VALUES (new.case_id, new.tokens); END",
    "case_search_ad": "AFTER DELETE ON case_search BEGIN "
    "INSERT INTO case_fts(case_fts, rowid, tokens) VALUES ('delete', old.case_id, old.tokens); END",
    "case_search_au": "AFTER UPDATE ON case_search BEGIN "
    "INSERT INTO case_fts(case_fts, rowid, tokens) VALUES ('delete', old.case_id, old.tokens); "
    "INSERT INTO case_fts(rowid, tokens) VALUES (new.case_id, new.tokens); END",
}


def create_search_index() -> None:
    """The full-text index over case_search: FTS5 on SQLite, a GIN index on PostgreSQL."""
    if _sqlite():
        op.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(tokens, content='case_search', "
            "content_rowid='case_id', tokenize='unicode61 remove_diacritics 0')"
        )
    _search_triggers()


def _search_triggers() -> None:
    if not _sqlite():
        op.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_SEARCH_INDEX} ON case_search "
            f"USING gin ({_pg_indexed()})"
        )
        return
    for name, body in _SEARCH_TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {body}")


# PostgreSQL, since 0016: each row's tsvector kept in a generated column, which the GIN index
# covers and a filter reads instead of computing it again for every row (0.1 ms a row).
PG_TSV_COLUMN = "tsv"


def _pg_indexed() -> str:
    found = op.get_bind().execute(
        sa.text(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = :table AND column_name = :column"
        ),
        {"table": SEARCH_TABLE, "column": PG_TSV_COLUMN},
    )
    return PG_TSV_COLUMN if found.first() else "to_tsvector('simple', tokens)"


def add_pg_tsv_column() -> None:
    """PostgreSQL: the generated tsvector column, and the index moved onto it."""
    op.execute(f"DROP INDEX IF EXISTS {PG_SEARCH_INDEX}")
    op.execute(
        f"ALTER TABLE {SEARCH_TABLE} ADD COLUMN {PG_TSV_COLUMN} tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED"
    )
    _search_triggers()


def drop_pg_tsv_column() -> None:
    op.execute(f"DROP INDEX IF EXISTS {PG_SEARCH_INDEX}")
    op.execute(f"ALTER TABLE {SEARCH_TABLE} DROP COLUMN IF EXISTS {PG_TSV_COLUMN}")
    _search_triggers()


def lift_search_index() -> None:
    """Take the index's triggers (SQLite) or its GIN index (PostgreSQL) away, for a
    migration that rewrites every row of case_search: ``restore_triggers(SEARCH_TABLE)``
    then builds the index once, which is much faster than keeping it up row by row."""
    if not _sqlite():
        op.execute(f"DROP INDEX IF EXISTS {PG_SEARCH_INDEX}")
        return
    for name in _SEARCH_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def restore_triggers(*tables: str) -> None:
    """Put back the triggers (and the search index) of tables a batch operation re-created."""
    for table in tables:
        if table in APPEND_ONLY:
            refuse_changes(table)
        elif table == SEARCH_TABLE:
            _search_triggers()
            if _sqlite():
                # Rows copied while the triggers were gone would otherwise be missing from it.
                op.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def include_name(name: str | None, type_: str, parent_names: object = None) -> bool:
    """Whether autogenerate looks at a reflected table, index or column (not at these)."""
    if type_ == "table":
        return name != FTS_TABLE and name not in FTS_SHADOWS
    if type_ == "index":
        return name != PG_SEARCH_INDEX
    if type_ == "column":
        return name != PG_TSV_COLUMN or (parent_names or {}).get("table_name") != SEARCH_TABLE
    return True


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The same rule for objects, for callers that compare without include_name."""
    return include_name(name, type_)
