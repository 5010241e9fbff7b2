"""The confidentiality key: one file in the instance folder, apart from the database.

No Flask here. One random master key is kept in ``<instance>/report_key``; every
use gets a key of its own, derived from it by HMAC with a label, so that a
search token's hash can never be mistaken for a receipt code's or a seal:

- ``seal``: AES-256-GCM over a report's words (an authenticated cipher: a changed
  or swapped ciphertext fails to open instead of giving wrong text);
- ``blind``: the blind index, an HMAC of each search token of a report;
- ``receipt``: the lookup HMAC of a receipt code (its check is a slow hash);
- ``user``: the HMAC of a user's id that excludes a person reported;
- ``identity``: the HMAC of a reporter's phone or ID number, for the inspector's search.

docs/threat-model.md says what this does and does not protect against.
"""

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_FILE = "report_key"
_VERSION = b"\x01"
_NONCE = 12
# What the database keeps sealed under the key, to tell a wrong key from the right one.
CHECK_PLAIN = b"Station Desk confidentiality key check"


class KeyProblem(RuntimeError):
    """The key is missing, unreadable or not the one the database was sealed with."""


class SealBroken(ValueError):
    """A sealed value that does not open under this key (changed, swapped or foreign)."""


@dataclass(frozen=True)
class Keys:
    master: bytes

    def _derive(self, label: str) -> bytes:
        return hmac.new(self.master, b"station-desk/" + label.encode(), hashlib.sha256).digest()

    def seal(self, plain: bytes, context: str) -> bytes:
        """``plain`` encrypted and authenticated, bound to ``context`` (which row holds it)."""
        nonce = os.urandom(_NONCE)
        return (
            _VERSION + nonce + AESGCM(self._derive("seal")).encrypt(nonce, plain, context.encode())
        )

    def open(self, blob: bytes, context: str) -> bytes:
        if len(blob) < 1 + _NONCE or blob[:1] != _VERSION:
            raise SealBroken(context)
        try:
            return AESGCM(self._derive("seal")).decrypt(
                blob[1 : 1 + _NONCE], blob[1 + _NONCE :], context.encode()
            )
        except InvalidTag as exc:
            raise SealBroken(context) from exc

    def mac(self, purpose: str, value: str) -> str:
        """A keyed hash of ``value`` for ``purpose`` (blind, receipt, user, identity), hex."""
        return hmac.new(self._derive(purpose), value.encode(), hashlib.sha256).hexdigest()


def key_file(instance: Path) -> Path:
    return Path(instance) / KEY_FILE


def read_key(instance: Path) -> Keys | None:
    """The instance's key, or None when there is no key file."""
    path = key_file(instance)
    if not path.exists():
        return None
    try:
        master = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (OSError, ValueError) as exc:
        raise KeyProblem(f"The confidentiality key file {path} cannot be read.") from exc
    if len(master) != 32:
        raise KeyProblem(f"The confidentiality key file {path} is damaged (not a key).")
    return Keys(master)


def create_key(instance: Path) -> Keys:
    """A new key file; refuses to replace one that exists (it would orphan every seal)."""
    path = key_file(instance)
    master = os.urandom(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise KeyProblem(f"The confidentiality key file {path} exists already.") from exc
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(base64.b64encode(master).decode("ascii") + "\n")
    return Keys(master)
