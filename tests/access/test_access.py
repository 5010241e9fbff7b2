"""The route walk: every route, as every kind of principal, on real records.

The expectations are the literal table of ``access_table.py``; this file only
requests them. A route without a row fails ``test_the_table_names_every_route``,
and so does a row for an endpoint that is gone. Requests that change data when
allowed are walked in ``test_access_changes.py``.
"""

import atexit
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from access_table import CHANGING, ROWS, WHO, Row
from access_world import answer, build, principal_client, row_id, snapshot, url_of
from conftest import PASSWORD, make_app

from station import create_app
from station.extensions import db
from station.models import User
from station.rules import roles as R

_MAP_FOLDER = tempfile.mkdtemp(prefix="station-url-map-")
atexit.register(shutil.rmtree, _MAP_FOLDER, True)
_MAP_APP = create_app(
    {
        "TESTING": True,
        # A folder of its own: the app makes its instance folder private (0700), which must
        # never happen to the system's temporary folder itself.
        "INSTANCE_PATH": _MAP_FOLDER,
        "SECRET_KEY": "only-to-read-the-url-map-0123456789abcdef",
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
    }
)


def test_every_route_declares_who_may_use_it():
    offenders = sorted(
        f"{rule.rule} ({rule.endpoint})"
        for rule in _MAP_APP.url_map.iter_rules()
        if getattr(_MAP_APP.view_functions[rule.endpoint], "access_rule", None) is None
    )
    assert not offenders, (
        "Routes without @public, @logged_in or @roles_required(...): " + ", ".join(offenders)
    )


def test_the_table_names_every_route_and_only_routes():
    routes = {
        (method, rule.endpoint)
        for rule in _MAP_APP.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    rows = {(row.method, row.endpoint) for row in ROWS + CHANGING}
    assert sorted(routes - rows) == [], "routes without a row in tests/access_table.py"
    gone = {e for _, e in rows} - set(_MAP_APP.view_functions)
    assert sorted(gone) == [], "rows of endpoints that no longer exist"
    # A row for a method the route does not take must say so: 405 for everyone.
    for row in ROWS + CHANGING:
        if (row.method, row.endpoint) not in routes:
            assert set(row.expected().values()) == {405}, row


@pytest.fixture(scope="module")
def walk(tmp_path_factory, template_db):
    """One app with the records of access_world and a logged-in client per principal.

    Its requests are GETs and POSTs that change nothing (refused, or a form error).
    """
    app = make_app(tmp_path_factory.mktemp("walk"), template_db)
    world = build(app)
    clients = {who: principal_client(app, world, who) for who in WHO}
    yield app, world, clients
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_route_answers_as_the_table_says(walk, row: Row):
    app, world, clients = walk
    url = url_of(app, row, world)
    before = snapshot(app) if row.method != "GET" else None
    got = {who: answer(clients[who], row, url) for who in WHO}
    assert got == row.expected(), url
    if before is not None:
        assert snapshot(app) == before, "a request that should change nothing changed data"


# --- the mechanism itself, on throwaway apps ------------------------------------


def test_view_without_a_rule_is_refused_to_everyone(app):
    app.add_url_rule("/forgotten", "forgotten", lambda: "secret data")
    anonymous = app.test_client()
    assert anonymous.get("/forgotten").status_code == 403
    admin = app.test_client()
    admin.post("/login", data={"username": "admin", "password": PASSWORD})
    response = admin.get("/forgotten")
    assert response.status_code == 403
    assert "secret data" not in response.get_data(as_text=True)


@dataclass
class Device:
    """A principal that is not a user: a reception kiosk or a wall display, say."""

    roles: frozenset[str]
    station_id: int | None = 1
    is_person: bool = False


def _probe_app(app) -> Callable[[str], bool]:
    from station.access import may_use, roles_required

    @roles_required(R.HEAD)
    def staff_page():
        return "staff"

    @roles_required(R.HEAD, devices=True)
    def board():
        return "board"

    @roles_required(R.ADMIN, installation_only=True, devices=True)
    def county_board():
        return "county"

    for view in (staff_page, board, county_board):
        app.add_url_rule(f"/{view.__name__}", view.__name__, view)
    return lambda endpoint, who: may_use(app, endpoint, who)


def test_a_device_is_let_in_only_where_a_view_admits_devices(app):
    may = _probe_app(app)
    display = Device(roles=frozenset({R.HEAD}))
    person = Device(roles=frozenset({R.HEAD}), is_person=True)
    county = Device(roles=frozenset({R.ADMIN}), station_id=None)
    seen = {
        endpoint: [may(endpoint, display), may(endpoint, person), may(endpoint, county)]
        for endpoint in ("staff_page", "board", "county_board", "admin.users", "auth.login")
    }
    assert seen == {
        "staff_page": [False, True, False],
        "board": [True, True, False],
        "county_board": [False, False, True],
        "admin.users": [False, False, False],
        "auth.login": [True, True, True],
    }
    with app.app_context():
        head = db.session.scalar(db.select(User).where(User.username == "head"))
        assert [may(e, head) for e in ("staff_page", "board", "county_board")] == [
            True,
            True,
            False,
        ]


def test_records_of_another_station_are_not_found(app):
    from station.access import get_in_station_or_404, roles_required

    @roles_required(*R.ALL_ROLES)
    def probe(user_id: int):
        return get_in_station_or_404(User, user_id).username

    app.add_url_rule("/probe/<int:user_id>", "probe", probe)
    with app.app_context():
        ids = dict(db.session.execute(db.select(User.username, User.id)).all())
    seen = {}
    for username in ("clerk", "b_clerk", "county"):
        client = app.test_client()
        client.post("/login", data={"username": username, "password": PASSWORD})
        seen[username] = [client.get(f"/probe/{ids[n]}").status_code for n in ("head", "b_head")]
    assert seen == {"clerk": [200, 404], "b_clerk": [404, 200], "county": [404, 404]}


@pytest.mark.parametrize("roles", [(), ("boss",), (R.CLERK, "Clerk")])
def test_rules_name_known_roles(roles):
    from station.access import roles_required

    with pytest.raises(ValueError):
        roles_required(*roles)
