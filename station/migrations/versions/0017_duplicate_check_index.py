"""duplicate check index: registering looks up the same phone's latest cases by the phone

Revision ID: 0017_duplicate_check_index
Revises: 0016_search_positions
Create Date: 2026-12-03

Hand-written: one index on ``cases``; no table, column or row changes.

Registering a case first looks for the same phone and subject registered in the last
minutes (intake.service.likely_duplicate: a double submission from another PC). Without
statistics SQLite served that query's station condition from (station_id,
followed_up_at) and read the station's whole history, one second at a million cases,
inside the write transaction that every other registration waits for. With
``ix_case_phone_registered`` (person_phone, registered_at) both its conditions and its
order are served by one index, which every planner prefers, with or without ANALYZE.
"""

from alembic import op


revision = '0017_duplicate_check_index'
down_revision = '0016_search_positions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_case_phone_registered', 'cases', ['person_phone', 'registered_at'], unique=False
    )


def downgrade():
    op.drop_index('ix_case_phone_registered', table_name='cases')
