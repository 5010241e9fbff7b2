"""waiting and late indexes: the head's extension requests and reviews waiting are read
from what waits, and the late cases are counted and listed from an index holding their kind

Revision ID: 0018_waiting_and_late_indexes
Revises: 0017_duplicate_check_index
Create Date: 2026-12-07

Hand-written: three partial indexes, one on ``extension`` and two on ``cases``; no table,
column or row changes.

The head's home page lists and counts the extension requests waiting for a decision
(cases/attention.py, extension_requests). Joined from the case side, SQLite walked the
station's open cases through (station_id, status) and looked each one up in
``extension``: 12 ms for the list and 12 more for its count at a million cases, growing
with what is open. The query now also asks ``cases.id IN`` the pending requests' cases,
which SQLite reads first, by the case's rowid; ``ix_extension_pending`` (case_id) WHERE
``decision = 'pending'`` holds only the requests still waiting, a handful whatever the
history.

The reviews waiting for the head's instruction (``review_pending``, while the case is
handled) were found through (station_id, status) among every case handled: 10 ms for the
list and 4 for its count at a million cases. ``ix_case_review_pending`` (station_id,
status, due_review, kind) WHERE ``review_pending`` holds the waiting reviews only: 0.6 ms
for the list, the count from the index alone. Its condition is written as each database's
queries say it (SQLAlchemy's ``IS 1`` on SQLite, ``IS true`` on PostgreSQL), which is what
lets the planner match it.

Every list of cases passes the gate (confidential/gate.py), which asks each row's kind.
Counting the late cases (the board, the home page) and finding a page of the overdue list
read every late case's row for it: 14-15 ms at a million cases, with 8,700 late in one
station. ``ix_case_open_late`` (station_id, next_due, kind, received_at) WHERE ``next_due
IS NOT NULL`` answers them from the index alone, the overdue list's default order (newest
received first) included: 2-3 ms. The kind is not added to 0014's indexes: it would stand
between their last column and the row id, and they would no longer give the lists' order
(received, then id; due, then id), on which the plans of "due today" and "my cases" rely.
"""

from alembic import op
import sqlalchemy as sa


revision = '0018_waiting_and_late_indexes'
down_revision = '0017_duplicate_check_index'
branch_labels = None
depends_on = None

PENDING = sa.text("decision = 'pending'")
OPEN = sa.text('next_due IS NOT NULL')
REVIEW = {
    'sqlite_where': sa.text('review_pending IS 1'),
    'postgresql_where': sa.text('review_pending IS true'),
}


def upgrade():
    op.create_index(
        'ix_extension_pending', 'extension', ['case_id'], unique=False,
        sqlite_where=PENDING, postgresql_where=PENDING,
    )
    op.create_index(
        'ix_case_open_late', 'cases', ['station_id', 'next_due', 'kind', 'received_at'],
        unique=False,
        sqlite_where=OPEN, postgresql_where=OPEN,
    )
    op.create_index(
        'ix_case_review_pending', 'cases', ['station_id', 'status', 'due_review', 'kind'],
        unique=False, **REVIEW,
    )


def downgrade():
    op.drop_index('ix_case_review_pending', table_name='cases')
    op.drop_index('ix_case_open_late', table_name='cases')
    op.drop_index('ix_extension_pending', table_name='extension')
