"""search positions: the index keeps each field's pieces in order, for phrase queries

Revision ID: 0016_search_positions
Revises: 0015_summary_indexes
Create Date: 2026-12-03

Hand-written: no table or column changes; every case's row of ``case_search`` is
rewritten, but a report's (its hashed pieces stay each once and in no order).

Before, a row held each piece of the case once, so that "服务态度" could only be found
as its three bigrams anywhere in the case, and the finder read the candidates' texts
into Python to keep those holding the four characters in a row (90,000 candidates, as
``id IN (90,686 parameters)``, at a million cases: over SQLite's limit of host
parameters on Windows). Now a row holds each field's pieces in the order the text has
them, a break word between two fields (station/search/index.py), so that a phrase query
answers from the index alone.

The rows are rewritten in batches of ``BATCH`` cases, in the order of their ids, with
the index's triggers (SQLite) or GIN index (PostgreSQL) lifted; the index is then built
once from the rewritten rows. The text of a row is computed here, not by the app's
index_text, so that this migration writes what it says whatever the app's code becomes.
On PostgreSQL the row's tsvector is kept too, in a generated column ``tsv`` that the GIN
index covers: a filter on it reads the stored value instead of computing it again for each
row (0.1 ms a row, the cost of a common word's count before).

The downgrade writes the old form back.
"""

import sqlalchemy as sa
from alembic import op

from station.migrations.triggers import (
    SEARCH_TABLE,
    add_pg_tsv_column,
    drop_pg_tsv_column,
    lift_search_index,
    restore_triggers,
)
from station.search.index import tokens

revision = '0016_search_positions'
down_revision = '0015_summary_indexes'
branch_labels = None
depends_on = None

BATCH = 5000
FIELD_BREAK = "zfieldz"
REPORT_KINDS = ("report",)
FIELDS = ("ref", "person_name", "person_phone", "person_id_number", "subject", "content", "summary")

cases = sa.table("cases", sa.column("id"), sa.column("kind"), *(sa.column(f) for f in FIELDS))
case_search = sa.table("case_search", sa.column("case_id"), sa.column("tokens"))


def _values(row) -> list[str]:
    phone = row.person_phone or ""
    return [row.ref, row.person_name, phone, phone[-4:], row.person_id_number,
            row.subject, row.content, row.summary]  # fmt: skip


def _in_order(row) -> str:
    pieces = [" ".join(tokens(value)) for value in _values(row) if value]
    return f" {FIELD_BREAK} ".join(p for p in pieces if p)


def _each_once(row) -> str:
    return " ".join(dict.fromkeys(tokens(*(value or "" for value in _values(row)))))


def _rewrite(text_of) -> None:
    conn = op.get_bind()
    lift_search_index()
    last = 0
    while True:
        rows = conn.execute(
            sa.select(cases.c.id, *(cases.c[f] for f in FIELDS))
            .where(cases.c.id > last, cases.c.kind.not_in(REPORT_KINDS))
            .order_by(cases.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        conn.execute(
            case_search.update()
            .where(case_search.c.case_id == sa.bindparam("id"))
            .values(tokens=sa.bindparam("words")),
            [{"id": row.id, "words": text_of(row)} for row in rows],
        )
        last = rows[-1].id
    restore_triggers(SEARCH_TABLE)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    _rewrite(_in_order)
    if _postgresql():
        add_pg_tsv_column()
        # Statistics of the new column at once, not at autovacuum's next pass: without
        # them the planner reads a common word's every row (500 ms at 100,000 cases).
        op.execute(f"ANALYZE {SEARCH_TABLE}")


def downgrade():
    if _postgresql():
        drop_pg_tsv_column()
    _rewrite(_each_once)
