"""reception day: device grants, the reception setting, the host schedule, the visitors

Revision ID: 0008_reception
Revises: 0007_role_requests
Create Date: 2026-12-02

Hand-reviewed: four new tables, nothing else changes.

- ``device``: a browser a staff member turned into a station device (the reception
  kiosk now, the wall display later): its kind, station, who granted it and when, when
  it expires or was revoked, and the hash of its random token (the cookie holds the
  token). Indexed by station and expiry for the running devices.
- ``reception_setting``: a station's reception weekday and closing time (none: Monday,
  17:30).
- ``reception_host``: who hosts a reception day, one row per station and day.
- ``reception_visitor``: each sign-in, its queue number (unique per station and day),
  its outcome and the case it opened. Indexed by station, outcome and day for the duty
  (reception days with visitors not dealt with).

None is append-only: a visitor's outcome is recorded on its row, and a visitor whose
matter became a report has its name, phone and matter blanked. No triggers, so no
restore_triggers. Existing databases start with no rows.
"""

from alembic import op
import sqlalchemy as sa


revision = '0008_reception'
down_revision = '0007_role_requests'
branch_labels = None
depends_on = None


def upgrade():
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


def downgrade():
    op.drop_table('reception_visitor')
    op.drop_table('reception_host')
    op.drop_table('reception_setting')
    op.drop_table('device')
