"""suggestion boxes: the boxes, their openers, openings and the cases they produced

Revision ID: 0008_box2
Revises: 0007_role_requests
Create Date: 2027-01-10

Hand-reviewed: four new tables, nothing else changes. ``suggestion_box`` is a box of a
station (where it hangs, its opening interval); ``box_opener`` the people designated to
open it; ``box_opening`` one opening (day, opener, witness, item count); ``box_item``
links an opening to each case its items became (channel ``box``). No item's words are
kept in these tables: they are the cases', sealed where a case is a report. No triggers,
so no restore_triggers. Existing databases start with no boxes.
"""

from alembic import op
import sqlalchemy as sa


revision = '0008_box2'
down_revision = '0007_role_requests'
branch_labels = None
depends_on = None


def upgrade():
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
