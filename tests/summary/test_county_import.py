"""The county's import of the summary files of stations that run alone (docs/domain.md "The
county's view"): a station registered by its key file or its typed fingerprint, a file
imported into the side-by-side page, and every file that must be refused, refused with
nothing saved: re-imported, tampered with, from an unknown station, signed with another key,
not a summary file, from a newer version.

The file is made as a station makes it (``signing``, over ``data.dump`` of the October
fixture of station A as the county sees it), signed with a key of a station "远山供电所"
that runs alone.
"""

# ruff: noqa: F811 (the fixture ``october`` is imported and taken as an argument)
import io
import json
import re
from datetime import datetime

import pytest
from helpers import say, text
from sqlalchemy import func, select
from summary_support import (
    REPORT_SUBJECT,
    TODAY,
    TZ,
    at,
    october,  # noqa: F401 (a fixture, taken by name)
)

from station.county.models import ImportedSummary, RemoteStation
from station.extensions import db
from station.models import User
from station.summary import data, service, signing
from station.summary.months import parse

REMOTE = "远山供电所"
# received, reports, contact, reply, close, satisfaction, open at end, late at end, overdue
# now, late duties now: A's October as its file says it; "now" is not in a file.
IMPORTED_ROW = ["5", "1", "75.0%（3/4）", "50.0%（2/4）", "50.0%（2/4）", "50.0%（1/2）", "5",
                "4", "—", "—"]  # fmt: skip
# A and B live (OCTOBER of test_county_side_by_side) and the imported file: 5 + 1 + 5
# received, contact 3 + 0 + 3 of 4 + 1 + 4, and no "now" for the county as a whole.
TOTAL = ["11", "2", "66.7%（6/9）", "44.4%（4/9）", "44.4%（4/9）", "50.0%（2/4）", "11", "9",
         "—", "—"]  # fmt: skip


def october_data(app) -> dict:
    with at(TODAY), app.app_context():
        station_id = db.session.scalar(select(User.station_id).where(User.username == "head"))
        summary = service.summarize(station_id, parse("2026-10"), TZ, TODAY.date(), None)
        return data.dump(summary)


def summary_file(figures: dict, key, version: int = 1, **changes) -> bytes:
    frozen = data.canonical(figures)
    header = signing.Header(
        station_code="7", station_name=REMOTE, month="2026-10", version=version,
        submitted_at=datetime(2026, 11, 3, 2, 15), submitted_by="远山所长",
    )  # fmt: skip
    signature = signing.sign(key, header, frozen)
    public = key.public_key()
    content = signing.summary_file(
        header, frozen, signature, signing.fingerprint(public), signing.raw_public(public)
    )
    if changes:
        document = json.loads(content)
        document.update(changes)
        content = json.dumps(document, ensure_ascii=False).encode()
    return content


@pytest.fixture
def key():
    return signing.new_key()


def register_by_file(client, key, name: str = REMOTE):
    pem = signing.public_pem(key.public_key())
    return client.post(
        "/county/stations",
        data={"name": name, "key_file": (io.BytesIO(pem), "远山.pem"), "fingerprint": ""},
        content_type="multipart/form-data",
    )


def upload(client, *files: tuple[bytes, str]):
    with at(TODAY):
        return client.post(
            "/county/import",
            data={"files": [(io.BytesIO(content), name) for content, name in files]},
            content_type="multipart/form-data",
        )


def row(body: str, station: str) -> list[str]:
    found = re.search(rf'<tr data-station="{station}">(.*?)</tr>', body, re.S)
    assert found, station
    tds = re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in tds]


def imported(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ImportedSummary))


def results(body: str) -> dict[str, tuple[str, str]]:
    found = re.findall(r'<li class="(ok|refused)" data-file="([^"]+)">(.*?)</li>', body, re.S)
    return {name: (cls, re.sub(r"<[^>]+>", "", msg)) for cls, name, msg in found}


def test_a_file_joins_the_side_by_side_page(app, client, auth, october, key):
    auth.login("county")
    assert register_by_file(client, key).status_code == 302
    response = upload(client, (summary_file(october_data(app), key), "远山-2026-10.json"))
    assert response.status_code == 200
    message = say(app, "%(station)s's summary of %(month)s, version %(version)d, is imported.",
                  station=REMOTE, month="2026-10", version=1)  # fmt: skip
    assert results(text(response)) == {"远山-2026-10.json": ("ok", "远山-2026-10.json：" + message)}
    with at(TODAY):
        body = text(client.get("/county/2026-10"))
    assert row(body, REMOTE) == IMPORTED_ROW
    assert say(app, "from its file, version %(n)d", n=1) in body
    assert row(body, "total") == TOTAL
    assert REPORT_SUBJECT not in body


def test_the_file_carries_no_subject_and_no_person(app, october, key):
    content = summary_file(october_data(app), key).decode()
    for word in (REPORT_SUBJECT, "停电三天无人处理", "13800001111"):
        assert word not in content


def refusal(app, client, content: bytes, name: str = "f.json") -> tuple[int, str]:
    before = imported(app)
    response = upload(client, (content, name))
    assert imported(app) == before  # nothing saved
    cls, message = results(text(response))[name]
    assert cls == "refused"
    return response.status_code, message.removeprefix(name + "：")


def test_files_that_are_refused(app, client, auth, october, key):
    auth.login("county")
    register_by_file(client, key)
    figures = october_data(app)
    good = summary_file(figures, key)
    assert upload(client, (good, "good.json")).status_code == 200
    # The same file again, and the same version with other figures.
    imported_already = (
        "%(station)s's summary of %(month)s, version %(version)d, is imported already."
    )
    again = say(app, imported_already, station=REMOTE, month="2026-10", version=1)
    assert refusal(app, client, good) == (400, again)
    other = dict(figures, received=dict(figures["received"], total=99))
    assert refusal(app, client, summary_file(other, key)) == (400, again)
    # One figure changed after signing.
    document = json.loads(good)
    document["data"]["received"]["total"] = 4
    tampered = json.dumps(document, ensure_ascii=False).encode()
    altered = say(app, "This summary file was altered after it was signed: its figures cannot "
                  "be trusted. Ask the station for the file again.")  # fmt: skip
    assert refusal(app, client, tampered) == (400, altered)
    # Not a summary file at all; a newer format; a station nobody registered.
    assert refusal(app, client, b"%PDF-1.4 ...") == (
        400, say(app, "This is not a summary file of Station Desk."))  # fmt: skip
    newer = summary_file(figures, key, format_version=2)
    assert refusal(app, client, newer)[1] == say(
        app, "This summary file comes from a newer version of Station Desk. Update this "
        "installation, then import it again.")  # fmt: skip
    stranger = summary_file(figures, signing.new_key(), version=2)
    assert refusal(app, client, stranger)[1] == say(
        app, "This summary file comes from a station that is not registered here. Register "
        "the station's key first.")  # fmt: skip


def test_a_file_signed_with_another_key_than_its_fingerprint_says(app, client, auth, october, key):
    """Registered by the fingerprint typed in: the file's own key must have it."""
    auth.login("county")
    typed = signing.fingerprint(key.public_key()).replace("-", "").lower()
    response = client.post("/county/stations", data={"name": REMOTE, "fingerprint": typed})
    assert response.status_code == 302
    forged = json.loads(summary_file(october_data(app), signing.new_key()))
    forged["fingerprint"] = signing.fingerprint(key.public_key())
    content = json.dumps(forged, ensure_ascii=False).encode()
    assert refusal(app, client, content)[1] == say(
        app, "This summary file was not signed with the key registered for its station."
    )
    # The true file is imported, and its key kept for the next ones.
    assert upload(client, (summary_file(october_data(app), key), "v1.json")).status_code == 200
    with app.app_context():
        station = db.session.scalar(select(RemoteStation))
        assert station.public_key == signing.raw_public(key.public_key())


def test_a_newer_version_replaces_the_older_on_the_page(app, client, auth, october, key):
    auth.login("county")
    register_by_file(client, key)
    figures = october_data(app)
    upload(client, (summary_file(figures, key), "v1.json"))
    more = dict(figures, received=dict(figures["received"], total=6))
    assert upload(client, (summary_file(more, key, version=2), "v2.json")).status_code == 200
    with at(TODAY):
        body = text(client.get("/county/2026-10"))
    assert row(body, REMOTE)[0] == "6"
    assert say(app, "from its file, version %(n)d", n=2) in body


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "", "fingerprint": "ABCD"}, None),  # the form's own "required"
        ({"name": "测试供电所", "fingerprint": "A" * 32},
         "%(name)s is a station of this installation: it needs no key."),
        ({"name": REMOTE, "fingerprint": "XYZ"},
         "A fingerprint is 32 letters and digits (0–9, A–F), as the station's page shows it."),
        ({"name": REMOTE, "fingerprint": ""},
         "A fingerprint is 32 letters and digits (0–9, A–F), as the station's page shows it."),
    ],
)  # fmt: skip
def test_registering_refuses_bad_input(app, client, auth, form, message):
    auth.login("county")
    response = client.post("/county/stations", data=form)
    assert response.status_code == 400
    if message:
        assert say(app, message, name=form["name"]) in text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(RemoteStation)) == 0


def test_one_key_registers_one_station(app, client, auth, key):
    auth.login("county")
    register_by_file(client, key)
    response = register_by_file(client, key, name="另一供电所")
    assert response.status_code == 400
    assert say(app, "This key is registered already, for another station.") in text(response)


def test_the_command_imports_each_file_and_says_which_were_refused(app, october, key, tmp_path):
    with app.app_context():
        fingerprint = signing.fingerprint(key.public_key())
        db.session.add(RemoteStation(name=REMOTE, fingerprint=fingerprint, public_key=None))
        db.session.commit()
    good = tmp_path / "good.json"
    good.write_bytes(summary_file(october_data(app), key))
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import-summary", str(good), str(bad), str(tmp_path / "none")])
    assert result.exit_code == 2
    assert f"{good}: imported {REMOTE} 2026-10, version 1." in result.output
    assert f"{bad}: refused." in result.output
    assert "2 of 3 files were not imported; the others were." in result.output
    assert imported(app) == 1
    again = runner.invoke(args=["import-summary", str(good)])
    assert again.exit_code == 2 and imported(app) == 1
