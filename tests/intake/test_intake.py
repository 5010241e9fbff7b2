"""Intake: one form per channel, its checks, the confirmation, double submits, reports."""

import re
import uuid

import pytest
from helpers import field_errors, text
from sqlalchemy import func, select

from station.cases.models import Case, CaseEvent, Enclosure
from station.extensions import db
from station.models import Station

RECEIVED = {"received_date": "2025-03-03", "received_time": "09:30"}  # a Monday

MINIMAL = {
    "letter": {},
    "visit": {},
    "phone": {"phone_line": "station"},
    "counter": {},
    "transfer": {"superior_name": "县供电公司"},
}


pytestmark = pytest.mark.usefixtures("english")


def register(client, channel: str, token: str | None = None, **data):
    form = {
        "subject": "停电三天无人处理",
        "kind": "complaint",
        "importance": "general",
        "intake_token": token or uuid.uuid4().hex,
        **RECEIVED,
        **MINIMAL[channel],
        **data,
    }
    return client.post(f"/cases/new?channel={channel}", data=form)


def cases(app, **where) -> list[Case]:
    with app.app_context():
        query = select(Case).filter_by(**where).order_by(Case.id)
        found = db.session.scalars(query).all()
        db.session.expunge_all()
        return found


def case_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Case.id)))


@pytest.mark.parametrize("channel", ["letter", "visit", "phone", "counter", "transfer"])
def test_each_channel_registers_with_its_minimal_fields(app, client, auth, channel):
    auth.login("clerk")
    response = register(client, channel)
    assert response.status_code == 303
    (case,) = cases(app)
    assert case.channel == channel and case.status == "registered"
    assert response.headers["Location"].endswith(f"/cases/{case.ref}/registered")
    page = text(client.get(response.headers["Location"]))
    assert case.ref in page and "Deadlines" in page


def test_the_channel_picker_shows_when_the_channel_is_missing_or_unknown(client, auth):
    auth.login("clerk")
    for url in ("/cases/new", "/cases/new?channel=fax"):
        page = text(client.get(url))
        assert "How did the case come in?" in page
        assert "/cases/new?channel=phone" in page


def test_phone_form_puts_the_call_first_starts_in_the_number_on_the_service_line(client, auth):
    auth.login("clerk")
    page = text(client.get("/cases/new?channel=phone"))
    assert page.index('name="phone_line"') < page.index('name="subject"')
    assert re.search(r'<input [^>]*\bautofocus\b[^>]*id="person_phone"', page)
    assert re.search(r'<select [^>]*id="phone_line"', page).group(0).count("autofocus") == 0
    assert '<option selected value="service">Station service line</option>' in page
    assert '<option value="station">Station reporting line</option>' in page
    assert '<option selected value="complaint">' in page
    assert '<option selected value="general">' in page
    assert re.search(r'<input [^>]*name="intake_token"[^>]*value="[0-9a-f]{32}"', page)


def test_confirmation_shows_every_deadline_at_once(app, client, auth):
    auth.login("clerk")
    response = register(
        client, "phone", phone_line="95598", external_ref="GD-1", external_due="2025-03-05"
    )
    page = text(client.get(response.headers["Location"]))
    (case,) = cases(app)
    for label in ("First contact", "Reply", "Close", "Work order deadline"):
        assert label in page
    # Complaint received Monday 3 March 2025: contact 1, reply 3, close 6 working days.
    assert "March 4, 2025" in page and "March 6, 2025" in page and "March 11, 2025" in page
    assert "March 5, 2025" in page  # the work order's own deadline
    assert "unconfirmed" not in page
    assert f"/cases/{case.ref}/receipt" in page
    assert "/cases/new?channel=phone" in page


def test_deadlines_of_a_year_without_official_calendar_are_marked_unconfirmed(client, auth):
    auth.login("clerk")
    response = register(client, "counter", received_date="2003-06-02")
    assert "unconfirmed" in text(client.get(response.headers["Location"]))


def test_transfer_shows_the_superiors_due_date(client, auth):
    auth.login("clerk")
    response = register(
        client, "transfer", superior_ref="县转〔2025〕3号", superior_due="2025-03-20"
    )
    page = text(client.get(response.headers["Location"]))
    assert "Result due to the superior" in page and "March 20, 2025" in page


@pytest.mark.parametrize(
    ("channel", "data", "message"),
    [
        ("counter", {"subject": ""}, "This field is required."),
        ("transfer", {"superior_name": ""}, "This field is required."),
        ("counter", {"subject": "长" * 201}, "At most 200 characters; this has 201."),
        ("counter", {"received_date": "2099-01-01"}, "cannot be in the future"),
        ("letter", {"postmark_date": "2025-03-04"}, "postmark cannot be later"),
        ("letter", {"postcode": "12345"}, "A postcode has 6 digits."),
        ("visit", {"collective": "y", "headcount": "1"}, "at least 2"),
        ("visit", {"collective": "y"}, "at least 2"),
        ("visit", {"repeat_visit": "y"}, "Say why the visit"),
        ("phone", {"phone_line": "95598"}, "A work order from this line has a number"),
        ("phone", {"answered_on_spot": "y"}, "Write down the answer"),
        ("letter", {"enclosures-0-kind": "cash"}, "Describe the item."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    app, client, auth, channel, data, message
):
    auth.login("clerk")
    response = register(client, channel, **data)
    assert response.status_code == 200
    assert any(message in e for e in field_errors(response)), field_errors(response)
    assert "nothing was saved" in text(response)
    assert case_count(app) == 0


def test_a_collective_visit_is_always_important(app, client, auth):
    auth.login("clerk")
    register(client, "visit", collective="y", headcount="12", representatives="张三、李四")
    (case,) = cases(app)
    assert case.importance == "important" and case.headcount == 12


def test_letter_keeps_its_enclosures_and_ignores_empty_rows(app, client, auth):
    auth.login("clerk")
    response = register(
        client,
        "letter",
        postmark_date="2025-03-01",
        postcode="430000",
        **{
            "enclosures-0-kind": "certificate",
            "enclosures-0-description": "身份证复印件",
            "enclosures-0-kept_at": "档案柜一",
            "enclosures-2-description": "照片两张",
            "enclosures-2-returned": "y",
        },
    )
    assert response.status_code == 303
    (case,) = cases(app)
    with app.app_context():
        items = db.session.scalars(select(Enclosure).order_by(Enclosure.id)).all()
        assert [(i.kind, i.description) for i in items] == [
            ("certificate", "身份证复印件"),
            ("other", "照片两张"),
        ]
        assert items[1].returned_on is not None
    receipt = text(client.get(f"/cases/{case.ref}/receipt"))
    assert "身份证复印件" in receipt and "照片两张" in receipt


def test_the_same_form_sent_twice_registers_one_case(app, client, auth):
    auth.login("clerk")
    token = uuid.uuid4().hex
    first = register(client, "phone", token=token)
    second = register(client, "phone", token=token)
    assert case_count(app) == 1
    assert first.headers["Location"] == second.headers["Location"]
    page = text(client.get(second.headers["Location"]))
    assert "already sent" in page


def test_a_malformed_token_still_registers(app, client, auth):
    auth.login("clerk")
    register(client, "counter", token="<script>")
    (case,) = cases(app)
    assert case.intake_token and case.intake_token != "<script>"


def test_answered_on_the_spot_closes_the_case_in_one_step(app, client, auth):
    auth.login("clerk")
    response = register(
        client, "counter", kind="consultation", answered_on_spot="y", answer="已当场解释电价政策"
    )
    (case,) = cases(app)
    assert case.status == "closed" and case.on_the_spot and case.closed_at is not None
    with app.app_context():
        actions = db.session.scalars(
            select(CaseEvent.action).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        ).all()
    assert actions == ["registered", "answer_on_spot"]
    assert "the case is closed" in text(client.get(response.headers["Location"]))


def test_a_clerks_report_is_passed_on_and_not_shown_back(app, client, auth):
    auth.login("clerk")
    secret = "所长收受红包"
    response = register(client, "phone", kind="report", subject=secret, content="具体情况")
    (case,) = cases(app)
    # The one confirmation is the answer to the POST itself: nothing keeps it to show again.
    assert response.status_code == 200
    page = text(response)
    assert case.ref == "JB2025-001" and case.ref in page and "confidential" in page
    assert secret not in page and "具体情况" not in page
    assert re.search(r"\d{4} \d{4} \d{4} \d{4}", page), "the receipt code, in fours"
    for tail in ("", "/receipt", "/registered"):
        assert client.get(f"/cases/{case.ref}{tail}").status_code == 404  # as if there were none
    client.post("/logout")
    auth.login("head")
    assert secret in text(client.get(f"/cases/{case.ref}/registered"))
    assert client.get(f"/cases/{case.ref}").status_code == 200
    assert client.get(f"/cases/{case.ref}/receipt").status_code == 200


def test_topics_of_the_station_are_offered(app, client, auth):
    from station.policies.defaults import ensure_defaults

    with app.app_context():
        station = db.session.scalar(select(Station).where(Station.name == "测试供电所"))
        ensure_defaults(station)
        db.session.commit()
    auth.login("clerk")
    assert "电费电价" in text(client.get("/cases/new?channel=counter"))


def test_register_link_and_home_buttons_for_case_staff_only(client, auth):
    auth.login("clerk")
    home = text(client.get("/"))
    assert 'href="/cases/new"' in home and 'href="/cases/new?channel=letter"' in home
    client.post("/logout")
    auth.login("admin")
    assert "/cases/new" not in text(client.get("/"))


def test_add_row_gives_the_next_enclosure_row_and_rows_far_apart_are_kept(app, client, auth):
    auth.login("clerk")
    fragment = text(client.get("/cases/new/enclosure-row?index=3"))
    assert 'name="enclosures-3-description"' in fragment
    assert "/cases/new/enclosure-row?index=4" in fragment and 'hx-swap-oob="true"' in fragment
    last = text(client.get("/cases/new/enclosure-row?index=99"))
    assert "enclosures-" not in last and "disabled" in last
    register(
        client,
        "letter",
        **{"enclosures-0-description": "现金200元", "enclosures-5-description": "光盘一张"},
    )
    with app.app_context():
        kept = db.session.scalars(select(Enclosure.description).order_by(Enclosure.id)).all()
    assert kept == ["现金200元", "光盘一张"]


def test_a_second_request_with_the_same_token_at_the_same_moment_finds_the_first(
    app, client, auth, monkeypatch
):
    """The race: both requests saw no case with the token; the database refuses the second."""
    from station.intake import service

    auth.login("clerk")
    token = uuid.uuid4().hex
    first = register(client, "phone", token=token)
    real = service.case_with_token
    calls = []

    def not_yet_committed(station_id, value):
        calls.append(value)
        return None if len(calls) == 1 else real(station_id, value)

    monkeypatch.setattr(service, "case_with_token", not_yet_committed)
    second = register(client, "phone", token=token)
    assert second.status_code == 303 and second.headers["Location"] == first.headers["Location"]
    assert case_count(app) == 1


def test_an_inspector_may_not_answer_a_complaint_on_the_spot(app, client, auth):
    auth.login("inspector")
    response = register(client, "counter", answered_on_spot="y", answer="已解释")
    assert any("may not answer" in e for e in field_errors(response))
    assert case_count(app) == 0


def test_a_post_without_the_csrf_token_saves_nothing(app, client, auth):
    auth.login("clerk")
    app.config["WTF_CSRF_ENABLED"] = True
    response = register(client, "phone")
    assert response.status_code == 400  # the app-wide CSRF check answers before the view
    assert case_count(app) == 0
