"""Attachments: type from the content, a size limit with a clear page, storage, who may see them."""

import re
from pathlib import Path

import pytest
from case_helpers import add_case
from helpers import PNG, notices, text, upload
from sqlalchemy import select

from station.attachments.models import Attachment
from station.cases.models import CaseEvent
from station.extensions import db
from station.models import User

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
LIMIT_MB = 1
LIMIT = LIMIT_MB * 1024 * 1024


@pytest.fixture(autouse=True)
def small_limit(app):
    """English messages, and a 1 MB limit so that the tests need not send 10 MB."""
    app.config["BABEL_DEFAULT_LOCALE"] = "en"
    app.config["MAX_UPLOAD_MB"] = LIMIT_MB
    app.config["MAX_CONTENT_LENGTH"] = LIMIT + 65536


def stored_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_FOLDER"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def attachments(app) -> list[Attachment]:
    with app.app_context():
        rows = db.session.scalars(select(Attachment).order_by(Attachment.id)).all()
        db.session.expunge_all()
        return rows


def station_of(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.station_id).where(User.username == username))


@pytest.mark.parametrize(
    ("content", "filename", "mimetype", "ext"),
    [
        (PDF, "来信扫描.pdf", "application/pdf", ".pdf"),
        (JPEG, "现场照片.JPG", "image/jpeg", ".jpg"),
        (PNG, "截图", "image/png", ".png"),  # no extension at all: the content decides
    ],
    ids=["pdf", "jpeg", "png"],
)
def test_pdf_jpeg_and_png_are_kept(app, client, auth, content, filename, mimetype, ext):
    ref = add_case(app)
    auth.login("clerk")
    response = upload(client, ref, content, filename)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{ref}#attachments")
    page = client.get(f"/cases/{ref}")
    assert f"Attached {filename}." in notices(page)
    [item] = attachments(app)
    assert (item.filename, item.mimetype, item.size) == (filename, mimetype, len(content))
    [path] = stored_files(app)
    # Under the instance folder, in the station's own folder, with a generated name.
    assert path.parent == Path(app.instance_path) / "uploads" / str(station_of(app, "clerk"))
    assert re.fullmatch(r"[0-9a-f]{32}" + re.escape(ext), path.name)
    assert path.name == item.stored_name
    assert path.read_bytes() == content
    with app.app_context():
        actions = db.session.scalars(select(CaseEvent.action).order_by(CaseEvent.id)).all()
    assert actions[-1] == "attachment"


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (b"just some text, not a PDF at all", "来信.pdf"),
        (EXE, "photo.png"),
        (b"", "empty.pdf"),
    ],
    ids=["text-named-pdf", "exe-named-png", "empty"],
)
def test_a_file_is_judged_by_its_content_not_its_name(app, client, auth, content, filename):
    ref = add_case(app)
    auth.login("clerk")
    response = upload(client, ref, content, filename)
    assert response.status_code == 302
    message = notices(client.get(f"/cases/{ref}"))
    assert any("Nothing was attached." in m for m in message), message
    assert attachments(app) == []
    assert stored_files(app) == []


def test_no_file_chosen(app, client, auth):
    ref = add_case(app)
    auth.login("clerk")
    response = client.post(f"/cases/{ref}/attachments", data={})
    assert response.status_code == 302
    assert "Choose a file to attach." in notices(client.get(f"/cases/{ref}"))


@pytest.mark.parametrize("size", [LIMIT + 1, LIMIT + 300_000])
def test_too_large_gets_a_page_saying_so_and_nothing_is_kept(app, client, auth, size):
    ref = add_case(app)
    auth.login("clerk")
    response = upload(client, ref, PDF + b"0" * (size - len(PDF)), "大文件.pdf")
    assert response.status_code == 413
    assert "A file may be at most 1 MB. Nothing was saved; choose a smaller file." in text(response)
    assert attachments(app) == []
    assert stored_files(app) == []


def test_exactly_the_limit_is_accepted(app, client, auth):
    ref = add_case(app)
    auth.login("clerk")
    assert upload(client, ref, PDF + b"0" * (LIMIT - len(PDF)), "a.pdf").status_code == 302
    assert [a.size for a in attachments(app)] == [LIMIT]


def test_download_shows_the_file_with_its_name(app, client, auth):
    ref = add_case(app)
    auth.login("clerk")
    upload(client, ref, PNG, "现场照片.png")
    [item] = attachments(app)
    with client.get(f"/cases/{ref}/attachments/{item.id}") as response:
        body = response.data
    assert response.status_code == 200
    assert body == PNG
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline")
    assert "filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png" in disposition
    page = text(client.get(f"/cases/{ref}"))
    assert f'href="/cases/{ref}/attachments/{item.id}"' in page


def test_an_archived_case_takes_no_more_files(app, client, auth):
    ref = add_case(app, later={"status": "archived"})
    auth.login("head")
    assert upload(client, ref, PDF, "a.pdf").status_code == 302
    assert "An archived case takes no more attachments." in notices(client.get(f"/cases/{ref}"))
    assert attachments(app) == []


def test_a_reports_file_is_sealed_on_disk_and_opens_for_its_readers(app, client, auth):
    secret = JPEG + "举报证据照片标记".encode()
    ref = add_case(app, "head", kind="report", subject="举报附件")
    auth.login("head")
    upload(client, ref, secret, "举报人提供的照片.jpg")
    (item,) = attachments(app)
    assert item.filename == ""  # the name is sealed with the rest of the report
    (path,) = stored_files(app)
    assert "举报证据照片标记".encode() not in path.read_bytes()
    response = client.get(f"/cases/{ref}/attachments/{item.id}")
    assert response.status_code == 200 and response.data == secret
    assert "举报人提供的照片.jpg" in text(client.get(f"/cases/{ref}"))
    auth.logout()
    auth.login("clerk")
    assert client.get(f"/cases/{ref}/attachments/{item.id}").status_code == 404
