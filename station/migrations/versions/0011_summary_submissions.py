"""submitted months: signed versions of a month's summary, the stations' public keys

Revision ID: 0011_summary_submissions
Revises: 0010_key_visits
Create Date: 2026-12-03

Hand-reviewed: two new tables and one index on ``cases``; nothing else changes.

- ``station_key``: a station's public Ed25519 key (raw, 32 bytes) and its fingerprint. The
  private key is a file of the instance folder (``summary_keys/station-<id>.pem``), never in
  the database; the public key here tells a key file that does not belong to it.
- ``summary_version``: a submitted month: station, month ("YYYY-MM"), version (1, 2, …,
  unique with station and month), the canonical JSON of the summary as the county sees it,
  its SHA-256 (hex), the signature (base64), the signing key's fingerprint, who submitted
  it and when (UTC), the station's and the head's names as signed (a later rename leaves
  the signature whole), and the reason (required from version 2 on, checked by the app).
- ``ix_case_station_received_on`` on ``cases(station_id, received_on)``: the summary's
  received figures count a month by the local day of receipt.

Not append-only by trigger: the app never updates or deletes a version (an ORM guard), and
the signature shows any change made behind its back. Existing databases start with no key
and no version; a station's key is made at its first submission.
"""

from alembic import op
import sqlalchemy as sa


revision = '0011_summary_submissions'
down_revision = '0010_key_visits'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'station_key',
        sa.Column('station_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('public_key', sa.LargeBinary(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.PrimaryKeyConstraint('station_id'),
    )
    op.create_table(
        'summary_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('signature', sa.String(length=100), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('station_name', sa.String(length=100), nullable=False),
        sa.Column('submitted_by_id', sa.Integer(), nullable=False),
        sa.Column('submitted_by_name', sa.String(length=100), nullable=False),
        sa.Column('submitted_at', sa.DateTime(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.ForeignKeyConstraint(['submitted_by_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('station_id', 'month', 'version'),
    )
    op.create_index('ix_case_station_received_on', 'cases', ['station_id', 'received_on'])


def downgrade():
    op.drop_index('ix_case_station_received_on', table_name='cases')
    op.drop_table('summary_version')
    op.drop_table('station_key')
