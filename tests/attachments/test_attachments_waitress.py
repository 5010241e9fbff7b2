"""Through the real server (waitress, CSRF on): a too-large upload gets the clear page."""

import re
import urllib.error
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from case_helpers import add_case
from conftest import PASSWORD

PDF = b"%PDF-1.4\n%%EOF\n"
LIMIT = 1024 * 1024


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_too_large_through_waitress_gets_the_page(live_server):
    """Through the real server (CSRF on): the body is refused with the same clear page."""
    app = live_server.app
    app.config["BABEL_DEFAULT_LOCALE"] = "en"
    app.config["MAX_UPLOAD_MB"] = 1
    app.config["MAX_CONTENT_LENGTH"] = LIMIT + 65536
    ref = add_case(app)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    url = live_server.url
    token = _csrf(opener.open(f"{url}/login").read().decode())
    form = f"username=clerk&password={PASSWORD}&csrf_token={token}".encode()
    opener.open(f"{url}/login", data=form)
    token = _csrf(opener.open(f"{url}/cases/{ref}").read().decode())
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF
        + b"0" * (LIMIT + 300_000)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{url}/cases/{ref}/attachments",
        data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(request)
    assert refused.value.code == 413
    page = refused.value.read().decode()
    assert "A file may be at most 1 MB." in page
    uploads = Path(app.config["UPLOAD_FOLDER"])
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))
