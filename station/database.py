"""The database: SQLite settings, write transactions, and the schema's version.

SQLite is the station PC's default; PostgreSQL serves a county. On SQLite every
connection gets WAL, foreign keys and a busy timeout, and a request that may
write (any method but GET/HEAD/OPTIONS) opens its transaction with
``BEGIN IMMEDIATE``: a transaction that first reads and later writes could
otherwise fail at once when another writer got in between.
"""

from collections import namedtuple
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, abort, current_app, has_request_context, request
from sqlalchemy import event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import Engine, Result
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from werkzeug.routing import IntegerConverter, Map

from .config import private_sqlite_files
from .extensions import db

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
write_intent: ContextVar[bool] = ContextVar("write_intent", default=False)
F = TypeVar("F", bound=Callable[..., Any])


def reads_only(view: F) -> F:
    """Mark a POST view that writes nothing: its transaction begins as a read (``BEGIN``).

    For a search sent by POST only to keep its terms out of the address bar and the
    browser's history (a phone or ID number), which must not queue behind writers."""
    view.reads_only = True  # type: ignore[attr-defined]
    return view


def built_once(build: F) -> F:
    """``build``'s statement, built on first use (for each argument, a model say) and
    kept; its values are ``bindparam``s, given at each execution.

    SQLAlchemy works out a statement's cache key anew for every new statement object, and
    remembers it on the object: a case list's rows cost 72 µs to build and 104 µs to key,
    every request, before their compiled form is found (README "Benchmark"). A statement
    built once costs its execution only."""
    return cache(build)  # type: ignore[return-value]


class SchemaError(RuntimeError):
    """The database's schema does not match this version of the code."""


def init_app(app: Flask) -> None:
    # Before any blueprint adds its routes: they take ``<int:...>`` from here.
    app.url_map.converters["int"] = RowIdConverter
    app.before_request(refuse_nul)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            if db.engine.url.database not in (None, "", ":memory:"):
                private_sqlite_files(Path(db.engine.url.database))
            _tune_sqlite(db.engine, int(app.config["SQLITE_BUSY_TIMEOUT_MS"]))
    elif app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        with app.app_context():
            _tune_postgresql(db.engine)


# ---------------------------------------------------------------- values it cannot hold

MAX_ROW_ID = 2**31 - 1  # ids are INTEGER columns: PostgreSQL's stop here


class RowIdConverter(IntegerConverter):
    """``<int:...>`` in a URL: a number no row can have is no such page (404).

    Beyond 32 bits PostgreSQL refuses the query ("integer out of range") and
    beyond 64 SQLite's driver raises OverflowError: such a number must never
    reach a query.
    """

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ROW_ID)
        super().__init__(url_map, *args, **kwargs)


def plain_rows(result: Result) -> Iterator[Any]:
    """The rows of ``result`` as named tuples, for a loop that reads thousands of rows by
    column name: SQLAlchemy's row reads a column by name in about 0.4 µs, a named tuple in
    0.03 (the summary's 11,000 still-open cases at a million: 71 -> 5 ms of reading, for
    10 ms of making the tuples)."""
    return map(_row_class(tuple(result.keys()))._make, result)


@cache
def _row_class(fields: tuple[str, ...]) -> type:
    return namedtuple("PlainRow", fields)


def row_id(value: str | None) -> int | None:
    """A query parameter as a row id, or None when it cannot be one."""
    number = int(value) if value and value.isascii() and value.isdigit() else 0
    return number if 0 < number <= MAX_ROW_ID else None


MAX_PAGE = 100_000


def page_number() -> int:
    """``?page=`` as a page number: 1 when it is not one, and never an offset the database
    cannot hold (a page past the last simply shows no rows)."""
    number = request.args.get("page", 1, type=int)
    return min(max(number, 1), MAX_PAGE)


def refuse_nul() -> None:
    """A request carrying a NUL character is a bad request (400), whatever the page.

    PostgreSQL text cannot hold NUL (the driver raises, a 500), SQLite would
    store it, and no form or address of this application ever needs one.
    """
    sources = [request.args] if request.method in SAFE_METHODS else [request.args, request.form]
    pairs = [pair for source in sources for pair in source.items(multi=True)]
    if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, v in pairs):
        abort(400)


class sqlite_unindexed(FunctionElement):
    """``column`` as SQLite must not seek by (``+column``: SQLite's way of keeping a term
    off an index), and the plain column elsewhere. PostgreSQL plans by its statistics; a
    ``+ 0`` there hid the term from them too: a month's repeat complaints ran 14 ms ->
    67 s at a million cases (summary/returns.py)."""

    name = "sqlite_unindexed"
    inherit_cache = True

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(sqlite_unindexed)
def _plain_column(element: sqlite_unindexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(sqlite_unindexed, "sqlite")
def _unindexed_column(element: sqlite_unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


class _SQLiteCompiler(SQLiteCompiler):
    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        # SQLAlchemy writes no table hint for SQLite; this writes ``with_hint(Case,
        # "INDEXED BY ix", "sqlite")`` after the table, for the few queries whose index
        # SQLite without statistics would choose by the schema's order (cases/attention.py).
        return text


def _tune_sqlite(engine: Engine, busy_ms: int) -> None:
    engine.dialect.statement_compiler = _SQLiteCompiler

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {busy_ms}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        # Freed pages are zeroed, so that a deleted or rewritten text does not linger in the
        # file (docs/threat-model.md).
        cur.execute("PRAGMA secure_delete = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _may_write() else "BEGIN")


def _tune_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        # No JIT compiling: it pays off for queries that run for seconds, and the planner
        # takes it up for a search whose matches it overestimates, adding 10-20 ms to a
        # statement that runs in 2 (a rare word's search at a million cases: 32 -> 15 ms).
        autocommit = dbapi_conn.autocommit
        dbapi_conn.autocommit = True
        cur = dbapi_conn.cursor()
        cur.execute("SET jit = off")
        cur.close()
        dbapi_conn.autocommit = autocommit


def _may_write() -> bool:
    if write_intent.get():
        return True
    if has_request_context():
        view = current_app.view_functions.get(request.endpoint or "")
        return request.method not in SAFE_METHODS and not getattr(view, "reads_only", False)
    return True


def _alembic_config() -> Config:
    migrate_ext = current_app.extensions["migrate"]
    return migrate_ext.migrate.get_config(migrate_ext.directory)


def current_revisions() -> set[str]:
    """The revisions the database is at (none when it has no schema yet)."""
    with db.engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def schema_state() -> str:
    """``"current"``, ``"empty"``, ``"behind"`` or ``"newer"`` (a revision this code lacks)."""
    script = ScriptDirectory.from_config(_alembic_config())
    heads = current_revisions()
    if not heads:
        return "empty"
    known = {rev.revision for rev in script.walk_revisions()}
    if heads - known:
        return "newer"
    return "current" if heads == set(script.get_heads()) else "behind"


def upgrade_schema() -> None:
    """Create or upgrade the schema to this code's version, keeping every row."""
    if schema_state() == "newer":
        raise SchemaError(
            "The database was written by a newer version of Station Desk. "
            "Install that version (or newer) instead of this one; nothing was changed."
        )
    before = current_revisions()
    # Alembic's own command, not Flask-Migrate's: that one turns a failed upgrade
    # (a RuntimeError such as SchemaError from env.py) into a log line and exit 1.
    command.upgrade(_alembic_config(), "head")
    if before & BEFORE_SEALING:
        scrub_freed_space()


# Revisions before 0006_confidential, which sealed the reports that were in plain text.
BEFORE_SEALING = frozenset(
    {
        "0001_foundation",
        "0002_cases",
        "0003_sessions",
        "0004_clocks",
        "0005_station_contact",
    }
)
_SCRUBBED = (
    "cases",
    "case_event",
    "case_search",
    "transfer",
    "extension",
    "enclosure",
    "attachment",
)


def scrub_freed_space() -> None:
    """After sealing: rewrite the database so that no old page keeps a report's plain text.

    SQLite: VACUUM with secure_delete, then empty the WAL. PostgreSQL: VACUUM FULL of the
    tables that held it (old row versions stay in a table's file until then)."""
    if db.engine.dialect.name == "sqlite":
        raw = db.engine.raw_connection()
        try:
            conn = raw.driver_connection  # autocommit: VACUUM cannot run in a transaction
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM FULL " + ", ".join(f'"{t}"' for t in _SCRUBBED))
