"""Where things sit on the page: the phone form's essentials first, the key-person form folded."""

import re

from case_helpers import make_case
from helpers import say, text


def test_phone_form_asks_the_essentials_before_the_work_order(client, auth):
    auth.login("clerk")
    page = text(client.get("/cases/new?channel=phone"))
    order = ["phone_line", "person_phone", "subject", "content", "external_ref", "external_due"]
    positions = [page.index(f'name="{name}"') for name in order]
    assert positions == sorted(positions)
    # The work order's section names the lines it is for; without JavaScript it shows.
    section = re.search(r'<fieldset[^>]*data-shown-when="phone_line"[^>]*>', page).group(0)
    assert 'data-shown-values="12345 12398 95598"' in section
    assert "hidden" not in section
    assert section in page[page.index('name="content"') : page.index('name="external_ref"')]


def test_other_channels_have_only_the_persons_reported_shown_on_condition(client, auth):
    auth.login("clerk")
    for channel in ("letter", "visit", "phone", "counter", "transfer"):
        page = text(client.get(f"/cases/new?channel={channel}"))
        sections = re.findall(r"<fieldset[^>]*data-shown-when[^>]*>", page)
        reported = '<fieldset data-shown-when="kind" data-shown-values="report">'
        expected = 2 if channel == "phone" else 1
        assert len(sections) == expected and reported in sections, channel


def test_the_key_person_form_is_folded_on_the_case_page(app, client, auth):
    ref = make_case(app)
    auth.login("head")
    page = text(client.get(f"/cases/{ref}"))
    folded = re.search(r'<details class="key-person-details">\s*<summary>(.*?)</summary>', page)
    assert folded and folded.group(1) == say(app, "Mark as key person")
    assert '<details class="key-person-details" open' not in page
    client.post(f"/cases/{ref}/key-person", data={"reason": "多次越级上访"})
    page = text(client.get(f"/cases/{ref}"))
    folded = re.search(r'<details class="key-person-details">\s*<summary>(.*?)</summary>', page)
    assert folded and folded.group(1) == say(app, "No longer a key person")
