"""open cases' indexes: the home panels, "mine", the board and the overdue list read the
open cases only

Revision ID: 0014_open_case_indexes
Revises: 0012_county_imports
Create Date: 2026-12-03

Hand-written: three partial indexes on ``cases``; no table, column or row changes.

A case has a next due date exactly while it is open (the close clock runs in every open
state, station/rules/clocks.py), so ``WHERE next_due IS NOT NULL`` is the open cases,
about 2% of the register. SQLite and PostgreSQL both use a partial index when the query
implies its condition: ``next_due < ?`` and ``next_due = ?`` do, and the lists that
want every open case say ``next_due IS NOT NULL`` literally (station/cases/overdue.py).

- ``ix_case_open_assignee`` (assignee_id, station_id, next_due): "my cases", soonest due first;
- ``ix_case_open_station_due_received`` (station_id, next_due, received_at): what falls
  due today, the oldest first;
- ``ix_case_open_station_received`` (station_id, received_at): open cases by receipt
  (not yet assigned, the overdue list newest first).

Each index is built by one CREATE INDEX, which reads the table once in the database's
own bounded memory, whatever its size; nothing is loaded into Python.
"""

from alembic import op
import sqlalchemy as sa


revision = '0014_open_case_indexes'
down_revision = '0012_county_imports'
branch_labels = None
depends_on = None

OPEN = sa.text('next_due IS NOT NULL')
INDEXES = {
    'ix_case_open_assignee': ['assignee_id', 'station_id', 'next_due'],
    'ix_case_open_station_due_received': ['station_id', 'next_due', 'received_at'],
    'ix_case_open_station_received': ['station_id', 'received_at'],
}


def upgrade():
    for name, columns in INDEXES.items():
        op.create_index(
            name, 'cases', columns, unique=False, sqlite_where=OPEN, postgresql_where=OPEN
        )


def downgrade():
    for name in INDEXES:
        op.drop_index(name, table_name='cases')
