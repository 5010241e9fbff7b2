"""Signing a submitted month, and the summary file that carries it (no Flask here).

A station signs with its own Ed25519 key (``cryptography``). What is signed is the
*statement*: the canonical JSON of the file's header (format, station, month, version, who
and when) with the SHA-256 of the data's canonical bytes, so that neither a figure nor the
version number nor the station can be changed without the signature failing.

The fingerprint of a key is written for people to read aloud and type: the SHA-256 of the
raw 32-byte public key, its first 16 bytes in hex capitals, in eight groups of four joined
by hyphens (``3F2A-9C01-…``, 39 characters). The county registers a station's key by
file (PEM) or by typing it.

The summary FILE is one JSON document (UTF-8)::

    {"format": "station-desk-summary", "format_version": 1,
     "station": {"code": "…", "name": "…"}, "month": "2026-10", "version": 2,
     "submitted_at": "2026-11-03T02:15:00Z", "submitted_by": "…",
     "sha256": "…", "fingerprint": "…", "public_key": "…", "signature": "…",
     "data": {…}}

``verify`` reads it back, raising ``NotVerified`` with one of ``REASONS``.
"""

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .data import canonical

FORMAT = "station-desk-summary"
FORMAT_VERSION = 1
NOT_SUMMARY, NEWER_FORMAT, ALTERED, WRONG_KEY = (
    "not_summary",
    "newer_format",
    "altered",
    "wrong_key",
)
REASONS = (NOT_SUMMARY, NEWER_FORMAT, ALTERED, WRONG_KEY)
_HEADER = ("station", "month", "version", "submitted_at", "submitted_by")


class NotVerified(ValueError):
    """A file that is not a summary file, or whose signature does not hold; ``reason`` is
    one of ``REASONS`` (the views say it in the user's language)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


# ---------------------------------------------------------------- keys


def new_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_private_pem(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_from_raw(raw: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(raw)


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_pem(pem: bytes) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    """Eight groups of four hex capitals: the first 128 bits of SHA-256(raw public key)."""
    digest = hashlib.sha256(raw_public(key)).hexdigest()[:32].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


# ---------------------------------------------------------------- signing


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Header:
    station_code: str
    station_name: str
    month: str  # "YYYY-MM"
    version: int
    submitted_at: datetime  # UTC, naive
    submitted_by: str  # the head's name, as shown

    def as_dict(self) -> dict[str, Any]:
        return {
            "station": {"code": self.station_code, "name": self.station_name},
            "month": self.month,
            "version": self.version,
            "submitted_at": self.submitted_at.replace(microsecond=0).isoformat() + "Z",
            "submitted_by": self.submitted_by,
        }


def statement(header: dict[str, Any], sha256: str) -> bytes:
    """The bytes signed: format, header and the data's SHA-256, canonical."""
    return canonical(
        {"format": FORMAT, "format_version": FORMAT_VERSION, **header, "sha256": sha256}
    )


def sign(key: Ed25519PrivateKey, header: Header, data_bytes: bytes) -> str:
    """The signature (base64) of ``header`` over data whose canonical bytes are given."""
    signed = statement(header.as_dict(), sha256_hex(data_bytes))
    return base64.b64encode(key.sign(signed)).decode("ascii")


def summary_file(
    header: Header, data_bytes: bytes, signature: str, key_fingerprint: str, key_raw: bytes
) -> bytes:
    """The file of a submitted version, from what the station stored when it signed. It
    carries the public key too, so that a county that registered the station by typing its
    fingerprint can check the key against it (``public_key_of``) and then the signature."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        **header.as_dict(),
        "sha256": sha256_hex(data_bytes),
        "fingerprint": key_fingerprint,
        "public_key": base64.b64encode(key_raw).decode("ascii"),
        "signature": signature,
        "data": json.loads(data_bytes),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


# ---------------------------------------------------------------- verifying


@dataclass(frozen=True)
class Verified:
    station_code: str
    station_name: str
    month: str
    version: int
    submitted_at: str
    submitted_by: str
    sha256: str
    fingerprint: str
    data: dict[str, Any]


def _document(file_bytes: bytes) -> dict[str, Any]:
    try:
        document = json.loads(file_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotVerified(NOT_SUMMARY, "not JSON") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NotVerified(NOT_SUMMARY, "no summary format")
    version = document.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise NotVerified(NOT_SUMMARY, "no format version")
    if version > FORMAT_VERSION:
        raise NotVerified(NEWER_FORMAT, f"format version {version}")
    return document


def read_document(file_bytes: bytes) -> dict[str, Any]:
    """The file's JSON document, or ``NotVerified`` (not a summary file, newer format)."""
    return _document(file_bytes)


def public_key_of(document: dict[str, Any]) -> Ed25519PublicKey | None:
    """The public key the file says it was signed with (unchecked), or None."""
    try:
        return public_from_raw(base64.b64decode(str(document["public_key"]), validate=True))
    except (KeyError, ValueError, TypeError, binascii.Error):
        return None


def verify(file_bytes: bytes, public_key: Ed25519PublicKey) -> Verified:
    """The contents of a summary file signed by ``public_key``, or ``NotVerified``."""
    doc = _document(file_bytes)
    try:
        header = {name: doc[name] for name in _HEADER}
        station, data, sha, sig = doc["station"], doc["data"], doc["sha256"], doc["signature"]
        code, name = str(station["code"]), str(station["name"])
        signature = base64.b64decode(sig, validate=True)
        month, version = str(header["month"]), int(header["version"])
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise NotVerified(NOT_SUMMARY, "a field is missing") from exc
    if not isinstance(data, dict):
        raise NotVerified(NOT_SUMMARY, "no data")
    if doc.get("fingerprint") != fingerprint(public_key):
        raise NotVerified(WRONG_KEY, str(doc.get("fingerprint")))
    if sha256_hex(canonical(data)) != sha:
        raise NotVerified(ALTERED, "the data's SHA-256 differs")
    try:
        public_key.verify(signature, statement(header, sha))
    except InvalidSignature as exc:
        raise NotVerified(ALTERED, "the signature does not hold") from exc
    return Verified(
        station_code=code,
        station_name=name,
        month=month,
        version=version,
        submitted_at=str(header["submitted_at"]),
        submitted_by=str(header["submitted_by"]),
        sha256=sha,
        fingerprint=fingerprint(public_key),
        data=data,
    )
