"""Figures computed once and kept until the data under them changes (docs/domain.md "The
monthly summary": what a month's summary costs).

The stamp: every connection of the app that runs an INSERT, UPDATE or DELETE on a table
other than the logs that a mere reading of a page writes (sessions, login failures, the
audit and access logs) is marked; when it goes back to the pool, after its commit or its
rollback, the stamp moves on. ``remembered`` keeps what it computed under the stamp it
read *before* computing: a write that commits meanwhile moves the stamp, so what was
computed from the data before it is never served after it.

The stamp is this process's. A write by another process (a CLI command while the server
runs) is seen once an entry is ``MAX_AGE_SECONDS`` old.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db

# What a GET may write: none of it is a figure of the register.
LOG_TABLES = frozenset(
    {"user_session", "login_failure", "login_lock", "audit_log", "report_access"}
)
MAX_ENTRIES = 64
MAX_AGE_SECONDS = 60.0
_WROTE = "station_wrote"
_EXTENSION = "station.remembered"
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
T = TypeVar("T")


class _Stamp:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.Lock()

    def move(self) -> None:
        with self.lock:
            self.value += 1


_stamp = _Stamp()


def stamp() -> int:
    """A number that has moved on since any write of this process committed."""
    return _stamp.value


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = Remembered()
    with app.app_context():
        watch(db.engine)


def watch(engine: Engine) -> None:
    if not event.contains(engine, "after_cursor_execute", _after_execute):
        event.listen(engine, "after_cursor_execute", _after_execute)
        event.listen(engine, "checkin", _checked_in)


def _after_execute(conn, _cursor, statement: str, _params, context, _many) -> None:
    if context is not None and (context.isinsert or context.isupdate or context.isdelete):
        table = getattr(getattr(context.compiled, "statement", None), "table", None)
        if getattr(table, "name", None) in LOG_TABLES:
            return
    elif not statement.lstrip()[:8].upper().startswith(_WRITES):
        return
    conn.info[_WROTE] = True


def written_here() -> bool:
    """Whether this request's transaction has written: what it reads then may be its own
    change, not yet committed, and must neither be kept nor be answered from what is."""
    session = db.session()
    if session.new or session.dirty or session.deleted:
        return True
    return session.in_transaction() and bool(session.connection().info.get(_WROTE))


def _checked_in(_dbapi_connection, record) -> None:
    # After the commit (or the rollback): what a write changed is there to be read.
    if record is not None and record.info.pop(_WROTE, False):
        _stamp.move()


class Remembered:
    """A few computed values by key, each kept while the stamp has not moved and it is
    young; the least recently used go first."""

    def __init__(self, size: int = MAX_ENTRIES, max_age: float = MAX_AGE_SECONDS) -> None:
        self.size, self.max_age = size, max_age
        self._entries: OrderedDict[Hashable, tuple[int, float, Any]] = OrderedDict()
        self._making: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        seen = stamp()
        with self._lock:
            found = self._fresh(key, seen)
            if found is not None:
                return found[0]
            making = self._making.setdefault(key, threading.Lock())
        # One computes, the others asking for the same key meanwhile wait for its result:
        # eight users opening a county's summary at once must not count it eight times.
        with making:
            with self._lock:
                found = self._fresh(key, seen)
            if found is not None:
                return found[0]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._making.pop(key, None)
            with self._lock:
                self._entries[key] = (seen, time.monotonic(), value)
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value

    def _fresh(self, key: Hashable, seen: int) -> tuple[Any] | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] != seen or time.monotonic() - entry[1] >= self.max_age:
            return None
        self._entries.move_to_end(key)
        return (entry[2],)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for ``key`` since the last write committed; computed
    anew, and not kept, in a transaction that has written (``written_here``)."""
    if written_here():
        return compute()
    return current_app.extensions[_EXTENSION].get(key, compute)
