"""the one list of clocks: cases.next_due

Revision ID: 0004_clocks
Revises: 0003_sessions
Create Date: 2026-12-01

A case's next due date is the earliest due date of the running clocks it owes
the public or a superior (station/rules/clocks.py keeps it from now on). Existing
cases get it here, by the rule as it stands in this revision, written out so
that the migration does not change when the code does. From this revision an
approved extension moves the close deadline with the reply's (later by as many
days, on a working day): open extended cases get theirs moved here, counted on
the official calendar (local overrides are not read inside a migration).
"""
from datetime import date

from alembic import op
import sqlalchemy as sa

from station.rules.workdays import WorkCalendar


revision = '0004_clocks'
down_revision = '0003_sessions'
branch_labels = None
depends_on = None

OPEN = {"registered", "accepted", "in_progress", "replied", "followed_up"}
BEFORE_REPLY = {"registered", "accepted", "in_progress"}


def extended_close(row, calendar) -> date:
    if row.extended_to is None or row.extended_to <= row.due_reply:
        return row.due_close
    return calendar.due_date(row.due_close, (row.extended_to - row.due_reply).days, "days")


def next_due(row, close):
    """The earliest due date among the running owed clocks of one case row, or None."""
    if row.status not in OPEN:
        return None
    running = [close]
    if row.contacted_at is None:
        running.append(row.due_contact)
    if row.status in BEFORE_REPLY:
        running += [row.extended_to or row.due_reply, row.external_due, row.superior_due]
    if row.status == "replied":
        running.append(row.due_followup)
    return min(d for d in running if d is not None)


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_due', sa.Date(), nullable=True))
        batch_op.create_index('ix_case_station_next_due', ['station_id', 'next_due'], unique=False)

    bind = op.get_bind()
    # Typed: SQLite gives untyped columns back as strings, which cannot be subtracted.
    dates = ("due_contact", "due_reply", "extended_to", "external_due", "superior_due",
             "due_followup", "due_close", "next_due")
    cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("status", sa.String),
                     sa.column("contacted_at", sa.DateTime),
                     *[sa.column(c, sa.Date) for c in dates])
    rows = bind.execute(sa.select(cases).where(cases.c.status.in_(sorted(OPEN)))).all()
    calendar = WorkCalendar()
    for row in rows:
        close = extended_close(row, calendar)
        bind.execute(
            sa.update(cases).where(cases.c.id == row.id)
            .values(due_close=close, next_due=next_due(row, close))
        )


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_case_station_next_due')
        batch_op.drop_column('next_due')
