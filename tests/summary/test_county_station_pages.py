"""A station's month as the county reads it (docs/domain.md "The county's view"): the live
summary of a station of the installation, its submitted version, a month imported from a
file, and their XLSX; reports as counts, no subject; county users only."""

# ruff: noqa: F811 (the fixture ``october`` is imported and taken as an argument)
import io
import re
from io import BytesIO

from helpers import say, text
from openpyxl import load_workbook
from sqlalchemy import select
from summary_support import (
    REPORT_SUBJECT,
    TODAY,
    at,
    cells,
    october,  # noqa: F401 (a fixture, taken by name)
)
from test_county_import import REMOTE, october_data, summary_file

from station.county.models import ImportedSummary
from station.extensions import db
from station.models import Station
from station.summary import signing


def station_id(app, name: str = "测试供电所") -> int:
    with app.app_context():
        return db.session.scalar(select(Station.id).where(Station.name == name))


def get(client, url):
    with at(TODAY):
        return client.get(url)


def test_the_county_opens_a_stations_live_month_from_the_side_by_side(app, client, auth, october):
    auth.login("county")
    a = station_id(app)
    side = text(get(client, "/county/2026-10"))
    assert f'href="/county/2026-10/stations/{a}"' in side
    body = text(get(client, f"/county/2026-10/stations/{a}"))
    assert "测试供电所" in body
    assert cells(body, "data-channel", "total") == ["4", "1", "0", "0", "0", "5"]
    assert say(app, "Reports: %(n)d.", n=1) in body
    assert REPORT_SUBJECT not in body and october["c4"] not in body  # counted, never a row
    assert cells(body, "data-person", "clerk") == ["2", "9", "6", "1", "0"]  # everyone's row
    book = load_workbook(BytesIO(get(client, f"/county/2026-10/stations/{a}.xlsx").data))
    assert book["概况"]["B3"].value == 5


def test_a_submitted_version_and_an_imported_file(app, client, auth, october):
    auth.login("head")
    with at(TODAY):
        body = text(client.get("/summary/2026-10/submit"))
        sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', body).group(1)
        assert client.post("/summary/2026-10/submit", data={"sha256": sha}).status_code == 303
    auth.logout()
    auth.login("county")
    a = station_id(app)
    live = text(get(client, f"/county/2026-10/stations/{a}"))
    assert f'href="/county/2026-10/stations/{a}/versions/1"' in live
    frozen = text(get(client, f"/county/2026-10/stations/{a}/versions/1"))
    assert say(app, "Submitted version %(n)d", n=1) in frozen
    assert cells(frozen, "data-channel", "total") == ["4", "1", "0", "0", "0", "5"]
    assert get(client, f"/county/2026-10/stations/{a}/versions/2").status_code == 404
    # A file of a station that runs alone.
    key = signing.new_key()
    pem = signing.public_pem(key.public_key())
    with at(TODAY):
        client.post("/county/stations", content_type="multipart/form-data",
                    data={"name": REMOTE, "key_file": (io.BytesIO(pem), "k.pem")})  # fmt: skip
        content = summary_file(october_data(app), key)
        client.post("/county/import", content_type="multipart/form-data",
                    data={"files": [(io.BytesIO(content), "f.json")]})  # fmt: skip
    with app.app_context():
        imported = db.session.scalar(select(ImportedSummary.id))
    assert f'href="/county/2026-10/files/{imported}"' in text(get(client, "/county/2026-10"))
    page = text(get(client, f"/county/2026-10/files/{imported}"))
    assert REMOTE in page and say(app, "from its file, version %(n)d", n=1) in page
    assert cells(page, "data-channel", "total") == ["4", "1", "0", "0", "0", "5"]
    assert get(client, f"/county/2026-11/files/{imported}").status_code == 404
    book = load_workbook(BytesIO(get(client, f"/county/2026-10/files/{imported}.xlsx").data))
    assert book["概况"]["B3"].value == 5


def test_refused_months_and_stations(app, client, auth, october):
    auth.login("county")
    a = station_id(app)
    assert get(client, f"/county/2026-1/stations/{a}").status_code == 400
    assert get(client, f"/county/2026-12/stations/{a}").status_code == 404
    assert get(client, f"/county/2026-08/stations/{a}").status_code == 404  # before its first
    assert get(client, "/county/2026-10/stations/999").status_code == 404
