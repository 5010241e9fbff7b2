"""role requests: granting head or inspector, or a head's password, needs a second person

Revision ID: 0007_role_requests
Revises: 0006_confidential
Create Date: 2026-12-03

Hand-reviewed: one new table, ``role_request``, nothing else changes. An admin's
grant of head or inspector, or reset of the password of someone who holds one,
waits there until a head or inspector of the user's station (neither the
requester nor the user) approves or refuses it (docs/threat-model.md, threat 5).
It is not append-only: a request's state moves from pending to approved or
refused; the audit log and the access log keep the history. No triggers, so no
restore_triggers. Existing databases start with no requests.
"""

from alembic import op
import sqlalchemy as sa


revision = '0007_role_requests'
down_revision = '0006_confidential'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'role_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('roles', sa.JSON(), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['decided_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['requested_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.ForeignKeyConstraint(['user_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_role_request_station_id', 'role_request', ['station_id'])
    op.create_index('ix_role_request_user_id', 'role_request', ['user_id'])
    op.create_index('ix_role_request_state', 'role_request', ['state'])


def downgrade():
    op.drop_table('role_request')
