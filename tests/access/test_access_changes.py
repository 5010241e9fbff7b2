"""The access table's requests that change data when allowed, on an app of their own.

Each principal logs in afresh (a logout ends the session it is made with), and
every refused request is checked to have changed nothing. An allowed request
does change data; the rows are written so that each principal's status is the
same whoever went before (deactivating twice is a message, not a refusal).
"""

import pytest
from access_table import CHANGING, Row
from access_world import answer, build, principal_client, row_id, snapshot, url_of
from conftest import make_app

from station.extensions import db

REFUSALS = {"L", "K", 403, 404, 405}


@pytest.fixture(scope="module")
def world(tmp_path_factory, template_db):
    app = make_app(tmp_path_factory.mktemp("changes"), template_db)
    yield app, build(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("row", CHANGING, ids=row_id)
def test_route_answers_as_the_table_says(world, row: Row):
    app, records = world
    url = url_of(app, row, records)
    got, changed = {}, []
    for who, expected in row.expected().items():
        browser = principal_client(app, records, who)
        before = snapshot(app) if expected in REFUSALS else None
        got[who] = answer(browser, row, url)
        if before is not None and snapshot(app) != before:
            changed.append(who)
    assert got == row.expected(), url
    assert changed == [], "refused, yet data changed"
