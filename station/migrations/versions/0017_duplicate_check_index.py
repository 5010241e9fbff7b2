"""duplicate check index: registering looks up the same phone's latest cases by the phone,
and the head's "waiting to close" its followed-up cases by their status

Revision ID: 0017_duplicate_check_index
Revises: 0016_search_positions
Create Date: 2026-12-03

Hand-written: two indexes on ``cases``; no table, column or row changes.

Registering a case first looks for the same phone and subject registered in the last
minutes (intake.service.likely_duplicate: a double submission from another PC). Without
statistics SQLite served that query's station condition from (station_id,
followed_up_at) and read the station's whole history, one second at a million cases,
inside the write transaction that every other registration waits for. With
``ix_case_phone_registered`` (person_phone, registered_at) both its conditions and its
order are served by one index, which every planner prefers, with or without ANALYZE.

The head's home page lists the five cases waiting longest to be closed after their
follow-up call: ``status = 'followed_up'`` ordered by ``followed_up_at``. SQLite walked the
station's (station_id, followed_up_at) index (0015, the monthly summary's) through every
case of the history to find five in that state: 0.9 s at a million cases.
``ix_case_station_status_followed_up`` (station_id, status, followed_up_at) reads the five.
"""

from alembic import op


revision = '0017_duplicate_check_index'
down_revision = '0016_search_positions'
branch_labels = None
depends_on = None


INDEXES = {
    'ix_case_phone_registered': ['person_phone', 'registered_at'],
    'ix_case_station_status_followed_up': ['station_id', 'status', 'followed_up_at'],
}


def upgrade():
    for name, columns in INDEXES.items():
        op.create_index(name, 'cases', columns, unique=False)


def downgrade():
    for name in INDEXES:
        op.drop_index(name, table_name='cases')
