"""reporting-line log: the line setting and the calls

Revision ID: 0009_hotline
Revises: 0008_duties
Create Date: 2026-12-02

Hand-reviewed: two new tables, nothing else changes.

- ``hotline_setting``: a station's reporting-line number (举报电话), set by its admin
  (none: the station's phone).
- ``hotline_call``: each call on a line the station answers: when (UTC, and the station's
  local day), the line, the caller's number, name and whether anonymous, the words, who
  took it, its disposition (none while not dealt with) and the case it became or
  duplicates. Indexed by station, disposition and day for the duty (calls without a
  disposition) and by case for the one call a phone case typed straight in logs.

Not append-only: the disposition is recorded on the row, and a call that became a report
has its number, name and words blanked. No triggers, so no restore_triggers. Existing
databases start with no rows.
"""

from alembic import op
import sqlalchemy as sa


revision = '0009_hotline'
down_revision = '0008_duties'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'hotline_setting',
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('reporting_line', sa.String(length=30), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user.id']),
        sa.PrimaryKeyConstraint('station_id'),
    )
    op.create_table(
        'hotline_call',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('line', sa.String(length=20), nullable=False),
        sa.Column('caller_number', sa.String(length=30), nullable=False),
        sa.Column('anonymous', sa.Boolean(), nullable=False),
        sa.Column('caller_name', sa.String(length=50), nullable=False),
        sa.Column('words', sa.Text(), nullable=False),
        sa.Column('taken_by_id', sa.Integer(), nullable=False),
        sa.Column('logged_at', sa.DateTime(), nullable=False),
        sa.Column('disposition', sa.String(length=20), nullable=True),
        sa.Column('disposed_at', sa.DateTime(), nullable=True),
        sa.Column('disposed_by_id', sa.Integer(), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('confidential', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['disposed_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.ForeignKeyConstraint(['taken_by_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(
        'ix_hotline_call_open', 'hotline_call', ['station_id', 'disposition', 'day']
    )
    op.create_index('ix_hotline_call_case_id', 'hotline_call', ['case_id'])


def downgrade():
    op.drop_table('hotline_call')
    op.drop_table('hotline_setting')
