"""The `station` command through Click's runner: init, add-station, create-user.

Tests that need an empty database use an SQLite file of their own: the
PostgreSQL run shares one database, which must stay migrated for the others.
"""

import pytest
from conftest import STATION_A, STATION_B
from helpers import say

from station import create_app
from station.database import schema_state
from station.extensions import db
from station.models import Station, User


@pytest.fixture
def fresh(tmp_path):
    """An app whose database does not exist yet."""
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": tmp_path,
            "SECRET_KEY": "test-secret-key-not-for-production-0123456789",
            "SQLALCHEMY_DATABASE_URI": "sqlite:///" + (tmp_path / "fresh.db").as_posix(),
            "WTF_CSRF_ENABLED": False,
        }
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def invoke(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def station_names(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(db.select(Station.name).order_by(Station.id)))


def usernames(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(db.select(User.username).order_by(User.id)))


def user(app, username: str) -> User:
    with app.app_context():
        found = db.session.scalar(db.select(User).where(User.username == username))
        if found is not None:
            _ = found.roles, found.station  # load before the session closes
            db.session.expunge(found)
        return found


def one_time_password(output: str) -> str:
    line = next(x for x in output.splitlines() if x.startswith("One-time password:"))
    return line.split(":", 1)[1].split()[0]


# --- init -----------------------------------------------------------------------


def test_init_creates_the_database_and_names_the_station(fresh):
    result = invoke(fresh, "init", "--name", "城关供电所")
    assert result.exit_code == 0, result.output
    assert "城关供电所" in result.output
    assert station_names(fresh) == ["城关供电所"]
    with fresh.app_context():
        assert schema_state() == "current"


def test_init_without_a_name_then_naming_it(fresh):
    assert invoke(fresh, "init").exit_code == 0
    assert len(station_names(fresh)) == 1
    assert invoke(fresh, "init", "--name", "河口供电所").exit_code == 0
    assert station_names(fresh) == ["河口供电所"]


def test_init_again_keeps_every_row(fresh):
    invoke(fresh, "init", "--name", "城关供电所")
    created = invoke(fresh, "create-user", "keeper", "--role", "clerk")
    assert created.exit_code == 0, created.output
    result = invoke(fresh, "init")
    assert result.exit_code == 0, result.output
    assert usernames(fresh) == ["keeper"]
    assert station_names(fresh) == ["城关供电所"]


def test_init_on_a_working_database_changes_nothing(app):
    before = (station_names(app), usernames(app))
    result = invoke(app, "init")
    assert result.exit_code == 0, result.output
    assert (station_names(app), usernames(app)) == before


def test_init_does_not_rename_a_named_station(app):
    result = invoke(app, "init", "--name", "另一个供电所")
    assert result.exit_code == 2
    assert "add-station" in result.output
    assert station_names(app) == [STATION_A, STATION_B]


# --- add-station ----------------------------------------------------------------


def test_add_station(app):
    result = invoke(app, "add-station", "新村供电所")
    assert result.exit_code == 0, result.output
    assert station_names(app) == [STATION_A, STATION_B, "新村供电所"]


@pytest.mark.parametrize("name", [STATION_A, f"  {STATION_A} "])
def test_duplicate_station_is_refused(app, name):
    result = invoke(app, "add-station", name)
    assert result.exit_code == 2
    assert say(app, "A station named %(name)s already exists.", name=STATION_A) in result.output
    assert "Traceback" not in result.output
    assert station_names(app) == [STATION_A, STATION_B]


def test_add_station_needs_the_database(fresh):
    result = invoke(fresh, "add-station", "新村供电所")
    assert result.exit_code == 2
    assert "station init" in result.output


# --- create-user ----------------------------------------------------------------


def test_create_user_prints_a_one_time_password(app):
    result = invoke(
        app, "create-user", "newbie", "--role", "clerk", "--role", "head",
        "--name", "新人", "--station", STATION_B,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    created = user(app, "newbie")
    assert created.roles == {"clerk", "head"}
    assert created.station.name == STATION_B
    assert created.name == "新人"
    assert created.must_change_password
    assert created.check_password(one_time_password(result.output))


def test_create_user_reads_the_password_from_stdin(app):
    result = invoke(
        app, "create-user", "chosen", "--role", "admin", "--station", STATION_A,
        "--password-stdin", input="a-password-i-chose\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "One-time password" not in result.output
    assert "a-password-i-chose" not in result.output
    assert user(app, "chosen").check_password("a-password-i-chose")


def test_too_short_password_from_stdin_is_refused(app):
    before = usernames(app)
    result = invoke(
        app, "create-user", "shorty", "--role", "clerk", "--station", STATION_A,
        "--password-stdin", input="short\n",
    )  # fmt: skip
    assert result.exit_code == 2
    assert say(app, "The password needs at least %(n)d characters.", n=10) in result.output
    assert usernames(app) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--role", "boss", "--station", STATION_A], "boss"),
        (["--role", "clerk", "--station", "没有这个所"], "没有这个所"),
        (["--role", "clerk"], "--station"),  # two stations: which one?
        (["--role", "inspector"], "--station"),
    ],
    ids=["unknown-role", "unknown-station", "several-stations", "several-stations-inspector"],
)
def test_bad_create_user_requests_exit_2_and_create_nothing(app, args, words):
    before = usernames(app)
    result = invoke(app, "create-user", "someone", *args)
    assert result.exit_code == 2
    assert words in result.output
    assert usernames(app) == before


@pytest.mark.parametrize("username", ["clerk", "CLERK", " clerk "])
def test_duplicate_username_is_refused(app, username):
    before = usernames(app)
    result = invoke(app, "create-user", username, "--role", "head", "--station", STATION_A)
    assert result.exit_code == 2
    assert say(app, "The username %(name)s is taken.", name=username.strip()) in result.output
    assert usernames(app) == before
    assert user(app, "clerk").roles == {"clerk"}


def test_county_user_needs_no_station(app):
    result = invoke(app, "create-user", "county2", "--role", "county")
    assert result.exit_code == 0, result.output
    assert user(app, "county2").station is None


def test_the_only_station_may_be_left_out(fresh):
    invoke(fresh, "init", "--name", "城关供电所")
    result = invoke(fresh, "create-user", "solo", "--role", "clerk")
    assert result.exit_code == 0, result.output
    assert user(fresh, "solo").station.name == "城关供电所"
