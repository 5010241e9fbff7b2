"""summary covering indexes: the trend's cases received and calls answered counted from
two indexes alone

Revision ID: 0019_summary_covering_indexes
Revises: 0018_waiting_and_late_indexes
Create Date: 2026-12-07

Hand-written: two indexes made again with more columns, under the same names and with
the same leading columns; no table, column or row changes.

The monthly summary's trend counts, for each of twelve months, the cases received and the
follow-up calls by answer (summary/trend.py). Each statement found a month's cases by an
index of 0015 (or of 0002, the day of receipt) and then read every one of their rows for
the kind (the gate leaves reports out) or the answer: at a million cases a year's 46,000
rows for the cases received. With the columns they read in the index, they are answered
from the index alone:

- ``ix_case_station_followed_up_at`` (station_id, followed_up_at) gets kind, satisfaction
  and assignee_id: the month's calls by answer, and the dissatisfied per person;
- ``ix_case_station_received_on`` (station_id, received_on) gets kind: the cases received,
  per day of receipt.

The leading columns stay, so every plan that used an index still finds it, in the same
order of its first two columns. Each is dropped and made again (``CREATE INDEX`` reads the
table once, a few seconds at a million cases); the downgrade makes the narrow ones again.

Not made: the close's due day with the status, moment closed, kind and extension (the
trend's closed on time from the index alone, 129 -> 60 ms for eleven months). An index
holding the station, the status and the kind answers every count of a list filtered by
status from the index alone, and SQLite without statistics then walked it over the whole
station instead of seeking (station, status): the filtered list 22 -> 64 ms, the head's
home page 46 -> 183 ms at a million cases. Led by the due day instead, the trend's own
count lost its plan (60 ms -> 5.4 s).
"""

from alembic import op


revision = '0019_summary_covering_indexes'
down_revision = '0018_waiting_and_late_indexes'
branch_labels = None
depends_on = None

WIDE = (
    ('ix_case_station_followed_up_at',
     ['station_id', 'followed_up_at', 'kind', 'satisfaction', 'assignee_id']),
    ('ix_case_station_received_on', ['station_id', 'received_on', 'kind']),
)
NARROW = (
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
