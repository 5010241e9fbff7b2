"""server-side sessions, failed logins and login locks

Revision ID: 0003_sessions
Revises: 0002_cases
Create Date: 2026-12-01 20:00:29.453225

Hand-reviewed: three new tables, nothing else changes. Autogenerate also proposed
dropping the case_fts* tables (the SQLite search index it does not know); removed.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003_sessions"
down_revision = "0002_cases"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.Column("user_agent", sa.String(length=200), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("end_reason", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_user_session_user_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_session_token_hash")),
    )
    op.create_index(op.f("ix_user_session_user_id"), "user_session", ["user_id"])

    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_login_failure_user_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failure")),
    )
    op.create_index("ix_login_failure_ip_at", "login_failure", ["ip", "at"])
    op.create_index("ix_login_failure_user_id_ip_at", "login_failure", ["user_id", "ip", "at"])

    op.create_table(
        "login_lock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("locked_at", sa.DateTime(), nullable=False),
        sa.Column("until", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_login_lock_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_lock")),
    )
    op.create_index("ix_login_lock_ip_until", "login_lock", ["ip", "until"])
    op.create_index(op.f("ix_login_lock_user_id"), "login_lock", ["user_id"])


def downgrade():
    op.drop_table("login_lock")  # dropping a table drops its indexes
    op.drop_table("login_failure")
    op.drop_table("user_session")
