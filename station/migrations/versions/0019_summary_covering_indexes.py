"""summary covering indexes: the trend's twelve months counted from three indexes alone

Revision ID: 0019_summary_covering_indexes
Revises: 0018_waiting_and_late_indexes
Create Date: 2026-12-07

Hand-written: three indexes made again with more columns, under the same names and with
the same leading columns; no table, column or row changes.

The monthly summary's trend counts, for each of twelve months, the cases received, those
closed on time among the cases whose close fell due, and the follow-up calls by answer
(summary/trend.py). Each statement found a month's cases by an index of 0015 (or of
0002, the day of receipt) and then read every one of their rows for the kind (the gate
leaves reports out), the status, the moment closed or the answer: at a million cases
4,500 rows a month for the close, a year's 46,000 for the cases received. With the
columns they read in the index, they are answered from the index alone:

- ``ix_case_station_due_close`` (station_id, due_close) gets extended_to, status,
  closed_at, kind and assignee_id: the trend's closed on time and the deadline table's
  close, counted per assignee;
- ``ix_case_station_followed_up_at`` (station_id, followed_up_at) gets kind, satisfaction
  and assignee_id: the month's calls by answer, and the dissatisfied per person;
- ``ix_case_station_received_on`` (station_id, received_on) gets kind: the cases received,
  per day of receipt.

The leading columns stay, so every plan that used an index still finds it, in the same
order of its first two columns. Each is dropped and made again (``CREATE INDEX`` reads the
table once, a few seconds at a million cases); the downgrade makes the narrow ones again.
"""

from alembic import op


revision = '0019_summary_covering_indexes'
down_revision = '0018_waiting_and_late_indexes'
branch_labels = None
depends_on = None

WIDE = (
    ('ix_case_station_due_close',
     ['station_id', 'due_close', 'extended_to', 'status', 'closed_at', 'kind', 'assignee_id']),
    ('ix_case_station_followed_up_at',
     ['station_id', 'followed_up_at', 'kind', 'satisfaction', 'assignee_id']),
    ('ix_case_station_received_on', ['station_id', 'received_on', 'kind']),
)
NARROW = (
    ('ix_case_station_due_close', ['station_id', 'due_close']),
    ('ix_case_station_followed_up_at', ['station_id', 'followed_up_at']),
    ('ix_case_station_received_on', ['station_id', 'received_on']),
)


def _make(indexes):
    for name, columns in indexes:
        op.drop_index(name, table_name='cases')
        op.create_index(name, 'cases', columns)


def upgrade():
    _make(WIDE)


def downgrade():
    _make(NARROW)
