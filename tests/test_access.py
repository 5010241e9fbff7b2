"""The route-permission walk: every route of the app, for every kind of user.

The routes are read from a real app at collection time, so a route another
feature adds is walked without changing this file. Each route gets one case
per kind of user; a route that declares no rule fails the first test.
"""

import tempfile
import uuid

import pytest
from conftest import PASSWORD, make_app, seed_staff
from helpers import location_path
from werkzeug.routing import AnyConverter, FloatConverter, IntegerConverter, UUIDConverter

from station import create_app
from station import roles as R
from station.access import PUBLIC
from station.extensions import db
from station.models import User

ANONYMOUS = "anonymous"
INSTALLATION_ADMIN = "root_admin"  # an admin of the whole installation (no station)
# kind of user -> (roles, belongs to a station); the usernames are those of conftest.py
KINDS = {
    ANONYMOUS: (frozenset(), False),
    "clerk": (frozenset({R.CLERK}), True),
    "head": (frozenset({R.HEAD}), True),
    "inspector": (frozenset({R.INSPECTOR}), True),
    "admin": (frozenset({R.ADMIN}), True),
    "county": (frozenset({R.COUNTY}), False),
    "b_clerk": (frozenset({R.CLERK}), True),  # a user of the other station
    INSTALLATION_ADMIN: (frozenset({R.ADMIN}), False),
}

_MAP_APP = create_app(
    {
        "TESTING": True,
        "INSTANCE_PATH": tempfile.gettempdir(),
        "SECRET_KEY": "only-to-read-the-url-map-0123456789abcdef",
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
    }
)


def dummy(converter) -> object:
    """A value the converter accepts: ids that may not exist (404 is fine), words for text."""
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, FloatConverter):
        return 1.0
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=1)
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "x"


def expectation(view, kind: str) -> str:
    """``login``, ``refused``, ``allowed`` or ``public``: what the declaration promises."""
    rule = getattr(view, "access_rule", None)
    roles, in_station = KINDS[kind]
    if rule is None:
        return "refused"
    if rule == PUBLIC:
        return "public"
    if kind == ANONYMOUS:
        return "login"
    if getattr(view, "installation_only", False) and in_station:
        return "refused"
    return "allowed" if roles & rule else "refused"


def walk_cases() -> list:
    cases = []
    adapter = _MAP_APP.url_map.bind("localhost")
    for rule in sorted(_MAP_APP.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        methods = rule.methods - {"HEAD", "OPTIONS"}
        method = "GET" if "GET" in methods else sorted(methods)[0]
        values = {name: dummy(conv) for name, conv in rule._converters.items()}
        try:
            url = adapter.build(rule.endpoint, values, method=method)
        except Exception as exc:  # a converter this walk cannot fill: say so, do not stop
            url = f"unbuildable: {exc!r}; teach dummy() this converter"
        view = _MAP_APP.view_functions[rule.endpoint]
        for kind in KINDS:
            expected = expectation(view, kind)
            # Without GET only refusals are walked: an allowed POST would change data.
            if method == "GET" or expected in ("login", "refused"):
                case_id = f"{method} {rule.rule} as {kind}"
                cases.append(pytest.param(method, url, kind, expected, id=case_id))
    return cases


def test_every_route_declares_who_may_use_it():
    offenders = sorted(
        f"{rule.rule} ({rule.endpoint})"
        for rule in _MAP_APP.url_map.iter_rules()
        if getattr(_MAP_APP.view_functions[rule.endpoint], "access_rule", None) is None
    )
    assert not offenders, (
        "Routes without @public, @logged_in or @roles_required(...): " + ", ".join(offenders)
    )


@pytest.fixture(scope="module")
def walk_app(tmp_path_factory, template_db):
    """One app for the whole walk: its requests are GETs or refusals, which change nothing."""
    app = make_app(tmp_path_factory.mktemp("walk"), template_db)
    seed_staff(app)
    with app.app_context():
        model = db.session.scalar(db.select(User).where(User.username == "county"))
        root = User(username=INSTALLATION_ADMIN, station=None, must_change_password=False)
        root.password_hash = model.password_hash
        root.roles = {R.ADMIN}
        db.session.add(root)
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def client_for(walk_app):
    clients = {}

    def get(kind: str):
        if kind not in clients:
            client = walk_app.test_client()
            if kind != ANONYMOUS:
                response = client.post("/login", data={"username": kind, "password": PASSWORD})
                assert location_path(response) == "/", f"{kind} could not log in"
            clients[kind] = client
        return clients[kind]

    return get


@pytest.mark.parametrize(("method", "url", "kind", "expected"), walk_cases())
def test_route_answers_as_declared(client_for, method, url, kind, expected):
    assert url.startswith("/"), url
    response = client_for(kind).open(url, method=method)
    status = response.status_code
    if expected == "login":
        assert status == 302 and location_path(response) == "/login", status
    elif expected == "refused":
        assert status == 403, f"expected 403, got {status}"
    else:
        assert status != 403, (
            "refused although the declaration allows it: a condition beyond the roles "
            "belongs in the declaration (e.g. roles_required(..., installation_only=True))"
        )
        assert status < 500, status
        assert not (status == 302 and location_path(response) == "/login")


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
