"""Submitting October 2026 (the hand-counted month of tests/summary/summary_support.py):
frozen against later edits, versions with what changed, who may submit, which months, and
the summary file that the county verifies (docs/domain.md "Submitting a month")."""

# ruff: noqa: F811 (the fixture ``october`` is imported and taken as an argument)
import json
import re
from datetime import datetime

import pytest
from case_helpers import add_case, change_case
from helpers import say, text
from sqlalchemy import func, select
from summary_support import (
    REPORT_SUBJECT,
    TODAY,
    at,
    cells,
    october,  # noqa: F401 (a fixture, taken by name)
    page,
)

from station.extensions import db
from station.summary import signing
from station.summary.models import StationKey, SummaryVersion

# The fixture's letter and visit (both complaints): channel × kind rows of October.
LETTER = ["1", "0", "0", "0", "0", "1"]
VISIT = ["1", "0", "0", "0", "0", "1"]
# After C3 (the visit) is changed into a letter.
LETTER_AFTER = ["2", "0", "0", "0", "0", "2"]
# A name and phone of the public, given to C7 before the month is submitted.
PERSON_NAME, PERSON_PHONE = "李四", "13911112222"


def _sha(client, month: str = "2026-10") -> str:
    with at(TODAY):
        body = text(client.get(f"/summary/{month}/submit"))
    return re.search(r'name="sha256" value="([0-9a-f]{64})"', body).group(1)


def _submit(client, reason: str = "", month: str = "2026-10", sha: str | None = None):
    sha = sha if sha is not None else _sha(client, month)
    with at(TODAY):
        return client.post(f"/summary/{month}/submit", data={"sha256": sha, "reason": reason})


def _versions(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SummaryVersion))


def test_confirm_step_shows_the_figures_to_be_frozen(app, client, auth, october):
    auth.login("head")
    with at(TODAY):
        response = client.get("/summary/2026-10/submit")
    assert response.status_code == 200
    body = text(response)
    assert say(app, "Submit version %(n)d", n=1) in body
    assert cells(body, "data-channel", "letter") == LETTER
    assert cells(body, "data-channel", "visit") == VISIT
    assert REPORT_SUBJECT not in body  # as the county sees it: the report is a count
    assert _versions(app) == 0  # looking submits nothing


def test_the_frozen_version_is_unchanged_after_a_case_is_edited(app, client, auth, october):
    auth.login("head")
    response = _submit(client)
    assert response.status_code == 303
    assert response.headers["Location"] == "/summary/2026-10"
    change_case(app, october["c3"], channel="letter")
    live = text(page(client))
    assert cells(live, "data-channel", "letter") == LETTER_AFTER
    assert 'data-channel="visit"' not in live
    frozen = text(page(client, "/summary/2026-10/versions/1"))
    # Its way out is its own file, not the live month's XLSX or CSV.
    assert "/summary/2026-10.xlsx" not in frozen and "/summary/2026-10.csv" not in frozen
    assert "/summary/2026-10.xlsx" in live
    assert say(app, "Submitted version %(n)d", n=1) in frozen
    assert cells(frozen, "data-channel", "letter") == LETTER
    assert cells(frozen, "data-channel", "visit") == VISIT
    # The live page says that its figures now differ from version 1, figure by figure.
    assert "summary-live-differs" in live
    assert cells(live, "data-figure", "received/by_channel_kind/letter/complaint") == ["1", "2"]
    assert cells(live, "data-figure", "received/by_channel_kind/visit/complaint") == ["1", "—"]


def test_a_second_version_needs_a_reason_and_both_are_shown_with_the_diff(
    app, client, auth, october
):
    auth.login("head")
    assert _submit(client).status_code == 303
    change_case(app, october["c3"], channel="letter")
    refused = _submit(client, reason="  ")
    assert refused.status_code == 400
    assert say(app, "Say why the month is submitted again: the reason is required.") in text(
        refused
    )
    assert _versions(app) == 1  # nothing changed
    assert _submit(client, reason="来访登记错为来信，已更正").status_code == 303
    body = text(page(client))
    assert 'data-version="1"' in body and 'data-version="2"' in body
    assert "来访登记错为来信，已更正" in body
    assert say(app, "What changed in version %(n)d", n=2) in body
    assert cells(body, "data-figure", "received/by_channel_kind/letter/complaint") == ["1", "2"]
    assert cells(body, "data-figure", "received/by_channel_kind/visit/complaint") == ["1", "—"]
    assert "summary-live-differs" not in body  # the live figures are version 2's
    with app.app_context():
        rows = db.session.scalars(select(SummaryVersion).order_by(SummaryVersion.version)).all()
        assert [(r.month, r.version, r.reason) for r in rows] == [
            ("2026-10", 1, ""),
            ("2026-10", 2, "来访登记错为来信，已更正"),
        ]
        assert rows[0].sha256 != rows[1].sha256


@pytest.mark.parametrize("who", ["clerk", "inspector"])
def test_only_the_head_submits(app, client, auth, october, who):
    auth.login(who)
    with at(TODAY):
        assert client.get("/summary/2026-10/submit").status_code == 403
        assert client.post("/summary/2026-10/submit", data={"sha256": "0" * 64}).status_code == 403
    assert _versions(app) == 0
    assert 'href="/summary/2026-10/submit"' not in text(page(client))


def test_a_current_or_future_month_is_refused(app, client, auth, october):
    auth.login("head")
    current = _submit(client, month="2026-11", sha="0" * 64)
    assert current.status_code == 400
    assert say(app, "Only a month that has ended can be submitted.") in text(current)
    assert _submit(client, month="2026-12", sha="0" * 64).status_code == 404
    assert _submit(client, month="2026-13", sha="0" * 64).status_code == 400
    with at(TODAY):
        assert client.get("/summary/2026-11/submit").status_code == 400
    assert 'href="/summary/2026-11/submit"' not in text(page(client, "/summary/2026-11"))
    assert _versions(app) == 0


def test_figures_that_changed_after_the_confirm_step_are_not_submitted(app, client, auth, october):
    auth.login("head")
    seen = _sha(client)
    change_case(app, october["c3"], channel="letter")
    refused = _submit(client, sha=seen)
    assert refused.status_code == 400
    assert _versions(app) == 0


def _downloaded(app, client, auth, october) -> tuple[bytes, bytes]:
    """Version 1 of October as its summary file, and the station's public key (PEM)."""
    change_case(app, october["c7"], person_name=PERSON_NAME, person_phone=PERSON_PHONE)
    auth.login("head")
    assert _submit(client).status_code == 303
    with at(TODAY):
        response = client.get("/summary/2026-10/versions/1.json")
        key = client.get("/summary/key.pem")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" in disposition
    assert key.status_code == 200
    return response.get_data(), key.get_data()


def test_verify_accepts_the_downloaded_file(app, client, auth, october):
    file_bytes, pem = _downloaded(app, client, auth, october)
    verified = signing.verify(file_bytes, signing.load_public_pem(pem))
    assert (verified.month, verified.version) == ("2026-10", 1)
    assert verified.data["received"]["total"] == 5
    assert verified.data["received"]["reports"] == 1
    document = json.loads(file_bytes)
    assert document["format"] == "station-desk-summary"
    assert document["format_version"] == 1
    assert document["station"]["name"] == "测试供电所"
    with app.app_context():
        known = db.session.scalar(select(StationKey))
        assert document["fingerprint"] == known.fingerprint
    assert re.fullmatch(r"([0-9A-F]{4}-){7}[0-9A-F]{4}", document["fingerprint"])
    # The key page shows the fingerprint, to be read out to the county.
    with at(TODAY):
        assert document["fingerprint"] in text(client.get("/summary/key"))


def test_the_file_holds_no_subject_and_no_person_of_the_public(app, client, auth, october):
    file_bytes, _pem = _downloaded(app, client, auth, october)
    content = file_bytes.decode()
    for word in ("停电三天无人处理", REPORT_SUBJECT, PERSON_NAME, PERSON_PHONE):
        assert word not in content
    # Late cases by reference only: C6, C3 and C7 (the report only counted).
    late = json.loads(content)["data"]["still_open"]["late"]
    assert [row["ref"] for row in late] == [october["c6"], october["c3"], october["c7"]]
    assert set(late[0]) == {"ref", "assignee", "clock", "due", "days_late"}


def _refused_reason(file_bytes: bytes, key) -> str:
    with pytest.raises(signing.NotVerified) as caught:
        signing.verify(file_bytes, key)
    return caught.value.reason


def test_verify_refuses_a_tampered_file(app, client, auth, october):
    file_bytes, pem = _downloaded(app, client, auth, october)
    document = json.loads(file_bytes)
    document["data"]["received"]["total"] = 6  # was 5
    tampered = json.dumps(document, ensure_ascii=False).encode()
    assert _refused_reason(tampered, signing.load_public_pem(pem)) == "altered"
    # The SHA-256 recomputed too: the signature still does not hold.
    document["sha256"] = signing.sha256_hex(signing.canonical(document["data"]))
    tampered = json.dumps(document, ensure_ascii=False).encode()
    assert _refused_reason(tampered, signing.load_public_pem(pem)) == "altered"
    # The version number changed: signed too.
    document = json.loads(file_bytes)
    document["version"] = 2
    assert _refused_reason(json.dumps(document).encode(), signing.load_public_pem(pem)) == "altered"


def test_verify_refuses_another_stations_key_a_non_json_file_and_a_newer_format(
    app, client, auth, october
):
    file_bytes, pem = _downloaded(app, client, auth, october)
    other = signing.new_key().public_key()
    assert _refused_reason(file_bytes, other) == "wrong_key"
    key = signing.load_public_pem(pem)
    assert _refused_reason(b"\x89PNG\r\n\x1a\n", key) == "not_summary"
    assert _refused_reason(b'{"format": "something else"}', key) == "not_summary"
    assert _refused_reason(b"[1, 2]", key) == "not_summary"
    document = json.loads(file_bytes)
    document["format_version"] = 2
    assert _refused_reason(json.dumps(document).encode(), key) == "newer_format"


def test_changes_are_read_figure_by_figure():
    """Rows of persons by username, late cases by reference, counts by their leading cells;
    a figure gone shows as None."""
    from station.summary.versions import changes

    before = {
        "schema": 1, "month": "2026-10",
        "received": {"by_channel_kind": [["letter", "complaint", 1], ["visit", "complaint", 1]]},
        "people": [{"username": "wang", "name": "王芳", "handled": 3, "late": 0}],
        "still_open": {"late": [{"ref": "2026-0003", "days_late": 4}]},
    }  # fmt: skip
    after = {
        "schema": 1, "month": "2026-10",
        "received": {"by_channel_kind": [["letter", "complaint", 2]]},
        "people": [{"username": "wang", "name": "王芳", "handled": 4, "late": 0}],
        "still_open": {"late": [{"ref": "2026-0003", "days_late": 4}]},
    }  # fmt: skip
    assert [(c.key, c.before, c.after) for c in changes(before, after)] == [
        (("received", "by_channel_kind", "letter", "complaint"), 1, 2),
        (("people", "wang", "handled"), 3, 4),
        (("received", "by_channel_kind", "visit", "complaint"), 1, None),
    ]


def test_the_trend_reads_a_submitted_month_from_its_snapshot(app, client, auth, october):
    """After October is submitted, a new case received in October changes October's live
    figures, but November's trend keeps the submitted 5 received; before, it counts 6."""

    def october_in_novembers_trend() -> list[str]:
        body = text(page(client, "/summary/2026-11"))
        return cells(body, "data-trend", "2026-10")

    auth.login("head")
    assert _submit(client).status_code == 303
    add_case(app, received=datetime(2026, 10, 30, 10))
    assert cells(text(page(client)), "data-channel", "total")[-1] == "6"  # live October
    assert october_in_novembers_trend()[0] == "5"  # as submitted
    with app.app_context():
        db.session.execute(SummaryVersion.__table__.delete())
        db.session.commit()
    assert october_in_novembers_trend()[0] == "6"  # counted again, with none submitted
