"""The station settings page: an admin sets how the public reaches the station, and the
acceptance receipt and the reply letter print it."""

import pytest
from case_helpers import get_case, make_case
from conftest import STATION_A, STATION_B
from helpers import add_installation_admin, audit_actions, field_errors, notices, text
from sqlalchemy import select

from station.cases import actions
from station.extensions import db
from station.models import Station, User
from station.timeutil import utcnow

pytestmark = pytest.mark.usefixtures("english")

CONTACT = {
    "phone": "0710-3312345",
    "address": "城关镇人民路88号",
    "reception_place": "营业厅一楼2号窗口",
}


def station_row(app, name: str) -> tuple[str, str, str]:
    with app.app_context():
        s = db.session.scalar(select(Station).where(Station.name == name))
        return (s.phone, s.address, s.reception_place)


def station_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Station.id).where(Station.name == name))


def replied_by_letter(app) -> str:
    ref = make_case(app, person_name="李秀英", person_address="城关镇东街3号")
    with app.app_context():
        case = get_case(app, ref)
        head = db.session.scalar(select(User).where(User.username == "head"))
        actions.accept(case, head, contacted_at=utcnow())
        actions.reply(
            case, head, method="letter", content="经现场核实，已更换电表。", tz="Asia/Shanghai"
        )
        db.session.commit()
    return ref


def test_a_station_admin_sets_the_contact_and_the_receipt_prints_it(app, client, auth):
    ref = make_case(app)
    auth.login("clerk")
    receipt = text(client.get(f"/cases/{ref}/receipt"))
    assert "Phone:" not in receipt and "Address:" not in receipt  # nothing set yet
    auth.logout()

    auth.login("admin")
    assert 'href="/admin/station"' in text(client.get("/"))  # in the navigation
    page = text(client.get("/admin/station"))
    assert f"Station settings: {STATION_A}" in page
    saved = client.post("/admin/station", data=CONTACT, follow_redirects=True)
    assert "Saved. The receipt and the reply letter now show these." in notices(saved)
    assert 'value="0710-3312345"' in text(saved)
    assert station_row(app, STATION_A) == ("0710-3312345", "城关镇人民路88号", "营业厅一楼2号窗口")
    assert station_row(app, STATION_B) == ("", "", "")
    assert audit_actions(app, STATION_A) == ["station_contact_changed"]
    auth.logout()

    auth.login("clerk")
    receipt = text(client.get(f"/cases/{ref}/receipt"))
    assert "Phone: 0710-3312345" in receipt
    assert "Address: 城关镇人民路88号" in receipt
    assert "Reception: 营业厅一楼2号窗口" in receipt


def test_the_reply_letter_prints_the_phone_and_address(app, client, auth):
    ref = replied_by_letter(app)
    auth.login("admin")
    client.post("/admin/station", data=CONTACT)
    auth.logout()
    auth.login("clerk")
    letter = text(client.get(f"/cases/{ref}/reply-letter"))
    assert "Phone: 0710-3312345" in letter and "Address: 城关镇人民路88号" in letter
    assert "营业厅一楼2号窗口" not in letter  # the reception place is for the receipt


def test_a_bad_phone_number_is_refused_and_nothing_saved(app, client, auth):
    auth.login("admin")
    response = client.post("/admin/station", data={**CONTACT, "phone": "请拨总机"})
    assert response.status_code == 200
    assert field_errors(response) == ["A phone number has only digits, spaces, + - ( )."]
    assert 'value="城关镇人民路88号"' in text(response)  # what was typed is kept
    assert station_row(app, STATION_A) == ("", "", "")
    too_long = client.post("/admin/station", data={**CONTACT, "address": "路" * 201})
    assert field_errors(too_long) == ["Field cannot be longer than 200 characters."]
    assert station_row(app, STATION_A) == ("", "", "")


def test_a_station_admin_cannot_set_another_station(app, client, auth):
    auth.login("admin")
    other = station_id(app, STATION_B)
    assert client.get(f"/admin/stations/{other}").status_code == 404
    assert client.post(f"/admin/stations/{other}", data=CONTACT).status_code == 404
    assert station_row(app, STATION_B) == ("", "", "")
    for username in ("clerk", "head"):
        auth.logout()
        auth.login(username)
        assert client.get("/admin/station").status_code == 403
        assert "/admin/station" not in text(client.get("/"))


def test_the_installation_admin_picks_a_station_from_the_list(app, client, auth):
    add_installation_admin(app)
    auth.login("root")
    assert client.get("/admin/station").headers["Location"] == "/admin/stations"
    target = station_id(app, STATION_B)
    listing = text(client.get("/admin/stations"))
    assert f'href="/admin/stations/{target}"' in listing
    response = client.post(f"/admin/stations/{target}", data=CONTACT, follow_redirects=True)
    assert f"Station settings: {STATION_B}" in text(response)
    assert station_row(app, STATION_B) == ("0710-3312345", "城关镇人民路88号", "营业厅一楼2号窗口")
    assert "0710-3312345" in text(client.get("/admin/stations"))


def test_the_old_contact_setting_is_shown_only_until_the_station_has_its_own(app, client, auth):
    app.config["STATION_CONTACT"] = "所长热线 0710-1111111"
    ref = make_case(app)
    auth.login("clerk")
    assert "Contact: 所长热线 0710-1111111" in text(client.get(f"/cases/{ref}/receipt"))
    auth.logout()
    auth.login("admin")
    client.post("/admin/station", data=CONTACT)
    auth.logout()
    auth.login("clerk")
    receipt = text(client.get(f"/cases/{ref}/receipt"))
    assert "Phone: 0710-3312345" in receipt and "所长热线" not in receipt
