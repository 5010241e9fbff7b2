"""key-person visits: each key person's visit interval, and the visits made

Revision ID: 0010_key_visits
Revises: 0009_hotline
Create Date: 2026-12-03

Hand-reviewed: one new table and one column on ``key_person``; nothing else changes.

- ``key_person.visit_interval``: the days between two visits (P5 §三(一)8 主管领导定期上门
  征询意见), set by the head from 7 to 365. Existing key persons get the default, 90 days
  (server default '90'), so their first visit is due 90 days after they were marked.
- ``key_visit``: each visit to a key person: the day, who went (a user of the station),
  what was said, the person's satisfaction (the follow-up call's words), who recorded it
  and when. Indexed by key person (the person's page, the last visit) and by station (the
  duty: persons whose visit is due).

Not append-only (nothing is edited either; no trigger). No triggers live on
``key_person``, so the batch needs no restore_triggers. Existing databases start with no
visits.
"""

from alembic import op
import sqlalchemy as sa


revision = '0010_key_visits'
down_revision = '0009_hotline'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('key_person', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('visit_interval', sa.Integer(), nullable=False, server_default='90')
        )
    op.create_table(
        'key_visit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key_person_id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('visited_on', sa.Date(), nullable=False),
        sa.Column('visitor_id', sa.Integer(), nullable=False),
        sa.Column('said', sa.Text(), nullable=False),
        sa.Column('satisfaction', sa.String(length=20), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['key_person_id'], ['key_person.id']),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.ForeignKeyConstraint(['visitor_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_key_visit_key_person_id', 'key_visit', ['key_person_id'])
    op.create_index('ix_key_visit_station_id', 'key_visit', ['station_id'])


def downgrade():
    op.drop_table('key_visit')
    with op.batch_alter_table('key_person', schema=None) as batch_op:
        batch_op.drop_column('visit_interval')
