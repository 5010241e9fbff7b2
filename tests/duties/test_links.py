"""The duties' links per role: a page a role may not open is not linked for it anywhere it
looks (the access table proves the refusal itself). Issue 9, "Who may do what": clerks
record openings and calls and run the kiosk; heads do everything, plus the host schedule and
the devices; inspectors read the reporting-line log; the admin keeps the box and line
settings, not their content; the county has none of these pages."""

import re

import pytest

from station.extensions import db
from station.models import User
from station.rules import roles as R

# Where each role looks: its home page and every duty page it opens.
PAGES = ("/", "/duties/", "/box/", "/hotline/", "/reception/")
DUTY_LINKS = frozenset(
    {
        "/duties/",
        "/box/",
        "/box/new",
        "/hotline/",
        "/hotline/line",
        "/reception/",
        "/reception/notice",
        "/reception/hosts",
        "/devices/",
    }
)
EXPECTED = {
    "clerk": {"/duties/", "/box/", "/hotline/", "/reception/", "/reception/notice"},
    "head": {
        "/duties/",
        "/box/",
        "/box/new",
        "/hotline/",
        "/reception/",
        "/reception/notice",
        "/reception/hosts",
        "/devices/",
    },
    "inspector": {"/duties/", "/hotline/"},
    "admin": {"/box/", "/box/new", "/hotline/line"},
    "county": set(),
    "root_admin": set(),  # the installation's admin keeps no station's boxes or line
}


def make_root_admin(app) -> None:
    with app.app_context():
        admin = db.session.scalar(db.select(User).where(User.username == "admin"))
        root = User(
            username="root_admin", name="root_admin", station=None,
            password_hash=admin.password_hash, must_change_password=False,
        )  # fmt: skip
        root.roles = {R.ADMIN}
        db.session.add(root)
        db.session.commit()


def links_seen(client) -> set[str]:
    seen: set[str] = set()
    for path in PAGES:
        response = client.get(path)
        if response.status_code == 200:
            seen |= set(re.findall(r'href="([^"?#]*)', response.get_data(as_text=True)))
    return seen & DUTY_LINKS


@pytest.mark.parametrize("username", EXPECTED)
def test_each_role_is_linked_to_its_duty_pages_and_no_others(app, client, auth, username):
    if username == "root_admin":
        make_root_admin(app)
    auth.login(username)
    assert links_seen(client) == EXPECTED[username]
