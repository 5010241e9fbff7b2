"""pending extension index: the head's "extension requests" reads the pending requests,
not the station's open cases one by one

Revision ID: 0018_pending_extension_index
Revises: 0017_duplicate_check_index
Create Date: 2026-12-07

Hand-written: one partial index on ``extension``; no table, column or row changes.

The head's home page lists and counts the extension requests waiting for a decision
(cases/attention.py, extension_requests). Joined from the case side, SQLite walked the
station's open cases through (station_id, status) and looked each one up in
``extension``: 12 ms for the list and 12 more for its count at a million cases, growing
with what is open. The query now also asks ``cases.id IN`` the pending requests' cases,
which SQLite reads first, by the case's rowid; ``ix_extension_pending`` (case_id) WHERE
``decision = 'pending'`` holds only the requests still waiting, a handful whatever the
history, so that list costs what is pending.
"""

from alembic import op
import sqlalchemy as sa


revision = '0018_pending_extension_index'
down_revision = '0017_duplicate_check_index'
branch_labels = None
depends_on = None

PENDING = sa.text("decision = 'pending'")


def upgrade():
    op.create_index(
        'ix_extension_pending', 'extension', ['case_id'], unique=False,
        sqlite_where=PENDING, postgresql_where=PENDING,
    )


def downgrade():
    op.drop_index('ix_extension_pending', table_name='extension')
