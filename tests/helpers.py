"""Small helpers for tests that read pages the way a user does."""

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from urllib.parse import parse_qsl

from conftest import PASSWORD_HASH
from flask_babel import gettext
from sqlalchemy import event
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from station.extensions import db
from station.models import AuditLog, User
from station.rules import roles as R

_NOTICE = re.compile(r'<p class="notice [a-z]+"[^>]*>(.*?)</p>', re.S)
_FIELD_ERROR = re.compile(r'<small class="error"[^>]*>(.*?)</small>', re.S)


def say(app, msgid: str, **values) -> str:
    """``msgid`` as the user reads it in the default language (Chinese once translated)."""
    with app.test_request_context():
        return gettext(msgid, **values)


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def notices(response) -> list[str]:
    """The flashed messages on a page."""
    return [html.unescape(m).strip() for m in _NOTICE.findall(response.get_data(as_text=True))]


def field_errors(response) -> list[str]:
    return [html.unescape(m).strip() for m in _FIELD_ERROR.findall(response.get_data(as_text=True))]


def get_user(app, username: str) -> User | None:
    """The user, detached from the session (None when there is no such user)."""
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == username))
        if user is not None:
            db.session.expunge(user)
        return user


def add_installation_admin(app, username: str = "root") -> int:
    """An admin without a station, as on a county server."""
    return add_installation_user(app, username, "县局管理员", {R.ADMIN})


def add_county_inspector(app, username: str = "county_insp") -> str:
    """A county-level inspector (县纪委): county and inspector, of no station."""
    add_installation_user(app, username, "县纪委", {R.COUNTY, R.INSPECTOR})
    return username


def add_installation_user(app, username: str, name: str, roles: set[str]) -> int:
    with app.app_context():
        user = User(username=username, name=name, station=None)
        user.password_hash = PASSWORD_HASH
        user.must_change_password = False
        user.roles = roles
        db.session.add(user)
        db.session.commit()
        return user.id


def update_user(app, username: str, **values) -> None:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == username))
        for key, value in values.items():
            setattr(user, key, value)
        db.session.commit()


def audit_actions(app, target: str | None = None) -> list[str]:
    with app.app_context():
        query = db.select(AuditLog.action).order_by(AuditLog.id)
        if target is not None:
            query = query.where(AuditLog.target == target)
        return list(db.session.scalars(query))


def is_logged_in(client) -> bool:
    """Whether the home page opens (rather than sending the browser to the login page)."""
    response = client.get("/")
    return response.status_code == 200


def location_path(response) -> str:
    return response.headers.get("Location", "").split("?")[0]


# A few bytes that pass the upload's content check as a PNG image.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32


def upload(client, ref: str, content: bytes, filename: str):
    # Encoded here, in memory: the test client would spool a large body to a temporary
    # file that stays open when the app refuses the body unread.
    boundary, body = encode_multipart({"file": FileStorage(BytesIO(content), filename)})
    return client.post(
        f"/cases/{ref}/attachments",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def shown_password(response) -> str:
    match = re.search(r'class="one-time-password"><code>([^<]+)</code>', response.text)
    assert match, "the page shows the one-time password"
    return match.group(1)


def failure_message(app) -> str:
    """The one message of every refused login (with the default lockout of 5 tries, 15 min)."""
    return say(
        app,
        "Wrong username or password. After %(n)d wrong tries an account is locked "
        "for %(m)d minutes.",
        n=5,
        m=15,
    )


def open_page(client, url: str):
    """GET ``url`` as a browser opens it; the intake's earlier-cases lookup, which takes its
    phone or ID number by POST (to keep them out of the browser's history), is POSTed with
    the query's values as its form. Lets one list of addresses cover both."""
    path, _, query = url.partition("?")
    if path == "/cases/new/lookup":
        return client.post(path, data=dict(parse_qsl(query, keep_blank_values=True)))
    return client.get(url)


def sqlite_plan(query) -> str:
    """SQLite's plan for ``query`` (a select), a line per step, in the app's session."""
    compiled = query.compile(db.engine, compile_kwargs={"render_postcompile": True})
    params = tuple(compiled.params[name] for name in compiled.positiontup)
    rows = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), params)
    return "\n".join(row[3] for row in rows)


@contextmanager
def recorded_sql(app) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs, in order."""
    seen: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
