"""the monthly summary's indexes: its figures read one month, never the whole history

Revision ID: 0015_summary_indexes
Revises: 0014_open_case_indexes
Create Date: 2026-12-03

Hand-reviewed: six indexes; no table, column or row changes (issue 11, the monthly summary
at county scale). Each serves a figure that is bounded by the month and scanned every case
of the station without it:

- ``cases(station_id, due_contact)``, ``cases(station_id, due_close)`` and
  ``cases(station_id, extended_to)``: the deadline table and the trend's closed on time, over
  the cases whose due date fell in the month (the reply's with ``ix_case_station_due_reply``:
  its extended cases by ``extended_to``, the others by ``due_reply``);
- ``cases(station_id, closed_at)``: the per-person cases closed in the month, and the cases
  still open at its end that were closed later;
- ``cases(station_id, followed_up_at)``: the follow-up calls of the month and the
  dissatisfied per person;
- ``case_event(action, at)``: the appeals and the reminders of the month.

``CREATE INDEX`` reads the table once and keeps no row in Python, so it runs at a million
cases as at ten (a few seconds each); the downgrade drops them.
"""

from alembic import op


revision = '0015_summary_indexes'
down_revision = '0014_open_case_indexes'
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_case_station_due_contact', 'cases', ['station_id', 'due_contact']),
    ('ix_case_station_due_close', 'cases', ['station_id', 'due_close']),
    ('ix_case_station_extended_to', 'cases', ['station_id', 'extended_to']),
    ('ix_case_station_closed_at', 'cases', ['station_id', 'closed_at']),
    ('ix_case_station_followed_up_at', 'cases', ['station_id', 'followed_up_at']),
    ('ix_case_event_action_at', 'case_event', ['action', 'at']),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
