"""The lists and print sheets in Chinese: the punctuation that joins a label to its value
is Chinese too (编号：, not "编号: ")."""

from case_helpers import add_case, make_case
from helpers import notices, say, text


def test_a_filter_left_out_is_explained_with_a_chinese_colon(app, client, auth):
    add_case(app, subject="一件案子")
    auth.login("clerk")
    page = client.get("/cases/?received_from=tomorrow")
    label = say(app, "Received from")
    assert [n.split("：")[0] for n in notices(page)] == [label]
    assert f"{label}: " not in text(page)


def test_the_case_file_sheet_writes_its_reference_with_a_chinese_colon(app, client, auth):
    ref = make_case(app)
    auth.login("clerk")
    body = text(client.get(f"/cases/{ref}/print"))
    assert f"{say(app, 'Reference')}：<strong>{ref}</strong>" in body
