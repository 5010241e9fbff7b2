"""A station's signing key: the private key a file of the instance folder, the public key
in the database (docs/domain.md "Submitting a month").

As with the confidentiality key (``confidential/keyring.py``), the secret stays out of the
database, so that a copy of the database alone cannot sign in the station's name, and the
database keeps what tells a wrong file from the right one: here the public key itself.
One file per station (an installation may serve several):
``<instance>/summary_keys/station-<id>.pem`` (PKCS#8 PEM, unencrypted, mode 0600 where the
system has modes). The backup must hold this folder as well as the database.

With no public key recorded for the station, the first submission makes a key (or takes the
file that is there) and records its public half; after that the file must match it, or
``KeyProblem`` stops the submission with a message that says what to put back.
"""

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from ..extensions import db
from . import signing
from .models import StationKey

KEY_DIR = "summary_keys"


class KeyProblem(RuntimeError):
    """The station's key file is missing, unreadable or not the one the database knows."""


def key_file(instance: Path, station_id: int) -> Path:
    return Path(instance) / KEY_DIR / f"station-{station_id}.pem"


def public_key(station_id: int) -> StationKey | None:
    """The station's registered public key, or None before its first submission."""
    return db.session.scalar(select(StationKey).where(StationKey.station_id == station_id))


def _read(path: Path) -> Ed25519PrivateKey:
    try:
        return signing.load_private_pem(path.read_bytes())
    except (OSError, ValueError, TypeError) as exc:
        raise KeyProblem(f"The station's signing key file {path} cannot be read.") from exc


def _create(path: Path) -> Ed25519PrivateKey:
    key = signing.new_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: never replace a key file (it would orphan the registered public key).
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(signing.private_pem(key))
    return key


def signing_key(instance: Path, station_id: int) -> tuple[Ed25519PrivateKey, StationKey]:
    """The station's private key, checked against (or first recorded in) the database.
    Adds the StationKey row on first use; the caller commits."""
    path = key_file(instance, station_id)
    known = public_key(station_id)
    if known is None:
        key = _read(path) if path.exists() else _create(path)
        raw = signing.raw_public(key.public_key())
        known = StationKey(
            station_id=station_id,
            public_key=raw,
            fingerprint=signing.fingerprint(key.public_key()),
        )
        db.session.add(known)
        db.session.flush()
        return key, known
    if not path.exists():
        raise KeyProblem(
            f"The station's signing key file {path} is missing. Put it back from the backup "
            "of this instance folder; nothing was submitted."
        )
    key = _read(path)
    if signing.raw_public(key.public_key()) != known.public_key:
        raise KeyProblem(
            f"The signing key file {path} is not this station's registered key. Put back the "
            "file that belongs to this database; nothing was submitted."
        )
    return key, known
