"""Nothing typed is lost or doubled without a word: too long, sent twice, the same call again,
all errors at once, and an anonymous person's name that is not kept."""

import re
import uuid
from datetime import timedelta

import pytest
from case_helpers import make_case
from helpers import field_errors, text
from sqlalchemy import func, select, update

from station.cases.models import Case
from station.extensions import db

pytestmark = pytest.mark.usefixtures("english")

RECEIVED = {"received_date": "2025-03-03", "received_time": "09:30"}
POSTMARK_LATE = "The postmark cannot be later than the day the letter came in."


def post(client, channel: str = "phone", token: str | None = None, **data):
    form = {
        "subject": "台区电压低",
        "kind": "complaint",
        "importance": "general",
        "intake_token": token or uuid.uuid4().hex,
        **RECEIVED,
        **data,
    }
    return client.post(f"/cases/new?channel={channel}", data=form)


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Case.id)))


def only_case(app) -> Case:
    with app.app_context():
        (case,) = db.session.scalars(select(Case)).all()
        db.session.expunge(case)
        return case


def test_a_pasted_subject_of_5000_characters_is_refused_whole_and_kept_whole(app, client, auth):
    auth.login("clerk")
    form = text(client.get("/cases/new?channel=counter"))
    subject_input = re.search(r'<input [^>]*id="subject"[^>]*>', form).group(0)
    assert "maxlength" not in subject_input.replace("data-maxlength", "")  # no silent cut
    assert 'data-maxlength="200"' in subject_input
    pasted = "电" * 4990 + "0123456789"
    response = post(client, "counter", subject=pasted)
    assert response.status_code == 200 and count(app) == 0
    assert field_errors(response) == [
        "At most 200 characters; this has 5000. Shorten it: nothing was cut."
    ]
    page = text(response)
    assert f'value="{pasted}"' in page  # everything typed comes back, to shorten
    assert "Please correct the marked fields; nothing was saved." in page


def test_a_too_long_enclosure_description_is_said_and_kept(app, client, auth):
    auth.login("clerk")
    description = "证" * 201
    response = post(
        client, "letter", **{"enclosures-1-kind": "cash", "enclosures-1-description": description}
    )
    assert "At most 200 characters; this has 201. Shorten it: nothing was cut." in field_errors(
        response
    )
    assert f'value="{description}"' in text(response)
    # Listed above the form too; the rows left empty before it are dropped, so it is row 1.
    assert "Row 1: Description" in text(response)


def test_every_error_of_the_letter_form_is_listed_at_once(app, client, auth):
    auth.login("clerk")
    response = post(
        client,
        "letter",
        subject="",
        postcode="12345",
        postmark_date="2099-01-01",
        received_date="",
        person_phone="电话",
    )
    assert count(app) == 0
    summary = re.search(
        r'<section class="notice error error-summary".*?</section>', text(response), re.S
    )
    items = re.findall(r'<li><a href="#([\w-]+)">(.*?)</a>: (.*?)</li>', summary.group(0))
    assert items == [
        ("received_date", "Letter received on", "This field is required."),
        ("postmark_date", "Postmark date", POSTMARK_LATE),
        ("postcode", "Postcode", "A postcode has 6 digits."),
        ("person_phone", "Phone", "A phone number has only digits, spaces, + - ( )."),
        ("subject", "Subject", "This field is required."),
    ]  # fmt: skip


def test_the_spot_answer_refusal_comes_with_the_other_errors(app, client, auth):
    auth.login("inspector")
    response = post(client, "counter", subject="", answered_on_spot="y", answer="已解释")
    errors = field_errors(response)
    assert "This field is required." in errors
    assert "You may not answer this kind of case on the spot." in errors
    assert count(app) == 0


def test_the_same_call_again_within_ten_minutes_offers_the_earlier_case(app, client, auth):
    auth.login("clerk")
    first = post(client, person_phone="13812340000")
    ref = first.headers["Location"].split("/")[-2]
    again = post(client, person_phone="13812340000", content="第二次登记")
    assert again.status_code == 200 and count(app) == 1
    page = text(again)
    assert "This looks like the case registered at" in page and f"{ref}, 台区电压低" in page
    assert f'href="/cases/{ref}"' in page
    assert 'name="register_anyway" value="1"' in page
    assert "第二次登记" in page  # what was typed is all there
    anyway = post(client, person_phone="13812340000", content="第二次登记", register_anyway="1")
    assert anyway.status_code == 303 and count(app) == 2


def test_another_subject_or_number_or_an_older_case_is_not_a_duplicate(app, client, auth):
    auth.login("clerk")
    post(client, person_phone="13812340000")
    assert post(client, person_phone="13812340000", subject="电费异常").status_code == 303
    assert post(client, person_phone="13812349999").status_code == 303
    with app.app_context():
        older = Case.registered_at - timedelta(minutes=11)
        db.session.execute(update(Case).values(registered_at=older))
        db.session.commit()
    assert post(client, person_phone="13812340000").status_code == 303
    assert count(app) == 4


def test_a_clerk_is_never_offered_a_report(app, client, auth):
    make_case(app, registered_by="head", kind="report", subject="抄表员收费", person_phone="139")
    auth.login("clerk")
    response = post(client, kind="complaint", subject="抄表员收费", person_phone="139")
    assert response.status_code == 303  # registered: nothing says a report exists
    client.post("/logout")
    auth.login("head")
    response = post(client, kind="complaint", subject="抄表员收费", person_phone="139")
    assert response.status_code == 200
    assert "This looks like the case registered at" in text(response)


def test_the_same_form_changed_after_back_is_asked_about_not_dropped(app, client, auth):
    auth.login("clerk")
    token = uuid.uuid4().hex
    first = post(client, token=token)
    ref = first.headers["Location"].split("/")[-2]
    changed = post(client, token=token, subject="另一件事：路灯不亮")
    assert changed.status_code == 200 and count(app) == 1
    page = text(changed)
    assert f"This form was registered before, as case {ref}, and has been changed since." in page
    assert 'value="另一件事：路灯不亮"' in page
    new_token = re.search(r'name="intake_token"[^>]*value="([0-9a-f]{32})"', page).group(1)
    assert new_token != token
    assert post(client, token=new_token, subject="另一件事：路灯不亮").status_code == 303
    assert count(app) == 2


def test_an_anonymous_case_stores_no_name_even_when_one_was_typed(app, client, auth):
    auth.login("clerk")
    response = post(
        client,
        "letter",
        anonymous="y",
        person_name="张三",
        person_id_number="420101199001011234",
        person_address="城关镇幸福路8号",
        postcode="430000",
        person_phone="13812340000",
    )
    case = only_case(app)
    assert case.anonymous
    assert (case.person_name, case.person_id_number, case.person_address, case.postcode) == (
        "",
        "",
        "",
        "",
    )
    assert case.person_phone == ""  # not given for the reply: not kept either
    receipt = text(client.get(f"/cases/{case.ref}/receipt"))
    assert "张三" not in receipt and "13812340000" not in receipt
    assert "Anonymous" in receipt
    assert "no name, ID number or address was kept" in text(
        client.get(response.headers["Location"])
    )


def test_an_anonymous_caller_keeps_the_number_given_for_the_reply(app, client, auth):
    auth.login("clerk")
    post(client, anonymous="y", person_name="李四", person_phone="13812340000", phone_for_reply="y")
    case = only_case(app)
    assert case.person_name == "" and case.person_phone == "13812340000"
    receipt = text(client.get(f"/cases/{case.ref}/receipt"))
    assert "13812340000" not in receipt  # never shown as if it were the name


def test_a_case_without_a_name_is_not_called_anonymous(app, client, auth):
    auth.login("clerk")
    post(client, person_phone="13812340000")
    case = only_case(app)
    assert not case.anonymous and case.person_phone == "13812340000"
    assert "Anonymous" not in text(client.get(f"/cases/{case.ref}/receipt"))
