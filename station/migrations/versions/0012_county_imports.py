"""the county's imports: stations that run alone, their keys and their summary files

Revision ID: 0012_county_imports
Revises: 0011_summary_submissions
Create Date: 2026-12-03

Hand-reviewed: two new tables; nothing else changes.

- ``remote_station``: a station that sends its months as files, registered once by the
  county: its name (unique), its key's fingerprint (unique) and, when registered by key
  file or once a file with that fingerprint came in, the raw public key.
- ``imported_summary``: one imported version of a remote station's month (unique with the
  station and the month), with the canonical JSON that was signed, its SHA-256 and the
  signature, the names and moment as signed, and who imported it (none: the command line).

Existing databases start with no remote station and no import.
"""

from alembic import op
import sqlalchemy as sa


revision = '0012_county_imports'
down_revision = '0011_summary_submissions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'remote_station',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('public_key', sa.LargeBinary(), nullable=True),
        sa.Column('registered_by_id', sa.Integer(), nullable=True),
        sa.Column('registered_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['registered_by_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
        sa.UniqueConstraint('fingerprint'),
    )
    op.create_table(
        'imported_summary',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('remote_station_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('signature', sa.String(length=100), nullable=False),
        sa.Column('station_name', sa.String(length=100), nullable=False),
        sa.Column('submitted_by', sa.String(length=100), nullable=False),
        sa.Column('submitted_at', sa.String(length=30), nullable=False),
        sa.Column('imported_by_id', sa.Integer(), nullable=True),
        sa.Column('imported_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['remote_station_id'], ['remote_station.id']),
        sa.ForeignKeyConstraint(['imported_by_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('remote_station_id', 'month', 'version'),
    )


def downgrade():
    op.drop_table('imported_summary')
    op.drop_table('remote_station')
