"""A desk PC is shared: one reporter's details must not be offered to the next clerk, by
the browser's autofill or by its history of addresses."""

import re

import pytest
from helpers import text

from station.database import _may_write

IDENTIFYING = {  # channel -> the fields that identify the person on its form
    "phone": {"person_phone", "person_name", "person_id_number", "person_address"},
    "visit": {
        "person_phone",
        "person_name",
        "person_id_number",
        "person_address",
        "representatives",
    },
    "counter": {"person_phone", "person_name", "person_id_number", "person_address"},
    "letter": {"person_phone", "person_name", "person_id_number", "person_address"},
}


@pytest.mark.parametrize("channel", sorted(IDENTIFYING))
def test_the_fields_that_identify_a_person_are_not_autofilled(client, auth, channel):
    auth.login("clerk")
    page = text(client.get(f"/cases/new?channel={channel}"))
    off = set(re.findall(r'<input[^>]*autocomplete="off"[^>]*id="(\w+)"', page))
    off |= set(re.findall(r'<input[^>]*id="(\w+)"[^>]*autocomplete="off"', page))
    assert IDENTIFYING[channel] <= off


def test_the_lookup_takes_the_numbers_by_post_and_begins_as_a_read(app, client, auth):
    auth.login("clerk")
    assert client.get("/cases/new/lookup?phone=13800001111").status_code == 405
    assert client.post("/cases/new/lookup", data={"phone": "13800001111"}).status_code == 200
    with app.test_request_context("/cases/new/lookup", method="POST"):
        assert _may_write() is False  # BEGIN, not BEGIN IMMEDIATE behind the writers
    with app.test_request_context("/cases/new?channel=phone", method="POST"):
        assert _may_write() is True
