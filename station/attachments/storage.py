"""Storing uploaded scans and photos: the type from the content, a size limit, atomic writes.

No Flask here. A file is judged by its first bytes (its name can say anything),
read in chunks up to the limit, written to a temporary name in the station's
folder and then renamed, so that a half-written file never carries a real name.
Names are generated; the person's file name is kept only in the database.
"""

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..config import PRIVATE_FILE, PRIVATE_FOLDER

CHUNK = 64 * 1024
# (first bytes, mimetype, extension): PDF, JPEG, PNG (scans and photos, docs/domain.md "Channels").
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
HEAD_SIZE = max(len(s[0]) for s in SIGNATURES)


class UploadError(ValueError):
    """A file that is not kept; ``code`` says why ("type", "size" or "empty")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Stored:
    name: str  # the generated file name inside the station's folder
    mimetype: str
    size: int


def detect(head: bytes) -> tuple[str, str] | None:
    """(mimetype, extension) of a file starting with ``head``, or None if not accepted."""
    for magic, mimetype, ext in SIGNATURES:
        if head.startswith(magic):
            return mimetype, ext
    return None


def station_folder(upload_root: Path, station_id: int) -> Path:
    return Path(upload_root) / str(station_id)


def save(
    stream: BinaryIO,
    folder: Path,
    max_bytes: int,
    seal: Callable[[str, bytes], bytes] | None = None,
) -> Stored:
    """Keep the file read from ``stream`` under ``folder``; raise UploadError if refused.

    With ``seal`` (a report's file) the file is read whole, within the limit, and only what
    ``seal(name, content)`` makes of it is written: its plain bytes never reach the disk."""
    head = _read_head(stream)
    if not head:
        raise UploadError("empty")
    kind = detect(head)
    if kind is None:
        raise UploadError("type")
    mimetype, ext = kind
    _private_folder(folder)
    name = uuid.uuid4().hex + ext
    tmp = folder / (name + ".part")
    try:
        if seal is None:
            size = _copy(head, stream, tmp, max_bytes)
        else:
            content = _read_all(head, stream, max_bytes)
            size = len(content)
            _write(tmp, seal(name, content))
        os.replace(tmp, folder / name)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Stored(name=name, mimetype=mimetype, size=size)


def _private_folder(folder: Path) -> None:
    """The station's folder and the uploads folder above it, for the service account only
    (on Windows the mode is ignored and the instance folder's access list applies)."""
    for path in (folder.parent, folder):
        path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)


def _read_head(stream: BinaryIO) -> bytes:
    head = b""
    while len(head) < HEAD_SIZE:
        chunk = stream.read(HEAD_SIZE - len(head))
        if not chunk:
            break
        head += chunk
    return head


def _read_all(head: bytes, stream: BinaryIO, max_bytes: int) -> bytes:
    parts, size = [head], len(head)
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise UploadError("size")
        parts.append(chunk)
    return b"".join(parts)


def _write(target: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(target, flags, PRIVATE_FILE), "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _copy(head: bytes, stream: BinaryIO, target: Path, max_bytes: int) -> int:
    size = len(head)
    # Created private: open(..., "xb") would make it readable by every account (0644).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(target, flags, PRIVATE_FILE), "wb") as out:
        out.write(head)
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise UploadError("size")
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size


def remove(folder: Path, name: str) -> None:
    """Delete a stored file (when the database refused its record)."""
    (folder / name).unlink(missing_ok=True)


def display_name(original: str | None, ext: str) -> str:
    """The person's file name without any folder part, for the download; never empty."""
    name = (original or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().strip(".")
    if not name:
        return "attachment" + ext
    if len(name) > 200:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[:190] + dot + suffix[:9]) if dot and len(suffix) < 10 else name[:200]
    return name
