"""the station's contact: phone, address, reception place

Revision ID: 0005_station_contact
Revises: 0004_clocks
Create Date: 2026-12-01

Hand-reviewed: three columns on station, nothing else changes. An admin sets
them on the station settings page (/admin/station); the acceptance receipt and
the reply letter print them. Existing stations get '' (not set): nothing is
guessed for them, and the receipt then falls back to the STATION_CONTACT
setting as before. No triggers live on station, so the batch needs no
restore_triggers (it would leave it alone anyway).
"""

from alembic import op
import sqlalchemy as sa


revision = '0005_station_contact'
down_revision = '0004_clocks'
branch_labels = None
depends_on = None

COLUMNS = (("phone", 50), ("address", 200), ("reception_place", 200))


def upgrade():
    with op.batch_alter_table('station', schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default='')
            )


def downgrade():
    with op.batch_alter_table('station', schema=None) as batch_op:
        for name, _length in reversed(COLUMNS):
            batch_op.drop_column(name)
