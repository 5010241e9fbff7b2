"""the confidentiality gate: sealed reports, their own numbers, receipts, the access log

Revision ID: 0006_confidential
Revises: 0005_station_contact
Create Date: 2026-12-02

Hand-reviewed. New tables only, no column of an existing table changes:

- ``sealed``: the words of a report's records, encrypted (AES-GCM) under the key in
  the instance folder (``report_key``), and ``key_check``, which tells that key
  from a wrong one;
- ``report_sequence`` (JB2026-001), ``report_exclusion`` (persons reported, as
  keyed hashes of user ids), ``report_identity`` (keyed hashes of a reporter's
  phone and ID number), ``report_receipt``, ``disclosure``, ``referral`` (to the
  discipline commission);
- ``report_access``, the access log, append-only by trigger like the audit log.

Then it seals the reports that exist: every protected field of the case, its
events, transfers, extensions, enclosures and attachment names goes into
``sealed`` and the column is blanked; the search row gets blind tokens; last,
each attachment file of a report on disk is replaced by its sealed bytes. The
timeline's append-only trigger is lifted for this transaction only, put back
before it ends, and the audit log says so. References stay as they were.
``database.upgrade_schema`` then vacuums with secure_delete (docs/threat-model.md),
so that the old plain text is gone from the file, not only from the tables.

Downgrade drops the new tables; it cannot unseal (it would write the words back
in plain text), so a database with sealed reports refuses to go down.
"""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from flask import current_app

from station.confidential.keys import CHECK_PLAIN, create_key, read_key
from station.migrations.triggers import refuse_changes
from station.search.index import tokens

revision = '0006_confidential'
down_revision = '0005_station_contact'
branch_labels = None
depends_on = None

# The protected fields as this revision knows them (station/confidential/sealing.py).
PROTECTED = {
    "cases": ("case", "id", (
        "subject", "content", "summary", "person_name", "person_phone", "person_id_number",
        "person_address", "postcode", "identity_document", "demands", "earlier_petitions",
        "skip_or_repeat_reason", "representatives", "external_ref", "superior_name",
        "superior_ref",
    )),
    "case_event": ("event", "case_id", ("note", "data")),
    "transfer": ("transfer", "case_id", ("unit", "request", "result")),
    "extension": ("extension", "case_id", ("reason", "decision_note")),
    "enclosure": ("enclosure", "case_id", ("description", "kept_at")),
    "attachment": ("attachment", "case_id", ("filename",)),
}  # fmt: skip
JSON_FIELDS = {"data"}


def upgrade():
    _create_tables()
    refuse_changes("report_access")
    _seal_existing_reports()


def _create_tables():
    op.create_table(
        'sealed',
        sa.Column('owner', sa.String(length=20), nullable=False),
        sa.Column('owner_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('blob', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('owner', 'owner_id'),
    )
    op.create_index('ix_sealed_case_id', 'sealed', ['case_id'])
    op.create_table(
        'key_check',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('blob', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'report_sequence',
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.PrimaryKeyConstraint('station_id', 'year'),
    )
    op.create_table(
        'report_exclusion',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('user_mac', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('case_id', 'user_mac'),
    )
    op.create_table(
        'report_identity',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('mac', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('case_id', 'mac'),
    )
    op.create_index('ix_report_identity_mac', 'report_identity', ['mac'])
    op.create_table(
        'report_receipt',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('lookup', sa.String(length=64), nullable=False),
        sa.Column('verifier', sa.String(length=255), nullable=False),
        sa.Column('issued_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('case_id'),
        sa.UniqueConstraint('lookup'),
    )
    op.create_table(
        'report_access',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=30), nullable=False),
        sa.Column('address', sa.String(length=45), nullable=False),
        sa.Column('detail', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.ForeignKeyConstraint(['user_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_report_access_at', 'report_access', ['at'])
    op.create_index('ix_report_access_case_id', 'report_access', ['case_id'])
    op.create_index('ix_report_access_station_id', 'report_access', ['station_id'])
    op.create_table(
        'disclosure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('expires_at', sa.DateTime(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('decision_reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['decided_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['requested_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_disclosure_case_id', 'disclosure', ['case_id'])
    op.create_index('ix_disclosure_station_id', 'disclosure', ['station_id'])
    op.create_table(
        'referral',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('decision_reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['decided_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['requested_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['station_id'], ['station.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_referral_case_id', 'referral', ['case_id'])
    op.create_index('ix_referral_station_id', 'referral', ['station_id'])


# ---------------------------------------------------------------- sealing what exists


def _seal_existing_reports():
    conn = op.get_bind()
    cases = sa.table("cases", *(sa.column(c) for c in ("id", "kind", "ref", "station_id")))
    reports = conn.execute(
        sa.select(cases.c.id, cases.c.ref, cases.c.station_id).where(cases.c.kind == "report")
    ).all()
    if not reports:
        return
    keys = _keys(conn)
    ids = [r.id for r in reports]
    _lift_timeline_trigger(conn)
    for table, (owner, case_column, fields) in PROTECTED.items():
        _seal_table(conn, keys, table, owner, case_column, fields, ids)
    _put_back_timeline_trigger()
    for report in reports:
        _reindex(conn, keys, report)
    if conn.dialect.name == "sqlite":
        # FTS5 keeps the old pieces in segments until they are merged: rebuild it whole.
        op.execute("INSERT INTO case_fts(case_fts) VALUES ('rebuild')")
    _audit(conn, len(reports))
    _seal_files(conn, keys, ids)  # last: files are not undone with the transaction


def _seal_files(conn, keys, ids):
    """The reports' attachments on disk: each file replaced by its sealed bytes."""
    attachment = sa.table("attachment", sa.column("case_id"), sa.column("stored_name"))
    cases = sa.table("cases", sa.column("id"), sa.column("station_id"))
    rows = conn.execute(
        sa.select(attachment.c.stored_name, cases.c.station_id)
        .join(cases, cases.c.id == attachment.c.case_id)
        .where(attachment.c.case_id.in_(ids))
    ).all()
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    for stored_name, station_id in rows:
        path = uploads / str(station_id) / stored_name
        if not path.is_file():
            continue  # already missing before the upgrade: nothing to seal
        sealed = keys.seal(path.read_bytes(), "file:" + stored_name)
        part = path.with_name(path.name + ".sealing")
        part.write_bytes(sealed)
        os.replace(part, path)


def _keys(conn):
    instance = Path(current_app.instance_path)
    keys = read_key(instance) or create_key(instance)
    check = sa.table("key_check", sa.column("id"), sa.column("blob"), sa.column("created_at"))
    if conn.scalar(sa.select(check.c.id)) is None:
        conn.execute(check.insert().values(
            id=1, blob=keys.seal(CHECK_PLAIN, "key_check:1"), created_at=_now()
        ))
    return keys


def _seal_table(conn, keys, table, owner, case_column, fields, ids):
    columns = [sa.column(f, sa.JSON) if f in JSON_FIELDS else sa.column(f) for f in fields]
    if case_column != "id":
        columns.insert(0, sa.column(case_column))
    t = sa.table(table, sa.column("id"), *columns)
    sealed = sa.table(
        "sealed", sa.column("owner"), sa.column("owner_id"), sa.column("case_id"),
        sa.column("blob"),
    )
    rows = conn.execute(
        sa.select(t.c.id, t.c[case_column].label("case_id"), *(t.c[f] for f in fields))
        .where(t.c[case_column].in_(ids))
    ).mappings().all()
    for row in rows:
        values = {f: row[f] for f in fields}
        blob = keys.seal(
            json.dumps(values, ensure_ascii=False, default=str).encode("utf-8"),
            f"{owner}:{row['id']}",
        )
        conn.execute(sealed.insert().values(
            owner=owner, owner_id=row["id"], case_id=row["case_id"], blob=blob
        ))
        conn.execute(
            t.update().where(t.c.id == row["id"]).values({f: _blank(f) for f in fields})
        )


def _blank(field):
    if field in JSON_FIELDS:
        return {}
    return ""


def _lift_timeline_trigger(conn):
    """The timeline refuses changes; this one transaction blanks its reports' notes."""
    if conn.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS case_event_no_update")
    else:
        op.execute("ALTER TABLE case_event DISABLE TRIGGER case_event_append_only")


def _put_back_timeline_trigger():
    if op.get_bind().dialect.name == "sqlite":
        refuse_changes("case_event")
    else:
        op.execute("ALTER TABLE case_event ENABLE TRIGGER case_event_append_only")


def _reindex(conn, keys, report):
    """The search row of a sealed report: its reference, and its words' blind tokens only."""
    sealed = sa.table("sealed", sa.column("owner"), sa.column("owner_id"), sa.column("blob"))
    blob = conn.scalar(
        sa.select(sealed.c.blob).where(sealed.c.owner == "case", sealed.c.owner_id == report.id)
    )
    values = json.loads(keys.open(blob, f"case:{report.id}").decode("utf-8"))
    words = [*tokens(report.ref)]
    for piece in dict.fromkeys(tokens(values["subject"], values["content"], values["summary"])):
        words.append("z" + keys.mac("blind", piece)[:24])
    search = sa.table("case_search", sa.column("case_id"), sa.column("tokens"))
    conn.execute(
        search.update().where(search.c.case_id == report.id)
        .values(tokens=" ".join(dict.fromkeys(words)))
    )
    marks = sa.table("report_identity", sa.column("case_id"), sa.column("mac"))
    for value in dict.fromkeys(v for v in (values["person_phone"], values["person_id_number"]) if v):
        conn.execute(marks.insert().values(case_id=report.id, mac=keys.mac("identity", value)))


def _audit(conn, count):
    audit = sa.table(
        "audit_log", sa.column("id"), sa.column("at"), sa.column("action"), sa.column("target"),
        sa.column("detail"), sa.column("actor_name"), sa.column("ip"),
    )
    # The next id by hand: a PostgreSQL sequence need not know of rows copied in with theirs.
    last = conn.scalar(sa.select(sa.func.max(audit.c.id))) or 0
    conn.execute(audit.insert().values(
        id=last + 1, at=_now(), action="reports_sealed", target="case_event", actor_name="",
        ip="cli", detail=json.dumps({"reports": count, "trigger_lifted": "case_event"}),
    ))
    if conn.dialect.name == "postgresql":
        # ...and the sequence is told, so that the app's next entry does not take that id.
        op.execute(
            "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), "
            "(SELECT max(id) FROM audit_log))"
        )


def _now():
    return datetime.now(UTC).replace(tzinfo=None)


def downgrade():
    conn = op.get_bind()
    if conn.scalar(sa.text("SELECT count(*) FROM sealed")):
        raise RuntimeError(
            "This database holds sealed reports; going back to a version without the "
            "confidentiality gate would lose them. Restore the backup taken before the upgrade."
        )
    for table in ('referral', 'disclosure', 'report_access', 'report_receipt', 'report_identity',
                  'report_exclusion', 'report_sequence', 'key_check', 'sealed'):
        op.drop_table(table)
