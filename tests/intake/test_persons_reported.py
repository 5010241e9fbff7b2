"""The intake records a report's persons reported (被举报人): sealed with its words, and
the staff accounts among them excluded from the report (issue 8 item 5)."""

import re
import uuid

import pytest
from conftest import PASSWORD_HASH, STATION_A
from helpers import field_errors, text
from sqlalchemy import func, select

from station.cases.models import Case
from station.confidential import gate
from station.confidential.models import Exclusion, Sealed
from station.extensions import db
from station.models import Station, User
from station.rules import roles as R

pytestmark = pytest.mark.usefixtures("english")

RECEIVED = {"received_date": "2025-03-03", "received_time": "09:30"}
CHANNEL_FIELDS = {
    "letter": {},
    "visit": {},
    "phone": {"phone_line": "station"},
    "counter": {},
    "transfer": {"superior_name": "县供电公司"},
}
NOT_FOUND = (
    "This person reported is not found among the station's active users: "
    "choose one from the list, or “Not a staff member of this station”."
)


def uid(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.username == username))


def persons(*rows: tuple[str, str, str]) -> dict[str, str]:
    data = {}
    for n, (name, unit, user) in enumerate(rows):
        data |= {
            f"persons_reported-{n}-name": name,
            f"persons_reported-{n}-unit": unit,
            f"persons_reported-{n}-user": user,
        }
    return data


def register(client, channel: str = "counter", kind: str = "report", **data):
    form = {
        "subject": "抄表员收取加急费",
        "content": "每户两百元",
        "kind": kind,
        "importance": "general",
        "intake_token": uuid.uuid4().hex,
        **RECEIVED,
        **CHANNEL_FIELDS[channel],
        **data,
    }
    return client.post(f"/cases/new?channel={channel}", data=form)


def saved(app) -> dict:
    """What the database holds: cases, exclusions, and the persons sealed with each report."""
    with app.app_context():
        found = {"cases": db.session.scalar(select(func.count(Case.id)))}
        found["exclusions"] = db.session.scalar(select(func.count()).select_from(Exclusion))
        case = db.session.scalar(select(Case).order_by(Case.id.desc()))
        found["persons"] = gate.persons_reported(case) if case is not None else None
        found["excluded"] = (
            None
            if case is None
            else sorted(
                user.username
                for user in db.session.scalars(select(User))
                if gate.excluded_user_ids(case, [user.id])
            )
        )
        return found


def _options(page: str, field_id: str) -> list[str]:
    html = page[page.index(f'id="{field_id}"') :].split("</select>")[0]
    return re.findall(r"<option[^>]*>([^<]*)</option>", html)


@pytest.mark.parametrize("channel", sorted(CHANNEL_FIELDS))
def test_each_form_asks_for_three_persons_reported_with_the_stations_users(
    app, client, auth, channel
):
    with app.app_context():
        station = db.session.scalar(select(Station).where(Station.name == STATION_A))
        gone = User(username="gone", name="gone", station=station, active=False)
        gone.password_hash, gone.roles = PASSWORD_HASH, {R.CLERK}
        db.session.add(gone)
        db.session.commit()
    auth.login("clerk")
    page = text(client.get(f"/cases/new?channel={channel}"))
    section = re.search(r'<fieldset data-shown-when="kind" data-shown-values="report">', page)
    assert section is not None and "hidden" not in section.group(0)
    assert "Only for reports: whom the report names." in page
    for n in range(3):
        assert f'name="persons_reported-{n}-name"' in page
        assert f'name="persons_reported-{n}-unit"' in page
        assert _options(page, f"persons_reported-{n}-user") == [
            "Not a staff member of this station",
            "admin",
            "clerk",
            "head",
            "inspector",
        ]
    assert 'name="persons_reported-3-name"' not in page


def test_a_report_records_its_persons_and_excludes_the_staff_among_them(app, client, auth):
    auth.login("clerk")
    head = uid(app, "head")
    response = register(
        client, **persons(("", "供电所", str(head)), ("张三", "县供电公司", ""), ("", "", ""))
    )
    assert response.status_code == 200  # the report's one confirmation
    assert saved(app) == {
        "cases": 1,
        "exclusions": 1,
        "persons": [
            {"name": "head", "unit": "供电所", "user_id": head},
            {"name": "张三", "unit": "县供电公司", "user_id": None},
        ],
        "excluded": ["head"],
    }
    with app.app_context():
        blobs = b"".join(db.session.scalars(select(Sealed.blob)))
    assert "张三".encode() not in blobs and "县供电公司".encode() not in blobs


@pytest.mark.parametrize("channel", sorted(CHANNEL_FIELDS))
def test_every_channel_records_the_persons_reported(app, client, auth, channel):
    auth.login("clerk")
    register(client, channel, **persons(("李四", "营业厅", str(uid(app, "inspector")))))
    found = saved(app)
    assert (found["cases"], found["exclusions"], found["excluded"]) == (1, 1, ["inspector"])


def test_a_report_naming_nobody_has_no_persons_and_no_exclusions(app, client, auth):
    auth.login("clerk")
    register(client, **persons(("", "", ""), ("  ", " ", "")))
    assert saved(app) == {"cases": 1, "exclusions": 0, "persons": [], "excluded": []}


def _b_head(app) -> str:
    return str(uid(app, "b_head"))


def _inactive(app) -> str:
    with app.app_context():
        station = db.session.scalar(select(Station).where(Station.name == STATION_A))
        user = User(username="left", name="left", station=station, active=False)
        user.password_hash, user.roles = PASSWORD_HASH, {R.CLERK}
        db.session.add(user)
        db.session.commit()
        return str(user.id)


# the row posted -> the field that says why, and what it says
BAD_ROWS = {
    "another station's head": (lambda app: ("王五", "", _b_head(app)), "user", NOT_FOUND),
    "a deactivated user": (lambda app: ("王五", "", _inactive(app)), "user", NOT_FOUND),
    "no such user": (lambda app: ("王五", "", "99999"), "user", NOT_FOUND),
    "not a number": (lambda app: ("王五", "", "abc"), "user", NOT_FOUND),
    "a county user": (lambda app: ("王五", "", str(uid(app, "county"))), "user", NOT_FOUND),
    "a unit without a name": (
        lambda app: ("", "县供电公司", ""),
        "name",
        "Write the name of the person reported.",
    ),
    "a name too long": (
        lambda app: ("张" * 51, "", ""),
        "name",
        "At most 50 characters; this has 51. Shorten it: nothing was cut.",
    ),
    "a unit too long": (
        lambda app: ("张三", "局" * 101, ""),
        "unit",
        "At most 100 characters; this has 101. Shorten it: nothing was cut.",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_bad_person_reported_is_refused_and_nothing_saved(app, client, auth, case):
    row, field, message = BAD_ROWS[case]
    posted = row(app)
    auth.login("clerk")
    response = register(client, **persons(("赵六", "", ""), posted))
    assert response.status_code == 200
    page = text(response)
    assert "Please correct the marked fields; nothing was saved." in page
    assert re.search(
        rf'<small class="error" id="persons_reported-1-{field}-error">{re.escape(message)}</small>',
        page.replace("&#34;", '"').replace("&#39;", "'"),
    ), page[page.find("error-summary") :][:1500]
    assert f'href="#persons_reported-1-{field}"' in page  # the summary links to the field
    assert saved(app) == {"cases": 0, "exclusions": 0, "persons": None, "excluded": None}


def test_the_persons_of_another_kind_are_ignored(app, client, auth):
    auth.login("clerk")
    response = register(
        client,
        kind="complaint",
        **persons(("张三", "局" * 101, "99999"), ("", "", str(uid(app, "head")))),
    )
    assert response.status_code == 303
    assert saved(app) == {"cases": 1, "exclusions": 0, "persons": [], "excluded": []}
    assert field_errors(response) == []


def test_the_head_registering_a_report_naming_himself_cannot_open_it(app, client, auth):
    auth.login("head")
    response = register(client, **persons(("", "", str(uid(app, "head")))))
    assert response.status_code == 200
    with app.app_context():
        ref = db.session.scalar(select(Case.ref))
    assert f'href="/cases/{ref}"' not in text(response)
    assert client.get(f"/cases/{ref}").status_code == 404
