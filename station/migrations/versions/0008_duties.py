"""station duties: reception day and devices, suggestion boxes

Revision ID: 0008_duties
Revises: 0007_role_requests
Create Date: 2026-12-02

Hand-reviewed: new tables; nothing else changes. (The reporting-line log is 0009_hotline,
key-person visits 0010_key_visits.)
Existing databases start with no rows in any new table. No triggers, so no
restore_triggers. Each duty's tables are made by one function below.

Reception day (``_reception``):
- ``device``: a browser a staff member turned into a station device (the reception
  kiosk now, the wall display later): its kind, station, who granted it and when, when
  it expires or was revoked, and the hash of its random token (the cookie holds the
  token). Indexed by station and expiry for the running devices.
- ``reception_setting``: a station's reception weekday and closing time (none: Monday,
  17:30).
- ``reception_host``: who hosts a reception day, one row per station and day.
- ``reception_visitor``: each sign-in, its queue number (unique per station and day),
  its outcome and the case it opened. Indexed by station, outcome and day for the duty
  (reception days with visitors not dealt with). A visitor whose matter became a report
  has its name, phone and matter blanked.

Suggestion boxes (``_box``):
- ``suggestion_box``: a box of a station (where it hangs, its opening interval);
  ``box_opener``: the people designated to open it; ``box_opening``: one opening (day,
  opener, witness, item count); ``box_item``: links an opening to each case its items
  became (channel ``box``). No item's words are kept here: they are the cases', sealed
  where a case is a report.
"""

from alembic import op
import sqlalchemy as sa


revision = '0008_duties'
down_revision = '0007_role_requests'
branch_labels = None
depends_on = None


def upgrade():
    _reception()
    _box()


def _reception():
    op.create_table(
        'device',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('granted_by_id', sa.Integer(), nullable=False),
        sa.Column('granted_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.Column('revoked_by_id', sa.Integer(), nullable=True),
        sa.Column('revoke_reason', sa.String(length=20), server_default='', nullable=False),
        sa.Column('address', sa.String(length=45), server_default='', nullable=False),
        sa.Column('user_agent', sa.String(length=200), server_default='', nullable=False),
        sa.ForeignKeyConstraint(['granted_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['revoked_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    op.create_index('ix_device_station_expires', 'device', ['station_id', 'expires_at'])
    op.create_table(
        'reception_setting',
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('weekday', sa.Integer(), nullable=False),
        sa.Column('closes_at', sa.Time(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user.id']),
        sa.PrimaryKeyConstraint('station_id'),
    )
    op.create_table(
        'reception_host',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('host_id', sa.Integer(), nullable=False),
        sa.Column('named_by_id', sa.Integer(), nullable=False),
        sa.Column('named_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['host_id'], ['user.id']),
        sa.ForeignKeyConstraint(['named_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('station_id', 'day', name='uq_reception_host_day'),
    )
    op.create_table(
        'reception_visitor',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('arrived_at', sa.DateTime(), nullable=False),
        sa.Column('name', sa.String(length=50), nullable=False),
        sa.Column('phone', sa.String(length=30), nullable=False),
        sa.Column('matter', sa.Text(), nullable=False),
        sa.Column('headcount', sa.Integer(), nullable=False),
        sa.Column('form_key', sa.String(length=32), nullable=False),
        sa.Column('device_id', sa.Integer(), nullable=True),
        sa.Column('signed_in_by_id', sa.Integer(), nullable=True),
        sa.Column('called_at', sa.DateTime(), nullable=True),
        sa.Column('outcome', sa.String(length=20), nullable=True),
        sa.Column('outcome_note', sa.Text(), nullable=False),
        sa.Column('outcome_at', sa.DateTime(), nullable=True),
        sa.Column('outcome_by_id', sa.Integer(), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('confidential', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['device_id'], ['device.id']),
        sa.ForeignKeyConstraint(['outcome_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['signed_in_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('form_key'),
        sa.UniqueConstraint('station_id', 'day', 'number', name='uq_reception_visitor_number'),
    )
    op.create_index(
        'ix_reception_visitor_open', 'reception_visitor', ['station_id', 'outcome', 'day']
    )
    op.create_index('ix_reception_visitor_case_id', 'reception_visitor', ['case_id'])


def _box():
    op.create_table(
        'suggestion_box',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('place', sa.String(length=100), nullable=False),
        sa.Column('interval_days', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_on', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_suggestion_box_station_id', 'suggestion_box', ['station_id'])
    op.create_index('ix_suggestion_box_active', 'suggestion_box', ['active'])
    op.create_table(
        'box_opener',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('box_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['box_id'], ['suggestion_box.id']),
        sa.ForeignKeyConstraint(['user_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('box_id', 'user_id'),
    )
    op.create_index('ix_box_opener_box_id', 'box_opener', ['box_id'])
    op.create_index('ix_box_opener_user_id', 'box_opener', ['user_id'])
    op.create_table(
        'box_opening',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('box_id', sa.Integer(), nullable=False),
        sa.Column('opened_on', sa.Date(), nullable=False),
        sa.Column('opener_id', sa.Integer(), nullable=False),
        sa.Column('witness_id', sa.Integer(), nullable=True),
        sa.Column('witness_name', sa.String(length=50), nullable=False),
        sa.Column('item_count', sa.Integer(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['box_id'], ['suggestion_box.id']),
        sa.ForeignKeyConstraint(['opener_id'], ['user.id']),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.ForeignKeyConstraint(['witness_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_box_opening_station_id', 'box_opening', ['station_id'])
    op.create_index('ix_box_opening_box_id', 'box_opening', ['box_id'])
    op.create_index('ix_box_opening_opened_on', 'box_opening', ['opened_on'])
    op.create_table(
        'box_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('opening_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['opening_id'], ['box_opening.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('case_id'),
    )
    op.create_index('ix_box_item_opening_id', 'box_item', ['opening_id'])


def downgrade():
    op.drop_table('box_item')
    op.drop_table('box_opening')
    op.drop_table('box_opener')
    op.drop_table('suggestion_box')
    op.drop_table('reception_visitor')
    op.drop_table('reception_host')
    op.drop_table('reception_setting')
    op.drop_table('device')
