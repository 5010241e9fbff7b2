"""Stations that run alone: registering their keys and importing their summary files
(docs/domain.md "The county's view"). The views and the command ``station import-summary``
both come here; the caller commits.

A file is imported only when it is a summary file of a format this installation reads,
comes from a registered station, holds under that station's key, and is not in already.
Anything else is refused with a message that says which, and nothing is saved.
"""

import json
import re

from sqlalchemy import func, select

from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Station, User
from ..summary import data, signing
from .models import ImportedSummary, RemoteStation

NAME_MAX = 100
_HEX32 = re.compile(r"[0-9A-F]{32}")

REASON_MESSAGES = {
    signing.NOT_SUMMARY: _l("This is not a summary file of Station Desk."),
    signing.NEWER_FORMAT: _l(
        "This summary file comes from a newer version of Station Desk. Update this "
        "installation, then import it again."
    ),
    signing.ALTERED: _l(
        "This summary file was altered after it was signed: its figures cannot be trusted. "
        "Ask the station for the file again."
    ),
    signing.WRONG_KEY: _l(
        "This summary file was not signed with the key registered for its station."
    ),
}


class Refused(ValueError):
    """Nothing was saved; ``message`` says why, in the user's language."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


# ---------------------------------------------------------------- registering a station


def typed_fingerprint(text: str) -> str | None:
    """A fingerprint as typed (any case, with or without hyphens or spaces), written as
    ``signing.fingerprint`` writes it; None when it is not one."""
    digits = re.sub(r"[\s\-]", "", text or "").upper()
    if not _HEX32.fullmatch(digits):
        return None
    return "-".join(digits[i : i + 4] for i in range(0, 32, 4))


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise Refused(_l("Give the station's name."))
    if len(name) > NAME_MAX:
        raise Refused(_l("A station's name has at most %(n)d characters.", n=NAME_MAX))
    if db.session.scalar(select(Station.id).where(Station.name == name)):
        raise Refused(_l("%(name)s is a station of this installation: it needs no key.", name=name))
    if db.session.scalar(select(RemoteStation.id).where(RemoteStation.name == name)):
        raise Refused(_l("A station named %(name)s is registered already.", name=name))
    return name


def register(name: str, *, pem: bytes | None, typed: str, by: User) -> RemoteStation:
    """Register a station that runs alone by its public key file (PEM) or by its
    fingerprint typed in; ``Refused`` with nothing saved."""
    name = _check_name(name)
    raw = None
    if pem:
        try:
            key = signing.load_public_pem(pem)
        except (ValueError, TypeError):
            raise Refused(_l("This is not a station's public key file.")) from None
        fingerprint, raw = signing.fingerprint(key), signing.raw_public(key)
    else:
        fingerprint = typed_fingerprint(typed)
        if fingerprint is None:
            raise Refused(
                _l(
                    "A fingerprint is 32 letters and digits (0–9, A–F), as the station's "
                    "page shows it."
                )
            )
    if db.session.scalar(select(RemoteStation.id).where(RemoteStation.fingerprint == fingerprint)):
        raise Refused(_l("This key is registered already, for another station."))
    station = RemoteStation(name=name, fingerprint=fingerprint, public_key=raw, registered_by=by)
    db.session.add(station)
    db.session.flush()
    return station


def remote_stations() -> list[RemoteStation]:
    return list(db.session.scalars(select(RemoteStation).order_by(RemoteStation.name)))


# ---------------------------------------------------------------- importing a file


def _key_of(station: RemoteStation, document: dict):
    """The station's key: the registered one, or (registered by fingerprint) the file's own
    key when its fingerprint is the registered one."""
    if station.public_key is not None:
        return signing.public_from_raw(station.public_key)
    key = signing.public_key_of(document)
    if key is None or signing.fingerprint(key) != station.fingerprint:
        raise Refused(REASON_MESSAGES[signing.WRONG_KEY])
    return key


def _readable(verified: signing.Verified) -> None:
    schema = verified.data.get("schema")
    if isinstance(schema, int) and schema > data.SCHEMA:
        raise Refused(REASON_MESSAGES[signing.NEWER_FORMAT])
    try:
        data.load(verified.data)
    except (KeyError, TypeError, ValueError):
        raise Refused(REASON_MESSAGES[signing.NOT_SUMMARY]) from None


def _not_in_yet(station: RemoteStation, verified: signing.Verified) -> None:
    found = db.session.scalar(
        select(ImportedSummary).where(
            ImportedSummary.remote_station_id == station.id,
            ImportedSummary.month == verified.month,
            ImportedSummary.version == verified.version,
        )
    )
    if found is not None:
        raise Refused(
            _l(
                "%(station)s's summary of %(month)s, version %(version)d, is imported already.",
                station=station.name,
                month=verified.month,
                version=verified.version,
            )
        )


def import_file(file_bytes: bytes, by: User | None) -> ImportedSummary:
    """Import one summary file; ``Refused`` with nothing saved."""
    try:
        document = signing.read_document(file_bytes)
    except signing.NotVerified as exc:
        raise Refused(REASON_MESSAGES[exc.reason]) from None
    station = db.session.scalar(
        select(RemoteStation).where(RemoteStation.fingerprint == str(document.get("fingerprint")))
    )
    if station is None:
        raise Refused(
            _l(
                "This summary file comes from a station that is not registered here. Register "
                "the station's key first."
            )
        )
    try:
        verified = signing.verify(file_bytes, _key_of(station, document))
    except signing.NotVerified as exc:
        raise Refused(REASON_MESSAGES[exc.reason]) from None
    _readable(verified)
    _not_in_yet(station, verified)
    if station.public_key is None:
        station.public_key = signing.raw_public(signing.public_key_of(document))
    row = ImportedSummary(
        station=station,
        month=verified.month,
        version=verified.version,
        data=data.canonical(verified.data).decode(),
        sha256=verified.sha256,
        signature=str(document["signature"]),
        station_name=verified.station_name,
        submitted_by=verified.submitted_by,
        submitted_at=verified.submitted_at,
        imported_by_id=by.id if by is not None else None,
    )
    db.session.add(row)
    db.session.flush()
    return row


def latest(month_key: str) -> list[ImportedSummary]:
    """The newest imported version of each remote station's month, by station name."""
    newest = (
        select(ImportedSummary.remote_station_id, func.max(ImportedSummary.version).label("v"))
        .where(ImportedSummary.month == month_key)
        .group_by(ImportedSummary.remote_station_id)
        .subquery()
    )
    rows = db.session.scalars(
        select(ImportedSummary)
        .join(
            newest,
            (newest.c.remote_station_id == ImportedSummary.remote_station_id)
            & (newest.c.v == ImportedSummary.version),
        )
        .where(ImportedSummary.month == month_key)
    )
    return sorted(rows, key=lambda r: r.station.name)


def recent(limit: int = 50) -> list[ImportedSummary]:
    return list(
        db.session.scalars(
            select(ImportedSummary).order_by(ImportedSummary.imported_at.desc()).limit(limit)
        )
    )


def summary_of(row: ImportedSummary):
    return data.load(json.loads(row.data))


def earliest_month() -> str | None:
    return db.session.scalar(select(func.min(ImportedSummary.month)))
