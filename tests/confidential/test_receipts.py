"""Receipt codes: 16 digits shown once, found by a keyed hash, the same answer for a wrong code
and one that does not exist, throttled per user and per address, every query logged."""

import re
import uuid

import pytest
from helpers import text
from sqlalchemy import select

from station.confidential.models import AccessEntry, Receipt
from station.extensions import db

CODE = re.compile(r"(\d{4}) (\d{4}) (\d{4}) (\d{4})")
NOT_FOUND = "No report has this receipt code. Check the number with the reporter."


@pytest.fixture(autouse=True)
def _english(english):
    return english


def report_by_phone(client, **fields) -> tuple[str, str]:
    """Register a report from a call as the logged-in user: (reference, receipt code)."""
    form = {
        "kind": "report", "importance": "general", "subject": "举报收受好处费",
        "content": "抄表员收取每户五十元", "received_date": "2026-03-02", "received_time": "09:30",
        "intake_token": uuid.uuid4().hex, "person_name": "赵六", "person_phone": "13698765432",
        **fields,
    }  # fmt: skip
    response = client.post("/cases/new?channel=phone", data=form)
    assert response.status_code == 200
    page = text(response)
    ref = re.search(r"JB\d{4}-\d{3}", page).group(0)
    return ref, "".join(CODE.search(page).groups())


def status(client, code: str) -> str:
    return text(client.post("/confidential/status", data={"code": code}))


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AccessEntry.action).order_by(AccessEntry.id)))


def test_the_right_code_tells_the_state_and_due_date_and_nothing_else(app, client, auth):
    auth.login("clerk")
    ref, code = report_by_phone(client)
    page = status(client, code)
    assert "Registered" in page and "No message yet." in page
    assert ref not in page and "举报收受好处费" not in page and "赵六" not in page
    spaced = f"{code[:4]} {code[4:8]}-{code[8:12]} {code[12:]}"
    assert "Registered" in status(client, spaced)  # spaces and dashes as a reporter reads it
    assert actions(app)[-2:] == ["receipt_query", "receipt_query"]


def test_the_code_itself_is_nowhere_in_the_database(app, client, auth):
    auth.login("clerk")
    _ref, code = report_by_phone(client)
    with app.app_context():
        (receipt,) = db.session.scalars(select(Receipt)).all()
        assert code not in receipt.lookup and code not in receipt.verifier
        assert receipt.verifier.startswith("scrypt:")


def test_a_wrong_code_and_a_missing_one_get_the_same_answer(app, client, auth):
    auth.login("clerk")
    _ref, code = report_by_phone(client)
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert NOT_FOUND in status(client, wrong)
    assert NOT_FOUND in status(client, "0000000000000000")
    assert actions(app)[-2:] == ["receipt_miss", "receipt_miss"]


def test_a_malformed_code_is_refused_with_a_message_and_logged(app, client, auth):
    auth.login("clerk")
    for typed in ("12345", "1234 5678 9012 345x", "12345678901234567"):
        page = status(client, typed)
        assert "A receipt code has 16 digits." in page
    assert actions(app) == ["receipt_malformed"] * 3


def test_guessing_is_throttled_per_user(app, client, auth):
    auth.login("clerk")
    _ref, code = report_by_phone(client)
    for n in range(5):
        assert NOT_FOUND in status(client, f"{n:016d}")
    page = status(client, code)  # even the right one, until the quarter of an hour is over
    assert "Too many codes that were not found." in page and "Registered" not in page
    assert actions(app)[-1] == "receipt_throttled"
    auth.logout()
    auth.login("head")  # another user is not held up by the clerk's five
    assert "Registered" in status(client, code)


def test_guessing_is_throttled_per_address_whoever_is_logged_in(app, client, auth):
    auth.login("clerk")
    _ref, code = report_by_phone(client)
    for user in ("clerk", "head"):  # five each, from the same desk (address)
        auth.logout()
        auth.login(user)
        for n in range(5):
            assert NOT_FOUND in status(client, f"{n:016d}")
    auth.logout()
    auth.login("inspector")
    assert "Too many codes that were not found." in status(client, code)


def test_a_code_whose_hash_was_planted_still_fails_the_slow_check(app, client, auth):
    """Finding the row is not proof: someone who wrote another code's lookup hash onto a
    report's receipt row (with the key) still does not get in without the code itself."""
    from station.confidential.keyring import current_keys

    auth.login("clerk")
    _ref, _code = report_by_phone(client)
    planted = "1111222233334444"
    with app.app_context():
        receipt = db.session.scalars(select(Receipt)).one()
        receipt.lookup = current_keys(db.session.connection()).mac("receipt", planted)
        db.session.commit()
    assert NOT_FOUND in status(client, planted)
