"""The app's confidentiality key, checked against the database before its first use.

A database that holds sealed reports has a key check (``key_check``): a known text
sealed under the key. With no key file and no check, a new key is made; with a
check, the key must open it. A missing or wrong key stops with KeyProblem and a
message that says what to do; nothing is ever sealed again under a new key.
"""

from pathlib import Path

from flask import current_app
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from .keys import CHECK_PLAIN, KeyProblem, Keys, SealBroken, create_key, key_file, read_key
from .models import KeyCheck

_CONTEXT = "key_check:1"
_CACHE = "station.confidential.keys"


def keys_for(instance: Path, connection: Connection) -> Keys:
    """The key of ``instance``, checked against (or first recorded in) the database."""
    check = connection.scalar(select(KeyCheck.blob).where(KeyCheck.id == 1))
    keys = read_key(instance)
    if check is None:
        keys = keys or create_key(instance)
        connection.execute(insert(KeyCheck).values(id=1, blob=keys.seal(CHECK_PLAIN, _CONTEXT)))
        return keys
    if keys is None:
        raise KeyProblem(
            f"The confidentiality key file {key_file(instance)} is missing, but this database "
            "holds sealed reports. Put back the report_key file from the backup of this "
            "instance folder; nothing was changed."
        )
    try:
        if keys.open(check, _CONTEXT) != CHECK_PLAIN:
            raise SealBroken(_CONTEXT)
    except SealBroken as exc:
        raise KeyProblem(
            f"The confidentiality key file {key_file(instance)} is not the key this database "
            "was sealed with. Put back the report_key file that belongs to this database; "
            "nothing was changed."
        ) from exc
    return keys


def current_keys(connection: Connection) -> Keys:
    """The running app's key, checked once per app."""
    cached = current_app.extensions.get(_CACHE)
    if cached is None:
        cached = keys_for(Path(current_app.instance_path), connection)
        current_app.extensions[_CACHE] = cached
    return cached


def prepare() -> None:
    """For ``station init`` and ``station demo``: the key made on the first run (and its
    check recorded), else checked; so the key file exists before anything is sealed."""
    from ..extensions import db

    with db.engine.begin() as connection:
        current_app.extensions.pop(_CACHE, None)
        current_keys(connection)


def check_at_start() -> None:
    """For ``station serve`` and the WSGI entry: a missing or wrong key stops the start
    (a database with no sealed report yet needs no key yet)."""
    from ..extensions import db

    with db.engine.connect() as connection:
        if connection.scalar(select(KeyCheck.id).where(KeyCheck.id == 1)) is None:
            return
        current_keys(connection)
