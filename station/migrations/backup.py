"""A copy of a station's SQLite database, taken before an upgrade changes it."""

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from ..config import PRIVATE_FOLDER, make_private, private_sqlite_files


def back_up_sqlite(database: Path, folder: Path, revision: str) -> Path:
    """Copy ``database`` into ``folder`` with SQLite's backup API and return the copy's path.

    The backup API, not a file copy: it takes a consistent snapshot that includes what
    is still in the write-ahead log, even while the database is open elsewhere.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    make_private(folder, PRIVATE_FOLDER)
    target = _free_name(folder, f"station-before-upgrade-{revision}-{datetime.now():%Y%m%d-%H%M%S}")
    private_sqlite_files(target)  # a copy of every case holds as much as the database itself
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def _free_name(folder: Path, stem: str) -> Path:
    # Two upgrades within a second must not overwrite the first one's copy.
    target, number = folder / f"{stem}.db", 1
    while target.exists():
        number += 1
        target = folder / f"{stem}-{number}.db"
    return target
